# Two entry points: `make demo` (set up, run the built-in example) and `make test` (set up, run the tests).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,model,stance,scale,postgres]'
	touch $@

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/onrecord --db demo.db demo

lint: install
	$(BIN)/ruff check onrecord tests benchmarks scripts
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) *.egg-info demo.db*
