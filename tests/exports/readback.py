"""Reading exported files back (the PDF grid after ../shared/tools/pdfgrid.py, fonts) and what a
document must print, written from the database rather than from the export code."""

import io
import statistics
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber

from apps.core.numbering import chinese_numeral
from apps.meetings.models import Meeting

MM = 72 / 25.4
TYPE_LEFT, TYPE_RIGHT = 28 * MM, (210 - 26) * MM  # the 156 mm type area
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_chars(page) -> list[dict]:
    """Printed characters of a page above the footer (the type area ends 35 mm from the bottom)."""
    limit = page.height - 30 * MM
    return [c for c in page.chars if c["text"].strip() and c["top"] <= limit]


def rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into text lines by their top, left to right (pdfgrid's method)."""
    grouped = defaultdict(list)
    for ch in chars:
        grouped[round(ch["top"] / 4)].append(ch)
    merged: list[list] = []
    for key in sorted(grouped):
        if merged and key - merged[-1][0] <= 1:
            merged[-1][1].extend(grouped[key])
        else:
            merged.append([key, list(grouped[key])])
    return [sorted(chs, key=lambda c: c["x0"]) for _, chs in merged]


@dataclass
class Grid:
    pages: int
    page_mm: tuple[int, int]
    lines_per_body_page: list[int]
    full_line_lengths: list[int]  # characters starting inside the type area, lines of ≥ 20
    chars_by_pitch: int
    beyond_type_area: list[str]  # characters that start right of the type area
    text: str  # all lines without footers, joined without separators
    footers: list[str]  # the text below the type area of each page


def _open(source: Path | bytes):
    return pdfplumber.open(io.BytesIO(source) if isinstance(source, bytes) else source)


def read_pdf(source: Path | bytes) -> Grid:
    with _open(source) as pdf:
        pages = pdf.pages
        body = pages[1:-1] if len(pages) > 2 else pages
        counts, lengths, steps, beyond = [], [], [], []
        for page in body:
            lines = rows(body_chars(page))
            counts.append(len(lines))
            for line in lines:
                inside = [c for c in line if c["x0"] < TYPE_RIGHT - 1]
                beyond += [c["text"] for c in line if c["x0"] >= TYPE_RIGHT - 1]
                if len(inside) >= 20:
                    lengths.append(len(inside))
                for a, b in zip(inside, inside[1:], strict=False):
                    if ord(a["text"][0]) > 0x2E80 and ord(b["text"][0]) > 0x2E80:
                        steps.append(b["x0"] - a["x0"])
        text, footers = [], []
        for page in pages:
            text += ["".join(c["text"] for c in line) for line in rows(body_chars(page))]
            limit = page.height - 30 * MM
            below = [c for c in page.chars if c["top"] > limit]
            footers.append("".join(c["text"] for c in sorted(below, key=lambda c: c["x0"])))
        width = TYPE_RIGHT - TYPE_LEFT
        return Grid(
            pages=len(pages),
            page_mm=(round(pages[0].width / MM), round(pages[0].height / MM)),
            lines_per_body_page=counts,
            full_line_lengths=lengths,
            chars_by_pitch=round(width / statistics.median(steps)),
            beyond_type_area=beyond,
            text="".join(text),
            footers=footers,
        )


def pdf_chars(source: Path | bytes) -> list[dict]:
    with _open(source) as pdf:
        return [ch for page in pdf.pages for ch in page.chars]


def pdf_page_chars(source: Path | bytes, number: int) -> list[dict]:
    with _open(source) as pdf:
        return list(pdf.pages[number - 1].chars)


def in_order(text: str, needles: list[str]) -> bool:
    """Every needle occurs in ``text``, each after the previous one."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def normalised(name: str) -> str:
    """``ABCDEF+Noto-Serif-CJK-SC-Bold`` and ``Noto Serif CJK SC`` → ``notoserifcjksc…``."""
    name = name.split("+", 1)[-1]
    return "".join(ch for ch in name.lower() if ch.isalnum())


@cache
def families_with(char: str) -> frozenset[str]:
    """Installed font families that have a glyph for ``char`` (fontconfig), by their family names
    (WeasyPrint names an embedded font so) and their PostScript names (Typst does: ``UKaiCN``)."""
    out = subprocess.run(  # noqa: S603 - fixed command
        ["fc-list", f":charset={ord(char):x}", "family", "postscriptname"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = [part for line in out.splitlines() for field in line.split(":") for part in field.split(",")]
    return frozenset(normalised(name.removeprefix("postscriptname=")) for name in names if name)


def drawn_with_a_glyph(char: dict) -> bool:
    """The PDF font that draws ``char`` is one whose family has the character: never a blank box."""
    font = normalised(char["fontname"])
    return any(font.startswith(family) for family in families_with(char["text"]))


def team_outline(meeting: Meeting) -> list[str]:
    """What the team material must print, in order, written from the database (not from the
    export code): section headings, aspect subheadings, numbered problems, causes and measures."""
    material = meeting.materials.get(member__isnull=True)
    expected = ["一、存在的主要问题"]
    for a_number, aspect in enumerate(meeting.outline.aspects.order_by("position"), start=1):
        expected.append(f"（{chinese_numeral(a_number)}）{aspect.wording}方面")
        problems = material.problems.filter(aspect=aspect).order_by("position")
        expected += [f"{chinese_numeral(n)}是{p.headline}" for n, p in enumerate(problems, start=1)]
    expected.append("二、产生问题的原因剖析")
    causes = material.causes.order_by("position")
    expected += [f"（{chinese_numeral(n)}）{c.headline}" for n, c in enumerate(causes, start=1)]
    expected.append("三、整改措施和努力方向")
    measures = material.measures.order_by("position")
    expected += [f"（{chinese_numeral(n)}）{m.headline}" for n, m in enumerate(measures, start=1)]
    return expected
