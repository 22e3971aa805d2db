"""Load, validate and overlay the YAML rule files.

Rules are data the user edits, so every problem is reported as one line naming
file, line and column. YAML goes through PyYAML's safe loader only (its libyaml
build when installed, which is the same safe constructor, ~10x faster): the text
is composed once, the node tree locates errors, and the safe constructor builds
the data, so no Python object is ever made from a YAML tag.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

RULE_FILES = ("cues", "speakers", "dates", "topics", "article")
ENV_RULES = "CLAIMX_RULES"


class RuleError(Exception):
    """One problem in one rule file, printed as ``file:line:col: message``."""

    def __init__(self, path: Path | str, message: str, line: int | None = None,
                 col: int | None = None):
        self.path, self.message, self.line, self.col = str(path), message, line, col
        where = self.path + (f":{line}" if line else "") + (f":{col}" if col else "")
        super().__init__(f"{where}: {message}")


# Each file's schema: list sections are keyed by entry id and merged by id in
# overlays; mapping sections are merged key by key.  Entry fields give the
# accepted Python types; a field in ``REQUIRED`` must be present.
STR, LIST, BOOL, NUM = (str,), (list,), (bool,), (int, float)
STRS = (str, list)
SCHEMA: dict[str, dict[str, dict[str, tuple]]] = {
    "cues": {
        "cues": {"id": STR, "lemma": STRS, "type": STR, "object": STR, "frame": STR,
                 "content": STR, "needs": LIST, "refine": BOOL, "confidence": NUM,
                 "examples": LIST},
        "type_rules": {"id": STR, "type": STR, "at": STR, "patterns": LIST, "examples": LIST},
        "content_nouns": {"id": STR, "lemma": STRS},
    },
    "speakers": {
        "entities": {"id": STR, "name": STR, "type": STR, "aliases": LIST,
                     "adjectives": LIST, "examples": LIST},
        "people": {"id": STR, "name": STR, "title": STR, "affiliation": STR, "gender": STR,
                   "aliases": LIST, "examples": LIST},
        "titles": {"id": STR, "words": LIST, "role": STR, "generic": BOOL, "examples": LIST},
        "pronouns": {"id": STR, "words": LIST, "refers_to": LIST},
        "institutions": {"id": STR, "words": LIST, "stands_for": STR},
    },
    "dates": {
        "expressions": {"id": STR, "words": LIST, "anchor": STR, "granularity": STR,
                        "examples": LIST},
        "durations": {"id": STR, "patterns": LIST},
        "settings": None,
    },
    "topics": {
        "topics": {"id": STR, "name": STR, "type": STR, "aliases": LIST, "patterns": LIST,
                   "wikidata": STR, "examples": LIST},
        "anaphora": {"id": STR, "words": LIST, "type": STR},
    },
    "article": {
        "header": {"id": STR, "pattern": STR, "field": STR},
        "datelines": {"id": STR, "pattern": STR},
        "skip": {"id": STR, "pattern": STR, "kind": STR},
        "end": {"id": STR, "pattern": STR},
        "headings": None,
        "interview": None,
    },
}
REQUIRED = {
    ("cues", "cues"): ("id", "lemma", "type"),
    ("cues", "type_rules"): ("id", "type", "patterns"),
    ("speakers", "entities"): ("id", "name", "type"),
    ("topics", "topics"): ("id", "name", "type"),
}
CHOICES = {
    ("cues", "type"): {"statement", "accusation", "denial", "proposal", "pledge", "demand",
                       "warning", "criticism", "announcement", "belief"},
    ("cues", "object"): {"content", "addressee"},
    ("cues", "frame"): {"verb", "source", "noun"},
    ("cues", "content"): {"clause", "quote", "any"},
    ("cues", "at"): {"start", "anywhere"},
    ("topics", "type"): {"treaty", "missile", "launcher", "weapon class", "programme"},
    ("speakers", "type"): {"person", "organisation", "country"},
    ("speakers", "gender"): {"f", "m"},
}
REGEX_FIELDS = {"pattern"}


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
    """Merge the default rules with the user's folders; raise on the first broken file."""
    errors: list[RuleError] = []
    rules = Rules()
    for folder in rule_dirs(extra, defaults):
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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(RuleError(path, f"cannot read rule file: {exc}"))
        return None
    try:
        lines = _LineIndex(text)
        data = lines.data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        errors.append(RuleError(path, f"invalid YAML: {problem}",
                                mark.line + 1 if mark else None,
                                mark.column + 1 if mark else None))
        return None
    if data is None:
        return {}
    before = len(errors)
    for key, line, col in _duplicate_keys(lines.root):
        errors.append(RuleError(path, f"duplicate key '{key}' (YAML keeps only the last)",
                                line, col))
    if not isinstance(data, dict):
        errors.append(RuleError(path, "expected a mapping of sections at the top level", 1, 1))
        return None
    _validate(path, name, data, lines, errors)
    return data if len(errors) == before else None


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineIndex:
    """The composed YAML document: its data, and the line and column of any path in it."""

    def __init__(self, text: str):
        self.loader = SAFE_LOADER(text)
        try:
            self.root = self.loader.get_single_node()
        finally:
            self.loader.dispose()

    def data(self):
        """What ``yaml.safe_load`` would return, built from the same node tree."""
        return None if self.root is None else self.loader.construct_document(self.root)

    def at(self, *path: Any) -> tuple[int | None, int | None]:
        node, found = self.root, self.root
        for key in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if key < len(node.value) else None
            else:
                node = None
            if node is None:
                break
            found = node
        if found is None:
            return None, None
        return found.start_mark.line + 1, found.start_mark.column + 1

    def key(self, *path: Any) -> tuple[int | None, int | None]:
        """Position of the last key itself (for unknown keys)."""
        parent = self.root
        for key in path[:-1]:
            if isinstance(parent, yaml.MappingNode):
                parent = next((v for k, v in parent.value if k.value == key), None)
            elif isinstance(parent, yaml.SequenceNode) and isinstance(key, int):
                parent = parent.value[key]
        if isinstance(parent, yaml.MappingNode):
            for k, _ in parent.value:
                if k.value == path[-1]:
                    return k.start_mark.line + 1, k.start_mark.column + 1
        return self.at(*path[:-1])


