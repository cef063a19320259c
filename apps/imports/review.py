"""The review screen's data: the proposal as fields named by their path (``aspects.0.problems.2.
headline``, the keys :func:`apps.imports.services.validate` reports errors under), the corrections
posted back into a proposal, and what each source line became.

Fields are plain values built here and rendered by one template tag, not Django form objects: a
20-page draft holds ~150 items (~500 fields), and the page must render in well under 0.3 s.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.http import QueryDict

from apps.core.fields import TOO_LONG
from apps.core.text import clean_line, clean_text
from apps.entries.models import Material
from apps.imports import limits
from apps.imports.proposal import Proposal, ProposedEntry

NOT_IMPORTED = ""  # the aspect select's value for 不导入为条目，保留为文字
BAD_ASPECT = "请从列表中选择提纲中的方面，或选择“不导入为条目，保留为文字”。"
BAD_CHOICE = "请从列表中选择。"
BAD_DATE = "日期格式不正确，请按“2026-01-05”的格式填写。"
MODE_MISSING = "本材料已有内容，请选择“替换”还是“追加到后面”。"


def _fields(model: str, names) -> list[tuple[str, str, bool]]:
    """(name, label, multiline) of each field, from the model the import writes it to (its
    verbose name; a text field holds several lines, a char field one)."""
    return [
        (name, limits.label(model, name), isinstance(limits.field(model, name), models.TextField))
        for name in names
    ]


# The model field each proposal field ends up in: its limit (data-limit, the counters) and whether
# it holds one line or several.
MATERIAL_TEXTS = _fields("material", limits.MATERIAL_TEXTS)
MATERIAL_LIMITS = {name: limits.max_length("material", name) for name in limits.MATERIAL_TEXTS}
SINGLE_LINE = {name for name, _, multiline in MATERIAL_TEXTS if not multiline}
PROBLEM_FIELDS = _fields("problem", ("headline", "elaboration", "example"))
CAUSE_FIELDS = _fields("cause", ("headline", "elaboration"))
MEASURE_FIELDS = _fields("measure", ("headline", "elaboration"))
LIMITS = {
    "aspect.heading": limits.max_length("aspect", "heading"),
    "aspect.lead_in": limits.max_length("aspect", "lead_in"),
    **{
        f"{model}.{name}": limits.max_length(model, name)
        for model, fields in (
            ("problem", PROBLEM_FIELDS),
            ("cause", CAUSE_FIELDS),
            ("measure", MEASURE_FIELDS),
        )
        for name, _, _ in fields
    },
    "measure.item": limits.max_length("item", "text"),
}
CHOICES = {
    "layout": Material.Layout.choices,
    "aspect_numbering": Material.AspectNumbering.choices,
    "problem_numbering": Material.ProblemNumbering.choices,
    "causes_numbering": Material.Numbering.choices,
    "measures_numbering": Material.Numbering.choices,
    "item_marker": [("要", "一要、二要……"), ("是", "一是、二是……")],
    "signature": Material.Signature.choices,
}
CHOICE_LABELS = {
    "layout": "问题排版",
    "aspect_numbering": "方面序号",
    "problem_numbering": "问题序号（分行排版）",
    "causes_numbering": "原因序号",
    "measures_numbering": "措施序号",
    "item_marker": "措施细项序号",
    "signature": "落款",
}

# What a source line became, as the review's left column labels and colours it.
ROLE_LABELS = {
    "title": "标题",
    "preamble": "开头",
    "heading": "部分标题",
    "lead": "导语",
    "aspect": "方面",
    "problem": "问题",
    "cause": "原因",
    "measure": "措施",
    "closing": "结尾",
    "unplaced": "未识别",
}


# --- Fields ----------------------------------------------------------------------------------------


@dataclass
class Field:
    name: str  # the path, also the key of validate()'s errors
    value: str
    label: str
    limit: int | None = None
    multiline: bool = False
    error: str = ""

    def __post_init__(self):
        # Over the limit: the text stays in the field with the words the workspace uses for it,
        # whatever wording the check that found it chose.
        length = len(self.value)
        if self.limit and length > self.limit:
            params = {"excess": length - self.limit, "limit_value": self.limit, "show_value": length}
            self.error = TOO_LONG % params

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")

    @property
    def rows(self) -> int:
        # Roughly as many rows as the text needs at the column's width (~40 characters a row), so
        # that no script has to grow 500 fields when the page opens.
        return max(2, min(12, len(self.value) // 40 + 1))


class Errors:
    """validate()'s errors, handed out to the fields they concern; what is left is shown on top."""

    def __init__(self, errors: dict[str, str] | None):
        self.left = dict(errors or {})

    def take(self, key: str) -> str:
        return self.left.pop(key, "")


@dataclass
class ReviewItem:
    index: int
    line: int
    fields: list[Field]
    remove_name: str
    error: str = ""
    items: list[Field] = field(default_factory=list)  # a measure's sub-items
    items_error: str = ""


