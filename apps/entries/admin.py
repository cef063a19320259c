from django import forms
from django.contrib import admin
from django.db.models import Count

from apps.core.admin_utils import GuardedChangeFormMixin
from apps.core.fields import CleanTextField
from apps.entries.models import (
    MATERIAL_LEAD_FIELDS,
    MATERIAL_PRINT_SETTINGS,
    MATERIAL_WORDING_FIELDS,
    AspectText,
    Cause,
    Material,
    Measure,
    MeasureItem,
    Problem,
)
from apps.outlines.models import Aspect
from apps.units.admin import check_members_in_unit

MATERIAL_RELATED = ("material__meeting", "material__member")


class MaterialLinkedForm(forms.ModelForm):
    """A form for an entry of one material: its links must stay inside that material's meeting."""

    def material(self) -> Material | None:
        """The chosen material, or the saved one when the field is read-only on the change page."""
        material = self.cleaned_data.get("material")
        if material is None and self.instance.material_id:
            material = self.instance.material
        return material

    def check_same_material(self, material: Material, *field_names: str) -> None:
        for name in field_names:
            foreign = [item for item in self.cleaned_data.get(name, []) if item.material_id != material.pk]
            if foreign:
                names = "、".join(f"“{item}”" for item in foreign)
                self.add_error(name, f"只能关联同一份材料中的条目，以下条目不属于本材料：{names}")


class EntryAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    """Common to problems, causes and measures: an entry stays in the material it was written in."""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "material") if obj is not None else readonly


class MaterialAdminForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = (
            *("meeting", "member", "status", "preamble", "recap", "closing"),
            *MATERIAL_WORDING_FIELDS,
            *MATERIAL_LEAD_FIELDS,
            *MATERIAL_PRINT_SETTINGS,
        )

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting") or (self.instance.meeting if self.instance.meeting_id else None)
        if meeting is None or "member" not in cleaned:
            return cleaned
        member = cleaned["member"]
        check_members_in_unit(self, ("member",), meeting.unit_id)
        if "member" not in cleaned:  # removed by the check above
            return cleaned
        others = Material.objects.filter(meeting=meeting).exclude(pk=self.instance.pk)
        if member is None and others.filter(member__isnull=True).exists():
            self.add_error("member", "本会议已有班子对照检查材料；个人对照检查材料请选择班子成员")
        elif member is not None and others.filter(member=member).exists():
            self.add_error("member", "该成员在本会议已有个人对照检查材料")
        return cleaned


@admin.register(Material)
class MaterialAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    form = MaterialAdminForm
    list_display = ("meeting", "member_display", "status", "updated_at")
    list_display_links = ("meeting", "member_display")
    list_filter = ("status", "meeting__year", "meeting__unit")
    search_fields = ("meeting__title", "meeting__unit__name", "member__name")
    list_select_related = ("meeting", "member")
    autocomplete_fields = ("meeting", "member")
    fieldsets = (
        (None, {"fields": ("meeting", "member", "status")}),
        ("正文", {"fields": ("preamble", "recap", "closing")}),
        ("导语", {"fields": MATERIAL_LEAD_FIELDS, "description": "留空的原因、措施导语按条数自动生成。"}),
        ("标题措辞", {"fields": MATERIAL_WORDING_FIELDS, "description": "留空则按会议名称和提纲生成。"}),
        ("版式、序号和落款", {"fields": MATERIAL_PRINT_SETTINGS}),
    )

    def get_inlines(self, request, obj=None):
        return [AspectTextInline] if obj is not None else []

    def get_queryset(self, request):
        # Labels (also in autocomplete results) name the meeting and the member.
        return super().get_queryset(request).select_related("meeting", "member")

    def get_readonly_fields(self, request, obj=None):
        return ("meeting",) if obj is not None else ()

    @admin.display(description="班子成员", ordering="member__position")
    def member_display(self, material: Material) -> str:
        return material.member.name if material.member_id else "（班子对照检查材料）"


class AspectTextInline(admin.TabularInline):
    """Each aspect's own heading and lead-in in this material (aspects of the meeting's outline)."""

    model = AspectText
    extra = 0
    fields = ("aspect", "heading", "lead_in")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["aspect"].queryset = Aspect.objects.filter(
                outline_id=obj.meeting.outline_id
            )
        return formset


