"""The Word file read back: GB/T 9704 page, grid, East Asian fonts, page numbers, the outline in order."""

import io
import re

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from apps.exports.context import display_width
from apps.exports.exporters import export_document
from tests.exports.readback import in_order, team_outline


def open_docx(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


@pytest.fixture(scope="module")
def long_docx(long_team) -> docx.document.Document:
    return open_docx(long_team["docx"])


def style_chain(document, style_id: str | None):
    styles = document.styles.element
    while style_id:
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        yield style
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def east_asia_font(document, paragraph, run=None) -> str:
    """The East Asian font a paragraph (or one of its runs) is set in, following the styles."""
    candidates = []
    if run is not None:
        rpr = run._r.find(qn("w:rPr"))
        if rpr is not None:
            candidates.append(rpr)
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None:
                candidates += [s.find(qn("w:rPr")) for s in style_chain(document, rstyle.get(qn("w:val")))]
    ppr = paragraph._p.find(qn("w:pPr"))
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    candidates += [
        s.find(qn("w:rPr"))
        for s in style_chain(document, pstyle.get(qn("w:val")) if pstyle is not None else "Normal")
    ]
    for rpr in candidates:
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            assert fonts.get(qn("w:eastAsiaTheme")) is None
            return fonts.get(qn("w:eastAsia"))
    raise AssertionError("no East Asian font")


def paragraph_starting(document, prefix: str):
    return next(p for p in document.paragraphs if p.text.startswith(prefix))


def test_page_is_a4_with_gbt9704_margins(long_docx):
    section = long_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    sect_pr = section._sectPr
    margins = sect_pr.find(qn("w:pgMar"))
    assert {side: int(margins.get(qn(f"w:{side}"))) for side in ("top", "bottom", "left", "right")} == {
        "top": 2098,  # 37 mm
        "bottom": 1984,  # 35 mm
        "left": 1587,  # 28 mm
        "right": 1474,  # 26 mm
    }


def test_line_grid_and_normal_style_give_22_lines_of_28_characters(long_docx):
    grid = long_docx.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) == "-849"  # Word's pitch for 28 characters of 三号 on 156 mm
    normal = long_docx.styles["Normal"].element
    rpr, ppr = normal.find(qn("w:rPr")), normal.find(qn("w:pPr"))
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"  # 三号 16 pt
    assert rpr.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 紧缩 0.25 磅: 28 characters a line
    spacing = ppr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert (spacing.get(qn("w:before")), spacing.get(qn("w:after"))) == ("0", "0")
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"
    assert ppr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_document_defaults_have_no_theme_fonts_or_letter_size_leftovers(long_docx):
    defaults = long_docx.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [name for name in fonts.attrib if name.endswith("Theme")]
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing.get(qn("w:after")) == "0" and spacing.get(qn("w:line")) == "579"


def test_title_headings_and_body_name_the_chinese_office_fonts(long_docx, long_team):
    title = long_docx.paragraphs[0]
    assert east_asia_font(long_docx, title) == "方正小标宋简体"
    assert title.style.name == "公文标题" and title.runs[0].font.size is None  # all from the style
    assert long_docx.styles["公文标题"].font.size.pt == 22
    assert long_docx.styles["公文标题"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia_font(long_docx, paragraph_starting(long_docx, "一、")) == "黑体"
    aspect = paragraph_starting(long_docx, "（一）在学习")  # run in: heading, then the problems
    assert east_asia_font(long_docx, aspect, aspect.runs[0]) == "楷体_GB2312"
    assert aspect.runs[1].text.startswith("一是") and aspect.runs[1].bold is None
    assert east_asia_font(long_docx, aspect, aspect.runs[1]) == "仿宋_GB2312"
    cause = next(p for p in long_docx.paragraphs if p.text.startswith("（一）") and len(p.runs) > 1)
    assert east_asia_font(long_docx, cause, cause.runs[0]) == "楷体_GB2312"
    assert east_asia_font(long_docx, cause, cause.runs[1]) == "仿宋_GB2312"


def test_a_long_title_breaks_inside_one_centred_paragraph(long_docx):
    title = long_docx.paragraphs[0]
    first, second = title.text.split("\n")
    assert first + second == "市规划资源局党委班子2031年度民主生活会对照检查材料"
    assert len(title._p.findall(f"{qn('w:r')}/{qn('w:br')}")) == 1
    assert display_width(first) < display_width(second) <= 20  # a trapezoid, each line fits
    assert long_docx.paragraphs[1].text == ""  # one blank line before the text


# make_bench_meeting() (apps/exports/benchdata.py) writes 3 problems in each of its 6 aspects.
BENCH_PROBLEM_NUMBERS = ["一", "二", "三"] * 6
# A problem's number where the document prints it: at the start of a paragraph, or run on after the
# sentence before it (an aspect's run-in heading or lead-in).
PROBLEM_NUMBER = re.compile(r"(?:^|(?<=[。；：]))([一二三四五六七八九十]+)是")


def test_every_problem_headline_is_present_in_order_with_its_number(long_docx, long_team):
    text = "\n".join(p.text for p in long_docx.paragraphs)
    assert in_order(text, long_team["outline"])
    # Counted in the file itself, not in the database: 一是 二是 三是 in each of the six aspects.
    problems = text[text.index("一、存在的主要问题") : text.index("二、产生问题的原因剖析")]
    numbers = [m.group(1) for line in problems.split("\n") for m in PROBLEM_NUMBER.finditer(line)]
    assert numbers == BENCH_PROBLEM_NUMBERS


def test_page_numbers_are_page_fields_odd_right_even_left(long_docx):
    settings = long_docx.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = long_docx.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph._p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == align
        instructions = [t.text.strip() for t in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        kinds = [c.get(qn("w:fldCharType")) for c in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert east_asia_font(long_docx, paragraph) == "宋体"
        assert long_docx.styles["页码"].font.size.pt == 14


def test_signature_and_placeholders_of_a_small_material(filled_meeting):
    document = open_docx(export_document(filled_meeting, "team", "docx").content)
    name, date = document.paragraphs[-2:]
    assert (name.text, date.text) == ("测试市测试局党委", "2031年1月5日")
    assert name.style.name == date.style.name == "落款"
    assert document.styles["落款"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    indent = date._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert indent.get(qn("w:rightChars")) == "200"  # starts two characters right of the unit
    marked = paragraph_starting(document, "【待补充：本方面尚未填写查摆的问题】")
    assert marked.runs[0].font.highlight_color is not None
    assert document.core_properties.title == "测试局党委班子2030年度民主生活会对照检查材料"
    assert document.core_properties.author == "测试市测试局党委"
    assert in_order("\n".join(p.text for p in document.paragraphs), team_outline(filled_meeting))
