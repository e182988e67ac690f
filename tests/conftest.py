import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "content"  # tests/fixtures/README.md
sys.path.insert(0, str(Path(__file__).parent))  # tests/servers.py

# A site build copies Pyodide from node_modules and makes the calculator's snapshot with Node.js:
# a test that uses one of these fixtures needs both, so it is marked `pyodide` (not in
# `make test-fast`), as a test that builds by itself is marked in its module.
BUILDS = {"built_site", "published_site", "fixture_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILDS & set(item.fixturenames):
            item.add_marker(pytest.mark.pyodide)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped content, built once per test session into a temporary folder."""
    from exchange_guide.publish.build import build_site

    out = tmp_path_factory.mktemp("built") / "site"
    build_site(ROOT, out_dir=out)
    return out


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The test fixture content (tests/fixtures/content/), built once per test session."""
    from exchange_guide.publish.build import build_site

    out = tmp_path_factory.mktemp("fixture-built") / "site"
    build_site(ROOT, out_dir=out, content=FIXTURE)
    return out


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A private copy of the test fixture content that a test may break or extend."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the shipped content/ that a test may break (prefer `fixture_copy`: an edit
    by exact text of content/ fails as soon as an editor changes that text)."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.fixture(scope="session")
def server(built_site, tmp_path_factory):
    """The built site behind a real nginx, under the sub-path /norut/."""
    from servers import Nginx

    nginx = Nginx(built_site, tmp_path_factory.mktemp("nginx"))
    yield nginx
    nginx.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser downloads are not used)."""
    from playwright.sync_api import sync_playwright
    from servers import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Chromium is not installed: run `make system-deps`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser page that records every request and console error it sees.

    The pages run under the site's Content-Security-Policy (tests/servers.py serves the shipped
    nginx configuration), which forbids eval(): give `wait_for_function` an arrow function
    ("() => ..."), not a bare expression, which Playwright would evaluate with eval()."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []
    tab.console_errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site as a publisher builds it for its address (README, "Publishing"), once per session:
    `exchange-guide build --site-url https://intranet.example/norut/`."""
    import subprocess

    from publishing import PUBLISHED_URL

    out = tmp_path_factory.mktemp("published") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "exchange_guide", "build", "--site-url", PUBLISHED_URL, "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def published_server(published_site, tmp_path_factory):
    """That build behind nginx at /norut/, with the shipped configuration."""
    from servers import Nginx

    nginx = Nginx(published_site, tmp_path_factory.mktemp("nginx-published"), prefix="/norut/")
    yield nginx
    nginx.stop()
