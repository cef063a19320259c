"""Evidence files (佐证材料): the type told by the content, never the name; size and count limits;
empty, broken and disguised files refused with a Chinese reason; real images, PDFs and Office files
uploaded over HTTP and downloaded back byte-identical, as attachments under their Chinese names, to
those who may read the measure only; the storage backend switched to S3 by a setting."""

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from apps.entries.models import Material
from apps.ledger import evidence, services
from apps.ledger.models import Evidence
from tests.ledger.measure_cast import *  # noqa: F403  (the cast's fixtures)
from tests.ledger.measure_cast import COMPLETED_ON, jpeg_bytes, pdf_bytes, png_bytes, upload

Kind = Evidence.Kind


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("整改落实情况报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "整改台账"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        evidence.check_file(upload(name, content))
    return error.value.messages[0]


# --- What passes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("现场照片.png", png_bytes, Kind.PNG),
        ("会议照片.JPG", jpeg_bytes, Kind.JPG),
        ("验收报告.pdf", pdf_bytes, Kind.PDF),
        ("整改报告.docx", docx_bytes, Kind.DOCX),
        ("台账.xlsx", xlsx_bytes, Kind.XLSX),
    ],
)
def test_real_files_pass_with_their_kind_and_name(name, make, kind):
    content = make()
    checked = evidence.check_file(upload(name, content))
    assert (checked.kind, checked.name, checked.size) == (kind, name, len(content))


def test_the_kind_comes_from_the_content_and_the_name_follows_it():
    assert evidence.check_file(upload("照片.pdf", png_bytes())).kind == Kind.PNG
    assert evidence.check_file(upload("照片.pdf", png_bytes())).name == "照片.png"
    assert evidence.check_file(upload("扫描件", pdf_bytes())).name == "扫描件.pdf"
    assert evidence.check_file(upload("纪要2024.01", jpeg_bytes())).name == "纪要2024.01.jpg"


# --- What is refused ------------------------------------------------------------------------------


def test_a_text_file_renamed_to_pdf_is_refused():
    message = refusal("整改报告.pdf", "这是一段文字，不是PDF。".encode())
    assert message.startswith("“整改报告.pdf”不是允许的文件类型")
    assert "PDF、JPEG/PNG 图片、Word（.docx）或 Excel（.xlsx）文件" in message


def test_a_program_renamed_to_pdf_is_refused_and_named_for_what_it_is():
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    assert "实际内容是 EXE" in refusal("报告.pdf", program)


def test_an_old_word_file_is_refused_with_what_to_do():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert "另存为 .docx/.xlsx" in refusal("报告.docx", ole)


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes({"readme.txt": b"hello"}),
        zip_bytes({"word/document.xml": b"<w:document/>"}),  # no [Content_Types].xml
        zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        b"PK\x03\x04" + b"\x00" * 100,  # a ZIP header and nothing behind it
    ],
    ids=["plain-zip", "no-content-types", "main-part-not-declared", "broken-zip"],
)
def test_a_zip_that_is_not_a_real_office_file_is_refused(content):
    assert "不是允许的文件类型" in refusal("报告.docx", content)


def test_broken_images_and_pdfs_are_refused():
    png = png_bytes((400, 300))
    assert "损坏或不完整的图片" in refusal("截断.png", png[: len(png) // 2])
    jpeg = jpeg_bytes()
    assert "损坏或不完整的图片" in refusal("截断.jpg", jpeg[:200])
    assert "不完整或损坏的 PDF" in refusal("截断.pdf", pdf_bytes()[:400])


def test_an_empty_file_is_refused():
    assert refusal("空白.pdf", b"") == "“空白.pdf”是空文件，请检查后重新选择。"


def test_an_oversized_file_is_refused_by_the_setting(settings):
    settings.LEDGER_EVIDENCE_MAX_BYTES = 1000
    assert refusal("大图.png", png_bytes((300, 300)) + b"\x00" * 1000).endswith(
        "超过了 1000 字节 的上限，请压缩或拆分后上传。"
    )
    assert evidence.check_file(upload("小图.png", png_bytes((4, 4)))).kind == Kind.PNG


def test_the_default_limit_is_twenty_megabytes():
    assert django_settings.LEDGER_EVIDENCE_MAX_BYTES == 20 * 1024 * 1024
    assert evidence.human_size(evidence.max_bytes()) == "20 MB"


def test_too_many_files_at_once_are_refused(settings):
    settings.LEDGER_EVIDENCE_MAX_FILES = 2
    with pytest.raises(ValidationError) as error:
        evidence.check_files([upload(f"{n}.png", png_bytes()) for n in range(3)])
    assert error.value.message_dict["files"] == ["一次最多上传 2 个文件，现有 3 个，请分几次上传。"]


def test_every_refused_file_is_named_at_once():
    with pytest.raises(ValidationError) as error:
        evidence.check_files([upload("a.pdf", b"x"), upload("b.png", b""), upload("c.png", png_bytes())])
    messages = error.value.message_dict["files"]
    assert len(messages) == 2 and messages[0].startswith("“a.pdf”") and messages[1].startswith("“b.png”")


def test_file_names_are_cleaned_and_kept_within_200_characters():
    assert evidence.clean_name("C:\\fakepath\\整改\x00报告.pdf") == "整改报告.pdf"
    assert evidence.clean_name("../../etc/passwd") == "passwd"
    assert evidence.clean_name('  会议 "纪要"  .pdf ') == "会议 纪要 .pdf"
    long = evidence.clean_name("很" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


# --- Upload and download over HTTP ----------------------------------------------------------------


def _upload_over_http(client, measure, user, name: str, content: bytes) -> Evidence:
    client.force_login(user)
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]),
        {"noted_on": "2031-03-01", "text": "附上佐证材料。", "files": [upload(name, content)]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Evidence.objects.get(name=name)


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("现场照片.png", png_bytes, "image/png"),
        ("会议照片.jpg", jpeg_bytes, "image/jpeg"),
        ("验收报告（终稿）.pdf", pdf_bytes, "application/pdf"),
    ],
)
def test_an_uploaded_file_downloads_back_byte_identical(
    client, measure, owner, media, name, make, content_type
):
    content = make()
    item = _upload_over_http(client, measure, owner, name, content)
    stored = Path(media) / item.file.name
    assert stored.read_bytes() == content and name not in str(stored)  # a random name on disk
    response = client.get(reverse("ledger:evidence", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"evidence.{item.kind}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_several_files_go_with_one_note(client, measure, owner):
    client.force_login(owner)
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]),
        {
            "noted_on": "2031-03-01",
            "text": "附上佐证材料。",
            "files": [upload("一.png", png_bytes()), upload("二.pdf", pdf_bytes())],
        },
    )
    assert response.status_code == 302
    assert list(measure.progress_notes.get().evidence.values_list("name", flat=True)) == ["一.png", "二.pdf"]


