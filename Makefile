# Nordic Exchange Guide. `make site` builds the site into site/; `make test` runs every test.
# Both set up what they need on a fresh machine (Python 3.11+, Node.js; Debian for the browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE_URL ?=

.PHONY: site serve check test test-fast bench system-deps clean

# Python environment: pinned versions from requirements.lock, the project itself editable.
$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Node packages (Pyodide) exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Chromium and nginx from Debian, for the browser tests (installed only when missing).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
		echo "installing chromium and nginx from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nginx >/dev/null; \
	fi

site: $(BIN)/.installed node_modules/.installed
	$(BIN)/exchange-guide build $(if $(SITE_URL),--site-url $(SITE_URL))

serve: $(BIN)/.installed node_modules/.installed
	$(BIN)/mkdocs serve

check: $(BIN)/.installed
	$(BIN)/exchange-guide check

test: $(BIN)/.installed node_modules/.installed system-deps
	$(BIN)/python -m pytest

# The tests that need neither a browser nor Node.js.
test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -m "not browser and not pyodide"

clean:
	rm -rf site site.partial-* build/docs/* $(VENV) node_modules

# Figures for the calculator page: first result (cold, warm), longest task, recalculation, bytes.
bench: site system-deps
	$(BIN)/python tests/bench_calculator.py site
