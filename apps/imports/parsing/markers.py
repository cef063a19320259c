"""The numbering forms of real drafts: ``一、`` sections, ``（一）``/``(一)``/``（1）`` blocks,
``1.``/``1．``/``1、`` paragraphs and the inline ``一是…二是…`` / ``一要…二要…`` enumerations."""

import re
from dataclasses import dataclass

from apps.core.numbering import chinese_numeral

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_VALUES |= {"六": 6, "七": 7, "八": 8, "九": 9}

FULL_TO_HALF_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; None if not a Chinese numeral."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_VALUES[ch]
    return total + current or None


def number_value(text: str) -> int | None:
    text = text.translate(FULL_TO_HALF_DIGITS)
    return int(text) if text.isdigit() else cn_value(text)


# Level 1: 一、存在的主要问题 (also 一．/一. typed by some)
SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、．.]\s*(.*)$")
# Level 2: （一） (一) （1） (1) — full- or half-width brackets, blanks inside
PAREN = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})\s*[)）]\s*(.*)$", re.S)
# Level 3: 1. 1． 1、 1) — not a date or a decimal number (1.5亿)
DECIMAL = re.compile(r"^\s*([0-9０-９]{1,2})\s*(?:[.．、]|[)）])(?![0-9０-９])\s*(.*)$", re.S)
# 第一，第二： (also 第一条)
ORDINAL = re.compile(r"^\s*第([一二三四五六七八九十]{1,3})(?:条)?[，,、：:．.\s]\s*(.*)$", re.S)


@dataclass
class Marker:
    form: str  # "paren_cn", "paren_digit", "decimal", "inline", "ordinal"
    number: int
    rest: str


def line_marker(line: str) -> Marker | None:
    """The numbering a line starts with (not ``一、``, which is a section)."""
    match = PAREN.match(line)
    if match:
        value = number_value(match.group(1))
        form = "paren_digit" if match.group(1).translate(FULL_TO_HALF_DIGITS).isdigit() else "paren_cn"
        return Marker(form, value or 0, match.group(2))
    match = DECIMAL.match(line)
    if match:
        return Marker("decimal", number_value(match.group(1)) or 0, match.group(2))
    match = ORDINAL.match(line)
    if match:
        return Marker("ordinal", cn_value(match.group(1)) or 0, match.group(2))
    match = INLINE_START.match(line)
    if match:
        return Marker("inline", cn_value(match.group(1)) or 0, match.group(2))
    return None


INLINE_START = re.compile(r"^\s*([一二三四五六七八九十]{1,3})是[，,、：:]?\s*(.*)$", re.S)


# An inline number starts an item only at a plausible boundary: the start of the text or of a
# line, or after a sentence or clause end (。；：！？), possibly followed by closing quotes and blanks.
# This keeps 统一是 / 唯一是 / 第一是 from splitting a sentence.
_BOUNDARY_BEFORE = "。；;：:！!？?\n"
_CLOSERS = "”’」』）)》】"
_WEAK_BOUNDARY = "，,、"


def _at_boundary(text: str, index: int) -> bool:
    i = index - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    while i >= 0 and text[i] in _CLOSERS:  # 。” 一是
        i -= 1
    return i < 0 or text[i] in _BOUNDARY_BEFORE


def find_inline(text: str, verb: str = "是", start: int = 0, first: int = 1) -> list[tuple[int, int]]:
    """(start, end) of each ``一是``, ``二是``… in sequence: each number is looked for after the
    previous one, and only at a boundary (see ``_at_boundary``)."""
    spans: list[tuple[int, int]] = []
    position = start
    number = first
    while True:
        marker = chinese_numeral(number) + verb
        found = _find_at_boundary(text, marker, position)
        if found < 0:
            return spans
        end = found + len(marker)
        while end < len(text) and text[end] in "，,、：: \u3000":
            end += 1
        spans.append((found, end))
        position, number = end, number + 1


def _find_at_boundary(text: str, marker: str, position: int) -> int:
    while True:
        found = text.find(marker, position)
        if found < 0:
            return -1
        # 十一是: a longer numeral ending in this one is not this marker
        if found > 0 and text[found - 1] in "十百" and found - 1 >= position:
            position = found + 1
            continue
        if _at_boundary(text, found):
            return found
        position = found + 1


def weak_inline(text: str, verb: str, number: int, start: int) -> bool:
    """Whether the next number appears after a comma only (not split, worth a warning)."""
    marker = chinese_numeral(number) + verb
    found = text.find(marker, start)
    while found >= 0:
        if found > 0 and text[found - 1] in _WEAK_BOUNDARY:
            return True
        found = text.find(marker, found + 1)
    return False
