# Kohtaanto — the two commands a newcomer needs:  make demo   and   make test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BROKER := $(PY) -m deploy.kafka.broker
DEMO := $(PY) -m deploy.demo

.PHONY: help setup broker broker-stop test-tools test test-fast lint demo demo-stop bench bench-quality bench-faults clean

help:
	@echo "make demo         broker + three services + demo data; prints where to look"
	@echo "make demo-stop    stop the demo services and the broker"
	@echo "make test         the whole test suite (sets everything up on a fresh machine)"
	@echo "make test-fast    unit and API tests only (no broker, no PostgreSQL, no browser)"
	@echo "make bench        speed benchmark, in-process and over HTTP (docs/benchmarks.md)"
	@echo "make bench-quality  ranking and recognition quality benchmark"
	@echo "make bench-faults   the fault-injection suite at large sizes (docs/reliability.md)"
	@echo "make lint         ruff, mypy and the import-linter contracts"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

broker: $(STAMP)
	$(BROKER) start

broker-stop: $(STAMP)
	$(BROKER) stop

test-tools:
	bash deploy/ensure-test-tools.sh

test: $(STAMP) test-tools
	$(PY) -m deploy.kafka.broker fetch
	$(PY) -m pytest -p no:cacheprovider

test-fast: $(STAMP)
	$(PY) -m pytest tests/unit tests/api -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy shared services
	$(VENV)/bin/lint-imports

demo: $(STAMP)
	$(BROKER) start
	$(DEMO) up

demo-stop: $(STAMP)
	$(DEMO) down
	$(BROKER) stop

bench: $(STAMP)
	$(PY) -m benchmarks.speed
	$(PY) -m benchmarks.http_speed

bench-quality: $(STAMP)
	$(PY) -m benchmarks.quality

bench-faults: $(STAMP) test-tools
	$(PY) -m deploy.kafka.broker fetch
	mkdir -p var
	KOHTAANTO_FAULTS_SCALE=large KOHTAANTO_FAULTS_REPORT=var/faults-large.json \
		nice -n 10 $(PY) -m pytest -p no:cacheprovider tests/faults -v

clean:
	rm -rf .cache var .demo .pytest_cache
