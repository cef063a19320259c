"""Snapshots taken when the review cycle moves a material and when a document is exported."""

from apps.entries.models import Material
from apps.history.snapshots import Reason, snapshot_take

# The status a transition leaves the material in says which transition it was.
REASON_BY_STATUS = {
    Material.Status.SUBMITTED: Reason.SUBMIT,
    Material.Status.RETURNED: Reason.RETURN,
    Material.Status.APPROVED: Reason.APPROVE,
    Material.Status.DRAFT: Reason.REOPEN,
}
FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "xlsx": "Excel"}


def on_material_transitioned(sender, material, transition, user, **kwargs) -> None:
    material.refresh_from_db(fields=["status"])
    snapshot_take(
        material=material,
        reason=REASON_BY_STATUS.get(material.status, Reason.REOPEN),
        user=user,
        note=str(getattr(transition, "comment", "") or ""),
        transition_id=getattr(transition, "pk", None),
    )


def on_document_exported(sender, meeting, document, fmt, user, materials=(), **kwargs) -> None:
    for material in materials:
        snapshot_take(
            material=material, reason=Reason.EXPORT, user=user, note=f"导出 {FORMAT_NAMES.get(fmt, fmt)}"
        )


def connect() -> None:
    from apps.exports.signals import document_exported
    from apps.review.signals import material_transitioned

    material_transitioned.connect(on_material_transitioned, dispatch_uid="history_snapshot_transition")
    document_exported.connect(on_document_exported, dispatch_uid="history_snapshot_export")
