"""The schema of every rule file, as pydantic models: the one source of truth.

``claimx rules check`` and the loading done for ``extract`` both validate through
these models, so what one accepts the other runs. Models are strict (5 is no
string, "yes" no boolean), refuse unknown keys and bound every value (lengths,
ranges, enumerations, compiled regexes, spaCy patterns checked by spaCy's own
validator): a rule file is input from anyone, and must not crash, hang or fill
memory later. rules/README.md documents these fields and a test holds it to them.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from .patterns import compile_regex, linear

TEXT_MAX = 500  # characters of a word, name or id
REGEX_MAX = 2000
LIST_MAX = 1000  # items of a word list
PATTERNS_MAX = 100  # spaCy patterns of an entry
TOKENS_MAX = 50  # token mappings of one spaCy pattern


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _regex(value: str) -> str:
    try:
        compile_regex(value)
    except ValueError as exc:
        raise ValueError(f"bad regular expression: {exc}") from None
    return value


def _iso_date(value: str) -> str:
    date.fromisoformat(value)  # its ValueError says what is wrong
    return value


def _spacy_pattern(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    flag = _boolean(pattern)
    if flag is not None:
        raise ValueError(f"YAML read {flag} as true/false; quote it")
    matcher = _matcher()
    try:
        matcher.add("pattern", [pattern])
    except Exception as exc:  # spaCy raises ValueError/MatchPatternError with details
        details = [ln.strip("- ") for ln in str(exc).splitlines() if ln.startswith("- [")]
        raise ValueError(f"bad spaCy pattern: {(details or [str(exc).strip()])[0][:200]}"
                         ) from None
    matcher.remove("pattern")
    linear([pattern])  # its REGEX predicates must compile for RE2
    return pattern


@cache
def _matcher():
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    return Matcher(Vocab(), validate=True)


def _boolean(node: Any, key: str = "") -> str | None:
    """Where YAML turned an unquoted word (no, yes, off, false) into a boolean."""
    if isinstance(node, bool) and key != "OP" and key.upper() not in BOOL_KEYS:
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


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def items(item: Any, most: int = LIST_MAX) -> Any:
    return Annotated[list[item], Field(min_length=1, max_length=most)]


Text = Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_not_blank)]
Words = items(Text)
WordOrWords = Annotated[Words, BeforeValidator(_as_list)]  # "say" or [say, state]
Regex = Annotated[str, Field(min_length=1, max_length=REGEX_MAX), AfterValidator(_regex)]
SpacyPattern = Annotated[list[dict[str, Any]], Field(min_length=1, max_length=TOKENS_MAX),
                         AfterValidator(_spacy_pattern)]
Patterns = items(SpacyPattern, PATTERNS_MAX)
ClaimType = Literal["statement", "accusation", "denial", "proposal", "pledge", "demand",
                    "warning", "criticism", "announcement", "belief"]
TopicType = Literal["treaty", "missile", "launcher", "weapon class", "programme"]
SpeakerType = Literal["person", "organisation", "country"]


class Example(Model):
    text: Annotated[str, Field(max_length=10 * TEXT_MAX), AfterValidator(_not_blank)]
    published: Annotated[str, Field(max_length=10), AfterValidator(_iso_date)] = None
    speaker: Text = None
    cue: Text = None
    type: ClaimType = None
    kind: Literal["direct", "indirect", "mixed"] = None
    date: Annotated[str, Field(pattern=r"^\d{4}(-\d\d){0,2}$")] = None
    topics: Annotated[list[Text], Field(max_length=50)] = None  # []: no topics
    claims: Annotated[int, Field(ge=0, le=1000)] = None


class Entry(Model):
    id: Text
    examples: items(Example, 100) = None


# -- cues.yaml ---------------------------------------------------------------------
class Cue(Entry):
    lemma: WordOrWords
    type: ClaimType
    object: Literal["content", "addressee"] = None
    frame: Literal["verb", "source", "noun"] = None
    content: Literal["clause", "quote", "any"] = None
    needs: Words = None
    object_subjects: Words = None
    refine: bool = None
    confidence: Annotated[float, Field(ge=0, le=1)] = None


class TypeRule(Entry):
    type: ClaimType
    at: Literal["start", "anywhere"] = None
    subject: Literal["own", "other"] = None
    main_clause: bool = None
    patterns: Patterns


class ContentNouns(Model):
    id: Text
    lemma: WordOrWords


class CuesFile(Model):
    cues: list[Cue] = None
    type_rules: list[TypeRule] = None
    content_nouns: list[ContentNouns] = None


# -- speakers.yaml -----------------------------------------------------------------
class Entity(Entry):
    name: Text
    type: SpeakerType
    aliases: Words = None
    adjectives: Words = None
    affiliation: Text = None


class Person(Entry):
    name: Text
    title: Text = None
    affiliation: Text = None
    gender: Literal["f", "m"] = None
    aliases: Words = None


class TitleGroup(Entry):
    words: Words
    role: Text = None
    generic: bool = None


class Pronouns(Model):
    id: Text
    words: Words
    refers_to: items(Literal["person", "organisation", "country", "group"], 4)


class Institutions(Model):
    id: Text
    words: Words
    stands_for: Literal["country", "institution"] = None


class SpeakersFile(Model):
    entities: list[Entity] = None
    people: list[Person] = None
    titles: list[TitleGroup] = None
    pronouns: list[Pronouns] = None
    institutions: list[Institutions] = None


# -- dates.yaml --------------------------------------------------------------------
class Expression(Entry):
    words: Words
    anchor: Annotated[str, Field(pattern=r"^(weekend|(day|week|month|year|reference):-?\d{1,4})$")]
    granularity: Literal["day", "week", "month", "year"] = None


class Durations(Model):
    id: Text
    patterns: Patterns


class DateSettings(Model):
    """The dateparser settings claimx lets a rule file change."""

    PREFER_DATES_FROM: Literal["past", "future", "current_period"] = None
    PREFER_DAY_OF_MONTH: Literal["first", "last", "current"] = None
    RETURN_AS_TIMEZONE_AWARE: bool = None
    DATE_ORDER: Literal["DMY", "MDY", "YMD", "YDM", "DYM", "MYD"] = None
    PREFER_LOCALE_DATE_ORDER: bool = None
    STRICT_PARSING: bool = None


class DatesFile(Model):
    expressions: list[Expression] = None
    durations: list[Durations] = None
    settings: DateSettings = None


# -- topics.yaml -------------------------------------------------------------------
class Topic(Entry):
    name: Text
    type: TopicType
    aliases: Words = None
    patterns: Patterns = None
    country: Text = None
    wikidata: Annotated[str, Field(pattern=r"^Q\d{1,12}$")] = None


class Anaphora(Model):
    id: Text
    words: Words
    type: TopicType = None


class TopicsFile(Model):
    topics: list[Topic] = None
    anaphora: list[Anaphora] = None


# -- article.yaml ------------------------------------------------------------------
class Layout(Model):
    id: Text
    pattern: Regex


class Skip(Layout):
    kind: Text = None


class Headings(Model):
    max_words: Annotated[int, Field(ge=1, le=100)] = None


class Interview(Model):
    question: Regex = None
    answer: Regex = None
    label: Regex = None


class ArticleFile(Model):
    header: list[Layout] = None
    datelines: list[Layout] = None
    skip: list[Skip] = None
    end: list[Layout] = None
    headings: Headings = None
    interview: Interview = None


FILES: dict[str, type[Model]] = {"cues": CuesFile, "speakers": SpeakersFile,
                                 "dates": DatesFile, "topics": TopicsFile,
                                 "article": ArticleFile}


def problems(name: str, data: Any) -> list[tuple[tuple, str, bool]]:
    """Every problem of one file's data: where (a path into it, and whether the key
    itself is meant rather than its value) and what."""
    found = []
    try:
        FILES[name].model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, kind = error["loc"], error["type"]
            if kind == "extra_forbidden":
                allowed = ", ".join(model_at(FILES[name], loc[:-1]).model_fields)
                found.append((loc, f"{field_name(loc[:-1])}: unknown key '{loc[-1]}' "
                              f"(allowed: {allowed})", True))
                continue
            message = (str(error["ctx"]["error"]) if kind == "value_error"
                       else "required" if kind == "missing"
                       else "Input should be a mapping" if kind in ("model_type", "dict_type")
                       else error["msg"])
            if kind.endswith("_type"):
                message += f", not {YAML_TYPES.get(type(error['input']), 'that')}"
            found.append((loc, f"{field_name(loc)}: {message}", False))
    for key, entries in data.items() if isinstance(data, dict) else ():
        seen = set()
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(entry_id, str) and entry_id in seen:
                found.append(((key, i, "id"), f"{key}[{i}].id: duplicate id '{entry_id}'",
                              False))
            seen.add(entry_id)
    return found


YAML_TYPES = {str: "a string", int: "a number", float: "a number", bool: "true/false",
              list: "a list", dict: "a mapping", type(None): "nothing"}


def field_name(loc: tuple) -> str:
    """``topics[3].aliases[0]``: a path into a file's data, as errors name it."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}"
                   for step in loc).lstrip(".") or "(top level)"


def model_at(model: type[Model], loc: tuple) -> type[Model]:
    """The model that validates the mapping at ``loc``."""
    for step in loc:
        if isinstance(step, str):
            model = inner_model(model.model_fields[step].annotation)
    return model


def inner_model(annotation: Any) -> type[Model] | None:
    """The model inside a field's type (``list[Cue]`` gives Cue), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for a in get_args(annotation) if (m := inner_model(a))), None)
