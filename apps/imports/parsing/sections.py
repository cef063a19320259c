"""The skeleton of a draft: title (and an author line under it), preamble, the ``一、`` sections
classified by their wording, and the signature at the end."""

import datetime
import re
from dataclasses import dataclass, field

from apps.imports.parsing.markers import SECTION, cn_value, number_value

Line = tuple[int, str]  # (index in the source lines, text)

RECAP, PROBLEMS, CAUSES, MEASURES, ASPECT, UNKNOWN = (
    "recap",
    "problems",
    "causes",
    "measures",
    "aspect",
    "unknown",
)

# Order matters: 上年度整改措施落实情况 is a recap although it says 措施; 产生问题的原因 is a cause.
_CLASSES = (
    (RECAP, re.compile(r"上年度|上一年度|去年|上年|整改落实情况|落实情况|整改情况")),
    (CAUSES, re.compile(r"原因|根源|剖析|根子")),
    (MEASURES, re.compile(r"措施|方向|整改|打算|努力|改进")),
    (PROBLEMS, re.compile(r"存在|查摆|问题|差距|不足|表现")),
)
_SITUATION_SECTION = re.compile(r"组织准备|会前准备|准备情况|会议召开|召开情况|批评帮助|批评与自我批评")
# A unit signing without a date: 中共某某局委员会, 某某局党委, 某某县人民政府党组 …
SIGNER_SUFFIX = re.compile(r"(党委|党组|委员会|班子|支部|总支|党工委|常委会|政府|领导小组)$")
SENTENCE_MARKS = re.compile(r"[。，；：！？,;:!?]")
MAX_SECTION_HEADING = 60  # a longer 一、… line is a heading run into its first paragraph

_DIGIT = "0-9０-９〇零○Ｏ一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^[（(]?\s*([{_DIGIT}]{{4}})\s*年\s*([{_DIGIT}]{{1,3}})\s*月\s*([{_DIGIT}]{{1,3}})\s*日\s*[)）]?$"
)


def classify(heading: str) -> str:
    for kind, pattern in _CLASSES:
        if pattern.search(heading):
            return kind
    return UNKNOWN


def is_situation_report(title: str, headings: list[str]) -> bool:
    if "情况报告" in title or "情况的报告" in title:
        return True
    return sum(bool(_SITUATION_SECTION.search(h)) for h in headings) >= 2


def parse_date(text: str) -> datetime.date | None:
    match = DATE_LINE.match(text.strip())
    if not match:
        return None

    def value(part: str) -> int | None:
        digits = part.translate(str.maketrans("〇零○Ｏ", "0000"))
        if len(part) == 4:  # 二〇二二 is written digit by digit
            digits = "".join(str(cn_value(ch) or 0) if ch in "一二三四五六七八九" else ch for ch in digits)
        return number_value(digits)

    year, month, day = (value(part) for part in match.groups())
    try:
        return datetime.date(year or 0, month or 0, day or 0)
    except (TypeError, ValueError):
        return None


def short_plain_line(text: str, limit: int = 40) -> bool:
    """A line such as a unit's or a person's name: short, no sentence punctuation."""
    return 0 < len(text) <= limit and not SENTENCE_MARKS.search(text) and not SECTION.match(text)


@dataclass
class Section:
    kind: str
    heading: str
    line: int
    body: list[Line] = field(default_factory=list)


@dataclass
class Skeleton:
    title: str = ""
    title_lines: list[int] = field(default_factory=list)
    author: str = ""
    preamble: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signature_unit: str = ""
    signature_date: datetime.date | None = None
    signature_lines: list[int] = field(default_factory=list)


def _looks_like_title(text: str) -> bool:
    return 0 < len(text) <= 80 and not text.endswith(("。", "：", ":", "；")) and not SECTION.match(text)


def split_sections(lines: list[str]) -> Skeleton:
    skeleton = Skeleton()
    indexed: list[Line] = list(enumerate(lines))
    position = _take_title(skeleton, indexed)
    indexed = indexed[position:]
    indexed = _take_signature(skeleton, indexed)
    for index, text in indexed:
        match = SECTION.match(text)
        if match and _numbered_next(skeleton, match.group(1)):
            heading, rest = _split_heading(match.group(2))
            skeleton.sections.append(Section(classify(heading), heading, index))
            if rest:
                skeleton.sections[-1].body.append((index, rest))
        elif skeleton.sections:
            skeleton.sections[-1].body.append((index, text))
        else:
            skeleton.preamble.append((index, text))
    return skeleton


def _numbered_next(skeleton: Skeleton, numeral: str) -> bool:
    """一、 二、 … in sequence; a stray 一、 inside a section (a list in a lead) is body text."""
    expected = len(skeleton.sections) + 1
    value = cn_value(numeral)
    return value == expected or (value is not None and value > expected and value <= expected + 1)


def _split_heading(text: str) -> tuple[str, str]:
    text = text.strip()
    if len(text) <= MAX_SECTION_HEADING:
        return text.rstrip("。：:；;，, "), ""
    match = re.search(r"[。：:]", text)
    if match and match.start() <= MAX_SECTION_HEADING:
        return text[: match.start()], text[match.end() :].strip()
    return text, ""


def _take_title(skeleton: Skeleton, indexed: list[Line]) -> int:
    """Title (one line, or two short lines the drafter broke), then an author line under it."""
    if not indexed or not _looks_like_title(indexed[0][1]):
        return 0
    skeleton.title, skeleton.title_lines = indexed[0][1], [indexed[0][0]]
    position = 1
    if (
        len(indexed) > 2
        and short_plain_line(indexed[1][1], 40)
        and indexed[1][1].endswith(("材料", "提纲", "报告", "发言"))
        and not skeleton.title.endswith(("材料", "提纲", "报告", "发言"))
    ):
        skeleton.title += indexed[1][1]
        skeleton.title_lines.append(indexed[1][0])
        position = 2
    if position < len(indexed):
        text = indexed[position][1]
        if short_plain_line(text, 30) and not text.startswith(("（一）", "(一)")) or parse_date(text):
            skeleton.author = text
            skeleton.title_lines.append(indexed[position][0])
            position += 1
    return position


def _take_signature(skeleton: Skeleton, indexed: list[Line]) -> list[Line]:
    """The unit (or signer) line and the date at the very end."""
    if len(indexed) < 2:
        return indexed
    end = len(indexed)
    date = parse_date(indexed[-1][1])
    if date:
        skeleton.signature_date = date
        skeleton.signature_lines.append(indexed[-1][0])
        end -= 1
    signer = indexed[end - 1][1] if end >= 2 else ""
    if (
        short_plain_line(signer, 30)
        and (date or SIGNER_SUFFIX.search(signer))
        and not re.match(r"^[（(\d]", signer)
    ):
        skeleton.signature_unit = indexed[end - 1][1]
        skeleton.signature_lines.insert(0, indexed[end - 1][0])
        end -= 1
    return indexed[:end]
