"""Word (DOCX) files to GB/T 9704-2012 from an export context, with python-docx.

The default python-docx template is US Letter, 11 pt, 1.15 spacing with theme fonts; everything the
standard fixes is set explicitly here (see docs/gbt9704.md):

* A4, margins top 37 / bottom 35 / left 28 / right 26 mm; 22 lines of 28 characters. The line grid is
  ``w:docGrid type="lines" linePitch="579"`` with exact 28.95 pt line spacing; the 28 characters come
  from a character spacing of −0.25 pt (紧缩 0.25 磅) in the Normal style. A character grid with a
  negative ``charSpace`` would be the Word-native way, but LibreOffice then spreads every line to
  22–23 characters; −0.25 pt gives 28 in both (measured with LibreOffice in the test suite).
* East Asian font names a Chinese Word/WPS installation has (仿宋_GB2312, 黑体, 楷体_GB2312,
  方正小标宋简体), ``w:lang eastAsia="zh-CN"``, theme fonts removed. Fonts are named, not embedded.
* Page numbers ``— N —`` (宋体 四号) from a PAGE field, odd pages right and even pages left, one
  character in from the edge of the type area (``evenAndOddHeaders``).
* ``w:overflowPunct w:val="0"``: no comma or full stop hangs into the right margin (Word and WPS hang
  punctuation by default). LibreOffice 7.4 reads this attribute the other way round and hangs such
  marks anyway; its lines still hold 28 characters inside the type area.
"""

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from apps.exports.context import Heading, Subheading, TextDocument
from apps.exports.documents import CONTENT_TYPES, ExportFile, Format, safe_file_name

# East Asian fonts by role, as Chinese Office installations name them; Latin text in Times New Roman.
FONTS = {
    "title": "方正小标宋简体",
    "heading": "黑体",
    "kai": "楷体_GB2312",
    "body": "仿宋_GB2312",
    "number": "宋体",
}
LATIN = "Times New Roman"

# GB/T 9704 in twips (1/20 pt).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474  # 37/35/28/26 mm
LINE_PITCH = 579  # 28.95 pt: 22 lines in 225 mm
# Character grid pitch as Word computes it for 28 characters of 三号 on 156 mm:
# (8845 / 20 / 28 − 16) pt × 4096 ≈ −849. Word uses it only when a user switches on the character grid.
CHAR_SPACE = -849
CHAR_SPACING = -5  # −0.25 pt in twentieths of a point: 28 characters a line
CHAR_PITCH_TWIPS = 315  # 16 pt − 0.25 pt
FOOTER_DISTANCE = 1304  # 23 mm: the page number's dash sits ~7 mm below the type area
BODY_SIZE, TITLE_SIZE, NUMBER_SIZE = Pt(16), Pt(22), Pt(14)

# lxml refuses these; the context is already clean, this is the last line of defence.
_NOT_XML = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]")


