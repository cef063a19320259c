"""One export context per document, built from the database; every format renders the same context.

:func:`build_export_context` is the public entry point (also used by the on-screen preview): it
returns a :class:`TextDocument` (title, numbered blocks, signature) for the team material, a member's
personal material and the situation report, or a :class:`SheetDocument` (columns and rows) for the
整改台账 and the 征求意见汇总. Numbering (一、 （一） 一是 一要) and the counts quoted in the text
(“主要有以下三个方面”) are applied here, so DOCX, PDF and the preview cannot disagree.

Queries: a fixed number per document (about ten), whatever the number of entries.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from django.db.models import Prefetch
from django.utils import timezone

from apps.core.numbering import chinese_numeral, heading_marker, inline_marker, subheading_marker
from apps.core.text import clean_line, clean_text
from apps.entries.models import Cause, Material, Measure, Problem
from apps.exports.documents import DocumentNotFound, DocumentRef, Kind, parse_document
from apps.meetings.models import Meeting, Opinion
from apps.outlines.models import Aspect, MeetingKind, OutlineSection, SectionPart
from apps.units.models import Member

# ---------------------------------------------------------------------------------------------
# The context: plain frozen dataclasses, so templates, writers and tests read the same values.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style: ``body`` (仿宋), ``kai`` (楷体 run-in heading) or
    ``strong`` (bold 仿宋 lead sentence such as ``一是…。``)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Heading:
    """Level 1, printed in 黑体: ``一、存在的主要问题``."""

    text: str
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Subheading:
    """Level 2 on its own line, printed in 楷体: ``（一）……方面``."""

    text: str
    kind: ClassVar[str] = "subheading"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (first line indented two characters). ``placeholder`` marks the text the
    exporter wrote for a part of the outline that is still empty (``【待补充：…】``)."""

    runs: tuple[Run, ...]
    placeholder: bool = False
    kind: ClassVar[str] = "paragraph"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


Block = Heading | Subheading | Paragraph


@dataclass(frozen=True)
class SignatureLine:
    """One line of the signature block, right-aligned ``right_chars`` characters in from the right."""

    text: str
    right_chars: float


@dataclass(frozen=True)
class TextDocument:
    ref: DocumentRef
    title: str
    title_lines: tuple[str, ...]
    author: str  # the line under the title of a personal material, else ""
    blocks: tuple[Block, ...]
    signature: tuple[SignatureLine, ...]
    file_stem: str
    unit_name: str
    is_sheet: ClassVar[bool] = False

    @property
    def text(self) -> str:
        """Everything printed, one block a line: for search, counts and tests."""
        lines = [*self.title_lines, self.author, *(block.text for block in self.blocks)]
        lines += [line.text for line in self.signature]
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # spreadsheet column width (about two units per Chinese character)
    kind: str = "text"  # "text", "date" or "number"


@dataclass(frozen=True)
class SheetDocument:
    ref: DocumentRef
    title: str
    sheet_name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    file_stem: str
    unit_name: str
    is_sheet: ClassVar[bool] = True


ExportContext = TextDocument | SheetDocument


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def build_export_context(meeting: Meeting, document: DocumentRef | str) -> ExportContext:
    """The export context of one document of ``meeting``.

    ``document`` is a :class:`DocumentRef` or its text form: ``"team"``, ``"member:7"`` (or
    ``"member-7"``), ``"situation"``, ``"ledger"``, ``"opinions"``. Raises
    :class:`~apps.exports.documents.DocumentError` for a malformed reference and
    :class:`~apps.exports.documents.DocumentNotFound` for a member who is not in the meeting's unit.
    Pass a meeting loaded with ``Meeting.objects.with_related()`` to save three queries.
    """
    ref = parse_document(document)
    builders = {
        Kind.TEAM: _team_material,
        Kind.MEMBER: _member_material,
        Kind.SITUATION: _situation_report,
        Kind.LEDGER: _ledger,
        Kind.OPINIONS: _opinions,
    }
    return builders[ref.kind](meeting, ref)


