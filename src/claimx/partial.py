"""``-o FILE``: written as ``FILE.partial`` and renamed over FILE once complete, so FILE is
never half written.

With a journal (``--resume``), each finished article is recorded beside the partial file
as ``[input number, doc id, size of the partial file after it]``. A later run reads it,
cuts the partial file back to the last size recorded (dropping an article written in
part) and skips the articles recorded: no record is written twice or in part.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from pathlib import Path


class OutputError(Exception):
    """An output that cannot be written; one line, said before any work is done."""


class PartialFile:
    def __init__(self, path: Path, journal: bool = False):
        self.path = Path(path)
        if self.path.is_dir():
            raise OutputError(f"-o {path}: is a directory")
        if not self.path.parent.is_dir():
            raise OutputError(f"-o {path}: no such folder: {self.path.parent}")
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.journal_path = self.path.with_name(self.path.name + ".journal") if journal else None
        self.done, size = self._journal() if journal else (set(), 0)
        try:
            mode = "r+" if size else "w"
            self.handle = open(self.partial, mode, encoding="utf-8", newline="\n")  # noqa: SIM115
            self.handle.truncate(size)
            self.handle.seek(size)
            self.journal = open(self.journal_path, "a" if size else "w",  # noqa: SIM115
                                encoding="utf-8") if journal else None
        except OSError as exc:
            raise OutputError(f"-o {path}: cannot write: {exc.strerror or exc}") from None

    def _journal(self) -> tuple[set[tuple[int, str]], int]:
        """The articles an interrupted run finished, and the partial file's size after the
        last of them; nothing when there is no consistent partial file to continue."""
        try:
            lines = self.journal_path.read_text(encoding="utf-8").splitlines(keepends=True)
            have = self.partial.stat().st_size
        except (OSError, UnicodeDecodeError):
            return set(), 0
        done, size = set(), 0
        for line in lines:
            try:
                index, doc, after = json.loads(line)
            except ValueError:
                break  # a line cut short by the interruption
            if not line.endswith("\n") or after > have:
                break
            done.add((index, doc))
            size = after
        return done, size

    def finished(self, index: int, doc: str) -> None:
        """Everything of article ``index`` is written: flush it, then journal it."""
        self.handle.flush()
        if self.journal:
            size = os.fstat(self.handle.fileno()).st_size
            self.journal.write(json.dumps([index, doc, size], ensure_ascii=False) + "\n")
            self.journal.flush()

    def commit(self) -> None:
        self._close()
        os.replace(self.partial, self.path)
        self._remove(self.journal_path)

    def discard(self) -> None:
        self._close()
        self._remove(self.partial, self.journal_path)

    def keep(self) -> None:
        """Leave the partial file and its journal for ``--resume``."""
        self._close()

    def _close(self) -> None:
        for handle in (self.handle, self.journal):
            if handle:
                with suppress(OSError):  # the write error itself was reported
                    handle.close()

    @staticmethod
    def _remove(*paths: Path | None) -> None:
        for path in paths:
            if path:
                path.unlink(missing_ok=True)
