"""Which characters the installed fonts can draw.

The PDF renderers (Typst for the text materials, WeasyPrint through Pango and fontconfig for the
ledger's table) draw a character the chosen fonts lack with any installed font that has it; a
character no installed font has comes out as an empty box. The workspace asks about
the unusual characters a drafter types (static/js/workspace.js) and warns on the field, so that a
box is never printed without anyone being told. Word files name the reader's fonts, which we cannot
know: the server's fonts stand in for them.

The answer comes from fontconfig's ``fc-list`` (package ``fontconfig``, installed by ``make``), read
once per process: about 0.1 s, a few thousand ranges.
"""

import bisect
import functools
import logging
import shutil
import subprocess
import unicodedata

logger = logging.getLogger(__name__)

# Characters that are never drawn with a glyph of their own: nothing to warn about.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


@functools.cache
def _coverage() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The code points of every installed font, merged into sorted (starts, ends) ranges; None when
    fontconfig cannot say (then nothing is reported missing rather than everything)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        logger.warning("fc-list (package fontconfig) is missing: characters without a font are not reported")
        return None
    try:
        listing = subprocess.run(  # noqa: S603 - fixed arguments
            [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        logger.exception("fc-list failed: characters without a font are not reported")
        return None
    ranges = []
    for part in listing.split():
        first, _, last = part.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    starts: list[int] = []
    ends: list[int] = []
    for first, last in sorted(ranges):
        if ends and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return tuple(starts), tuple(ends)


def _drawn(codepoint: int, starts: tuple[int, ...], ends: tuple[int, ...]) -> bool:
    index = bisect.bisect_right(starts, codepoint) - 1
    return index >= 0 and codepoint <= ends[index]


def _visible(char: str) -> bool:
    codepoint = ord(char)
    if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
        return False
    return not any(codepoint in selectors for selectors in _VARIATION_SELECTORS)


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` (each once, in order) that no installed font can draw."""
    coverage = _coverage()
    if coverage is None:
        return []
    starts, ends = coverage
    unique = dict.fromkeys(char for char in text if _visible(char))
    return [char for char in unique if not _drawn(ord(char), starts, ends)]
