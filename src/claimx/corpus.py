"""A corpus's speakers: one row per speaker id, the view for counting claims per speaker."""

from __future__ import annotations

from collections.abc import Iterable

from .record import SCHEMA_ID

UNSPELT = ("pronoun", "previous", "interview", "pair", "document")  # no spelling of the name


def speaker_table(records: Iterable[dict]) -> list[dict]:
    """Each speaker id with its canonical name, the spellings its mentions used, and how
    many claims and articles it has; most claims first."""
    rows: dict[str, dict] = {}
    for record in records:
        speaker = record.get("speaker") or {}
        if record.get("schema") != SCHEMA_ID or not speaker.get("id"):
            continue
        row = rows.setdefault(speaker["id"], {"id": speaker["id"], "name": speaker["name"],
                                              "type": speaker["type"], "variants": set(),
                                              "claims": 0, "articles": set()})
        row["claims"] += 1
        row["articles"].add(record["doc"])
        if speaker.get("mention") and speaker.get("resolved") not in UNSPELT:
            row["variants"].add(speaker["mention"])
    return [{**row, "variants": sorted(row["variants"]), "articles": len(row["articles"])}
            for row in sorted(rows.values(), key=lambda r: (-r["claims"], r["id"]))]
