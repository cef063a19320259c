"""The writes of the 整改台账: a progress note (with its evidence files) and a status change.

Each write is one transaction and one django-reversion revision with a MaterialEdit, so it shows in
the 修改记录 of the material's 版本 page ("台账：销号 …"). Who may write is decided by
:mod:`apps.ledger.rules` (PermissionDenied with its Chinese reason); bad input is a ValidationError
keyed by the form field (``text``, ``noted_on``, ``note``, ``completed_on``, ``files``). The
measure row is locked while its status is read and changed, so two people acting at once cannot
both act on one status. Evidence files written by a write that then fails are removed again.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import reversion
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import UnitRole
from apps.core.numbering import cn_date
from apps.core.text import clean_text, shorten
from apps.entries.models import Measure
from apps.history.models import MaterialEdit
from apps.ledger import evidence, rules
from apps.ledger.models import ProgressNote, StatusChange
from apps.notifications.services import notify_audiences, users_with_role

Action = StatusChange.Action
Status = Measure.Status
Role = UnitRole.Role

TEXT_LIMIT = ProgressNote._meta.get_field("text").max_length  # StatusChange.note's too
TEXT_REQUIRED = "请填写进展情况：做了什么、进度如何。"
NOTE_REQUIRED = {
    Action.CLOSE: "销号时请填写整改成效：做了哪些工作、问题解决得怎么样。",
    Action.REOPEN: "重新打开时请写明原因。",
}
NEEDS_PROGRESS = "标记完成前至少要有一条整改进展：请在“完成情况”中写明完成了什么。"
FILES_NEED_TEXT = "附上佐证材料时，请在“完成情况”中写几句说明。"
FILES_ONLY_WITH_NOTES = "佐证材料请在填写进展或标记完成时上传。"
DATE_REQUIRED = {"completed_on": "请填写完成日期。", "noted_on": "请填写进展日期。"}


def _too_long(text: str) -> str:
    return f"最多 {TEXT_LIMIT} 字，现有 {len(text)} 字，请精简。" if len(text) > TEXT_LIMIT else ""


def _date_error(day: datetime.date | None, field: str, measure: Measure) -> str:
    """A completion or progress date: given, not in the future, not before the meeting."""
    if day is None:
        return DATE_REQUIRED[field]
    today = timezone.localdate()
    name = "完成日期" if field == "completed_on" else "进展日期"
    if day > today:
        return f"{name}不能晚于今天（{cn_date(today)}）。"
    meeting_date = measure.material.meeting.date
    if field == "completed_on" and meeting_date and day < meeting_date:
        return f"完成日期不能早于会议日期（{cn_date(meeting_date)}）。"
    return ""


def _checked_files(files: Sequence[File], errors: dict[str, list[str]]) -> list[evidence.Checked]:
    try:
        return evidence.check_files(files)
    except ValidationError as error:
        errors.setdefault("files", []).extend(error.message_dict["files"])
        return []


def _raise(errors: dict[str, list[str] | str]) -> None:
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def _lock(measure: Measure) -> None:
    """Lock the row and read the status again: another user may have acted since the page loaded."""
    row = Measure.objects.select_for_update().filter(pk=measure.pk).values("status", "completed_on").get()
    measure.status, measure.completed_on = row["status"], row["completed_on"]


def _record(measure: Measure, user, label: str) -> None:
    """Make the current revision the material's 修改记录 entry for this ledger write."""
    action = f"台账：{label}"
    reversion.set_user(user)
    reversion.set_comment(f"{action}“{shorten(measure.headline, 30)}”")
    reversion.add_to_revision(measure)
    reversion.add_meta(MaterialEdit, material_id=measure.material_id, action=action[:40])


# --- Progress notes -------------------------------------------------------------------------------


def note_add(
    *,
    measure: Measure,
    user,
    text: str,
    noted_on: datetime.date | None,
    files: Sequence[File] = (),
) -> ProgressNote:
    """A dated progress note with its evidence files. A note on a 未启动 measure starts it
    (recorded as a 开始推进 status change)."""
    reason = rules.note_refusal(user, measure)
    if reason:
        raise PermissionDenied(reason)
    text = clean_text(text or "")
    errors: dict[str, list[str]] = {
        "text": [TEXT_REQUIRED if not text else _too_long(text)],
        "noted_on": [_date_error(noted_on, "noted_on", measure)],
    }
    checked = _checked_files(files, errors)
    _raise({field: [m for m in messages if m] for field, messages in errors.items()})
    stored: list[str] = []
    try:
        with transaction.atomic(), reversion.create_revision():
            _lock(measure)
            reason = rules.note_refusal(user, measure)
            if reason:
                raise PermissionDenied(reason)
            note = ProgressNote.objects.create(measure=measure, author=user, noted_on=noted_on, text=text)
            evidence.attach(note, checked, user, stored)
            if measure.status == Status.NOT_STARTED:
                _change_status(measure, user, Action.START, note="填写进展")
            _record(measure, user, "填写进展")
    except BaseException:
        evidence.discard(stored)
        raise
    return note


