"""Confirming candidates and telling what repeats: SequenceMatcher (autojunk off, so common
characters such as 的 are not ignored in long paragraphs) finds the shared spans of two paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

MIN_BLOCK = 6  # shared runs shorter than this are common wording, not copying
MIN_SHARED = 20  # a paragraph must share at least this many characters to count as copied
MIN_SCORE = 0.5  # … and at least half of its own text


@dataclass
class Match:
    shared: int  # characters of our paragraph found in theirs
    score: float  # shared / len(our paragraph)
    ours: list[tuple[int, int]] = field(default_factory=list)  # spans in our paragraph
    theirs: list[tuple[int, int]] = field(default_factory=list)  # spans in theirs

    @property
    def copied(self) -> bool:
        return self.shared >= MIN_SHARED and self.score >= MIN_SCORE


def compare(ours: str, theirs: str) -> Match:
    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_BLOCK]
    shared = sum(b.size for b in blocks)
    return Match(
        shared=shared,
        score=shared / len(ours) if ours else 0.0,
        # The matching blocks themselves: each span of ours is a run the other text has verbatim.
        ours=[(b.a, b.a + b.size) for b in blocks],
        theirs=[(b.b, b.b + b.size) for b in blocks],
    )


def shift(spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    return [(start + offset, end + offset) for start, end in spans]


def excerpt(text: str, spans: list[tuple[int, int]], limit: int = 200) -> str:
    """The shared parts of a text, joined with …, for an administrator."""
    parts = [text[start:end] for start, end in spans]
    joined = "…".join(parts)
    return joined if len(joined) <= limit else joined[:limit] + "…"
