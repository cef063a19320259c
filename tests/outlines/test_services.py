"""Copying an outline as the start of next year's outline."""

import pytest

from apps.outlines.models import OutlineSection, OutlineTemplate
from apps.outlines.services import outline_copy


@pytest.fixture
def sectioned_outline(outline) -> OutlineTemplate:
    outline.general_requirement = "学思想、强党性"
    outline.description = "上级通知要点"
    outline.title_theme = "测试教育"
    outline.save()
    outline.aspects.filter(position=1).update(
        guidance="写班子的具体事例", member_guidance="写我自己的具体事例"
    )
    for position, (part, heading) in enumerate([("problems", "存在的主要问题"), ("causes", "原因剖析")], 1):
        OutlineSection.objects.create(
            outline=outline, document="team", part=part, position=position, heading=heading
        )
    OutlineSection.objects.create(
        outline=outline, document="member", part="recap", position=1, heading="上年度"
    )
    return outline


def test_copy_has_the_aspects_and_sections_and_next_year(sectioned_outline):
    copy = outline_copy(outline=sectioned_outline)

    assert copy.pk != sectioned_outline.pk
    assert (copy.name, copy.year, copy.meeting_kind) == ("测试提纲（副本）", 2031, "democratic_life")
    assert (copy.theme, copy.title_theme, copy.general_requirement, copy.description) == (
        "测试主题",
        "测试教育",
        "学思想、强党性",
        "上级通知要点",
    )
    assert copy.is_active is False
    fields = ("position", "wording", "label", "guidance", "member_guidance")
    assert list(copy.aspects.values_list(*fields)) == list(sectioned_outline.aspects.values_list(*fields))
    fields = ("document", "part", "position", "heading")
    assert list(copy.sections.values_list(*fields)) == list(sectioned_outline.sections.values_list(*fields))
    # The original keeps its own rows.
    assert sectioned_outline.aspects.count() == 3
    assert sectioned_outline.sections.count() == 3
    assert copy.aspects.get(position=1).member_guidance == "写我自己的具体事例"


def test_copies_get_distinct_names_and_a_copy_of_a_copy_is_not_suffixed_twice(outline):
    first = outline_copy(outline=outline)
    second = outline_copy(outline=outline)
    assert (first.name, second.name) == ("测试提纲（副本）", "测试提纲（副本2）")
    assert outline_copy(outline=first).name == "测试提纲（副本）"  # for 2032, the name is free


def test_generic_outline_copy_stays_generic(db):
    generic = OutlineTemplate.objects.create(name="通用测试提纲", meeting_kind="organisational_life")
    generic.aspects.create(position=1, wording="理论学习", label="学习")
    copy = outline_copy(outline=generic)
    assert copy.year is None
    assert copy.name == "通用测试提纲（副本）"
    assert copy.aspects.get().label == "学习"


def test_long_name_is_cut_to_fit_the_suffix(db):
    outline = OutlineTemplate.objects.create(name="长" * 150, year=2030, meeting_kind="democratic_life")
    copy = outline_copy(outline=outline)
    assert len(copy.name) == 150
    assert copy.name.endswith("（副本）")


def test_copy_is_keyword_only(outline):
    with pytest.raises(TypeError):
        outline_copy(outline)  # type: ignore[misc]
