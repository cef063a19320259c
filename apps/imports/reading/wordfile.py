"""A ``.docx`` to its paragraphs as drafters' Word files hold them.

Safety first: the container is checked before anything is decompressed (member count, each part's
declared size, the total), the XML is parsed without entities or network, and every failure becomes
an :class:`ImportRefused` with a Chinese message. Then the text: runs split anywhere are joined,
manual line breaks split lines, deleted (``w:del``) and hidden (``w:vanish``) text is dropped,
inserted (``w:ins``) text kept, field instructions skipped, table cells read in order, and the number
of Word's automatic numbering put back in front of the paragraph (see :mod:`.numbering`)."""

import io
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from apps.imports.errors import ImportRefused
from apps.imports.reading.numbering import Numbering
from apps.imports.reading.plain import text_lines

OLD_DOC = "这是旧版 Word 文档（.doc）。请在 Word 中另存为 .docx 后再导入。"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted .docx is an OLE compound file holding an ``EncryptedPackage`` stream; directory
# entries store stream names in UTF-16LE, so the name is found in the raw bytes without a parser.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

MAX_MEMBERS = 2000
MAX_PART_BYTES = 30 * 1024 * 1024  # document.xml of a 300-page material is about 3 MB
MAX_TOTAL_BYTES = 200 * 1024 * 1024
DOCUMENT, NUMBERING, STYLES = "word/document.xml", "word/numbering.xml", "word/styles.xml"

NOT_DOCX = "这不是 Word 文档（.docx），无法读取。请在 Word 或 WPS 中打开后另存为 .docx 再导入。"
ENCRYPTED = "文件设置了打开密码，无法读取。请在 Word 中取消密码（文件→信息→保护文档）后再导入。"
CORRUPT = "文件已损坏，无法读取。请在 Word 中打开并重新保存后再导入。"
NOT_WORD = "这个压缩文件不是 Word 文档（缺少正文部分），无法导入。"
TOO_LARGE_INSIDE = "文件解压后过大（可能是恶意构造的压缩文件），已拒绝导入。"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def read_docx(data: bytes) -> list[str]:
    if data.startswith(OLE_MAGIC):
        raise ImportRefused(ENCRYPTED if ENCRYPTED_STREAM in data else OLD_DOC)
    if not data.startswith(ZIP_MAGIC):
        raise ImportRefused(NOT_DOCX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = _read_parts(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        # BadZipFile also covers a member whose data does not match its CRC: zipfile never returns
        # more than the declared size and checks the CRC at the end, so a member lying about its
        # size cannot decompress past the limits checked in _read_parts.
        raise ImportRefused(CORRUPT) from error
    document = _parse(parts[DOCUMENT])
    numbering = Numbering.from_parts(_parse(parts.get(NUMBERING)), _parse(parts.get(STYLES)))
    return list(_document_lines(document, numbering))


def _read_parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(TOO_LARGE_INSIDE)
    if sum(member.file_size for member in members) > MAX_TOTAL_BYTES:
        raise ImportRefused(TOO_LARGE_INSIDE)
    by_name = {member.filename: member for member in members}
    if DOCUMENT not in by_name:
        raise ImportRefused(NOT_WORD)
    parts = {}
    for name in (DOCUMENT, NUMBERING, STYLES):
        member = by_name.get(name)
        if member is None:
            continue
        if member.file_size > MAX_PART_BYTES:
            raise ImportRefused(TOO_LARGE_INSIDE)
        if member.flag_bits & 0x1:
            raise ImportRefused(ENCRYPTED)
        parts[name] = archive.read(member)
    return parts


def _parse(data: bytes | None):
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ImportRefused(CORRUPT) from error


# --- Text -----------------------------------------------------------------------------------------

# Containers whose text is not what Word shows: deleted revisions, the fallback copy of drawings
# (the same text box as the mc:Choice), field instructions, and properties.
_SKIPPED = {
    f"{W}del",
    f"{W}moveFrom",
    f"{W}instrText",
    f"{W}delText",
    f"{W}delInstrText",
    f"{MC}Fallback",
    f"{W}rPr",
    f"{W}pPr",
    f"{W}sectPr",
    f"{W}tblPr",
    f"{W}trPr",
    f"{W}tcPr",
}
_FALSE = {"0", "false", "off"}


def _document_lines(document, numbering: Numbering) -> Iterator[str]:
    body = document.find(f"{W}body")
    if body is None:
        raise ImportRefused(NOT_WORD)
    for paragraph in _paragraphs(body):
        pieces: list[str] = []
        _collect(paragraph, pieces)
        text = "".join(pieces)
        if not text.strip():
            continue
        number = numbering.label(paragraph)
        for position, line in enumerate(text_lines(text)):
            yield (number + line) if position == 0 and number else line


def _paragraphs(element) -> Iterator:
    """Every paragraph in reading order, including those in table cells and text boxes."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{W}p":
            yield child
        # A paragraph's own runs may hold text boxes with paragraphs of their own: after it.
        yield from _paragraphs(child)


def _hidden(run) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true").lower() not in _FALSE


def _collect(element, pieces: list[str]) -> None:
    """The visible text of a paragraph, not descending into nested paragraphs."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == f"{W}p":
            continue
        if tag == f"{W}r":
            if not _hidden(child):
                _run_text(child, pieces)
        else:  # hyperlinks, smart tags, w:ins, fields, content controls …
            _collect(child, pieces)


def _run_text(run, pieces: list[str]) -> None:
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            pieces.append(child.text or "")
        elif tag == f"{W}tab":
            pieces.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
        elif tag == f"{W}noBreakHyphen":
            pieces.append("-")
        elif isinstance(tag, str) and tag not in _SKIPPED:
            _collect(child, pieces)  # drawings with text boxes are read as their own paragraphs
