"""Read input files into text: encodings, BOMs, line endings, and what is not an article.

Offsets in the output are into the text as decoded here: Unicode, BOM removed,
line endings normalised to ``\\n``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from .decoding import decode

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
FORMATS = {".jsonl": "jsonl", ".html": "html", ".htm": "html"}
MAX_BYTES = 50_000_000
# what a JSONL line gives; "date", "author", "url" and "source" as trafilatura --json writes
FIELDS = ("id", "text", "html", "title", "published", "date", "author", "url", "source")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
HTML_TAG = re.compile(r"<(?:!doctype html|html|head|body|article|div|p)\b", re.I)


class InputFormat(str, Enum):
    """How to read an input; an enum so that ``--help`` lists the choices."""

    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    html = "html"


class InputError(Exception):
    """An input that cannot be read as an article; reported in one line, others go on."""


@dataclass
class Input:
    name: str  # the path as given, or "-"
    doc_id: str


@dataclass
class Loaded:
    """One article's text and what its container said about it."""

    doc_id: str
    text: str
    path: str | None
    published: date | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None  # where a JSONL line says the article is from
    warning: str | None = None  # how the input was decoded, when it matters


def load(source: Input, input_format: str = "auto") -> Iterator[Loaded | InputError]:
    """The articles in one input: a text file, an HTML page, or a JSONL file of articles."""
    path = None if source.name == "-" else shown(source.name)
    try:
        text, warning = read_text(source)
    except InputError as exc:
        yield exc
        return
    fmt = input_format
    if fmt == "auto":
        suffix = Path(source.name).suffix.lower()
        fmt = FORMATS.get(suffix) or ("text" if suffix == ".txt" else sniff(text))
    for item in _articles(text, source, fmt, path):
        if warning and isinstance(item, Loaded):  # said once, with the first article
            item.warning, warning = warning, None
        yield item


def sniff(text: str) -> str:
    """The format of an input with no telling suffix (standard input, "dump.json"): JSONL
    when its first line is a JSON object, HTML when it opens with markup, else text."""
    head = text.lstrip()
    if head.startswith("{"):
        try:
            if isinstance(json.loads(head.split("\n", 1)[0]), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
    return "html" if head.startswith("<") and HTML_TAG.search(head[:4096]) else "text"


def _articles(text: str, source: Input, fmt: str, path: str | None
              ) -> Iterator[Loaded | InputError]:
    if fmt == "jsonl":
        yield from _jsonl(text, source)
    elif fmt == "html":
        try:
            yield _html(text, source.doc_id, path)
        except InputError as exc:
            yield exc
    else:
        yield Loaded(source.doc_id, text, path)


def _jsonl(text: str, source: Input) -> Iterator[Loaded | InputError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{shown(source.name)}:{number}"
        try:
            row = _row(line)
        except ValueError as exc:
            yield InputError(f"{where}: {exc}")
            continue
        doc_id = row.get("id") or f"{source.doc_id}:{number}"
        when = row.get("published") or row.get("date")
        try:
            published = date.fromisoformat(when[:10]) if when else None
        except ValueError:
            key = "published" if row.get("published") else "date"
            yield InputError(f"{where}: \"{key}\" must be YYYY-MM-DD")
            continue
        try:
            loaded = _html(row["html"], doc_id, where) if "text" not in row else \
                Loaded(doc_id, row["text"].replace("\r\n", "\n"), where)
        except InputError as exc:
            yield exc
            continue
        loaded.published = published or loaded.published
        loaded.title = row.get("title") or loaded.title
        loaded.author = row.get("author") or loaded.author
        loaded.url = row.get("url") or row.get("source")
        yield loaded


def _row(line: str) -> dict:
    """One JSONL line as an article's fields: strings, lone surrogates ("\\ud800", which
    no UTF-8 output can hold) replaced; numbers are kept as written, since claimx reads
    none and a 5,000-digit one is more than Python converts."""
    try:
        row = json.loads(line, parse_int=str)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if not isinstance(row, dict) or not (row.get("text") or row.get("html")):
        raise ValueError("an article line needs a \"text\" or \"html\" string")
    for key in FIELDS:
        if row.get(key) is not None and not isinstance(row[key], str):
            raise ValueError(f"\"{key}\" must be a string, not {type(row[key]).__name__}")
    return {key: scrub(row[key]) for key in FIELDS if row.get(key)}


def scrub(text: str) -> str:
    """Lone surrogates as U+FFFD: the same length, so offsets hold."""
    return LONE_SURROGATE.sub("\ufffd", text)


def shown(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by the file
    system's surrogate escapes) as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _html(html: str, doc_id: str, path: str | None) -> Loaded:
    """Main text and metadata of a web page, by trafilatura (the optional 'html' extra)."""
    try:
        import trafilatura
    except ImportError as exc:  # not installed, or installed without what it imports
        raise InputError(f"{path or doc_id}: reading HTML needs trafilatura, which cannot "
                         f"be imported ({exc}); install claimx with its 'html' extra: "
                         "pip install '.[html]' from its source folder") from None
    found = trafilatura.extract(html, output_format="json", with_metadata=True)
    meta = json.loads(found) if found else {}
    if not meta.get("text"):
        raise InputError(f"{path or doc_id}: no article text found in the HTML")
    try:
        published = date.fromisoformat(meta["date"][:10]) if meta.get("date") else None
    except ValueError:
        published = None
    text = "\n\n".join(p.strip() for p in meta["text"].split("\n") if p.strip())
    return Loaded(doc_id, text, path, published, meta.get("title"), meta.get("author"))


def expand(paths: list[str]) -> Iterator[Input | InputError]:
    """Files as given; directories to their article files, recursively, in sorted order.
    A file's doc id is its path under the folder it was found in, without the extension
    (a/index.html -> "a/index"); a file given by name keeps its stem. Ids that still
    repeat within the run become the paths as found, without the extension."""
    found = list(_found(paths))
    count = Counter(item.doc_id for item in found if isinstance(item, Input))
    for item in found:
        if isinstance(item, Input) and count[item.doc_id] > 1 and item.name != "-":
            item.doc_id = shown(Path(item.name).with_suffix("").as_posix())
        yield item


def _found(paths: list[str]) -> Iterator[Input | InputError]:
    for raw in paths:
        if raw == "-":
            yield Input("-", "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
                           and p.is_file())
            if not found:
                yield InputError(f"{shown(raw)}: no article files (.txt, .html, .jsonl) in this "
                                 "directory")
            for p in found:
                yield Input(str(p), shown(p.relative_to(path).with_suffix("").as_posix()))
        elif path.is_file():
            yield Input(raw, shown(path.stem))
        else:
            yield InputError(f"{shown(raw)}: no such file or directory")


def read_text(source: Input) -> tuple[str, str | None]:
    """The decoded text of an input, and a warning about its decoding."""
    name = shown(source.name)
    try:
        if source.name == "-":
            if sys.stdin is None:  # started with standard input closed
                raise InputError("-: standard input is closed")
            data = sys.stdin.buffer.read()
        else:
            size = Path(source.name).stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"{name}: file too large ({size:,} bytes; "
                                 f"the limit is {MAX_BYTES:,})")
            data = Path(source.name).read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a closed file object
        raise InputError(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}"
                         ) from None
    try:
        return decode(data, name)
    except ValueError as exc:
        raise InputError(str(exc)) from None
