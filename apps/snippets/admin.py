from django.contrib import admin

from apps.snippets.models import Snippet


class SharedFilter(admin.SimpleListFilter):
    title = "范围"
    parameter_name = "shared"

    def lookups(self, request, model_admin):
        return [("yes", "共享"), ("no", "单位私有")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(unit__isnull=True)
        if self.value() == "no":
            return queryset.filter(unit__isnull=False)
        return queryset


@admin.register(Snippet)
class SnippetAdmin(admin.ModelAdmin):
    """Search here is the admin's own (icontains over text and source); the ranked Chinese search
    is the 素材库 page. Saving through the admin keeps the full-text index (Snippet.save)."""

    list_display = ("short_text", "kind", "unit", "year", "source", "created_by", "created_at")
    list_filter = (SharedFilter, "kind", "year", "unit")
    search_fields = ("text", "source")
    list_select_related = ("unit", "created_by")
    filter_horizontal = ("aspects",)
    raw_id_fields = ("created_by",)
    fields = ("unit", "text", "kind", "aspects", "year", "source", "created_by")

    @admin.display(description="内容")
    def short_text(self, obj: Snippet) -> str:
        return obj.text[:60] + ("…" if len(obj.text) > 60 else "")
