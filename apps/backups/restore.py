"""Bring a backup archive (apps/backups/archive.py) back into a migrated, empty database.

Refuses, before changing anything, unless: the archive is whole (every file's size and SHA-256 as the
manifest says), it comes from the same kind of database, the target is migrated to exactly the same
migrations as the source was, the target holds no app data and the storage none of the archive's files.

The database comes back whole, not row by row: on SQLite the online backup API copies the archived
database over the target's; on PostgreSQL ``pg_restore --clean --if-exists --single-transaction`` drops
and recreates every object of the dump in the target. Both give exactly the source's rows, sequences,
triggers (the guards of apps/core/guards.py) and migration records. A data-only restore into the
migrated schema would collide with the rows `migrate` puts there itself (content types, permissions,
the standard outlines) and fire the guards in the middle of the load. The migration check first makes
sure the program that runs after the restore expects this schema.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

from apps.backups.archive import (
    CHUNK,
    FILES_PREFIX,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    applied_migrations,
    check_pg_client,
    non_empty_tables,
    pg_command,
    pg_env,
)

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("这不是本系统的备份文件：缺少 manifest.json。") from None
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"备份文件格式版本为 {manifest.get('version')}，本程序只能恢复版本 {FORMAT_VERSION}。"
        )
    return manifest


def _check_target(manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"备份来自 {VENDORS.get(vendor, vendor)} 数据库，而当前数据库是 "
            f"{VENDORS.get(connection.vendor, connection.vendor)}：只能恢复到同一种数据库。"
        )
    if "django_migrations" not in connection.introspection.table_names():
        raise BackupError("目标数据库还没有迁移：请先运行 python manage.py migrate，再恢复。")
    here = {tuple(m) for m in applied_migrations()}
    there = {tuple(m) for m in manifest["migrations"]}
    if here != there:
        missing = ", ".join(f"{a}.{n}" for a, n in sorted(there - here)) or "无"
        extra = ", ".join(f"{a}.{n}" for a, n in sorted(here - there)) or "无"
        raise BackupError(
            "目标数据库的迁移与备份时不同，不能恢复。"
            f"备份有而本机没有的迁移：{missing}；本机有而备份没有的迁移：{extra}。"
            "请使用与备份时相同版本的程序，新建数据库并运行 migrate 后再恢复。"
        )
    tables = non_empty_tables()
    if tables:
        listed = "、".join(f"{table}（{count} 行）" for table, count in sorted(tables.items())[:5])
        more = f"等 {len(tables)} 个表" if len(tables) > 5 else ""
        raise BackupError(
            f"目标数据库已有数据：{listed}{more}。为免覆盖现有数据，恢复只写入刚迁移的空数据库："
            "请新建一个数据库（或删除 SQLite 文件），运行 python manage.py migrate，再恢复。"
        )
    present = [f["name"] for f in manifest["files"] if default_storage.exists(f["name"])]
    if present:
        raise BackupError(
            f"文件存储中已有备份里的 {len(present)} 个文件（如 {present[0]}）：请换一个空的存储位置后再恢复。"
        )


def _verify(archive: zipfile.ZipFile, manifest: dict) -> None:
    names = set(archive.namelist())
    if manifest["database"]["member"] not in names:
        raise BackupError("备份文件不完整：缺少数据库。")
    for entry in manifest["files"]:
        member = FILES_PREFIX + entry["name"]
        if member not in names:
            raise BackupError(f"备份文件不完整：缺少文件 {entry['name']}。")
        digest = hashlib.sha256()
        size = 0
        with archive.open(member) as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
            raise BackupError(f"备份文件已损坏：文件 {entry['name']} 的大小或校验值与清单不符。")


def _restore_database(archive: zipfile.ZipFile, manifest: dict, workdir: Path) -> None:
    dump = Path(archive.extract(manifest["database"]["member"], workdir))
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()  # nothing cached from the database as it was
        return
    check_pg_client("pg_restore")
    connection.close()  # our own connection must not hold locks on the tables pg_restore drops
    command = [
        *pg_command("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        str(dump),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=pg_env())  # noqa: S603
    if result.returncode:
        raise BackupError(f"pg_restore 失败，数据库未改动：{result.stderr.strip()}")


def _restore_files(archive: zipfile.ZipFile, manifest: dict) -> None:
    for entry in manifest["files"]:
        with archive.open(FILES_PREFIX + entry["name"]) as source:
            saved = default_storage.save(entry["name"], File(source, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(f"文件 {entry['name']} 被存成了 {saved}：存储里已有同名文件。")


def restore_archive(*, path: Path) -> dict:
    """Check, then restore the database and the files of the archive at ``path``; return its manifest."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"找不到备份文件 {path}。") from None
    except zipfile.BadZipFile:
        raise BackupError(f"{path} 不是有效的备份文件（不是 zip 文件，或已损坏）。") from None
    with archive, tempfile.TemporaryDirectory(prefix="reportbuilder-restore-") as workdir:
        manifest = read_manifest(archive)
        _check_target(manifest)
        _verify(archive, manifest)
        _restore_database(archive, manifest, Path(workdir))
        _restore_files(archive, manifest)
    return manifest
