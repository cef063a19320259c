"""Where a finding's link opens the workspace: the step page of its entry, at the field's id
(the workspace forms' ids: ``id_problem12_example``, ``id_aspect3_lead_in`` …)."""

from __future__ import annotations

from django.urls import reverse

from apps.checks.findings import Finding

STEP_OF_ENTRY = {
    "problem": "problems",
    "aspect": "problems",
    "cause": "causes",
    "measure": "measures",
    "measure_item": "measures",
}
STEP_OF_MATERIAL_FIELD = {
    "preamble": "problems",
    "recap": "problems",
    "problems_lead": "problems",
    "causes_lead": "causes",
    "measures_lead": "measures",
    "closing": "measures",
}
ID_PREFIX = {"problem": "problem", "aspect": "aspect", "cause": "cause", "measure": "measure"}
ID_PREFIX |= {"measure_item": "item", "material": "material"}


def finding_url(meeting_id: int, material_id: int, finding: Finding) -> str:
    """The workspace page and anchor of the finding's entry; "" when it names no entry."""
    if finding.entry_type == "material":
        step = STEP_OF_MATERIAL_FIELD.get(finding.field, "problems")
    else:
        step = STEP_OF_ENTRY.get(finding.entry_type)
    if step is None or finding.entry_id is None:
        return ""
    url = reverse(f"workspace:{step}", args=[meeting_id, material_id])
    anchor = f"id_{ID_PREFIX[finding.entry_type]}{finding.entry_id}_{finding.field}" if finding.field else ""
    return f"{url}#{anchor}" if anchor else url


def marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, shared) pieces, for <mark> around the shared spans."""
    pieces, at = [], 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
