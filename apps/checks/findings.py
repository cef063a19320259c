"""What the 体检 reports: one finding per problem found in a material (contract shared by the
workspace panel, the export warning, the submission page, the import review and check_report)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

ERROR, WARNING, HINT = "error", "warning", "hint"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", HINT: "提示"}


@dataclass
class Finding:
    code: str  # the rule: "placeholder", "copied_text", …
    severity: str  # ERROR / WARNING / HINT
    where: str  # in Chinese, the place as a drafter names it: "（一）理论学习 · 二是 · 具体表现"
    message: str  # in Chinese: what is wrong and how to fix it
    entry_type: str = ""  # "material", "aspect_text", "problem", "cause", "measure", "measure_item"
    entry_id: int | None = None
    field: str = ""  # the field of the entry ("elaboration", "preamble", …)
    score: float | None = None  # copied_text: how much repeats (0..1)
    # dataclasses.field: the name ``field`` is the attribute above inside this class body.
    spans: list[tuple[int, int]] = dataclasses.field(
        default_factory=list
    )  # copied_text: shared spans in our text
    text: str = ""  # copied_text: our field's text, the spans index into it (shown with the spans marked)

    def to_json(self) -> dict:
        """The shape ``check_report --json`` prints."""
        return {"code": self.code, "severity": self.severity, "where": self.where, "message": self.message}
