"""The PDF read back with pdfplumber: A4, 22 lines of 28 characters, page numbers, fonts, order."""

import statistics

import pytest
from django.test import override_settings

from apps.entries.models import Material
from apps.exports.exporters import export_document
from apps.exports.pdf_writer import font_stacks
from tests.exports.readback import (
    MM,
    TYPE_LEFT,
    TYPE_RIGHT,
    in_order,
    normalised,
    pdf_page_chars,
    read_pdf,
    rows,
)


@pytest.fixture(scope="module")
def grid(long_team):
    return read_pdf(long_team["pdf"])


def test_pages_are_a4_and_the_long_material_fills_about_12(grid):
    assert grid.page_mm == (210, 297)
    assert 11 <= grid.pages <= 13


def test_a_full_body_page_has_22_lines(grid):
    assert statistics.mode(grid.lines_per_body_page) == 22
    assert max(grid.lines_per_body_page) == 22  # never squeezed to 23


def test_a_full_line_has_28_characters_and_nothing_hangs_outside(grid):
    assert statistics.mode(grid.full_line_lengths) == 28
    assert grid.chars_by_pitch == 28
    assert grid.beyond_type_area == []


def test_page_numbers_are_dashed_odd_right_even_left_below_the_type_area(long_team, grid):
    assert grid.footers[:3] == ["— 1 —", "— 2 —", "— 3 —"]
    for number in (1, 2):
        chars = [c for c in pdf_page_chars(long_team["pdf"], number) if c["top"] > 262 * MM]
        digits = [c for c in chars if c["text"].isdigit()]
        assert digits and all(c["size"] == pytest.approx(14, abs=0.1) for c in digits)  # 四号
        assert 266 * MM < min(c["top"] for c in chars) < 272 * MM  # ~7 mm below the type area
        if number % 2:  # odd: right, one character in
            assert max(c["x1"] for c in chars) == pytest.approx(TYPE_RIGHT - 14, abs=2)
        else:  # even: left, one character in
            assert min(c["x0"] for c in chars) == pytest.approx(TYPE_LEFT + 14, abs=2)


def test_every_headline_is_present_in_order(long_team, grid):
    assert in_order(grid.text, long_team["outline"])


def test_styles_are_drawn_in_the_mapped_fonts(long_team):
    chars = pdf_page_chars(long_team["pdf"], 1)
    by_line: dict[int, list] = {}
    for ch in chars:
        by_line.setdefault(round(ch["top"]), []).append(ch)
    lines = sorted(by_line.values(), key=lambda line: line[0]["top"])

    def font_of(prefix: str) -> str:
        line = next(line for line in lines if "".join(c["text"] for c in line).startswith(prefix))
        return normalised(line[0]["fontname"])

    assert font_of("市规划").startswith("notoserifcjksc") and "bold" in font_of("市规划")  # 小标宋 stand-in
    assert font_of("一、").startswith("notosanscjksc")  # 黑体
    assert "ukai" in font_of("（一）")  # 楷体 (AR PL UKai; Typst embeds it as UKaiCN)
    assert font_of("按照").startswith("notoserifcjksc") and "bold" not in font_of("按照")  # 仿宋 stand-in
    title = [c for c in lines[0]]
    assert title[0]["size"] == pytest.approx(22, abs=0.1)
    body = next(line for line in lines if line[0]["text"] == "按")
    assert body[0]["size"] == pytest.approx(16, abs=0.1)
    assert body[0]["x0"] == pytest.approx(TYPE_LEFT + 31.5, abs=1)  # two characters of indent


def test_pdf_stays_small_because_fonts_are_subset(long_team):
    assert len(long_team["pdf"]) < 1_000_000


def test_font_setting_puts_the_installations_fonts_first_and_keeps_fallbacks():
    with override_settings(EXPORT_PDF_FONTS={"body": ["仿宋_GB2312", 'Evil"; } body {']}):
        stacks = font_stacks()
    assert stacks["body"].startswith('"仿宋_GB2312", "Evil  body", "Noto Serif CJK SC"')
    assert not any(mark in stacks["body"] for mark in (";", "{", "}"))  # cannot break out of the CSS
    assert '"Noto Sans CJK SC"' in stacks["kai"] and stacks["kai"].endswith(", serif")
    assert stacks["heading"].startswith('"仿宋_GB2312"')  # a role left out falls back to the body


def test_pdf_metadata_and_file_name(filled_meeting):
    exported = export_document(filled_meeting, "team", "pdf")
    assert exported.filename == "测试市测试局党委班子2030年度民主生活会对照检查材料.pdf"
    assert exported.content_type == "application/pdf"
    assert exported.content.startswith(b"%PDF-")
    grid = read_pdf(exported.content)
    assert grid.text.startswith("测试局党委班子2030年度民主生活会对照检查材料")
    assert grid.text.endswith("测试市测试局党委2031年1月5日")


LONG_TITLE = "市数据局党组2023年度学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会"
SHORT_TITLE = "市数据局党组2023年度主题教育专题民主生活会"


def title_lines(pdf: bytes) -> list[str]:
    """The lines of the first page set in the title's 22 pt, as printed."""
    chars = [c for c in pdf_page_chars(pdf, 1) if c["size"] == pytest.approx(22, abs=0.1)]
    return ["".join(c["text"] for c in line) for line in rows(chars)]


@pytest.mark.parametrize(
    ("unit_name", "title"),
    [
        ("示范市数据资源管理局党组", LONG_TITLE),  # the 情况报告 title printed 告 alone on a line
        ("示范市数据资源管理局党组", "示范市数据资源管理局党组" + LONG_TITLE.removeprefix("市数据局党组")),
        ("示范市数据资源管理局党组", SHORT_TITLE),
        ("县委常委会", "县委常委会班子2024年度民主生活会"),  # one line if digits counted ½
        ("测试市测试局党委", "测试局党委2030年度民主生活会"),
    ],
    ids=["long-title", "long-title-full-unit-name", "short-title", "digits-at-the-limit", "one-line"],
)
def test_no_printed_title_line_is_left_with_a_few_characters(meeting, unit, unit_name, title):
    unit.name, unit.short_name = unit_name, "市数据局党组" if title.startswith("市数据局") else ""
    unit.save()
    meeting.title = title
    meeting.save()
    member = unit.members.order_by("position").first()
    Material.objects.create(meeting=meeting, member=member)
    for document in ("team", f"member:{member.pk}", "situation"):
        lines = title_lines(export_document(meeting, document, "pdf").content)
        longest = max(len(line) for line in lines)
        assert all(len(line) >= longest / 3 for line in lines), (document, lines)
        assert len(lines) <= 3 and all(len(line) <= 21 for line in lines), (document, lines)
        if document == "situation":
            assert "".join(lines) == f"{title}情况报告"
