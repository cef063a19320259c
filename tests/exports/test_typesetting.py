"""The text PDFs typeset by Typst (apps/exports/typesetting.py, templates/exports/document.typ):
user text is data, never Typst markup; fonts are found under Typst's names; a character no chosen
font has still prints; the slot keeps its compiler. The grid itself is read back in test_pdf.py."""

import pytest

from apps.exports import rendering, typesetting
from apps.exports.context import Paragraph, Run, SignatureLine, TextDocument
from apps.exports.documents import DocumentRef, Kind
from apps.exports.pdf_writer import font_families, render_pdf
from tests.exports.readback import drawn_with_a_glyph, pdf_chars, read_pdf


def document(*paragraphs: str, signature: tuple[SignatureLine, ...] = ()) -> TextDocument:
    blocks = tuple(Paragraph((Run(text),)) for text in paragraphs)
    return TextDocument(DocumentRef(Kind.TEAM), "标题", ("标题",), "", blocks, signature, "标题", "单位")


def printed(doc: TextDocument) -> str:
    return read_pdf(render_pdf(doc).content).text


MARKUP = [
    "#let x = 1 #x $a^2$ *粗* _斜_ `代码` [括号] {花括号} <label> @ref \\ // 注释 /* 块 */",
    "= 标题 - 列表 + 编号 ~ --- ... 'quote' \"双引号\"",
    '#read("/etc/passwd") #import "@preview/cetz:0.1.0" #eval("1+1")',
    '#{panic("x")} #sys.inputs',
]


@pytest.mark.parametrize("text", MARKUP, ids=["markup", "lists-and-quotes", "file-and-package", "code"])
def test_user_text_prints_literally_and_never_runs_as_typst(text):
    assert printed(document(text)) == "标题" + text.replace(" ", "")


def test_control_and_odd_characters_never_fail_the_pdf():
    odd = [
        "空\x00字符",
        "半个表情\ud83d之后",
        "私用\U0010ffff区",
        "عربي עברית",
        "组合e\u0301\u20dd",
        "\u202e反转\u202c",
    ]
    for text in odd:
        assert render_pdf(document(text)).content.startswith(b"%PDF-")
    assert "半个表情?之后" in printed(document("半个表情\ud83d之后"))


def test_a_long_address_breaks_inside_the_type_area_and_reads_back_whole():
    address = "https://example.gov.cn/zhengce/" + "a1b2c3d4e5" * 20 + ".html"
    doc = document(f"详见{address}。", "A" * 120, "文号第2031-0001-0002-0003-0004-0005-0006-0007-0008号")
    grid = read_pdf(render_pdf(doc).content)
    assert grid.beyond_type_area == []
    assert address in grid.text and "A" * 120 in grid.text and "\u200b" not in grid.text


def test_only_long_unbreakable_runs_are_marked():
    assert typesetting.pieces("正常的中文和 short English words 以及 2031年1月5日") == (
        "正常的中文和 short English words 以及 2031年1月5日"
    )
    long = "x" * 40
    assert typesetting.pieces(f"前{long}后") == ["前", {"long": long}, "后"]


def test_families_are_found_under_typst_s_names_and_unknown_ones_are_dropped():
    # fontconfig names the collection's regional member "AR PL UKai CN", Typst the family "AR PL UKai".
    assert typesetting.typst_family("AR PL UKai CN") == "AR PL UKai"
    assert typesetting.typst_family("Noto Serif CJK SC") == "Noto Serif CJK SC"
    assert typesetting.typst_family("仿宋_GB2312 不存在") is None
    assert typesetting.typst_family("Evil-name:with,fontconfig\\syntax") is None  # escaped, not parsed
    fonts = typesetting.role_fonts({"body": ["不存在的字体", "Noto Serif CJK SC"], "kai": ["不存在的字体"]})
    assert fonts["body"] == ["Noto Serif CJK SC"]
    assert fonts["kai"] == ["Noto Serif CJK SC"]  # nothing installed: never an empty stack


def test_an_installation_s_font_setting_reaches_the_pdf(settings):
    settings.EXPORT_PDF_FONTS = {"body": ["AR PL UKai CN"], "heading": ["Noto Sans CJK SC"]}
    chars = pdf_chars(render_pdf(document("正文用楷体。")).content)
    assert all("ukai" in c["fontname"].lower() for c in chars if c["text"] in "正文用楷体")


def test_every_role_of_the_default_settings_has_an_installed_font():
    fonts = typesetting.role_fonts(font_families(latin_fallbacks=False))
    assert fonts["kai"][0] == "AR PL UKai"
    assert fonts["heading"][0] == "Noto Sans CJK SC"
    assert all(fonts[role][0] == "Noto Serif CJK SC" for role in ("title", "body", "number"))


def test_characters_the_chosen_fonts_lack_still_print_with_a_glyph():
    rare = "𠮷堃犇😀"
    chars = [c for c in pdf_chars(render_pdf(document(f"罕见字{rare}照常打印")).content) if c["text"] in rare]
    assert {c["text"] for c in chars} == set(rare)
    cjk = [c for c in chars if c["text"] != "😀"]
    assert all(drawn_with_a_glyph(c) for c in cjk), [(c["text"], c["fontname"]) for c in cjk]


def test_signature_lines_end_where_their_right_indent_says():
    lines = (SignatureLine("某某单位党委", 4.0), SignatureLine("2031年1月5日", 0.0))
    doc = document("正文。", signature=lines)
    chars = pdf_chars(render_pdf(doc).content)
    unit = [c for c in chars if c["text"] in "某某单位党委"]
    date = [c for c in chars if c["text"] in "2031年1月5日"]
    right_edge = max(c["x1"] for c in date)
    # Four characters of 16 pt (tracking −0.25 pt) in from the date's right edge.
    assert max(c["x1"] for c in unit) == pytest.approx(right_edge - 4 * 16, abs=2)


def test_a_slot_makes_its_compiler_once(monkeypatch, settings):
    settings.EXPORT_PDF_CONCURRENCY = 1
    monkeypatch.setattr(rendering, "_slots_by_size", {})
    made = []
    original = typesetting.new_compiler
    monkeypatch.setattr(typesetting, "new_compiler", lambda: made.append(1) or original())
    first = render_pdf(document("第一份。")).content
    second = render_pdf(document("第二份。")).content
    assert len(made) == 1
    assert first != second and first.startswith(b"%PDF-") and second.startswith(b"%PDF-")


def test_the_same_document_gives_the_same_bytes():
    # No creation date in the file: the export cache and the history's hashes see equal PDFs.
    assert render_pdf(document("同一份。")).content == render_pdf(document("同一份。")).content
