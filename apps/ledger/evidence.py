"""Evidence files (佐证材料): what is accepted, and how it is stored.

A file's type is told by its content, never by its name: the magic numbers (``filetype``, which
reads the first 8 KB) say PDF, JPEG, PNG or ZIP; an image must then open and decode with Pillow
(a truncated or corrupt picture is refused); a PDF must start with ``%PDF-`` and end with
``%%EOF`` (a truncated upload is refused); a ZIP must be a real Office Open XML package with the
main part of a Word document or an Excel workbook. The user's file name is kept, cleaned, for
display and download; the stored name is random (``ledger.models.evidence_path``) and the storage
is whatever ``STORAGES["default"]`` names (local files or an S3-compatible store).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from apps.ledger.models import Evidence, ProgressNote

logger = logging.getLogger(__name__)
Kind = Evidence.Kind

NAME_LIMIT = 200  # Evidence.name
HEAD_BYTES = 8192
ALLOWED = "PDF、JPEG/PNG 图片、Word（.docx）或 Excel（.xlsx）文件"
# What a file's name should end with for its kind; a name that says otherwise gets the right one.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    Kind.PDF: (".pdf",),
    Kind.JPG: (".jpg", ".jpeg"),
    Kind.PNG: (".png",),
    Kind.DOCX: (".docx",),
    Kind.XLSX: (".xlsx",),
}
CONTENT_TYPES: dict[str, str] = {
    Kind.PDF: "application/pdf",
    Kind.JPG: "image/jpeg",
    Kind.PNG: "image/png",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_BY_MIME = {"application/pdf": Kind.PDF, "image/jpeg": Kind.JPG, "image/png": Kind.PNG}
_ZIP_MIMES = {"application/zip", CONTENT_TYPES[Kind.DOCX], CONTENT_TYPES[Kind.XLSX]}
# The old binary Office formats (OLE compound files) are common on government PCs: say what to do.
_OLD_OFFICE_MIMES = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OOXML package names its main part in [Content_Types].xml by these content types.
_OOXML_MAIN = {
    Kind.DOCX: ("word/document.xml", b"wordprocessingml.document.main+xml"),
    Kind.XLSX: ("xl/workbook.xml", b"spreadsheetml.sheet.main+xml"),
}
_CONTENT_TYPES_LIMIT = 1024 * 1024  # [Content_Types].xml is a few KB; a larger one is not read
# A picture larger than this many pixels is refused rather than decoded (decompression bombs).
MAX_IMAGE_PIXELS = 100_000_000


@dataclass(frozen=True)
class Checked:
    """An uploaded file that passed: its kind, its cleaned display name and its size."""

    upload: File
    kind: str
    name: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "LEDGER_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "LEDGER_EVIDENCE_MAX_FILES", 10))


def human_size(size: int) -> str:
    """1.5 MB, 820 KB, 96 字节: sizes as the page and the messages show them."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{round(size / 1024)} KB"
    return f"{size} 字节"


def check_files(files: Sequence[File]) -> list[Checked]:
    """Every file checked; one ValidationError on ``files`` listing each refused file's reason."""
    files = [upload for upload in files if upload is not None]
    if len(files) > max_files():
        raise ValidationError(
            {"files": f"一次最多上传 {max_files()} 个文件，现有 {len(files)} 个，请分几次上传。"}
        )
    checked, errors = [], []
    for upload in files:
        try:
            checked.append(check_file(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"files": errors})
    return checked


def check_file(upload: File) -> Checked:
    """``upload`` as evidence, or a ValidationError saying in Chinese why it is refused."""
    shown = clean_name(getattr(upload, "name", "") or "")
    label = f"“{shown}”" if shown else "文件"
    size = upload.size if upload.size is not None else 0
    if size <= 0:
        raise ValidationError(f"{label}是空文件，请检查后重新选择。")
    if size > max_bytes():
        raise ValidationError(
            f"{label}有 {human_size(size)}，超过了 {human_size(max_bytes())} 的上限，请压缩或拆分后上传。"
        )
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(
            f"{label}不是允许的文件类型（{_what_it_is(upload)}）。佐证材料只能是{ALLOWED}。"
        )
    if kind in (Kind.JPG, Kind.PNG):
        _check_image(upload, label)
    elif kind == Kind.PDF:
        _check_pdf(upload, label, size)
    return Checked(upload=upload, kind=kind, name=display_name(shown, kind), size=size)


def detect_kind(upload: File) -> str | None:
    """The evidence kind of the file's content (None: not one we accept)."""
    head = _read(upload, 0, HEAD_BYTES)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.mime in _BY_MIME:
        return _BY_MIME[guess.mime]
    if guess.mime in _ZIP_MIMES:
        return _ooxml_kind(upload)
    return None


