"""Read input files into text: encodings, BOMs, line endings, and what is not an article.

Offsets in the output are into the text as decoded here: Unicode, BOM removed,
line endings normalised to ``\\n``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt",)
MAX_BYTES = 50_000_000


class InputError(Exception):
    """An input that cannot be read as an article; reported in one line, others go on."""


@dataclass
class Input:
    name: str  # the path as given, or "-"
    doc_id: str


def expand(paths: list[str]) -> Iterator[Input | InputError]:
    """Files as given; directories to their article files, recursively, in sorted order."""
    for raw in paths:
        if raw == "-":
            yield Input("-", "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
                           and p.is_file())
            if not found:
                yield InputError(f"{raw}: no article files (*.txt) in this directory")
            for p in found:
                yield Input(str(p), p.stem)
        elif path.is_file():
            yield Input(raw, path.stem)
        else:
            yield InputError(f"{raw}: no such file or directory")


def read_text(source: Input) -> str:
    if source.name == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            size = Path(source.name).stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"{source.name}: file too large ({size:,} bytes; "
                                 f"the limit is {MAX_BYTES:,})")
            data = Path(source.name).read_bytes()
        except OSError as exc:
            raise InputError(f"{source.name}: cannot read: {exc.strerror or exc}") from exc
    return decode(data, source.name)


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name}: cannot detect the text encoding") from None
        text = str(best)
    return text.replace("\r\n", "\n").replace("\r", "\n")
