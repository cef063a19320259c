"""restore refuses, in Chinese and before changing anything, what it cannot restore faithfully."""

import hashlib
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.backups.archive import applied_migrations

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def archive(tmp_path, *, vendor=None, migrations=None, content=PDF, digest=None):
    path = tmp_path / "backup.zip"
    manifest = {
        "version": 1,
        "created": "2026-01-05T08:00:00+08:00",
        "database": {"vendor": vendor or connection.vendor, "member": "database/db.sqlite3"},
        "migrations": applied_migrations() if migrations is None else migrations,
        "files": [
            {"name": "evidence/a.pdf", "size": len(PDF), "sha256": digest or hashlib.sha256(PDF).hexdigest()}
        ],
    }
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("database/db.sqlite3", b"")
        zipped.writestr("files/evidence/a.pdf", content)
        zipped.writestr("manifest.json", json.dumps(manifest))
    return path


def refusal(path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))
    return str(refused.value)


@pytest.mark.django_db
def test_a_damaged_file_is_refused_before_anything_is_restored(tmp_path, media):
    message = refusal(archive(tmp_path, content=PDF.replace(b"1.4", b"1.5")))
    assert "备份文件已损坏" in message and "evidence/a.pdf" in message
    assert not (media / "evidence" / "a.pdf").exists()


@pytest.mark.django_db
def test_other_migrations_are_refused_and_named(tmp_path):
    migrations = applied_migrations()
    dropped = migrations.pop()
    message = refusal(archive(tmp_path, migrations=migrations))
    assert "迁移与备份时不同" in message and f"{dropped[0]}.{dropped[1]}" in message


@pytest.mark.django_db
def test_another_kind_of_database_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    assert "只能恢复到同一种数据库" in refusal(archive(tmp_path, vendor=other))


@pytest.mark.django_db
def test_a_database_with_data_is_refused(tmp_path, drafter):
    message = refusal(archive(tmp_path))
    assert "目标数据库已有数据" in message and "auth_user" in message


@pytest.mark.django_db
def test_files_already_in_the_storage_are_refused(tmp_path, media):
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "a.pdf").write_bytes(b"older")
    assert "文件存储中已有" in refusal(archive(tmp_path))
    assert (media / "evidence" / "a.pdf").read_bytes() == b"older"


def test_a_file_that_is_no_archive_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("不是备份")
    assert "不是有效的备份文件" in refusal(path)
    assert "找不到备份文件" in refusal(tmp_path / "missing.zip")
