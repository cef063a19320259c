"""Text helpers of the export context: clean lines and sentences, paragraphs run on from pieces,
Chinese counts and dates, title lines and the signature block."""

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable

from apps.core.numbering import chinese_numeral, cn_date  # noqa: F401 - cn_date: the exports name it here
from apps.core.text import clean_line, clean_text
from apps.exports.context.blocks import Paragraph, Run, SignatureLine

# Closing marks after which a sentence needs no added 。; trailing commas become a full stop.
_SENTENCE_END = set("。！？!?…：:")
# A closing quote or bracket ends the sentence only after one of those (他说：“好。”); after a
# word (严格落实“一岗双责”, 《条例》) the sentence still needs its 。.
_CLOSERS = set("”’」』）)》〉】")
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
    """A headline as a sentence: typed numbering removed, ending in 。 unless it already ends a
    sentence (a mark of its own, such as the ： of a heading the source closed with one, is kept)."""
    text = _TYPED_MARKER.sub("", one_line(value)).rstrip(_TRAILING_COMMAS)
    body = text.rstrip("".join(_CLOSERS))
    if text and not (body and body[-1] in _SENTENCE_END):
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


def display_width(text: str) -> float:
    """Width in Chinese characters: full-width and ambiguous characters count 1, the rest ½."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# Where a title may break: after these words, or before these endings (GB/T 9704 §7.2: keep words
# whole, arrange the lines as a trapezoid or a diamond).
_BREAK_AFTER = (
    *("班子", "党委", "党组", "党工委", "支部", "常委会", "年度", "年", "主题教育", "生活会", "”", "的"),
    *("学习贯彻", "新时代", "思想", "精神", "学习教育"),
)
_BREAK_BEFORE = (
    "个人对照检查材料",
    "对照检查材料",
    "情况报告",
    "情况的报告",
    "专题民主生活会",
    "民主生活会",
    "“",
)
TITLE_CHARS_PER_LINE = 20  # 二号 (22 pt) on a 156 mm line: 20.1 characters
# A digit or Latin letter of the title font, in characters: 0.59 for the digits of the free stand-in
# for 小标宋, up to 0.75 for capitals. Counting ½ made a full line overflow by a character, which
# the PDF then wrapped alone onto a line of its own (“…习近平新时” / “代”).
TITLE_NARROW_WIDTH = 0.75
TITLE_TRAPEZOID = 3.0  # how much longer the last line aims to be than the first (GB/T 9704 §7.3.3)
TITLE_UNNATURAL_BREAK = 6.0  # a break not between words costs as much as this much imbalance
TITLE_NO_LINE_START = "”’）》〉」』】、，。；：！？"
TITLE_NO_LINE_END = "“‘（《〈「『【"


# A pure function of the title, called for every export (a cached download too, to find its key):
# the meeting titles of a process are few.
@functools.lru_cache(maxsize=512)
def split_title(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> tuple[str, ...]:
    """Break a long title into as few lines as fit, balanced: each near the average length, the
    first a little shorter than the last (a trapezoid), preferring breaks between words and never
    inside a number, before a closing mark or after an opening one; a title that fits stays on
    one line."""

    def width(text: str) -> float:
        return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else TITLE_NARROW_WIDTH for ch in text)

    def allowed(i: int, strict: bool) -> bool:
        if not strict:
            return True
        before, after = title[i - 1], title[i]
        if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            return False  # 2023, a Latin word
        if (before, after) == ("年", "度"):
            return False
        return after not in TITLE_NO_LINE_START and before not in TITLE_NO_LINE_END

    def natural(i: int) -> bool:
        return title[:i].endswith(_BREAK_AFTER) or title[i:].startswith(_BREAK_BEFORE)

    def balanced(count: int, strict: bool = True) -> tuple[str, ...] | None:
        """The best ``count`` lines, by dynamic programming over the break positions; ``strict``
        keeps numbers, 年度 and punctuation whole."""
        total, size = width(title), len(title)
        average = total / count
        targets = [average + TITLE_TRAPEZOID * (j / (count - 1) - 0.5) for j in range(count)]
        breaks = [i for i in range(1, size) if allowed(i, strict)] + [size]
        best: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(0, 0): (0.0, ())}
        for line in range(count):
            for (_, start), (cost, cuts) in [item for item in best.items() if item[0][0] == line]:
                for end in breaks:
                    if end <= start:
                        continue
                    line_width = width(title[start:end])
                    if line_width > per_line:
                        break
                    if (line == count - 1) != (end == size):
                        continue
                    penalty = 0 if end == size or natural(end) else TITLE_UNNATURAL_BREAK
                    step = cost + abs(line_width - targets[line]) + penalty
                    key = (line + 1, end)
                    if key not in best or step < best[key][0]:
                        best[key] = (step, (*cuts, end))
        found = best.get((count, size))
        if found is None:
            return None
        bounds = (0, *found[1])
        return tuple(title[a:b] for a, b in zip(bounds, bounds[1:], strict=False))

    if width(title) <= per_line:
        return (title,)
    fewest = int(-(-width(title) // per_line))  # ceiling
    for count in range(fewest, fewest + 3):
        lines = balanced(count)
        if lines:
            return lines
    # Nothing allowed fits (a run of digits longer than a line): break anywhere, still balanced.
    return balanced(fewest, strict=False) or balanced(fewest + 1, strict=False) or (title,)


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