def render_docx(doc: TextDocument) -> ExportFile:
    """The Word file of a text document: (file name, content type, bytes)."""
    document = Document()
    _setup_page(document)
    _setup_styles(document)
    _write_content(document, doc)
    _write_footers(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = doc.title, doc.unit_name, doc.unit_name
    properties.comments = properties.keywords = properties.subject = ""
    properties.language = "zh-CN"
    buffer = BytesIO()
    document.save(buffer)
    return ExportFile(
        safe_file_name(doc.file_stem, Format.DOCX), CONTENT_TYPES[Format.DOCX], buffer.getvalue()
    )


# --- XML helpers --------------------------------------------------------------------------------


def _child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...] = ()) -> BaseOxmlElement:
    """The child ``tag`` of ``parent``, created in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    successors = order[order.index(tag) + 1 :] if tag in order else ()
    parent.insert_element_before(element, *successors)
    return element


def _set(element: BaseOxmlElement, **attrs: str | int) -> BaseOxmlElement:
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
    "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _run_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str = LATIN) -> None:
    """Latin and East Asian font names, theme fonts removed, Chinese as the East Asian language."""
    fonts = _child(rpr, "w:rFonts", RPR_ORDER)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    _set(fonts, ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia, hint="eastAsia")
    _set(_child(rpr, "w:lang", RPR_ORDER), val="zh-CN", eastAsia="zh-CN", bidi="ar-SA")


def _run_size(rpr: BaseOxmlElement, size: Pt) -> None:
    half_points = str(round(size.pt * 2))
    _set(_child(rpr, "w:sz", RPR_ORDER), val=half_points)
    _set(_child(rpr, "w:szCs", RPR_ORDER), val=half_points)


def _indent(
    ppr: BaseOxmlElement, *, first_chars: int = 0, right_chars: float = 0, left_chars: float = 0
) -> None:
    """Indents in hundredths of a character (Word's ``*Chars``) with twips for other readers."""
    ind = _child(ppr, "w:ind", PPR_ORDER)
    for name in list(ind.attrib):
        del ind.attrib[name]
    _set(ind, firstLineChars=first_chars * 100, firstLine=first_chars * CHAR_PITCH_TWIPS)
    if right_chars:
        _set(ind, rightChars=round(right_chars * 100), right=round(right_chars * CHAR_PITCH_TWIPS))
    if left_chars:
        _set(ind, leftChars=round(left_chars * 100), left=round(left_chars * CHAR_PITCH_TWIPS))


def _line_spacing(ppr: BaseOxmlElement, *, exact: int | None = LINE_PITCH) -> None:
    spacing = _set(_child(ppr, "w:spacing", PPR_ORDER), before=0, after=0, beforeLines=0, afterLines=0)
    if exact:
        _set(spacing, line=exact, lineRule="exact")
    else:
        _set(spacing, line=240, lineRule="auto")


# --- Page and styles ----------------------------------------------------------------------------


def _setup_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(851), Twips(FOOTER_DISTANCE)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for name in list(grid.attrib):
        del grid.attrib[name]
    _set(grid, type="lines", linePitch=LINE_PITCH, charSpace=CHAR_SPACE)
    document.settings.odd_and_even_pages_header_footer = True


def _setup_styles(document: DocxDocument) -> None:
    styles = document.styles
    # Document defaults: what any paragraph without a style (footers, tables) inherits.
    defaults = styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _run_fonts(default_rpr, FONTS["body"])
    _run_size(default_rpr, BODY_SIZE)
    default_ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _line_spacing(default_ppr)

    normal = styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    _run_fonts(rpr, FONTS["body"])
    _run_size(rpr, BODY_SIZE)
    _set(_child(rpr, "w:spacing", RPR_ORDER), val=CHAR_SPACING)
    _set(_child(rpr, "w:kern", RPR_ORDER), val=0)
    ppr = normal.element.get_or_add_pPr()
    _set(_child(ppr, "w:widowControl", PPR_ORDER), val=0)  # else pages lose lines
    # No punctuation hanging into the margin (Word and LibreOffice allow it by default): 28, not 29.
    _set(_child(ppr, "w:overflowPunct", PPR_ORDER), val=0)
    _line_spacing(ppr)
    _indent(ppr, first_chars=2)
    _set(_child(ppr, "w:jc", PPR_ORDER), val="both")

    _paragraph_style(document, "公文标题", FONTS["title"], TITLE_SIZE, align="center", spacing=0)
    # A 二号 line must not take two grid lines (LibreOffice snaps lines taller than the pitch).
    _set(_child(document.styles["公文标题"].element.get_or_add_pPr(), "w:snapToGrid", PPR_ORDER), val=0)
    _paragraph_style(document, "署名作者", FONTS["kai"], BODY_SIZE, align="center")
    _paragraph_style(document, "一级标题", FONTS["heading"], BODY_SIZE, outline=0, first_chars=2)
    _paragraph_style(document, "二级标题", FONTS["kai"], BODY_SIZE, outline=1, first_chars=2)
    _paragraph_style(document, "落款", FONTS["body"], BODY_SIZE, align="right")
    _paragraph_style(document, "页码", FONTS["number"], NUMBER_SIZE, latin=FONTS["number"], exact=None)
    _character_style(document, "楷体文字", FONTS["kai"])
    _character_style(document, "加粗文字", FONTS["body"], bold=True)


def _paragraph_style(
    document: DocxDocument,
    name: str,
    east_asia: str,
    size: Pt,
    *,
    align: str = "both",
    outline: int | None = None,
    first_chars: int = 0,
    spacing: int = CHAR_SPACING,
    latin: str = LATIN,
    exact: int | None = LINE_PITCH,
) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    rpr = style.element.get_or_add_rPr()
    _run_fonts(rpr, east_asia, latin)
    _run_size(rpr, size)
    _set(_child(rpr, "w:spacing", RPR_ORDER), val=spacing)
    ppr = style.element.get_or_add_pPr()
    if outline is not None:
        _child(ppr, "w:keepNext", PPR_ORDER)
        _set(_child(ppr, "w:outlineLvl", PPR_ORDER), val=outline)
    _line_spacing(ppr, exact=exact)
    _indent(ppr, first_chars=first_chars)
    _set(_child(ppr, "w:jc", PPR_ORDER), val=align)


def _character_style(document: DocxDocument, name: str, east_asia: str, *, bold: bool = False) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    rpr = style.element.get_or_add_rPr()
    _run_fonts(rpr, east_asia)
    if bold:
        _child(rpr, "w:b", RPR_ORDER)
        _child(rpr, "w:bCs", RPR_ORDER)


# --- Content ------------------------------------------------------------------------------------
# Paragraphs are written as XML directly: python-docx looks a style up by name on every call, which
# costs more than everything else together on a 12-page document.

_RUN_STYLES = {"kai": "楷体文字", "strong": "加粗文字"}


def _text(value: str) -> str:
    return _NOT_XML.sub("", value).replace("\t", " ")


class _Writer:
    def __init__(self, document: DocxDocument) -> None:
        self.body = document.element.body
        self.end = self.body.find(qn("w:sectPr"))
        self.ids = {style.name: style.style_id for style in document.styles}

    def paragraph(
        self,
        style: str | None = None,
        runs: tuple[tuple[str, str | None], ...] = (),
        *,
        highlight: bool = False,
    ) -> BaseOxmlElement:
        p = OxmlElement("w:p")
        if style:
            ppr = OxmlElement("w:pPr")
            _set(_child(ppr, "w:pStyle", PPR_ORDER), val=self.ids[style])
            p.append(ppr)
        for text, run_style in runs:
            r = OxmlElement("w:r")
            if run_style or highlight:
                rpr = OxmlElement("w:rPr")
                if run_style:
                    _set(_child(rpr, "w:rStyle", RPR_ORDER), val=self.ids[run_style])
                if highlight:
                    _set(_child(rpr, "w:highlight", RPR_ORDER), val="yellow")
                r.append(rpr)
            t = OxmlElement("w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = _text(text)
            r.append(t)
            p.append(r)
        self.end.addprevious(p)
        return p


def _write_content(document: DocxDocument, doc: TextDocument) -> None:
    writer = _Writer(document)
    title = writer.paragraph("公文标题")
    for index, line in enumerate(doc.title_lines):
        if index:
            title.append(OxmlElement("w:r"))
            title[-1].append(OxmlElement("w:br"))
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = _text(line)
        run.append(t)
        title.append(run)
    writer.paragraph()  # GB/T 9704: one blank line between the title and the text
    if doc.author:
        writer.paragraph("署名作者", ((doc.author, None),))
        writer.paragraph()
    for block in doc.blocks:
        if isinstance(block, Heading):
            writer.paragraph("一级标题", ((block.text, None),))
        elif isinstance(block, Subheading):
            writer.paragraph("二级标题", ((block.text, None),))
        else:
            runs = tuple((run.text, _RUN_STYLES.get(run.style)) for run in block.runs)
            writer.paragraph(None, runs, highlight=block.placeholder)
    if doc.signature:
        writer.paragraph()  # one blank line below the text (§7.3.5.2)
        for line in doc.signature:
            p = writer.paragraph("落款", ((line.text, None),))
            _indent(p.find(qn("w:pPr")), right_chars=line.right_chars)


def _write_footers(document: DocxDocument) -> None:
    section = document.sections[0]
    _page_number(section.footer.paragraphs[0], align="right")  # odd pages
    _page_number(section.even_page_footer.paragraphs[0], align="left")


def _page_number(paragraph: DocxParagraph, *, align: str) -> None:
    """``— N —`` with a PAGE field, one character in from the type area's edge."""
    paragraph.style = "页码"
    ppr = paragraph._p.get_or_add_pPr()
    _set(_child(ppr, "w:jc", PPR_ORDER), val=align)
    if align == "right":
        _indent(ppr, right_chars=1)
    else:
        _indent(ppr, left_chars=1)
    paragraph.add_run("— ")
    _field_char(paragraph, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    _field_char(paragraph, "separate")
    paragraph.add_run("1")
    _field_char(paragraph, "end")
    paragraph.add_run(" —")


def _field_char(paragraph: DocxParagraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)
