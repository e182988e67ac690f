"""Every page is in our own words: no run of 8 words may repeat a source document.

The source documents live in ../shared/seeds beside the project (read-only; EXCHANGE_GUIDE_SEEDS
names another folder). CI has them; a publisher's clone does not: there the check is skipped and
the test report says so, with where it looked.
"""

import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("EXCHANGE_GUIDE_SEEDS") or ROOT.parent / "shared" / "seeds")
RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _cited_titles() -> list[str]:
    """A source's own title is a citation, not a copied sentence."""
    data = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))
    titles = [source["title"] for source in data["sources"]]
    # The guide's own sources give their title per language: our words, not a citation.
    return [title for title in titles if isinstance(title, str)]


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"own-words check not run: no source documents in {SEEDS} (set EXCHANGE_GUIDE_SEEDS)")
    return set().union(*(_runs(_words(f.read_text(errors="replace"))) for f in seeds))


@pytest.mark.parametrize(
    "path", sorted((ROOT / "content").glob("*.yml")) + sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: p.name
)
def test_no_sentence_is_copied_from_a_source(path, seed_runs):
    text = path.read_text(encoding="utf-8")
    for title in _cited_titles():
        text = text.replace(title, " ")
    copied = [" ".join(run) for run in _runs(_words(text)) if run in seed_runs]
    assert not copied, f"{path.name} repeats a source word for word: {copied[:3]}"
