# Both targets make their own virtualenv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install clean

$(BIN)/mrx: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(BIN)/mrx

install: $(BIN)/mrx

run: install
	$(BIN)/mrx extract samples --format jsonl -o out/samples.jsonl
	@echo "records written to out/samples.jsonl"

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out
