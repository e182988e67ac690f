"""A build for a known address under a sub-path, as the README tells publishers to make it:
`exchange-guide build --site-url https://intranet.example/norut/`, served by nginx (shipped
configuration) at /norut/. Every internal link answers there, the language switcher, search and
the calculator work, and the page-not-found page finds its style sheets and scripts."""

import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from publishing import PUBLISHED_URL, pyodide_folder, search_word, show_a_result
from test_publishing_html import page_url, parse_site

pytestmark = pytest.mark.browser


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_build_for_a_sub_path_works_there(published_site, published_server, browser):
    served = published_server.url  # http://127.0.0.1:<port>/norut/
    assert urlsplit(PUBLISHED_URL).path == published_server.prefix
    # 1. Every internal link of every page answers 200 from the server, at the sub-path.
    urls = set()
    for name, page in parse_site(published_site).items():
        here = urljoin(served, page_url(name))
        for _, link in page.links:
            url = urljoin(here, link.replace(PUBLISHED_URL, served))  # canonical links: the published address
            if url.startswith(served):
                urls.add(url.split("#")[0])
    assert len(urls) > 50
    failing = sorted(url for url in urls if status_of(url) != 200)
    assert not failing, failing[:20]

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    try:
        # 2. The language switcher, by keyboard, to the same page in another language.
        page.goto(served + "fi/faq/")
        page.focus(".md-select button")
        page.keyboard.press("Enter")  # the menu opens when its button is pressed (language-menu.js)
        page.locator('a[hreflang="da"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_url(served + "da/faq/")
        assert page.locator("html").get_attribute("lang") == "da"
        # 3. Search finds pages of this language, under the sub-path.
        page.keyboard.press("/")
        page.keyboard.type(search_word("da"))
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=20000)
        hrefs = results.evaluate_all("links => links.map(a => a.href)")
        assert hrefs and all(href.startswith(served + "da/") for href in hrefs), hrefs
        # 4. The calculator: Pyodide from the site, at the sub-path.
        page.goto(served + "is/calculator/")
        show_a_result(page)
        assert any(url == served + pyodide_folder() + "pyodide.asm.wasm" for url in requests)
        # 5. The page-not-found page at a deep wrong address: styled, its links under /norut/.
        response = page.goto(served + "en/no/such/page/")
        assert response.status == 404
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert header in ("sticky", "fixed"), "the 404 page's style sheet did not load"
        home = page.locator("article a").last.get_attribute("href")
        assert urljoin(page.url, home) == served + "en/", home
        assert all(url.startswith(served) for url in requests), [u for u in requests if not u.startswith(served)]
        assert all("404" in e for e in errors) and len(errors) <= 1, errors  # only the 404 page's own status
    finally:
        context.close()
