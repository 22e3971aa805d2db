"""Load, validate and overlay the YAML rule files.

Rules are data the user edits, so every problem is reported as one line naming
file, line and column; what is valid is declared once, in :mod:`claimx.schema`,
for ``rules check`` and ``extract`` alike, and :mod:`claimx.yamlfile` reads each
file within bounds. Folders overlay the defaults entry by entry (same ``id``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .schema import problems
from .yamlfile import RuleError, duplicate_keys, position, read_yaml

RULE_FILES = ("cues", "speakers", "dates", "topics", "article")
ENV_RULES = "CLAIMX_RULES"


@dataclass
class Rules:
    """All rule sections, merged over the rule folders in order."""

    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)
    origins: dict[tuple[str, str, str], Path] = field(default_factory=dict)  # entry -> file

    def entries(self, file: str, section: str) -> list[dict]:
        return list(self.sections.get(file, {}).get(section, {}).values())

    def mapping(self, file: str, section: str) -> dict:
        return dict(self.sections.get(file, {}).get(section, {}))


def default_rules_dir() -> Path:
    """The rules shipped in the wheel, or the checkout's ``rules/`` in development."""
    packaged = resources.files("claimx") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"


def rule_dirs(extra: list[Path] | None = None, defaults: bool = True) -> list[Path]:
    """The default rules, then $CLAIMX_RULES, then ``extra``; a name that is no folder
    here but an overlay shipped with claimx ("extended") means that overlay."""
    packaged = default_rules_dir()
    dirs = [packaged] if defaults else []
    env = os.environ.get(ENV_RULES)
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += list(extra or [])
    return [packaged / d.name if not d.exists() and len(d.parts) == 1
            and (packaged / d.name).is_dir() else d for d in dirs]


def load_rules(extra: list[Path] | None = None, defaults: bool = True) -> Rules:
    """Merge the default rules with the user's folders; raise listing every problem.
    Unchanged files are read once per process: ``extract`` checks the rules before it
    loads the model, whose component loads them again."""
    folders = tuple(rule_dirs(extra, defaults))
    return _load(folders, tuple(_signature(f / f"{n}.yaml") for f in folders for n in RULE_FILES))


def _signature(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


@lru_cache(maxsize=4)
def _load(folders: tuple[Path, ...], signature: tuple) -> Rules:
    errors: list[RuleError] = []
    rules = Rules()
    for folder in folders:
        if not folder.is_dir():
            errors.append(RuleError(folder, "rule folder not found"))
            continue
        for name in RULE_FILES:
            path = folder / f"{name}.yaml"
            if path.exists():
                data = _load_file(path, name, errors)
                if data is not None:
                    _merge(rules, name, data)
                    rules.sources.append(path)
                    rules.origins.update({(name, sec, e["id"]): path
                                          for sec, v in data.items() if isinstance(v, list)
                                          for e in v})
    if errors:
        raise RuleErrors(errors)
    return rules


class RuleErrors(Exception):
    """Every problem found while loading, one line each."""

    def __init__(self, errors: list[RuleError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _merge(rules: Rules, name: str, data: dict) -> None:
    target = rules.sections.setdefault(name, {})
    for section, value in data.items():
        if isinstance(value, list):
            bucket = target.setdefault(section, {})
            for entry in value:
                bucket[entry["id"]] = entry  # same id replaces the earlier entry
        else:
            target.setdefault(section, {}).update(value or {})


def _load_file(path: Path, name: str, errors: list[RuleError]) -> dict | None:
    try:
        root, data = read_yaml(path)
    except RuleError as exc:
        errors.append(exc)
        return None
    found = [RuleError(path, message, line, col) for message, line, col in duplicate_keys(root)]
    found += [RuleError(path, message, *position(root, loc, key))
              for loc, message, key in problems(name, data)]
    errors += sorted(found, key=lambda e: (e.line or 0, e.col or 0))
    return None if found else data


def summary(rules: Rules) -> dict[str, int]:
    """What the merged rules hold, for ``claimx rules check``."""
    aliases = sum(len(e.get("aliases", [])) for e in rules.entries("topics", "topics"))
    lemmas = sum(len(e["lemma"]) if isinstance(e["lemma"], list) else 1
                 for e in rules.entries("cues", "cues"))
    return {"cue groups": len(rules.entries("cues", "cues")), "cue words": lemmas,
            "type rules": len(rules.entries("cues", "type_rules")),
            "topics": len(rules.entries("topics", "topics")), "topic aliases": aliases,
            "entities": len(rules.entries("speakers", "entities")),
            "people": len(rules.entries("speakers", "people")),
            "title groups": len(rules.entries("speakers", "titles")),
            "date expressions": len(rules.entries("dates", "expressions")),
            "layout patterns": sum(len(rules.entries("article", k))
                                   for k in ("header", "datelines", "skip", "end"))}
