"""Sent after a document was exported for a user (the history snapshots the material at each
export). Arguments: meeting, document (the DocumentRef), fmt, user, materials (the materials the
document prints)."""

from django.dispatch import Signal

document_exported = Signal()
