"""The claim record (schema ``claimx.claim/1``): plain dataclasses and their JSON form.

This module is the one place that says what a record holds; the writer, the
evaluator and ``claimx schema`` all go through it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

SCHEMA_ID = "claimx.claim/1"
ARTICLE_SCHEMA_ID = "claimx.article/1"


@dataclass
class Speaker:
    name: str | None
    mention: str | None
    type: str | None = None  # person | organisation | country | None
    start: int | None = None
    end: int | None = None
    resolved: str | None = None  # one of RESOLVED, or None
    title: str | None = None
    affiliation: str | None = None
    id: str | None = None  # the same for one speaker across articles (rules id or name key)


@dataclass
class Cue:
    text: str
    lemma: str
    start: int
    end: int


@dataclass
class Content:
    text: str
    start: int
    end: int
    parts: list[list[int]] = field(default_factory=list)  # [start, end] of each stretch


@dataclass
class When:
    value: str | None  # ISO date, or a YYYY-MM / YYYY prefix for coarser granularity
    text: str | None = None
    source: str | None = None  # sentence | context | published | None
    granularity: str | None = None  # day | week | month | year


@dataclass
class Topic:
    id: str
    name: str
    type: str
    mention: str


@dataclass
class Addressee:
    name: str
    mention: str


@dataclass
class ArticleRef:
    path: str | None
    title: str | None
    published: str | None
    author: str | None
    url: str | None = None  # only in records of articles that came with one

    def as_record(self) -> dict:
        record = asdict(self)
        if record["url"] is None:
            del record["url"]
        return record


@dataclass
class Claim:
    doc: str
    article: ArticleRef
    speaker: Speaker
    cue: Cue
    content: Content
    kind: str  # direct | indirect | mixed
    type: str
    date: When
    sentence: list[int]
    rule: str
    confidence: float
    topics: list[Topic] = field(default_factory=list)
    addressee: list[Addressee] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)

    def shift(self, offset: int) -> None:
        """Move every offset by ``offset`` (a claim found in a piece of a long text)."""
        if not offset:
            return
        if self.speaker.start is not None:
            self.speaker.start += offset
            self.speaker.end += offset
        self.cue.start += offset
        self.cue.end += offset
        self.content.start += offset
        self.content.end += offset
        self.content.parts = [[s + offset, e + offset] for s, e in self.content.parts]
        self.sentence = [s + offset for s in self.sentence]

    @property
    def id(self) -> str:
        """Stable across runs: the document and the claim's own offsets."""
        key = f"{self.doc}:{self.cue.start}:{self.content.start}:{self.content.end}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        body = asdict(self)
        record = {"schema": SCHEMA_ID, "id": self.id, "doc": body.pop("doc")}
        record.update(body, article=self.article.as_record())
        if not record["speakers"]:
            record["speakers"] = None
        return record

    @classmethod
    def from_dict(cls, record: dict) -> Claim:
        """The inverse of :meth:`to_dict` (a Doc keeps its claims as records; msgpack
        gives lists back as tuples)."""
        content = dict(record["content"], parts=[list(p) for p in record["content"]["parts"]])
        return cls(doc=record["doc"], article=ArticleRef(**record["article"]),
                   speaker=Speaker(**record["speaker"]), cue=Cue(**record["cue"]),
                   content=Content(**content), kind=record["kind"],
                   type=record["type"], date=When(**record["date"]),
                   sentence=list(record["sentence"]), rule=record["rule"],
                   confidence=record["confidence"],
                   topics=[Topic(**t) for t in record["topics"]],
                   addressee=[Addressee(**a) for a in record["addressee"]],
                   speakers=list(record["speakers"] or []))


RESOLVED = ("named", "surname", "known", "pronoun", "title", "alias", "pair", "document",
            "previous", "interview", "mention", "unresolved")
KINDS = ("direct", "indirect", "mixed")
TYPES = ("statement", "accusation", "denial", "proposal", "pledge", "demand", "warning",
         "criticism", "announcement", "belief")


def _object(fields: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "required": list(fields) if required is None else required,
            "properties": fields}


STR, INT, NSTR, NINT = ({"type": "string"}, {"type": "integer"}, {"type": ["string", "null"]},
                        {"type": ["integer", "null"]})

