"""Steps of the meeting itself: 会议信息 (with attendance), 会前准备 (study sessions, solicitations,
opinions, talks) and, after the meeting, 情况报告.

Every card is its own autosaved form (static/js/autosave.js, protocol in apps/workspace/autosave.py);
writes go through apps.meetings.services. Ids in URLs are looked up among the meeting's own rows,
so another meeting's ids are a 404; readers see the forms disabled and get a 403 when posting.
Each save answers with the step marks and the page's counts (``summary``: element text by key,
shown in ``[data-summary=key]``), so nothing on the page goes stale.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from apps.core.numbering import cn_date
from apps.meetings import selectors, services
from apps.meetings.models import Attendance, Meeting, OpinionSolicitation
from apps.workspace import autosave
from apps.workspace.meeting_forms import (
    AttendanceForm,
    MeetingInfoForm,
    OpinionForm,
    OpinionPasteForm,
    ReportForm,
    SolicitationForm,
    StudySessionForm,
    TalkForm,
    aspect_label,
    member_label,
)
from apps.workspace.views.common import load_meeting, meeting_page_context, meeting_progress


def _is_ajax(request) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


@dataclass
class Choices:
    """What the cards choose from, loaded once per page or request."""

    members: dict
    member_labels: dict
    aspects: dict | None = None
    aspect_labels: dict | None = None
    solicitations: dict | None = None
    solicitation_labels: dict | None = None

    @classmethod
    def of(cls, meeting: Meeting, *, aspects: bool = False, solicitations=None) -> "Choices":
        day = meeting.date or timezone.localdate()
        members = selectors.unit_members(meeting)
        choices = cls({m.pk: m for m in members}, {m.pk: member_label(m, day) for m in members})
        if aspects:
            rows = list(meeting.outline.aspects.order_by("position"))
            choices.aspects = {a.pk: a for a in rows}
            choices.aspect_labels = {a.pk: aspect_label(n, a) for n, a in enumerate(rows, start=1)}
        if solicitations is not None:
            choices.solicitations = {s.pk: s for s in solicitations}
            choices.solicitation_labels = {s.pk: solicitation_label(s) for s in solicitations}
        return choices

    def opinion_kwargs(self) -> dict:
        return {
            "options": {"aspect": self.aspects, "target_member": self.members},
            "labels": {"aspect": self.aspect_labels, "target_member": self.member_labels},
        }

    def talk_kwargs(self) -> dict:
        return {
            "options": {"initiator": self.members, "counterpart": self.members},
            "labels": {"initiator": self.member_labels, "counterpart": self.member_labels},
        }


def solicitation_label(solicitation: OpinionSolicitation) -> str:
    label = solicitation.get_method_display()
    if solicitation.date:
        label += f"（{cn_date(solicitation.date)}）"
    if solicitation.participants:
        label += f" {solicitation.participants}"
    return label


def _card_urls(meeting: Meeting, name: str, pk: int) -> dict:
    return {
        "save": reverse(f"workspace:{name}_save", args=[meeting.pk, pk]),
        "delete": reverse(f"workspace:{name}_delete", args=[meeting.pk, pk]),
    }


def _with_urls(meeting: Meeting, name: str, forms: list) -> list:
    for form in forms:
        form.urls = _card_urls(meeting, name, form.instance.pk)
    return forms


# --- 会议信息 ---------------------------------------------------------------------------------------


def attendance_summary(rows: list[Attendance]) -> dict:
    present = sum(1 for row in rows if row.present)
    absent = [f"{row.member.name}（{row.absence_reason or '未填写原因'}）" for row in rows if not row.present]
    return {
        "attendance": f"应到{len(rows)}人，实到{present}人",
        "absentees": ("缺席：" + "、".join(absent)) if absent else "",
    }


def deadline_warning(meeting: Meeting) -> str:
    count = services.measures_due_before_meeting(meeting)
    if not count:
        return ""
    return f"有{count}项整改措施的完成时限早于会议日期（{cn_date(meeting.date)}），请到整改措施中调整。"


def _info_form(meeting: Meeting, data=None) -> MeetingInfoForm:
    day = meeting.date or timezone.localdate()
    members = selectors.unit_members(meeting)
    return MeetingInfoForm(
        data,
        instance=meeting,
        options={"host": {m.pk: m for m in members}},
        labels={"host": {m.pk: member_label(m, day, with_title=True) for m in members}},
    )


@require_GET
@login_required
def info_page(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    info_form = _info_form(meeting)
    # Members who joined since the list was made are on it unsaved: their row is written by its first
    # save, never by a visit (a GET writes nothing).
    rows = selectors.meeting_attendance(meeting)
    attendance = []
    for row in rows:
        form = AttendanceForm(instance=row, member_name=row.member.name)
        form.url = reverse("workspace:attendance_save", args=[meeting.pk, row.member_id])
        attendance.append(form)
    context = meeting_page_context(
        request,
        meeting,
        "info",
        info_form=info_form,
        attendance_forms=attendance,
        summary={**attendance_summary(rows), "deadline_warning": deadline_warning(meeting)},
    )
    return render(request, "workspace/info.html", context)


@require_POST
@login_required
def info_save(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    old_date = meeting.date
    form = _info_form(meeting, request.POST)

    def write():
        return services.meeting_info_update(
            meeting=meeting,
            fields=MeetingInfoForm.Meta.fields,
            expected_revision=autosave.posted_revision(request),
        )

    def extra(_) -> dict:
        warning = deadline_warning(meeting)
        data = {"summary": {"deadline_warning": warning}, **meeting_progress(meeting)}
        if warning and meeting.date != old_date:
            data["warning"] = warning  # shown once, when the date moves past deadlines
        return data

    return autosave.save_form(form, write, extra)


@require_POST
@login_required
def attendance_save(request, meeting_pk: int, member_pk: int):
    """One member's line, by member: a line the page showed unsaved is created by its first save."""
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    row = selectors.attendance_row(meeting, member_pk)
    if row is None:
        raise Http404("该成员不在本次会议的出席名单中。")
    form = AttendanceForm(request.POST, instance=row, member_name=row.member.name)

    def write():
        return services.attendance_update(
            attendance=row,
            present=form.cleaned_data["present"],
            absence_reason=form.cleaned_data["absence_reason"],
        )

    def extra(_) -> dict:
        rows = selectors.meeting_attendance(meeting)
        return {"summary": attendance_summary(rows), **meeting_progress(meeting)}

    return autosave.save_form(form, write, extra)


