"""Exported files kept by a hash of what they print, so that an unchanged document downloads again
without rendering (a 12-page PDF costs ~0.2–0.3 s of CPU; a cache hit a few milliseconds).

The key is a SHA-256 of
- the export context's content (every field of the frozen dataclasses, serialised deterministically:
  whatever prints is in it, so one changed character gives another key),
- the format,
- the version of the writers: a hash of the writers' and templates' sources, of the WeasyPrint
  and Typst versions and, for PDFs, of the font settings and the trimmed font files; a deploy with new
  formatting or other fonts therefore never serves a file made by the old code.

Privacy: the viewer is not in the key, and need not be. Where a document depends on who downloads
it (the 整改台账 lists the personal materials' measures the viewer may read), the context differs,
so two viewers who see different content get different keys; two who see the same content share
the same file, which is exactly what each of them may read. A key can only be computed by building
the context, i.e. after the view's permission checks.

Storage: Django's cache (``settings.EXPORT_CACHE_ALIAS``, the default cache): Redis in production,
shared by every app server, and a file cache under DATA_DIR on one machine; both expire entries by
themselves (``EXPORT_CACHE_TTL``) and evict under pressure, which default storage (S3) would leave
to a clean-up job of our own. Files larger than ``EXPORT_CACHE_MAX_BYTES`` are not kept.
"""

import dataclasses
import datetime
import decimal
import enum
import hashlib
import json
import logging
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path

import weasyprint
from django.conf import settings
from django.core.cache import caches

from apps.exports.context import ExportContext
from apps.exports.documents import ExportFile, Format

logger = logging.getLogger(__name__)

KEY_PREFIX = "exports:file:v1:"
APP_DIR = Path(__file__).resolve().parent
# Everything that decides how a context prints. Modules are named explicitly (not the whole app):
# the views or this module changing must not throw the cache away.
WRITER_SOURCES = (
    APP_DIR / "docx_writer.py",
    APP_DIR / "pdf_writer.py",
    APP_DIR / "xlsx_writer.py",
    APP_DIR / "fonts.py",
    APP_DIR / "rendering.py",
    APP_DIR / "typesetting.py",
    APP_DIR / "documents.py",
    APP_DIR / "templatetags" / "exports.py",
)
TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "exports"


def _jsonable(value: object) -> object:
    """``json.dumps``'s ``default``: the few non-JSON values a context holds, each tagged so that
    ``date(2024, 1, 2)`` and the text ``"2024-01-02"`` cannot give the same bytes."""
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"__decimal__": str(value)}
    raise TypeError(f"export context value of type {type(value).__name__} has no stable form")


def _plain(value: object) -> object:
    """Dataclasses as ``[class name, {field: value}]`` (the class name matters: a Heading and a
    Subheading of the same text print differently), tuples as lists, enums as their values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return [type(value).__name__, fields]
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def serialise(context: ExportContext) -> bytes:
    """The context's content as canonical JSON bytes (sorted keys, no whitespace)."""
    return json.dumps(
        _plain(context), default=_jsonable, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def writer_files() -> list[Path]:
    """The files that decide how a context prints: the writers' modules and the export templates
    (HTML, stylesheets and the Typst template of the text PDFs)."""
    templates = [path for path in TEMPLATE_DIR.rglob("*") if path.suffix in (".html", ".css", ".typ")]
    return [*WRITER_SOURCES, *sorted(templates)]


@cache
def _sources_digest() -> str:
    """Hash of the writers' sources and templates and of the two PDF engines' versions, once per
    process (a deploy restarts it)."""
    digest = hashlib.sha256(f"{weasyprint.__version__} typst {package_version('typst')}".encode())
    for path in writer_files():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _pdf_settings() -> bytes:
    """The settings a PDF depends on: font stacks, title weight, trimmed font files (present,
    size and modification time: `make pdf-fonts` rewrites them)."""
    from apps.exports import fonts

    trimmed = []
    for face, path in fonts.available_faces():
        stat = path.stat()
        trimmed.append((face.file_name, stat.st_size, stat.st_mtime_ns))
    values = {
        "fonts": getattr(settings, "EXPORT_PDF_FONTS", {}),
        "title_weight": getattr(settings, "EXPORT_PDF_TITLE_WEIGHT", 700),
        "trimmed": trimmed,
    }
    return json.dumps(values, sort_keys=True, default=str).encode()


def writers_version(fmt: Format) -> str:
    digest = hashlib.sha256(_sources_digest().encode())
    if fmt == Format.PDF:
        digest.update(_pdf_settings())
    return digest.hexdigest()


def cache_key(context: ExportContext, fmt: Format) -> str:
    digest = hashlib.sha256()
    for part in (str(fmt).encode(), writers_version(fmt).encode(), serialise(context)):
        digest.update(len(part).to_bytes(8, "big"))  # length-prefixed: no two splits collide
        digest.update(part)
    return KEY_PREFIX + digest.hexdigest()


def _cache():
    return caches[getattr(settings, "EXPORT_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return int(getattr(settings, "EXPORT_CACHE_TTL", 0)) > 0


def get(key: str) -> ExportFile | None:
    """The cached file or None; a cache that is down is a miss, never an error."""
    try:
        value = _cache().get(key)
    except Exception:  # noqa: BLE001 - a broken cache only costs a render
        logger.warning("export cache unavailable, rendering", exc_info=True)
        return None
    if isinstance(value, tuple) and len(value) == 3:
        return ExportFile(*value)
    return None


def put(key: str, exported: ExportFile) -> None:
    if len(exported.content) > int(getattr(settings, "EXPORT_CACHE_MAX_BYTES", 0)):
        return
    try:
        _cache().set(key, tuple(exported), timeout=int(settings.EXPORT_CACHE_TTL))
    except Exception:  # noqa: BLE001 - the file is already made; the next download renders again
        logger.warning("export cache unavailable, not stored", exc_info=True)
