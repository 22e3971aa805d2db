"""Write records as JSONL: deterministic, and never half written."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
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


FORMATS = ("jsonl", "json", "csv", "table", "markdown")


def write_records(handle: IO[str], records: list[dict], fmt: str = "jsonl") -> None:
    """Write in one of ``FORMATS``; the flat ones (csv, table, markdown) hold claims only."""
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

        table = Table("speaker", "cue", "type", "date", "topics", "content", show_lines=True)
        for row in rows:
            table.add_row(row["speaker"] or "", row["cue"], row["type"], row["date"] or "",
                          row["topics"], row["content"])
        Console(file=handle, width=160).print(table)
