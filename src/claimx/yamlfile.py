"""Read one YAML rule file, boundedly, and locate any path of its data in the text.

A rule file is input from anyone: only a regular file of at most MAX_BYTES is read,
aliases may not expand past MAX_EXPANSIONS nodes, and every walk visits each distinct
node once. PyYAML's safe loader only (its libyaml build when installed, the same safe
constructor, ~10x faster): the text is composed once, the node tree locates errors,
and the safe constructor builds the data, so no Python object is made from a tag.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from .schema import field_name


class RuleError(Exception):
    """One problem in one rule file, printed as ``file:line:col: message``."""

    def __init__(self, path: Path | str, message: str, line: int | None = None,
                 col: int | None = None):
        self.path, self.message, self.line, self.col = str(path), message, line, col
        where = self.path + (f":{line}" if line else "") + (f":{col}" if col else "")
        super().__init__(f"{where}: {message}")


def read_yaml(path: Path):
    """The composed node tree and the data of one file (``{}`` when it is empty)."""
    loader = text = None
    try:
        text = _read(path)
        loader = SAFE_LOADER(text)
        root = loader.get_single_node()
        _check_size(path, root)
        return root, {} if root is None else loader.construct_document(root)
    except RecursionError:
        raise RuleError(path, "YAML nested too deeply") from None
    except yaml.YAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    finally:
        if loader is not None:
            loader.dispose()


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 1 << 20  # a rule file is read whole: 1 MiB holds a 20,000-alias gazetteer
MAX_EXPANSIONS = 10_000  # nodes that YAML aliases may add (an alias bomb adds billions)
MAX_DEPTH = 100
# What YAML 1.1 allows in a stream (PyYAML's reader refuses the rest without a line).
NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                           "\U00010000-\U0010FFFF]")


def _read(path: Path) -> str:
    """The text of a regular file of at most MAX_BYTES: never a FIFO (which would block),
    a device (/dev/zero never ends) or a directory."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RuleError(path, f"cannot read rule file: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise RuleError(path, "not a regular file")
    with os.fdopen(fd, "rb") as file:
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise RuleError(path, f"rule file over {MAX_BYTES // 1024} KiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(path, f"not UTF-8: byte {exc.start}: {exc.reason}") from None
    if bad := NOT_PRINTABLE.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - text.rfind("\n", 0, bad.start())
        raise RuleError(path, f"character U+{ord(bad.group()):04X} is not allowed in YAML",
                        line, col)
    return text


def _check_size(path: Path, root) -> None:
    """Refuse a document whose aliases expand past MAX_EXPANSIONS nodes, refer to
    themselves, or that nests past MAX_DEPTH: one walk over the distinct nodes, each
    node's expanded size computed once from its children's."""
    size: dict[int, int] = {}
    todo = [(root, 0, False)] if root is not None else []
    while todo:
        node, depth, children_done = todo.pop()
        children = [n for pair in node.value for n in pair] if isinstance(
            node, yaml.MappingNode) else node.value if isinstance(node, yaml.SequenceNode) else []
        if children_done:
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            continue
        if id(node) in size:
            if size[id(node)] < 0:
                raise RuleError(path, "a YAML alias refers to itself", *_mark(node))
            continue
        if depth > MAX_DEPTH:
            raise RuleError(path, f"YAML nested deeper than {MAX_DEPTH} levels", *_mark(node))
        size[id(node)] = -1  # being walked
        todo.append((node, depth, True))
        todo += [(c, depth + 1, False) for c in children]
    expansions = size.get(id(root), 0) - len(size)
    if expansions > MAX_EXPANSIONS:
        raise RuleError(path, f"YAML aliases expand to {expansions} more nodes "
                        f"(at most {MAX_EXPANSIONS})")


def _syntax_error(path: Path, text: str, exc: yaml.YAMLError) -> RuleError:
    """Where the mistake is: an unclosed bracket or quote where it opens (the parser
    notices only where the file or the construct ends), else where the parser stopped,
    naming the construct it was in."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    start, mark = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if mark is None:
        return RuleError(path, f"invalid YAML: {problem}")
    at = f"{mark.line + 1}:{mark.column + 1}"
    lines = text.split("\n")
    opener = lines[start.line][start.column:start.column + 1] if start else ""
    if opener in ("[", "{", "'", '"'):
        end = (mark.line, mark.column) == (len(lines) - 1, len(lines[-1]))
        return RuleError(path, f"{opener!r} is never closed (end of file at {at})" if end
                         else f"{opener!r} is not closed: {problem} at {at}", *_mark(exc, start))
    context = f" ({exc.context} at {start.line + 1}:{start.column + 1})" if start else ""
    return RuleError(path, f"invalid YAML: {problem}{context}", *_mark(exc, mark))


def _mark(node, mark=None) -> tuple[int, int]:
    """1-based line and column of a node's start, or of the given mark."""
    mark = mark or node.start_mark
    return mark.line + 1, mark.column + 1


def position(root, loc: tuple, key: bool) -> tuple[int | None, int | None]:
    """Line and column of the YAML node at ``loc`` (of its key with ``key``), or of the
    nearest node above it that exists (a missing field: the mapping that lacks it)."""
    node, mark = root, root.start_mark if root is not None else None
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            node = pair and pair[1]
            if pair and key and step == loc[-1]:
                mark = pair[0].start_mark
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (None, None)


def duplicate_keys(root) -> list[tuple[str, int, int]]:
    """Keys given twice in one mapping (safe_load would silently keep the last), each
    node walked once however many aliases point to it."""
    found, seen, todo = [], set(), [(root, ())]
    while todo:
        node, loc = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = set()
            for k, v in node.value:
                if k.value in keys:
                    found.append((f"{field_name((*loc, k.value))}: duplicate key (YAML "
                                  "keeps only the last)", *_mark(k)))
                keys.add(k.value)
                todo.append((v, (*loc, k.value)))
        elif isinstance(node, yaml.SequenceNode):
            todo += [(item, (*loc, i)) for i, item in enumerate(node.value)]
    return found
