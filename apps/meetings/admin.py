from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from apps.core.admin_utils import GuardedChangeFormMixin
from apps.core.fields import CleanTextField
from apps.entries.models import Measure, Problem
from apps.meetings.models import (
    Attendance,
    Comment,
    Meeting,
    Opinion,
    OpinionSolicitation,
    StudySession,
    Talk,
)
from apps.meetings.services import meeting_prepare, propose_meeting_title
from apps.outlines.models import Aspect
from apps.units.admin import check_members_in_unit, limit_member_choices

SMALL_TEXTAREA = forms.Textarea(attrs={"rows": 2, "cols": 40})


class MeetingAdminForm(forms.ModelForm):
    """The meeting form; kind, year and title default from the outline and the unit."""

    class Meta:
        model = Meeting
        fields = (
            "unit",
            "outline",
            "kind",
            "year",
            "title",
            "status",
            "date",
            "place",
            "host",
            "narrative",
            "supervisor_org",
            "supervisor_names",
            "supervisor_remarks",
            "report_date",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in (
            ("kind", "留空则取提纲的会议类型"),
            ("year", "留空则取提纲的年度"),
            ("title", "留空则自动生成，如“某某局党委2026年度民主生活会”"),
        ):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = help_text

    def clean(self):
        cleaned = super().clean()
        unit, outline, host = cleaned.get("unit"), cleaned.get("outline"), cleaned.get("host")
        if outline is not None:
            if "kind" in cleaned and not cleaned["kind"]:
                cleaned["kind"] = outline.meeting_kind
            if "year" in cleaned and not cleaned["year"]:
                date = cleaned.get("date")
                cleaned["year"] = outline.year or (date.year if date else timezone.localdate().year)
            if "title" in cleaned and not cleaned["title"] and unit is not None and cleaned.get("year"):
                cleaned["title"] = propose_meeting_title(unit=unit, outline=outline, year=cleaned["year"])
        for name in ("kind", "year", "title"):
            if name in cleaned and cleaned[name] in ("", None):
                self.add_error(name, "请填写此项，或先选择提纲和单位。")
        if unit is not None and host is not None and host.unit_id != unit.pk:
            self.add_error("host", "主持人必须是本单位的班子成员")
        meeting = self.instance
        if meeting.pk is not None:
            if unit is not None and unit.pk != meeting.unit_id and self._has_member_links(meeting):
                self.add_error(
                    "unit",
                    "本会议的意见建议、个人材料或整改措施已关联原单位的班子成员，不能更换单位。",
                )
            if outline is not None and outline.pk != meeting.outline_id and self._has_aspect_links(meeting):
                self.add_error("outline", "本会议的查摆问题或意见建议已关联原提纲的方面，不能更换提纲。")
        return cleaned

    @staticmethod
    def _has_member_links(meeting: Meeting) -> bool:
        # Attendances and talks are inlines of this page: their own formsets check them.
        return (
            meeting.opinions.filter(target_member__isnull=False).exists()
            or meeting.materials.filter(member__isnull=False).exists()
            or Measure.objects.filter(material__meeting=meeting, owner__isnull=False).exists()
        )

    @staticmethod
    def _has_aspect_links(meeting: Meeting) -> bool:
        return (
            meeting.opinions.filter(aspect__isnull=False).exists()
            or Problem.objects.filter(material__meeting=meeting).exists()
        )


class MeetingMemberFormSet(BaseInlineFormSet):
    """An inline whose rows name members: each must belong to the meeting's unit."""

    member_fields: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            check_members_in_unit(form, self.member_fields, self.instance.unit_id)


class AttendanceFormSet(MeetingMemberFormSet):
    member_fields = ("member",)


class TalkFormSet(MeetingMemberFormSet):
    member_fields = ("initiator", "counterpart")


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ("member", "present", "absence_reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("present") is False and not cleaned.get("absence_reason"):
            self.add_error("absence_reason", "缺席的成员请填写缺席原因")
        return cleaned


class TalkForm(forms.ModelForm):
    class Meta:
        model = Talk
        fields = ("initiator", "counterpart", "counterpart_name", "date", "summary")
        widgets = {"summary": SMALL_TEXTAREA}

    def clean(self):
        cleaned = super().clean()
        initiator, counterpart = cleaned.get("initiator"), cleaned.get("counterpart")
        if "counterpart" in cleaned and counterpart is None and not cleaned.get("counterpart_name"):
            self.add_error("counterpart_name", "请选择谈话对象（班子成员），或填写其他谈话对象的姓名和职务")
        if initiator is not None and counterpart is not None and initiator.pk == counterpart.pk:
            self.add_error("counterpart", "谈话人和谈话对象不能是同一人")
        return cleaned


class MemberRowsInline(admin.TabularInline):
    """An inline of rows naming members: only the meeting unit's members are offered."""

    member_fields: tuple[str, ...] = ()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_member_choices(formset.form, self.member_fields, unit_id=obj.unit_id if obj else None)
        return formset


class AttendanceInline(MemberRowsInline):
    model = Attendance
    form = AttendanceForm
    formset = AttendanceFormSet
    member_fields = ("member",)
    fields = ("member", "present", "absence_reason")
    ordering = ("member__position",)
    extra = 0
    verbose_name_plural = "出席情况（新建会议时不填写，则按在任班子成员自动生成）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


class TalkInline(MemberRowsInline):
    model = Talk
    form = TalkForm
    formset = TalkFormSet
    member_fields = ("initiator", "counterpart")
    fields = ("initiator", "counterpart", "counterpart_name", "date", "summary")
    ordering = ("date", "pk")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("initiator", "counterpart")


class StudySessionInline(admin.TabularInline):
    model = StudySession
    fields = ("date", "topic", "content")
    formfield_overrides = {CleanTextField: {"widget": SMALL_TEXTAREA}}
    ordering = ("date", "pk")
    extra = 0


class OpinionSolicitationInline(admin.TabularInline):
    model = OpinionSolicitation
    fields = ("method", "date", "participants")
    ordering = ("date", "pk")
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    form = MeetingAdminForm
    list_display = ("title", "unit", "year", "kind", "date", "status")
    list_filter = ("year", "kind", "status", "unit")
    search_fields = ("title", "unit__name", "unit__short_name")
    date_hierarchy = "date"
    list_select_related = ("unit",)
    autocomplete_fields = ("unit", "outline", "host")
    readonly_fields = ("material_links",)
    fieldsets = (
        (None, {"fields": ("unit", "outline", "kind", "year", "title", "status")}),
        ("会议召开", {"fields": ("date", "place", "host", "narrative", "report_date")}),
        ("督导组", {"fields": ("supervisor_org", "supervisor_names", "supervisor_remarks")}),
        ("材料", {"fields": ("material_links",)}),
    )
    inlines = (AttendanceInline, StudySessionInline, OpinionSolicitationInline, TalkInline)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else fieldsets[:-1]

    @admin.display(description="对照检查材料")
    def material_links(self, meeting: Meeting) -> str:
        if meeting.pk is None:
            return "—"
        return format_html(
            '<a href="{}?meeting__id__exact={}">查看本会议的对照检查材料</a>'
            '　<a href="{}?material__meeting__id__exact={}">整改措施</a>'
            '　<a href="{}?meeting__id__exact={}">意见建议</a>',
            reverse("admin:entries_material_changelist"),
            meeting.pk,
            reverse("admin:entries_measure_changelist"),
            meeting.pk,
            reverse("admin:meetings_opinion_changelist"),
            meeting.pk,
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # What the app's own meeting creation does: a team material and the attendance list.
            meeting_prepare(meeting=form.instance)


class OpinionAdminForm(forms.ModelForm):
    class Meta:
        model = Opinion
        fields = ("meeting", "position", "text", "solicitation", "aspect", "target_member", "claimed_by")
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 60})}

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting") or (self.instance.meeting if self.instance.meeting_id else None)
        if meeting is None:
            return cleaned
        check_members_in_unit(self, ("target_member",), meeting.unit_id)
        solicitation, aspect, problem = (
            cleaned.get("solicitation"),
            cleaned.get("aspect"),
            cleaned.get("claimed_by"),
        )
        if solicitation is not None and solicitation.meeting_id != meeting.pk:
            self.add_error("solicitation", "意见来源必须是本会议的征求意见活动")
        if aspect is not None and aspect.outline_id != meeting.outline_id:
            self.add_error("aspect", "所属方面必须来自本会议的提纲")
        if problem is not None and problem.material.meeting_id != meeting.pk:
            self.add_error("claimed_by", "认领问题必须是本会议材料中的问题")
        return cleaned


