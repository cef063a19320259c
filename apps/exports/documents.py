"""Which documents a meeting exports, in which formats, and what their files are called.

A document is named by a short reference that the shell and the URLs share:
``team``, ``member:ID`` (``member-ID`` in URLs), ``situation``, ``ledger`` and ``opinions``.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    TEAM = "team"
    MEMBER = "member"
    SITUATION = "situation"
    LEDGER = "ledger"
    OPINIONS = "opinions"


class Format(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    XLSX = "xlsx"


# Text documents go to Word and PDF; the two lists go to a spreadsheet only.
FORMATS: dict[Kind, tuple[Format, ...]] = {
    Kind.TEAM: (Format.DOCX, Format.PDF),
    Kind.MEMBER: (Format.DOCX, Format.PDF),
    Kind.SITUATION: (Format.DOCX, Format.PDF),
    Kind.LEDGER: (Format.XLSX,),
    Kind.OPINIONS: (Format.XLSX,),
}

LABELS: dict[Kind, str] = {
    Kind.TEAM: "班子对照检查材料",
    Kind.MEMBER: "个人对照检查材料",
    Kind.SITUATION: "情况报告",
    Kind.LEDGER: "整改台账",
    Kind.OPINIONS: "征求意见汇总",
}

CONTENT_TYPES: dict[Format, str] = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

USAGE = "team、member:成员ID、situation、ledger 或 opinions"


class ExportFile(NamedTuple):
    """What every exporter returns and the view and the command only pass on."""

    filename: str
    content_type: str
    content: bytes


class DocumentError(ValueError):
    """A document reference or format that cannot exist (``ledger`` as PDF, ``member:abc`` …)."""


class DocumentNotFound(LookupError):
    """A well-formed reference to something the meeting does not have (another unit's member …)."""


@dataclass(frozen=True)
class DocumentRef:
    kind: Kind
    member_id: int | None = None

    @property
    def formats(self) -> tuple[Format, ...]:
        return FORMATS[self.kind]

    @property
    def is_sheet(self) -> bool:
        return Format.XLSX in self.formats

    @property
    def slug(self) -> str:
        """The form used in URLs: ``member-7``."""
        return f"{self.kind}-{self.member_id}" if self.kind == Kind.MEMBER else str(self.kind)

    def __str__(self) -> str:
        return f"{self.kind}:{self.member_id}" if self.kind == Kind.MEMBER else str(self.kind)


_MEMBER = re.compile(r"member[:\-](\d{1,18})")


def parse_document(value: str | DocumentRef) -> DocumentRef:
    """``"team"`` → DocumentRef(TEAM); ``"member:7"`` or ``"member-7"`` → DocumentRef(MEMBER, 7)."""
    if isinstance(value, DocumentRef):
        return value
    text = (value or "").strip().lower()
    match = _MEMBER.fullmatch(text)
    if match:
        return DocumentRef(Kind.MEMBER, int(match.group(1)))
    if text in {kind.value for kind in Kind} and text != Kind.MEMBER:
        return DocumentRef(Kind(text))
    raise DocumentError(f"无法识别的文件类型“{value}”，应为 {USAGE}。")


def parse_format(ref: DocumentRef, value: str) -> Format:
    """The format, if ``ref`` can be written in it; else :class:`DocumentError` naming the ones it can."""
    text = (value or "").strip().lower().lstrip(".")
    if text in {fmt.value for fmt in Format} and Format(text) in ref.formats:
        return Format(text)
    allowed = "、".join(fmt.value for fmt in ref.formats)
    raise DocumentError(f"{LABELS[ref.kind]}不能导出为“{value}”，只能导出为 {allowed}。")


_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


def safe_file_name(stem: str, fmt: Format | str) -> str:
    """A file name every system accepts: no path separators, reserved characters or blanks."""
    stem = _UNSAFE_IN_FILE_NAMES.sub("", stem).strip(".") or "导出文件"
    return f"{stem[:120]}.{fmt}"
