# Every target sets up what it needs: a new user runs `make serve` or `make test` and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test bench clean

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Build into a temporary folder and swap it in only when the build succeeded,
# so a failed build leaves the previous site exactly as it was.
site: $(VENV)/.installed
	rm -rf .site.new
	$(BIN)/mkdocs build --strict --site-dir .site.new
	rm -rf .site.old
	if [ -d site ]; then mv site .site.old; fi
	mv .site.new site
	rm -rf .site.old

test: $(VENV)/.installed-test $(CHROMIUM)
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m tests.bench

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium: the browser tests never download a browser of their own.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core fonts-noto-color-emoji >/dev/null

clean:
	rm -rf site .site.new .site.old $(VENV) .pytest_cache
