# The commands people type. `make run` and `make test` install everything they need first, so a
# fresh Debian/Ubuntu machine needs nothing but this repository (and root or sudo for apt).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: CJK fonts and the HarfBuzz subsetter for WeasyPrint's PDFs (without
# libharfbuzz-subset0 a Chinese PDF takes ~20 s instead of <1 s), Pango for WeasyPrint, venv for Python.
# fonts-noto-color-emoji: an emoji pasted into a draft prints in the PDF instead of as a box (WeasyPrint
# draws its colour glyphs). The workspace still warns: Word files depend on the reader's fonts, and
# LibreOffice 7.4 with this font even drops a whole paragraph holding an emoji when it prints a .docx.
# fontconfig: fc-list tells which characters no installed font has (apps/exports/coverage.py).
APT_PACKAGES := python3-venv fonts-noto-cjk fonts-arphic-ukai fonts-noto-color-emoji fontconfig libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0

.PHONY: serve pdf-fonts help install test-install test-system-deps test-nginx system-deps python-deps frontend-deps migrate seed run test lint format bench loadtest clean

help:
	@echo "make run    安装依赖、迁移数据库、写入演示数据并启动 http://$(HOST):$(PORT)"
	@echo "make test   安装依赖并运行全部测试"
	@echo "make serve  生产方式运行：关闭调试、收集静态文件、迁移，启动 gunicorn 和后台任务进程（无演示数据）"
	@echo "make bench  导出速度基准（DOCX、PDF、XLSX，与 LibreOffice 对比）和撰写页面速度"
	@echo "make loadtest  负载测试：200名撰稿人、gunicorn、PostgreSQL、Redis，约5分钟（见 docs/performance.md）"

install: system-deps python-deps frontend-deps pdf-fonts

test-install: test-system-deps python-deps frontend-deps pdf-fonts test-nginx

# Only `make test` needs these: Debian's Chromium for the browser tests (Playwright drives it; its own
# browser download cannot work offline), libatomic1 for Playwright's bundled Node.js driver (the wheel ships
# a `node` binary linked against libatomic.so.1, which a minimal Debian lacks: without it every browser test
# errors), LibreOffice, the real client that opens our Word files, and for the nginx test (below) openssl,
# which makes its certificate, and the libraries Debian's nginx binary links against.
TEST_APT_PACKAGES := chromium libatomic1 libreoffice-writer-nogui openssl libssl3 libpcre2-8-0 zlib1g

# $(call ensure_apt,PACKAGES): install the Debian packages that are missing, as root or through sudo;
# without either, print the exact command to run and stop.
define ensure_apt
	@missing=""; \
	for pkg in $(1); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -z "$$missing" ]; then echo "system packages: all present"; exit 0; fi; \
	echo "system packages to install:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	else \
	  echo ""; echo "需要管理员权限安装系统软件包，请先运行："; \
	  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	  echo "然后重新运行 make。"; exit 1; \
	fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing
endef

system-deps:
	$(call ensure_apt,$(APT_PACKAGES))

test-system-deps:
	$(call ensure_apt,$(APT_PACKAGES) $(TEST_APT_PACKAGES))

# Debian's nginx for tests/deployment/test_nginx.py (our site file in a real nginx), unpacked into var/nginx,
# not installed: installing the package starts a system nginx on port 80 (invoke-rc.d in its postinst), on a
# developer's machine and in the CI's fresh root, which shares the host's network. A policy-rc.d that forbids
# starts would have to be put in place and removed around apt, and would still leave the service enabled for
# the next boot and /etc/nginx/sites-enabled/default behind. `apt-get download` needs no root and
# `dpkg-deb -x` runs no maintainer script: nothing outside var/nginx changes, and the test gives nginx its own
# prefix, configuration, pid and logs. Sandbox::User=root: as root apt would warn that its _apt user cannot
# write into the checkout (it downloads as root anyway). Ubuntu 22.04 ships the binary in nginx-core.
NGINX_DIR := var/nginx
APT_DOWNLOAD := apt-get download -qq -o APT::Sandbox::User=root
test-nginx: $(NGINX_DIR)/.installed

