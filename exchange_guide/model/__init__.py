"""The model room: content/*.yml loaded with lines, validated against its schema, cross-checked,
into plain validated data (`Content`). Imports `calculators` (the facts about the rules) and
nothing of the rooms above it: neither rendering nor MkDocs."""

from .content import Content, MissingTranslation, load_content, load_rules
from .errors import ContentError, ContentErrors

__all__ = ["Content", "ContentError", "ContentErrors", "MissingTranslation", "load_content", "load_rules"]
