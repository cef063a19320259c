"""The ledger's writes: every action by every role from every status through the services, what
标记完成, 销号 and 重新打开 need, progress notes (a first one starts the measure), the history record
of each write (a MaterialEdit revision on the material's 版本 page), and who is told."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from reversion.models import Version

from apps.entries import services as entry_services
from apps.entries.models import Measure
from apps.history.models import MaterialEdit
from apps.ledger import services
from apps.ledger.models import Evidence, ProgressNote, StatusChange
from apps.notifications.models import Notification
from tests.ledger.measure_cast import *  # noqa: F403  (the cast's fixtures)
from tests.ledger.measure_cast import COMPLETED_ON, ROLES, STATUSES, add_note, png_bytes, set_status, upload

S = Measure.Status
A = StatusChange.Action
FOLLOWERS = {"owner", "drafter", "secretary", "admin"}
EXPECTED = {
    A.START: {role: {S.NOT_STARTED} for role in FOLLOWERS},
    A.COMPLETE: {role: {S.NOT_STARTED, S.IN_PROGRESS} for role in FOLLOWERS},
    A.CLOSE: {"secretary": {S.DONE}, "admin": {S.DONE}},
    A.REOPEN: {
        "owner": {S.DONE},
        "drafter": {S.DONE},
        "secretary": {S.DONE, S.CLOSED},
        "admin": {S.DONE, S.CLOSED},
    },
}
TARGET = {A.START: S.IN_PROGRESS, A.COMPLETE: S.DONE, A.CLOSE: S.CLOSED, A.REOPEN: S.IN_PROGRESS}


def act(measure, user, action, **extra):
    data = {"note": "学习计划已印发，专题研讨已开展。", "completed_on": COMPLETED_ON, **extra}
    if action != A.COMPLETE:
        data.pop("completed_on")
    return services.transition(measure=measure, user=user, action=action, **data)


@pytest.mark.parametrize("action", [a.value for a in A])
@pytest.mark.parametrize("role", ROLES)
def test_every_action_by_every_role_from_every_status(cast, measure, role, action):
    user = cast[role]
    allowed_from = EXPECTED[action].get(role, set())
    for status in STATUSES:
        set_status(measure, status)
        if status in allowed_from:
            record = act(measure, user, action)
            measure.refresh_from_db()
            assert measure.status == TARGET[action]
            assert (record.action, record.from_status, record.to_status, record.user) == (
                action,
                status,
                TARGET[action],
                user,
            )
        else:
            changes = StatusChange.objects.count()
            with pytest.raises(PermissionDenied) as refused:
                act(measure, user, action)
            assert str(refused.value)
            measure.refresh_from_db()
            assert measure.status == status and StatusChange.objects.count() == changes


def test_the_whole_life_of_a_measure_is_recorded_in_order(measure, owner, secretary, drafter):
    services.note_add(
        measure=measure, user=owner, text="制定了学习计划。", noted_on=datetime.date(2031, 2, 1)
    )
    act(measure, owner, A.COMPLETE, note="", completed_on=COMPLETED_ON)
    act(measure, secretary, A.REOPEN, note="研讨建议清单还没有落实。")
    act(measure, drafter, A.COMPLETE, note="研讨建议已逐条落实。")
    act(measure, secretary, A.CLOSE, note="中心组学习制度化，研讨建议全部落实。")
    record = list(measure.status_changes.values_list("action", "from_status", "to_status"))
    assert record == [
        ("start", "not_started", "in_progress"),
        ("complete", "in_progress", "done"),
        ("reopen", "done", "in_progress"),
        ("complete", "in_progress", "done"),
        ("close", "done", "closed"),
    ]
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == (S.CLOSED, COMPLETED_ON)
    assert measure.status_changes.last().note == "中心组学习制度化，研讨建议全部落实。"


# --- 标记完成 ------------------------------------------------------------------------------------


def test_complete_needs_a_completion_date_not_in_the_future_nor_before_the_meeting(measure, owner):
    add_note(measure)
    cases = {
        None: "请填写完成日期。",
        datetime.date(2031, 6, 2): "完成日期不能晚于今天（2031年6月1日）。",
        datetime.date(2031, 1, 4): "完成日期不能早于会议日期（2031年1月5日）。",
    }
    for day, message in cases.items():
        with pytest.raises(ValidationError) as error:
            act(measure, owner, A.COMPLETE, completed_on=day)
        assert error.value.message_dict["completed_on"] == [message]
    measure.refresh_from_db()
    assert measure.status == S.NOT_STARTED and not measure.status_changes.exists()
    act(measure, owner, A.COMPLETE, note="", completed_on=datetime.date(2031, 1, 5))
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == (S.DONE, datetime.date(2031, 1, 5))


def test_complete_needs_a_progress_note_existing_or_written_with_it(measure, owner):
    with pytest.raises(ValidationError) as error:
        act(measure, owner, A.COMPLETE, note="  ")
    assert error.value.message_dict["note"] == [services.NEEDS_PROGRESS]
    assert not measure.progress_notes.exists()
    act(measure, owner, A.COMPLETE, note="学习计划已印发执行。", files=[upload("计划.png", png_bytes())])
    note = measure.progress_notes.get()
    assert (note.text, note.noted_on, note.author) == ("学习计划已印发执行。", COMPLETED_ON, owner)
    assert note.evidence.get().name == "计划.png"
    assert measure.status_changes.get().note == "完成日期：2031年3月1日\n学习计划已印发执行。"


def test_files_with_complete_need_a_few_words_and_other_actions_take_none(measure, owner, secretary):
    add_note(measure)
    with pytest.raises(ValidationError) as error:
        act(measure, owner, A.COMPLETE, note="", files=[upload("a.png", png_bytes())])
    assert error.value.message_dict["note"] == [services.FILES_NEED_TEXT]
    set_status(measure, S.DONE)
    with pytest.raises(ValidationError) as error:
        act(measure, secretary, A.CLOSE, files=[upload("a.png", png_bytes())])
    assert error.value.message_dict["files"] == [services.FILES_ONLY_WITH_NOTES]
    assert not Evidence.objects.exists()


# --- 销号 and 重新打开 -------------------------------------------------------------------------------


def test_close_needs_a_note_on_the_effect_and_reopen_a_reason(measure, secretary):
    set_status(measure, S.DONE)
    for action in (A.CLOSE, A.REOPEN):
        with pytest.raises(ValidationError) as error:
            act(measure, secretary, action, note=" \n ")
        assert error.value.message_dict["note"] == [services.NOTE_REQUIRED[action]]
    measure.refresh_from_db()
    assert measure.status == S.DONE and not measure.status_changes.exists()


def test_an_over_long_note_is_refused_not_cut(measure, secretary):
    set_status(measure, S.DONE)
    with pytest.raises(ValidationError) as error:
        act(measure, secretary, A.CLOSE, note="效" * 2001)
    assert error.value.message_dict["note"] == ["最多 2000 字，现有 2001 字，请精简。"]


def test_reopening_clears_the_completion_date_and_a_closed_measure_reopens_only_by_the_secretary(
    measure, owner, secretary
):
    set_status(measure, S.CLOSED)
    with pytest.raises(PermissionDenied):
        act(measure, owner, A.REOPEN, note="还要补充材料")
    act(measure, secretary, A.REOPEN, note="巡察反馈问题出现反弹。")
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == (S.IN_PROGRESS, None)


def test_a_status_changed_meanwhile_is_read_again_before_acting(measure, owner, secretary):
    """Two people on stale pages: the second action sees the status the first one left."""
    set_status(measure, S.DONE)
    stale = Measure.objects.select_related("material__meeting__unit", "owner").get(pk=measure.pk)
    act(measure, secretary, A.CLOSE, note="整改到位。")
    with pytest.raises(PermissionDenied) as refused:
        act(stale, owner, A.REOPEN, note="再看看")
    assert str(refused.value) == "措施已销号，只有书记可以重新打开。"
    assert Measure.objects.get(pk=measure.pk).status == S.CLOSED


# --- Progress notes -------------------------------------------------------------------------------


def test_a_first_note_starts_the_measure(measure, drafter):
    note = services.note_add(measure=measure, user=drafter, text="已召开专题会部署。", noted_on=COMPLETED_ON)
    measure.refresh_from_db()
    assert measure.status == S.IN_PROGRESS
    change = measure.status_changes.get()
    assert (change.action, change.user, change.note) == (A.START, drafter, "填写进展")
    services.note_add(measure=measure, user=drafter, text="第二次进展。", noted_on=COMPLETED_ON)
    assert measure.status_changes.count() == 1
    assert note.author == drafter


def test_a_note_needs_text_and_a_date_not_in_the_future(measure, owner):
    with pytest.raises(ValidationError) as error:
        services.note_add(measure=measure, user=owner, text=" ", noted_on=datetime.date(2031, 6, 2))
    assert error.value.message_dict == {
        "text": [services.TEXT_REQUIRED],
        "noted_on": ["进展日期不能晚于今天（2031年6月1日）。"],
    }
    with pytest.raises(ValidationError) as error:
        services.note_add(measure=measure, user=owner, text="进展", noted_on=None)
    assert error.value.message_dict == {"noted_on": ["请填写进展日期。"]}
    assert not ProgressNote.objects.exists()


@pytest.mark.parametrize("role", ["member", "supervisor", "organisation", "outsider"])
def test_readers_write_no_note(cast, measure, role):
    with pytest.raises(PermissionDenied) as refused:
        services.note_add(measure=measure, user=cast[role], text="进展", noted_on=COMPLETED_ON)
    assert str(refused.value) == "只有责任领导、撰稿人或书记可以填写整改进展。"
    assert not ProgressNote.objects.exists()


def test_a_closed_measure_takes_no_note(measure, secretary):
    set_status(measure, S.CLOSED)
    with pytest.raises(PermissionDenied):
        services.note_add(measure=measure, user=secretary, text="补充", noted_on=COMPLETED_ON)


def test_a_refused_file_stores_nothing(measure, owner, media):
    with pytest.raises(ValidationError) as error:
        services.note_add(
            measure=measure,
            user=owner,
            text="附件",
            noted_on=COMPLETED_ON,
            files=[upload("好.png", png_bytes()), upload("坏.pdf", b"not a pdf at all")],
        )
    assert list(error.value.message_dict) == ["files"]
    assert not ProgressNote.objects.exists() and not Evidence.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_files_written_before_a_failure_are_removed(measure, owner, media, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_record", fail)
    with pytest.raises(RuntimeError):
        services.note_add(
            measure=measure,
            user=owner,
            text="附件",
            noted_on=COMPLETED_ON,
            files=[upload("a.png", png_bytes())],
        )
    assert not Evidence.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


# --- History --------------------------------------------------------------------------------------


def test_every_write_is_a_revision_in_the_materials_edit_record(measure, owner, secretary, team):
    services.note_add(
        measure=measure,
        user=owner,
        text="已制定计划。",
        noted_on=COMPLETED_ON,
        files=[upload("a.png", png_bytes())],
    )
    act(measure, owner, A.COMPLETE, note="")
    act(measure, secretary, A.CLOSE, note="整改到位。")
    edits = list(MaterialEdit.objects.filter(material=team).order_by("pk").select_related("revision"))
    assert [edit.action for edit in edits] == ["台账：填写进展", "台账：标记完成", "台账：销号"]
    assert [edit.revision.user for edit in edits] == [owner, owner, secretary]
    assert edits[2].revision.comment == "台账：销号“坚持不懈强化理论武装”"
    measure_version = Version.objects.get_for_object(measure).filter(revision=edits[2].revision).get()
    assert json.loads(measure_version.serialized_data)[0]["fields"]["status"] == "closed"
    first = {version.object_repr for version in edits[0].revision.version_set.all()}
    assert {"坚持不懈强化理论武装", "a.png", "2031-03-01 已制定计划。"} <= first
    assert any("开始推进" in label for label in first)


def test_the_versions_page_lists_the_ledger_writes(client, measure, owner, drafter, team):
    services.note_add(measure=measure, user=owner, text="已制定计划。", noted_on=COMPLETED_ON)
    client.force_login(drafter)
    page = client.get(reverse("history:versions", args=[team.meeting_id, team.pk])).content.decode()
    assert "台账：填写进展“坚持不懈强化理论武装”" in page


# --- Who is told ----------------------------------------------------------------------------------


def test_the_secretary_is_told_when_done_and_the_owner_when_signed_off_or_reopened(
    measure, owner, drafter, secretary
):
    add_note(measure)
    act(measure, drafter, A.COMPLETE, note="")
    told = Notification.objects.get(user=secretary)
    assert "待销号" in told.text and told.url == services.measure_url(measure)
    act(measure, secretary, A.CLOSE, note="整改到位。")
    assert Notification.objects.filter(user=owner, kind="ledger_close").exists()
    assert Notification.objects.filter(user=drafter, kind="ledger_close").exists()
    act(measure, secretary, A.REOPEN, note="出现反弹。")
    reopened = Notification.objects.get(user=owner, kind="ledger_reopen")
    assert "出现反弹" in reopened.text
    assert not Notification.objects.filter(
        user=secretary, kind__in=["ledger_close", "ledger_reopen"]
    ).exists()


def test_starting_and_notes_tell_nobody(measure, owner):
    services.note_add(measure=measure, user=owner, text="进展", noted_on=COMPLETED_ON)
    assert not Notification.objects.exists()


# --- Never deleted --------------------------------------------------------------------------------


def test_a_followed_measure_is_never_deleted(measure):
    for status in (S.IN_PROGRESS, S.DONE, S.CLOSED):
        set_status(measure, status)
        with pytest.raises(ValidationError):
            entry_services.entry_delete(measure)
    assert Measure.objects.filter(pk=measure.pk).exists()