$(NGINX_DIR)/.installed: | test-system-deps
	rm -rf $(NGINX_DIR) && mkdir -p $(NGINX_DIR)/debs
	@# Stale or missing package lists (a machine where every package was already present): as root,
	@# refresh them once and try again.
	cd $(NGINX_DIR)/debs && { $(APT_DOWNLOAD) nginx nginx-common || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq && $(APT_DOWNLOAD) nginx nginx-common; }; } || \
	  { echo "apt-get download nginx 失败：请先运行 sudo apt-get update，然后重新运行 make。"; exit 1; }
	for deb in $(NGINX_DIR)/debs/*.deb; do dpkg-deb -x "$$deb" $(NGINX_DIR)/root; done
	test -x $(NGINX_DIR)/root/usr/sbin/nginx || \
	  { cd $(NGINX_DIR)/debs && $(APT_DOWNLOAD) nginx-core && dpkg-deb -x nginx-core_*.deb ../root; }
	rm -rf $(NGINX_DIR)/debs
	$(NGINX_DIR)/root/usr/sbin/nginx -v
	touch $@

python-deps: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Trimmed copies of the Noto CJK fonts (GB 2312 only) that make PDF exports about a third faster;
# made once from the installed fonts (apps/exports/fonts.py), about 20 s, and made again whenever the
# trimming code changes (--force: copies an older version wrote may be wrong, e.g. their CIDs).
pdf-fonts: .fonts/.installed

.fonts/.installed: apps/exports/fonts.py | python-deps system-deps
	$(PY) manage.py prepare_pdf_fonts --force
	touch $@

frontend-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --base-url http://$(HOST):$(PORT)

# The demo is the one place (with the tests) where debug is on: everything else runs with it off.
run seed: export DJANGO_DEBUG = 1

# A Huey worker beside the development server runs the background work (导出全部材料's zip, the daily
# reminders); it stops when runserver stops (Ctrl-C or an error), whichever way make exits.
run: seed
	$(PY) manage.py run_huey & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production on this machine (README, 生产部署): debug off, no demo data, the settings from the environment
# (e.g. `set -a; . /etc/reportbuilder/env; set +a; make serve`). collectstatic first: with debug off the
# pages need its manifest, and migrate refuses to start without it (system check reportbuilder.E001).
# gunicorn (deploy/gunicorn.conf.py) and the Huey consumer run side by side; when either stops, or on
# Ctrl-C, both are stopped (background jobs of a script ignore SIGINT, so the trap sends SIGTERM).
serve: export DJANGO_DEBUG = 0
serve: install
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	@echo "生产方式运行 http://$(HOST):$(PORT)（Ctrl-C 停止）"
	@$(PY) manage.py run_huey & worker=$$!; \
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py & web=$$!; \
	trap 'kill -TERM $$web $$worker 2>/dev/null' INT TERM; \
	wait -n $$web $$worker; status=$$?; \
	kill -TERM $$web $$worker 2>/dev/null; wait; exit $$status

test: test-install
	$(PY) -m pytest
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Export speed: DOCX, PDF and XLSX medians against their targets and against LibreOffice (when installed),
# in a throwaway database; also a cached re-download and a warm LibreOffice through unoserver.
bench: install uno-bench

# unoserver keeps one LibreOffice running: the fair comparison for our PDFs (apps/exports/benchuno.py).
# It needs LibreOffice's Python bridge, which Debian ships for /usr/bin/python3 only (python3-uno), so it
# gets a venv of its own with the system site packages. Only `make bench` uses it; if anything here fails
# the benchmark skips the comparison with a message.
UNO_VENV := var/uno-venv
UNO_APT_PACKAGES := python3-uno libreoffice-writer-nogui
.PHONY: uno-bench
uno-bench:
	-$(call ensure_apt,$(UNO_APT_PACKAGES))
	-test -x $(UNO_VENV)/bin/unoserver || \
	  (/usr/bin/python3 -m venv --system-site-packages $(UNO_VENV) && \
	   $(UNO_VENV)/bin/pip install --quiet unoserver==3.7)
	@# The page benchmarks render templates as production does (debug off), which needs the manifest.
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py bench_exports
	$(PY) manage.py bench_imports
	$(PY) manage.py bench_snippets
	$(PY) manage.py bench_history
	$(PY) manage.py bench_checks
	$(PY) manage.py bench_dashboards
	$(PY) manage.py bench_workspace

# Speed under load (docs/performance.md): locust in its own virtualenv (it brings gevent and Flask with
# their own pins, which must not move the app's packages); PostgreSQL and Redis on this machine.
LOADTEST_VENV := .venv-loadtest

$(LOADTEST_VENV)/.installed: loadtest/requirements.txt
	test -x $(LOADTEST_VENV)/bin/python || $(PYTHON) -m venv $(LOADTEST_VENV)
	$(LOADTEST_VENV)/bin/python -m pip install --quiet -r loadtest/requirements.txt
	touch $@

loadtest: install $(LOADTEST_VENV)/.installed
	bash loadtest/run.sh

lint: python-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: python-deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) $(LOADTEST_VENV) node_modules staticfiles .fonts .pytest_cache .ruff_cache $(NGINX_DIR)
