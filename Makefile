# Regenboog Genk. `make run` serves the portal locally, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=true

.PHONY: run test smoke bench install messages lint format migrations-check makemessages css icons

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable ".[dev]"
	touch $@

install: $(VENV)/.installed

messages: install
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv --verbosity=0

run: messages
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py createcachetable
	$(DEV) $(PY) manage.py load_rainbow_plan
	$(DEV) $(PY) manage.py create_dev_staff
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

# Real calendar clients for the tests (ical.js on node; tests/clients/package-lock.json).
tests/clients/node_modules/.installed: tests/clients/package-lock.json
	cd tests/clients && npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

# The stylesheet: Bootstrap themed through its Sass variables (frontend/theme.scss), compiled
# into static/css/theme.min.css, which is committed (tests/site/test_theme.py compiles again).
frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

SASS_FLAGS := --style=compressed --no-source-map --load-path=node_modules --quiet-deps \
	--silence-deprecation=import --silence-deprecation=global-builtin \
	--silence-deprecation=color-functions

css: frontend/node_modules/.installed
	cd frontend && node_modules/.bin/sass $(SASS_FLAGS) theme.scss ../static/css/theme.min.css

# The SVG sprite of the icons the templates use (Bootstrap Icons), committed like the theme.
icons: frontend/node_modules/.installed
	$(PYTHON) frontend/build_icons.py

test: messages tests/clients/node_modules/.installed frontend/node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# The portal as in production (gunicorn, PostgreSQL, Redis), tested over HTTP: bin/production-smoke.
smoke: messages
	bin/production-smoke

# Queries, server time and throughput at two data sizes into docs/performance.md (long: see
# bin/bench for shorter runs). Not part of `make test` or CI.
bench: messages
	bin/bench

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

makemessages: install
	$(DEV) $(PY) manage.py makemessages $(addprefix --locale=,$(notdir $(wildcard locale/*))) --ignore=.venv --no-obsolete
