"""The first-person hints migration outlines 0004 gives the aspects of the standard outlines."""

import importlib

import pytest
from django.apps import apps as django_apps

from apps.outlines.models import Aspect, OutlineTemplate

migration = importlib.import_module("apps.outlines.migrations.0004_standard_member_guidance")


def standard_aspects():
    outlines = [OutlineTemplate.objects.get(name=name, year=year) for name, year in migration.MEMBER_GUIDANCE]
    return Aspect.objects.filter(outline__in=outlines)


def test_every_standard_aspect_has_a_member_hint_in_the_first_person(db):
    aspects = standard_aspects()
    assert aspects.count() == 25
    for aspect in aspects:
        text = aspect.member_guidance
        assert "我" in text or "自己" in text, aspect.label
        assert "班子" not in text, aspect.label
        assert "比如" in text, aspect.label
        assert 80 <= len(text) <= 150, aspect.label
        assert text != aspect.guidance


def test_the_texts_match_the_aspects_they_were_written_for(db):
    for (name, year), texts in migration.MEMBER_GUIDANCE.items():
        outline = OutlineTemplate.objects.get(name=name, year=year)
        labels = list(outline.aspects.order_by("position").values_list("label", flat=True))
        assert labels == [label for label, _ in texts]


@pytest.fixture
def outline_2023(db) -> OutlineTemplate:
    return OutlineTemplate.objects.get(year=2023, meeting_kind="special_democratic_life")


def test_an_aspect_an_admin_added_or_put_in_a_shipped_place_is_left_alone(outline_2023):
    migration.clear_member_guidance(django_apps, None)
    added = outline_2023.aspects.create(position=7, label="新增方面", wording="管理员新增的方面")
    outline_2023.aspects.filter(position=6).delete()
    replaced = outline_2023.aspects.create(position=6, label="换上的方面", wording="管理员换上的方面")
    migration.fill_member_guidance(django_apps, None)
    added.refresh_from_db()
    replaced.refresh_from_db()
    assert (added.member_guidance, replaced.member_guidance) == ("", "")
    assert outline_2023.aspects.get(position=1).member_guidance


def test_running_forward_again_keeps_an_admins_own_hint(outline_2023):
    outline_2023.aspects.filter(position=1).update(member_guidance="管理员改写的提示")
    migration.fill_member_guidance(django_apps, None)
    assert outline_2023.aspects.get(position=1).member_guidance == "管理员改写的提示"


def test_backward_clears_the_hints_and_forward_writes_them_again(db):
    migration.clear_member_guidance(django_apps, None)
    assert not standard_aspects().exclude(member_guidance="").exists()
    migration.fill_member_guidance(django_apps, None)
    assert not standard_aspects().filter(member_guidance="").exists()
