"""Settings for reportbuilder.

Everything is read from the environment (see deploy/production.env.example for a production server).
With nothing set the app runs with debug OFF on an embedded SQLite file under the repo (``db.sqlite3``,
ignored by git); only ``make run`` (the demo) and the tests (reportbuilder/test_settings.py) turn debug
on. ``DATABASE_URL`` switches to PostgreSQL (or any database dj-database-url understands), ``REDIS_URL``
moves the cache, the sessions and the task queue to Redis: with both, any number of app servers and
workers share one state and no state lives in an app process.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Files the app writes outside the database on one machine: the generated secret key, the embedded
# task queue (huey.sqlite3) and the file cache. Several app servers share Redis and S3 instead.
DATA_DIR = Path(os.environ.get("DJANGO_DATA_DIR", "").strip() or BASE_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)


def secret_key() -> str:
    """DJANGO_SECRET_KEY; else the development key (debug only); else a random key kept in DATA_DIR,
    so that a single-machine `make serve` works out of the box and keeps its sessions across restarts.
    Several app servers must share one key: set DJANGO_SECRET_KEY on each."""
    key = os.environ.get("DJANGO_SECRET_KEY", "").strip()
    if key:
        return key
    if DEBUG:
        return "dev-only-insecure-key-reportbuilder"  # noqa: S105 - development default
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "reversion",
    "huey.contrib.djhuey",
    "apps.core",
    "apps.accounts",
    "apps.units",
    "apps.outlines",
    "apps.meetings",
    "apps.entries",
    "apps.exports",
    "apps.workspace",
    "apps.imports",
    "apps.snippets",
    "apps.checks",
    "apps.review",
    "apps.comments",
    "apps.history",
    "apps.notifications",
    "apps.ledger",
    "apps.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Speed under load (issue 12): gzip for pages and JSON, after WhiteNoise (which compresses the
    # static files itself) and before everything that writes the body (apps/core/middleware.py).
    "apps.core.middleware.CompressedTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: a revision (who changed what) around each workspace autosave, after the CSRF check.
    "apps.history.recording.WorkspaceRevisionMiddleware",
]

ROOT_URLCONF = "reportbuilder.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "reportbuilder.wsgi.application"

DATABASES = {
    # An empty DATABASE_URL (``DATABASE_URL= make test``) means "not set", not a broken URL.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections outside debug: opening one per request cost ~28 % of throughput.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "").strip() or (0 if DEBUG else 60)),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A 64 MB page cache and memory-mapped reads: a 素材库 search for a common word reads thousands
    # of rows, ~2x faster from memory than through SQLite's default 2 MB cache (apps/snippets/search).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Chinese for the few admin strings that Django's own catalogue leaves in English (see the .po file).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# E-mail notifications (apps/notifications) go out only when an SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10  # a stalled server must not hold a request for long
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The address the e-mails link to (e.g. https://shenghuohui.example.gov.cn); empty: paths only.
SITE_URL = os.environ.get("SITE_URL", "")

# Redis (REDIS_URL, e.g. redis://127.0.0.1:6379/0) holds the cache, the sessions' cache and the task
# queue when set; without it the cache is a directory under DATA_DIR, shared by the processes of one
# machine, and the queue an SQLite file there.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from Redis and written through to the database, so that a Redis restart (ours keeps
    # nothing on disk) logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    }

# Background work (apps/*/tasks.py) on Huey: Redis when REDIS_URL is set, else an SQLite file in
# DATA_DIR. `manage.py run_huey` is the worker (make run/serve start one); the tests run tasks
# immediately, in the request that queues them (HUEY_IMMEDIATE=1 in reportbuilder/test_settings.py).
HUEY = {
    "name": "reportbuilder",
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "utc": False,  # periodic tasks (the daily reminders) run on Beijing time
    "consumer": {"workers": int(os.environ.get("HUEY_WORKERS", "2")), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY["url"] = REDIS_URL
else:
    HUEY["filename"] = str(DATA_DIR / "huey.sqlite3")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "meetings:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages are installed from npm into node_modules by `make install` and served from
# there through staticfiles: nothing third-party is committed, nothing comes from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/sortablejs", NODE_MODULES / "sortablejs"),
    # pdf.js draws the exported PDF's pages in the 预览 step (the legacy build also runs in older
    # browsers of government intranets).
    ("vendor/pdfjs", NODE_MODULES / "pdfjs-dist" / "legacy" / "build"),
    # Chart.js draws the 统计看板's figures (apps/dashboards; static/js/dashboards.js).
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
# Uploaded files (the 整改台账's evidence, 佐证材料) go through Django's storage API: local files under
# MEDIA_ROOT by default, an S3-compatible object store (MinIO, a government cloud's OSS) when a bucket
# is named. They are never served from MEDIA_URL: every download goes through a permission-checked
# view (ledger:evidence), so nothing under MEDIA_ROOT may be published by the web server.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", "").strip() or BASE_DIR / "media")
MEDIA_URL = "media/"
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()


def default_storage_settings() -> dict:
    if not AWS_STORAGE_BUCKET_NAME:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty means "not set": boto3 then finds AWS's own endpoint, region and credentials.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", "").strip() or None,
            # MinIO and many intranet stores want path-style URLs (http://host/bucket/key).
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or None,
            "location": os.environ.get("AWS_LOCATION", "").strip(),
            # Private objects, never overwritten (every evidence file has a random name anyway).
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": default_storage_settings(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Serve from the finders too, so that a checkout without `collectstatic` (development, tests,
# browser tests) has its CSS; production runs collectstatic into STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The import's review page posts one field per text of the material it reviews: a long material has
# well over Django's default of 1,000 fields, and refusing it would lose the drafter's corrections.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# 整改台账 evidence (佐证材料): the largest file accepted and how many files one progress note takes.
LEDGER_EVIDENCE_MAX_BYTES = int(os.environ.get("LEDGER_EVIDENCE_MAX_BYTES", "") or 20 * 1024 * 1024)
LEDGER_EVIDENCE_MAX_FILES = int(os.environ.get("LEDGER_EVIDENCE_MAX_FILES", "") or 10)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Demo accounts are created only by `manage.py seed_demo`, never by migrations; production
# settings refuse to seed them unless explicitly allowed.
ALLOW_DEMO_SEED = env_bool("REPORTBUILDER_ALLOW_DEMO_SEED", DEBUG)

# PDF exports: font families per role, first installed one wins (a character missing from all of them
# still falls back to any installed CJK font). The defaults are the free fonts `make install` brings
# (fonts-noto-cjk, fonts-arphic-ukai); an installation that owns licensed fonts lists them first, e.g.
# EXPORT_PDF_FONT_BODY="仿宋_GB2312,Noto Serif CJK SC". Word files always name 仿宋_GB2312, 黑体,
# 楷体_GB2312 and 方正小标宋简体 for the reader's own fonts.
EXPORT_PDF_FONTS = {
    "title": env_list("EXPORT_PDF_FONT_TITLE", "Noto Serif CJK SC"),  # 小标宋
    "heading": env_list("EXPORT_PDF_FONT_HEADING", "Noto Sans CJK SC"),  # 黑体
    "kai": env_list("EXPORT_PDF_FONT_KAI", "AR PL UKai CN"),  # 楷体
    "body": env_list("EXPORT_PDF_FONT_BODY", "Noto Serif CJK SC"),  # 仿宋
    "number": env_list("EXPORT_PDF_FONT_NUMBER", "Noto Serif CJK SC"),  # 宋体 page numbers
}
# The free title font needs bold to look like 小标宋; a real 小标宋 is drawn at normal weight (400).
EXPORT_PDF_TITLE_WEIGHT = int(os.environ.get("EXPORT_PDF_TITLE_WEIGHT", "700"))
# Trimmed copies of the free Noto CJK faces (GB 2312 only), written by `make install`
# (manage.py prepare_pdf_fonts); PDFs fall back to the system fonts for anything else.
EXPORT_PDF_FONT_CACHE = Path(os.environ.get("EXPORT_PDF_FONT_CACHE", BASE_DIR / ".fonts"))

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