@dataclass
class ReviewAspect:
    index: int
    line: int
    select_name: str
    aspect_id: int | None
    sure: bool
    score: float
    candidates: list[Any]
    heading: Field
    lead_in: Field
    problems: list[ReviewItem]
    select_error: str = ""
    error: str = ""


@dataclass
class Review:
    texts: dict[str, Field]
    aspects: list[ReviewAspect]
    causes: list[ReviewItem]
    measures: list[ReviewItem]
    choices: list[dict[str, Any]]
    signature_date: Field
    other_errors: list[tuple[str, str]]


def _entry_items(
    part: str, entries: list[ProposedEntry], errors: Errors, specs: list[tuple[str, str, bool]]
) -> list[ReviewItem]:
    noun = "measure" if part == "measures" else "cause"
    items = []
    for i, entry in enumerate(entries):
        prefix = f"{part}.{i}"
        fields = [
            Field(
                f"{prefix}.{name}",
                getattr(entry, name),
                label,
                LIMITS[f"{noun}.{name}"],
                multiline,
                errors.take(f"{prefix}.{name}"),
            )
            for name, label, multiline in specs
        ]
        sub = [
            Field(
                f"{prefix}.items.{k}",
                text,
                "",
                LIMITS["measure.item"],
                True,
                errors.take(f"{prefix}.items.{k}"),
            )
            for k, text in enumerate(entry.items)
        ]
        items.append(
            ReviewItem(
                i,
                entry.line,
                fields,
                f"{prefix}.remove",
                errors.take(prefix),
                sub,
                errors.take(f"{prefix}.items"),
            )
        )
    return items


def build_review(proposal: Proposal, errors: dict[str, str] | None = None) -> Review:
    found = Errors(errors)
    texts = {
        name: Field(name, getattr(proposal, name), label, MATERIAL_LIMITS[name], multiline, found.take(name))
        for name, label, multiline in MATERIAL_TEXTS
    }
    aspects = []
    for i, aspect in enumerate(proposal.aspects):
        prefix = f"aspects.{i}"
        problems = [
            ReviewItem(
                j,
                problem.line,
                [
                    Field(
                        f"{prefix}.problems.{j}.{name}",
                        getattr(problem, name),
                        label,
                        LIMITS[f"problem.{name}"],
                        multiline,
                        found.take(f"{prefix}.problems.{j}.{name}"),
                    )
                    for name, label, multiline in PROBLEM_FIELDS
                ],
                f"{prefix}.problems.{j}.remove",
                found.take(f"{prefix}.problems.{j}"),
            )
            for j, problem in enumerate(aspect.problems)
        ]
        aspects.append(
            ReviewAspect(
                index=i,
                line=aspect.line,
                select_name=f"{prefix}.aspect_id",
                aspect_id=aspect.aspect_id,
                sure=aspect.sure,
                score=aspect.score,
                candidates=aspect.candidates,
                heading=Field(
                    f"{prefix}.heading",
                    aspect.heading,
                    "本材料中的方面标题",
                    LIMITS["aspect.heading"],
                    False,
                    found.take(f"{prefix}.heading"),
                ),
                lead_in=Field(
                    f"{prefix}.lead_in",
                    aspect.lead_in,
                    "方面导语（“一是”之前）",
                    LIMITS["aspect.lead_in"],
                    True,
                    found.take(f"{prefix}.lead_in"),
                ),
                problems=problems,
                select_error=found.take(f"{prefix}.aspect_id"),
                error=found.take(prefix) or found.take(f"{prefix}.problems"),
            )
        )
    causes = _entry_items("causes", proposal.causes, found, CAUSE_FIELDS)
    measures = _entry_items("measures", proposal.measures, found, MEASURE_FIELDS)
    choices = [
        {
            "name": name,
            "label": CHOICE_LABELS[name],
            "value": getattr(proposal, name),
            "options": CHOICES[name],
            "error": found.take(name),
        }
        for name in CHOICES
    ]
    signature_date = Field(
        "signature_date", proposal.signature_date, "落款日期", None, False, found.take("signature_date")
    )
    other = [(key, message) for key, message in found.left.items()]
    return Review(texts, aspects, causes, measures, choices, signature_date, other)


# --- Corrections posted back ---------------------------------------------------------------------------


def _text(data: QueryDict, name: str, current: str, *, multiline: bool) -> str:
    """The posted value, cleaned as the model field will store it; the current one when absent."""
    if name not in data:
        return current
    return clean_text(data[name]) if multiline else clean_line(data[name])


def _removed(data: QueryDict, name: str) -> bool:
    return data.get(name) in {"1", "on", "true"}


