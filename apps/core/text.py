"""Text normalisation for everything users type or paste (often from Word or WPS)."""

import re

# Word's manual line break (U+000B) and page break (U+000C) become real line breaks; every other
# C0 control character, DEL, the C1 block, lone surrogates and the non-characters U+FFFE/U+FFFF
# are removed because lxml (python-docx) refuses them and they never carry meaning.
_LINE_BREAKS = str.maketrans({"\u000b": "\n", "\u000c": "\n", "\u2028": "\n", "\u2029": "\n"})
_FORBIDDEN = re.compile("[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str | None) -> str:
    """Return ``value`` without control characters, with Unix line breaks and no outer blanks.

    Chinese punctuation, tabs and every printable character are kept exactly as typed.
    """
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    text = _FORBIDDEN.sub("", text)
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