@admin.register(Opinion)
class OpinionAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    form = OpinionAdminForm
    list_display = ("position", "short_text", "meeting", "aspect", "target_member", "claimed_by")
    list_display_links = ("short_text",)
    list_filter = ("meeting__year", "meeting__unit")
    search_fields = ("text", "meeting__title")
    list_select_related = ("meeting", "aspect", "target_member", "claimed_by")
    autocomplete_fields = ("meeting", "target_member", "claimed_by")
    fields = ("meeting", "position", "text", "solicitation", "aspect", "target_member", "claimed_by")
    ordering = ("-meeting__year", "meeting", "position")

    @admin.display(description="意见建议")
    def short_text(self, opinion: Opinion) -> str:
        return opinion.text if len(opinion.text) <= 40 else opinion.text[:40] + "…"

    def get_readonly_fields(self, request, obj=None):
        return ("meeting",) if obj is not None else ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        fields = form.base_fields
        if obj is not None:
            fields["solicitation"].queryset = obj.meeting.solicitations.all()
            fields["aspect"].queryset = obj.meeting.outline.aspects.all()
        else:
            fields["solicitation"].queryset = OpinionSolicitation.objects.select_related("meeting")
            fields["solicitation"].label_from_instance = lambda s: f"{s.meeting} · {s}"
            fields["aspect"].queryset = Aspect.objects.select_related("outline").order_by(
                "-outline__year", "outline__name", "position"
            )
            fields["aspect"].label_from_instance = lambda a: f"{a.outline} · {a}"
        return form


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("short_body", "meeting", "author", "resolved", "created_at")
    list_display_links = ("short_body",)
    list_filter = ("resolved", "meeting__year", "meeting__unit")
    search_fields = ("body", "meeting__title", "author__username")
    list_select_related = ("meeting", "author")
    autocomplete_fields = ("meeting",)
    readonly_fields = ("author", "created_at")
    fields = ("meeting", "author", "created_at", "body", "resolved")
    date_hierarchy = "created_at"

    @admin.display(description="意见")
    def short_body(self, comment: Comment) -> str:
        return comment.body if len(comment.body) <= 40 else comment.body[:40] + "…"

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "meeting") if obj is not None else readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
