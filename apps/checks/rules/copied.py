"""copied_text: paragraphs that repeat (a) another unit's material, (b) the same unit's material of
an earlier meeting (年年提年年改) or (c) a 素材库 snippet inserted and left unchanged.

A drafter learns how much of their paragraph repeats another unit's material and which of their own
characters (the spans), never that unit's name or text; an administrator sees both."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import DatabaseError

from apps.checks.copies import index
from apps.checks.copies.matching import compare, excerpt, shift
from apps.checks.copies.minhash import band_keys, estimated_jaccard, from_bytes, paragraphs, signature
from apps.checks.findings import WARNING, Finding
from apps.checks.loaded import LoadedMaterial, Text, material_name
from apps.checks.models import IndexedParagraph
from apps.snippets.models import SnippetUse

OTHER_UNIT, EARLIER = "other_unit", "earlier"
logger = logging.getLogger(__name__)

MAX_CONFIRMED = 5  # candidates confirmed exactly per paragraph and kind, best estimates first
# A band collision with a low estimated Jaccard is a chance meeting: not worth an exact comparison
# (a paragraph that is half copied has an estimate around 0.35 and more).
MIN_ESTIMATE = 0.3
SNIPPET_UNCHANGED = 0.8  # this much of a snippet found in the field: it was used without adapting


@dataclass
class OwnParagraph:
    text: Text
    body: str
    offset: int
    values: object  # the MinHash signature


def copied_text(loaded: LoadedMaterial, ctx) -> list[Finding]:
    texts = ctx.texts if ctx.texts is not None else list(loaded.texts())
    try:
        findings = _against_materials(
            loaded, texts, ctx.is_admin, refresh=getattr(ctx, "refresh_index", True)
        )
    except DatabaseError:
        # SQLite lets one request write at a time; a search that meets another request's index
        # writes is skipped rather than failing the whole check (PostgreSQL does not block here).
        logger.warning("copy search skipped for material %s", loaded.material.pk, exc_info=True)
        findings = []
    findings += _against_snippets(loaded, texts)
    return findings


def _own_paragraphs(texts: list[Text]) -> list[OwnParagraph]:
    own = []
    for text in texts:
        for para in paragraphs(text.text):
            own.append(OwnParagraph(text, para.text, para.offset, signature(para.text)))
    return own


@dataclass
class Candidate:
    """An indexed paragraph sharing a band with one of ours: first only what ranks it (kind,
    estimated Jaccard); its text and material are loaded for the few worth comparing."""

    pk: int
    kind: str
    values: np.ndarray
    row: IndexedParagraph | None = None


def _kind(loaded: LoadedMaterial, unit_id: int, meeting_id: int, year: int, date) -> str | None:
    """Which kind of repetition a paragraph of that meeting's material would be, if any."""
    meeting = loaded.meeting
    if unit_id != meeting.unit_id:
        return OTHER_UNIT
    if meeting_id == meeting.pk:
        return None  # a member's material repeating the team's is how they are written
    ours = (meeting.year, meeting.date.toordinal() if meeting.date else 0)
    theirs = (year, date.toordinal() if date else 0)
    return EARLIER if theirs < ours else None


def _against_materials(
    loaded: LoadedMaterial, texts: list[Text], is_admin: bool, *, refresh: bool = True
) -> list[Finding]:
    if refresh:
        index.refresh()
    own = _own_paragraphs(texts)
    keys_of = [set(band_keys(p.values)) for p in own]
    shared = index.candidates({key for keys in keys_of for key in keys}, exclude_material=loaded.material.pk)
    if not shared:
        return []
    meeting = "material__meeting__"
    columns = ("pk", "signature", f"{meeting}unit_id", f"{meeting}id", f"{meeting}year", f"{meeting}date")
    by_key: dict[int, list[Candidate]] = defaultdict(list)
    for pk, data, unit_id, meeting_id, year, date in IndexedParagraph.objects.filter(
        pk__in=shared
    ).values_list(*columns):
        kind = _kind(loaded, unit_id, meeting_id, year, date)
        if kind:
            candidate = Candidate(pk, kind, from_bytes(data))
            for key in shared[pk]:
                by_key[key].append(candidate)
    ranked = [
        _ranked(para, {c.pk: c for key in keys for c in by_key.get(key, [])})
        for para, keys in zip(own, keys_of, strict=True)
    ]
    _load_rows([c for kinds in ranked for pairs in kinds.values() for _, c in pairs])
    findings = []
    for para, kinds in zip(own, ranked, strict=True):
        for kind, pairs in kinds.items():
            matches = [(compare(para.body, c.row.text), c.row) for _, c in pairs]
            matches = [pair for pair in matches if pair[0].copied]
            if matches:
                match, row = max(matches, key=lambda pair: pair[0].shared)
                findings.append(_material_finding(kind, para, match, row, is_admin))
    return findings


