"""Run every 体检 rule over a material (or an import proposal before it is committed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from apps.accounts import access
from apps.checks.findings import ERROR, HINT, WARNING, Finding
from apps.checks.loaded import LoadedMaterial, Place, Text, load
from apps.checks.models import StockPhrase
from apps.checks.rules import counts, sizes, structure, text
from apps.checks.rules.copied import copied_text
from apps.core.numbering import inline_marker, subheading_marker

SEVERITY_ORDER = {ERROR: 0, WARNING: 1, HINT: 2}

# Rules over each text's wording: they apply to a material and to an import proposal alike.
TEXT_RULES: list[Callable] = [
    text.placeholder,
    text.pinyin_abbreviation,
    text.halfwidth_punctuation,
    text.doubled_quote,
    text.stock_phrase,
    text.emoji,
    text.missing_glyph,
    text.vague_subject,
]
# Rules over a saved material's structure, sizes and its neighbours in the system.
MATERIAL_RULES: list[Callable] = [
    structure.empty_aspect,
    structure.missing_example,
    structure.unexplained_problem,
    structure.unanswered_problem,
    structure.measure_without_owner,
    structure.measure_without_deadline,
    structure.deadline_before_meeting,
    counts.count_mismatch,
    sizes.proportion,
    sizes.length,
    copied_text,
]


@dataclass
class Context:
    """What every rule may read besides the material: loaded once per check."""

    is_admin: bool = False
    # Bring the copy index up to date before comparing; off for the counts a workspace page fetches
    # in the background, which must not write (SQLite allows one writer at a time).
    refresh_index: bool = True
    stock_phrases: list[StockPhrase] = field(default_factory=list)
    texts: list[Text] | None = None


def _context(for_user, texts: list[Text] | None = None, *, refresh_index: bool = True) -> Context:
    is_admin = bool(for_user is not None and access.is_admin(for_user))
    return Context(
        is_admin=is_admin,
        refresh_index=refresh_index,
        stock_phrases=list(StockPhrase.objects.active()),
        texts=texts,
    )


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then hints; each in the order of the document."""
    return sorted(findings, key=lambda finding: SEVERITY_ORDER.get(finding.severity, 3))


def check_loaded(loaded: LoadedMaterial, *, for_user=None, refresh_index: bool = True) -> list[Finding]:
    texts = [t for t in loaded.texts() if t.text]
    ctx = _context(for_user, texts, refresh_index=refresh_index)
    findings: list[Finding] = []
    for rule in TEXT_RULES:
        findings += rule(texts, ctx)
    for rule in MATERIAL_RULES:
        findings += rule(loaded, ctx)
    return ordered(findings)


def check_material(material, *, for_user=None, refresh_index: bool = True) -> list[Finding]:
    """Findings for ``material``, errors first. ``for_user`` decides what a copied_text finding may
    reveal (a drafter learns how much repeats another unit's material, never that unit's text).
    ``refresh_index=False`` compares with the copy index as it stands, writing nothing."""
    return check_loaded(load(material), for_user=for_user, refresh_index=refresh_index)


def proposal_texts(proposal) -> list[Text]:
    """The texts of an import proposal, named as they will be placed (no entry exists yet)."""

    def text(where: str, value: str) -> Text:
        return Text(Place(where), value or "", "other")

    texts = [text("开头", proposal.preamble), text("上年度整改落实情况", proposal.recap)]
    texts.append(text("问题部分导语", proposal.problems_lead))
    for number, aspect in enumerate(proposal.aspects, start=1):
        name = f"{subheading_marker(number)}{aspect.heading[:12]}"
        texts.append(text(f"{name} · 方面导语", aspect.lead_in))
        for problem_number, problem in enumerate(aspect.problems, start=1):
            where = f"{name} · {inline_marker(problem_number)}"
            texts += [
                text(f"{where} · 问题概括", problem.headline),
                text(f"{where} · 具体表现", problem.elaboration),
                text(f"{where} · 典型事例", problem.example),
            ]
    for part, label, marker in (("causes", "原因", "要"), ("measures", "措施", "要")):
        texts.append(text(f"{label}部分导语", getattr(proposal, f"{part}_lead")))
        for number, entry in enumerate(getattr(proposal, part), start=1):
            where = f"{label}{subheading_marker(number)}"
            texts += [text(f"{where} · 概括", entry.headline), text(f"{where} · 内容", entry.elaboration)]
            texts += [
                text(f"{where} · {inline_marker(n, marker)}", item) for n, item in enumerate(entry.items, 1)
            ]
    texts.append(text("结尾", proposal.closing))
    return [t for t in texts if t.text]


def check_proposal(proposal, meeting) -> list[Finding]:
    """The text rules over an import proposal before commit (links are not possible: no entry
    exists yet, so each finding names its place only). ``meeting`` is the meeting imported into."""
    texts = proposal_texts(proposal)
    ctx = _context(None, texts)
    findings: list[Finding] = []
    for rule in TEXT_RULES:
        findings += rule(texts, ctx)
    return ordered(findings)


def counts_by_severity(findings: list[Finding]) -> dict[str, int]:
    tally = {ERROR: 0, WARNING: 0, HINT: 0}
    for finding in findings:
        tally[finding.severity] = tally.get(finding.severity, 0) + 1
    return {**tally, "total": len(findings)}
