"""Write records as JSONL: deterministic, and never half written."""

from __future__ import annotations

import json
import shutil
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO

from .partial import OutputError, PartialFile


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


@contextmanager
def open_output(path: Path | None):
    """Standard output, or ``path`` written whole or not at all (see ``PartialFile``)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    out = PartialFile(path)
    try:
        yield out.handle
    except BaseException:
        out.discard()
        raise
    out.commit()


class Format(str, Enum):
    """Output formats; an enum so that ``--help`` lists them."""

    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"
    markdown = "markdown"


def write_records(handle: IO[str], records: list[dict], fmt: str = "jsonl") -> None:
    """Write in one of the ``Format``s, all at once (see ``Stream``)."""
    stream = Stream(handle, fmt)
    stream.write(records)
    stream.close()


class Stream:
    """Records written in a ``Format`` as they come, so that a run holds no more than one
    article's records; the flat formats (csv, table, markdown) hold claims only. A table is
    laid out once all its rows are known, so it alone is held until ``close``.

    The table is as wide as the terminal (``COLUMNS`` when set, 140 when there is none)."""

    def __init__(self, handle: IO[str], fmt: str = "jsonl"):
        self.handle, self.fmt, self.count, self.rows = handle, fmt, 0, []
        if fmt == "csv":
            import csv

            from .record import FLAT_COLUMNS

            self.csv = csv.DictWriter(handle, fieldnames=FLAT_COLUMNS, lineterminator="\n")
            self.csv.writeheader()
        elif fmt == "markdown":
            handle.write("| " + " | ".join(_MARKDOWN) + " |\n")
            handle.write("|" + " --- |" * len(_MARKDOWN) + "\n")

    def write(self, records: list[dict]) -> None:
        if self.fmt == "jsonl":
            self.handle.write("".join(dumps(record) + "\n" for record in records))
        elif self.fmt == "json":  # the bytes of json.dumps(all records, indent=2)
            for record in records:
                item = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                self.handle.write(("[\n  " if not self.count else ",\n  ") + item)
                self.count += 1
        else:
            from .record import SCHEMA_ID, flat

            rows = [flat(r) for r in records if r.get("schema") == SCHEMA_ID]
            if self.fmt == "csv":
                self.csv.writerows(rows)
            elif self.fmt == "markdown":
                for row in rows:
                    cells = (str(row[c] or "").replace("|", "\\|").replace("\n", " ")
                             for c in _MARKDOWN)
                    self.handle.write("| " + " | ".join(cells) + " |\n")
            else:
                self.rows += rows

    def close(self) -> None:
        if self.fmt == "json":
            self.handle.write("\n]\n" if self.count else "[]\n")
        elif self.fmt == "table":
            from rich.console import Console
            from rich.table import Table

            width = shutil.get_terminal_size((140, 24)).columns
            shown = _table_columns(width)
            table = Table(show_lines=True)
            for name, column_width in shown.items():
                table.add_column(name, width=column_width, overflow="fold")
            for row in self.rows:
                table.add_row(*(str(row[name] or "") for name in shown))
            Console(file=self.handle, width=width).print(table)


_MARKDOWN = ("doc", "speaker", "cue", "type", "date", "topics", "content")


# Table columns in the order they are given up when the terminal is narrow, and their widths.
_TABLE_PRIORITY = (("doc", 16), ("speaker", 16), ("date", 10), ("type", 12), ("cue", 9),
                   ("topics", 16))
_TABLE_ORDER = ("doc", "speaker", "cue", "type", "date", "topics", "content")
_MIN_CONTENT = 30


def _table_columns(width: int) -> dict[str, int]:
    """Which columns fit in ``width`` beside a readable content column, and how wide each is:
    a table wider than the screen wraps into noise."""
    used = 1 + 3 + _MIN_CONTENT  # outer border, content's padding and border, content
    widths = {}
    for name, column_width in _TABLE_PRIORITY:
        if used + column_width + 3 <= width:
            widths[name] = column_width
            used += column_width + 3
    widths["content"] = _MIN_CONTENT + max(0, width - used)
    return {name: widths[name] for name in _TABLE_ORDER if name in widths}


class Output:
    """Where a run's records go as each article is done: standard output, flushed after
    each article, or ``-o FILE`` through a ``PartialFile`` (journalled for ``resume``)."""

    def __init__(self, path: Path | None, fmt: str = "jsonl", resume: bool = False):
        self.file = PartialFile(path, journal=resume) if path and str(path) != "-" else None
        if self.file is None and sys.stdout is None:
            raise OutputError("standard output is closed; give -o FILE")
        self.handle = self.file.handle if self.file else sys.stdout
        self.done = self.file.done if self.file else set()
        self.stream = Stream(self.handle, fmt)

    def emit(self, outcome) -> None:
        self.stream.write(outcome.records)
        if self.file:
            self.file.finished(outcome.where, outcome.doc)
        else:
            self.handle.flush()

    def close(self) -> None:
        """All went well: end the format, and put FILE in place."""
        self.stream.close()
        self.handle.flush()
        if self.file:
            self.file.commit()

    def abandon(self, resumable: bool = False) -> None:
        """The run stopped: FILE is not written; with ``resumable`` its partial file and
        journal stay for --resume."""
        if self.file:
            self.file.keep() if resumable else self.file.discard()


class Parts:
    """``--partitioned DIR``: the records of every ``size`` articles in a file of their own,
    DIR/part-00000.jsonl, part-00001.jsonl…, each whole or absent (a ``PartialFile``);
    together, in order, the bytes of ``-o FILE``. A run that stops keeps the parts it
    completed. DIR is created if missing and must hold no part files yet."""

    def __init__(self, folder: Path, size: int = 1000):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"--partitioned {folder}: cannot create it: "
                              f"{exc.strerror or exc}") from None
        if next(folder.glob("part-*.jsonl*"), None):
            raise OutputError(f"--partitioned {folder}: holds part files already")
        self.folder, self.size, self.count, self.file = folder, size, 0, None
        self.done: set = set()

    def emit(self, outcome) -> None:
        if self.file is None:
            self.file = PartialFile(self.folder / f"part-{self.count // self.size:05d}.jsonl")
        self.file.handle.write("".join(dumps(record) + "\n" for record in outcome.records))
        self.count += 1
        if self.count % self.size == 0:
            self.close()

    def close(self) -> None:
        if self.file:
            self.file.commit()
            self.file = None

    def abandon(self, resumable: bool = False) -> None:
        if self.file:
            self.file.discard()
