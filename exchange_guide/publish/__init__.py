"""The publishing room: content -> build/docs/ (generate.py) -> MkDocs (mkdocs_hooks.py) -> site/, all
or nothing (build.py); precompressed copies (precompress.py), the release (dist.py) and the nginx
configuration that publishers copy (nginx.conf). The only room that knows MkDocs."""
