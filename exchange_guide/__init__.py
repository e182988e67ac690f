"""Nordic Exchange Guide: the site generator, in three rooms whose imports only go downward.

- `exchange_guide.model`: content/*.yml loaded with lines, validated and cross-checked in one pass.
- `exchange_guide.render`: the validated model into Markdown/HTML per language (Jinja2 templates).
- this package's own modules, the glue: `generate` (build/docs/ and the site's assets), `build`
  (`build_site`), `mkdocs_hooks`, `cli`, `estimate_cli`, `links`, `precompress`.

`calculators` (the rules) sits below all three.
"""
