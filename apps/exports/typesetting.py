"""Text documents (材料, 情况报告) to PDF with Typst: ``templates/exports/document.typ`` fed with the
export context as JSON.

Why Typst and not WeasyPrint for these: the same 11-page material took WeasyPrint ~0.19 s of CPU
(layout 0.12 s: three Pango layouts and two Pango contexts per printed line from Python, then a
Python loop per glyph) against ~0.2 s for a warm LibreOffice converting our own Word file; Typst
lays it out and writes it in ~0.03 s (docs/performance.md). Its layout follows the same grid (22
lines of 28 characters; tests/exports/test_pdf.py reads every page back). The ledger's table PDF
stays with WeasyPrint (apps.ledger.exporting).

The template is the only Typst source: user text reaches it as JSON data (``sys.inputs``), never as
markup, so nothing typed can run as Typst code. A compiler scans the installed fonts when made
(~0.1 s), so each render slot (apps.exports.rendering) keeps one; Typst also remembers what it laid
out, which makes a second PDF of a barely changed material cheaper still.
"""

import json
import re
import subprocess
from functools import cache
from pathlib import Path

import typst
from django.conf import settings

from apps.exports.context import Block, TextDocument
from apps.exports.rendering import SlotFonts

TEMPLATE = Path(settings.BASE_DIR) / "templates" / "exports" / "document.typ"
# A run of Latin letters, digits and signs with no break opportunity (an address, a file number, a
# pasted URL) this long may not fit on a line of 56 half-width characters: Typst, unlike CSS's
# overflow-wrap, would let it run off the page, so the template sets it breakable anywhere.
UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]{40,}")


@cache
def _installed() -> tuple[frozenset[str], dict[tuple[str, int], str]]:
    """Typst's view of the installed fonts, read once per process (~0.1 s): its family names
    (casefolded) and the family of each font file (and index in a collection)."""
    fonts = typst.Fonts(include_system_fonts=True, include_embedded_fonts=True).fonts()
    families = frozenset(font.family.casefold() for font in fonts)
    return families, {(font.path, font.index): font.family for font in fonts if font.path}


def installed_families() -> frozenset[str]:
    return _installed()[0]


@cache
def fontconfig_files(name: str) -> tuple[tuple[str, int], ...]:
    """The files (and collection indexes) fontconfig knows under the family ``name``, by any of its
    names (a localised one too); none when fontconfig is missing."""
    escaped = "".join(f"\\{ch}" if ch in "\\-:," else ch for ch in name)
    try:
        out = subprocess.run(  # noqa: S603 - fixed command, the name is one argument
            ["fc-list", "--format", "%{file}|%{index}\\n", f":family={escaped}"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    files = []
    for line in out.splitlines():
        path, _, index = line.rpartition("|")
        if path and index.isdigit():
            files.append((path, int(index)))
    return tuple(sorted(files))


def typst_family(name: str, installed: frozenset[str] | None = None) -> str | None:
    """``name`` as Typst knows it, or None when no such font is installed. Typst names a font by
    its typographic family, fontconfig by every name the font gives (the regional member of a
    collection, "AR PL UKai CN", or a localised name): what Typst does not know, fontconfig finds
    as a file, and that file's Typst family is the answer."""
    installed = installed_families() if installed is None else installed
    if name.casefold() in installed:
        return name
    typst_names = _installed()[1]
    for file in fontconfig_files(name):
        if file in typst_names:
            return typst_names[file]
    return None


def role_fonts(stacks: dict[str, list[str]], installed: frozenset[str] | None = None) -> dict[str, list[str]]:
    """Each role's families (apps.exports.pdf_writer.font_families) reduced to the installed ones.
    A character none of them has is still drawn: Typst then takes any installed font that has it."""
    fonts = {}
    for role, names in stacks.items():
        found = [typst_family(name, installed) for name in names]
        fonts[role] = list(dict.fromkeys(name for name in found if name)) or ["Noto Serif CJK SC"]
    return fonts


def pieces(text: str) -> str | list:
    """``text`` as the template reads it: the string itself, or, when it holds a long unbreakable
    run (:data:`UNBREAKABLE`), a list of strings and ``{"long": run}`` items the template may break
    between any two characters (each character a box: the PDF's text stays as typed)."""
    parts: list = []
    position = 0
    for match in UNBREAKABLE.finditer(text):
        parts += [text[position : match.start()], {"long": match.group()}]
        position = match.end()
    if not parts:
        return text
    return [*parts, text[position:]]


def _block(block: Block) -> dict:
    if block.kind == "paragraph":
        return {
            "kind": "paragraph",
            "runs": [[run.style, pieces(run.text)] for run in block.runs],
            "placeholder": block.placeholder,
        }
    return {"kind": block.kind, "text": pieces(block.text)}


def document_data(doc: TextDocument, fonts: dict[str, list[str]], title_weight: int) -> dict:
    """What the template reads: the document's text and the fonts of each role."""
    return {
        "title": doc.title,
        "author": doc.unit_name,
        "title_lines": list(doc.title_lines),
        "author_line": doc.author,
        "blocks": [_block(block) for block in doc.blocks],
        "signature": [{"text": pieces(line.text), "right": line.right_chars} for line in doc.signature],
        "fonts": fonts,
        "title_weight": title_weight,
    }


def new_compiler() -> typst.Compiler:
    """A compiler with the installed fonts; no package paths, so nothing is ever fetched."""
    return typst.Compiler(font_paths=[])


def slot_compiler(slot: SlotFonts) -> typst.Compiler:
    """The render slot's compiler, made by its first text PDF (apps.exports.rendering)."""
    if slot.typst is None:
        slot.typst = new_compiler()
    return slot.typst


def typeset(compiler: typst.Compiler, data: dict) -> bytes:
    """The PDF of ``data`` (:func:`document_data`). The template is read on every call, so an edited
    template applies to the next PDF."""
    # A lone surrogate (half of an emoji, from a JSON "\ud83d" escape) is no character and cannot
    # reach Typst as UTF-8: it prints as "?" instead of failing the export.
    document = json.dumps(data, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8")
    return compiler.compile(input=TEMPLATE.read_bytes(), format="pdf", sys_inputs={"document": document})