def apply_corrections(
    proposal: Proposal, data: QueryDict, aspect_ids: set[int]
) -> tuple[Proposal, dict[str, str]]:
    """Put what the drafter posted into ``proposal`` (in place) and return it with the errors of the
    form itself (a choice outside its list); fields the post does not hold keep their value."""
    errors: dict[str, str] = {}
    for name, _, multiline in MATERIAL_TEXTS:
        setattr(proposal, name, _text(data, name, getattr(proposal, name), multiline=multiline))
    for name, options in CHOICES.items():
        if name in data:
            value = data[name]
            if value and value not in {key for key, _ in options}:
                errors[name] = BAD_CHOICE
            else:
                setattr(proposal, name, value)
    if "signature_date" in data:
        value = data["signature_date"].strip()
        try:
            proposal.signature_date = datetime.date.fromisoformat(value).isoformat() if value else ""
        except ValueError:
            errors["signature_date"] = BAD_DATE
    for i, aspect in enumerate(proposal.aspects):
        prefix = f"aspects.{i}"
        select = f"{prefix}.aspect_id"
        if select in data:
            chosen = _aspect_choice(data[select], aspect_ids)
            if chosen is False:
                errors[select] = BAD_ASPECT
            elif chosen != aspect.aspect_id:
                aspect.aspect_id = chosen
                aspect.sure = True  # the drafter chose it
        aspect.heading = _text(data, f"{prefix}.heading", aspect.heading, multiline=False)
        aspect.lead_in = _text(data, f"{prefix}.lead_in", aspect.lead_in, multiline=True)
        kept = []
        for j, problem in enumerate(aspect.problems):
            item = f"{prefix}.problems.{j}"
            if _removed(data, f"{item}.remove"):
                continue
            for name, _, multiline in PROBLEM_FIELDS:
                setattr(
                    problem, name, _text(data, f"{item}.{name}", getattr(problem, name), multiline=multiline)
                )
            kept.append(problem)
        aspect.problems = kept
    for part in ("causes", "measures"):
        kept_entries = []
        for i, entry in enumerate(getattr(proposal, part)):
            prefix = f"{part}.{i}"
            if _removed(data, f"{prefix}.remove"):
                continue
            entry.headline = _text(data, f"{prefix}.headline", entry.headline, multiline=False)
            entry.elaboration = _text(data, f"{prefix}.elaboration", entry.elaboration, multiline=True)
            items = [
                _text(data, f"{prefix}.items.{k}", text, multiline=True) for k, text in enumerate(entry.items)
            ]
            entry.items = [text for text in items if text]  # a sub-item emptied is one taken out
            kept_entries.append(entry)
        setattr(proposal, part, kept_entries)
    return proposal, errors


def _aspect_choice(value: str, aspect_ids: set[int]) -> int | None | bool:
    """The chosen outline aspect's id, None for 保留为文字, False for anything else."""
    if value == NOT_IMPORTED:
        return None
    if value.isdigit() and int(value) in aspect_ids:
        return int(value)
    return False


# --- The source column -----------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def line_roles(proposal: Proposal) -> list[str]:
    """What each source line became (keys of ROLE_LABELS), from the proposal's ``line`` fields.

    Only problems, aspects, causes, measures and unplaced text carry a line; headings, the title and
    the closing are found by their text. A line no part points at continues the part above it (a
    problem's elaboration in its own paragraph); lines after the title are the preamble, lines right
    after a section heading its lead.
    """
    count = len(proposal.source_lines)
    roles: list[str] = [""] * count

    def mark(line: int, role: str) -> None:
        if 0 <= line < count and not roles[line]:
            roles[line] = role

    for item in proposal.unplaced:
        mark(item.line, "unplaced")
    for aspect in proposal.aspects:
        mark(aspect.line, "aspect")
    for entry in proposal.causes:
        mark(entry.line, "cause")
    for entry in proposal.measures:
        mark(entry.line, "measure")
    for aspect in proposal.aspects:
        for problem in aspect.problems:
            mark(problem.line, "problem")
    headings = {
        _squash(text)
        for text in (
            proposal.recap_heading,
            proposal.problems_heading,
            proposal.causes_heading,
            proposal.measures_heading,
        )
        if text
    }
    title = _squash(proposal.title)
    closing = _squash(proposal.closing)
    for number, text in enumerate(proposal.source_lines):
        if roles[number]:
            continue
        squashed = _squash(text)
        if title and number < 3 and squashed == title:
            roles[number] = "title"
        elif squashed and any(
            heading in squashed and len(squashed) <= len(heading) + 8 for heading in headings
        ):
            roles[number] = "heading"
        elif closing and squashed and squashed in closing:
            roles[number] = "closing"
    after = {"title": "preamble", "heading": "lead"}  # what an unmarked line after these is
    previous = "preamble"
    for number in range(count):
        if not roles[number]:
            roles[number] = after.get(previous, previous)
        if roles[number] != "unplaced":
            previous = roles[number]
    return roles
