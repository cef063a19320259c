"""Trimmed copies of the free Noto CJK fonts, made once at install time, for faster WeasyPrint PDFs
(the ledger's table; the text materials are typeset by Typst from the system fonts).

WeasyPrint reads a whole font file and subsets it again for every PDF. The Noto CJK collections are
20–25 MB each (five regional variants, 65,000 CFF glyphs with subroutines), and that fixed cost is
about a third of a 12-page PDF's time. ``make install`` therefore writes, with fontTools, one file per
face used by default (Noto Serif CJK SC regular and bold, Noto Sans CJK SC) holding only the
simplified-Chinese face, the GB 2312 characters, Latin, digits and punctuation, already
desubroutinised. The PDF's CSS lists the trimmed face first and the full system font after it, so a
character outside GB 2312 (堃, 犇, 𠮷) still comes from the full font: same glyphs, never a box.

Nothing here is required: without the trimmed files (or with other fonts configured) PDFs use the
system fonts directly, only more slowly.
"""

import logging
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrimmedFace:
    family: str  # the family name an installation configures in EXPORT_PDF_FONTS
    weight: int
    source: str  # file name of the system collection
    file_name: str  # the trimmed copy in settings.EXPORT_PDF_FONT_CACHE

    @property
    def alias(self) -> str:
        """The CSS family of the trimmed copy; it never clashes with an installed font. Letters,
        digits and spaces only: it becomes the PDF's font name, where ( ) would break the file."""
        return f"{self.family} GB2312 Trimmed"


TRIMMED_FACES = (
    TrimmedFace("Noto Serif CJK SC", 400, "NotoSerifCJK-Regular.ttc", "noto-serif-cjk-sc-400.otf"),
    TrimmedFace("Noto Serif CJK SC", 700, "NotoSerifCJK-Bold.ttc", "noto-serif-cjk-sc-700.otf"),
    TrimmedFace("Noto Sans CJK SC", 400, "NotoSansCJK-Regular.ttc", "noto-sans-cjk-sc-400.otf"),
    # 楷体: a TrueType collection of 17 MB and 26,772 glyphs (fonts-arphic-ukai).
    TrimmedFace("AR PL UKai CN", 400, "ukai.ttc", "ar-pl-ukai-cn-400.ttf"),
)
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/arphic"),
)
# Vertical metrics: only vertical writing reads them, and WeasyPrint copies them into every PDF (4
# bytes a glyph id up to the last one used, ~50 KB a face before compression).
VERTICAL_TABLES = ["vmtx", "vhea", "VORG"]


def common_characters() -> list[int]:
    """GB 2312 (the 6,763 characters of everyday official texts, with its symbols), printable ASCII,
    general and CJK punctuation and full-width forms."""
    gb2312 = []
    for codepoint in range(0x20, 0x10000):
        try:
            chr(codepoint).encode("gb2312")
        except UnicodeEncodeError:
            continue
        gb2312.append(codepoint)
    punctuation = [*range(0x2000, 0x2070), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]
    return sorted({*gb2312, *punctuation})


def first_characters() -> list[int]:
    """The characters whose glyphs come first in a trimmed copy: ASCII, punctuation, full-width
    forms and the 3,755 first-level (most frequent) characters of GB 2312.

    Why the order matters: WeasyPrint subsets a font keeping glyph ids (it writes them as CIDs), so
    an embedded font holds metrics and an empty glyph for every id up to the last one used. In the
    system order the everyday characters reach glyph 13,000 and each face of a PDF carried ~150 KB
    for a handful of characters; with these first, a material rarely goes past glyph 4,300."""
    level_one = []
    for row in range(0xB0, 0xD8):  # GB 2312 rows 16–55: first-level characters, by pinyin
        for cell in range(0xA1, 0xFF):
            try:
                level_one.append(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue  # row 55 ends at cell 0xF9
    basic = [*range(0x20, 0x7F), *range(0x2000, 0x2070), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]
    return list(dict.fromkeys([*basic, *level_one]))


def cache_dir() -> Path:
    return Path(settings.EXPORT_PDF_FONT_CACHE)


def find_source(face: TrimmedFace, dirs: Iterable[Path] = SYSTEM_FONT_DIRS) -> tuple[Path, int] | None:
    """The system collection holding ``face`` and the index of its simplified-Chinese member."""
    for directory in dirs:
        path = directory / face.source
        if not path.is_file():
            continue
        collection = TTCollection(str(path), lazy=True)
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == face.family:
                return path, index
    return None


def trim_font(source: Path, index: int, characters: Iterable[int], target: Path) -> Path:
    """Write the member ``index`` of ``source`` reduced to ``characters`` (layout features kept,
    subroutines flattened so that WeasyPrint's own subsetting has little left to do)."""
    options = subset.Options()
    options.font_number = index
    options.layout_features = ["*"]
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += VERTICAL_TABLES
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(characters))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    subset.save_font(font, str(partial), options)
    order_glyphs(partial, first_characters())
    number_cids_by_glyph(partial)
    partial.replace(target)  # a half-written file is never taken for a font
    return target


