"""Whole-material snapshots at each review transition and each export."""

import re
from types import SimpleNamespace

from django.urls import reverse
from reversion.models import Revision, Version

from apps.comments.anchors import Target
from apps.comments.services import comment_create
from apps.entries.models import Material
from apps.history.models import Snapshot
from apps.history.snapshots import Reason
from apps.history.state import live_state, revision_state
from apps.review.signals import material_transitioned
from tests.workspace.conftest import material_url, post_json


def test_a_return_snapshots_the_whole_material_with_the_comment(team, problems, linked, secretary):
    team.status = Material.Status.RETURNED
    team.save()
    # apps.review sends its Transition row; only its id and comment are read here.
    transition = SimpleNamespace(pk=7, comment="第一条问题缺少事例")
    material_transitioned.send(sender=None, material=team, transition=transition, user=secretary)
    snapshot = Snapshot.objects.get(material=team)
    assert (snapshot.reason, snapshot.user, snapshot.note, snapshot.transition_id) == (
        "return",
        secretary,
        "第一条问题缺少事例",
        7,
    )
    stored = revision_state(snapshot.revision)
    assert stored == live_state(team)
    assert set(stored.problems) == {p.pk for p in problems}
    assert len(stored.items) == 2 and stored.measures[linked[1].pk]["causes"] == [linked[0].pk]


def test_each_transition_is_named_by_the_status_it_leaves(team, problems, secretary):
    for status, reason in [("submitted", "submit"), ("approved", "approve"), ("draft", "reopen")]:
        Material.objects.filter(pk=team.pk).update(status=status)
        material_transitioned.send(sender=None, material=team, transition=None, user=secretary)
        assert Snapshot.objects.filter(material=team).latest("pk").reason == reason


def test_an_export_snapshots_the_material_it_prints(editor, drafter, meeting, team, problems):
    response = editor.get(reverse("exports:download", args=[meeting.pk, "team", "docx"]))
    assert response.status_code == 200
    snapshot = Snapshot.objects.get(material=team)
    assert (snapshot.reason, snapshot.user, snapshot.note) == ("export", drafter, "导出 Word")


def test_an_unchanged_export_shares_the_last_revision_and_a_changed_one_does_not(
    editor, meeting, team, problems
):
    url = reverse("exports:download", args=[meeting.pk, "team", "pdf"])
    editor.get(url)
    versions = Version.objects.count()
    editor.get(url)
    first, second = Snapshot.objects.filter(material=team).order_by("pk")
    assert second.revision_id == first.revision_id
    assert Version.objects.count() == versions  # nothing copied again
    problem = problems[0]
    post_json(
        editor,
        material_url("problem_save", team, problem.pk),
        {
            "headline": "改过的问题",
            "elaboration": "",
            "example": "",
            "source": "self",
            "revision": problem.revision,
        },
    )
    editor.get(url)
    third = Snapshot.objects.filter(material=team).latest("pk")
    assert third.revision_id != second.revision_id
    assert revision_state(third.revision).problems[problem.pk]["headline"] == "改过的问题"


def test_a_ledger_export_snapshots_no_material(editor, meeting, team):
    editor.get(reverse("exports:download", args=[meeting.pk, "ledger", "xlsx"]))
    assert not Snapshot.objects.exists()
    assert not Revision.objects.exists()


def test_the_versions_page_shows_each_comment_on_the_version_it_was_made_on(
    client, editor, secretary, team, snap
):
    # Submitted (a snapshot), the 书记 comments on what she reads, then returns it (another snapshot):
    # the comment belongs to the submitted version, not to the returned one.
    submitted = snap(team, Reason.SUBMIT)
    comment_create(
        material=team, author=secretary, target=Target("material"), body="第二个方面缺少具体事例。"
    )
    returned = snap(team, Reason.RETURN)

    client.force_login(secretary)
    page = client.get(reverse("history:versions", args=[team.meeting_id, team.pk])).content.decode()
    rows = dict(re.findall(r'<tr data-snapshot="(\d+)"(.*?)</tr>', page, flags=re.S))
    assert "在这个版本上提出的意见 1 条" in rows[str(submitted.pk)]
    assert "第二个方面缺少具体事例" in rows[str(submitted.pk)]
    assert "在这个版本上提出的意见" not in rows[str(returned.pk)]
