# Kohtaanto — the two commands a newcomer needs:  make demo   and   make test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BROKER := $(PY) -m deploy.kafka.broker
DEMO := $(PY) -m deploy.demo

.PHONY: help setup broker broker-stop test-tools test test-fast lint demo demo-restart demo-stop bench bench-quality \
	bench-faults config-docs translations clean test-postgres-all

# Every target has a "## what it does" comment: `make help` lists them (a test checks none is missing).
help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/make \1\t\2/' | expand -t 22

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## the virtualenv .venv with the project and its pinned dependencies

# The broker runs on BROKER_PORT when given, else on the port it last ran on (.kafka/broker.port: the
# demo's BROKER_PORT), else 19092; it is stopped by its pid, whatever its port.
broker: $(STAMP) ## start the local Kafka broker (BROKER_PORT, else its last port, else 19092; fetched once)
	$(BROKER) start $(if $(BROKER_PORT),--port $(BROKER_PORT))

broker-stop: $(STAMP) ## stop the local Kafka broker (the demo's too, on whatever port it runs)
	$(BROKER) stop

test-tools: ## install what the tests need from Debian (PostgreSQL, Chromium, docker-compose, ...)
	bash deploy/ensure-test-tools.sh

# Parallel test processes (pytest-xdist): one per core; tests sharing a server run in one process
# (tests/conftest.py).  make test TEST_WORKERS=1   runs them one after another in one process.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

test: $(STAMP) test-tools ## the whole test suite (sets everything up on a fresh machine)
	$(PY) -m deploy.kafka.broker fetch
	$(PY) -m tests.prepare
	$(PY) -m pytest -p no:cacheprovider $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup)

# The API tests marked storage_independent run on SQLite only in `make test`; this runs every API test's
# PostgreSQL half (tests/api/conftest.py).
test-postgres-all: $(STAMP) test-tools ## every API test on PostgreSQL too (the opt-in halves included)
	KOHTAANTO_TEST_POSTGRES_ALL=1 $(PY) -m pytest -p no:cacheprovider tests/api -m postgres $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup)

test-fast: $(STAMP) ## unit and API tests: no broker, no browser; the API tests' PostgreSQL half starts one
	$(PY) -m pytest tests/unit tests/api -q

lint: $(STAMP) ## ruff, mypy and the import-linter contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy shared services
	$(VENV)/bin/lint-imports

# Other ports (e.g. beside another demo):  make demo DEMO_PORTS="9101 9102 9103" BROKER_PORT=29192
DEMO_PORTS ?=
BROKER_PORT ?=

demo: $(STAMP) ## broker + three services + demo data; prints where to look
	$(BROKER) start $(if $(BROKER_PORT),--port $(BROKER_PORT))
	$(DEMO) up $(if $(DEMO_PORTS),--ports $(DEMO_PORTS))

# One service of the running demo:  make demo-restart SERVICE=matching   (vacancy, profile, matching)
SERVICE ?=

demo-restart: $(STAMP) ## restart one demo service (SERVICE=matching) without re-preparing anything
	@test -n "$(SERVICE)" || { echo "make demo-restart SERVICE=vacancy|profile|matching"; exit 2; }
	$(DEMO) restart $(SERVICE)

demo-stop: $(STAMP) ## stop the demo services and the broker
	$(DEMO) down
	$(BROKER) stop

bench: $(STAMP) ## speed benchmark, in-process and over HTTP (docs/benchmarks.md)
	$(PY) -m benchmarks.speed
	$(PY) -m benchmarks.http_speed

bench-quality: $(STAMP) ## ranking and recognition quality benchmark (docs/benchmarks.md)
	OPENBLAS_NUM_THREADS=1 $(PY) -m benchmarks.ranking_quality
	$(PY) -m benchmarks.quality
	$(PY) -m benchmarks.recognition

bench-faults: $(STAMP) test-tools ## the fault-injection suite at large sizes (docs/reliability.md)
	$(PY) -m deploy.kafka.broker fetch
	mkdir -p var
	KOHTAANTO_FAULTS_SCALE=large KOHTAANTO_FAULTS_REPORT=var/faults-large.json \
		nice -n 10 $(PY) -m pytest -p no:cacheprovider tests/faults -v

config-docs: $(STAMP) ## regenerate the README's configuration table from the settings declarations
	$(PY) -m deploy.configuration --write

translations: $(STAMP) ## extract UI messages (babel.cfg) and update the fi/sv/en catalogues in shared/translations
	$(VENV)/bin/pybabel extract -F babel.cfg -k lazy_gettext --no-location --sort-output \
		--project Kohtaanto --copyright-holder Kohtaanto -o shared/translations/messages.pot .
	$(VENV)/bin/pybabel update -i shared/translations/messages.pot -d shared/translations \
		--width 110 --ignore-obsolete
	$(VENV)/bin/pybabel compile -d shared/translations --statistics  # .mo are git-ignored: apps compile at start
	@echo "Translate every new or fuzzy msgstr in shared/translations/*/LC_MESSAGES/messages.po (tests check)."

clean: ## remove caches, local databases and the demo's state (.cache var .demo)
	rm -rf .cache var .demo .pytest_cache
