# Nordic Exchange Guide. `make site` builds the site into site/; `make test` runs every test.
# Both set up what they need on a fresh machine (Python 3.11+, Node.js; Debian for the browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE_URL ?=

.PHONY: site dist serve check schemas lint test test-fast bench system-deps clean

# Python environment: pinned versions from requirements.lock, the project itself editable.
$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Node packages exactly as package-lock.json pins them: Pyodide (the calculator), and for the tests
# axe-core and vnu-jar (the Nu HTML Checker). No install scripts: vnu-jar's would download a Java
# runtime from the internet when none is installed; Java comes from Debian (system-deps).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# From Debian, installed only when missing: Chromium, Firefox ESR and WebKitGTK's MiniBrowser (with
# its WebDriver, and a virtual display for it) and nginx for the browser tests, nginx's
# brotli_static module (exchange_guide/publish/nginx-brotli.conf), Java for the Nu HTML Checker,
# and the spelling dictionaries (hunspell for sv nb da is en, Voikko for Finnish) for the language checks.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	[ -x /usr/bin/firefox-esr ] || missing="$$missing firefox-esr"; \
	[ -x /usr/bin/WebKitWebDriver ] || missing="$$missing webkit2gtk-driver"; \
	command -v xvfb-run >/dev/null 2>&1 || missing="$$missing xvfb"; \
	command -v xauth >/dev/null 2>&1 || missing="$$missing xauth"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing libnginx-mod-http-brotli-static"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v hunspell >/dev/null 2>&1 || missing="$$missing hunspell"; \
	[ -f /usr/share/hunspell/sv_SE.dic ] || missing="$$missing hunspell-sv"; \
	[ -f /usr/share/hunspell/nb_NO.dic ] || missing="$$missing hunspell-no"; \
	[ -f /usr/share/hunspell/da_DK.dic ] || missing="$$missing hunspell-da"; \
	[ -f /usr/share/hunspell/is_IS.dic ] || missing="$$missing hunspell-is"; \
	[ -f /usr/share/hunspell/en_GB.dic ] || missing="$$missing hunspell-en-gb"; \
	[ -d /usr/lib/voikko ] || [ -d /usr/share/voikko ] || missing="$$missing voikko-fi"; \
	ls /usr/lib/*/libvoikko.so.1 >/dev/null 2>&1 || missing="$$missing libvoikko1"; \
	if [ -n "$$missing" ]; then \
		echo "installing from Debian:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

site: $(BIN)/.installed node_modules/.installed
	$(BIN)/exchange-guide build $(if $(SITE_URL),--site-url $(SITE_URL))

# A release for the publisher: dist/nordic-exchange-guide-<version>-<date>-<content hash>.tar.gz,
# its .manifest.json and SHA256SUMS; the same commit and options give the same bytes.
dist: $(BIN)/.installed node_modules/.installed
	$(BIN)/exchange-guide dist $(if $(SITE_URL),--site-url $(SITE_URL))

serve: $(BIN)/.installed node_modules/.installed
	$(BIN)/mkdocs serve

check: $(BIN)/.installed
	$(BIN)/exchange-guide check

# The editors' JSON Schemas (content/schemas/), made from the model's validators; commit them.
schemas: $(BIN)/.installed
	$(BIN)/exchange-guide schemas

# Lint and format (ruff), types (mypy), and the front end's lint (ESLint) and types (TypeScript over
# the JSDoc: tsconfig.json); `make test` runs them first.
lint: $(BIN)/.installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	npx --no-install eslint .
	npx --no-install tsc -p .

test: lint $(BIN)/.installed system-deps node_modules/.installed
	node --test frontend/tests/
	$(BIN)/python -m pytest

# The tests that need neither a browser, Node.js nor Java (so no site build): no Node packages needed.
test-fast: $(BIN)/.installed system-deps
	$(BIN)/python -m pytest -m "not browser and not pyodide and not nu"

clean:
	rm -rf site site.partial-* dist build/docs/* $(VENV) node_modules

# Figures for the calculator page: first result (cold, warm), longest task, recalculation, bytes;
# then its first answer in each of the three engines.
bench: site system-deps
	$(BIN)/python tests/bench_calculator.py site
	$(BIN)/python tests/bench_engines.py site
