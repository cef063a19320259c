"""The one call the view and the command make: a document of a meeting in a format, as a file."""

from collections.abc import Callable

from apps.entries.models import Material
from apps.exports import export_cache
from apps.exports.context import ExportContext, SheetDocument, TextDocument, build_export_context
from apps.exports.documents import DocumentRef, ExportFile, Format, Kind, parse_document, parse_format
from apps.exports.docx_writer import render_docx
from apps.exports.pdf_writer import render_pdf
from apps.exports.signals import document_rendered
from apps.exports.xlsx_writer import render_xlsx
from apps.meetings.models import Meeting

WRITERS: dict[Format, Callable[..., ExportFile]] = {
    Format.DOCX: render_docx,
    Format.PDF: render_pdf,
    Format.XLSX: render_xlsx,
}


def export_document(
    meeting: Meeting, document: DocumentRef | str, fmt: Format | str, *, viewer=None, use_cache: bool = True
) -> ExportFile:
    """Build the export context once and write it, or take the file from the export cache when a
    file of the same content, format and writers' version was made before (apps.exports.export_cache).
    Raises DocumentError for an impossible document/format pair before touching the database,
    DocumentNotFound for a foreign member, RenderBusy when no PDF render slot comes free.
    ``viewer`` is the user who downloads (the 整改台账 lists what they may read)."""
    ref = parse_document(document)
    format_ = parse_format(ref, fmt)
    context: ExportContext = build_export_context(meeting, ref, viewer=viewer)
    assert isinstance(context, SheetDocument if format_ == Format.XLSX else TextDocument)
    key = export_cache.cache_key(context, format_) if use_cache and export_cache.enabled() else None
    if key and (cached := export_cache.get(key)) is not None:
        return cached
    exported = WRITERS[format_](context)
    document_rendered.send(sender=export_document, document=ref, fmt=format_)
    if key:
        export_cache.put(key, exported)
    return exported


def printed_materials(meeting: Meeting, ref: DocumentRef) -> list[Material]:
    """The materials a document prints (the team's or one member's), which the 版本 list records at
    each export; the reports and lists print none."""
    # Ordered by id: the default order joins the member to sort one or two rows.
    if ref.kind == Kind.TEAM:
        return list(meeting.materials.team().order_by("pk"))
    if ref.kind == Kind.MEMBER:
        return list(meeting.materials.filter(member_id=ref.member_id).order_by("pk"))
    return []
