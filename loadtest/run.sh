#!/usr/bin/env bash
# `make loadtest`: a fresh PostgreSQL database seeded with 50 units and 200 drafters, gunicorn on
# loopback with debug off, Redis for the cache and the sessions, then locust's simulated drafters
# for a bounded time. Everything it starts, it stops. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-200}
DURATION=${DURATION:-260}       # seconds of load: the ramp (USERS/SPAWN s), LOADTEST_SETTLE (40 s), then what is measured
SPAWN=${SPAWN:-2}               # drafters started per second (each logs in: a password check is ~0.4 s of CPU)
WORKERS=${WORKERS:-5}
PORT=${LOADTEST_PORT:-8765}
PG=${LOADTEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}
DB=${LOADTEST_DB:-rb_loadtest}
REDIS=${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/3}

# Bounded: this is a benchmark on the machine it runs on, not a way to flood anything.
[[ $USERS =~ ^[0-9]+$ && $USERS -ge 1 && $USERS -le 500 ]] || { echo "USERS: 1 到 500"; exit 2; }
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 10 && $DURATION -le 600 ]] || { echo "DURATION: 10 到 600 秒"; exit 2; }
[[ $DB == *loadtest* ]] || { echo "LOADTEST_DB 的名称须含 loadtest（该库会被删除重建）"; exit 2; }

RUN=var/loadtest
mkdir -p "$RUN"
export DJANGO_DEBUG=0 DATABASE_URL="$PG/$DB" REDIS_URL="$REDIS" DJANGO_DATA_DIR="$RUN"
export LOADTEST_PLAN="$RUN/plan.json"

if [[ ${REUSE:-0} == 1 && -f $LOADTEST_PLAN ]]; then
  # Another run on the same data (the drafters read their cards' revisions from the page).
  echo "== 数据库 $DB：沿用上次的负载测试数据 / reusing the last run's data"
else
  echo "== 数据库 $DB：重建并写入负载测试数据 / recreating and seeding the load-test database"
  psql "$PG/postgres" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "CREATE DATABASE \"$DB\""
  redis-cli -u "$REDIS" flushdb >/dev/null
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py seed_loadtest --plan "$LOADTEST_PLAN"
  rm -f staticfiles/staticfiles.json
fi
# Debug off serves the collected, hashed static files (a few minutes on a busy machine: kept for REUSE).
[[ -f staticfiles/staticfiles.json ]] || .venv/bin/python manage.py collectstatic --noinput -v0

echo "== gunicorn (deploy/gunicorn.conf.py) -w $WORKERS on 127.0.0.1:$PORT"
# The production settings of make serve, with the worker count and port of this run; its access log
# goes to a file, not over locust's figures.
HOST=127.0.0.1 PORT="$PORT" WEB_CONCURRENCY="$WORKERS" .venv/bin/gunicorn -c deploy/gunicorn.conf.py \
  --pid "$RUN/gunicorn.pid" >"$RUN/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break
  sleep 0.2
done

echo "== locust: $USERS 名撰稿人，每秒启动 $SPAWN 名，持续 $DURATION 秒 / drafters, spawn rate, seconds"
uptime
.venv-loadtest/bin/locust -f loadtest/locustfile.py --headless --only-summary \
  -u "$USERS" -r "$SPAWN" -t "${DURATION}s" --stop-timeout 10 \
  --host "http://127.0.0.1:$PORT" --csv "$RUN/stats"
