"""gunicorn's settings for `make serve` and deploy/reportbuilder-web.service (and the compose web service).

Every value can be overridden from the environment: HOST and PORT (the bind address), WEB_CONCURRENCY
(the number of workers), GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS; gunicorn itself reads
FORWARDED_ALLOW_IPS (whose X-Forwarded-* headers to believe; its default, the loopback, fits nginx on the
same machine) and GUNICORN_CMD_ARGS.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def default_workers() -> int:
    """2 × cores + 1 (gunicorn's rule: while one worker waits on the database another computes),
    capped at 8: a sync worker is a whole Django process, ~150 MB and ~250 MB after it has rendered a
    PDF, so the memory of the small servers units run on (2–4 cores, 4–8 GB) runs out before the CPU;
    the PDF renders themselves are CPU-bound and gain nothing from more workers than that. A larger
    server sets WEB_CONCURRENCY."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


wsgi_app = "reportbuilder.wsgi:application"
bind = f"{os.environ.get('HOST', '').strip() or '127.0.0.1'}:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", default_workers())
# Sync workers: gthread measured worse on these pages (CPU-bound template rendering holds the GIL), and
# a slow client costs nothing since nginx buffers requests and responses.
worker_class = "sync"
# A PDF of a long material under load took 6.3 s and an import of a large Word file a few seconds: 120 s
# kills only a truly stuck worker. nginx waits a little longer (proxy_read_timeout 130s).
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
# A worker is replaced after ~20,000 requests (jittered, so that they do not all restart at once): whatever
# memory WeasyPrint, fontTools or a big import left behind goes back to the system. Not much sooner: a
# new worker imports the app and compiles every template again, and at 1,000 the five workers of the
# 200-drafter load test restarted within seconds of each other, lifting the autosave p95 from 0.10 s to
# 3.7 s (docs/performance.md). 0 turns recycling off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20_000)
max_requests_jitter = max(1, max_requests // 10)
# Idle keep-alive seconds, for a threaded worker class: the sync workers ignore it and close every
# connection after its response (nginx then opens a connection per request: on a loopback or LAN, cheap).
keepalive = 5
# Heartbeat files in memory: a worker on a slow or full disk is not mistaken for a stuck one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - a directory, not a file
# Access log on stdout, errors on stderr (journald, docker logs); %(M)s is the time taken in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# No preloading: each worker opens its own database connections after the fork.
preload_app = False
