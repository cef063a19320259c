"""PDF files to GB/T 9704-2012 from an export context: ``templates/exports/document.html`` with the page
stylesheet ``templates/exports/_page_style.css`` → WeasyPrint.

The numbers and the traps are in docs/gbt9704.md. In short: A4 with margins 37/35/28/26 mm, 三号
(16 pt) body on a 28.95 pt line (22 lines), letter spacing −0.25 pt so that 28 characters fill the
156 mm line (Chinese is not widened by ``justify``), the two-character indent as two such characters,
``orphans``/``widows`` 1 so every page keeps its 22 lines, page numbers in the bottom margin boxes of
right (odd) and left (even) pages. Fonts come from ``settings.EXPORT_PDF_FONTS``, each role followed by
every free CJK font, so a character one font lacks (𠮷 in 楷体) is drawn by another, never as a box.
Fonts are subset (HarfBuzz, ``libharfbuzz-subset0``): a 12-page report stays well under 1 MB; the
free Noto faces come from trimmed copies made at install time when present (apps.exports.fonts).

The page stylesheet and the user-agent stylesheet (``templates/exports/_user_agent.css``, the part
of WeasyPrint's own that these documents use) are handed to WeasyPrint as CSS text apart from the
HTML, so that a render slot parses each once (apps.exports.rendering); they are rendered from their
templates for every PDF, so a change to either applies to the next one.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.template.loader import render_to_string

from apps.exports import fonts, rendering
from apps.exports.context import TextDocument
from apps.exports.documents import CONTENT_TYPES, ExportFile, Format, safe_file_name
from apps.exports.fonts import TrimmedFace

# Tried after an installation's own choice, in this order, for any character it lacks. An emoji is
# drawn by Noto Color Emoji (fonts-noto-color-emoji, installed by `make`) through fontconfig's own
# fallback; it is deliberately not named here: named in font-family, Pango draws every digit, #, *,
# © and ™ of the text with it (they are emoji characters too), measured with WeasyPrint 70.
FALLBACK_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN", "DejaVu Sans", "DejaVu Serif")
DEFAULT_FONTS = {
    "title": ["Noto Serif CJK SC"],
    "heading": ["Noto Sans CJK SC"],
    "kai": ["AR PL UKai CN"],
    "body": ["Noto Serif CJK SC"],
    "number": ["Noto Serif CJK SC"],
}
_NOT_IN_A_FAMILY_NAME = re.compile(r"[\"'\\;{}<>\n\r]")


def font_stacks(trimmed: Iterable[TrimmedFace] = ()) -> dict[str, str]:
    """CSS ``font-family`` values per role (title, heading, kai, body, number), quoted and safe.
    A family with a trimmed copy (apps.exports.fonts) gets the copy just before it."""
    configured = getattr(settings, "EXPORT_PDF_FONTS", {}) or {}
    aliases = {face.family: face.alias for face in trimmed}
    stacks = {}
    for role, defaults in DEFAULT_FONTS.items():
        families = list(configured.get(role) or configured.get("body") or defaults)
        names = [_NOT_IN_A_FAMILY_NAME.sub("", name).strip() for name in [*families, *FALLBACK_FONTS]]
        with_copies = [alias for name in names for alias in (aliases.get(name), name) if alias]
        unique = list(dict.fromkeys(with_copies))
        stacks[role] = ", ".join(f'"{name}"' for name in unique) + ", serif"
    return stacks


def page_css() -> str:
    """The page stylesheet of every text document: fonts, A4 grid, page numbers."""
    trimmed = fonts.available_faces()
    context = {
        "fonts": font_stacks(face for face, _ in trimmed),
        "font_faces": fonts.font_face_rules(trimmed),
        "title_weight": int(getattr(settings, "EXPORT_PDF_TITLE_WEIGHT", 700)),
    }
    return render_to_string("exports/_page_style.css", context)


def user_agent_css() -> str:
    """The user-agent stylesheet the text documents are printed with (see the template)."""
    return render_to_string("exports/_user_agent.css")


def render_html(doc: TextDocument, *, with_style: bool = True) -> str:
    """The HTML WeasyPrint prints; with its page stylesheet inlined unless ``with_style`` is false
    (the PDF gets the stylesheet apart), handy to look at a document's layout in a browser."""
    return render_to_string(
        "exports/document.html", {"doc": doc, "page_css": page_css() if with_style else ""}
    )


class Printable(NamedTuple):
    """What WeasyPrint gets for a text document (apps.exports.rendering.render's arguments)."""

    html: str
    stylesheet: str
    user_agent: str


def printable(doc: TextDocument) -> Printable:
    return Printable(render_html(doc, with_style=False), page_css(), user_agent_css())


def render_pdf(doc: TextDocument) -> ExportFile:
    """The PDF of a text document: (file name, content type, bytes). Waits for a render slot
    (apps.exports.rendering); raises RenderBusy when none comes free in time."""
    html, stylesheet, user_agent = printable(doc)
    content = rendering.write_pdf(html, stylesheet=stylesheet, user_agent=user_agent, sender=render_pdf)
    return ExportFile(safe_file_name(doc.file_stem, Format.PDF), CONTENT_TYPES[Format.PDF], content)
