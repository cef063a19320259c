"""What an export context is made of: plain frozen dataclasses, so templates, writers and tests read
the same values."""

from dataclasses import dataclass
from typing import ClassVar

from apps.exports.documents import DocumentRef


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style: ``body`` (仿宋), ``kai`` (楷体 run-in heading) or
    ``strong`` (bold 仿宋 lead sentence such as ``一是…。`` or ``1.…。``)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Heading:
    """Level 1, printed in 黑体: ``一、存在的主要问题``."""

    text: str
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Subheading:
    """Level 2 on its own line, printed in 楷体: ``（一）……方面``."""

    text: str
    kind: ClassVar[str] = "subheading"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (first line indented two characters). ``placeholder`` marks the text the
    exporter wrote for a part of the outline that is still empty (``【待补充：…】``)."""

    runs: tuple[Run, ...]
    placeholder: bool = False
    kind: ClassVar[str] = "paragraph"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


Block = Heading | Subheading | Paragraph


@dataclass(frozen=True)
class SignatureLine:
    """One line of the signature block, right-aligned ``right_chars`` characters in from the right."""

    text: str
    right_chars: float


@dataclass(frozen=True)
class TextDocument:
    ref: DocumentRef
    title: str
    title_lines: tuple[str, ...]
    author: str  # the line under the title of a personal material, else ""
    blocks: tuple[Block, ...]
    signature: tuple[SignatureLine, ...]
    file_stem: str
    unit_name: str
    is_sheet: ClassVar[bool] = False

    @property
    def text(self) -> str:
        """Everything printed, one block a line: for search, counts and tests."""
        lines = [*self.title_lines, self.author, *(block.text for block in self.blocks)]
        lines += [line.text for line in self.signature]
        return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # spreadsheet column width (about two units per Chinese character)
    kind: str = "text"  # "text", "date" or "number"


@dataclass(frozen=True)
class SheetDocument:
    ref: DocumentRef
    title: str
    sheet_name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    file_stem: str
    unit_name: str
    is_sheet: ClassVar[bool] = True


ExportContext = TextDocument | SheetDocument
