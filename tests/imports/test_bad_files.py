"""Files that cannot be imported each get their own Chinese message, and nothing in the database
changes: the command refuses them before it writes."""

import io
import zipfile

import docx
import pytest
from django.core.management import CommandError, call_command
from msoffcrypto.format.ooxml import OOXMLFile

from apps.entries.models import Problem
from apps.imports.errors import ImportRefused
from apps.imports.reading import MAX_UPLOAD_BYTES, read_upload
from apps.imports.reading.wordfile import MAX_PART_BYTES
from tests.imports.wordfiles import save

CHINESE_TEXT = "一、存在的主要问题\n（一）学习方面。一是学得不深。"


def word_file(text: str = CHINESE_TEXT) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    return save(document)


def encrypted_docx() -> bytes:
    """A real password-protected .docx (ECMA-376 agile encryption, made offline)."""
    output = io.BytesIO()
    OOXMLFile(io.BytesIO(word_file())).encrypt("secret", output)
    return output.getvalue()


def zip_bomb() -> bytes:
    """document.xml declaring and decompressing to more than the cap: 31 MB of zeros in ~30 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(MAX_PART_BYTES // len(chunk) + 1):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 200_000
    return data


def corrupt_zip() -> bytes:
    """The compressed bytes of document.xml damaged (a bad sector, a broken download)."""
    data = bytearray(word_file("一、存在的主要问题\n" * 200))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo("word/document.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra) + 20
    data[start : start + 60] = bytes(60)
    return bytes(data)


def truncated_zip() -> bytes:
    data = word_file()
    return data[: len(data) // 2]


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def old_doc() -> bytes:
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 2000


CASES = {
    "not a docx": ("a.docx", lambda: "一、存在的问题".encode(), "这不是 Word 文档（.docx）"),
    "corrupt zip": ("a.docx", corrupt_zip, "文件已损坏"),
    "truncated zip": ("a.docx", truncated_zip, "文件已损坏"),
    "zip bomb": ("a.docx", zip_bomb, "解压后过大"),
    "password": ("a.docx", encrypted_docx, "文件设置了打开密码"),
    "20 MB": ("a.docx", lambda: b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024), "文件超过 10 MB"),
    "empty": ("a.docx", lambda: b"", "文件是空的"),
    "english": ("a.txt", lambda: b"Problems found: the team studied too little.\n" * 20, "主要不是中文"),
    "english docx": (
        "a.docx",
        lambda: word_file("Problems found.\nThe team studied too little."),
        "主要不是中文",
    ),
    ".doc": ("a.doc", old_doc, "另存为 .docx"),
    ".doc named .docx": ("a.docx", old_doc, "另存为 .docx"),
    "wrong extension": ("a.pdf", lambda: b"%PDF-1.4 ...", "只能导入 Word 文档（.docx）或纯文本文件（.txt）"),
    "not word": ("a.docx", zip_without_document, "不是 Word 文档"),
    "bad xml": ("a.docx", lambda: _zip_with("word/document.xml", b"<w:document><unclosed>"), "文件已损坏"),
    "entities": ("a.docx", lambda: _zip_with("word/document.xml", BILLION_LAUGHS), "没有文字内容"),
}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""


def _zip_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_file_is_refused_with_its_message(case):
    name, make, message = CASES[case]
    with pytest.raises(ImportRefused) as refused:
        read_upload(name, make())
    assert message in refused.value.message


def test_entities_are_not_expanded():
    """The billion-laughs file is refused (no text, since entities are not resolved), never expanded."""
    with pytest.raises(ImportRefused) as refused:
        read_upload("a.docx", CASES["entities"][1]())
    assert "lol" not in refused.value.message


def test_the_upload_limit_is_ten_megabytes():
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024


@pytest.mark.parametrize("case", ["password", "zip bomb", "english", ".doc named .docx"])
def test_the_command_refuses_and_writes_nothing(meeting_2021, tmp_path, case):
    name, make, message = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    before = Problem.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import_report", str(path), "--meeting", str(meeting_2021.pk))
    assert message in str(refused.value)
    assert Problem.objects.count() == before
