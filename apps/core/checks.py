"""System checks for serving the app for real."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.files.storage import storages


@register(deploy=True)
def static_manifest_check(app_configs=None, **kwargs) -> list[Error]:
    """With debug off the templates name static files by their hashed names, read from the manifest
    that collectstatic writes: without it every page is a 500.

    A deployment check (`check --deploy`), and the WSGI application refuses to start on it
    (reportbuilder/wsgi.py): as an ordinary check it stopped every management command run with debug
    off before collectstatic, e.g. `make test`'s prepare_pdf_fonts on a fresh checkout."""
    if settings.DEBUG:
        return []
    storage = storages["staticfiles"]
    manifest_name = getattr(storage, "manifest_name", None)
    if manifest_name is None or not hasattr(storage, "manifest_storage"):
        return []  # not a manifest storage: plain names need no manifest
    if storage.manifest_storage.exists(manifest_name):
        return []
    return [
        Error(
            f"静态文件清单 {settings.STATIC_ROOT / manifest_name} 不存在："
            "关闭调试模式后每个页面都会出错（500）。"
            f" / The static files manifest is missing: with DEBUG off every page would fail.",
            hint="请先运行 python manage.py collectstatic --noinput（make serve 会自动运行）。"
            " / Run `python manage.py collectstatic --noinput` (make serve does).",
            id="reportbuilder.E001",
        )
    ]
