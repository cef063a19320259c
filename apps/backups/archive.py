"""One backup archive: the database and every file of the default storage, with a manifest.

The archive is a zip (random access: the manifest is read without unpacking the rest, and it can be
written last, once every file's digest is known): ``manifest.json``, ``database/db.sqlite3`` (SQLite's
online backup of the live database) or ``database/db.pgdump`` (``pg_dump --format=custom``), and
``files/<name>`` for each stored file under its storage name. The files go through Django's storage API,
so local media and an S3 bucket are backed up alike.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024
# Tables that `migrate` fills by itself (content types, permissions, the standard outlines, the stock
# phrases of the 体检): a freshly migrated database has rows there and is still "empty".
FILLED_BY_MIGRATIONS = {
    "contenttypes.contenttype",
    "auth.permission",
    "outlines.outlinetemplate",
    "outlines.aspect",
    "outlines.outlinesection",
    "checks.stockphrase",
}


class BackupError(Exception):
    """A refusal or failure, in Chinese, for the operator."""


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    sha256: str


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def storage_names(directory: str = "") -> Iterator[str]:
    """Every file of the default storage, recursively (an absent local media directory is empty)."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from storage_names(f"{directory}/{sub}" if directory else sub)


def _copy_hashing(source, target) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def pg_command(program: str) -> list[str]:
    """The client program with the connection of Django's database (the password goes in PGPASSWORD)."""
    params = connection.get_connection_params()
    command = [program, "--no-password", "--dbname", params.get("dbname") or connection.settings_dict["NAME"]]
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            command += [option, str(params[key])]
    return command


def pg_env() -> dict[str, str]:
    env = dict(os.environ)
    password = connection.settings_dict.get("PASSWORD")
    if password:
        env["PGPASSWORD"] = str(password)
    return env


def check_pg_client(program: str) -> None:
    """pg_dump refuses a server newer than itself; pg_restore reads dumps of its own version or older."""
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            f"找不到 {program}：请安装与数据库服务器同版本的 PostgreSQL 客户端（postgresql-client）。"
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    client_major = int(output.split()[-1].split(".")[0])
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise BackupError(
            f"{program} 的版本（{client_major}）低于数据库服务器（{server_major}）："
            f"请安装 PostgreSQL {server_major} 或更新版本的客户端。"
        )


def _dump_database(workdir: Path) -> Path:
    if connection.vendor == "sqlite":
        target = workdir / "db.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # The online backup API: a consistent copy of the live database, WAL included, while the
            # web and task processes go on writing.
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target
    if connection.vendor == "postgresql":
        check_pg_client("pg_dump")
        target = workdir / "db.pgdump"
        command = [
            *pg_command("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
        ]
        result = subprocess.run(command, capture_output=True, text=True, env=pg_env())  # noqa: S603
        if result.returncode:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
        return target
    raise BackupError(f"不支持备份 {connection.vendor} 数据库（只支持 SQLite 和 PostgreSQL）。")


def backup_write(*, path: Path) -> dict:
    """Write the archive to ``path`` (via a temporary file beside it) and return its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="reportbuilder-backup-") as workdir:
        migrations = applied_migrations()
        dump = _dump_database(Path(workdir))
        files: list[StoredFile] = []
        with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
            # The SQLite file shrinks a lot; a custom-format dump is compressed already.
            compress = zipfile.ZIP_DEFLATED if dump.suffix == ".sqlite3" else zipfile.ZIP_STORED
            archive.write(dump, f"database/{dump.name}", compress_type=compress)
            for name in storage_names():
                # Evidence files (PDF, JPEG, PNG, DOCX, XLSX) are compressed already: stored as they are.
                with (
                    default_storage.open(name, "rb") as source,
                    archive.open(FILES_PREFIX + name, "w", force_zip64=True) as target,
                ):
                    size, digest = _copy_hashing(source, target)
                files.append(StoredFile(name=name, size=size, sha256=digest))
            manifest = {
                "version": FORMAT_VERSION,
                "created": timezone.now().isoformat(),
                "django": django.get_version(),
                "database": {"vendor": connection.vendor, "member": f"database/{dump.name}"},
                "migrations": migrations,
                "files": [vars(f) for f in files],
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    os.replace(partial, path)
    return manifest


def non_empty_tables() -> dict[str, int]:
    """Rows per table of app data (anything `migrate` does not put there itself)."""
    tables = set(connection.introspection.table_names())
    counts: dict[str, int] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in FILLED_BY_MIGRATIONS or model._meta.db_table not in tables:
            continue
        if not model._meta.managed and not model._meta.auto_created:
            continue
        count = model._base_manager.count()
        if count:
            counts[model._meta.db_table] = count
    return counts
