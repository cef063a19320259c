"""What changed between two versions: entries added, removed, moved and changed, with the changed
Chinese text marked character by character, on a page laid out like the preview."""

import re

from django.urls import reverse

from apps.entries import services as entry_services
from apps.entries.models import Problem
from apps.history.diff import Segment, char_diff, material_diff
from apps.history.state import live_state, revision_state


def test_the_char_diff_marks_only_the_changed_characters_of_a_chinese_sentence():
    old = "理论学习不够深入，满足于一般性了解。"
    new = "理论学习不够系统深入，满足于碎片化了解。"
    segments = char_diff(old, new)
    assert [s.text for s in segments if s.op == "ins"] == ["系统", "碎片化"]
    assert [s.text for s in segments if s.op == "del"] == ["一般性"]
    assert "".join(s.text for s in segments if s.op != "del") == new
    assert "".join(s.text for s in segments if s.op != "ins") == old


def test_common_characters_are_not_junk():
    # With autojunk the frequent 的 would be ignored and the whole sentence marked as replaced.
    old = "的" * 120 + "甲"
    new = "的" * 120 + "乙"
    assert char_diff(old, new) == [Segment("eq", "的" * 120), Segment("del", "甲"), Segment("ins", "乙")]


def _diff(team, snapshot, aspects):
    return material_diff(revision_state(snapshot.revision), live_state(team), aspects, {})


def _entries(diff):
    return {e.pk: e for block in diff.aspects for e in block.problems} | {e.pk: e for e in diff.causes}


def test_added_removed_moved_and_changed_entries(team, problems, aspects, snap):
    old = snap(team)
    extra = entry_services.problem_add(material=team, aspect=aspects[0], headline="新增的问题")
    removed_pk = problems[1].pk
    problems[1].delete()
    entry_services.problems_reorder(material=team, aspect=aspects[0], ordered_ids=[extra.pk, problems[0].pk])
    moved_to = problems[2]
    Problem.objects.filter(pk=moved_to.pk).update(aspect=aspects[1], position=9, headline="测试问题二改")
    diff = _diff(team, old, aspects)
    entries = _entries(diff)
    assert entries[extra.pk].status == "added"
    assert entries[removed_pk].status == "removed"
    assert entries[moved_to.pk].moved and entries[moved_to.pk].status == "changed"
    assert entries[moved_to.pk].notes[0] == "原在（三）方面"
    assert diff.counts["added"] == 1 and diff.counts["removed"] == 1
    # The reordered problem kept its text: moved only (the new one went in front of it).
    assert entries[problems[0].pk].status == "same"


def test_a_link_change_is_a_change_of_the_cause(team, problems, linked, aspects, snap):
    cause, _ = linked
    old = snap(team)
    cause.problems.add(problems[1])
    entry = {e.pk: e for e in _diff(team, old, aspects).causes}[cause.pk]
    assert entry.status == "changed"
    assert entry.notes == ["对应问题增加：测试问题1"]


def test_the_compare_page_marks_inserted_and_deleted_characters(editor, team, problems, snap):
    old = snap(team)
    problem = problems[0]
    problem.headline = "测试问题零"
    problem.save()
    url = reverse("history:compare", args=[team.meeting_id, team.pk])
    response = editor.get(url, {"a": old.pk, "b": "now"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>0</del><ins>零</ins>" in html
    assert re.search(r'data-status="changed"', html)
    assert "（一）带头学习测试内容方面" in html  # laid out by aspect, as the preview prints


def test_two_snapshots_compare(editor, team, problems, snap):
    first = snap(team)
    problems[0].delete()
    second = snap(team, "submit")
    response = editor.get(
        reverse("history:compare", args=[team.meeting_id, team.pk]), {"a": first.pk, "b": second.pk}
    )
    assert response.context["diff"].counts["removed"] == 1
    assert "<del>测试问题0</del>" in response.content.decode()
