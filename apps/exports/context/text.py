"""Text helpers of the export context: clean lines and sentences, paragraphs run on from pieces,
Chinese counts and dates, title lines and the signature block."""

import datetime
import re
import unicodedata
from collections.abc import Iterable

from apps.core.numbering import chinese_numeral
from apps.core.text import clean_line, clean_text
from apps.exports.context.blocks import Paragraph, Run, SignatureLine

# Closing marks after which a sentence needs no added 。; trailing commas become a full stop.
_SENTENCE_END = set("。！？!?…”’」』）)》〉】：:")
_TRAILING_COMMAS = "，,、；;　 "
# Numbers users sometimes type although the system numbers everything: 一是 / 1. / （一） …
_TYPED_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[是要、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.、．])\s*"
)
PLACEHOLDER = "【待补充：{}】"


def lines_of(value: str | None) -> list[str]:
    """The non-empty lines of a text, cleaned of control characters (again: data may predate the
    clean fields, or come from a bulk update that skipped them)."""
    return [line.strip() for line in clean_text(value).split("\n") if line.strip()]


def one_line(value: str | None) -> str:
    return clean_line(value).strip()


def sentence(value: str | None) -> str:
    """A headline as a sentence: typed numbering removed, ending in 。 unless it ends in a mark."""
    text = _TYPED_MARKER.sub("", one_line(value)).rstrip(_TRAILING_COMMAS)
    if text and text[-1] not in _SENTENCE_END:
        text += "。"
    return text


def heading_text(value: str | None) -> str:
    """A heading on its own line: typed numbering removed, no full stop at the end."""
    return _TYPED_MARKER.sub("", one_line(value)).rstrip("。．.；;，,")


def merge_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].style == run.style:
            merged[-1] = Run(merged[-1].text + run.text, run.style)
        else:
            merged.append(run)
    return tuple(merged)


def flow(*pieces: Run | str | None) -> list[Paragraph]:
    """``pieces`` run on in one paragraph: a :class:`Run` keeps its style, a text is body text. A
    line break inside a text starts a new paragraph, so nothing typed is lost and nothing is
    joined that the user separated; what follows runs on in that new paragraph."""
    paragraphs: list[Paragraph] = []
    runs: list[Run] = []
    for piece in pieces:
        style = piece.style if isinstance(piece, Run) else "body"
        lines = lines_of(piece.text if isinstance(piece, Run) else piece)
        if not lines:
            continue
        runs.append(Run(lines[0], style))
        for line in lines[1:]:
            paragraphs.append(Paragraph(merge_runs(runs)))
            runs = [Run(line, style)]
    if any(run.text for run in runs):
        paragraphs.append(Paragraph(merge_runs(runs)))
    return paragraphs


def count_numeral(n: int) -> str:
    """A count before a measure word: 两个方面, not 二个方面 (二 stays in 十二, 二十 …)."""
    return "两" if n == 2 else chinese_numeral(n)


def placeholder(what: str) -> Paragraph:
    return Paragraph((Run(PLACEHOLDER.format(what)),), placeholder=True)


def cn_date(value: datetime.date | None) -> str:
    """2024年1月5日: Arabic digits, no zero padding (GB/T 9704 §7.3.5)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def display_width(text: str) -> float:
    """Width in Chinese characters: full-width and ambiguous characters count 1, the rest ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# Where a title may break: after these words, or before these endings (GB/T 9704 §7.2: keep words
# whole, arrange the lines as a trapezoid or a diamond).
_BREAK_AFTER = ("班子", "党委", "党组", "党工委", "支部", "常委会", "年度", "年", "主题教育", "会", "”", "的")
_BREAK_BEFORE = (
    "个人对照检查材料",
    "对照检查材料",
    "情况报告",
    "情况的报告",
    "专题民主生活会",
    "民主生活会",
    "“",
)
TITLE_CHARS_PER_LINE = 20  # 二号 (22 pt) on a 156 mm line


def split_title(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> tuple[str, ...]:
    """Break a long title into lines, the first a little shorter than the second (a trapezoid),
    preferring a break between words; a title that fits stays on one line."""
    if display_width(title) <= per_line:
        return (title,)
    total = display_width(title)
    best: tuple[float, int] | None = None
    for i in range(1, len(title)):
        head, tail = title[:i], title[i:]
        width_head, width_tail = display_width(head), display_width(tail)
        if width_head > per_line or width_tail > per_line:
            continue
        if head[-1].isdigit() and tail[0].isdigit():
            continue  # never split 2023
        natural = head.endswith(_BREAK_AFTER) or tail.startswith(_BREAK_BEFORE)
        score = abs(width_head - (total / 2 - 1.5)) + (0 if natural else 4)
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:  # longer than two lines: fill lines, the last one takes the rest
        lines, line = [], ""
        for ch in title:
            if display_width(line + ch) > per_line:
                lines.append(line)
                line = ""
            line += ch
        return (*lines, line) if line else tuple(lines)
    return (title[: best[1]], title[best[1] :])


def signature_lines(unit_name: str, date: datetime.date | None) -> tuple[SignatureLine, ...]:
    """GB/T 9704 §7.3.5.2 (no seal): the unit two characters in from the right, the date on the next
    line starting two characters right of the unit's first character; a date longer than that
    sits two in from the right and pushes the unit left to keep the two-character offset."""
    name, day = unit_name, cn_date(date)
    if not day:
        return (SignatureLine(name, 2),) if name else ()
    name_width, day_width = display_width(name), display_width(day)
    if name_width - day_width >= 2:
        name_right, day_right = 2.0, name_width - day_width
    else:
        name_right, day_right = day_width - name_width + 4, 2.0
    return (SignatureLine(name, name_right), SignatureLine(day, day_right))
