"""Safe YAML loading that remembers where every key and item stood in the file.

Only plain data is built (SafeLoader: no object construction from tags). Mappings become
`Node` dicts and sequences `NodeList` lists that carry the line of each key or item, so a
validator can say "content/faq.yml:42: field 'questions[3].answer'".
Duplicate keys, which PyYAML silently accepts, are an error here.

What a content file may be is bounded, and each bound is checked before the file is built into
data (`LIMITS`): a regular file inside its own folder (a symbolic link that leaves it, a device or
a folder is refused), of at most a megabyte, nested at most 40 levels deep, and at most 100,000
values once its aliases (`*name`) are expanded: a few hundred bytes of nested aliases would
otherwise make a walk over the data take hours. A number is a whole number in plain digits, at most
18 of them: what YAML 1.1 would also read as one (0x1F, 017, 1_000, 1:30, forty digits) is kept as
the text it is, as YAML 1.2 editors read most of them, so the field's validator says what is wrong
where it stands.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Limits:
    """How large, deep and repetitive a content file may be: far beyond what the content needs
    (the largest file is about 120 KB, 6 levels deep, 3,300 values), far below what would make
    loading slow."""

    file_bytes: int = 1_000_000
    depth: int = 40
    values: int = 100_000


LIMITS = Limits()


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


class _BadScalar(Exception):
    def __init__(self, node: yaml.ScalarNode, expected: str):
        text = node.value if len(node.value) <= 24 else node.value[:20] + "…"
        self.line, self.message = node.start_mark.line + 1, f"{text!r}: {expected}"


# A whole number as a content file may write it: plain digits, at most 18 of them.
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})")


# libyaml's parser when PyYAML was built with it (several times faster); the same safe
# constructors either way.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]  # chosen at run time: libyaml's, if built
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


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int | str:
    return int(node.value) if _PLAIN_INT.fullmatch(node.value) else node.value


def _construct_date(loader: _LineLoader, node: yaml.ScalarNode):
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        raise _BadScalar(node, "not a date in the calendar") from None


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _read(path: Path, shown: str) -> str:
    """The file's text, if it is a regular file inside its own folder and not too large."""
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(path.parent.resolve()):
            raise ContentError(shown, None, None, f"a symbolic link to {real}, outside its folder: copy the file in")
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):
            raise ContentError(shown, None, None, "not a regular file (a folder, a device or a pipe)")
        if info.st_size > LIMITS.file_bytes:
            raise ContentError(
                shown, None, None, f"{info.st_size:,} bytes: a content file may have {LIMITS.file_bytes:,}"
            )
        with open(real, "rb") as handle:
            data = handle.read(LIMITS.file_bytes + 1)
    except FileNotFoundError:
        raise ContentError(shown, None, None, "file not found") from None
    except OSError as exc:
        raise ContentError(shown, None, None, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > LIMITS.file_bytes:
        raise ContentError(shown, None, None, f"more than {LIMITS.file_bytes:,} bytes: the limit for a content file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(shown, None, None, f"not valid UTF-8 text ({exc.reason})") from None


def _check_depth(text: str, shown: str) -> None:
    """Nesting counted on the parser's events, before anything is built: libyaml builds deep
    nesting recursively, and crashes on a very deep one."""
    parser, depth = _LineLoader(text), 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > LIMITS.depth:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise ContentError(shown, line, None, f"nested more than {LIMITS.depth} levels deep")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        parser.dispose()


def _check_expanded_size(node: yaml.Node | None, shown: str) -> None:
    """The number of values the file holds once every alias is expanded, which is what every walk
    over the data visits. Counted on the composed nodes, where an alias is the node it names, once
    per node (so nested aliases cost nothing to count)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            children = node.value if isinstance(node, yaml.SequenceNode) else []
            if isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            sizes[id(node)] = 1 + sum(size(child) for child in children)
        return sizes[id(node)]

    if node is not None and size(node) > LIMITS.values:
        raise ContentError(
            shown,
            None,
            None,
            f"{size(node):,} values once its aliases (*name) are expanded; a content file may have "
            f"{LIMITS.values:,}: write the repeated part once",
        )


def load_yaml(path: Path | str, display_path: str | None = None):
    """Load one YAML file as plain data with line information, or raise ContentError."""
    path = Path(path)
    shown = display_path or str(path)
    text = _read(path, shown)
    loader = None
    try:
        _check_depth(text, shown)
        loader = _LineLoader(text)
        node = loader.get_single_node()
        _check_expanded_size(node, shown)
        data = None if node is None else loader.construct_document(node)
    except _DuplicateKey as dup:
        raise ContentError(shown, dup.line, str(dup.key), "this key appears twice in the same mapping") from None
    except _BadScalar as bad:
        raise ContentError(shown, bad.line, None, bad.message) from None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise ContentError(shown, line, None, f"YAML tag not allowed: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(shown, line, None, f"YAML syntax error: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(shown, None, None, f"YAML error: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data
