"""The thin MkDocs integration: generate the pages before MkDocs reads docs_dir.

MkDocs loads this file as a stand-alone module (hooks:), hence the absolute imports.

Everything here is glue. Content rules live in model/, page text in render/; this file
only tells MkDocs (and mkdocs-static-i18n) about them, so a move away from MkDocs replaces
this file and nothing else.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs import plugins
from mkdocs.exceptions import PluginError

from exchange_guide.model import ContentError, ContentErrors, load_content
from exchange_guide.model.pages import PAGES
from exchange_guide.publish.generate import generate_docs
from exchange_guide.publish.precompress import sizes
from exchange_guide.pyodide.assets import PyodideAssetsError, pyodide_assets
from exchange_guide.render.localise import Localiser

log = logging.getLogger("mkdocs.plugins.exchange_guide")

PROJECT = Path(__file__).resolve().parents[2]
FRONTEND_ASSETS = PROJECT / "frontend" / "assets"  # the front end, copied into the site as it is
STRICT_ENV = "EXCHANGE_GUIDE_STRICT"  # "1": a missing translation fails the build
CONTENT_ENV = "EXCHANGE_GUIDE_CONTENT"  # another content folder (tests, previews)


def content_dir() -> Path:
    return Path(os.environ.get(CONTENT_ENV) or PROJECT / "content")


def _i18n(config):
    return config.plugins.get("i18n")


# What the first (default-language) pass of a build learnt, for i18n's per-language passes.
_BUILD: dict = {}


@plugins.event_priority(100)  # before mkdocs-static-i18n reads its language list
def on_config(config):
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        # i18n's per-language passes: the pages are already generated.
        _set_not_found_texts(config, _BUILD["content"], i18n.current_language)
        return config
    try:
        content = load_content(content_dir(), strict=os.environ.get(STRICT_ENV) == "1")
    except (ContentErrors, ContentError) as exc:
        raise PluginError(f"content has errors; nothing was written:\n{exc}") from None
    try:
        pyodide = pyodide_assets(PROJECT / "node_modules")
        generate_docs(content, FRONTEND_ASSETS, Path(config.docs_dir), pyodide)
        # For overrides/calculator.html: the addresses, and the sizes of the files its start downloads.
        config.extra["eg_pyodide"] = {**pyodide.urls, "sizes": _start_sizes(pyodide)}
        config.extra["eg_offline"] = content.site.get("offline", True)  # overrides/main.html: offline.js
    except PyodideAssetsError as exc:
        raise PluginError(str(exc)) from None
    # Reported, not warned: mkdocs.yml's `strict` must fail on broken links, not on a missing
    # translation (that is what EXCHANGE_GUIDE_STRICT / `--strict` is for).
    for item in content.missing:
        log.info("missing translation: %s", item.describe(content.default_language))
    _configure_languages(config, content)
    config.nav = [f"{name}.md" for name in PAGES]
    _BUILD.clear()
    _BUILD["content"] = content
    _set_not_found_texts(config, content, content.default_language)
    return config


# The files the calculator's snapshot start downloads (frontend/assets/javascripts/calculator/worker.mjs).
START_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
START_MADE = ("snapshot-", "empty-")


def _start_sizes(pyodide) -> dict[str, dict[str, int]]:
    """{file name: its size as sent, plain and compressed} for the calculator's progress line."""
    cache = PROJECT / "build" / "precompress-cache"
    return {
        path.name: sizes(source, cache)
        for path, source in pyodide.files().items()
        if path.name in START_FILES or path.name.startswith(START_MADE)
    }


def _set_not_found_texts(config, content, lang: str) -> None:
    """The texts of the language being built that the theme's templates show: the 404 page's
    (overrides/404.html) and the theme's own words (overrides/partials/language.html)."""
    loc = Localiser(content, lang)
    home = "" if lang == content.default_language else f"{lang}/"
    config.extra["eg_not_found"] = {
        "title": loc.ui("not_found_title"),
        "body": loc.ui("not_found_body"),
        "home": loc.ui("not_found_home"),
        "home_url": home,
    }
    config.extra["eg_theme"] = {key: loc.inline(text) for key, text in content.theme.items()}


