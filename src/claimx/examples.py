"""Run the ``examples:`` of rule entries: a sentence and what must (not) come out of it.

This is how a rule author tests a rule: ``claimx rules test`` reports each failing
example with the file and entry id of the rule that carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .record import Claim
from .rules import Rules

LEAD = "Example\n\nThe following is an example.\n\n"  # headline and a plain first paragraph
FIELDS = ("speaker", "cue", "type", "kind", "date", "topics")


@dataclass
class Example:
    path: Path | None
    file: str
    section: str
    entry: str
    spec: dict

    @property
    def where(self) -> str:
        return f"{self.path or self.file + '.yaml'} {self.section}:{self.entry}"


@dataclass
class Failure:
    example: Example
    problem: str


def collect(rules: Rules) -> list[Example]:
    found = []
    for file, sections in rules.sections.items():
        for section, entries in sections.items():
            if not isinstance(entries, dict):
                continue
            for entry_id, entry in entries.items():
                if not isinstance(entry, dict):
                    continue
                for spec in entry.get("examples", []):
                    found.append(Example(rules.origins.get((file, section, entry_id)), file,
                                         section, entry_id, spec))
    return found


def run(extractor, examples: list[Example]) -> list[Failure]:
    articles = [extractor.read(LEAD + ex.spec["text"], doc_id=f"example-{i}",
                               published=date.fromisoformat(ex.spec.get("published",
                                                                        "2020-01-06")))
                for i, ex in enumerate(examples)]
    failures = []
    for ex, result in zip(examples, extractor.pipe(articles), strict=True):
        problem = check(ex.spec, result.claims)
        if problem:
            failures.append(Failure(ex, problem))
    return failures


def check(spec: dict, claims: list[Claim]) -> str | None:
    """Why the claims do not fit the example, or None when they do."""
    if "claims" in spec and len(claims) != spec["claims"]:
        return f"expected {spec['claims']} claims, got {len(claims)}: {_brief(claims)}"
    wanted = {k: spec[k] for k in FIELDS if k in spec}
    if not wanted:
        return None
    for claim in claims:
        got = {"speaker": claim.speaker.name, "cue": claim.cue.lemma, "type": claim.type,
               "kind": claim.kind, "date": claim.date.value,
               "topics": [t.name for t in claim.topics]}
        if all(got[k] == v for k, v in wanted.items()):
            return None
    expected = ", ".join(f"{k}={v}" for k, v in wanted.items())
    return f"no claim with {expected}; got: {_brief(claims)}"


def _brief(claims: list[Claim]) -> str:
    return "; ".join(f"[{c.cue.lemma} {c.type} by {c.speaker.name} on {c.date.value} "
                     f"topics {[t.name for t in c.topics]}]" for c in claims) or "nothing"
