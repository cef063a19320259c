"""Spreadsheets (XLSX) of the 整改台账 and the 征求意见汇总, with openpyxl.

Row 1 is the title, row 2 the column headers; both stay in view (frozen) and print on every page.
Dates are real dates shown as ``2024年3月31日``; long text wraps in sized columns; the sheet prints on
A4 landscape, one page wide, with ``第 N 页 共 M 页`` in the footer.

Every text a user typed is written as text, whatever it starts with: openpyxl would store
``=HYPERLINK(…)`` or ``=cmd|…`` as a live formula and ``#N/A`` as an error (formula injection).
"""

import datetime
import math
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.exports.context import SheetDocument, display_width
from apps.exports.documents import CONTENT_TYPES, ExportFile, Format, safe_file_name

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
TEXT_FONT = Font(name="宋体", size=11)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
TITLE_FONT = Font(name="方正小标宋简体", size=18)
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LINE_HEIGHT = 14.4  # points per wrapped line of 11 pt text
# Starts that make Excel or WPS read a typed cell as a formula (or a DDE command when edited).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell_styles() -> dict[str, NamedStyle]:
    """One named style per kind of cell, made per workbook (a workbook binds its styles). Assigning
    font, border and alignment cell by cell costs openpyxl a hash of every style object each time:
    half the time of a 200-row ledger."""
    return {
        "text": NamedStyle("台账文字", font=TEXT_FONT, border=BORDER, alignment=WRAP_TOP),
        "date": NamedStyle(
            "台账日期", font=TEXT_FONT, border=BORDER, alignment=CENTER, number_format=DATE_FORMAT
        ),
        "number": NamedStyle("台账序号", font=TEXT_FONT, border=BORDER, alignment=CENTER),
    }


def render_xlsx(sheet: SheetDocument) -> ExportFile:
    """The spreadsheet of a list document: (file name, content type, bytes)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet.sheet_name[:31]
    _write_title(ws, sheet)
    _write_rows(ws, sheet)
    _setup_print(ws, sheet)
    workbook.properties.title = sheet.title
    workbook.properties.creator = sheet.unit_name
    workbook.properties.language = "zh-CN"
    buffer = BytesIO()
    workbook.save(buffer)
    return ExportFile(
        safe_file_name(sheet.file_stem, Format.XLSX), CONTENT_TYPES[Format.XLSX], buffer.getvalue()
    )


def _write_title(ws: Worksheet, sheet: SheetDocument) -> None:
    last = get_column_letter(len(sheet.columns))
    _write_text(ws["A1"], sheet.title)
    ws["A1"].font = TITLE_FONT
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 36
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=2, column=index, value=column.header)
        cell.font, cell.alignment, cell.border, cell.fill = HEADER_FONT, CENTER, BORDER, HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[2].height = 24


def _write_rows(ws: Worksheet, sheet: SheetDocument) -> None:
    named = _cell_styles()
    for style in named.values():
        ws.parent.add_named_style(style)
    styles = [named[column.kind].name for column in sheet.columns]
    for row_number, row in enumerate(sheet.rows, start=3):
        lines = 1
        for index, (value, column) in enumerate(zip(row, sheet.columns, strict=True), start=1):
            cell = ws.cell(row=row_number, column=index)
            cell.style = styles[index - 1]
            value = _cell_value(value)
            if isinstance(value, str):
                _write_text(cell, value)
            else:
                cell.value = value
            if column.kind == "text":
                lines = max(lines, _wrapped_lines(value, column.width))
        # Excel does not grow rows for wrapped text written by a library; set the height it would.
        ws.row_dimensions[row_number].height = min(409, round(lines * LINE_HEIGHT + 6, 1))


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        return value[:32000]  # a cell holds at most 32,767 characters
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _write_text(cell: Cell, text: str) -> None:
    """Store ``text`` exactly as typed, as a string: never a formula or an error value. A text that
    starts like a formula also gets Excel's quote prefix (shown nowhere, kept out of the value), so
    that editing the cell in Excel or WPS does not turn it into one either."""
    cell.value = text
    cell.data_type = "s"  # openpyxl guessed "f" for "=…" and "e" for "#N/A"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _wrapped_lines(value: object, width: float) -> int:
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1.0, (width - 1) / 2)  # a Chinese character is about two width units
    return sum(max(1, math.ceil(display_width(line) / per_line)) for line in value.split("\n"))


def _setup_print(ws: Worksheet, sheet: SheetDocument) -> None:
    last_row = max(2, len(sheet.rows) + 2)
    last = get_column_letter(len(sheet.columns))
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{last}{last_row}"
    ws.print_title_rows = "1:2"
    ws.print_area = f"A1:{last}{last_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
