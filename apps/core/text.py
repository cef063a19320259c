"""Text normalisation for everything users type or paste (often from Word or WPS)."""

import re

# Every C0 control character except tab and the breaks handled below, DEL, the C1 block, lone
# surrogates and the non-characters U+FFFE/U+FFFF are removed: lxml (python-docx) refuses them
# and they never carry meaning.
_FORBIDDEN = re.compile("[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]")

# Word's manual line break (U+000B, Shift+Enter), its page break (U+000C) and the Unicode line
# separator (U+2028) are layout, not structure: pasted from a Word draft they often sit in the middle
# of a sentence, where they must not split it into two paragraphs in preview, DOCX and PDF. Such a
# break (with the blanks around it) ends a paragraph only after a sentence-final mark, a closing quote
# or bracket after one, or a colon (a lead-in such as “主要表现在：” ends its paragraph in real drafts).
_SOFT_BREAK = re.compile("[^\\S\n\u2029]*[\u000b\u000c\u2028][^\\S\n\u2029]*")
_ENDS_A_PARAGRAPH = re.compile("[。！？!?…：:][”’」』）)》〉】〕\\]\"']*\\Z")
# Joining two Latin words or numbers needs the space the break stood for (“word\vword”, “end.\vNext”);
# Chinese needs none.
_LATIN_BEFORE = re.compile("[0-9A-Za-z\u00c0-\u024f.,;%)\\]]")
_LATIN_AFTER = re.compile("[0-9A-Za-z\u00c0-\u024f]")
_LOOK_BACK = 16  # a sentence end is at most this many closing quotes and brackets before the break


def _soft_break(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    if _ENDS_A_PARAGRAPH.search(text, max(0, start - _LOOK_BACK), start):
        return "\n"
    before, after = text[start - 1 : start], text[end : end + 1]
    if before and after and _LATIN_BEFORE.match(before) and _LATIN_AFTER.match(after):
        return " "
    return ""


def clean_text(value: str | None) -> str:
    """Return ``value`` without control characters, with Unix line breaks and no outer blanks.

    ``\\n``, ``\\r\\n`` and U+2029 are paragraph breaks; a manual line break or page break is one only
    where a sentence ends (see ``_SOFT_BREAK``), elsewhere it joins the two halves of its sentence.
    Chinese punctuation, tabs and every printable character are kept exactly as typed.
    """
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    text = _FORBIDDEN.sub("", text)
    text = _SOFT_BREAK.sub(_soft_break, text)
    return text.strip()


def clean_line(value: str | None) -> str:
    """Like :func:`clean_text`, for single-line fields: line breaks and tabs become one space."""
    return re.sub(r"[\n\t]+", " ", clean_text(value))


# Numbering users type out of habit: 一是、 二要， （一） (1) 1. 1、 ①  一、 第一，… The system numbers
# items itself, so a typed number would print twice (“一是一是…”).
_TYPED_NUMBERING = re.compile(
    r"^\s*(?:"
    r"[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]"  # （一） (1)
    r"|[一二三四五六七八九十百]+(?:是|要(?![素求点件]))[，,、：:\s]?"  # 一是 二要 (not 三要素)
    r"|第[一二三四五六七八九十百\d]+[，,、：:.．]"  # 第一， (not 第一议题)
    r"|[一二三四五六七八九十百]+[、.．]"  # 一、
    r"|\d+\s*[、.．)）]"  # 1. 1、 1)
    r"|[\u2460-\u2473\u2776-\u277f]"  # ①…⑳ ❶…❿
    r")\s*"
)


def strip_typed_numbering(value: str) -> str:
    """Remove one leading list number (``一是、`` ``（一）`` ``1.`` …) from a headline."""
    return _TYPED_NUMBERING.sub("", value, count=1).strip()


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line (runs of blanks and breaks made one space), cut to ``limit`` characters
    with an ellipsis: a quotation inside a notification or a record's comment."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
