from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from apps.core.admin_utils import GuardedChangeFormMixin
from apps.outlines.models import Aspect, OutlineSection, OutlineTemplate
from apps.outlines.services import outline_copy


class AspectForm(forms.ModelForm):
    class Meta:
        model = Aspect
        fields = ("position", "label", "wording", "guidance", "member_guidance")
        widgets = {
            "position": forms.NumberInput(attrs={"style": "width: 4em"}),
            "wording": forms.Textarea(attrs={"rows": 3, "cols": 30}),
            "guidance": forms.Textarea(attrs={"rows": 3, "cols": 40}),
            "member_guidance": forms.Textarea(attrs={"rows": 3, "cols": 40}),
        }


class AspectInline(admin.TabularInline):
    model = Aspect
    form = AspectForm
    fields = ("position", "label", "wording", "guidance", "member_guidance")
    ordering = ("position",)
    extra = 1


class OutlineSectionInline(admin.TabularInline):
    model = OutlineSection
    fields = ("document", "position", "part", "heading")
    ordering = ("document", "position")
    extra = 0


@admin.register(OutlineTemplate)
class OutlineTemplateAdmin(GuardedChangeFormMixin, admin.ModelAdmin):
    list_display = ("name", "year", "meeting_kind", "aspect_count", "is_active")
    list_filter = ("year", "meeting_kind", "is_active")
    search_fields = ("name", "theme")
    fieldsets = (
        (None, {"fields": ("name", "year", "meeting_kind", "is_active")}),
        ("上级要求", {"fields": ("theme", "title_theme", "general_requirement", "description")}),
    )
    inlines = (AspectInline, OutlineSectionInline)
    actions = ("copy_as_new_year",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aspect_count=Count("aspects", distinct=True))

    @admin.display(description="方面数", ordering="aspect_count")
    def aspect_count(self, outline: OutlineTemplate) -> int:
        return outline.aspect_count

    @admin.action(description="复制为新年度提纲", permissions=["add"])
    def copy_as_new_year(self, request, queryset):
        copies = [outline_copy(outline=outline) for outline in queryset.order_by("-year", "name")]
        links = format_html_join(
            "、",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:outlines_outlinetemplate_change", args=[copy.pk]), copy.name)
                for copy in copies
            ),
        )
        self.message_user(
            request,
            format_html("已复制 {} 份提纲：{}。副本默认停用，请修改方面和要求后再启用。", len(copies), links),
            messages.SUCCESS,
        )
