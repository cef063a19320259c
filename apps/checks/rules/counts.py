"""count_mismatch: a count written in a lead (主要有以下五个方面、以下三点) that differs from the
list that follows it (the export prints the generated leads from the data; these are the ones a
drafter typed, or imported)."""

from __future__ import annotations

import re

from apps.checks.findings import WARNING, Finding
from apps.checks.loaded import LoadedMaterial
from apps.core.numbering import chinese_numeral

# 一…九十九 as written in a lead, plus 两 (以下两个方面).
NUMERALS = {chinese_numeral(n): n for n in range(1, 100)} | {"两": 2}
COUNT = re.compile(
    r"(?:以下|如下|主要有|主要是|存在|归纳为|概括为|从)([一二三四五六七八九十两]{1,3}|\d{1,2})(?:个方面|方面|点|条|项|个)"
)


def stated_count(text: str) -> tuple[int, str] | None:
    """The count a lead announces and its words (以下两点), or None when it announces none
    (以下几个方面 has none)."""
    match = COUNT.search(text or "")
    if match is None:
        return None
    word = match.group(1)
    number = int(word) if word.isdigit() else NUMERALS.get(word)
    return (number, match.group()) if number else None


def _mismatch(
    where: str, lead: str, actual: int, noun: str, place: tuple[str, int | None, str]
) -> Finding | None:
    stated = stated_count(lead)
    if stated is None or stated[0] == actual:
        return None
    message = f"导语写的是“{stated[1]}”，实际有{actual}{noun}：请改正导语中的数字，或增删条目使两者一致。"
    return Finding("count_mismatch", WARNING, where, message, *place)


def count_mismatch(loaded: LoadedMaterial, ctx) -> list[Finding]:
    material = loaded.material
    aspects_with_problems = sum(1 for block in loaded.blocks if block.problems)
    checks = [
        (
            "问题部分导语",
            material.problems_lead,
            aspects_with_problems,
            "个方面",
            ("material", material.pk, "problems_lead"),
        ),
        (
            "原因部分导语",
            material.causes_lead,
            len(loaded.causes),
            "条原因",
            ("material", material.pk, "causes_lead"),
        ),
        (
            "措施部分导语",
            material.measures_lead,
            len(loaded.measures),
            "项措施",
            ("material", material.pk, "measures_lead"),
        ),
    ]
    for block in loaded.blocks:
        if block.text is not None and block.problems:
            place = ("aspect", block.aspect.pk, "lead_in")
            checks.append(
                (f"{block.name} · 方面导语", block.text.lead_in, len(block.problems), "条问题", place)
            )
    findings = [_mismatch(*check) for check in checks]
    return [finding for finding in findings if finding is not None]
