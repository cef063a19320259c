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
from datetime import timedelta
from pathlib import Path

import dj_database_url
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


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
    # Django's admin with the two-factor check of apps/security (SecureAdminSite) as its default site.
    "apps.security.apps.SecureAdminConfig",
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
    "apps.security.apps.AxesConfig",  # django-axes, named in Chinese
    "django_otp",
    "apps.security.apps.TOTPConfig",  # django_otp.plugins.otp_totp, named in Chinese
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
    "apps.backups",
    "apps.bundles",
    "apps.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Speed under load (issue 12): gzip for pages and JSON, after WhiteNoise (which compresses the
    # static files itself) and before everything that writes the body (apps/core/middleware.py).
    "apps.core.middleware.CompressedTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the session middleware: renews a working user's idle session (apps/security/sessions.py).
    "apps.security.sessions.IdleSessionMiddleware",
    # A script's request (fetch) after the session ended: 401 JSON instead of the login page's HTML.
    "apps.security.sessions.ExpiredSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check reads the body: an over-large request gets a clear 413, not an error page.
    "apps.security.limits.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A revision (who changed what) around each workspace autosave, after the CSRF check.
    "apps.history.recording.WorkspaceRevisionMiddleware",
    # Turns a login refused by django-axes into the Chinese locked-out page (apps/security/lockout.py).
    "axes.middleware.AxesMiddleware",
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

# New passwords (admin, password change): Django's own rules plus 等保's length and mix of character
# classes (apps/security/passwords.py). Existing and demo passwords are not re-checked.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "apps.security.passwords.MinimumLengthValidator",  # Django's, with a Chinese message
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "apps.security.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
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
    # Several installations sharing one Redis (or the two-app-server test) each need their own queue.
    "name": os.environ.get("HUEY_NAME", "").strip() or "reportbuilder",
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "utc": False,  # periodic tasks (the daily reminders) run on Beijing time
    "consumer": {"workers": int(os.environ.get("HUEY_WORKERS", "2")), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY["url"] = REDIS_URL
else:
    HUEY["filename"] = str(DATA_DIR / "huey.sqlite3")

# --- Background work (issue 12: the queue's tasks, apps/*/tasks.py) ---
# The hour (Beijing time, 0–23) the 整改台账's daily reminders go out (apps/ledger/tasks.py).
LEDGER_REMINDER_HOUR = int(os.environ.get("LEDGER_REMINDER_HOUR", "").strip() or 8)
# The hour of the nightly copy-index refresh (apps/checks/tasks.py): a quiet time, before work starts.
COPY_INDEX_HOUR = int(os.environ.get("COPY_INDEX_HOUR", "").strip() or 2)
# How long a 导出全部材料 zip stays downloadable before the hourly clean-up deletes it (apps/bundles).
BUNDLE_KEEP_HOURS = int(os.environ.get("BUNDLE_KEEP_HOURS", "").strip() or 24)

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "meetings:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

STATIC_URL = "static/"
# Where collectstatic writes (make serve); nginx serves it (deploy/reportbuilder.conf).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
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
        else "apps.core.staticfiles.GzipManifestStaticFilesStorage"
    },
}

# Serve from the finders too, so that a checkout without `collectstatic` (development, tests,
# browser tests) has its CSS; production runs collectstatic into STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
# DJANGO_STATIC_MANIFEST=0 (issue 12, the two-app-server test): pages link the unhashed names, served
# from the finders above, so a server runs with debug off without collectstatic, which takes minutes
# here (hashing and compressing ~1,600 files). Production keeps the manifest (cache-busting names).
if not env_bool("DJANGO_STATIC_MANIFEST", True):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_AUTOREFRESH = DEBUG
# Source maps and type declarations of the npm packages are never fetched by a browser here: no need
# to compress them (they are most of the bytes of pdf.js and Chart.js).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
    "mts",
    "ts",
]

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

# --- Serving for real (make serve, deploy/, the ops part of issue 12) ----------------------------------
# HTTPS is an explicit switch, off by default: the first `make serve` answers on plain
# http://127.0.0.1:8000, where Secure cookies never come back to the server and every login failed
# silently. Behind the HTTPS proxy (deploy/reportbuilder.conf) set DJANGO_HTTPS=1.
HTTPS = env_bool("DJANGO_HTTPS", False)
if HTTPS:
    # nginx terminates TLS and says so in X-Forwarded-Proto, overwriting whatever the client sent;
    # never set this without such a proxy in front, or a client could claim HTTPS itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Browsers remember HSTS for this long: start small (e.g. 3600) on a new domain, then a year.
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "").strip() or 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)

# A refused form says in Chinese what went wrong (cookie blocked, page open too long, another
# address) instead of Django's English 403 (apps/core/views.py).
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"

# One line per event on stderr (journald, docker logs), INFO and up; LOG_LEVEL=DEBUG for more.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "").strip().upper() or "INFO"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s [%(name)s] %(process)d %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # run_huey adds its own handler to a logger without one: give it ours, once.
        "huey": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        # WeasyPrint and fontTools narrate every PDF step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes announces itself on every start and every reset at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}