# --- 会前准备 ---------------------------------------------------------------------------------------


def preparation_sentences(prep: dict, talks: dict, solicitations: int | None = None) -> dict:
    """The counts in the words the situation report uses (apps/exports/context.py); each fact is
    said once (``opinions``: 征求到3个方面共5条意见建议), the clauses after it only add to it."""
    total = prep["opinions"]
    unsorted = total - prep["opinions_with_aspect"]
    claimed = prep["opinions_claimed"]
    sentences = {
        "study": f"会前组织集中学习研讨{prep['study_sessions']}次",
        "forums": f"召开座谈会{prep['forums']}场",
        "opinions": prep["opinions_sentence"],
        "opinions_unsorted": (f"{unsorted}条尚未归入方面" if unsorted else "已全部归入方面") if total else "",
        "opinions_claimed": (
            ("已全部被问题认领" if claimed == total else f"已被问题认领{claimed}条") if total else ""
        ),
        "talks": f"班子成员之间开展谈心谈话{talks['between']}人次",
        "talks_others": f"班子成员与其他干部职工谈心谈话{talks['others']}人次" if talks["others"] else "",
    }
    if solicitations is not None:
        sentences["solicitations"] = f"征求意见{solicitations}次（其中座谈会{prep['forums']}场）"
    return sentences


def preparation_counts(meeting: Meeting) -> dict:
    return preparation_sentences(
        selectors.preparation_summary(meeting), selectors.talk_counts(meeting), meeting.solicitations.count()
    )


def solicitation_sources(meeting: Meeting) -> list[dict]:
    """The solicitations as the paste form's 来源 list offers them, in the page's order."""
    rows = meeting.solicitations.order_by("date", "pk")
    return [{"id": row.pk, "label": solicitation_label(row)} for row in rows]


def _prepared(meeting: Meeting, **extra) -> dict:
    """The JSON extras of every 会前准备 save: fresh counts, step marks and the sources to paste
    opinions under (static/js/entries.js puts an added, renamed or deleted one in the list at once)."""
    return {
        "summary": preparation_counts(meeting),
        "sources": solicitation_sources(meeting),
        **meeting_progress(meeting),
        **extra,
    }