class ProblemAdminForm(MaterialLinkedForm):
    class Meta:
        model = Problem
        fields = ("material", "aspect", "position", "source", "headline", "elaboration", "example")

    def clean(self):
        cleaned = super().clean()
        material, aspect = self.material(), cleaned.get("aspect")
        if material is not None and aspect is not None and aspect.outline_id != material.meeting.outline_id:
            self.add_error("aspect", "所属方面必须来自本会议的提纲")
        return cleaned


@admin.register(Problem)
class ProblemAdmin(EntryAdmin):
    form = ProblemAdminForm
    list_display = ("headline", "aspect", "material", "source", "position")
    list_filter = ("source", "material__meeting__year", "material__meeting__unit", "aspect__outline")
    search_fields = ("headline", "elaboration", "example")
    list_select_related = ("aspect", *MATERIAL_RELATED)
    autocomplete_fields = ("material",)
    fields = ("material", "aspect", "position", "source", "headline", "elaboration", "example")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("aspect", *MATERIAL_RELATED)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields["aspect"]
        if obj is not None:
            field.queryset = Aspect.objects.filter(outline_id=obj.material.meeting.outline_id)
        else:
            field.queryset = Aspect.objects.select_related("outline").order_by(
                "-outline__year", "outline__name", "position"
            )
            field.label_from_instance = lambda aspect: f"{aspect.outline} · {aspect}"
        return form


class CauseAdminForm(MaterialLinkedForm):
    class Meta:
        model = Cause
        fields = ("material", "position", "category", "headline", "elaboration", "problems")

    def clean(self):
        cleaned = super().clean()
        material = self.material()
        if material is not None:
            self.check_same_material(material, "problems")
        return cleaned


@admin.register(Cause)
class CauseAdmin(EntryAdmin):
    form = CauseAdminForm
    list_display = ("headline", "category", "material", "problem_count", "position")
    list_filter = ("category", "material__meeting__year", "material__meeting__unit")
    search_fields = ("headline", "elaboration")
    list_select_related = MATERIAL_RELATED
    autocomplete_fields = ("material", "problems")
    fields = ("material", "position", "category", "headline", "elaboration", "problems")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*MATERIAL_RELATED)
            .annotate(problem_count=Count("problems", distinct=True))
        )

    @admin.display(description="对应问题数", ordering="problem_count")
    def problem_count(self, cause: Cause) -> int:
        return cause.problem_count


class MeasureItemInline(admin.TabularInline):
    model = MeasureItem
    fields = ("position", "text")
    ordering = ("position",)
    formfield_overrides = {CleanTextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
    extra = 1


class MeasureAdminForm(MaterialLinkedForm):
    class Meta:
        model = Measure
        fields = (
            "material",
            "position",
            "headline",
            "elaboration",
            "problems",
            "causes",
            "owner",
            "department",
            "deadline",
            "kind",
        )

    def clean(self):
        cleaned = super().clean()
        material = self.material()
        if material is not None:
            check_members_in_unit(
                self, ("owner",), material.meeting.unit_id, message="责任领导必须是本会议单位的班子成员"
            )
            self.check_same_material(material, "problems", "causes")
        return cleaned


@admin.register(Measure)
class MeasureAdmin(EntryAdmin):
    form = MeasureAdminForm
    # A "material__meeting" column would be headed "Material meeting": Django builds that header
    # from the lookup's English name, not from the fields' verbose names.
    list_display = ("headline", "owner", "department", "deadline", "kind", "status", "meeting")
    list_filter = ("kind", "status", "material__meeting__year", "material__meeting__unit")
    search_fields = ("headline", "elaboration", "department", "owner__name")
    list_select_related = ("owner", "material__meeting")
    autocomplete_fields = ("material", "owner", "problems", "causes")
    date_hierarchy = "deadline"
    fieldsets = (
        (None, {"fields": ("material", "position", "headline", "elaboration", "problems", "causes")}),
        ("整改台账", {"fields": ("owner", "department", "deadline", "kind")}),
        # Status changes go through the 整改台账 page, which records who, when and why.
        ("整改进展（在整改台账中办理）", {"fields": ("status", "completed_on")}),
    )
    readonly_fields = ("status", "completed_on")
    inlines = (MeasureItemInline,)

    @admin.display(description="会议", ordering="material__meeting")
    def meeting(self, measure: Measure):
        return measure.material.meeting
