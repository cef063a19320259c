"""``<mark>`` around every occurrence of every term, in a window of the text; everything else is
escaped, so the result is safe HTML. Computed in Python for the page of results only."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """Latin letters compared without case, as the databases' LOWER() and LIKE do; nothing else."""
    return text.translate(_ASCII_LOWER)


def occurrences(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur, as (start, end) spans merged where they overlap or touch."""
    folded = fold(text)
    spans = []
    for term in terms:
        needle = fold(term)
        start = folded.find(needle)
        while needle and start >= 0:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def count_occurrences(text: str, term: str) -> int:
    """Non-overlapping occurrences, as the databases count them (length before and after REPLACE)."""
    return fold(text).count(fold(term)) if term else 0


def highlight(
    text: str, terms: list[str], width: int | None = None, spans: list[tuple[int, int]] | None = None
) -> SafeString:
    """The text (or ``width`` characters of it, from a little before the first hit) with the hits
    marked; "…" shows where the window cuts the text. ``spans``: the terms' ``occurrences`` when
    the caller has them already (a hit is marked twice, in a window and in full)."""
    spans = occurrences(text, terms) if spans is None else spans
    start, end = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - width // 5, len(text) - width))
        end = start + width
    pieces = ["…" if start > 0 else ""]
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    pieces += [escape(text[position:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped above