def _duplicate_keys(node) -> list[tuple[str, int, int]]:
    """Keys given twice in one mapping: safe_load would silently keep the last."""
    found = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                found.append((key.value, key.start_mark.line + 1, key.start_mark.column + 1))
            seen.add(key.value)
            found += _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(item)
    return found


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


def _validate(path: Path, name: str, data: dict, lines: _LineIndex,
              errors: list[RuleError]) -> None:
    schema = SCHEMA[name]

    def err(msg: str, *where: Any, key: bool = False) -> None:
        line, col = (lines.key if key else lines.at)(*where)
        errors.append(RuleError(path, msg, line, col))

    for section, value in data.items():
        if section not in schema:
            err(f"unknown section '{section}' (expected one of: {', '.join(schema)})",
                section, key=True)
            continue
        fields = schema[section]
        if fields is None:
            if not isinstance(value, dict):
                err(f"section '{section}' must be a mapping", section)
            continue
        if not isinstance(value, list):
            err(f"section '{section}' must be a list of entries", section)
            continue
        seen: set[str] = set()
        for i, entry in enumerate(value):
            if not isinstance(entry, dict):
                err(f"{section}[{i}] must be a mapping with an 'id'", section, i)
                continue
            for key, val in entry.items():
                if key not in fields:
                    err(f"unknown key '{key}' in {section} entry "
                        f"'{entry.get('id', i)}' (allowed: {', '.join(fields)})",
                        section, i, key, key=True)
                elif not isinstance(val, fields[key]) or isinstance(val, bool) != (
                        fields[key] == BOOL):
                    want = " or ".join(t.__name__ for t in fields[key])
                    err(f"'{key}' must be {want}, not {type(val).__name__}", section, i, key)
                elif key in REGEX_FIELDS:
                    try:
                        re.compile(val)
                    except re.error as exc:
                        err(f"bad regular expression in '{key}': {exc}", section, i, key)
                elif key == "examples":
                    _check_examples(val, lambda m, j, s=section, i=i: err(m, s, i, "examples", j))
                elif key == "patterns":
                    _check_patterns(val, lambda m, j, s=section, k=key, i=i: err(m, s, i, k, j))
                elif (name, key) in CHOICES and val not in CHOICES[(name, key)]:
                    err(f"'{key}' must be one of {sorted(CHOICES[(name, key)])}, not '{val}'",
                        section, i, key)
            missing = [k for k in REQUIRED.get((name, section), ("id",)) if k not in entry]
            if missing:
                err(f"{section} entry '{entry.get('id', i)}' lacks {', '.join(missing)}",
                    section, i)
            entry_id = entry.get("id")
            if entry_id in seen:
                err(f"duplicate id '{entry_id}' in {section}", section, i, "id")
            seen.add(entry_id)


EXAMPLE_KEYS = {"text": str, "published": str, "speaker": str, "cue": str, "type": str,
                "kind": str, "date": str, "topics": list, "claims": int}


def _check_examples(examples: list, err) -> None:
    """Each example: a `text` and what must come out of it (see rules/README.md)."""
    for j, example in enumerate(examples):
        if not isinstance(example, dict) or not isinstance(example.get("text"), str):
            err("each example needs a 'text' string", j)
            continue
        for key, val in example.items():
            if key not in EXAMPLE_KEYS:
                err(f"unknown example key '{key}' (allowed: {', '.join(EXAMPLE_KEYS)})", j)
            elif not isinstance(val, EXAMPLE_KEYS[key]) or isinstance(val, bool):
                err(f"example '{key}' must be {EXAMPLE_KEYS[key].__name__}", j)


def _check_patterns(patterns: list, err) -> None:
    """A pattern list is spaCy Matcher syntax: a list of token dicts."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    matcher = Matcher(Vocab(), validate=True)
    for j, pattern in enumerate(patterns):
        if not isinstance(pattern, list) or not all(isinstance(t, dict) for t in pattern):
            err("each pattern must be a list of token mappings (spaCy Matcher syntax)", j)
            continue
        flag = _boolean(pattern)
        if flag is not None:
            err(f"bad spaCy pattern: YAML read {flag} as true/false; quote it", j)
            continue
        try:
            matcher.add(f"p{j}", [pattern])
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError with details
            details = [ln.strip("- ") for ln in str(exc).splitlines() if ln.startswith("- [")]
            err(f"bad spaCy pattern: {(details or [str(exc).strip()])[0][:200]}", j)


def _boolean(node: Any, key: str = "") -> str | None:
    """Where YAML turned an unquoted word (no, yes, off, false) into a boolean."""
    if isinstance(node, bool) and key not in ("OP",) and key.upper() not in BOOL_KEYS:
        return f"'{str(node).lower()}' in {key or 'a list'}"
    if isinstance(node, dict):
        return next((f for k, v in node.items() if (f := _boolean(v, k)) is not None), None)
    if isinstance(node, list):
        return next((f for v in node if (f := _boolean(v, key)) is not None), None)
    return None


BOOL_KEYS = {"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
             "IS_SPACE", "IS_STOP", "IS_SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
             "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
             "SPACY", "IS_OOV"}
