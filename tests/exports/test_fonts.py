"""Trimmed copies of the Noto CJK faces (apps/exports/fonts.py): what they hold, how the stylesheets
of the PDFs WeasyPrint renders (the ledger's table) use them, and that characters they lack still
print from the full fonts. The text materials are typeset by Typst from the system fonts
(tests/exports/test_typesetting.py)."""

from pathlib import Path

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from apps.exports import fonts, rendering
from apps.exports.pdf_writer import font_stacks
from tests.exports.readback import drawn_with_a_glyph, pdf_chars

SERIF = fonts.TRIMMED_FACES[0]


def test_the_common_characters_are_gb2312_with_ascii_and_punctuation():
    characters = set(fonts.common_characters())
    assert {ord(c) for c in "中华人民共和国党委“”，。（）A1—…"} <= characters
    assert ord("堃") not in characters and ord("𠮷") not in characters  # GBK and beyond: the full font
    assert 7000 < len(characters) < 9000


def test_the_simplified_chinese_member_of_the_system_collection_is_found():
    source, index = fonts.find_source(SERIF)
    assert source.name == "NotoSerifCJK-Regular.ttc"
    assert index == 2  # JP, KR, SC, TC, HK: the SC face, not the Japanese one


def test_a_trimmed_font_holds_exactly_the_chosen_characters(tmp_path: Path):
    source, index = fonts.find_source(SERIF)
    target = fonts.trim_font(source, index, [ord(c) for c in "对照检查材料"], tmp_path / "serif.otf")
    font = TTFont(target)
    assert set(font.getBestCmap()) == {ord(c) for c in "对照检查材料"}
    assert font["name"].getDebugName(1) == "Noto Serif CJK SC"
    assert not list(tmp_path.glob("*.partial"))


def test_a_trimmed_font_numbers_each_glyph_s_cid_by_its_glyph_id(tmp_path: Path):
    # WeasyPrint writes glyph ids as CIDs; where they differ PDF.js (Firefox) draws no character.
    source, index = fonts.find_source(SERIF)
    target = fonts.trim_font(source, index, [ord(c) for c in "对照检查材料中"], tmp_path / "serif.otf")
    font = TTFont(target)
    charset = font["CFF "].cff.topDictIndex[0].charset
    assert charset == [".notdef", *(f"cid{gid:05d}" for gid in range(1, len(charset)))]
    assert _outline(font, "中") == _outline(TTFont(source, fontNumber=index), "中")  # still the same glyph


def test_a_trimmed_font_puts_everyday_characters_first_and_keeps_their_outlines(tmp_path: Path):
    """WeasyPrint embeds every glyph id up to the last one used: the first-level GB 2312 characters
    come right after ASCII and punctuation, the rarer ones (second level: 鑫) after them."""
    source, index = fonts.find_source(SERIF)
    target = fonts.trim_font(source, index, [ord(c) for c in "鑫中A，检"], tmp_path / "serif.otf")
    font = TTFont(target)
    order, cmap = font.getGlyphOrder(), font.getBestCmap()
    gid = {c: order.index(cmap[ord(c)]) for c in "鑫中A，检"}
    assert gid["A"] < gid["，"] < gid["中"] < gid["鑫"] and gid["检"] < gid["鑫"]
    original = TTFont(source, fontNumber=index)
    for character in "鑫中A，检":
        assert _outline(font, character) == _outline(original, character)
        assert (
            font["hmtx"][cmap[ord(character)]][0]
            == original["hmtx"][original.getBestCmap()[ord(character)]][0]
        )
    assert "vmtx" not in font and "VORG" not in font  # vertical metrics: never used, ~50 KB a PDF face


def test_the_kai_face_is_trimmed_too_with_the_same_glyph_points(tmp_path: Path):
    kai = next(face for face in fonts.TRIMMED_FACES if face.family == "AR PL UKai CN")
    source, index = fonts.find_source(kai)
    target = fonts.trim_font(source, index, [ord(c) for c in "冰中一"], tmp_path / "kai.ttf")
    font, original = TTFont(target), TTFont(source, fontNumber=index)
    for character in "冰中一":
        mine, theirs = (
            font["glyf"][font.getBestCmap()[ord(character)]],
            original["glyf"][original.getBestCmap()[ord(character)]],
        )
        assert mine.getCoordinates(font["glyf"])[0] == theirs.getCoordinates(original["glyf"])[0]
    assert font["name"].getDebugName(1) == "AR PL UKai CN"


def _outline(font: TTFont, character: str) -> list:
    pen = RecordingPen()
    font.getGlyphSet()[font.getBestCmap()[ord(character)]].draw(pen)
    return pen.value


@pytest.fixture
def tiny_trimmed_fonts(settings, tmp_path: Path, monkeypatch):
    """Trimmed copies that hold only a few characters, so the test can tell which font drew what,
    with a font configuration of their own (the shared one already knows the full copies)."""
    settings.EXPORT_PDF_FONT_CACHE = tmp_path
    monkeypatch.setattr(rendering, "_slots_by_size", {})  # new slots, new font configurations
    for face in fonts.TRIMMED_FACES:
        fonts.trim_font(*fonts.find_source(face), [ord(c) for c in "班子问题"], tmp_path / face.file_name)
    return tmp_path


def weasyprint_pdf(text: str) -> bytes:
    """``text`` printed by WeasyPrint in the body's stack with the trimmed copies' @font-face rules,
    as the ledger's PDF is."""
    trimmed = fonts.available_faces()
    body = font_stacks(face for face, _ in trimmed)["body"]
    html = f"<style>{fonts.font_face_rules(trimmed)} p {{ font-family: {body}; }}</style><p>{text}</p>"
    return rendering.write_pdf(html)


def test_the_stylesheet_puts_each_trimmed_copy_before_its_full_font(tiny_trimmed_fonts):
    rules = fonts.font_face_rules(fonts.available_faces())
    assert f'"{SERIF.alias}", "Noto Serif CJK SC"' in font_stacks(fonts.TRIMMED_FACES)["body"]
    assert (tiny_trimmed_fonts / SERIF.file_name).as_uri() in rules
    assert f'font-family: "{SERIF.alias}"' in rules


def test_characters_a_trimmed_copy_lacks_print_from_the_full_font(tiny_trimmed_fonts):
    chars = pdf_chars(weasyprint_pdf("班子问题整改措施落实情况堃"))
    from_copy = {c["text"] for c in chars if "trimmed" in c["fontname"].lower()}
    assert from_copy and from_copy <= set("班子问题")
    others = [c for c in chars if c["text"] not in "班子问题" and c["text"].strip()]
    assert others and all(drawn_with_a_glyph(c) for c in others)


def test_without_trimmed_copies_the_stylesheet_names_the_system_fonts_only(settings, tmp_path):
    settings.EXPORT_PDF_FONT_CACHE = tmp_path / "absent"
    trimmed = fonts.available_faces()
    assert trimmed == []
    assert fonts.font_face_rules(trimmed) == "" and "Trimmed" not in font_stacks()["body"]
