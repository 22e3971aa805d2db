"""The date of each claim: this module is where it is decided.

In order: a time expression of the claim's own sentence that dates the act ("said on
Friday"); for a transcript, the day its introduction names; the occasion the claim
belongs to (a briefing, press conference or interview whose day one of its claims
names: "at the same briefing", "added", "went on to say", or a speaker who took part);
the speaker's own last dated act ("Pompeo spoke on Friday…. He said"); else the
article's date, which ``source: published`` marks as only an upper bound. A reported
earlier statement ("has previously said", "had said last month") takes no occasion.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .article import Article
from .dates import DateResolver
from .frames import Frame, noun_phrase, subject
from .record import Claim, When
from .speakers import DOCUMENTS, Discourse, SpeakerResolver

# Words that put a claim at the occasion already described ("at the same briefing",
# "in the interview", "added", "continued", "went on to say").
OCCASION = re.compile(r"\b(?:the same|that same|the (?:interview|briefing|news conference|"
                      r"press conference|conference|meeting|talks|speech|call|summit))\b", re.I)
CARRIERS = {"add", "continue", "go on", "conclude", "stress", "reiterate", "insist"}
EARLIER = {"previously", "earlier", "already", "before", "once", "repeatedly"}
YEAR = re.compile(r"\b\d{4}\b")
EVENTS = {"briefing", "conference", "press conference", "news conference", "meeting", "talks",
          "interview", "speech", "call", "summit", "visit", "session", "hearing", "address",
          "webinar", "forum"}


@dataclass
class Occasion:
    """The latest dated event of the article and who took part in it."""

    when: When
    speakers: set[str] = field(default_factory=set)  # speaker ids


class ClaimDating:
    """Compiled date rules and the speaker identities they compare; no per-article state."""

    def __init__(self, dates: DateResolver, speakers: SpeakerResolver):
        self.dates = dates
        self.speakers = speakers

    def __call__(self, doc: Doc, article: Article, frames: list[Frame], claims: list[Claim],
                 discourse: Discourse, sentence_of: list[int]) -> None:
        exprs = self.dates.expressions(doc)
        contents = [p for c in claims for p in c.content.parts]
        published = article.published
        last_dated: dict[str, When] = {}
        events = sorted(self._events(doc, article, exprs, discourse, contents, sentence_of),
                        key=lambda ev: ev[0])
        named_days = self._named_days(article, exprs)
        # a transcript's answers: the last day its introduction (before the first label) names
        intro_exprs = [e for e in exprs if article.labels and e.start_char < article.labels[0][0]
                       and article.in_body(e.start_char, e.end_char)
                       and not any(s <= e.start_char < t for s, t in contents)][::-1]
        occasion: Occasion | None = None
        scene = self._scene(doc, article, exprs, contents)
        for frame, claim in zip(frames, claims, strict=True):
            verb = frame.cue.token
            while events and events[0][0] < verb.i:
                _, who, when = events.pop(0)
                last_dated[who] = when
            sent = doc[verb.sent.start:verb.sent.end]
            intro = frame.rule in ("interview", "transcript")
            if intro:
                candidates = intro_exprs
            elif frame.rule == "continuation":
                candidates = []
            else:
                candidates = [e for e in exprs if sent.start <= e.start < sent.end
                              and (not any(s <= e.start_char < t for s, t in contents)
                                   or _dates_document(e))
                              and (_governed_by(e, verb) or not _in_other_clause(e, verb))]
                candidates.sort(key=lambda e: (not _governed_by(e, verb), abs(e.start - verb.i)))
            future = any(c.lower_ in ("will", "shall") for c in verb.children if c.dep_ == "aux")
            when = None
            for e in candidates:
                earlier = [day for i, day in named_days if i < e.start]
                got = self.dates.resolve(e.text, published, future,
                                         earlier[-1] if earlier else None)
                if got is not None and not (intro and (got.granularity != "day" or published
                                                       and got.value > published.isoformat())):
                    when = When(got.value, e.text, "context" if intro else "sentence",
                                got.granularity)
                    break
            name = claim.speaker.name
            earlier_act = _reported_earlier(verb)
            if when is None and not earlier_act:
                when = self._at_occasion(occasion, frame, claim, sent)
            if when is None and name in last_dated and not earlier_act and (
                    frame.rule == "continuation" or _past_act(verb)):
                prior = last_dated[name]
                when = When(prior.value, prior.text, "context", prior.granularity)
            if when is None and scene is not None and not earlier_act and not intro and (
                    _past_act(verb) or frame.rule == "continuation") and scene[0] < verb.i:
                when = scene[1]
            if when is None:
                when = When(published.isoformat() if published else None, None,
                            "published" if published else None,
                            "day" if published else None)
            claim.date = when
            if name and when.source in ("sentence", "context"):
                last_dated[name] = when
            if when.source in ("sentence", "context") and when.granularity == "day" \
                    and _at_event(sent):
                if occasion is None or occasion.when.value != when.value:
                    occasion = Occasion(when)
                occasion.speakers |= {claim.speaker.id} | self._taking_part(sent, discourse)
            elif occasion is not None and when.value == occasion.when.value \
                    and claim.speaker.id:
                occasion.speakers.add(claim.speaker.id)

    def _at_occasion(self, occasion: Occasion | None, frame: Frame, claim: Claim,
                     sent: Span) -> When | None:
        """The occasion's day for a claim that carries it: said there by one who took part,
        or joined to it by "at the same briefing", "in the interview", "added"."""
        if occasion is None or not _past_act(frame.cue.token) and frame.rule != "continuation":
            return None
        carried = claim.speaker.id in occasion.speakers or frame.cue.lemma in CARRIERS \
            or OCCASION.search(sent.text) is not None
        if not carried:
            return None
        prior = occasion.when
        return When(prior.value, prior.text, "context", prior.granularity)

    def _taking_part(self, sent: Span, d: Discourse) -> set[str]:
        """The ids of the people a sentence about an event names ("at a news conference
        with his Chinese counterpart Wang Yi")."""
        ids = set()
        for ent in sent.ents:
            if ent.label_ == "PERSON":
                name, _ = self.speakers.person_name(ent)
                full = name if name in d.people else d.surnames.get(name, name)
                ids.add(self.speakers.id_of(full))
        return ids

    def _events(self, doc: Doc, article: Article, exprs: list[Span], discourse: Discourse,
                contents: list[tuple[int, int]], sentence_of: list[int]
                ) -> list[tuple[int, str, When]]:
        """Dated acts of a named subject ("Pompeo spoke on Friday"): context for later claims."""
        events = []
        for e in exprs:
            if any(s <= e.start_char < t for s, t in contents):
                continue
            head = e.root.head
            verb = head.head if head.dep_ == "prep" else head
            src = subject(verb) if verb.pos_ in ("VERB", "AUX") else None
            words = noun_phrase(src) if src is not None else []
            if not words or not article.in_body(e.start_char, e.end_char):
                continue
            got = self.dates.resolve(e.text, article.published)
            if got is None:
                continue
            sent = bisect_right(sentence_of, verb.i) - 1
            who = self.speakers.resolve(doc, words, discourse, sent)
            if who.name:
                events.append((verb.i, who.name, When(got.value, e.text, "context",
                                                      got.granularity)))
        return events

    def _scene(self, doc: Doc, article: Article, exprs: list[Span],
               contents: list[tuple[int, int]]) -> tuple[int, When] | None:
        """The day the story is set on ("The Security Council met on Thursday …", "NATO
        leaders ended their summit on Wednesday"): the first past act the body dates,
        outside a content. What is said after it without a time of its own was said then,
        as a reader takes it. A date line the layout left in the body dates no act."""
        for e in exprs:
            if not article.in_body(e.start_char, e.end_char) or any(
                    s <= e.start_char < t for s, t in contents):
                continue
            head = e.root.head
            verb = head.head if head.dep_ in ("prep", "npadvmod") else head
            if verb.tag_ != "VBD" and not (verb.tag_ == "VBN" and any(
                    c.dep_ in ("aux", "auxpass") for c in verb.children)):
                continue
            got = self.dates.resolve(e.text, article.published)
            if got is None or got.granularity != "day" or (
                    article.published and got.value >= article.published.isoformat()
                    and (got.value > article.published.isoformat() or YEAR.search(e.text))):
                continue  # not after the article, nor its own date line ("May 3, 2024")
            return e.start, When(got.value, e.text, "context", "day")
        return None

    def _named_days(self, article: Article, exprs: list[Span]) -> list[tuple[int, date]]:
        """Days the body names, in order: the reference time of "hours later"."""
        days = []
        for e in exprs:
            got = self.dates.resolve(e.text, article.published)
            if got and got.granularity == "day" and article.in_body(e.start_char, e.end_char):
                days.append((e.start, date.fromisoformat(got.value)))
        return days


def _past_act(verb: Token) -> bool:
    """ "said", "was quoted", ", adding that": a past act that an occasion may hold."""
    return verb.tag_ in ("VBD", "VBN") or (verb.tag_ == "VBG" and verb.dep_ == "advcl")


def _dates_document(span: Span) -> bool:
    """ "rejected the move in a statement released late on Thursday": a day inside a
    nominal content that dates the document the act was made in."""
    return any(t.lemma_.lower() in DOCUMENTS and t.pos_ == "NOUN"
               for t in list(span.root.ancestors)[:3])


def _at_event(sent: Span) -> bool:
    """Does the sentence put the act at an event ("told a news conference", "at a
    briefing", "speaking at a joint press conference with…", "after talks")?"""
    return any(t.lemma_.lower() in EVENTS and t.pos_ == "NOUN" for t in sent)


def _reported_earlier(verb: Token) -> bool:
    """ "has previously announced", "had said", "said earlier": a statement before the
    occasion the article reports."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) or any(
        c.lower_ in EARLIER for c in verb.children if c.dep_ == "advmod")


def _governed_by(span: Span, verb: Token) -> bool:
    head = span.root.head
    return head.i == verb.i or (head.dep_ in ("prep", "npadvmod") and head.head.i == verb.i)


def _in_other_clause(span: Span, verb: Token) -> bool:
    """Is the expression inside a subordinate clause that is not the cue's own
    ('Ryabkov, who led talks until they were frozen in 2022, said')? A participle
    about the act ('speaking in Athens on Tuesday', 'a statement issued on ...') is."""
    node = span.root
    while node.head.i != node.i:
        if node.i == verb.i:
            return False
        participle = node.tag_ in ("VBG", "VBN") and node.dep_ in ("acl", "advcl")
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "conj") \
                and not participle:
            return True
        node = node.head
    return False


