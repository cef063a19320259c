"""Plain text: the encodings Chinese Windows tools write, and lines cleaned as the app cleans input."""

import codecs

from apps.core.text import clean_text
from apps.imports.errors import ImportRefused

UNREADABLE = "无法识别文本文件的编码。请用记事本另存为“UTF-8”编码后再导入。"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312,
    what Notepad on Chinese Windows writes as “ANSI”)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 4:  # UTF-16 without BOM (rare: saved by some tools)
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportRefused(UNREADABLE) from error


def text_lines(text: str) -> list[str]:
    """Non-empty lines without their indentation (full-width spaces included); Word's manual line
    and page breaks pasted in (U+000B, U+000C) separate lines, control characters are dropped."""
    text = text.replace("\x0b", "\n").replace("\x0c", "\n").replace("\u2028", "\n")
    return [line.strip() for line in clean_text(text).split("\n") if line.strip()]