def on_post_template(output, template_name, config):
    """A 404 page per language: MkDocs writes each pass's 404.html to the site root, so the
    default language's is kept there and each other language's goes into its own folder."""
    if template_name != "404.html":
        return output
    i18n = _i18n(config)
    if i18n is None or not i18n.building:
        _BUILD["not_found"] = output
        return output
    target = Path(config.site_dir) / i18n.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _BUILD["not_found"]


def _configure_languages(config, content) -> None:
    """content/site.yml is the one place that lists the languages; tell i18n and the theme."""
    from mkdocs_static_i18n.config import I18nPluginLanguage

    i18n = _i18n(config)
    languages = []
    for item in content.site["languages"]:
        code = item["code"]
        language = I18nPluginLanguage()
        language.load_dict(
            {
                "locale": code,
                "name": item["name"],
                "default": code == content.default_language,
                "build": True,
                "site_name": content.site["site_name"].get(code, content.site["site_name"][content.default_language]),
                "site_description": content.site["site_description"].get(
                    code, content.site["site_description"][content.default_language]
                ),
            }
        )
        failed, _ = language.validate()
        if failed:
            raise PluginError(f"content/site.yml: language {code!r}: {failed}")
        languages.append(language)
    i18n.config.languages = languages
    config.theme["language"] = content.default_language


def on_serve(server, config, builder):
    # Live reload when an editor changes a YAML file, or a developer the front end.
    server.watch(str(content_dir()))
    server.watch(str(FRONTEND_ASSETS))
    return server


def _stemmer(root: Path, lang: str) -> str:
    """The lunr language for search stemming: bokmål uses lunr's "no"; Icelandic has none, so
    it falls back to lunr's default ("en"), which still finds whole words."""
    code = {"nb": "no", "nn": "no"}.get(lang, lang)
    return code if (root / "assets/javascripts/lunr/min" / f"lunr.{code}.min.js").exists() else "en"


@plugins.event_priority(-200)  # after mkdocs-static-i18n merged every language into the root index
def on_post_build(config):
    """Split the merged search index: each language gets its own, so results stay in one language.

    The root index keeps the default language; `<lang>/search/search_index.json` gets that
    language's pages with locations relative to `<lang>/`, which is the search base that
    overrides/main.html gives those pages.
    """
    i18n = _i18n(config)
    if i18n is None or i18n.building:
        return
    root = Path(config.site_dir)
    merged = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_language: dict[str, list] = {lang: [] for lang in i18n.all_languages}
    for doc in merged["docs"]:
        prefix = doc["location"].split("/", 1)[0]
        if prefix in by_language and prefix != i18n.default_language:
            by_language[prefix].append({**doc, "location": doc["location"][len(prefix) + 1 :]})
        else:
            by_language[i18n.default_language].append(doc)
    for lang, docs in by_language.items():
        folder = root if lang == i18n.default_language else root / lang
        target = folder / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        index = {**merged, "config": {**merged["config"], "lang": [_stemmer(root, lang)]}, "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@plugins.event_priority(0)  # after mkdocs-static-i18n set the page's language alternates
def on_page_context(context, page, config, nav):
    """Point the language switcher at the same page in each language, by site-relative links.

    i18n does this only for non-default-language pages, and gives a language's home as an
    absolute path ("/fi/"), which breaks under a sub-path without site_url. Site-relative links
    are made page-relative by Material's `url` filter, so the site works under any path.
    """
    alternates = getattr(config.extra, "alternate", None) or []
    page_alternates = getattr(page.file, "alternates", {}) or {}
    base_path = urlsplit(config.site_url or "").path.rstrip("/")
    switcher = []
    for alternate in alternates:
        target = page_alternates.get(alternate["lang"])
        link = target.url if target is not None else alternate["link"]
        if link.startswith("/"):
            link = link[len(base_path) :] if base_path and link.startswith(base_path + "/") else link
            link = link.lstrip("/")
        switcher.append({**alternate, "link": link or "."})
    config.extra.alternate = switcher
    language = _i18n(config).current_language
    # Each language searches its own index (see on_post_build): tell Material where it is.
    context["eg_search_base"] = (
        context["base_url"] if language == _i18n(config).default_language else f"{context['base_url']}/{language}/"
    )
    return context
