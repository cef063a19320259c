"""The filtered 整改台账 as a file: XLSX through the exports' spreadsheet writer (its column sizes,
print setup and formula-injection guard) and PDF as a landscape A4 table through WeasyPrint with the
project's PDF fonts. Both print the rows of one :class:`~apps.ledger.selectors.LedgerView`."""

import datetime
from enum import StrEnum

from django.template.loader import render_to_string

from apps.core.numbering import cn_date
from apps.exports import fonts, rendering
from apps.exports.context.blocks import Column, SheetDocument
from apps.exports.context.text import one_line
from apps.exports.documents import CONTENT_TYPES, DocumentRef, ExportFile, Format, Kind, safe_file_name
from apps.exports.pdf_writer import font_stacks
from apps.exports.xlsx_writer import render_xlsx
from apps.ledger.selectors import LedgerView


class LedgerFormat(StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"


def titled(view: LedgerView) -> str:
    """The title, with the filters in brackets when the view is narrowed."""
    return f"{view.title}（{view.description}）" if view.description else view.title


def file_stem(view: LedgerView) -> str:
    return f"{view.scope.file_stem}（筛选）" if view.filters.any else view.scope.file_stem


def sheet_document(view: LedgerView, ref: DocumentRef | None = None) -> SheetDocument:
    """The view as the exports' spreadsheet context (every row, the view's columns)."""
    keys = [key for key, _ in view.columns]
    return SheetDocument(
        ref=ref or DocumentRef(Kind.LEDGER),
        title=titled(view),
        sheet_name="整改台账",
        columns=tuple(column for _, column in view.columns),
        rows=tuple(row.cells(keys) for row in view.rows),
        file_stem=file_stem(view),
        unit_name=one_line(view.scope.unit.name),
    )


# On the PDF's 277 mm line a spreadsheet width unit is about a millimetre: the narrow columns get
# room for three characters (a name, 推进中), 类型 for four (限期整改) and a date for 2031年12月31日;
# the wide ones give way.
PDF_MIN_WIDTHS = {"text": 12, "number": 9, "date": 26}
PDF_MIN_BY_HEADER = {"类型": 16}


def pdf_width(column: Column) -> float:
    least = PDF_MIN_BY_HEADER.get(column.header, PDF_MIN_WIDTHS.get(column.kind, 12))
    return max(column.width, least)


def render_html(view: LedgerView) -> str:
    """The HTML WeasyPrint prints: a table whose columns are sized as the spreadsheet's."""
    trimmed = fonts.available_faces()
    widths = [pdf_width(column) for _, column in view.columns]
    columns = [
        {"header": column.header, "percent": round(100 * width / sum(widths), 2)}
        for (_, column), width in zip(view.columns, widths, strict=True)
    ]
    cells = []
    for row in view.rows:
        values = []
        for key, column in view.columns:
            value = getattr(row, key)
            if isinstance(value, datetime.date):
                value = cn_date(value)
            values.append({"text": "" if value is None else str(value), "kind": column.kind})
        cells.append({"row": row, "values": values})
    context = {
        "view": view,
        "title": view.title,
        "columns": columns,
        "rows": cells,
        "fonts": font_stacks(face for face, _ in trimmed),
        "font_faces": fonts.font_face_rules(trimmed),
        "exported_on": cn_date(view.today),
    }
    return render_to_string("ledger/ledger_pdf.html", context)


def render_pdf(view: LedgerView) -> ExportFile:
    content = rendering.write_pdf(render_html(view), sender=render_pdf)  # waits for a render slot
    return ExportFile(safe_file_name(file_stem(view), Format.PDF), CONTENT_TYPES[Format.PDF], content)


def export(view: LedgerView, fmt: LedgerFormat) -> ExportFile:
    if fmt == LedgerFormat.PDF:
        return render_pdf(view)
    return render_xlsx(sheet_document(view))