def order_glyphs(path: Path, characters: Iterable[int]) -> None:
    """Renumber the glyphs of the font at ``path`` in place: .notdef, the glyphs of ``characters``
    in that order, then the others (alternates, rarer characters) in their old order.

    fontTools' reorderGlyphs renumbers every table that refers to glyph ids (cmap, metrics, GSUB,
    GPOS, GDEF, glyf/loca, the CFF charset and charstrings); a CID-keyed CFF font also maps each
    glyph to one of its font dicts (FDSelect), which it leaves in the old order: moved here."""
    font = TTFont(str(path))
    old_order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    wanted = [cmap[code] for code in characters if code in cmap]
    new_order = list(dict.fromkeys([old_order[0], *wanted, *old_order]))
    fd_of: dict[str, int] = {}
    if "CFF " in font:
        top = font["CFF "].cff.topDictIndex[0]
        if hasattr(top, "FDSelect"):
            fd_of = {name: top.FDSelect[gid] for gid, name in enumerate(top.charset)}
    reorderGlyphs(font, new_order)
    if "post" in font:
        # No glyph names in the file: a collection's names repeat (two variants of 冰 both named
        # uni51B0), and reloaded in the new order such names would swap the glyphs they denote.
        font["post"].formatType = 3.0
    if fd_of:
        top = font["CFF "].cff.topDictIndex[0]
        top.FDSelect.gidArray = [fd_of[name] for name in new_order]
    font.save(str(path))


def number_cids_by_glyph(path: Path) -> None:
    """Renumber a CID-keyed CFF font's CIDs to equal its glyph ids, in place.

    Subsetting keeps each glyph's original CID (``cid09564`` at glyph 1093). WeasyPrint writes
    glyph ids into the PDF as CIDs (Identity-H), which is right only where the two are equal, as in
    the full Noto fonts: with the trimmed copies PDF.js (Firefox's viewer, and the 版面 view of
    预览) drew nothing but digits, while other readers guessed right. Only the charset changes;
    every other table refers to glyphs by id and is copied as it is (it is never decompiled)."""
    font = TTFont(str(path))
    if "CFF " not in font:
        return  # TrueType: WeasyPrint maps CIDs to glyph ids itself (CIDToGIDMap)
    top = font["CFF "].cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        return  # a name-keyed font has no CIDs
    names = [".notdef", *(f"cid{gid:05d}" for gid in range(1, len(top.charset)))]
    char_strings = top.CharStrings
    char_strings.charStrings = dict(
        zip(names, (char_strings.charStrings[n] for n in top.charset), strict=True)
    )
    top.charset = names
    font.setGlyphOrder(names)
    font.save(str(path))


def _trim(face: TrimmedFace, target_dir: Path, characters: list[int]) -> str:
    found = find_source(face)
    if found is None:
        return f"{face.family} {face.weight}: {face.source} not installed, skipped"
    trim_font(*found, characters, target_dir / face.file_name)
    return f"{face.family} {face.weight}: {target_dir / face.file_name}"


def make_trimmed_fonts(target_dir: Path | None = None, *, force: bool = False) -> list[str]:
    """Write the trimmed copies that are missing (all with ``force``); one line of report a face."""
    target_dir = target_dir or cache_dir()
    todo = [face for face in TRIMMED_FACES if force or not (target_dir / face.file_name).is_file()]
    if not todo:
        return ["all trimmed fonts present"]
    characters = common_characters()
    with ProcessPoolExecutor(max_workers=min(len(todo), 2)) as pool:
        futures = [pool.submit(_trim, face, target_dir, characters) for face in todo]
        return [future.result() for future in futures]


def available_faces(target_dir: Path | None = None) -> list[tuple[TrimmedFace, Path]]:
    target_dir = target_dir or cache_dir()
    return [
        (face, target_dir / face.file_name)
        for face in TRIMMED_FACES
        if (target_dir / face.file_name).is_file()
    ]


def font_face_rules(faces: list[tuple[TrimmedFace, Path]]) -> str:
    """The ``@font-face`` rules that bring the trimmed copies into a PDF's stylesheet."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.alias}"; src: url("{path.resolve().as_uri()}"); '
        f"font-weight: {face.weight}; }}"
        for face, path in faces
    )
