"""The 整改台账 as XLSX and PDF: opened back, they hold exactly the page's filtered rows."""

import datetime
import io
import re
from urllib.parse import quote

import openpyxl
import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.exports.exporters import export_document
from apps.units.models import Unit
from tests.ledger.lists_data import (  # noqa: F401 (fixtures)
    add_measures,
    frozen_today_fixture,
    ledger_fixture,
    organisation_user_fixture,
)

pytestmark = pytest.mark.usefixtures("frozen_today")

FILTERED = "status=in_progress&status=not_started&sort=deadline"


def page_headlines(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(r"data-headline>([^<]+)</a>", response.content.decode())


def export_url(name: str, pk: int, fmt: str, query: str = "") -> str:
    return reverse(name, args=[pk, fmt]) + (f"?{query}" if query else "")


def open_sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def sheet_rows(sheet) -> list[dict]:
    headers = [cell.value for cell in sheet[2]]
    return [
        dict(zip(headers, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=3)
    ]


def first_line(text: str) -> str:
    return text.split("\n")[0].rstrip("。")


def pdf_table(content: bytes) -> tuple[str, list[list[str]]]:
    """The text of the first page and every table row of every page (header rows included)."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = pdf.pages[0].extract_text()
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape
        rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
    return text, [[(cell or "").replace("\n", "") for cell in row] for row in rows]


# --- XLSX ----------------------------------------------------------------------------------------


def test_the_meeting_xlsx_holds_the_pages_filtered_rows_in_its_order(client, drafter, ledger):
    client.force_login(drafter)
    meeting = ledger.meeting.pk
    page = page_headlines(client, reverse("ledger:meeting", args=[meeting]) + f"?{FILTERED}")
    response = client.get(export_url("ledger:meeting_export", meeting, "xlsx", FILTERED))
    assert response.status_code == 200
    sheet = open_sheet(response.content)
    rows = sheet_rows(sheet)
    assert [first_line(row["整改措施"]) for row in rows] == page
    assert page == ["强化理论武装", "狠抓工作落实", "加快分管项目进度", "健全制度机制"]
    assert [row["序号"] for row in rows] == [1, 2, 3, 4]
    assert [row["所属材料"] for row in rows] == ["班子", "班子", "孙委员", "班子"]
    first = rows[0]
    assert first["责任领导"] == "赵书记" and first["状态"] == "推进中" and first["问题来源"] == "征求意见"
    assert first["完成时限"] == datetime.datetime(2031, 6, 15)
    assert first["进展"] == "2031年6月18日：完成第一次研讨。\n形成纪要。"
    assert first["佐证材料"] == "学习计划.pdf、研讨纪要.pdf"
    assert first["整改措施"] == "强化理论武装。\n一要每季度研讨一次。"
    assert sheet["A1"].value == "测试局党委2030年度民主生活会整改台账（状态：推进中、未启动）"


def test_the_unit_xlsx_adds_unit_and_meeting_columns(client, admin_user, ledger):
    client.force_login(admin_user)
    unit = ledger.meeting.unit
    page = page_headlines(client, reverse("ledger:unit", args=[unit.pk]) + "?overdue=1&due_within=7")
    sheet = open_sheet(
        client.get(export_url("ledger:unit_export", unit.pk, "xlsx", "overdue=1&due_within=7")).content
    )
    headers = [cell.value for cell in sheet[2]]
    assert headers[:5] == ["序号", "单位", "会议", "所属材料", "问题来源"]
    rows = sheet_rows(sheet)
    assert (
        [first_line(row["整改措施"]) for row in rows]
        == page
        == ["强化理论武装", "狠抓工作落实", "加快分管项目进度"]
    )
    assert {row["单位"] for row in rows} == {"测试市测试局党委"}
    assert {row["会议"] for row in rows} == {"测试局党委2030年度民主生活会"}
    assert sheet["A1"].value == "测试市测试局党委整改台账（已逾期或7天内到期）"


def test_the_whole_ledger_exports_every_page(client, drafter, ledger, monkeypatch):
    from apps.ledger import selectors

    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    client.force_login(drafter)
    sheet = open_sheet(client.get(export_url("ledger:meeting_export", ledger.meeting.pk, "xlsx")).content)
    assert sheet.max_row == 2 + 5


def test_texts_that_look_like_formulas_stay_text_in_the_unit_export(client, drafter, ledger):
    ledger.overdue.department = '=HYPERLINK("http://example.invalid","点击")'
    ledger.overdue.headline = "+1+2"
    ledger.overdue.save()
    client.force_login(drafter)
    sheet = open_sheet(client.get(export_url("ledger:unit_export", ledger.meeting.unit.pk, "xlsx")).content)
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type in {"f", "e"}] == []
    department = next(cell for cell in cells if cell.value == '=HYPERLINK("http://example.invalid","点击")')
    measure = next(cell for cell in cells if cell.value == "+1+2。\n一要每季度研讨一次。")
    assert department.quotePrefix and measure.quotePrefix


def test_a_unit_export_has_a_chinese_file_name(client, drafter, ledger):
    client.force_login(drafter)
    unit = ledger.meeting.unit
    response = client.get(export_url("ledger:unit_export", unit.pk, "xlsx"))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"export.xlsx\"; filename*=UTF-8''" + quote("测试市测试局党委整改台账.xlsx")
    )
    filtered = client.get(export_url("ledger:unit_export", unit.pk, "pdf", "overdue=1&scope=subtree"))
    assert quote("测试市测试局党委及下级单位整改台账（筛选）.pdf") in filtered["Content-Disposition"]
    assert filtered["Content-Type"] == "application/pdf"


# --- PDF -----------------------------------------------------------------------------------------


def test_the_pdf_holds_the_pages_filtered_rows_with_title_filters_and_date(client, drafter, ledger):
    client.force_login(drafter)
    meeting = ledger.meeting.pk
    page = page_headlines(client, reverse("ledger:meeting", args=[meeting]) + f"?{FILTERED}")
    response = client.get(export_url("ledger:meeting_export", meeting, "pdf", FILTERED))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text, rows = pdf_table(response.content)
    assert "测试局党委2030年度民主生活会整改台账" in text
    assert "筛选条件：状态：推进中、未启动" in text and "导出日期：2031年6月20日" in text
    header, body = rows[0], rows[1:]
    assert header[:3] == ["序号", "所属材料", "问题来源"]
    measure = header.index("整改措施")
    assert [row[measure].split("。")[0] for row in body] == page
    assert [row[0] for row in body] == ["1", "2", "3", "4"]
    assert body[0][header.index("完成时限")] == "2031年6月15日"
    assert body[0][header.index("责任领导")] == "赵书记"


def test_a_long_pdf_repeats_the_header_on_every_page(client, drafter, ledger):
    add_measures(ledger.meeting, 40)
    client.force_login(drafter)
    content = client.get(export_url("ledger:meeting_export", ledger.meeting.pk, "pdf")).content
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert len(pdf.pages) > 1
        assert all("序号" in page.extract_text() for page in pdf.pages)
        assert f"第 {len(pdf.pages)} 页 共 {len(pdf.pages)} 页" in pdf.pages[-1].extract_text()
    _, rows = pdf_table(content)
    assert len([row for row in rows if row[0] != "序号"]) == 45


# --- who gets which file -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "csv", "XLSX", "pdf.exe"])
def test_any_other_format_is_404(client, drafter, ledger, fmt):
    client.force_login(drafter)
    assert client.get(export_url("ledger:meeting_export", ledger.meeting.pk, fmt)).status_code == 404
    assert client.get(export_url("ledger:unit_export", ledger.meeting.unit.pk, fmt)).status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_another_units_exports_are_404(client, outsider, ledger, fmt):
    client.force_login(outsider)
    assert client.get(export_url("ledger:meeting_export", ledger.meeting.pk, fmt)).status_code == 404
    assert client.get(export_url("ledger:unit_export", ledger.meeting.unit.pk, fmt)).status_code == 404


def test_the_organisation_department_exports_its_subtree_and_nothing_else(
    client, organisation_user, ledger, other_meeting
):
    client.force_login(organisation_user)
    parent = ledger.meeting.unit.parent
    sheet = open_sheet(
        client.get(export_url("ledger:unit_export", parent.pk, "xlsx", "scope=subtree")).content
    )
    assert [first_line(row["整改措施"]) for row in sheet_rows(sheet)] == [
        "强化理论武装",
        "狠抓工作落实",
        "健全制度机制",
        "完成专项整治",
    ]
    assert "所属材料" not in [cell.value for cell in sheet[2]]  # it reads no personal material
    assert client.get(export_url("ledger:unit_export", other_meeting.unit.pk, "xlsx")).status_code == 404
    outside = Unit.objects.create(name="无关单位")
    assert client.get(export_url("ledger:unit_export", outside.pk, "pdf", "scope=subtree")).status_code == 404


# --- the meetings' own 整改台账 export reads the same rows ----------------------------------------


@pytest.mark.parametrize(
    ("reader", "personal"), [("drafter", True), ("member_user", True), ("supervisor", False)]
)
def test_the_meetings_ledger_download_lists_what_the_reader_may_read(
    client, request, ledger, reader, personal
):
    client.force_login(request.getfixturevalue(reader))
    meeting = ledger.meeting.pk
    download = client.get(reverse("exports:download", args=[meeting, "ledger", "xlsx"]))
    page = client.get(export_url("ledger:meeting_export", meeting, "xlsx"))
    exported, listed = sheet_rows(open_sheet(download.content)), sheet_rows(open_sheet(page.content))
    assert exported == listed
    assert ("加快分管项目进度。" in [row["整改措施"] for row in exported]) is personal


def test_the_shell_export_lists_every_material(ledger, tmp_path):
    call_command("export_report", str(ledger.meeting.pk), "--document", "ledger", "--output", str(tmp_path))
    sheet = open_sheet((tmp_path / "测试市测试局党委2030年度民主生活会整改台账.xlsx").read_bytes())
    assert len(sheet_rows(sheet)) == 5
    assert export_document(ledger.meeting, "ledger", "xlsx").content  # no viewer: the shell's view


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_the_export_query_count_does_not_grow_with_measures(
    client, drafter, ledger, fmt, django_assert_max_num_queries
):
    client.force_login(drafter)
    url = export_url("ledger:unit_export", ledger.meeting.unit.pk, fmt, "sort=owner")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    add_measures(ledger.meeting, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
