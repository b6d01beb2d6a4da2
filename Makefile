# Two commands do all the setup on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Start the app. With no profile yet, it offers a demo profile (never mixed into a real one).
run: $(STAMP)
	$(BIN)/asb-desktop $(ARGS)

## The whole test suite (core tests run without Qt imported; GUI tests offscreen).
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Lint, types and the Qt-free-core contract.
lint: $(STAMP)
	$(BIN)/ruff check asb_desktop tests bench
	$(BIN)/mypy asb_desktop
	$(BIN)/lint-imports

## Benchmarks print figures; they are not pass/fail tests.
bench: $(STAMP)
	$(BIN)/python bench/store.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
