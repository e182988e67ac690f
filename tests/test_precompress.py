"""The precompressed copies and their cache: made once, reused, and pruned to what a build uses."""

import gzip

from exchange_guide.publish.precompress import precompress


def test_cache_is_reused_and_keeps_only_what_the_build_used(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "page.html").write_text("<p>a page that compresses well</p>\n" * 100, encoding="utf-8")
    (site / "tiny.css").write_text("p{}", encoding="utf-8")  # too small to be worth it
    assert precompress(site, cache) == 2
    assert gzip.decompress((site / "page.html.gz").read_bytes()) == (site / "page.html").read_bytes()
    assert not (site / "tiny.css.gz").exists()
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == 2

    (site / "page.html").write_text("<p>the next version of the page</p>\n" * 100, encoding="utf-8")
    (cache / "in-progress.gz.partial-1").write_bytes(b"")  # another build's, being written
    assert precompress(site, cache) == 2
    now = sorted(p.name for p in cache.iterdir())
    assert not set(kept) & set(now), "the old version's entries are pruned"
    assert "in-progress.gz.partial-1" in now and len(now) == 3