def member_for_document(meeting: Meeting, ref: DocumentRef) -> Member:
    """The member a ``member:ID`` reference names, if they belong to the meeting's unit."""
    member = Member.objects.filter(unit_id=meeting.unit_id, pk=ref.member_id).first()
    if member is None:
        raise DocumentNotFound(f"本单位没有编号为 {ref.member_id} 的班子成员。")
    return member


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------

# Closing marks after which a sentence needs no added 。; trailing commas become a full stop.
_SENTENCE_END = set("。！？!?…”’」』）)》〉】：:")
_TRAILING_COMMAS = "，,、；;　 "
# Numbers users sometimes type although the system numbers everything: 一是 / 1. / （一） …
_TYPED_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[是要、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.、．])\s*"
)
PLACEHOLDER = "【待补充：{}】"


def _lines(value: str | None) -> list[str]:
    """The non-empty lines of a text, cleaned of control characters (again: data may predate the
    clean fields, or come from a bulk update that skipped them)."""
    return [line.strip() for line in clean_text(value).split("\n") if line.strip()]


def _line(value: str | None) -> str:
    return clean_line(value).strip()


def _sentence(value: str | None) -> str:
    """A headline as a sentence: typed numbering removed, ending in 。 unless it ends in a mark."""
    text = _TYPED_MARKER.sub("", _line(value)).rstrip(_TRAILING_COMMAS)
    if text and text[-1] not in _SENTENCE_END:
        text += "。"
    return text


