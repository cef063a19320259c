from django.contrib import admin

from apps.imports.models import PendingImport


@admin.register(PendingImport)
class PendingImportAdmin(admin.ModelAdmin):
    """Read-only: an import is made and corrected in the workspace, the admin only looks at it."""

    list_display = ("__str__", "material", "created_by", "status", "created_at", "committed_at")
    list_filter = ("status", "source_kind")
    list_select_related = ("material__meeting", "material__member", "created_by")
    search_fields = ("source_name", "material__meeting__title")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
