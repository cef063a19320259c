from django.contrib import admin

from apps.bundles.models import BundleJob


@admin.register(BundleJob)
class BundleJobAdmin(admin.ModelAdmin):
    """Read-only: to see what was queued and why one failed. The files are the requesters' alone."""

    list_display = ("meeting", "requested_by", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("status",)
    list_select_related = ("meeting__unit", "requested_by")
    readonly_fields = [field.name for field in BundleJob._meta.fields if field.name != "file"]
    exclude = ("file",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
