# The two commands of the README. Everything runs from the project's own .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint benchmark clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

build: $(STAMP)
	mkdir -p warehouse
	$(BIN)/dbt build
	@echo ""
	@echo "Warehouse: $${ATELIER_DUCKDB_PATH:-warehouse/atelier.duckdb}"
	@echo "Try: $(BIN)/python -c \"import duckdb; print(duckdb.connect('$${ATELIER_DUCKDB_PATH:-warehouse/atelier.duckdb}', read_only=True).sql('select business_name, kpi_id, period_start, value, benchmark_tier from marts.kpi_scorecard where period_grain = \\\\'year\\\\' order by 1, 2, 3'))\""

test: lint
	$(BIN)/python -m pytest

# Python: ruff (lint + format) and mypy; SQL: sqlfluff with the dbt templater (.sqlfluff),
# which compiles the models against a throwaway database (never the published warehouse).
lint: $(STAMP)
	$(BIN)/ruff check atelier pytests
	$(BIN)/ruff format --check atelier pytests
	$(BIN)/mypy atelier
	ATELIER_DUCKDB_PATH=$$(mktemp -d)/lint.duckdb $(BIN)/sqlfluff lint models tests analyses --processes 2

benchmark: $(STAMP)
	$(BIN)/atelier benchmark --businesses 300 --json benchmark.json

clean:
	rm -rf target logs warehouse
