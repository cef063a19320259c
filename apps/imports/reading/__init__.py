"""Source files to lines of text.

``read_upload`` takes an uploaded ``.docx`` or ``.txt`` and returns its paragraphs as lines, with the
visible number of Word's automatic numbering put back in front of each numbered paragraph;
``read_pasted`` does the same for text pasted into the page. Anything that cannot be read (too big,
not a Word file, encrypted, a zip bomb, another language …) raises
:class:`apps.imports.errors.ImportRefused` with a Chinese message."""

from pathlib import PurePath

from apps.imports.errors import ImportRefused
from apps.imports.reading.language import check_chinese
from apps.imports.reading.plain import decode_text, text_lines
from apps.imports.reading.wordfile import OLD_DOC, read_docx

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

TOO_BIG = "文件超过 10 MB，无法导入。请删去图片等内容，或把正文复制为 .txt 后再导入。"
EMPTY = "文件是空的，没有可导入的内容。"
WRONG_TYPE = (
    "只能导入 Word 文档（.docx）或纯文本文件（.txt）。其他格式请在 Word 或 WPS 中另存为 .docx 后再导入。"
)


def read_upload(name: str, data: bytes) -> list[str]:
    """The lines of an uploaded file, or ImportRefused saying why it cannot be imported."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(TOO_BIG)
    if not data.strip():
        raise ImportRefused(EMPTY)
    suffix = PurePath(name or "").suffix.lower()
    if suffix == ".docx":
        lines = read_docx(data)
    elif suffix == ".txt":
        lines = text_lines(decode_text(data))
    elif suffix in (".doc", ".wps"):
        raise ImportRefused(OLD_DOC)
    else:
        raise ImportRefused(WRONG_TYPE)
    check_chinese(lines)
    return lines


def read_pasted(text: str) -> list[str]:
    lines = text_lines(text or "")
    check_chinese(lines)
    return lines


__all__ = ["MAX_UPLOAD_BYTES", "read_pasted", "read_upload"]