# --- Status changes -------------------------------------------------------------------------------


def transition(
    *,
    measure: Measure,
    user,
    action: str,
    note: str = "",
    completed_on: datetime.date | None = None,
    files: Sequence[File] = (),
) -> StatusChange:
    """Take ``action`` (开始推进, 标记完成, 销号, 重新打开) on ``measure``.

    标记完成 needs a completion date (not in the future, not before the meeting) and at least one
    progress note: an existing one, or ``note`` (with ``files``), which becomes a note dated the
    completion day. 销号 needs ``note`` on the effect (整改成效), reopening a reason; reopening
    clears the completion date."""
    reason = rules.refusal(user, measure, action)
    if reason:
        raise PermissionDenied(reason)
    rule = rules.RULES[action]
    note = clean_text(note or "")
    errors: dict[str, list[str]] = {"note": [_too_long(note)]}
    if rule.note_required and not note:
        errors["note"].append(NOTE_REQUIRED[action])
    if action == Action.COMPLETE:
        errors["completed_on"] = [_date_error(completed_on, "completed_on", measure)]
        if files and not note:
            errors["note"].append(FILES_NEED_TEXT)
        elif not note and not ProgressNote.objects.filter(measure=measure).exists():
            errors["note"].append(NEEDS_PROGRESS)
    elif files:
        errors["files"] = [FILES_ONLY_WITH_NOTES]
    checked = _checked_files(files, errors) if action == Action.COMPLETE else []
    _raise({field: [m for m in messages if m] for field, messages in errors.items()})
    stored: list[str] = []
    try:
        with transaction.atomic(), reversion.create_revision():
            _lock(measure)
            reason = rules.refusal(user, measure, action)
            if reason:
                raise PermissionDenied(reason)
            if action == Action.COMPLETE:
                _complete_note(measure, user, note, completed_on, checked, stored)
            record = _change_status(measure, user, action, note=note, completed_on=completed_on)
            _record(measure, user, Action(action).label)
            _notify(record, user)
    except BaseException:
        evidence.discard(stored)
        raise
    return record


def _complete_note(measure, user, note, completed_on, checked, stored) -> None:
    """The note written with 标记完成 joins the progress list, dated the completion day."""
    if note:
        written = ProgressNote.objects.create(measure=measure, author=user, noted_on=completed_on, text=note)
        evidence.attach(written, checked, user, stored)


def _change_status(
    measure: Measure, user, action: str, note: str = "", completed_on: datetime.date | None = None
) -> StatusChange:
    source, target = measure.status, rules.RULES[action].target
    if action == Action.COMPLETE:
        measure.completed_on = completed_on
        note = "\n".join(part for part in (f"完成日期：{cn_date(completed_on)}", note) if part)
    elif action == Action.REOPEN:
        measure.completed_on = None
    # Not through save(): the workspace's optimistic-lock revision and updated_at are about the
    # text (an editor's open page must not be told of a conflict over a status it does not show).
    Measure.objects.filter(pk=measure.pk).update(status=target, completed_on=measure.completed_on)
    measure.status = target
    return StatusChange.objects.create(
        measure=measure, action=action, from_status=source, to_status=target, user=user, note=note
    )


# --- Who is told ----------------------------------------------------------------------------------


def measure_url(measure: Measure) -> str:
    return reverse("ledger:measure", args=[measure.pk])


def _owner_users(measure: Measure):
    owner = measure.owner if measure.owner_id else None
    if owner is None or owner.user_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(pk=owner.user_id, is_active=True)


def _notify(record: StatusChange, actor) -> None:
    """标记完成 → the 书记 (待销号); 销号 → the owner and the drafters; reopening → the owner and the
    drafters, and the 书记 when a measure waiting for 销号 is taken back. Starting tells nobody."""
    measure = record.measure
    unit = measure.material.meeting.unit
    who = actor.get_full_name() or actor.get_username()
    label = f"“{shorten(measure.headline)}”"
    audiences = []
    if record.action == Action.COMPLETE:
        audiences.append((users_with_role(unit, Role.SECRETARY), f"整改措施{label}已标记完成，待销号。"))
    elif record.action == Action.CLOSE:
        text = f"整改措施{label}已由{who}销号。"
        audiences += [(_owner_users(measure), text), (users_with_role(unit, Role.DRAFTER), text)]
    elif record.action == Action.REOPEN:
        text = f"{who}重新打开了整改措施{label}：{shorten(record.note)}"
        audiences += [(_owner_users(measure), text), (users_with_role(unit, Role.DRAFTER), text)]
        if record.from_status == Status.DONE:
            audiences.append((users_with_role(unit, Role.SECRETARY), text))
    notify_audiences(audiences, actor=actor, url=measure_url(measure), kind=f"ledger_{record.action}")
