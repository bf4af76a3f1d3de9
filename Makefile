# Every target sets up what it needs: a new user runs `make serve` or `make test` and nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYODIDE := node_modules/pyodide/.installed
export NO_MKDOCS_2_WARNING := 1

# Debian packages: fonts that cover Welsh, Polish, Urdu, Chinese, Japanese, Korean and emoji for
# the PDFs (Typst uses the system's fonts); Debian's Chromium for the browser tests (never a browser Playwright downloads).
DOCUMENT_PACKAGES := fonts-liberation fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
TEST_PACKAGES := chromium

.PHONY: serve site test test-quick test-repeat lint bench bench-national synthetic-national clean linkcheck system-documents system-test

# `make serve PORT=8001` serves on another port when 8000 is taken.
PORT ?= 8000
serve: $(VENV)/.installed $(PYODIDE) system-documents
	$(BIN)/python -m cohesion_guide.site.serve --dev-addr 127.0.0.1:$(PORT)

# Build into a temporary folder and swap it in only when the build succeeded, in one step, so a
# failed or killed build leaves the previous site exactly as it was; a second `make site` waits
# for the first. site/ may be a link to a web root: the folder it leads to is swapped whole and the
# link kept (cohesion_guide/site/publish.py).
site: $(VENV)/.installed $(PYODIDE) system-documents
	$(BIN)/python -m cohesion_guide.site.publish

# The sweeps marked `exhaustive` (axe on every page at both widths, where the other tests check a
# page of each kind; the screenshots for review; the whole site built again with ProperDocs) take
# minutes and are not needed on every run here. CI runs them: GitHub Actions sets CI, so does
# .ci/run, and so may you (`make test CI=true`).
ifeq ($(CI),)
WITHOUT_SWEEPS := and not exhaustive
endif

test: $(VENV)/.installed-test $(PYODIDE) system-documents system-test lint
	$(BIN)/python -m pytest $(if $(WITHOUT_SWEEPS),-m "not exhaustive")

# Proof that the build and browser tests are steady (issue 29): REPEAT rounds in a row, each
# building the site afresh; every round runs, and the last line says how many failed.
REPEAT ?= 5
test-repeat: $(VENV)/.installed-test $(PYODIDE) system-documents system-test
	@failed=0; for round in $$(seq 1 $(REPEAT)); do \
	  echo "== round $$round of $(REPEAT)"; \
	  $(BIN)/python -m pytest -q -m "(build or browser) $(WITHOUT_SWEEPS)" || failed=$$((failed + 1)); \
	done; \
	echo "== $$failed of $(REPEAT) rounds failed"; test $$failed -eq 0

# The quick loop while editing: no full site build, no browser (markers set by the fixtures),
# on every core.
test-quick: $(VENV)/.installed-test $(PYODIDE)
	$(BIN)/python -m pytest -q -n auto -m "not build and not browser"

# Every external address the built site links to, with its status. It needs the internet, so it is
# not part of `make test` or CI; without a network it says so and fails.
linkcheck: site
	$(BIN)/python -m cohesion_guide.site.linkcheck site

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# `make bench SCHOOLS=50` for a quicker run; the targets in issue 7 are for 600.
SCHOOLS ?= 600
bench: $(VENV)/.installed-test $(PYODIDE) system-documents system-test
	$(BIN)/python -m tests.bench --schools $(SCHOOLS)

# The national edition (issue 28) measured on a smaller synthetic extract and projected to England's
# 24,000 schools on 20 runners; the method is printed with the figures.
bench-national: $(VENV)/.installed-test $(PYODIDE) system-documents
	$(BIN)/python -m tests.bench_national

# A synthetic national register extract, with the register's quirks, to try `cohesion national` on.
synthetic-national: $(VENV)/.installed-test
	mkdir -p build
	$(BIN)/python -m tests.synthetic_national build/synthetic-national.csv

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=77"
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Pyodide (Python for the browser), pinned in package-lock.json: the policy builder runs the guide's
# own Python in the reader's browser, and the site serves Pyodide itself (no CDN).
$(PYODIDE): package.json package-lock.json
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Installs only what is missing, with apt-get (as root, or through sudo).
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then echo "Please install these packages (or your system's equivalents): $$missing"; exit 1; fi; \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  echo "Installing $$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-documents:
	$(call apt_install,$(DOCUMENT_PACKAGES))

system-test:
	$(call apt_install,$(TEST_PACKAGES))

clean:
	rm -rf site .site.new .site.old .site.*.new .site.*.old .site.lock .cache $(VENV) .pytest_cache node_modules
