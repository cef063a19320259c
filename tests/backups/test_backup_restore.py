"""`manage.py backup` and `manage.py restore` as an operator runs them: the demo data and an evidence file
backed up from one database, restored into a fresh migrated one, compared table by table and file by file
(SQLite always; PostgreSQL when DATABASE_URL is PostgreSQL)."""

import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.processes import manage, migrated_sqlite, production_env

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# An evidence file on the first measure of the demo, through the model (the storage names it).
ADD_EVIDENCE = """
from django.core.files.base import ContentFile
from apps.entries.models import Measure
from apps.ledger.models import Evidence, ProgressNote
note = ProgressNote.objects.create(measure=Measure.objects.order_by("pk").first(), text="已整改")
Evidence.objects.create(note=note, file=ContentFile(PDF, name="x.pdf"), name="整改报告.pdf", kind="pdf",
                        size=len(PDF))
"""


def fill(env: dict[str, str]) -> None:
    manage({**env, "REPORTBUILDER_ALLOW_DEMO_SEED": "1"}, "seed_demo")
    manage(env, "shell", "-c", f"PDF = {PDF!r}\n{ADD_EVIDENCE}")


def files_of(media: Path) -> dict[str, bytes]:
    return {str(p.relative_to(media)): p.read_bytes() for p in sorted(media.rglob("*")) if p.is_file()}


def sqlite_tables(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        names = [
            n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        return {name: sorted(map(repr, db.execute(f'SELECT * FROM "{name}"'))) for name in names}  # noqa: S608


def postgresql_tables(url: str) -> dict[str, list]:
    import psycopg

    with psycopg.connect(url) as db:
        names = [
            n
            for (n,) in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
            )
        ]
        tables = {name: sorted(map(repr, db.execute(f'SELECT * FROM "{name}"'))) for name in names}  # noqa: S608
        tables["(sequences)"] = list(
            db.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
        )
        return tables


def backup_and_restore(source_env, target_env, tmp_path) -> Path:
    archive = tmp_path / "backup" / "reportbuilder.zip"
    result = manage(source_env, "backup", str(archive))
    assert "已备份到" in result.stdout
    manage(target_env, "migrate", "--noinput", "-v0")
    result = manage(target_env, "restore", str(archive))
    assert "已恢复" in result.stdout
    return archive


def assert_same_files(source_env, target_env):
    source, target = (
        files_of(Path(source_env["DJANGO_MEDIA_ROOT"])),
        files_of(Path(target_env["DJANGO_MEDIA_ROOT"])),
    )
    assert len(source) == 1 and list(source.values()) == [PDF]
    assert source == target


def test_sqlite_backup_restores_every_table_and_file(tmp_path, tmp_path_factory):
    source_env = production_env(tmp_path / "source")
    migrated_sqlite(tmp_path_factory, tmp_path / "source" / "db.sqlite3")
    fill(source_env)
    target_env = production_env(tmp_path / "target")
    archive = backup_and_restore(source_env, target_env, tmp_path)

    source, target = (
        sqlite_tables(tmp_path / "source" / "db.sqlite3"),
        sqlite_tables(tmp_path / "target" / "db.sqlite3"),
    )
    assert len(source["auth_user"]) == 6 and len(source["ledger_evidence"]) == 1
    assert source == target
    assert_same_files(source_env, target_env)

    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    assert manifest["database"]["vendor"] == "sqlite"
    assert ["ledger", "0001_initial"] in manifest["migrations"]
    [entry] = manifest["files"]
    assert entry["size"] == len(PDF) and entry["sha256"] == hashlib.sha256(PDF).hexdigest()

    # A second restore into the now full database is refused, in Chinese, and changes nothing.
    refused = manage(target_env, "restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "目标数据库已有数据" in refused.stderr
    assert sqlite_tables(tmp_path / "target" / "db.sqlite3") == target


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="DATABASE_URL is not PostgreSQL"
)
def test_postgresql_backup_restores_every_table_and_file(tmp_path):
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = [f"rb_backup_source_{os.getpid()}", f"rb_backup_target_{os.getpid()}"]
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source_url, target_url = (f"{base}/{name}" for name in names)
        source_env = production_env(tmp_path / "source", DATABASE_URL=source_url)
        target_env = production_env(tmp_path / "target", DATABASE_URL=target_url)
        manage(source_env, "migrate", "--noinput", "-v0")
        fill(source_env)
        archive = backup_and_restore(source_env, target_env, tmp_path)
        with zipfile.ZipFile(archive) as zipped:
            assert json.loads(zipped.read("manifest.json"))["database"]["vendor"] == "postgresql"
            assert "database/db.pgdump" in zipped.namelist()

        source, target = postgresql_tables(source_url), postgresql_tables(target_url)
        assert len(source["auth_user"]) == 6 and len(source["ledger_evidence"]) == 1
        assert source == target
        assert_same_files(source_env, target_env)
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
