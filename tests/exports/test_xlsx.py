"""The spreadsheets read back with openpyxl: columns, one row per entry, real dates, print setup."""

import datetime
import io

import openpyxl
import pytest

from apps.exports import benchdata
from apps.exports.context import Column, SheetDocument
from apps.exports.documents import DocumentRef, Kind
from apps.exports.exporters import export_document
from apps.exports.xlsx_writer import render_xlsx
from apps.ledger.models import Evidence, ProgressNote
from tests.exports.test_context import LEDGER_HEADERS


def open_sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


@pytest.fixture
def ledger(filled_meeting):
    return open_sheet(export_document(filled_meeting, "ledger", "xlsx").content)


def test_ledger_has_a_title_and_the_ledger_columns(ledger, filled_meeting):
    assert ledger.title == "整改台账"
    assert ledger["A1"].value == "测试局党委2030年度民主生活会整改台账"
    assert "A1:M1" in {str(cells) for cells in ledger.merged_cells.ranges}
    assert [cell.value for cell in ledger[2]] == LEDGER_HEADERS


def test_ledger_has_one_row_per_measure_with_real_dates(ledger):
    assert ledger.max_row == 4  # title, header, two measures
    first = [cell.value for cell in ledger[3]]
    assert first[0] == 1 and first[3] == "1. 理论学习不够深入。\n2. 调查研究不够扎实。"
    assert first[5] == "赵书记" and first[8] == "限期整改" and first[11] == "未启动"
    deadline = ledger.cell(row=3, column=8)
    assert deadline.is_date and deadline.value == datetime.datetime(2031, 6, 30)
    assert deadline.number_format == 'yyyy"年"m"月"d"日"'
    completed = ledger.cell(row=4, column=13)
    assert completed.is_date and completed.value == datetime.datetime(2031, 3, 20)
    assert ledger.cell(row=3, column=13).value is None  # not done yet: no date, not a text


def test_ledger_freezes_the_header_and_prints_landscape_with_title_rows(ledger):
    assert ledger.freeze_panes == "A3"
    assert ledger.page_setup.orientation == "landscape"
    assert int(ledger.page_setup.paperSize) == 9  # A4
    assert ledger.print_title_rows == "$1:$2"
    assert ledger.sheet_properties.pageSetUpPr.fitToPage and ledger.page_setup.fitToWidth == 1
    assert ledger.auto_filter.ref == "A2:M4"
    assert ledger.column_dimensions["D"].width == 36 and ledger.column_dimensions["E"].width == 48
    assert ledger.cell(row=3, column=5).alignment.wrap_text
    assert ledger.row_dimensions[3].height > ledger.row_dimensions[4].height  # grown for wrapped text


def test_opinion_summary_lists_each_opinion(filled_meeting):
    sheet = open_sheet(export_document(filled_meeting, "opinions", "xlsx").content)
    assert sheet.title == "征求意见汇总"
    assert [cell.value for cell in sheet[2]] == [
        *(
            "序号",
            "征求方式",
            "征求日期",
            "参加对象",
            "所属方面",
            "意见建议",
            "针对对象",
            "认领问题",
            "认领人",
        ),
    ]
    assert sheet.max_row == 4
    assert [cell.value for cell in sheet[4]][5:8] == ["希望多下基层。", "孙委员", "未认领"]
    assert sheet.cell(row=3, column=3).is_date
    assert sheet.freeze_panes == "A3" and sheet.page_setup.orientation == "landscape"


def test_two_hundred_measures_make_two_hundred_rows(meeting):
    benchdata.add_ledger_measures(meeting, 200)
    exported = export_document(meeting, "ledger", "xlsx")
    sheet = open_sheet(exported.content)
    assert exported.filename == "测试市测试局党委2030年度民主生活会整改台账.xlsx"
    assert sheet.max_row == 202
    assert [sheet.cell(row=row, column=1).value for row in (3, 202)] == [1, 200]
    assert all(sheet.cell(row=row, column=8).is_date for row in range(3, 203))


INJECTIONS = [
    '=HYPERLINK("http://example.invalid","点击")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-3+4",
    "@SUM(A1)",
    "#N/A",
]


def _texts_and_formulas(sheet) -> tuple[set[str], list[str]]:
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    return {cell.value for cell in cells}, [cell.coordinate for cell in cells if cell.data_type in {"f", "e"}]


def test_ledger_texts_that_look_like_formulas_stay_text_exactly_as_typed(filled_meeting):
    measure = filled_meeting.materials.get(member__isnull=True).measures.get(headline="强化理论武装")
    measure.department = INJECTIONS[0]
    measure.save()
    note = ProgressNote.objects.create(measure=measure, text=INJECTIONS[1])
    Evidence.objects.create(note=note, file="evidence/x.pdf", name=INJECTIONS[2], kind="pdf", size=1)
    filled_meeting.title = "=1+1"
    filled_meeting.save()
    sheet = open_sheet(export_document(filled_meeting, "ledger", "xlsx").content)
    values, formulas = _texts_and_formulas(sheet)
    assert formulas == []
    assert {INJECTIONS[0], INJECTIONS[2]} <= values  # the progress cell starts with its date
    assert any(str(value).endswith(INJECTIONS[1]) for value in values)
    assert sheet["A1"].value == "=1+1整改台账"
    assert sheet.cell(row=3, column=7).quotePrefix  # Excel keeps it text when the cell is edited
    assert not sheet.cell(row=4, column=7).quotePrefix  # 综合处: an ordinary text, no prefix


def test_opinion_summary_texts_that_look_like_formulas_stay_text_exactly_as_typed(filled_meeting):
    for opinion, text in zip(filled_meeting.opinions.order_by("position"), INJECTIONS[3:5], strict=True):
        opinion.text = text
        opinion.save()
    filled_meeting.solicitations.update(participants=INJECTIONS[5])
    sheet = open_sheet(export_document(filled_meeting, "opinions", "xlsx").content)
    values, formulas = _texts_and_formulas(sheet)
    assert formulas == []
    assert set(INJECTIONS[3:]) <= values
    assert [sheet.cell(row=row, column=6).value for row in (3, 4)] == INJECTIONS[3:5]


def test_the_writer_keeps_a_leading_tab_or_carriage_return_as_text():
    columns = (Column("序号", 6, "number"), Column("文字", 20))
    rows = ((1, "\t=1+1"), (2, "\r=SUM(A1)"), (3, "普通文字"))
    sheet = SheetDocument(
        ref=DocumentRef(Kind.OPINIONS), title="标题", sheet_name="表", columns=columns, rows=rows,
        file_stem="表", unit_name="单位",
    )  # fmt: skip
    read = open_sheet(render_xlsx(sheet).content)
    cells = [read.cell(row=row, column=2) for row in (3, 4, 5)]
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ("\t=1+1", "s"),
        ("\r=SUM(A1)", "s"),
        ("普通文字", "s"),
    ]
    assert [cell.quotePrefix for cell in cells] == [True, True, False]
