"""copied_text: (a) another unit's material, (b) the unit's own earlier material, (c) a snippet used
unchanged; small edits survive; a drafter never reads the other unit's text, an administrator does."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.checks.copies.index import refresh
from apps.checks.models import IndexedParagraph
from apps.entries.models import Material, Problem
from apps.meetings.models import Meeting
from apps.snippets.models import Snippet, SnippetUse
from tests.checks.helpers import add_problem, aspects_of, findings_of

# Our own test paragraphs (three sentences each, well over the 30-character minimum).
THEIRS = (
    "班子成员深入基层调研的次数偏少，听取汇报多、实地查看少，对群众反映强烈的停车难、"
    "办事慢等问题掌握不够具体，制定的措施针对性不强，有的事项拖了半年仍未解决。"
)
# The same paragraph after small edits: a word changed, a comma dropped, a phrase added.
OURS_EDITED = (
    "班子成员深入基层调研的次数较少，听取汇报多实地查看少，对群众反映强烈的停车难、"
    "办事慢等问题掌握得不够具体，制定的措施针对性不强，有的事项拖了半年仍未解决。"
)
UNRELATED = (
    "今年以来，我们在推进乡村振兴项目时，对资金使用的监管存在薄弱环节，个别项目验收把关不严，台账资料不全。"
)


@pytest.fixture
def our_material(meeting) -> Material:
    return meeting.materials.get(member__isnull=True)


@pytest.fixture
def their_material(other_meeting) -> Material:
    material = other_meeting.materials.get(member__isnull=True)
    add_problem(material, aspects_of(other_meeting)[0], elaboration=THEIRS, example="")
    return material


def test_a_near_copy_of_another_units_material_is_found_with_score_and_spans(our_material, their_material):
    problem = add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=OURS_EDITED)
    [finding] = findings_of(our_material, "copied_text")
    assert finding.entry_type == "problem" and finding.entry_id == problem.pk
    assert finding.field == "elaboration" and finding.where == "（一）学习 · 一是 · 具体表现"
    assert 0.8 <= finding.score <= 1
    assert "与其他单位材料重复约" in finding.message
    # The spans are in OUR text, and each marks characters the other text has in the same order.
    assert finding.spans and finding.text == OURS_EDITED
    for start, end in finding.spans:
        assert 0 <= start < end <= len(OURS_EDITED)
    covered = sum(end - start for start, end in finding.spans)
    assert covered >= 0.8 * len(OURS_EDITED)
    pieces = [OURS_EDITED[start:end] for start, end in finding.spans]
    assert all(piece in THEIRS for piece in pieces)
    assert "较少" not in "".join(pieces)  # the edited word is not marked as shared


def test_an_unrelated_paragraph_is_not_flagged(our_material, their_material):
    add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=UNRELATED)
    assert not findings_of(our_material, "copied_text")


def test_a_drafter_learns_how_much_repeats_but_never_the_other_units_name_or_text(
    our_material, their_material, drafter, admin_user
):
    add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=OURS_EDITED)
    [for_drafter] = findings_of(our_material, "copied_text", for_user=drafter)
    other = their_material.meeting
    assert other.unit.name not in for_drafter.message and other.title not in for_drafter.message
    assert "有的事项拖了半年" not in for_drafter.message  # not one phrase of the other text
    assert "共" in for_drafter.message and "字" in for_drafter.message
    [for_admin] = findings_of(our_material, "copied_text", for_user=admin_user)
    assert other.unit.name in for_admin.message and other.title in for_admin.message
    assert "有的事项拖了半年仍未解决" in for_admin.message


def test_the_units_own_earlier_material_is_named(our_material, unit, outline):
    earlier = Meeting.objects.create(
        unit=unit,
        outline=outline,
        kind=outline.meeting_kind,
        year=2029,
        title="测试局党委2029年度民主生活会",
        date=datetime.date(2030, 1, 8),
    )
    old = Material.objects.create(meeting=earlier)
    add_problem(old, aspects_of(earlier)[0], elaboration=THEIRS, example="")
    add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=OURS_EDITED)
    [finding] = findings_of(our_material, "copied_text")
    assert "测试局党委2029年度民主生活会" in finding.message and "年年提" in finding.message


def test_a_later_meeting_of_the_same_unit_is_not_a_source(our_material, unit, outline):
    later = Meeting.objects.create(
        unit=unit, outline=outline, kind=outline.meeting_kind, year=2031, title="以后的会议"
    )
    add_problem(Material.objects.create(meeting=later), aspects_of(later)[0], elaboration=THEIRS)
    add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=OURS_EDITED)
    assert not findings_of(our_material, "copied_text")


def test_a_snippet_used_unchanged_is_named(our_material, unit, drafter):
    snippet = Snippet.objects.create(unit=unit, text=THEIRS, source="2024年问题素材汇编")
    problem = add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=THEIRS)
    SnippetUse.objects.create(
        snippet=snippet,
        material=our_material,
        entry_type=ContentType.objects.get_for_model(Problem),
        entry_id=problem.pk,
        field_name="elaboration",
        mode="replace",
        used_by=drafter,
    )
    [finding] = findings_of(our_material, "copied_text")
    assert "素材库" in finding.message and "2024年问题素材汇编" in finding.message
    assert finding.spans == [(0, len(THEIRS))]
    problem.elaboration = UNRELATED + "结合实际改写后的内容。"
    problem.save()
    assert not findings_of(our_material, "copied_text")


def test_the_index_follows_edits_lazily(our_material, their_material):
    add_problem(our_material, aspects_of(our_material.meeting)[0], elaboration=OURS_EDITED)
    assert findings_of(our_material, "copied_text")
    problem = their_material.problems.get()
    problem.elaboration = UNRELATED
    problem.save()
    assert not findings_of(our_material, "copied_text")  # their edit reached the index
    assert refresh() == 0  # and nothing is left to index
    problem.delete()
    refresh()
    assert not IndexedParagraph.objects.filter(material=their_material).exists()
