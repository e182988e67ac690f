"""The render room: validated content (exchange_guide.model) into each page's Markdown in one
language, raw HTML from the Jinja2 templates in templates/ (escaped by default). No file is
read or written here except the templates, and nothing of MkDocs is imported."""
