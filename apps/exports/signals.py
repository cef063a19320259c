"""Signals of the exports.

``document_exported``: sent after a document was exported for a user (the history snapshots the
material at each export). Arguments: meeting, document (the DocumentRef), fmt, user, materials (the
materials the document prints).

``document_rendered``: sent when a writer really wrote a file (not when the export cache answered).
Arguments: document (the DocumentRef), fmt (the Format). The tests count renders with it.

``pdf_render_started``: sent inside a render slot, just before Typst or WeasyPrint starts
(apps.exports.rendering).
"""

from django.dispatch import Signal

document_exported = Signal()
document_rendered = Signal()
pdf_render_started = Signal()
