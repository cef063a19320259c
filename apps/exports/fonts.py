"""Trimmed copies of the free Noto CJK fonts, made once at install time, for faster PDFs.

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
)
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))


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
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(characters))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    subset.save_font(font, str(partial), options)
    number_cids_by_glyph(partial)
    partial.replace(target)  # a half-written file is never taken for a font
    return target


def number_cids_by_glyph(path: Path) -> None:
    """Renumber a CID-keyed CFF font's CIDs to equal its glyph ids, in place.

    Subsetting keeps each glyph's original CID (``cid09564`` at glyph 1093). WeasyPrint writes
    glyph ids into the PDF as CIDs (Identity-H), which is right only where the two are equal, as in
    the full Noto fonts: with the trimmed copies PDF.js (Firefox's viewer, and the 版面 view of
    预览) drew nothing but digits, while other readers guessed right. Only the charset changes;
    every other table refers to glyphs by id and is copied as it is (it is never decompiled)."""
    font = TTFont(str(path))
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
