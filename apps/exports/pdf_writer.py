"""PDF files to GB/T 9704-2012 from an export context: the text documents are typeset by Typst
(``templates/exports/document.typ``, apps.exports.typesetting), one render slot at a time
(apps.exports.rendering).

The numbers and the traps are in docs/gbt9704.md. In short: A4 with margins 37/35/28/26 mm, 三号
(16 pt) body on a 28.95 pt line (22 lines), tracking −0.25 pt so that 28 characters fill the 156 mm
line, the two-character indent as two such characters, widows and orphans allowed so every page
keeps its 22 lines, page numbers below the type area on the right (odd pages) and left (even).
Fonts come from ``settings.EXPORT_PDF_FONTS``, each role followed by every free CJK font, so a
character one font lacks (𠮷 in 楷体) is drawn by another, never as a box. Fonts are subset: a
12-page report stays well under 1 MB.

:func:`font_stacks` also gives the CSS font stacks of the PDFs WeasyPrint still renders (the
ledger's table), with the trimmed copies of apps.exports.fonts first.
"""

import re
from collections.abc import Iterable

from django.conf import settings

from apps.exports import rendering, typesetting
from apps.exports.context import TextDocument
from apps.exports.documents import CONTENT_TYPES, ExportFile, Format, safe_file_name
from apps.exports.fonts import TrimmedFace
from apps.exports.signals import pdf_render_started

# Tried after an installation's own choice, in this order, for any character it lacks. An emoji is
# drawn by Noto Color Emoji (fonts-noto-color-emoji, installed by `make`) through the renderers' own
# fallback; it is deliberately not named here: named in font-family, Pango draws every digit, #, *,
# © and ™ of the text with it (they are emoji characters too), measured with WeasyPrint 70.
CJK_FALLBACK_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN")
# Named for WeasyPrint only. Typst falls back by itself to any installed font that has a character,
# and prefers the colour emoji font for an emoji; DejaVu Sans named in its stack drew 😀 in black
# and white instead.
LATIN_FALLBACK_FONTS = ("DejaVu Sans", "DejaVu Serif")
DEFAULT_FONTS = {
    "title": ["Noto Serif CJK SC"],
    "heading": ["Noto Sans CJK SC"],
    "kai": ["AR PL UKai CN"],
    "body": ["Noto Serif CJK SC"],
    "number": ["Noto Serif CJK SC"],
}
_NOT_IN_A_FAMILY_NAME = re.compile(r"[\"'\\;{}<>\n\r]")


def font_families(*, latin_fallbacks: bool = True) -> dict[str, list[str]]:
    """The families of each role (title, heading, kai, body, number): the installation's choice
    (``settings.EXPORT_PDF_FONTS``; a role left out takes the body's), then the CJK fallbacks and,
    with ``latin_fallbacks``, DejaVu; cleaned of anything that could break out of a CSS string."""
    fallbacks = CJK_FALLBACK_FONTS + (LATIN_FALLBACK_FONTS if latin_fallbacks else ())
    configured = getattr(settings, "EXPORT_PDF_FONTS", {}) or {}
    families = {}
    for role, defaults in DEFAULT_FONTS.items():
        chosen = list(configured.get(role) or configured.get("body") or defaults)
        names = [_NOT_IN_A_FAMILY_NAME.sub("", name).strip() for name in [*chosen, *fallbacks]]
        families[role] = list(dict.fromkeys(name for name in names if name))
    return families


def font_stacks(trimmed: Iterable[TrimmedFace] = ()) -> dict[str, str]:
    """CSS ``font-family`` values per role, quoted and safe, for the PDFs WeasyPrint renders. A
    family with a trimmed copy (apps.exports.fonts) gets the copy just before it."""
    aliases = {face.family: face.alias for face in trimmed}
    stacks = {}
    for role, names in font_families().items():
        with_copies = [alias for name in names for alias in (aliases.get(name), name) if alias]
        unique = list(dict.fromkeys(with_copies))
        stacks[role] = ", ".join(f'"{name}"' for name in unique) + ", serif"
    return stacks


def render_pdf(doc: TextDocument) -> ExportFile:
    """The PDF of a text document: (file name, content type, bytes). Waits for a render slot
    (apps.exports.rendering); raises RenderBusy when none comes free in time."""
    data = typesetting.document_data(
        doc,
        typesetting.role_fonts(font_families(latin_fallbacks=False)),
        int(getattr(settings, "EXPORT_PDF_TITLE_WEIGHT", 700)),
    )
    with rendering.slots().slot(rendering.queue_timeout()) as slot:
        pdf_render_started.send(sender=render_pdf)
        content = typesetting.typeset(typesetting.slot_compiler(slot), data)
    return ExportFile(safe_file_name(doc.file_stem, Format.PDF), CONTENT_TYPES[Format.PDF], content)
