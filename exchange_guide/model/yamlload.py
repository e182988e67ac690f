"""Safe YAML loading that remembers where every key and item stood in the file.

Only plain data is built (SafeLoader: no object construction from tags). Mappings become
`Node` dicts and sequences `NodeList` lists that carry the line of each key or item, so a
validator can say "content/faq.yml:42: field 'questions[3].answer'".
Duplicate keys, which PyYAML silently accepts, are an error here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError


class Node(dict):
    """A YAML mapping with the 1-based line of the mapping and of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class NodeList(list):
    """A YAML sequence with the 1-based line of the sequence and of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


# libyaml's parser when PyYAML was built with it (several times faster); the same safe
# constructors either way.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Node:
    loader.flatten_mapping(node)
    result = Node()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> NodeList:
    result = NodeList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path | str, display_path: str | None = None):
    """Load one YAML file as plain data with line information, or raise ContentError."""
    path = Path(path)
    shown = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(shown, None, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError(shown, None, None, f"not valid UTF-8 text ({exc.reason})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except _DuplicateKey as dup:
        raise ContentError(shown, dup.line, str(dup.key), "this key appears twice in the same mapping") from None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ContentError(shown, line, None, f"YAML tag not allowed: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(shown, line, None, f"YAML syntax error: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(shown, None, None, f"YAML error: {exc}") from None
    return data
