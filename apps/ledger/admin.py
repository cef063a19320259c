from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from apps.ledger.evidence import human_size
from apps.ledger.models import Evidence, ProgressNote, StatusChange


class EvidenceInline(admin.TabularInline):
    """Files are uploaded on the measure page, where their type and size are checked; here they are
    listed with a link to the same permission-checked download."""

    model = Evidence
    extra = 0
    can_delete = True
    fields = ("download", "kind", "shown_size", "uploaded_by", "created_at")
    readonly_fields = fields

    @admin.display(description="文件")
    def download(self, obj: Evidence) -> str:
        return format_html('<a href="{}">{}</a>', reverse("ledger:evidence", args=[obj.pk]), obj.name)

    @admin.display(description="大小")
    def shown_size(self, obj: Evidence) -> str:
        return human_size(obj.size)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressNote)
class ProgressNoteAdmin(admin.ModelAdmin):
    """Notes are written on the measure page (where a first note starts the measure and files are
    checked); an administrator may correct a note's date or wording here."""

    list_display = ("noted_on", "measure", "author", "evidence_count", "created_at")
    list_filter = ("measure__material__meeting__year", "measure__material__meeting__unit")
    search_fields = ("text", "measure__headline", "author__username")
    date_hierarchy = "noted_on"
    fields = ("measure_link", "author", "noted_on", "text", "created_at")
    readonly_fields = ("measure_link", "author", "created_at")
    inlines = [EvidenceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("measure", "author")
            .annotate(evidence_total=Count("evidence"))
        )

    @admin.display(description="佐证材料", ordering="evidence_total")
    def evidence_count(self, obj: ProgressNote) -> int:
        return obj.evidence_total

    @admin.display(description="整改措施")
    def measure_link(self, obj: ProgressNote) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("ledger:measure", args=[obj.measure_id]), obj.measure
        )

    def has_add_permission(self, request):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """The status record is evidence: read here, written only by the actions on the measure page."""

    list_display = ("created_at", "measure", "action", "from_status", "to_status", "user")
    list_filter = ("action", "to_status", "measure__material__meeting__unit")
    search_fields = ("measure__headline", "note", "user__username")
    list_select_related = ("measure", "user")
    readonly_fields = [field.name for field in StatusChange._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
