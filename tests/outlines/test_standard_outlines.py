"""The standard outlines shipped by migration outlines 0002."""

import importlib

import pytest
from django.apps import apps as django_apps

from apps.outlines.models import Aspect, OutlineSection, OutlineTemplate

migration = importlib.import_module("apps.outlines.migrations.0002_standard_outlines")

STANDARD = [
    # (year, meeting_kind, number of aspects, first aspect label)
    (2021, "special_democratic_life", 5, "两个确立"),
    (2023, "special_democratic_life", 6, "理论学习"),
    (2024, "democratic_life", 4, "政治纪律"),
    (None, "democratic_life", 5, "政治建设"),
    (None, "organisational_life", 5, "理论学习"),
]
SECTION_PARTS = {
    "team": ["problems", "causes", "measures"],
    "member": ["recap", "problems", "causes", "measures"],
    "situation": ["preparation", "meeting", "rectification"],
}


def standard_outlines():
    names = [(spec["name"], spec["year"]) for spec in migration.OUTLINES]
    return [OutlineTemplate.objects.get(name=name, year=year) for name, year in names]


@pytest.mark.parametrize(("year", "kind", "count", "first_label"), STANDARD)
def test_standard_outline_exists_after_migrate_with_its_aspects_in_order(db, year, kind, count, first_label):
    outline = OutlineTemplate.objects.get(year=year, meeting_kind=kind)
    aspects = list(outline.aspects.order_by("position"))
    assert [aspect.position for aspect in aspects] == list(range(1, count + 1))
    assert aspects[0].label == first_label
    assert outline.is_active


def test_the_2021_outline_has_the_five_leads_in_official_order(db):
    outline = OutlineTemplate.objects.get(year=2021, meeting_kind="special_democratic_life")
    wordings = list(outline.aspects.values_list("wording", flat=True))
    assert wordings[0] == "带头深刻感悟“两个确立”的决定性意义"
    assert wordings[1] == "带头牢记我们党是什么、要干什么这个根本问题"
    assert all(wording.startswith("带头") for wording in wordings)


def test_the_2024_outline_has_the_four_leads(db):
    outline = OutlineTemplate.objects.get(year=2024, meeting_kind="democratic_life")
    assert list(outline.aspects.values_list("wording", flat=True)) == [
        "带头严守政治纪律和政治规矩，维护党的团结统一",
        "带头增强党性、严守纪律、砥砺作风",
        "带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新",
        "带头履行全面从严治党政治责任",
    ]


def test_the_2023_outline_has_its_general_requirement(db):
    outline = OutlineTemplate.objects.get(year=2023, meeting_kind="special_democratic_life")
    assert outline.general_requirement == "学思想、强党性、重实践、建新功"
    assert outline.aspects.count() == 6


def test_every_aspect_has_wording_short_label_and_guidance_with_an_example(db):
    aspects = Aspect.objects.filter(outline__in=standard_outlines())
    assert aspects.count() == 25
    for aspect in aspects:
        assert aspect.wording
        assert 0 < len(aspect.label) <= 30
        assert 60 <= len(aspect.guidance) <= 200, aspect.label
        assert "比如" in aspect.guidance, aspect.label


def test_every_outline_has_the_sections_of_each_document_in_order(db):
    for outline in standard_outlines():
        for document, parts in SECTION_PARTS.items():
            sections = list(outline.sections.filter(document=document).order_by("position"))
            assert [section.part for section in sections] == parts
            assert [section.position for section in sections] == list(range(1, len(parts) + 1))


def test_section_headings_carry_no_numbers(db):
    for heading in OutlineSection.objects.values_list("heading", flat=True):
        assert heading and heading[0] not in "一二三四五六七八九十（(0123456789"


def test_situation_report_headings_are_the_standard_ones(db):
    outline = OutlineTemplate.objects.get(year=2023, meeting_kind="special_democratic_life")
    headings = outline.sections.filter(document="situation").values_list("heading", flat=True)
    assert list(headings) == [
        "精心组织准备，深入查摆问题",
        "深刻对照检查，真诚批评帮助",
        "制定整改措施，强力推进落实",
    ]


def test_running_the_migration_again_creates_nothing_twice(db):
    counts = (OutlineTemplate.objects.count(), Aspect.objects.count(), OutlineSection.objects.count())
    migration.create_standard_outlines(django_apps, None)
    assert (OutlineTemplate.objects.count(), Aspect.objects.count(), OutlineSection.objects.count()) == counts


def test_an_outline_an_admin_edited_is_left_alone(db):
    outline = OutlineTemplate.objects.get(year=2024, meeting_kind="democratic_life")
    outline.aspects.filter(position=4).delete()
    migration.create_standard_outlines(django_apps, None)
    assert outline.aspects.count() == 3


def test_backward_deletes_the_standard_outlines_and_forward_restores_them(db):
    OutlineTemplate.objects.create(name="管理员自建提纲", year=2025, meeting_kind="democratic_life")
    migration.delete_standard_outlines(django_apps, None)
    assert list(OutlineTemplate.objects.values_list("name", flat=True)) == ["管理员自建提纲"]
    assert not Aspect.objects.exists()
    migration.create_standard_outlines(django_apps, None)
    assert OutlineTemplate.objects.count() == 6
    assert Aspect.objects.count() == 25
