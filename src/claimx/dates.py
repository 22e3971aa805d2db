"""Resolve time expressions to the date a statement was made.

News reports what happened, so relative expressions resolve into the past of
the article's date. dateparser converts absolute dates only: its defaults move
bare months into the future and copy the day of month from the base, so the
anchoring policy is decided here and in ``rules/dates.yaml``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import lru_cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .patterns import linear
from .rules import Rules

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
YEAR = re.compile(r"^(?:in\s+)?(1[89]\d\d|20\d\d)$")
DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
LEADING = re.compile(r"^(?:on|at|in|during|the|this|that|of)\s+", re.I)
WEEKDAY_FIRST = re.compile(r"^(?:{})\.?,?\s+".format("|".join(sorted(WEEKDAYS, key=len,
                                                                  reverse=True))), re.I)
ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
FULL_DATE_FORMATS = ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                     "%d %m %Y")  # the last is "03.12.2025": day first, as DATE_ORDER
DAY_MONTH_FORMATS = ("%B %d", "%b %d", "%d %B", "%d %b")


@dataclass
class Resolved:
    value: str
    granularity: str


def parse_absolute(text: str, base: date | None, settings: dict | None) -> date | None:
    """dateparser on one expression; cached, since each call costs ~1 ms."""
    frozen = tuple(sorted((settings or {}).items()))
    return _parse_cached(text.strip(), base, frozen)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, base: date | None, settings: tuple) -> date | None:
    if base is None and not re.search(r"\b\d{4}\b", text):
        return None  # a day and month with no year to anchor it: better no date than a guess
    written = _written_date(text, base)
    if written is not None:
        return written
    import dateparser  # slow to import (~0.5 s): only for what _written_date cannot read

    opts = dict(settings)
    if base is not None:
        opts["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=opts)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


def _written_date(text: str, base: date | None) -> date | None:
    """A date written out ("Saturday, February 2, 2019", "4 Feb. 2019", "2019-02-04";
    "Oct. 26" takes the latest such day on or before ``base``) needs no dateparser."""
    words = ORDINAL.sub("", WEEKDAY_FIRST.sub("", text.strip()))
    words = " ".join(words.replace(",", " ").replace(".", " ").split())
    for fmt in FULL_DATE_FORMATS + (DAY_MONTH_FORMATS if base else ()):
        try:
            parsed = datetime.strptime(words, fmt).date()
        except ValueError:
            continue
        if fmt in FULL_DATE_FORMATS:
            return parsed
        parsed = parsed.replace(year=base.year)
        if parsed <= base:
            return parsed
        return parsed.replace(year=base.year - 1) if base.year > MINYEAR else None
    return None


class DateResolver:
    """Compiled date rules for one pipeline."""

    def __init__(self, vocab, rules: Rules):
        self.settings = rules.mapping("dates", "settings")
        self.phrases: dict[str, dict] = {}
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        for entry in rules.entries("dates", "expressions"):
            for words in entry.get("words", []):
                self.phrases[words.lower()] = entry
        self.matcher.add("EXPR", [Doc(vocab, words=w.split()) for w in self.phrases])
        self.durations = Matcher(vocab)
        for entry in rules.entries("dates", "durations"):
            self.durations.add(entry["id"], linear(entry.get("patterns", [])))

    def expressions(self, doc: Doc) -> list[Span]:
        """Time expressions: DATE entities, rule phrases and bare weekdays, longest first."""
        spans = [e for e in doc.ents if e.label_ == "DATE"]
        spans += [doc[s:e] for _, s, e in self.matcher(doc)]
        spans += [doc[t.i:t.i + 1] for t in doc if t.lower_ in WEEKDAYS and t.is_title]
        blocked = set()
        for sent in {s.sent for s in spans}:  # the sentences that hold candidates only
            blocked |= {t for _, s, e in self.durations(sent)
                        for t in range(sent.start + s, sent.start + e)}
        spans = [s for s in spans if not any(t.i in blocked for t in s)
                 and not _attributive(s)]
        spans.sort(key=lambda s: (s.start, -len(s)))
        kept: list[Span] = []
        for s in spans:
            if kept and s.start < kept[-1].end:
                continue
            kept.append(s)
        return kept

    def resolve(self, text: str, published: date | None, future: bool = False,
                reference: date | None = None) -> Resolved | None:
        """The date ``text`` names. ``reference`` is the day the article last named
        before it, for expressions that count from it ("hours later", "the next day");
        none when it would fall outside the calendar ("last week" of 0001-01-01)."""
        try:
            return self._resolve(text, published, future, reference)
        except OverflowError:
            return None

    def _resolve(self, text: str, published: date | None, future: bool,
                 reference: date | None) -> Resolved | None:
        words = " ".join(text.lower().replace("’", "'").split())
        words = re.sub(r"'s$", "", words)
        entry = self.phrases.get(words) or self.phrases.get(LEADING.sub("", words))
        if entry is not None:
            if entry["anchor"].startswith("reference"):
                return _anchor(entry, reference) if reference else None
            return _anchor(entry, published) if published else None
        stripped = LEADING.sub("", words)
        tokens = stripped.replace(",", " ").split()
        if not tokens:
            return None
        m = YEAR.match(stripped)
        if m:
            return Resolved(m.group(1), "year")
        last = tokens[0] in ("last", "past", "previous")
        core = [t for t in tokens if t not in ("last", "past", "previous", "early", "late",
                                               "mid", "earlier", "later", "morning", "afternoon",
                                               "evening", "night", "on", "at", "in", "of")]
        if len(core) == 1 and core[0].rstrip(".") in WEEKDAYS:
            return _weekday(WEEKDAYS[core[0].rstrip(".")], published, last, future)
        if len(core) == 1 and core[0].rstrip(".") in MONTHS and published:
            return _month(MONTHS[core[0].rstrip(".")], published, last)
        if (len(core) == 2 and core[0].rstrip(".") in MONTHS and YEAR.match(core[1])):
            return Resolved(_month_value(int(core[1]), MONTHS[core[0].rstrip(".")]), "month")
        if not DAY_NUMBER.search(stripped) and not any(t in WEEKDAYS for t in core):
            return None  # vague ("recent years", "the past") or not a time of statement
        if any(t.rstrip(".") in MONTHS for t in core) or re.search(r"\d[./-]\d", stripped):
            parsed = parse_absolute(stripped, published, self.settings)
            if parsed is not None and (published is None or parsed <= published):
                return Resolved(parsed.isoformat(), "day")
        return None


DAY_PARTS = {"morning", "afternoon", "evening", "night", "midday", "noon"}


def _attributive(span: Span) -> bool:
    """'the 1987 treaty', 'a 2010 agreement': a date describing a thing, not a time;
    'Friday morning' is a time."""
    root = span.root
    return root.dep_ in ("compound", "nummod", "amod", "nmod") and root.head.pos_ in (
        "NOUN", "PROPN") and root.head.i >= span.end and root.head.lower_ not in DAY_PARTS


def _anchor(entry: dict, published: date) -> Resolved:
    """``published`` is the base: the article date, or for ``reference`` anchors the
    day last named in the article."""
    kind, _, amount = entry["anchor"].partition(":")
    n = int(amount or 0)
    gran = entry.get("granularity", "day")
    if kind == "weekend":
        # The Saturday of the latest weekend on or before the article date.
        back = (published.weekday() - 5) % 7
        return Resolved((published - timedelta(days=back)).isoformat(), gran)
    if kind == "day":
        return Resolved((published - timedelta(days=n)).isoformat(), gran)
    if kind == "reference":  # counts forward from the day last named
        return Resolved((published + timedelta(days=n)).isoformat(), gran)
    if kind == "week":
        monday = published - timedelta(days=published.weekday() + 7 * n)
        return Resolved(monday.isoformat(), gran)
    if kind == "month":
        y, m = divmod(published.year * 12 + published.month - 1 - n, 12)
        return Resolved(_month_value(y, m + 1), gran)
    return Resolved(_year_value(published.year - n), gran)


def _weekday(day: int, published: date | None, last: bool, future: bool) -> Resolved | None:
    if published is None:
        return None
    if future:
        ahead = (day - published.weekday()) % 7 or 7
        return Resolved((published + timedelta(days=ahead)).isoformat(), "day")
    back = (published.weekday() - day) % 7
    if last and back == 0:
        back = 7
    return Resolved((published - timedelta(days=back)).isoformat(), "day")


def _month(month: int, published: date, last: bool) -> Resolved:
    year = published.year
    if month > published.month or (last and month == published.month):
        year -= 1
    return Resolved(_month_value(year, month), "month")


def _year_value(year: int) -> str:
    """ISO's four digits ("0999"); a year before 1 is outside the calendar."""
    if not MINYEAR <= year <= MAXYEAR:
        raise OverflowError(f"year {year} is out of range")
    return f"{year:04d}"


def _month_value(year: int, month: int) -> str:
    return f"{_year_value(year)}-{month:02d}"
