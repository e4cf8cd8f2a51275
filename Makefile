# The two commands: `make demo` and `make test`. Both set up everything they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test setup system-packages lint bench tour clean

demo: setup
	$(PY) -m kiosk demo

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

setup: $(STAMP)

system-packages:
	@bash deploy/system-packages.sh

$(STAMP): pyproject.toml deploy/system-packages.sh $(wildcard kiosk/translations/*.ts)
	@bash deploy/system-packages.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m kiosk.i18n build
	@touch $(STAMP)

# The lint gate (CI runs it after the tests): style, formatting, types, import rules.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: setup
	$(PY) benchmarks/decode.py

tour: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m kiosk tour --out tour-out

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