def _ranked(para: OwnParagraph, candidates: dict[int, Candidate]) -> dict[str, list]:
    """Per kind, the candidates worth an exact comparison, best estimate first."""
    ranked: dict[str, list] = defaultdict(list)
    for candidate in candidates.values():
        estimate = estimated_jaccard(para.values, candidate.values)
        if estimate >= MIN_ESTIMATE:
            ranked[candidate.kind].append((estimate, candidate))
    return {kind: sorted(pairs, key=lambda pair: -pair[0])[:MAX_CONFIRMED] for kind, pairs in ranked.items()}


def _load_rows(candidates: list[Candidate]) -> None:
    """The text and material (with meeting, unit and member, for the message) of the candidates."""
    rows = IndexedParagraph.objects.filter(pk__in={c.pk for c in candidates}).select_related(
        "material__meeting__unit", "material__member"
    )
    by_pk = {row.pk: row for row in rows}
    for candidate in candidates:
        candidate.row = by_pk[candidate.pk]


def _material_finding(kind: str, para: OwnParagraph, match, row: IndexedParagraph, is_admin: bool) -> Finding:
    percent = round(100 * match.score)
    if kind == OTHER_UNIT:
        message = (
            f"与其他单位材料重复约{percent}%（共{match.shared}字）：请结合本单位实际重新撰写，不照搬照抄。"
        )
    else:
        message = (
            f"与本单位“{row.material.meeting.title}”的材料重复约{percent}%（共{match.shared}字）："
            "年年提、年年改的问题督导组会退回，请写出今年的新情况和新认识。"
        )
    if is_admin:
        shown = excerpt(row.text, match.theirs)
        message += f"【仅管理员可见】来源：{material_name(row.material)}；对方原文：“{shown}”"
    place = para.text.place
    return Finding(
        "copied_text",
        WARNING,
        place.where,
        message,
        place.entry_type,
        place.entry_id,
        place.field,
        score=round(match.score, 2),
        spans=shift(match.ours, para.offset),
        text=para.text.text,
    )


def _against_snippets(loaded: LoadedMaterial, texts: list[Text]) -> list[Finding]:
    uses = list(SnippetUse.objects.filter(material=loaded.material).select_related("snippet", "entry_type"))
    if not uses:
        return []
    aspect_of_text = {block.text.pk: block.aspect.pk for block in loaded.blocks if block.text is not None}
    by_place = {(t.place.entry_type, t.place.entry_id, t.place.field): t for t in texts}
    findings, seen = [], set()
    for use in uses:
        entry_type, entry_id = _place_of_use(use, aspect_of_text)
        text = by_place.get((entry_type, entry_id, use.field_name))
        key = (entry_type, entry_id, use.field_name, use.snippet_id)
        if text is None or key in seen:
            continue
        seen.add(key)
        snippet = use.snippet.text
        match = compare(text.text, snippet)
        covered = match.shared / len(snippet) if snippet else 0
        if covered < SNIPPET_UNCHANGED or match.shared < 20:
            continue
        name = use.snippet.source or f"{snippet[:16]}…"
        message = (
            f"直接使用了素材库中的素材“{name}”，"
            f"与素材原文重复约{round(100 * covered)}%（共{match.shared}字）："
            "请结合本单位、本人的实际情况改写，补上具体的人和事。"
        )
        place = text.place
        findings.append(
            Finding(
                "copied_text",
                WARNING,
                place.where,
                message,
                place.entry_type,
                place.entry_id,
                place.field,
                score=round(covered, 2),
                spans=match.ours,
                text=text.text,
            )
        )
    return findings


_MODEL_TYPES = {"problem": "problem", "cause": "cause", "measure": "measure", "measureitem": "measure_item"}


def _place_of_use(use: SnippetUse, aspect_of_text: dict[int, int]) -> tuple[str, int | None]:
    model = use.entry_type.model
    if model == "aspecttext":
        return "aspect", aspect_of_text.get(use.entry_id)
    if model == "material":
        return "material", use.entry_id
    return _MODEL_TYPES.get(model, model), use.entry_id