def test_a_refused_upload_shows_the_reason_on_the_field_and_keeps_the_text(client, measure, owner):
    client.force_login(owner)
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]),
        {"noted_on": "2031-03-01", "text": "我写的进展不能丢。", "files": [upload("假.pdf", b"plain text")]},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "“假.pdf”不是允许的文件类型" in html and "我写的进展不能丢。" in html
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "role", ["owner", "drafter", "member", "secretary", "supervisor", "organisation", "admin"]
)
def test_readers_of_the_meeting_download_the_team_materials_evidence(client, cast, measure, owner, role):
    item = _upload_over_http(client, measure, owner, "照片.png", png_bytes())
    client.force_login(cast[role])
    assert client.get(reverse("ledger:evidence", args=[item.pk])).status_code == 200


def test_outsiders_and_anonymous_users_get_no_file(client, cast, measure, owner):
    item = _upload_over_http(client, measure, owner, "照片.png", png_bytes())
    url = reverse("ledger:evidence", args=[item.pk])
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(cast["outsider"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("ledger:evidence", args=[item.pk + 1000])).status_code == 404


def test_a_personal_materials_evidence_is_404_to_those_who_cannot_read_it(client, cast, meeting, unit, owner):
    personal = Material.objects.create(meeting=meeting, member=unit.members.get(user=owner))
    from apps.entries import services as entry_services

    own = entry_services.measure_add(material=personal, headline="带头学", owner=personal.member)
    services.note_add(
        measure=own, user=owner, text="附件", noted_on=COMPLETED_ON, files=[upload("个人.png", png_bytes())]
    )
    url = reverse("ledger:evidence", args=[Evidence.objects.get().pk])
    for role in ("supervisor", "member", "organisation"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 404, role
    for role in ("owner", "drafter", "secretary"):
        client.force_login(cast[role])
        assert client.get(url).status_code == 200, role


def test_a_file_missing_from_storage_is_a_404_not_an_error(client, measure, owner, media):
    item = _upload_over_http(client, measure, owner, "照片.png", png_bytes())
    (Path(media) / item.file.name).unlink()
    assert client.get(reverse("ledger:evidence", args=[item.pk])).status_code == 404


def test_stored_files_are_not_served_from_media_url(client, measure, owner):
    item = _upload_over_http(client, measure, owner, "照片.png", png_bytes())
    assert client.get("/" + django_settings.MEDIA_URL + item.file.name).status_code == 404


# --- Storage backend ------------------------------------------------------------------------------


def _storage_class(**env: str) -> str:
    """The class of default_storage in a fresh process with ``env`` (settings are read at start)."""
    code = "\n".join(
        [
            "import django",
            "django.setup()",
            "from django.core.files.storage import default_storage as d",
            "d._setup()",
            "print(type(d._wrapped).__module__ + '.' + type(d._wrapped).__name__)",
            "print(getattr(d._wrapped, 'bucket_name', ''), getattr(d._wrapped, 'endpoint_url', ''))",
        ]
    )
    environ = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    environ.update(DJANGO_SETTINGS_MODULE="reportbuilder.settings", **env)
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


def test_files_are_local_by_default_and_in_s3_when_a_bucket_is_set():
    assert _storage_class().splitlines()[0] == "django.core.files.storage.filesystem.FileSystemStorage"
    s3 = _storage_class(
        AWS_STORAGE_BUCKET_NAME="zhenggai",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_REGION_NAME="cn-north-1",
    ).splitlines()
    assert s3 == ["storages.backends.s3.S3Storage", "zhenggai http://127.0.0.1:9000"]
