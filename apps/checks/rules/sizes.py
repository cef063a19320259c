"""How big the material and its parts are: hints, never errors (a short material may be right)."""

from __future__ import annotations

from apps.checks.findings import HINT, Finding
from apps.checks.loaded import LoadedMaterial, Text

# One provincial rule the reviewers apply: 问题 and 原因 are more than three quarters of the text.
PROBLEMS_AND_CAUSES_SHARE = 0.75
# Below this much text the share says nothing yet (a draft just started).
PROPORTION_MIN_CHARACTERS = 1500

# Real team materials run 6,000–15,000 characters and personal ones 3,000–8,000 (the seeds and the
# drafts reviewers see); "far outside" is a half of the low end or 1.5 times the high end.
MATERIAL_RANGE = {True: (3_000, 22_000), False: (1_500, 12_000)}  # keyed by Material.is_team
# A problem (headline + elaboration + example), cause or measure of 1,500 characters is several
# problems run together; 2,000 for a free text such as the preamble.
ENTRY_MAX = 1_500
FREE_TEXT_MAX = 2_000


def proportion(loaded: LoadedMaterial, ctx, texts: list[Text] | None = None) -> list[Finding]:
    texts = texts if texts is not None else _texts(loaded, ctx)
    total = sum(len(t.text) for t in texts)
    core = sum(len(t.text) for t in texts if t.part in ("problems", "causes"))
    if total < PROPORTION_MIN_CHARACTERS or core >= PROBLEMS_AND_CAUSES_SHARE * total:
        return []
    share = round(100 * core / total)
    message = (
        f"问题和原因只占全文的{share}%（要求超过四分之三）：请把笔墨放在查摆问题和剖析原因上，"
        "压缩开头、成绩和措施部分的篇幅。"
    )
    return [Finding("proportion", HINT, "全文", message, "material", loaded.material.pk, "preamble")]


def length(loaded: LoadedMaterial, ctx, texts: list[Text] | None = None) -> list[Finding]:
    texts = texts if texts is not None else _texts(loaded, ctx)
    findings = []
    total = sum(len(t.text) for t in texts)
    low, high = MATERIAL_RANGE[loaded.material.is_team]
    kind = "班子材料" if loaded.material.is_team else "个人材料"
    if total and (total < low or total > high):
        advice = "内容偏少，请充实问题的具体表现和事例" if total < low else "篇幅过长，请删繁就简"
        message = f"全文{total}字，{kind}通常在{low}–{high}字之间：{advice}。"
        findings.append(Finding("length", HINT, "全文", message, "material", loaded.material.pk, "preamble"))
    for entry_type, parts in _per_entry(texts):
        size = sum(len(t.text) for t in parts)
        free = entry_type in ("material", "aspect")
        limit = FREE_TEXT_MAX if free else ENTRY_MAX
        if size > limit:
            first = max(parts, key=lambda t: len(t.text))
            # An entry's fields add up: name the entry (（一）学习 · 二是), not one of its fields.
            where = first.place.where if free else first.place.where.rsplit(" · ", 1)[0]
            message = f"这一条有{size}字，超过{limit}字：可能是几条内容写在了一起，请拆分或精简。"
            place = first.place
            findings.append(Finding("length", HINT, where, message, *_link(place)))
    return findings


def _link(place) -> tuple[str, int | None, str]:
    return place.entry_type, place.entry_id, place.field


def _per_entry(texts: list[Text]) -> list[tuple[str, list[Text]]]:
    """Texts grouped by entry (a problem's headline, elaboration and example together); each free
    text of the material on its own."""
    grouped: dict[tuple, list[Text]] = {}
    for text in texts:
        place = text.place
        own_field = place.field if place.entry_type in ("material", "aspect") else ""
        grouped.setdefault((place.entry_type, place.entry_id, own_field), []).append(text)
    return [(key[0], parts) for key, parts in grouped.items()]


def _texts(loaded: LoadedMaterial, ctx) -> list[Text]:
    """The texts the engine already walked (ctx.texts, empty ones left out: they add nothing)."""
    texts = getattr(ctx, "texts", None)
    return texts if texts is not None else list(loaded.texts())