# SQLite with a web server's workers and a Huey worker writing at once: WAL lets readers go on during
# a write; IMMEDIATE takes the write lock when a transaction starts, so that two transactions that
# read then write wait for each other (busy timeout) instead of one failing at once with "database
# is locked" (a deferred transaction cannot wait for a lock it must upgrade).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"]["init_command"] += "; PRAGMA journal_mode = WAL"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = int(os.environ.get("SQLITE_BUSY_TIMEOUT", "") or 20)

# Every Huey consumer enqueues the periodic tasks (the daily reminders) by default: on several
# machines set HUEY_PERIODIC=0 on all workers but one, or the reminders go out once per worker.
HUEY["consumer"]["periodic"] = env_bool("HUEY_PERIODIC", True)

# ---- Security (issue 12, "Locked down": apps/security) ------------------------------------------------
# Login throttling (django-axes): AXES_FAILURE_LIMIT failed logins for one username from one address
# lock that pair out for AXES_COOLOFF_MINUTES; each refused try restarts the wait. An administrator
# unlocks early in the admin (访问尝试). The Chinese locked-out page says until when.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("AXES_COOLOFF_MINUTES", "").strip() or 15))
# Per username and address together: someone guessing from one machine cannot lock a colleague out of
# the whole office, and one address cannot try every account.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a right password forgets the earlier typos
AXES_LOCKOUT_CALLABLE = "apps.security.lockout.locked_out_response"
# The client's address behind nginx: TRUSTED_PROXY_IPS lists the proxy's own addresses (e.g. 127.0.0.1);
# only requests coming from one of them have their X-Forwarded-For read (its last entry, the address
# the proxy saw). Empty (the default, no proxy): REMOTE_ADDR, since anyone can send that header.
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS", "")
AXES_CLIENT_IP_CALLABLE = "apps.security.ip.client_ip"

# Idle sessions end after SESSION_IDLE_MINUTES without a request (等保). Working users' sessions are
# renewed as they go, at most once a minute (IdleSessionMiddleware) rather than with
# SESSION_SAVE_EVERY_REQUEST, which would add a session write to every autosave.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_IDLE_MINUTES", "").strip() or 30) * 60)

# Two-factor login for administrators (django-otp, TOTP): a staff user who set it up enters a 6-digit
# code after the password, and the admin site wants a verified session. ADMIN_REQUIRE_2FA=1 sends every
# staff user without a device to the setup page before the admin opens.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", False)
# The admin's device pages never show another administrator's secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "").strip() or "民主生活会材料"

# Content-Security-Policy (django-csp 4): no inline scripts anywhere; styles may be inline because
# Bootstrap and Chart.js set style attributes; pdf.js (预览) runs its worker from a blob in some browsers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page of the app uses these browser features; an injected script cannot either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
        "hid",
        "bluetooth",
        "xr-spatial-tracking",
    )
}

# Request bodies: DATA_UPLOAD_MAX_MEMORY_SIZE caps everything but uploaded files (form fields, JSON).
# The largest legitimate body is the import's review page (up to 10,000 fields, see above). Measured:
# 270 problems post 1,114 fields in 75 KB (67 bytes a field with short texts); a Chinese character costs
# 9 bytes URL-encoded, so a real 60-problem material of ~30,000 characters posts ~0.3 MB, and 10,000
# fields of ~100 characters ~9 MB. 10 MB (the import's own upload limit) keeps that margin. Files go to
# disk past FILE_UPLOAD_MAX_MEMORY_SIZE and are capped by LEDGER_EVIDENCE_MAX_BYTES and nginx's
# client_max_body_size. Too big: a Chinese 413 (apps/security/limits.py), not Django's bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)  # Django's 2.5 MB

# --- Export speed (issue 12, pdfspeed): the export cache and bounded PDF rendering -------------------
# Exported files are kept in the cache by a hash of their content, format and writers' version
# (apps/exports/export_cache.py): an unchanged document downloads again without rendering. TTL in
# seconds (0 turns the cache off); files above the size cap are not kept (Redis values stay small).
EXPORT_CACHE_ALIAS = os.environ.get("EXPORT_CACHE_ALIAS", "").strip() or "default"
EXPORT_CACHE_TTL = int(os.environ.get("EXPORT_CACHE_TTL", "") or 24 * 3600)
EXPORT_CACHE_MAX_BYTES = int(os.environ.get("EXPORT_CACHE_MAX_BYTES", "") or 5 * 1024 * 1024)
# At most this many PDF renders at a time per process (apps/exports/rendering.py): WeasyPrint is pure
# CPU and holds tens of MB per render; the others wait up to EXPORT_PDF_QUEUE_TIMEOUT seconds, then
# get a 503 "导出繁忙，请稍后重试" with Retry-After.
EXPORT_PDF_CONCURRENCY = max(1, int(os.environ.get("EXPORT_PDF_CONCURRENCY", "") or 2))
EXPORT_PDF_QUEUE_TIMEOUT = float(os.environ.get("EXPORT_PDF_QUEUE_TIMEOUT", "") or 30)
