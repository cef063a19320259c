"""What an import proposes: the structure recognised in a draft, before anything is written.

The parser (``apps.imports.parsing``) turns the source lines into a :class:`Proposal`; the review
page shows it beside the source and lets the drafter correct it; the commit service writes it into a
material. A proposal travels as JSON between those steps (it is stored on the pending import), so
every part is plain data: strings, numbers, lists, and ids of the meeting's outline aspects.

``line`` fields are indexes into the source lines (``Proposal.source_lines``), so the review can show
which line became what; -1 where no single line applies.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ProposedProblem:
    headline: str  # the lead sentence, without its number and without the closing 。
    elaboration: str = ""
    example: str = ""  # from the first sentence starting 比如/譬如/例如/再如
    line: int = -1


@dataclass
class AspectCandidate:
    aspect_id: int
    title: str  # the outline aspect's full wording, for the drafter's choice
    score: float  # 0..1, how well the source heading matches it


@dataclass
class ProposedAspect:
    heading: str  # the aspect's wording in the source, without （一） and without the closing 。
    lead_in: str = ""  # the text between the heading and 一是 (achievements, then the turn)
    problems: list[ProposedProblem] = field(default_factory=list)
    aspect_id: int | None = None  # the outline aspect it goes to; None: kept as text, no entries
    score: float = 0.0
    sure: bool = False  # False: the review asks the drafter to confirm the match
    candidates: list[AspectCandidate] = field(default_factory=list)  # best first
    line: int = -1


@dataclass
class ProposedEntry:
    """A cause or a measure: headline sentence, the rest, and (measures) sub-items 一要…二要…"""

    headline: str
    elaboration: str = ""
    items: list[str] = field(default_factory=list)
    line: int = -1


@dataclass
class Unplaced:
    text: str
    line: int = -1
    reason: str = ""  # in Chinese, shown in the review


# Document kinds a source can be recognised as; only a material can be imported.
MATERIAL = "material"
SITUATION_REPORT = "situation_report"
UNKNOWN = "unknown"


@dataclass
class Proposal:
    kind: str = MATERIAL
    source_lines: list[str] = field(default_factory=list)
    title: str = ""
    preamble: str = ""
    recap_heading: str = ""
    recap: str = ""
    problems_heading: str = ""
    problems_lead: str = ""
    aspects: list[ProposedAspect] = field(default_factory=list)
    causes_heading: str = ""
    causes_lead: str = ""
    causes: list[ProposedEntry] = field(default_factory=list)
    measures_heading: str = ""
    measures_lead: str = ""
    measures: list[ProposedEntry] = field(default_factory=list)
    closing: str = ""
    # How the source prints (values of Material.Layout / Material.Numbering / Material.Signature;
    # empty: not recognised, the material keeps its own setting).
    layout: str = ""
    causes_numbering: str = ""
    measures_numbering: str = ""
    signature: str = ""
    signature_date: str = ""  # ISO date, when the source is signed with a date
    # Recognised lines the export prints by itself (not unplaced): the author line under a personal
    # material's title and the signing unit (or signer) at the end.
    author: str = ""
    signature_unit: str = ""
    # How the source numbers the measures' sub-items: 要 (一要, the default) or 是 (一是).
    item_marker: str = ""
    unplaced: list[Unplaced] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proposal:
        data = dict(data)
        data["aspects"] = [
            ProposedAspect(
                **{
                    **aspect,
                    "problems": [ProposedProblem(**p) for p in aspect.get("problems", [])],
                    "candidates": [AspectCandidate(**c) for c in aspect.get("candidates", [])],
                }
            )
            for aspect in data.get("aspects", [])
        ]
        for part in ("causes", "measures"):
            data[part] = [ProposedEntry(**entry) for entry in data.get(part, [])]
        data["unplaced"] = [Unplaced(**item) for item in data.get("unplaced", [])]
        return cls(**data)

    def summary(self) -> dict[str, Any]:
        """The shape ``import_report --json`` prints."""
        titles = {c.aspect_id: c.title for a in self.aspects for c in a.candidates}
        return {
            "aspects": [
                {
                    "title": aspect.heading,
                    "matched_aspect": titles.get(aspect.aspect_id) if aspect.aspect_id else None,
                    "problems": len(aspect.problems),
                }
                for aspect in self.aspects
            ],
            "causes": len(self.causes),
            "measures": len(self.measures),
            "measure_items": [len(measure.items) for measure in self.measures],
            "layout": self.layout,
            "unplaced": [item.text for item in self.unplaced],
            "warnings": list(self.warnings),
        }
