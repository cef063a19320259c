from django.contrib import admin

from apps.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("text", "user", "kind", "created_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("text", "user__username")
    readonly_fields = ("user", "text", "url", "kind", "created_at", "read_at")

    def has_add_permission(self, request):
        return False
