"""Matching the source's aspect headings to the meeting's outline aspects by wording.

Drafters copy the outline's wording and add to it (``带头深刻感悟“两个确立”的决定性意义，坚持……
方面``), shorten it (``政治建设方面``) or replace a word (``dangshi`` for 党史). The score is how much
of the outline wording's character pairs the heading holds, blended with how much of the heading is
outline wording, and the aspect's short label found whole in the heading; a match is ``sure`` only
when it is high and clearly ahead of the runner-up. One outline aspect is given to one block; a
block left without a good match keeps ``aspect_id`` None (kept as text) with the candidates."""

import re
from dataclasses import dataclass

from apps.imports.proposal import AspectCandidate, ProposedAspect

SURE_SCORE = 0.6
SURE_MARGIN = 0.2
MIN_SCORE = 0.35  # below this a block is not given an aspect at all
_NOISE = re.compile(r"[^\u3400-\u9fff]|方面|带头")


@dataclass
class OutlineAspect:
    pk: int
    wording: str
    label: str


def _pairs(text: str) -> set[str]:
    text = _NOISE.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def score(heading: str, aspect: OutlineAspect) -> float:
    source, outline = _pairs(heading), _pairs(aspect.wording)
    if not source or not outline:
        return 0.0
    shared = len(source & outline)
    covers_outline = shared / len(outline)
    covers_heading = shared / len(source)
    value = max(covers_outline * 0.85 + covers_heading * 0.15, (covers_outline + covers_heading) / 2)
    label = _NOISE.sub("", aspect.label)
    if len(label) >= 2 and label in _NOISE.sub("", heading):
        value = max(value, 0.75)
    return round(min(value, 1.0), 3)


def match_aspects(blocks: list[ProposedAspect], aspects: list[OutlineAspect]) -> None:
    """Fill ``aspect_id``, ``score``, ``sure`` and ``candidates`` of every block, in place."""
    titles = {aspect.pk: aspect.wording for aspect in aspects}
    scores: dict[tuple[int, int], float] = {}
    for b, block in enumerate(blocks):
        for a, aspect in enumerate(aspects):
            # A whisker for the same position: two equal scores go to the aspect in the same place.
            scores[b, aspect.pk] = score(block.heading, aspect) + (0.001 if a == b else 0.0)
        ranked = sorted(aspects, key=lambda aspect, b=b: -scores[b, aspect.pk])
        block.candidates = [
            AspectCandidate(
                aspect_id=aspect.pk, title=titles[aspect.pk], score=min(1.0, round(scores[b, aspect.pk], 3))
            )
            for aspect in ranked
        ]
    taken: set[int] = set()
    given: set[int] = set()
    for (b, pk), value in sorted(scores.items(), key=lambda item: -item[1]):
        if b in given or pk in taken or value < MIN_SCORE:
            continue
        block = blocks[b]
        block.aspect_id, block.score = pk, min(1.0, round(value, 3))
        others = [c.score for c in block.candidates if c.aspect_id != pk]
        runner_up = max(others, default=0.0)
        block.sure = value >= SURE_SCORE and value - runner_up >= SURE_MARGIN
        taken.add(pk)
        given.add(b)
    for b, block in enumerate(blocks):
        if b not in given:
            block.aspect_id, block.score, block.sure = None, 0.0, False
