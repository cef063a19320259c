"""Word files made in the tests from plain text, the way drafters' files look: runs split in the middle
of words (with alternating formatting, so Word would keep them apart), manual line breaks, and — in
the second kind — Word's automatic numbering instead of typed numbers (numbering.xml definitions,
``w:numPr`` on the paragraphs directly or through a paragraph style, the typed numbers removed)."""

import io
import re

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

SECTION = re.compile(r"^[一二三四五六七八九十]+、")
BLOCK = re.compile(r"^（[一二三四五六七八九十]+）")
RUN_LENGTH = 7  # characters per run: splits words such as 民主|生活会 anywhere


def add_runs(paragraph, text: str) -> None:
    """``text`` in runs of a few characters, bold and plain in turn; ``\\n`` is a manual break."""
    for part_number, part in enumerate(text.split("\n")):
        if part_number:
            paragraph.add_run().add_break()
        for start in range(0, len(part), RUN_LENGTH):
            run = paragraph.add_run(part[start : start + RUN_LENGTH])
            run.bold = bool((start // RUN_LENGTH) % 2)


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_breaks(line: str) -> str:
    """A manual line break where drafters put one: after the first sentence of a cause or a measure,
    before 一是 in an aspect block, after the first comma of a preamble paragraph."""
    if BLOCK.match(line):
        at = line.find("一是")
        if at > 0 and line.find("。") < at:
            return line[:at] + "\n" + line[at:]
        stop = line.find("。")
        return line[: stop + 1] + "\n" + line[stop + 1 :] if 0 < stop < len(line) - 1 else line
    if not SECTION.match(line) and "，" in line:
        comma = line.find("，")
        return line[: comma + 1] + "\n" + line[comma + 1 :]
    return line


def typed_docx(text: str) -> bytes:
    """The text as typed: every number is in the text."""
    document = docx.Document()
    for line in (line.strip() for line in text.splitlines()):
        if line:
            add_runs(document.add_paragraph(), with_breaks(line))
    return save(document)


# A two-level list: 一、 (ideographDigital %1、) then （一） (chineseCounting （%1）), restarted
# after each 一、 as Word does; the sections are numbered through a paragraph style.
NUMBERING_XML = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographDigital"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
"""
NUM_XML = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def add_numbering(document, abstract_xml: str, num_xml: str) -> None:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(abstract_xml))
    numbering.append(parse_xml(num_xml))


def number_paragraph(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def automatic_docx(text: str) -> bytes:
    """The text with Word's automatic numbering: 一、 and （一） are not in the paragraphs' text."""
    document = docx.Document()
    add_numbering(document, NUMBERING_XML, NUM_XML)
    style = document.styles.add_style("Part Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>')
    )
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        if SECTION.match(line):
            paragraph = document.add_paragraph(style="Part Heading")
            add_runs(paragraph, SECTION.sub("", line))
        elif BLOCK.match(line):
            paragraph = document.add_paragraph()
            number_paragraph(paragraph, 90, 1)
            add_runs(paragraph, BLOCK.sub("", with_breaks(line)))
        else:
            add_runs(document.add_paragraph(), with_breaks(line))
    return save(document)


def paragraph_texts(data: bytes) -> list[str]:
    """What python-docx sees (no numbers): proves the numbers are not in the text."""
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