def _opinion_rows(meeting: Meeting) -> QuerySet:
    return meeting.opinions.select_related("claimed_by__material__member").order_by("position")


def claim_note(opinion) -> str:
    problem = opinion.claimed_by
    if problem is None:
        return ""
    member = problem.material.member
    owner = f"{member.name}的" if member else "班子"
    return f"已被{owner}问题“{problem.headline}”认领"


def _render_preparation(request, meeting: Meeting, paste_form: OpinionPasteForm | None = None, status=200):
    solicitations = list(meeting.solicitations.order_by("date", "pk"))
    choices = Choices.of(meeting, aspects=True, solicitations=solicitations)
    sessions = [StudySessionForm(instance=s) for s in meeting.study_sessions.order_by("date", "pk")]
    solicitation_forms = [SolicitationForm(instance=s) for s in solicitations]
    opinions = []
    for opinion in _opinion_rows(meeting):
        form = OpinionForm(instance=opinion, **choices.opinion_kwargs())
        form.source = choices.solicitation_labels.get(opinion.solicitation_id, "")
        form.claim = claim_note(opinion)
        opinions.append(form)
    talks = [TalkForm(instance=t, **choices.talk_kwargs()) for t in meeting.talks.order_by("date", "pk")]
    paste_form = paste_form or OpinionPasteForm(
        options=_paste_options(choices), labels=_paste_labels(choices)
    )
    context = meeting_page_context(
        request,
        meeting,
        "preparation",
        summary=preparation_counts(meeting),
        session_forms=_with_urls(meeting, "study", sessions),
        new_session_form=StudySessionForm(),
        solicitation_forms=_with_urls(meeting, "solicitation", solicitation_forms),
        new_solicitation_form=SolicitationForm(),
        opinion_forms=_with_urls(meeting, "opinion", opinions),
        paste_form=paste_form,
        talk_forms=_with_urls(meeting, "talk", talks),
        new_talk_form=TalkForm(**choices.talk_kwargs()),
    )
    return render(request, "workspace/preparation.html", context, status=status)


@require_GET
@login_required
def preparation_page(request, meeting_pk: int):
    return _render_preparation(request, load_meeting(request, meeting_pk))


def _create(request, meeting: Meeting, form, name: str, add) -> JsonResponse:
    """A new card's first save creates its row; the answer carries the row's own addresses."""

    def created(instance) -> dict:
        return _prepared(meeting, id=instance.pk, urls=_card_urls(meeting, name, instance.pk))

    return autosave.save_form(form, lambda: add(**form.cleaned_data), created)


def _update(request, meeting: Meeting, form, update, **target) -> JsonResponse:
    def write():
        return update(**target, fields=form.Meta.fields, expected_revision=autosave.posted_revision(request))

    return autosave.save_form(form, write, lambda _: _prepared(meeting))


def _deleted(meeting: Meeting, message: str) -> JsonResponse:
    return JsonResponse({"ok": True, **_prepared(meeting, message=message)})


# 学习研讨


