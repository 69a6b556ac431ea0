# make demo: set up, then run the main job on the bundled demo newsroom.
# make test: set up with the test tools, then lint, type-check and pass the tests.
# make bench: measure speed against the tools users would otherwise pick; writes docs/performance.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

# tests/ is no package: pytest puts each test's own folder and tests/ on sys.path, so each folder is
# type-checked as a root of its own (in one run, its three conftest.py would be one module three times).
TEST_FOLDERS := $(sort $(dir $(wildcard tests/*.py tests/*/*.py tests/*/*/*.py)))

.PHONY: demo test lint typecheck pytest score bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/newsprism demo

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/mypy scripts
	for folder in $(TEST_FOLDERS); do MYPYPATH=$$folder:tests:scripts $(BIN)/mypy $$folder*.py || exit 1; done
	$(BIN)/pytest

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

score: $(TEST_STAMP)
	$(BIN)/python scripts/score_analysis.py --check
	$(BIN)/python scripts/score_coverage.py --check
	$(BIN)/python scripts/score_casualties.py --check
	$(BIN)/python scripts/score_grouping.py --gva check --check
	$(BIN)/python scripts/sample_gaps.py --check
	$(BIN)/python scripts/sample_conflicts.py --check

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache newsprism-demo
