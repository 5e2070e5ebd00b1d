# The two commands a newcomer runs: `make run` and `make test`. Everything they need is set up here.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev chromium lint lock messages bench clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: requirements.lock pyproject.toml | $(VENV)/bin/python
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(VENV)/bin/python
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements-dev.lock
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate the SQLite file under var/, load ICAT's reference data, serve on :8000
run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py ensure_demo_account --url http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite on SQLite, then on PostgreSQL when one is reachable
test: install-dev chromium
	DATABASE_URL= $(PY) -m pytest
	@url="$$($(PY) scripts/postgres_url.py)"; \
	if [ -n "$$url" ]; then \
		echo "== PostgreSQL: $$url"; DATABASE_URL="$$url" $(PY) -m pytest; \
	else \
		echo "== PostgreSQL not reachable: the suite ran on SQLite only"; \
	fi

# Debian's chromium drives the browser tests; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

lint: install-dev
	$(VENV)/bin/ruff check .

## make lock: re-resolve the pinned dependencies after editing pyproject.toml
lock: | $(VENV)/bin/python
	$(UV) pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 -q -o requirements-dev.lock
	$(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -c requirements-dev.lock -o requirements.lock

messages: install
	$(PY) manage.py makemessages --all --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

bench: install-dev
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var test-results