@require_POST
@login_required
def study_create(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    form = StudySessionForm(request.POST)
    return _create(
        request, meeting, form, "study", lambda **data: services.study_session_add(meeting=meeting, **data)
    )


@require_POST
@login_required
def study_save(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    session = get_object_or_404(meeting.study_sessions.all(), pk=pk)
    form = StudySessionForm(request.POST, instance=session)
    return _update(request, meeting, form, services.study_session_update, session=session)


@require_POST
@login_required
def study_delete(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    session = get_object_or_404(meeting.study_sessions.all(), pk=pk)
    services.study_session_delete(session=session)
    return _deleted(meeting, f"已删除学习研讨“{session.topic}”。")


# 征求意见: solicitations


@require_POST
@login_required
def solicitation_create(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    form = SolicitationForm(request.POST)
    return _create(
        request,
        meeting,
        form,
        "solicitation",
        lambda **data: services.solicitation_add(meeting=meeting, **data),
    )


@require_POST
@login_required
def solicitation_save(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    solicitation = get_object_or_404(meeting.solicitations.all(), pk=pk)
    form = SolicitationForm(request.POST, instance=solicitation)
    return _update(request, meeting, form, services.solicitation_update, solicitation=solicitation)


@require_POST
@login_required
def solicitation_delete(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    solicitation = get_object_or_404(meeting.solicitations.all(), pk=pk)
    label = solicitation_label(solicitation)
    kept = services.solicitation_delete(solicitation=solicitation)
    note = f"其{kept}条意见建议保留，来源改为不指定。" if kept else ""
    return _deleted(meeting, f"已删除征求意见“{label}”。{note}")


# 征求意见: the opinions


def _paste_options(choices: Choices) -> dict:
    return {
        "solicitation": choices.solicitations,
        "aspect": choices.aspects,
        "target_member": choices.members,
    }


def _paste_labels(choices: Choices) -> dict:
    return {
        "solicitation": choices.solicitation_labels,
        "aspect": choices.aspect_labels,
        "target_member": choices.member_labels,
    }


@require_POST
@login_required
def opinions_paste(request, meeting_pk: int):
    """Many opinions at once. A plain form post (a reload shows the new cards); with the script's
    header the answer is JSON in the autosave protocol."""
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    choices = Choices.of(
        meeting, aspects=True, solicitations=list(meeting.solicitations.order_by("date", "pk"))
    )
    form = OpinionPasteForm(request.POST, options=_paste_options(choices), labels=_paste_labels(choices))
    created = None
    if form.is_valid():
        try:
            created = services.opinions_paste(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            autosave.add_service_errors(form, error)
    if created is None:
        if _is_ajax(request):
            return autosave.invalid(form)
        return _render_preparation(request, meeting, paste_form=form, status=422)
    message = f"已添加{len(created)}条意见建议。"
    if _is_ajax(request):
        return JsonResponse({"ok": True, "created": len(created), **_prepared(meeting, message=message)})
    messages.success(request, message)
    return redirect(reverse("workspace:preparation", args=[meeting.pk]) + "#opinions")


@require_POST
@login_required
def opinion_save(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    opinion = get_object_or_404(meeting.opinions.all(), pk=pk)
    opinion.meeting = meeting
    form = OpinionForm(request.POST, instance=opinion, **Choices.of(meeting, aspects=True).opinion_kwargs())
    return _update(request, meeting, form, services.opinion_update, opinion=opinion)


@require_POST
@login_required
def opinion_delete(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    opinion = get_object_or_404(meeting.opinions.all(), pk=pk)
    services.opinion_delete(opinion=opinion)
    text = opinion.text if len(opinion.text) <= 20 else opinion.text[:19] + "…"
    return _deleted(meeting, f"已删除意见建议“{text}”。")


# 谈心谈话


def _talk_values(form: TalkForm) -> dict:
    data = form.cleaned_data
    return {
        "initiator_id": data["initiator"].pk,
        "counterpart_id": data["counterpart"].pk if data.get("counterpart") else None,
        "counterpart_name": data.get("counterpart_name", ""),
        "date": data.get("date"),
        "summary": data.get("summary", ""),
    }


@require_POST
@login_required
def talk_create(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    form = TalkForm(request.POST, **Choices.of(meeting).talk_kwargs())
    return _create(
        request, meeting, form, "talk", lambda **_: services.talk_add(meeting=meeting, **_talk_values(form))
    )


@require_POST
@login_required
def talk_save(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    talk = get_object_or_404(meeting.talks.all(), pk=pk)
    talk.meeting = meeting
    form = TalkForm(request.POST, instance=talk, **Choices.of(meeting).talk_kwargs())
    return _update(request, meeting, form, services.talk_update, talk=talk)


@require_POST
@login_required
def talk_delete(request, meeting_pk: int, pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    talk = get_object_or_404(meeting.talks.select_related("initiator", "counterpart"), pk=pk)
    label = f"{talk.initiator.name}与{talk.counterpart_display}"
    services.talk_delete(talk=talk)
    return _deleted(meeting, f"已删除谈心谈话（{label}）。")


# --- 情况报告 ---------------------------------------------------------------------------------------


@require_GET
@login_required
def report_page(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    report = selectors.report_summary(meeting)
    context = meeting_page_context(
        request,
        meeting,
        "report",
        report_form=ReportForm(instance=meeting),
        report=report,
        sentences=preparation_sentences(report.preparation, report.talks),
    )
    return render(request, "workspace/report.html", context)


@require_POST
@login_required
def report_save(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk, for_edit=True)
    form = ReportForm(request.POST, instance=meeting)

    def write():
        return services.report_update(
            meeting=meeting,
            fields=ReportForm.Meta.fields,
            expected_revision=autosave.posted_revision(request),
        )

    return autosave.save_form(form, write, lambda _: meeting_progress(meeting))
