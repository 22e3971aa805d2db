"""Write records as JSONL: deterministic, and never half written."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


@contextmanager
def open_output(path: Path | None):
    """Standard output, or a temporary file renamed over ``path`` only when all went well."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Format(str, Enum):
    """Output formats; an enum so that ``--help`` lists them."""

    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"
    markdown = "markdown"


def write_records(handle: IO[str], records: list[dict], fmt: str = "jsonl") -> None:
    """Write in one of the ``Format``s; the flat ones (csv, table, markdown) hold claims only.

    The table is as wide as the terminal (``COLUMNS`` when set, 140 when there is none)."""
    if fmt == "jsonl":
        for record in records:
            handle.write(dumps(record) + "\n")
        return
    if fmt == "json":
        handle.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return
    from .record import FLAT_COLUMNS, SCHEMA_ID, flat

    rows = [flat(r) for r in records if r.get("schema") == SCHEMA_ID]
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(handle, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "markdown":
        columns = ("doc", "speaker", "cue", "type", "date", "topics", "content")
        handle.write("| " + " | ".join(columns) + " |\n")
        handle.write("|" + " --- |" * len(columns) + "\n")
        for row in rows:
            cells = (str(row[c] or "").replace("|", "\\|").replace("\n", " ") for c in columns)
            handle.write("| " + " | ".join(cells) + " |\n")
    else:
        from rich.console import Console
        from rich.table import Table

        width = shutil.get_terminal_size((140, 24)).columns
        shown = _table_columns(width)
        table = Table(show_lines=True)
        for name, column_width in shown.items():
            table.add_column(name, width=column_width, overflow="fold")
        for row in rows:
            table.add_row(*(str(row[name] or "") for name in shown))
        Console(file=handle, width=width).print(table)


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
