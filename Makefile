# One target each for setup, the demo (main job on the bundled examples), tests, lint and benchmarks.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= govreport.db

.PHONY: setup demo test lint bench clean

setup: $(BIN)/govreport

$(BIN)/govreport: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/govreport

demo: setup
	$(BIN)/govreport ingest examples/ --db $(DB)
	$(BIN)/govreport reports --db $(DB)
	$(BIN)/govreport facts --db $(DB) --region 青禾市 --period target
	$(BIN)/govreport track --db $(DB)

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check govreport tests benchmarks

bench: setup
	$(BIN)/python benchmarks/throughput.py --stages
	$(BIN)/python benchmarks/scale.py --reports 1000

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm test-output
