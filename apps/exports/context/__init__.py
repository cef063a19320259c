"""One export context per document, built from the database; every format renders the same context.

:func:`build_export_context` is the public entry point (also used by the on-screen preview): it
returns a :class:`TextDocument` (title, numbered blocks, signature) for the team material, a member's
personal material and the situation report, or a :class:`SheetDocument` (columns and rows) for the
整改台账 and the 征求意见汇总. Numbering (一、 （一） 一是 一要 1.) and the counts quoted in the text
(“主要有以下三个方面”) are applied here, so DOCX, PDF and the preview cannot disagree.

The package is split by what it serves: ``blocks`` (the dataclasses), ``text`` (sentences,
paragraphs, titles, signatures), ``loading`` (queries), ``materials`` (team and personal materials),
``situation`` (情况报告) and ``sheets`` (the two spreadsheets).

Queries: a fixed number per document (about ten), whatever the number of entries.
"""

from apps.exports.context.blocks import (
    Block,
    Column,
    ExportContext,
    Heading,
    Paragraph,
    Run,
    SheetDocument,
    SignatureLine,
    Subheading,
    TextDocument,
)
from apps.exports.context.loading import member_for_document
from apps.exports.context.materials import member_material, team_material
from apps.exports.context.sheets import ledger, opinions_sheet
from apps.exports.context.situation import absence_clause, situation_report
from apps.exports.context.text import cn_date, count_numeral, display_width, signature_lines, split_title
from apps.exports.documents import DocumentRef, Kind, parse_document
from apps.meetings.models import Meeting

__all__ = [
    "Block",
    "Column",
    "ExportContext",
    "Heading",
    "Paragraph",
    "Run",
    "SheetDocument",
    "SignatureLine",
    "Subheading",
    "TextDocument",
    "absence_clause",
    "build_export_context",
    "cn_date",
    "count_numeral",
    "display_width",
    "member_for_document",
    "signature_lines",
    "split_title",
]

BUILDERS = {
    Kind.TEAM: team_material,
    Kind.MEMBER: member_material,
    Kind.SITUATION: situation_report,
    Kind.LEDGER: ledger,
    Kind.OPINIONS: opinions_sheet,
}


def build_export_context(meeting: Meeting, document: DocumentRef | str, *, viewer=None) -> ExportContext:
    """The export context of one document of ``meeting``.

    ``document`` is a :class:`DocumentRef` or its text form: ``"team"``, ``"member:7"`` (or
    ``"member-7"``), ``"situation"``, ``"ledger"``, ``"opinions"``. Raises
    :class:`~apps.exports.documents.DocumentError` for a malformed reference and
    :class:`~apps.exports.documents.DocumentNotFound` for a member who is not in the meeting's unit.
    Pass a meeting loaded with ``Meeting.objects.with_related()`` to save three queries.
    The 整改台账 lists the personal materials' measures ``viewer`` may read (every one without a
    viewer: the shell).
    """
    ref = parse_document(document)
    if ref.kind == Kind.LEDGER:
        return ledger(meeting, ref, viewer=viewer)
    return BUILDERS[ref.kind](meeting, ref)
