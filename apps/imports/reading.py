"""Source files to lines of text (contract; the real implementation replaces these bodies).

``read_upload`` takes an uploaded ``.docx`` or ``.txt`` and returns its paragraphs as lines, with the
visible number of Word's automatic numbering put back in front of each numbered paragraph; anything
that cannot be read raises :class:`apps.imports.errors.ImportRefused` with a Chinese message."""

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def read_upload(name: str, data: bytes) -> list[str]:
    raise NotImplementedError


def read_pasted(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
