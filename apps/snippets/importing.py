"""Bulk import of a 素材 collection from a ``.txt`` or ``.docx`` file.

A collection as drafters keep them: a title (one or two lines), then blocks numbered ``01``, ``02``, …
each on its own line; every block (all its lines) becomes one snippet, tagged with the title as its
source, and with the year and kind the title suggests. A file without such blocks gives one snippet
per non-empty paragraph. The text is cleaned (control characters, Word's soft breaks) and otherwise
kept as written: placeholders and pinyin abbreviations stay for the quality check to flag.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import connections, transaction

from apps.core.text import clean_line, clean_text
from apps.imports.reading import MAX_UPLOAD_BYTES
from apps.snippets.models import Snippet

MAX_PART_BYTES = 50 * 1024 * 1024  # decompressed size of any one part of a .docx
MAX_DOCX_BYTES = 200 * 1024 * 1024  # decompressed size of all its parts together
BATCH = 500
TEXT_LIMIT = Snippet._meta.get_field("text").max_length
SOURCE_LIMIT = Snippet._meta.get_field("source").max_length

_BLOCK_NUMBER = re.compile(r"^(\d{1,5})[.．、]?$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# Checked in this order: a title such as “班子产生问题的原因剖析” names problems but holds causes.
_KIND_WORDS = [
    ("原因", Snippet.Kind.CAUSE),
    ("措施", Snippet.Kind.MEASURE),
    ("方面", Snippet.Kind.PROBLEM),
    ("问题", Snippet.Kind.PROBLEM),
]


class SnippetImportRefused(Exception):
    """A file that cannot be imported; the message (Chinese) says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Collection:
    title: str
    texts: list[str]
    numbered: bool  # blocks 01, 02, … (else one snippet per paragraph)
    notes: list[str] = field(default_factory=list)  # in Chinese: what was cut or left out, and why


@dataclass
class ImportReport:
    imported: int
    source: str
    kind: str
    year: int | None
    numbered: bool
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)

    def message(self) -> str:
        kind = Snippet.Kind(self.kind).label
        parts = [f"已导入 {self.imported} 条素材（来源：{self.source or '无'}，类别：{kind}"]
        parts.append(f"，年度：{self.year}）" if self.year else "）")
        if self.duplicates:
            parts.append(f"；{self.duplicates} 条与库中已有素材相同，未重复导入")
        if self.notes:
            parts.append("；" + "；".join(self.notes))
        return "".join(parts) + "。"


def guess_year(title: str) -> int | None:
    match = _YEAR.search(title)
    return int(match.group(1)) if match else None


def guess_kind(title: str) -> str:
    return next((kind for word, kind in _KIND_WORDS if word in title), Snippet.Kind.OTHER)


def too_large(size: int) -> str:
    return (
        f"文件太大（{size / 1024 / 1024:.1f} MB），最大 {MAX_UPLOAD_BYTES // 1024 // 1024} MB，"
        "请拆分后分批导入。"
    )


def read_text(name: str, data: bytes) -> str:
    """The text of an uploaded ``.txt`` (UTF-8, or GB18030 as Chinese Windows saves it) or ``.docx``."""
    suffix = PurePath(name).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise SnippetImportRefused(too_large(len(data)))
    if not data.strip():
        raise SnippetImportRefused("文件是空的，没有可导入的文字。")
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".txt":
        return _plain_text(data)
    if suffix in {".doc", ".wps"}:
        raise SnippetImportRefused(
            "不支持旧版 Word（.doc/.wps）文件，请在 Word 或 WPS 中另存为 .docx 后再导入。"
        )
    raise SnippetImportRefused("只能导入 .txt 或 .docx 文件。")


