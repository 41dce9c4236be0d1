# Both targets make their own virtualenv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install clean chromium ocr-libs

$(BIN)/mrx: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@# the distribution was called mrx before (a name taken on the public index)
	$(BIN)/pip uninstall -q -y mrx 2>/dev/null || true
	$(BIN)/pip install -q -e ".[test]"
	touch $(BIN)/mrx

install: $(BIN)/mrx

run: install ocr-libs
	$(BIN)/mrx extract samples --format jsonl -o out/samples.jsonl
	@echo "records written to out/samples.jsonl"
	$(BIN)/mrx report out/samples.jsonl -o out/dashboard.html
	@echo "dashboard written to out/dashboard.html (open it in a browser)"
	@echo "the mrx command: .venv/bin/mrx (or 'source .venv/bin/activate' to have mrx on the PATH)"

test: install chromium ocr-libs
	$(BIN)/python -m pytest

# The browser tests (tests/test_browser_pages.py) need Debian's chromium; installed here
# when missing and possible (root with apt-get, as CI is), else those tests are skipped.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
	      --no-install-recommends chromium >/dev/null || \
	    echo "make: chromium could not be installed: the browser tests will be skipped"; \
	  else \
	    echo "make: chromium is missing (apt-get install chromium as root): the browser tests will be skipped"; \
	  fi; }

# OpenCV inside the OCR extra (mrx-reports[ocr], docs/OCR.md) needs libGL and GLib: installed
# here when missing and possible, else scanned files are refused with a one-line message.
ocr-libs:
	@{ ldconfig -p | grep -q 'libGL.so.1' && ldconfig -p | grep -q 'libgthread-2.0.so.0'; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
	      --no-install-recommends libgl1 libglib2.0-0 >/dev/null || \
	    echo "make: libgl1 / libglib2.0-0 could not be installed: OCR of scans will not work"; \
	  else \
	    echo "make: libGL or GLib is missing (apt-get install libgl1 libglib2.0-0 as root): OCR will not work"; \
	  fi; }

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
