"""Nordic Exchange Guide: the site generator, in rooms whose imports only go downward
(tests/test_architecture.py checks it).

- `exchange_guide.model`: content/*.yml loaded with lines, validated and cross-checked in one pass.
- `exchange_guide.render`: the validated model into Markdown/HTML per language (Jinja2 templates).
- `exchange_guide.checks`: the editorial checks on top of the model: the texts of every language,
  the glossary's terms, spelling and the fact register.
- `exchange_guide.pyodide`: Pyodide's files for the site and the calculator's start-up snapshot.
- `exchange_guide.publish`: the build (content -> build/docs/ -> MkDocs -> site/, all or nothing),
  the MkDocs hooks, precompression, the release and the nginx configuration publishers copy.
- `exchange_guide.cli`: the `exchange-guide` command.

`calculators` (the rules) sits below all of them.
"""
