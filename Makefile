# One command builds the example site, one runs the tests; both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve bench bench-ocr bench-office browser-deps doc-reader clean

site: $(STAMP)
	$(BIN)/binder build

serve: $(STAMP)
	$(BIN)/binder serve

test: $(STAMP) browser-deps doc-reader
	$(BIN)/pytest

# Timings on a synthetic archive of real size, never part of `make test`: the archive and the
# builds go to $BENCH_DIR (default /tmp/binder-bench), the figures to benchmarks/results/latest.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# OCR engines side by side on generated red-header scans (RapidOCR, the one the binder uses,
# and Debian's tesseract): fields right, characters right, s/page; to benchmarks/results/ocr.json.
bench-ocr: $(STAMP)
	@tools/ensure-tesseract.sh
	$(BIN)/python benchmarks/ocr_set.py all
# `binder office` over 150, 300 and 600 generated units' check json: time, peak memory, largest page.
bench-office: $(STAMP)
	$(BIN)/python benchmarks/office.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests drive Debian's Chromium, never a downloaded browser; CJK fonts make screenshots readable.
browser-deps:
	@tools/ensure-browser.sh

# The text of .doc/.wps reports is read by Debian's antiword.
doc-reader:
	@tools/ensure-doc-reader.sh

clean:
	rm -rf site .binder-cache test-artifacts
