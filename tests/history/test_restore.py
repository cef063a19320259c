"""Restoring one entry or the whole material to a snapshot: recorded (恢复前, then 恢复) and undone
by restoring the 恢复前 snapshot."""

from django.urls import reverse

from apps.entries import services as entry_services
from apps.entries.models import Cause, Measure, Problem
from apps.history.models import Snapshot
from apps.history.state import live_state
from apps.ledger.models import ProgressNote


def _restore_entry(client, snapshot, kind, pk):
    url = reverse(
        "history:restore_entry",
        args=[snapshot.material.meeting_id, snapshot.material_id, snapshot.pk, kind, pk],
    )
    return client.post(url)


def _restore_material(client, snapshot):
    url = reverse(
        "history:restore_material", args=[snapshot.material.meeting_id, snapshot.material_id, snapshot.pk]
    )
    return client.post(url)


def test_one_changed_problem_goes_back_and_the_restore_is_recorded(editor, drafter, team, problems, snap):
    old = snap(team)
    problem = problems[0]
    problem.headline, problem.example = "后来改的", "比如，后来加的事例"
    problem.save()
    problems[1].headline = "别的问题也改了"
    problems[1].save()
    response = _restore_entry(editor, old, "problem", problem.pk)
    assert response.status_code == 302
    problem.refresh_from_db()
    assert (problem.headline, problem.example) == ("测试问题0", "比如，某次会议")
    assert Problem.objects.get(pk=problems[1].pk).headline == "别的问题也改了"  # only this entry
    before, after = Snapshot.objects.filter(material=team).order_by("pk")[1:]
    assert (before.reason, after.reason, after.user) == ("before_restore", "restore", drafter)


def test_a_deleted_measure_comes_back_with_its_items_and_links(editor, team, problems, linked, snap):
    cause, measure = linked
    old = snap(team)
    measure_pk = measure.pk
    measure.delete()
    _restore_entry(editor, old, "measure", measure_pk)
    back = Measure.objects.get(pk=measure_pk)
    assert [i.text for i in back.items.order_by("position")] == ["坚持集体学习", "开展专题研讨"]
    assert list(back.problems.all()) == [problems[0]] and list(back.causes.all()) == [cause]


def test_a_deleted_problem_comes_back_linked_from_its_cause(editor, team, problems, linked, snap):
    cause, _ = linked
    old = snap(team)
    pk = problems[0].pk
    problems[0].delete()
    _restore_entry(editor, old, "problem", pk)
    assert list(Cause.objects.get(pk=cause.pk).problems.values_list("pk", flat=True)) == [pk]


def test_the_whole_material_goes_back_and_the_undo_brings_the_later_text_again(
    editor, team, problems, linked, aspects, snap
):
    old = snap(team)
    expected = live_state(team)
    entry_services.problem_add(material=team, aspect=aspects[0], headline="恢复时应删去的问题")
    problems[1].delete()
    entry_services.problems_reorder(
        material=team,
        aspect=aspects[0],
        ordered_ids=[
            *team.problems.filter(aspect=aspects[0]).order_by("-position").values_list("pk", flat=True)
        ],
    )
    team.preamble = "后来写的开头"
    team.save()
    linked[1].items.first().delete()
    later = live_state(team)

    assert _restore_material(editor, old).status_code == 302
    assert live_state(team).content_hash() == expected.content_hash()

    undo = Snapshot.objects.filter(material=team, reason="before_restore").get()
    _restore_material(editor, undo)
    assert live_state(team).content_hash() == later.content_hash()


def test_a_stale_page_cannot_overwrite_a_restore(editor, team, problems, snap):
    old = snap(team)
    problem = problems[0]
    problem.headline = "后来改的"
    problem.save()
    loaded_at = Problem.objects.get(pk=problem.pk).revision
    _restore_entry(editor, old, "problem", problem.pk)
    assert Problem.objects.get(pk=problem.pk).revision > loaded_at


def test_an_entry_the_snapshot_lacks_is_refused_with_a_message(editor, team, problems, snap):
    old = snap(team)
    newer = entry_services.problem_add(material=team, aspect=problems[0].aspect, headline="后来的")
    response = _restore_entry(editor, old, "problem", newer.pk)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["未能恢复：该版本中没有这一条目。"]


def test_the_whole_material_brings_back_changed_links_and_links_to_a_deleted_problem(
    editor, team, problems, linked, snap
):
    cause, measure = linked
    old = snap(team)
    expected = live_state(team)
    cause.problems.set([problems[1]])
    measure.causes.clear()
    answered = problems[0].pk
    problems[0].delete()  # the cause and the measure both answered it

    assert _restore_material(editor, old).status_code == 302
    assert list(Cause.objects.get(pk=cause.pk).problems.values_list("pk", flat=True)) == [answered]
    back = Measure.objects.get(pk=measure.pk)
    assert list(back.problems.values_list("pk", flat=True)) == [answered]
    assert list(back.causes.all()) == [cause]
    assert live_state(team).content_hash() == expected.content_hash()


def test_a_measure_followed_in_the_ledger_since_survives_a_whole_material_restore(
    editor, drafter, team, problems, snap
):
    """Restoring an older version deletes the entries added since, but not a measure whose progress
    the 整改台账 already records: its notes, files and status record would go with it."""
    old = snap(team)
    followed = entry_services.measure_add(material=team, headline="后来制定并已推进的措施")
    # (The fixture's meeting lies in the future: its notes are written straight to the table.)
    Measure.objects.filter(pk=followed.pk).update(status="in_progress")
    ProgressNote.objects.create(measure=followed, author=drafter, text="已召开专题会议部署。")
    unfollowed = entry_services.measure_add(material=team, headline="后来制定尚未启动的措施")

    assert _restore_material(editor, old).status_code == 302
    assert not team.measures.filter(pk=unfollowed.pk).exists()
    followed.refresh_from_db()
    assert followed.status == "in_progress" and followed.progress_notes.count() == 1