JSON_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "claimx claim",
    "type": "object",
    "required": ["schema", "id", "doc", "article", "speaker", "cue", "content", "kind", "type",
                 "date", "topics", "addressee", "sentence", "rule", "confidence"],
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "id": {"type": "string"},
        "doc": {"type": "string"},
        "article": _object({"path": NSTR, "title": NSTR, "author": NSTR,
                            "published": {"type": ["string", "null"], "format": "date"},
                            "url": STR}, ["path", "title", "author", "published"]),
        "speaker": _object({"name": NSTR, "mention": NSTR,
                            "type": {"enum": ["person", "organisation", "country", None]},
                            "start": NINT, "end": NINT, "resolved": {"enum": [*RESOLVED, None]},
                            "title": NSTR, "affiliation": NSTR, "id": NSTR},
                           ["name", "mention", "type", "start", "end"]),
        "speakers": {"type": ["array", "null"], "items": {"type": "string"}},
        "cue": _object({"text": STR, "lemma": STR, "start": INT, "end": INT}),
        "content": _object({"text": STR, "start": INT, "end": INT, "parts": {
            "type": "array", "items": {"type": "array", "items": INT, "minItems": 2,
                                       "maxItems": 2}}}, ["text", "start", "end"]),
        "kind": {"enum": list(KINDS)},
        "type": {"enum": list(TYPES)},
        "date": _object({"value": {"type": ["string", "null"],
                                   "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                         "text": NSTR,
                         "source": {"enum": ["sentence", "context", "published", None]},
                         "granularity": {"enum": ["day", "week", "month", "year", None]}}),
        "topics": {"type": "array", "items": _object(
            {"id": STR, "name": STR, "type": STR, "mention": STR})},
        "addressee": {"type": "array", "items": _object({"name": STR, "mention": STR})},
        "sentence": {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                     "maxItems": 2},
        "rule": {"type": "string"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    },
}


def article_record(doc_id: str, article: ArticleRef, claims: list[Claim],
                   topics: list[tuple[str, str, str]]) -> dict:
    """One line per article: who speaks (with every mention and claim id) and which
    topics it names how often. ``topics`` holds (id, name, type) per mention."""
    speakers: dict[str, dict] = {}
    for claim in claims:
        names = claim.speakers or [claim.speaker.name or claim.speaker.mention]
        for name in names:
            if not name:
                continue
            entry = speakers.setdefault(name, {"name": name, "type": None, "mentions": [],
                                               "claims": []})
            if name == claim.speaker.name:
                entry["type"] = entry["type"] or claim.speaker.type
                mention = claim.speaker.mention
                if mention and mention not in entry["mentions"]:
                    entry["mentions"].append(mention)
            entry["claims"].append(claim.id)
    counts: dict[str, dict] = {}
    for topic_id, name, kind in topics:
        entry = counts.setdefault(topic_id, {"id": topic_id, "name": name, "type": kind,
                                             "count": 0})
        entry["count"] += 1
    return {"schema": ARTICLE_SCHEMA_ID, "doc": doc_id, "article": article.as_record(),
            "claims": len(claims), "speakers": list(speakers.values()),
            "topics": sorted(counts.values(), key=lambda t: (-t["count"], t["name"]))}


FLAT_COLUMNS = ("id", "doc", "path", "title", "published", "speaker", "speaker_mention",
                "speaker_type", "speaker_title", "speaker_affiliation", "speaker_id", "cue",
                "kind", "type", "date", "date_source", "topics", "topic_ids", "addressee",
                "content", "content_start", "content_end", "confidence", "rule")


def flat(record: dict) -> dict:
    """One claim record as flat columns (CSV, tables); lists joined with '; '."""
    return {
        "id": record["id"], "doc": record["doc"], "path": record["article"]["path"],
        "title": record["article"]["title"], "published": record["article"]["published"],
        "speaker": record["speaker"]["name"], "speaker_mention": record["speaker"]["mention"],
        "speaker_type": record["speaker"]["type"], "speaker_title": record["speaker"]["title"],
        "speaker_affiliation": record["speaker"]["affiliation"],
        "speaker_id": record["speaker"].get("id"),
        "cue": record["cue"]["lemma"], "kind": record["kind"], "type": record["type"],
        "date": record["date"]["value"], "date_source": record["date"]["source"],
        "topics": "; ".join(t["name"] for t in record["topics"]),
        "topic_ids": "; ".join(t["id"] for t in record["topics"]),
        "addressee": "; ".join(a["name"] for a in record["addressee"]),
        "content": record["content"]["text"], "content_start": record["content"]["start"],
        "content_end": record["content"]["end"], "confidence": record["confidence"],
        "rule": record["rule"],
    }
