"""The text documents' PDF gets its stylesheets apart from the HTML (apps.exports.rendering): the page
stylesheet parsed once per render slot, and a user-agent stylesheet of ours instead of WeasyPrint's.
Neither may change the PDF, and a changed template or setting must reach the next PDF."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from apps.exports import benchdata, export_cache, rendering
from apps.exports.context import build_export_context
from apps.exports.pdf_writer import page_css, render_html, render_pdf
from apps.meetings.models import Meeting
from tests.exports.readback import normalised, pdf_chars, pdf_page_chars, read_pdf


@pytest.fixture(autouse=True)
def one_fresh_slot(monkeypatch, settings):
    """One render slot with a new font configuration, so every PDF below goes through the same one."""
    settings.EXPORT_PDF_CONCURRENCY = 1
    monkeypatch.setattr(rendering, "_slots_by_size", {})


def slot_fonts() -> rendering.SlotFonts:
    (fonts,) = rendering.slots().free_fonts
    return fonts


def weasyprints_own_pdf(doc) -> bytes:
    """The PDF as WeasyPrint makes it by itself: the stylesheet inline, WeasyPrint's user-agent
    stylesheet, a font configuration of its own."""
    return HTML(string=render_html(doc)).write_pdf(font_config=FontConfiguration())


@pytest.mark.parametrize("document", ["team", "member", "situation", "empty-team"])
def test_the_pdf_is_byte_for_byte_the_one_weasyprints_own_stylesheets_give(
    document, meeting, unit, filled_meeting
):
    """Every kind of text document: title lines with <br>, author, headings (bookmarks), run-in
    楷体 and bold runs, placeholders (an empty material), the signature and the page numbers."""
    if document == "member":
        sun = unit.members.order_by("position").last()  # the personal material of filled_meeting
        doc = build_export_context(filled_meeting, f"member:{sun.pk}")
    elif document == "empty-team":
        doc = build_export_context(meeting, "team")
    else:
        doc = build_export_context(filled_meeting, document)
    assert render_pdf(doc).content == weasyprints_own_pdf(doc)


def test_the_long_material_is_byte_for_byte_the_same_too(db):
    bench = Meeting.objects.with_related().get(pk=benchdata.make_bench_meeting().pk)
    doc = build_export_context(bench, "team")
    pdf = render_pdf(doc).content
    assert pdf == weasyprints_own_pdf(doc)
    assert read_pdf(pdf).pages >= 11


def test_the_stylesheets_are_parsed_once_for_any_number_of_pdfs(meeting, filled_meeting):
    render_pdf(build_export_context(filled_meeting, "team"))
    assert slot_fonts().parsed == 2  # the page stylesheet and the user-agent stylesheet
    render_pdf(build_export_context(filled_meeting, "situation"))
    render_pdf(build_export_context(meeting, "team"))
    assert slot_fonts().parsed == 2
    assert slot_fonts().stylesheet(page_css()) is slot_fonts().stylesheet(page_css())


def title_fonts(pdf: bytes) -> set[str]:
    return {normalised(c["fontname"]) for c in pdf_page_chars(pdf, 1) if round(c["size"]) == 22}


def test_a_changed_setting_reaches_the_next_pdf_through_the_cached_stylesheets(settings, filled_meeting):
    doc = build_export_context(filled_meeting, "team")
    assert all("bold" in font for font in title_fonts(render_pdf(doc).content))
    settings.EXPORT_PDF_TITLE_WEIGHT = 400  # an installation with a real 小标宋
    regular = render_pdf(doc).content
    assert title_fonts(regular) and not any("bold" in font for font in title_fonts(regular))
    assert slot_fonts().parsed == 3  # the new page stylesheet; the user-agent one is reused


def test_a_changed_page_template_reaches_the_next_pdf(settings, tmp_path, filled_meeting):
    doc = build_export_context(filled_meeting, "team")
    assert read_pdf(render_pdf(doc).content).page_mm == (210, 297)
    source = Path(django_settings.BASE_DIR) / "templates" / "exports" / "_page_style.css"
    (tmp_path / "exports").mkdir()
    shutil.copy(source, tmp_path / "exports" / "_page_style.css")
    changed = tmp_path / "exports" / "_page_style.css"
    changed.write_text(changed.read_text().replace("size: A4;", "size: A5;"))
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert read_pdf(render_pdf(doc).content).page_mm == (148, 210)


def test_our_user_agent_stylesheet_is_the_one_weasyprint_applies():
    """Through WeasyPrint's private hook (rendering._HTMLWithUserAgent): if an upgrade drops it, the
    PDFs stay right but lose the speed, and this test says so."""
    html = "<!doctype html><html lang='zh-CN'><body><p>班子对照检查材料</p></body></html>"
    hidden = rendering.write_pdf(html, user_agent="p { display: none }")
    assert "".join(c["text"] for c in pdf_chars(hidden)) == ""
    stock = rendering.write_pdf(html)
    assert "".join(c["text"] for c in pdf_chars(stock)) == "班子对照检查材料"


def test_a_slot_keeps_a_bounded_number_of_stylesheets():
    with rendering.slots().slot(timeout=1) as fonts:
        first = fonts.stylesheet("p { color: #000 }")
        for n in range(fonts.MAX_STYLESHEETS):
            fonts.stylesheet(f"p {{ margin: {n}px }}")
        assert fonts.parsed == fonts.MAX_STYLESHEETS + 1
        assert fonts.stylesheet("p { color: #000 }") is not first  # the oldest was dropped
        assert fonts.parsed == fonts.MAX_STYLESHEETS + 2


def test_the_stylesheet_templates_are_part_of_the_writers_version():
    """A deploy that changes either stylesheet must not serve PDFs made with the old one."""
    names = {path.name for path in export_cache.writer_files()}
    assert {"document.html", "_page_style.css", "_user_agent.css", "rendering.py"} <= names