def _merge(runs: Iterable[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].style == run.style:
            merged[-1] = Run(merged[-1].text + run.text, run.style)
        else:
            merged.append(run)
    return tuple(merged)


def _flow(lead: Sequence[Run], *texts: str | None) -> list[Paragraph]:
    """``lead`` followed by ``texts`` run on in one paragraph; line breaks inside a text start a new
    paragraph, so nothing typed is lost and nothing is joined that the user separated."""
    paragraphs: list[Paragraph] = []
    runs: list[Run] = list(lead)
    for text in texts:
        lines = _lines(text)
        if not lines:
            continue
        runs.append(Run(lines[0]))
        for line in lines[1:]:
            paragraphs.append(Paragraph(_merge(runs)))
            runs = [Run(line)]
    if any(run.text for run in runs):
        paragraphs.append(Paragraph(_merge(runs)))
    return paragraphs


def count_numeral(n: int) -> str:
    """A count before a measure word: 两个方面, not 二个方面 (二 stays in 十二, 二十 …)."""
    return "两" if n == 2 else chinese_numeral(n)


def _placeholder(what: str) -> Paragraph:
    return Paragraph((Run(PLACEHOLDER.format(what)),), placeholder=True)


def cn_date(value: datetime.date | None) -> str:
    """2024年1月5日: Arabic digits, no zero padding (GB/T 9704 §7.3.5)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


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


# ---------------------------------------------------------------------------------------------
# Names of the meeting, the documents and their files
# ---------------------------------------------------------------------------------------------


def meeting_phrase(meeting: Meeting) -> str:
    """The meeting's title without the unit's name in front: ``2023年度主题教育专题民主生活会``."""
    title = _line(meeting.title)
    for prefix in sorted({_line(meeting.unit.name), _line(meeting.unit.short_name)} - {""}, key=len)[::-1]:
        if title.startswith(prefix) and len(title) > len(prefix):
            return title[len(prefix) :]
    return title or f"{meeting.year}年度{meeting.get_kind_display()}"


def file_stem(meeting: Meeting, ref: DocumentRef, member: Member | None = None) -> str:
    """``示范市数据资源管理局党组班子2023年度主题教育专题民主生活会对照检查材料`` and the like."""
    unit, phrase = _line(meeting.unit.name), meeting_phrase(meeting)
    if ref.kind == Kind.TEAM:
        return f"{unit}班子{phrase}对照检查材料"
    if ref.kind == Kind.MEMBER:
        return f"{unit}{_line(member.name) if member else ''}同志{phrase}个人对照检查材料"
    suffix = {Kind.SITUATION: "情况报告", Kind.LEDGER: "整改台账", Kind.OPINIONS: "征求意见汇总"}[ref.kind]
    return f"{unit}{phrase}{suffix}"


def _who(meeting: Meeting) -> str:
    return _line(meeting.unit.short_name) or _line(meeting.unit.name)


# ---------------------------------------------------------------------------------------------
# Loading: a fixed number of queries
# ---------------------------------------------------------------------------------------------

DEFAULT_SECTIONS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.TEAM: (
        (SectionPart.PROBLEMS, "存在的主要问题"),
        (SectionPart.CAUSES, "产生问题的原因剖析"),
        (SectionPart.MEASURES, "整改措施和努力方向"),
    ),
    Kind.MEMBER: (
        (SectionPart.RECAP, "上年度民主生活会整改措施落实情况"),
        (SectionPart.PROBLEMS, "对照检查查摆的问题"),
        (SectionPart.CAUSES, "问题产生的原因剖析"),
        (SectionPart.MEASURES, "今后努力方向和整改措施"),
    ),
    Kind.SITUATION: (
        (SectionPart.PREPARATION, "精心组织准备，深入查摆问题"),
        (SectionPart.MEETING, "深刻对照检查，真诚批评帮助"),
        (SectionPart.RECTIFICATION, "制定整改措施，强力推进落实"),
    ),
}


def _sections(meeting: Meeting, kind: Kind) -> list[tuple[str, str]]:
    """(part, heading) of the document kind under the meeting's outline, in order (1 query)."""
    rows = OutlineSection.objects.filter(outline_id=meeting.outline_id, document=kind.value).order_by(
        "position"
    )
    sections = [(row.part, _line(row.heading)) for row in rows]
    return sections or list(DEFAULT_SECTIONS[kind])


def _material(meeting: Meeting, member: Member | None, *, only_measures: bool = False) -> Material | None:
    """The material with problems, causes and measures (with owners, items, problems): 6 queries;
    the ledger needs the measures only (4 queries)."""
    measure_problems = Problem.objects.select_related("aspect").order_by("aspect__position", "position")
    measures = (
        Measure.objects.select_related("owner")
        .prefetch_related("items", Prefetch("problems", queryset=measure_problems))
        .order_by("position", "pk")
    )
    materials = Material.objects.filter(meeting=meeting)
    materials = materials.filter(member=member) if member else materials.filter(member__isnull=True)
    prefetches = [Prefetch("measures", queryset=measures)]
    if not only_measures:
        problems = Problem.objects.select_related("aspect").order_by("aspect__position", "position", "pk")
        prefetches += [
            Prefetch("problems", queryset=problems),
            Prefetch("causes", queryset=Cause.objects.order_by("position", "pk")),
        ]
    return materials.prefetch_related(*prefetches).first()


@dataclass
class _Entries:
    """A material's entries as lists (an absent material has none)."""

    preamble: str = ""
    recap: str = ""
    closing: str = ""
    problems: list[Problem] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    @classmethod
    def of(cls, material: Material | None, *, only_measures: bool = False) -> "_Entries":
        if material is None:
            return cls()
        return cls(
            preamble=material.preamble,
            recap=material.recap,
            closing=material.closing,
            problems=[] if only_measures else list(material.problems.all()),
            causes=[] if only_measures else list(material.causes.all()),
            measures=list(material.measures.all()),
        )


def _group_by_aspect(aspects: Sequence[Aspect], problems: Sequence[Problem]) -> list[tuple[Aspect, list]]:
    """(aspect, problems) for every aspect of the outline in order, empty ones included; a problem
    whose aspect left the outline is kept, after the outline's aspects."""
    grouped: dict[int, list[Problem]] = {aspect.pk: [] for aspect in aspects}
    extra: dict[int, Aspect] = {}
    for problem in problems:
        if problem.aspect_id not in grouped:
            grouped[problem.aspect_id] = []
            extra[problem.aspect_id] = problem.aspect
        grouped[problem.aspect_id].append(problem)
    ordered = [*aspects, *extra.values()]
    return [(aspect, grouped[aspect.pk]) for aspect in ordered]


def _aspect_title(aspect: Aspect) -> str:
    wording = _line(aspect.wording) or _line(aspect.label)
    return wording if wording.endswith("方面") else f"{wording}方面"


# ---------------------------------------------------------------------------------------------
# Materials: the team's and each member's
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Voice:
    """What differs between the team's material (班子) and a personal one (first person)."""

    causes_lead: str
    measures_lead: str


_TEAM_VOICE = _Voice(
    causes_lead="深刻剖析产生上述问题的原因，主要有以下{n}个方面：",
    measures_lead="针对查摆出的问题，班子将在以下{n}个方面着力整改：",
)
_MEMBER_VOICE = _Voice(
    causes_lead="对照查摆出的问题，深刻反思，原因主要有以下{n}个方面：",
    measures_lead="针对以上问题，我将从以下{n}个方面抓好整改：",
)


def _problem_blocks(aspects: Sequence[Aspect], problems: Sequence[Problem]) -> list[Block]:
    blocks: list[Block] = []
    for number, (aspect, in_aspect) in enumerate(_group_by_aspect(aspects, problems), start=1):
        blocks.append(Subheading(subheading_marker(number) + _aspect_title(aspect)))
        if not in_aspect:
            blocks.append(_placeholder("本方面尚未填写查摆的问题"))
        for position, problem in enumerate(in_aspect, start=1):
            lead = Run(inline_marker(position) + _sentence(problem.headline), "strong")
            blocks += _flow([lead], problem.elaboration, problem.example)
    return blocks


def _measure_paragraphs(number: int, measure: Measure, *, details: bool = False) -> list[Paragraph]:
    texts: list[str] = [measure.elaboration]
    texts += [
        inline_marker(position, "要") + _sentence(item.text)
        for position, item in enumerate(measure.items.all(), start=1)
        if _line(item.text)
    ]
    if details:
        facts = [
            f"责任领导：{_line(measure.owner.name)}" if measure.owner_id else "",
            f"责任部门：{_line(measure.department)}" if _line(measure.department) else "",
            f"完成时限：{cn_date(measure.deadline)}" if measure.deadline else "",
        ]
        if any(facts):
            texts.append("（" + "；".join(fact for fact in facts if fact) + "）")
    lead = Run(subheading_marker(number) + _sentence(measure.headline), "kai")
    return _flow([lead], *texts)


def _material_blocks(
    entries: _Entries, sections: Sequence[tuple[str, str]], aspects: Sequence[Aspect], voice: _Voice
) -> list[Block]:
    blocks: list[Block] = [*_flow([], entries.preamble)]
    number = 0
    for part, heading in sections:
        body: list[Block]
        if part == SectionPart.RECAP:
            body = list(_flow([], entries.recap))
            if not body:
                continue  # nothing to recap (a first meeting): the part is left out
        elif part == SectionPart.PROBLEMS:
            body = _problem_blocks(aspects, entries.problems)
        elif part == SectionPart.CAUSES:
            body = _cause_blocks(entries.causes, voice)
        elif part == SectionPart.MEASURES:
            body = _measures_blocks(entries.measures, voice)
        else:
            continue  # a part this document does not have (e.g. 会前准备 in a material)
        number += 1
        blocks.append(Heading(heading_marker(number) + heading))
        blocks += body
    blocks += _flow([], entries.closing)
    return blocks


def _cause_blocks(causes: Sequence[Cause], voice: _Voice) -> list[Block]:
    if not causes:
        return [_placeholder("尚未填写原因剖析")]
    blocks: list[Block] = [Paragraph((Run(voice.causes_lead.format(n=count_numeral(len(causes)))),))]
    for number, cause in enumerate(causes, start=1):
        lead = Run(subheading_marker(number) + _sentence(cause.headline), "kai")
        blocks += _flow([lead], cause.elaboration)
    return blocks


def _measures_blocks(measures: Sequence[Measure], voice: _Voice) -> list[Block]:
    if not measures:
        return [_placeholder("尚未填写整改措施")]
    lead = voice.measures_lead.format(n=count_numeral(len(measures)))
    blocks: list[Block] = [Paragraph((Run(lead),))]
    for number, measure in enumerate(measures, start=1):
        blocks += _measure_paragraphs(number, measure)
    return blocks


def _with_recap_section(sections: list[tuple[str, str]], entries: _Entries, meeting: Meeting) -> list:
    """A team material that recaps last year's rectification gets that part first, even when the
    outline lists it only for personal materials."""
    if _lines(entries.recap) and all(part != SectionPart.RECAP for part, _ in sections):
        name = "组织生活会" if meeting.kind == MeetingKind.ORGANISATIONAL_LIFE else "民主生活会"
        return [(SectionPart.RECAP, f"上年度{name}整改措施落实情况"), *sections]
    return sections


def _team_material(meeting: Meeting, ref: DocumentRef) -> TextDocument:
    entries = _Entries.of(_material(meeting, None))
    sections = _with_recap_section(_sections(meeting, Kind.TEAM), entries, meeting)
    aspects = list(meeting.outline.aspects.all())
    title = f"{_who(meeting)}班子{meeting_phrase(meeting)}对照检查材料"
    return TextDocument(
        ref=ref,
        title=title,
        title_lines=split_title(title),
        author="",
        blocks=tuple(_material_blocks(entries, sections, aspects, _TEAM_VOICE)),
        signature=signature_lines(_line(meeting.unit.name), meeting.date or timezone.localdate()),
        file_stem=file_stem(meeting, ref),
        unit_name=_line(meeting.unit.name),
    )


def _member_material(meeting: Meeting, ref: DocumentRef) -> TextDocument:
    member = member_for_document(meeting, ref)
    entries = _Entries.of(_material(meeting, member))
    sections = _sections(meeting, Kind.MEMBER)
    aspects = list(meeting.outline.aspects.all())
    title = f"{meeting_phrase(meeting)}个人对照检查材料"
    author = "　".join(part for part in (_line(member.title), _line(member.name)) if part)
    return TextDocument(
        ref=ref,
        title=title,
        title_lines=split_title(title),
        author=author,
        blocks=tuple(_material_blocks(entries, sections, aspects, _MEMBER_VOICE)),
        signature=(),
        file_stem=file_stem(meeting, ref, member),
        unit_name=_line(meeting.unit.name),
    )


# ---------------------------------------------------------------------------------------------
# The situation report (情况报告): written from the records of the meeting
# ---------------------------------------------------------------------------------------------


def _quoted_list(items: Sequence[str], limit: int = 3) -> str:
    shown = "".join(f"“{item}”" for item in items[:limit])
    return shown + ("等" if len(items) > limit else "")


def _steps_paragraph(intro: str, steps: Sequence[tuple[str, str]]) -> list[Paragraph]:
    """``intro 一是lead。text二是lead。text…`` in one paragraph, as the seed reports write steps."""
    runs: list[Run] = [Run(intro)] if intro else []
    for number, (lead, text) in enumerate(steps, start=1):
        runs += [Run(inline_marker(number) + _sentence(lead), "strong"), Run(text)]
    return [Paragraph(_merge(runs))] if steps else []


def _preparation_blocks(meeting: Meeting, team: _Entries, member_problems: int, members: int) -> list:
    steps: list[tuple[str, str]] = []
    topics = [
        _line(topic)
        for topic in meeting.study_sessions.order_by("date", "pk").values_list("topic", flat=True)
    ]
    if topics:
        steps.append(
            ("深入学习研讨", f"会前组织集中学习研讨{len(topics)}次，围绕{_quoted_list(topics)}主题学习交流。")
        )
    solicitations = list(meeting.solicitations.all())
    opinions = list(meeting.opinions.values_list("aspect_id", "claimed_by_id"))
    if solicitations or opinions:
        methods: list[str] = []
        for solicitation in solicitations:
            label = solicitation.get_method_display()
            if label not in methods:
                methods.append(label)
        forums = sum(1 for s in solicitations if s.method == "forum")
        text = f"通过{'、'.join(methods)}等方式广泛征求意见，" if methods else "广泛征求意见，"
        if forums:
            text += f"召开座谈会{forums}场，"
        if opinions:
            aspects = len({aspect for aspect, _ in opinions if aspect})
            claimed = sum(1 for _, problem in opinions if problem)
            scope = f"{aspects}个方面共" if aspects else "共"
            text += f"征求到{scope}{len(opinions)}条意见建议，"
            text += "已全部认领。" if claimed == len(opinions) else f"已认领{claimed}条。"
        else:
            text = text.rstrip("，") + "。"
        steps.append(("广泛征求意见", text))
    talks = meeting.talks.count()
    if talks:
        steps.append(
            ("开展谈心谈话", f"班子成员之间、班子成员与干部职工开展谈心谈话{talks}人次，交流思想、交换意见。")
        )
    facts = []
    if team.problems:
        facts.append(f"班子对照检查查摆问题{len(team.problems)}条")
    if team.causes:
        facts.append(f"剖析原因{count_numeral(len(team.causes))}个方面")
    if team.measures:
        facts.append(f"制定整改措施{len(team.measures)}条")
    if members:
        facts.append(f"{members}名班子成员撰写了个人对照检查材料，查摆个人问题{member_problems}条")
    if facts:
        steps.append(("认真撰写对照检查材料", "，".join(facts) + "。"))
    intro = f"为开好这次{meeting.get_kind_display()}，班子认真做好会前各项准备工作。"
    blocks = _steps_paragraph(intro, steps)
    return blocks or [_placeholder("尚未填写会前准备情况（学习研讨、征求意见、谈心谈话）")]


def absence_clause(reason: str) -> str:
    """``因…请假`` around a reason however it was typed: “出差”, “因公出差”, “因病请假。” all read
    once, never “因因公出差请假”."""
    reason = _line(reason).rstrip("。；;，, ")
    reason = reason.removeprefix("因")
    reason = reason.removesuffix("请假").rstrip("，, ")
    return f"因{reason}请假" if reason else "请假"


def _attendance_sentence(meeting: Meeting, phrase: str) -> str:
    rows = list(meeting.attendances.select_related("member").order_by("member__position"))
    sentence = f"{cn_date(meeting.date)}，" if meeting.date else ""
    sentence += f"{_who(meeting)}召开{phrase}。"
    clauses = []
    if meeting.host_id:
        clauses.append(f"会议由{_line(meeting.host.title)}{_line(meeting.host.name)}同志主持")
    present = [_line(row.member.name) for row in rows if row.present]
    if present:
        clauses.append(f"班子成员{'、'.join(present)}同志参加会议")
    for row in rows:
        if not row.present:
            clauses.append(f"{_line(row.member.name)}同志{absence_clause(row.absence_reason)}")
    if clauses:
        sentence += "，".join(clauses) + "。"
    supervisors = _line(meeting.supervisor_org) + _line(meeting.supervisor_names)
    if supervisors:
        sentence += f"{supervisors}到会指导。"
    return sentence


def _meeting_blocks(
    meeting: Meeting,
    phrase: str,
    aspects: Sequence[Aspect],
    team: _Entries,
    member_problems: Sequence[Problem],
) -> list[Block]:
    blocks: list[Block] = list(_flow([], meeting.narrative))
    if not blocks:
        blocks.append(Paragraph((Run(_attendance_sentence(meeting, phrase)),)))
    found = [(aspect, problems) for aspect, problems in _group_by_aspect(aspects, team.problems) if problems]
    if found:
        runs = [Run(f"通过对照检查，班子重点查找出{count_numeral(len(found))}个方面的问题：")]
        for number, (aspect, problems) in enumerate(found, start=1):
            headlines = "；".join(_sentence(problem.headline).rstrip("。") for problem in problems)
            runs.append(Run(f"{inline_marker(number)}在{_aspect_title(aspect)}，存在{headlines}等问题。"))
        blocks.append(Paragraph(_merge(runs)))
    by_aspect = [(aspect, len(problems)) for aspect, problems in _group_by_aspect(aspects, member_problems)]
    by_aspect = [(aspect, count) for aspect, count in by_aspect if count]
    if by_aspect:
        runs = [
            Run(
                f"班子成员逐一进行对照检查，开展批评和自我批评，共查摆个人问题{len(member_problems)}条，"
                f"主要集中在{count_numeral(len(by_aspect))}个方面："
            )
        ]
        for number, (aspect, count) in enumerate(by_aspect, start=1):
            end = "。" if number == len(by_aspect) else "；"
            runs.append(Run(f"{inline_marker(number)}{_aspect_title(aspect)}{count}条{end}"))
        blocks.append(Paragraph(_merge(runs)))
    if _lines(meeting.supervisor_remarks):
        who = _line(meeting.supervisor_org) or "督导组"
        blocks += _flow([Run(f"{who}对会议进行了点评：")], meeting.supervisor_remarks)
    return blocks


def _rectification_blocks(team: _Entries) -> list[Block]:
    if not team.measures:
        return [_placeholder("尚未填写整改措施")]
    count = len(team.measures)
    lead = (
        f"会后，班子针对查摆出的问题制定整改措施{count}条，逐条明确责任领导、责任部门和完成时限，"
        f"实行清单管理、销号管理。主要有以下{count_numeral(count)}个方面："
    )
    blocks: list[Block] = [Paragraph((Run(lead),))]
    for number, measure in enumerate(team.measures, start=1):
        blocks += _measure_paragraphs(number, measure, details=True)
    return blocks


def _situation_report(meeting: Meeting, ref: DocumentRef) -> TextDocument:
    phrase = meeting_phrase(meeting)
    team = _Entries.of(_material(meeting, None))
    aspects = list(meeting.outline.aspects.all())
    member_problems = list(
        Problem.objects.filter(material__meeting=meeting, material__member__isnull=False)
        .select_related("aspect")
        .order_by("aspect__position", "material__member__position", "position")
    )
    members = Material.objects.filter(meeting=meeting, member__isnull=False).count()
    when = f"于{cn_date(meeting.date)}" if meeting.date else ""
    blocks: list[Block] = [
        Paragraph(
            (Run(f"按照上级有关部署要求，{_who(meeting)}{when}召开了{phrase}。现将有关情况报告如下："),)
        )
    ]
    number = 0
    for part, heading in _sections(meeting, Kind.SITUATION):
        if part == SectionPart.PREPARATION:
            body = _preparation_blocks(meeting, team, len(member_problems), members)
        elif part == SectionPart.MEETING:
            body = _meeting_blocks(meeting, phrase, aspects, team, member_problems)
        elif part == SectionPart.RECTIFICATION:
            body = _rectification_blocks(team)
        else:
            continue
        number += 1
        blocks += [Heading(heading_marker(number) + heading), *body]
    blocks.append(Paragraph((Run("特此报告。"),)))
    title = f"{_line(meeting.title)}情况报告"
    return TextDocument(
        ref=ref,
        title=title,
        title_lines=split_title(title),
        author="",
        blocks=tuple(blocks),
        signature=signature_lines(_line(meeting.unit.name), timezone.localdate()),
        file_stem=file_stem(meeting, ref),
        unit_name=_line(meeting.unit.name),
    )


# ---------------------------------------------------------------------------------------------
# The two lists: 整改台账 and 征求意见汇总
# ---------------------------------------------------------------------------------------------

LEDGER_COLUMNS = (
    Column("序号", 6, "number"),
    Column("问题来源", 10),
    Column("所属方面", 12),
    Column("问题", 36),
    Column("整改措施", 48),
    Column("责任领导", 10),
    Column("责任部门", 16),
    Column("完成时限", 15, "date"),
    Column("类型", 10),
    Column("进展", 30),
    Column("佐证材料", 20),
    Column("状态", 9),
    Column("完成日期", 15, "date"),
)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _ledger(meeting: Meeting, ref: DocumentRef) -> SheetDocument:
    team = _Entries.of(_material(meeting, None, only_measures=True), only_measures=True)
    rows = []
    for number, measure in enumerate(team.measures, start=1):
        problems = list(measure.problems.all())
        numbered = len(problems) > 1
        problem_text = "\n".join(
            (f"{index}. " if numbered else "") + _sentence(problem.headline)
            for index, problem in enumerate(problems, start=1)
        )
        items = [
            inline_marker(index, "要") + _sentence(item.text)
            for index, item in enumerate(measure.items.all(), start=1)
            if _line(item.text)
        ]
        measure_text = "\n".join([_sentence(measure.headline), *_lines(measure.elaboration), *items])
        rows.append(
            (
                number,
                "、".join(_unique(problem.get_source_display() for problem in problems)),
                "、".join(_unique(_line(problem.aspect.label) for problem in problems)),
                problem_text,
                measure_text,
                _line(measure.owner.name) if measure.owner_id else "",
                _line(measure.department),
                measure.deadline,
                measure.get_kind_display(),
                "\n".join(_lines(measure.progress)),
                _line(measure.evidence),
                measure.get_status_display(),
                measure.completed_on,
            )
        )
    title = f"{_line(meeting.title)}整改台账"
    return SheetDocument(
        ref=ref,
        title=title,
        sheet_name="整改台账",
        columns=LEDGER_COLUMNS,
        rows=tuple(rows),
        file_stem=file_stem(meeting, ref),
        unit_name=_line(meeting.unit.name),
    )


OPINION_COLUMNS = (
    Column("序号", 6, "number"),
    Column("征求方式", 11),
    Column("征求日期", 15, "date"),
    Column("参加对象", 22),
    Column("所属方面", 12),
    Column("意见建议", 50),
    Column("针对对象", 10),
    Column("认领问题", 36),
    Column("认领人", 10),
)


def _opinions(meeting: Meeting, ref: DocumentRef) -> SheetDocument:
    opinions = list(
        Opinion.objects.filter(meeting=meeting)
        .select_related("solicitation", "aspect", "target_member", "claimed_by__material__member")
        .order_by("position", "pk")
    )
    rows = []
    for number, opinion in enumerate(opinions, start=1):
        solicitation, problem = opinion.solicitation, opinion.claimed_by
        claimer = ""
        if problem is not None:
            owner = problem.material.member
            claimer = _line(owner.name) if owner else "班子"
        rows.append(
            (
                number,
                solicitation.get_method_display() if solicitation else "",
                solicitation.date if solicitation else None,
                _line(solicitation.participants) if solicitation else "",
                _line(opinion.aspect.label) if opinion.aspect_id else "",
                "\n".join(_lines(opinion.text)),
                _line(opinion.target_member.name) if opinion.target_member_id else "班子",
                _sentence(problem.headline) if problem else "未认领",
                claimer,
            )
        )
    aspects = len({opinion.aspect_id for opinion in opinions if opinion.aspect_id})
    scope = f"{aspects}个方面共" if aspects else "共"
    title = f"{_line(meeting.title)}征求意见汇总（{scope}{len(opinions)}条）"
    return SheetDocument(
        ref=ref,
        title=title,
        sheet_name="征求意见汇总",
        columns=OPINION_COLUMNS,
        rows=tuple(rows),
        file_stem=file_stem(meeting, ref),
        unit_name=_line(meeting.unit.name),
    )