def _what_it_is(upload: File) -> str:
    head = _read(upload, 0, HEAD_BYTES)
    guess = filetype.guess(head)
    if head.startswith(_OLE_MAGIC) or (guess and guess.mime in _OLD_OFFICE_MIMES):
        return "旧版 Word/Excel 文件或加密的文档，请另存为 .docx/.xlsx 后上传"
    if guess and guess.mime in _ZIP_MIMES:
        return "压缩包或无法打开的 Office 文件"
    if guess is not None:
        return f"实际内容是 {guess.extension.upper()}"
    return "无法识别文件内容"


def _ooxml_kind(upload: File) -> str | None:
    """DOCX or XLSX when the ZIP is a real Office Open XML package of that kind. Only the central
    directory and [Content_Types].xml are read: nothing is decompressed beyond that."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            info = package.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
            if info is None or info.file_size > _CONTENT_TYPES_LIMIT:
                return None
            declared = package.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, RuntimeError):
        return None  # RuntimeError: an encrypted entry
    finally:
        upload.seek(0)
    for kind, (part, content_type) in _OOXML_MAIN.items():
        if part in names and content_type in declared:
            return kind
    return None


def _check_image(upload: File, label: str) -> None:
    """The picture opens and decodes to its last pixel (a cut-off upload fails here)."""
    broken = ValidationError(f"{label}是损坏或不完整的图片，无法打开，请重新导出后上传。")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(f"{label}的像素过大（{width}×{height}），请缩小后上传。")
            image.verify()  # structure and checksums (PNG CRCs)
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # the whole image data: truncation shows here
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise broken from None
    finally:
        upload.seek(0)


def _check_pdf(upload: File, label: str, size: int) -> None:
    """A PDF ends with %%EOF (readers look for it within the last 1 KB): a cut-off upload does not."""
    tail = _read(upload, max(0, size - 1024), 1024)
    if b"%%EOF" not in tail:
        raise ValidationError(f"{label}是不完整或损坏的 PDF 文件，请重新导出后上传。")


def _read(upload: File, offset: int, length: int) -> bytes:
    upload.seek(offset)
    data = upload.read(length)
    upload.seek(0)
    return bytes(data or b"")


# --- Names ----------------------------------------------------------------------------------------


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_EXTENSION_LIKE = re.compile(r"\.[a-z][a-z0-9]{1,4}")


def clean_name(name: str) -> str:
    """The last part of a path (browsers on Windows may send ``C:\\fakepath\\x.pdf``), without
    control or reserved characters, NFC, trimmed; never longer than NAME_LIMIT (the extension kept)."""
    name = unicodedata.normalize("NFC", str(name))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name)
    name = " ".join(name.split()).strip(" .")
    return _fit(name)


def display_name(name: str, kind: str) -> str:
    """The name shown and downloaded: the user's, with the extension of what the file really is
    (a PNG uploaded as ``照片.pdf`` downloads as ``照片.png``)."""
    path = PurePosixPath(name or "佐证材料")
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS[kind]:
        return _fit(path.name)
    # Replace what looks like another type's extension (.pdf, .txt); keep anything else
    # (``纪要2024.01`` becomes ``纪要2024.01.png``).
    stem = path.stem if _EXTENSION_LIKE.fullmatch(suffix) else path.name
    return _fit(f"{stem or '佐证材料'}{EXTENSIONS[kind][0]}")


def _fit(name: str) -> str:
    if len(name) <= NAME_LIMIT:
        return name
    path = PurePosixPath(name)
    suffix = path.suffix if len(path.suffix) <= 10 else ""
    return path.name[: NAME_LIMIT - len(suffix)].rstrip(" .") + suffix


# --- Storing --------------------------------------------------------------------------------------


def attach(note: ProgressNote, checked: Iterable[Checked], user, stored: list[str]) -> list[Evidence]:
    """Store each checked file under a random name and record it on ``note``. Each stored name is
    appended to ``stored`` as soon as the file is written, so that the caller can remove the files
    if its transaction rolls back (:func:`discard`)."""
    saved = []
    for item in checked:
        evidence = Evidence(note=note, name=item.name, kind=item.kind, size=item.size, uploaded_by=user)
        item.upload.seek(0)
        evidence.file.save(item.name, item.upload, save=False)
        stored.append(evidence.file.name)
        evidence.save()
        saved.append(evidence)
    return saved


def discard(names: Iterable[str]) -> None:
    """Remove files stored for a write that did not happen."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - a leftover file is harmless; the refusal must still reach the user
            logger.exception("未能删除未保存的佐证材料文件：%s", name)


def content_type(evidence: Evidence) -> str:
    return CONTENT_TYPES.get(evidence.kind, "application/octet-stream")
