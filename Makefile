# Two commands do all the setup on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench bench-all packaging-check forms clean

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
## Where gnome-keyring is installed, the suite runs in its own D-Bus session with
## an unlocked keyring, so the Secret Service tests use the real thing.
test: $(STAMP)
	@if [ -z "$$DBUS_SESSION_BUS_ADDRESS" ] && command -v dbus-run-session >/dev/null 2>&1 \
	    && command -v gnome-keyring-daemon >/dev/null 2>&1; then \
	    dbus-run-session -- bash .ci/with-keyring $(BIN)/python -m pytest $(PYTEST_ARGS); \
	else \
	    $(BIN)/python -m pytest $(PYTEST_ARGS); \
	fi

## Compile the Qt Designer forms in ui/ into asb_desktop/gui/forms/ (committed;
## a test fails if they differ from what the forms compile to).
forms: $(STAMP)
	for f in ui/*.ui; do \
	    $(BIN)/pyside6-uic $$f -o asb_desktop/gui/forms/ui_$$(basename $$f .ui).py || exit 1; \
	done

## Lint, types and the Qt-free-core contract.
lint: $(STAMP)
	$(BIN)/ruff check asb_desktop tests bench
	$(BIN)/mypy asb_desktop
	$(BIN)/lint-imports

## Briefcase accepts or rejects briefcase.toml, offline (no templates fetched).
packaging-check: $(STAMP)
	$(BIN)/python packaging/briefcase.py dev --no-run --no-isolation --no-input

## Benchmarks print figures; they are not pass/fail tests.
## Like the tests, inside a D-Bus session with gnome-keyring where it is installed.
bench: $(STAMP)
	@if [ -z "$$DBUS_SESSION_BUS_ADDRESS" ] && command -v dbus-run-session >/dev/null 2>&1 \
	    && command -v gnome-keyring-daemon >/dev/null 2>&1; then \
	    dbus-run-session -- bash .ci/with-keyring $(MAKE) --no-print-directory bench-all; \
	else \
	    $(MAKE) --no-print-directory bench-all; \
	fi

bench-all: $(STAMP)
	for b in bench/*.py; do case $$b in */common.py|*/__init__.py|*/open_profile.py|*/review_window.py) ;; *) $(BIN)/python $$b || exit 1;; esac; done

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
