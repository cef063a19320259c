from django.contrib import admin

from apps.review.models import Transition


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """The review record is evidence: read here, written only by the review actions."""

    list_display = ("material", "action", "from_status", "to_status", "user", "as_supervisor", "created_at")
    list_filter = ("action", "as_supervisor")
    search_fields = ("material__meeting__title", "comment", "user__username")
    readonly_fields = [f.name for f in Transition._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