def _plain_text(data: bytes) -> str:
    if b"\x00" in data:
        raise SnippetImportRefused("该文件不是纯文本文件（.txt），请检查后重新选择。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SnippetImportRefused("无法识别该文本文件的编码，请另存为 UTF-8 编码的 .txt 后再导入。")


def _docx_text(data: bytes) -> str:
    import docx  # python-docx: loaded only when a Word file is imported

    not_docx = (
        "该文件不是有效的 Word（.docx）文件，可能已损坏、已加密或只是改了扩展名。"
        "请在 Word 中另存为 .docx 后再导入。"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise SnippetImportRefused(not_docx) from error
    if max(sizes, default=0) > MAX_PART_BYTES or sum(sizes) > MAX_DOCX_BYTES:
        raise SnippetImportRefused("该 Word 文件解压后过大，疑似异常文件，已拒绝导入。")
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_paragraphs(document))
    except Exception as error:  # python-docx raises many kinds (KeyError, lxml, zipfile) on bad files
        raise SnippetImportRefused(not_docx) from error


def _docx_paragraphs(document) -> list[str]:
    """The body's paragraphs in order, table cells included (each merged cell once)."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        lines += [paragraph.text for paragraph in cell.paragraphs]
        else:
            lines.append(block.text)
    return lines


def parse_collection(text: str, *, fallback_title: str = "") -> Collection:
    lines = [line.strip() for line in clean_text(text).split("\n")]
    markers, expected = [], 1
    for index, line in enumerate(lines):
        match = _BLOCK_NUMBER.match(line)
        if match and int(match.group(1)) == expected:
            markers.append(index)
            expected += 1
    notes: list[str] = []
    if not markers:
        return Collection(clean_line(fallback_title), [line for line in lines if line], False, notes)
    title = clean_line(" ".join(line for line in lines[: markers[0]] if line)) or clean_line(fallback_title)
    texts = []
    for number, (start, end) in enumerate(zip(markers, [*markers[1:], len(lines)], strict=True), start=1):
        body = "\n".join(line for line in lines[start + 1 : end] if line)
        if body:
            texts.append(body)
        else:
            notes.append(f"第 {number:02d} 条没有内容，已跳过")
    return Collection(title, texts, True, notes)


def snippets_import(
    *,
    name: str,
    data: bytes,
    unit,
    user=None,
    kind: str = "",
    year: int | None = None,
    source: str = "",
) -> ImportReport:
    """Import the collection in ``data`` into ``unit`` (None: shared with every unit).

    ``kind``, ``year`` and ``source`` override what the title suggests. A snippet whose text is
    already in the same library is not imported twice; an over-long one is left out and named in
    the report. Raises :class:`SnippetImportRefused` for a file that cannot be read or holds nothing.
    """
    collection = parse_collection(read_text(name, data), fallback_title=PurePath(name).stem)
    source = clean_line(source) or collection.title
    notes = list(collection.notes)
    if len(source) > SOURCE_LIMIT:
        notes.append(f"来源超过 {SOURCE_LIMIT} 字，只保留了前 {SOURCE_LIMIT} 字")
        source = source[:SOURCE_LIMIT]
    kind = kind or guess_kind(collection.title)
    year = year or guess_year(collection.title)
    texts = []
    for number, text in enumerate(collection.texts, start=1):
        if len(text) > TEXT_LIMIT:
            notes.append(f"第 {number} 条有 {len(text)} 字，超过 {TEXT_LIMIT} 字，未导入，请拆分后添加")
        else:
            texts.append(text)
    if not texts:
        raise SnippetImportRefused("文件中没有找到可导入的段落。")
    with transaction.atomic():
        fresh = _without_duplicates(texts, unit)
        snippets = [
            Snippet(unit=unit, text=text, kind=kind, year=year, source=source, created_by=user)
            for text in fresh
        ]
        for snippet in snippets:
            snippet.fill_search_columns()
        _store(snippets)
    return ImportReport(
        len(snippets), source, kind, year, collection.numbered, len(texts) - len(fresh), notes
    )


def _store(snippets: list[Snippet]) -> None:
    """``bulk_create``, or on PostgreSQL one COPY: Django sends each batch of a bulk_create there as
    arrays that psycopg quotes into the SQL text, 4.9 s for 10,000 snippets before the database
    indexed anything; COPY streams the rows, ~3 s with the search vector and the GIN index. Each
    value is prepared as Django's own insert prepares it (``pre_save``: timestamps, cleaned text;
    ``get_db_prep_save``), so a field added to the model is written here too."""
    connection = connections[Snippet.objects.db]
    if connection.vendor != "postgresql":
        Snippet.objects.bulk_create(snippets, batch_size=BATCH)
        return
    fields = [field for field in Snippet._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(Snippet._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for snippet in snippets:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(snippet, add=True), connection) for field in fields]
            )


def _without_duplicates(texts: list[str], unit) -> list[str]:
    """``texts`` without those already in the library (the same unit's, or the shared one) and
    without repeats inside the file."""
    library = Snippet.objects.filter(unit=unit) if unit else Snippet.objects.filter(unit__isnull=True)
    known: set[str] = set()
    for start in range(0, len(texts), BATCH):
        known.update(library.filter(text__in=texts[start : start + BATCH]).values_list("text", flat=True))
    fresh = []
    for text in texts:
        if text not in known:
            known.add(text)
            fresh.append(text)
    return fresh
