# Both targets make their own virtualenv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install clean

$(BIN)/mrx: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@# the distribution was called mrx before (a name taken on the public index)
	$(BIN)/pip uninstall -q -y mrx 2>/dev/null || true
	$(BIN)/pip install -q -e ".[test]"
	touch $(BIN)/mrx

install: $(BIN)/mrx

run: install
	$(BIN)/mrx extract samples --format jsonl -o out/samples.jsonl
	@echo "records written to out/samples.jsonl"
	@echo "the mrx command: .venv/bin/mrx (or 'source .venv/bin/activate' to have mrx on the PATH)"

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out

# Issue 9: the PERSON / ORG model shipped in extractor/data/ner_model (docs/NER.md).
# Generates the corpus, trains on CPU (~15 min), packages model-best, prints the figures.
.PHONY: train-ner
train-ner: install
	$(BIN)/pip install -q -r training/requirements.txt
	$(BIN)/python training/generate.py --out training/corpus
	$(BIN)/python -m spacy train training/configs/ner.cfg --output training/output
	$(BIN)/python training/package_model.py training/output/model-best
	$(BIN)/python training/evaluate.py
