from django.urls import path

from apps.ledger.views import carryover, measures, pages

app_name = "ledger"

urlpatterns = [
    # The lists. Query parameters (shared by page, export and the dashboards' click-through):
    # status (repeatable), owner (member id), overdue=1, due_within=N (days), aspect (the aspect's
    # label text), year, scope=subtree (unit ledger: the unit and every unit below it), sort.
    path("meetings/<int:meeting_pk>/ledger/", pages.meeting_ledger, name="meeting"),
    path(
        "meetings/<int:meeting_pk>/ledger/export.<str:fmt>",
        pages.meeting_ledger_export,
        name="meeting_export",
    ),
    path("units/<int:unit_pk>/ledger/", pages.unit_ledger, name="unit"),
    path("units/<int:unit_pk>/ledger/export.<str:fmt>", pages.unit_ledger_export, name="unit_export"),
    # One measure.
    path("ledger/measures/<int:pk>/", measures.measure_detail, name="measure"),
    path("ledger/measures/<int:pk>/notes/", measures.note_add, name="note_add"),
    path("ledger/measures/<int:pk>/<str:action>/", measures.transition, name="transition"),
    path("ledger/evidence/<int:pk>/", measures.evidence_download, name="evidence"),
    # Into next year (in the workspace of the new material).
    path(
        "meetings/<int:meeting_pk>/work/m/<int:material_pk>/recap/generate/",
        carryover.recap_generate,
        name="recap_generate",
    ),
    path(
        "meetings/<int:meeting_pk>/work/m/<int:material_pk>/carry-over/",
        carryover.carry_over,
        name="carry_over",
    ),
]
