from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from apps.accounts.models import UnitRole
from apps.core.admin_utils import GuardedChangeFormMixin
from apps.units.models import Member, Unit

NOT_IN_UNIT = "该成员不属于本会议的单位"


def member_label_with_unit(member: Member) -> str:
    return f"{member.unit.display_name} · {member}"


def limit_member_choices(form_class: type[forms.BaseForm], field_names: Iterable[str], *, unit_id) -> None:
    """Offer only the members of ``unit_id`` in ``field_names``, in official order.

    With no unit yet (an add page) every member is offered, labelled with its unit. The choices are
    read once here: an inline repeats the select on every row, which would otherwise run one query
    per row. The queryset still validates the submitted value.
    """
    for name in field_names:
        field = form_class.base_fields.get(name)
        if field is None:
            continue
        if unit_id is not None:
            field.queryset = Member.objects.filter(unit_id=unit_id).order_by("position")
        else:
            field.queryset = Member.objects.select_related("unit").order_by("unit__name", "position")
            field.label_from_instance = member_label_with_unit
        field.choices = list(field.choices)


def check_members_in_unit(
    form: forms.BaseForm, field_names: Iterable[str], unit_id, message: str = NOT_IN_UNIT
) -> None:
    """Add ``message`` to each member field whose member belongs to another unit than ``unit_id``."""
    if unit_id is None:
        return
    cleaned = getattr(form, "cleaned_data", {})
    for name in field_names:
        member = cleaned.get(name)
        if member is not None and member.unit_id != unit_id:
            form.add_error(name, message)


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ("unit", "name", "title", "role", "position", "user", "active_from", "active_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("active_from"), cleaned.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", "任职截止日期不能早于任职起始日期")
        unit, user = cleaned.get("unit"), cleaned.get("user")
        if unit is not None and unit.pk and user is not None:
            taken = Member.objects.filter(unit=unit, user=user).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("user", "该登录账号已关联本单位的另一名班子成员")
        return cleaned


class MemberInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            user = getattr(form, "cleaned_data", {}).get("user")
            if user is None:
                continue
            if user.pk in seen:
                form.add_error("user", "同一登录账号只能关联本单位的一名班子成员")
            seen.add(user.pk)


class MemberInline(admin.TabularInline):
    model = Member
    form = MemberForm
    formset = MemberInlineFormSet
    fields = ("name", "title", "role", "position", "user", "active_from", "active_to")
    ordering = ("position",)
    autocomplete_fields = ("user",)
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class UnitRoleInline(admin.TabularInline):
    model = UnitRole
    fk_name = "unit"
    fields = ("user", "role")
    autocomplete_fields = ("user",)
    ordering = ("role", "user__username")
    extra = 1
    verbose_name = "用户角色"
    verbose_name_plural = "用户角色（谁可以在本单位撰稿、审核、督导）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("name", "short_name", "kind", "parent", "is_active")

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is None or self.instance.pk is None:
            return parent
        ancestor, seen = parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.instance.pk:
                raise forms.ValidationError("上级单位不能是本单位或本单位的下级单位")
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return parent


@admin.register(Unit)
class UnitAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    form = UnitForm
    list_display = ("name", "short_name", "kind", "parent", "member_count", "is_active")
    list_display_links = ("name",)
    list_filter = ("kind", "is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "short_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    fields = ("name", "short_name", "kind", "parent", "is_active")
    inlines = (MemberInline, UnitRoleInline)

    def get_queryset(self, request):
        today = timezone.localdate()
        serving = Q(members__active_to__isnull=True) | Q(members__active_to__gte=today)
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=Count("members", filter=serving, distinct=True))
        )

    @admin.display(description="在任成员数", ordering="member_count")
    def member_count(self, unit: Unit) -> int:
        return unit.member_count


@admin.register(Member)
class MemberAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    form = MemberForm
    list_display = ("unit", "position", "name", "title", "role", "user", "active_to")
    list_display_links = ("name",)
    list_filter = ("unit", "role")
    search_fields = ("name", "title", "unit__name", "unit__short_name")
    list_select_related = ("unit", "user")
    autocomplete_fields = ("unit", "user")
    ordering = ("unit__name", "position")
    fields = ("unit", "name", "title", "role", "position", "user", "active_from", "active_to")
