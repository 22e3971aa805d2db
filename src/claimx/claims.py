"""Turn an annotated Doc into claims: frames, quotations, then who, when and what about."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .article import Article, ArticleReader
from .cues import CueIndex, CueMatch
from .dates import DateResolver
from .dating import ClaimDating
from .frames import (
    FRAMES,
    GAP,
    Frame,
    clean,
    extent,
    withheld,
)
from .quotes import Quote, find_quotes, quote_at
from .record import Addressee, ArticleRef, Claim, Content, Cue, Topic, When
from .rules import Rules
from .speakers import Discourse, Referent, SpeakerResolver
from .topics import TopicTagger, claim_topics

SEPARATE = {"relcl", "appos", "acl"}  # a cue attached here is a claim of its own
# The rest of a reporting clause up to its full stop, where the parser missed that the
# sentence ends there ('…,'' said Brian Baker, an adviser. ''These…').
REPORT_END = re.compile(r"[^.!?\"“”«»\n]{0,120}[.!?]\s*")
# '“…” — Name.' at the paragraph's end or before the next quotation ('“…” ― A. “…” ― B.'
# in a list of quotes); the horizontal bar ― is this dash in some house styles.
DASH_SOURCE = re.compile(
    r"^[\s,.]*(?P<dash>[—–―]|--?)\s*(?P<who>[^\n.«“\"]{3,80}?)\s*\.?\s*(?:$|(?=[“\"«„]))")


@dataclass
class Rejection:
    """Why a cue word did not become a claim (for ``claimx explain``)."""

    cue: str
    start: int
    reason: str


@dataclass
class Extraction:
    claims: list[Claim] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    topics: list[tuple[str, str, str]] = field(default_factory=list)  # per body mention


class ClaimBuilder:
    """Everything compiled from the rules for one pipeline; no per-article state."""

    def __init__(self, nlp, rules: Rules):
        self.reader = ArticleReader(rules)
        self.cues = CueIndex(nlp.vocab, rules)
        self.speakers = SpeakerResolver(rules)
        self.dating = ClaimDating(DateResolver(nlp.vocab, rules), self.speakers)
        self.topics = TopicTagger(nlp, rules)

    def __call__(self, doc: Doc, article: Article) -> Extraction:
        out = Extraction()
        quotes = [q for q in find_quotes(article.text, article.paragraphs) if not q.nested]
        answers = self._answers(doc, article, quotes)
        frames = self._frames(doc, article, quotes, out) + answers
        frames = self._nesting(doc, article.text, frames, out)
        frames += self._dash_attributions(doc, article, quotes, frames)
        frames += self._continuations(doc, article, quotes, frames)
        frames.sort(key=lambda f: (f.cue.token.idx if f.rule != "continuation" else f.span[0]))
        quoted = [(q.start, q.end) for q in quotes]
        discourse = self.speakers.discourse(
            doc, article.text, quoted, [(s, e) for s, e, why in article.excluded
                                        if why == "header"])
        sentence_of = _sentence_starts(doc)
        topic_refs = self.topics.mentions(doc, article.text)
        ref = article.ref()
        for frame in frames:
            claim = self._claim(doc, article, frame, discourse, sentence_of, ref)
            if claim is not None:
                out.claims.append(claim)
        self.dating(doc, article, frames, out.claims, discourse, sentence_of)
        self._topics(frames, out.claims, topic_refs, doc)
        out.topics = [(r.id, r.name, r.type) for r in topic_refs
                      if article.in_body(r.start, r.end)]
        return out

    # -- frames ----------------------------------------------------------------
    def _frames(self, doc: Doc, article: Article, quotes: list[Quote],
                out: Extraction) -> list[Frame]:
        frames = []
        for cue in self.cues.find(doc):
            at = cue.token.idx
            if not article.in_body(at, at + 1):
                out.rejected.append(Rejection(cue.lemma, at, "outside the article body"))
                continue
            if quote_at(quotes, at, at + 1):
                out.rejected.append(Rejection(cue.lemma, at, "inside a quotation"))
                continue
            if withheld(cue.token):
                out.rejected.append(Rejection(cue.lemma, at, "said nothing (declined to say)"))
                continue
            frame = FRAMES[cue.entry.get("frame", "verb")](doc, cue)
            if frame is None or not frame.speakers:
                out.rejected.append(Rejection(cue.lemma, at, "no speaker found"))
                continue
            frame = self._colon_block(article, self._quotes(doc, article, frame, quotes),
                                      quotes)
            if not frame.content:
                out.rejected.append(Rejection(cue.lemma, at, "no content found"))
                continue
            if cue.entry.get("content") == "clause" and frame.kind == "indirect" \
                    and frame.rule.split("+")[0] in ("object", "adjunct"):
                out.rejected.append(Rejection(cue.lemma, at, "needs a clause, got an object"))
                continue
            if cue.entry.get("content") == "quote" and frame.kind != "direct":
                out.rejected.append(Rejection(cue.lemma, at, "needs a quotation"))
                continue
            frames.append(frame)
        return frames

    def _colon_block(self, article: Article, frame: Frame, quotes: list[Quote]) -> Frame:
        """'He told the crowd:' closing its paragraph: the quotation, or the block quoted
        without marks, in the next paragraph is what was said."""
        text, cue = article.text, frame.cue.token
        para = article.paragraph_of(cue.idx)
        end = article.paragraphs[para][1]
        colon = text.rfind(":", cue.idx, end)
        if colon < 0 or text[colon + 1:end].strip() or colon >= cue.sent.end_char \
                or para + 1 >= len(article.paragraphs):
            return frame
        start, stop = article.paragraphs[para + 1]
        if not article.in_body(start, stop):
            return frame
        below = [q for q in quotes if q.paragraph == para + 1]
        if below and not text[start:below[0].outer_start].strip():
            frame.content, frame.quotes = [(below[0].start, below[0].end)], below[:1]
        else:
            lead = len(text[start:stop]) - len(text[start:stop].lstrip())
            frame.content = [(start + lead, start + len(text[start:stop].rstrip()))]
        frame.kind, frame.rule = "direct", f"{frame.rule}+colon"
        return frame

    def _answers(self, doc: Doc, article: Article, quotes: list[Quote]) -> list[Frame]:
        """Transcripts: each answer is its label's speaker's ("A:" the interviewee's: the
        first person the article names in full); speech inside it is nested."""
        if not article.answers:
            return []
        first = article.answers[0][0]
        person = next((e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                       and e.start_char < first and article.in_body(e.start_char, e.end_char)),
                      None)
        say = self.cues.single.get("say", ({"id": "interview", "type": "statement"}, "say"))
        frames = []
        for label_start, label_end, start, end in article.answers:
            para = article.paragraph_of(start)
            outer = label_start if article.paragraph_of(label_start) == para else start
            quotes.append(Quote(start, end, outer, end, para))
            label = doc.char_span(label_start, label_end, alignment_mode="expand")
            unnamed = self.reader.answer.match(article.text[label_start:end])  # "A:"
            if unnamed and person is None:
                continue
            cue = CueMatch(label[0], [], say[0], say[1])
            frames.append(Frame(cue, [list(person if unnamed else label)], [(start, end)],
                                kind="direct", rule="interview" if unnamed else "transcript"))
        quotes.sort(key=lambda q: q.start)
        return frames

    def _quotes(self, doc: Doc, article: Article, frame: Frame, quotes: list[Quote]) -> Frame:
        """Prefer a quotation next to the reporting clause; else extend over cut quotes."""
        text = article.text
        words = [t for group in frame.speakers for t in group] + frame.cue.tokens + [
            t for group in frame.addressee for t in group]
        r_start, r_end = extent(sorted(words, key=lambda t: t.i))
        para = article.paragraph_of(frame.cue.token.idx)
        local = [q for q in quotes if q.paragraph == para
                 and not (r_start <= q.start and q.end <= r_end)]
        before = [q for q in local if q.outer_end <= r_start
                  and GAP.match(text[q.outer_end:r_start])]
        after = [q for q in local if q.outer_start >= r_end
                 and GAP.match(text[r_end:q.outer_start])]
        adjacent = before[-1:] + after[:1]
        syntactic = frame.content
        if adjacent and (not syntactic or _within(syntactic, adjacent, text)
                         or frame.rule == "parenthetical"
                         or _past_full_stop(text, r_end, syntactic[0][0])):
            parts = [(q.start, q.end) for q in adjacent]
            chain = list(adjacent)
            if not after:  # '"...," he said. "..."': the quotation goes on after the cue
                sent_end = frame.cue.token.sent.end_char
                later = [q for q in local if q.outer_start >= max(r_end, chain[-1].outer_end)]
                gap = text[sent_end:later[0].outer_start] if later else ""
                if later and ((later[0].outer_start >= sent_end and not gap.strip())
                              or REPORT_END.fullmatch(text[r_end:later[0].outer_start])):
                    parts.append((later[0].start, later[0].end))
                    chain.append(later[0])
            frame.content, frame.kind, frame.quotes = parts, "direct", chain
            frame.rule = f"{frame.rule}+quote"
            return frame
        if not syntactic:
            return frame
        start, end = syntactic[0]
        if article.dateline and start < article.dateline[1] <= end:
            start = article.dateline[1]
        start, end = clean(text, start, end, quoted=False)
        if end <= start:
            frame.content = []
            return frame
        touched = [q for q in quotes if q.start < end and start < q.end]
        for q in touched:
            start, end = min(start, q.start if q.start < start else start), max(end, q.end)
        if touched and all(q.start <= start and end <= q.end for q in touched[:1]) \
                and len(touched) == 1:
            s2, e2 = touched[0].start, touched[0].end
            frame.content, frame.kind = [(s2, e2)], "direct"
        elif touched:
            frame.content, frame.kind = [(start, end)], "mixed"
        else:
            frame.content, frame.kind = [(start, end)], "indirect"
        frame.quotes = touched
        return frame

    def _nesting(self, doc: Doc, text: str, frames: list[Frame], out: Extraction
                 ) -> list[Frame]:
        """A cue inside another claim's content is nested speech (drop it) or a clause of
        its own attached there (keep it and cut it out of the outer content)."""
        dropped = set()
        for a in frames:
            a_start, a_end = a.span
            for b in frames:
                if b is a or not (a_start <= b.cue.token.idx < a_end) or id(b) in dropped:
                    continue
                top = _attachment(b.cue.token, a.cue.token)
                if top is None and _coordinated(b.cue.token):
                    # "said the decision was wrong and warned that ...": the same speaker's
                    # next act, which the parser hung inside the first content
                    b.speakers = a.speakers
                    first = min(t.i for t in b.cue.token.subtree)
                    joint = doc[first - 1] if first > 0 and doc[first - 1].dep_ in (
                        "cc", "punct") else doc[first]
                    s, e = a.content[0]
                    if s < joint.idx < e:
                        a.content[0] = clean(text, s, joint.idx, quoted=False)
                    continue
                if a.rule == "according-to" and b.cue.token in a.cue.token.ancestors:
                    # "X said ..., according to a transcript": the record, not a source
                    dropped.add(id(a))
                    out.rejected.append(Rejection(a.cue.lemma, a.cue.token.idx,
                                                  "cites the record of another claim"))
                    break
                if top is None:
                    dropped.add(id(b))
                    out.rejected.append(Rejection(b.cue.lemma, b.cue.token.idx,
                                                  "nested inside another claim's content"))
                    continue
                cut = min(t.idx for t in top.subtree)
                prev = doc[min(t.i for t in top.subtree) - 1]
                if prev.is_punct and prev.idx >= a_start:
                    cut = prev.idx
                s, e = a.content[0]
                top_end = max(t.idx + len(t) for t in top.subtree)
                if s < cut < e and top_end >= e - 2:
                    a.content[0] = clean(text, s, cut, quoted=False)
        return [f for f in frames if id(f) not in dropped]

    def _dash_attributions(self, doc: Doc, article: Article, quotes: list[Quote],
                           frames: list[Frame]) -> list[Frame]:
        """'«...» — Foreign Ministry spokeswoman Maria Zakharova.': a source with no verb."""
        covered = [p for f in frames for p in f.content]
        say = self.cues.single.get("say", ({"id": "dash", "type": "statement"}, "say"))
        extra = []
        for q in quotes:
            if not q.closed or any(s < q.end and q.start < e for s, e in covered):
                continue
            para_end = article.paragraphs[q.paragraph][1]
            tail = article.text[q.outer_end:para_end]
            m = DASH_SOURCE.match(tail)
            if not m or not article.in_body(q.start, q.end):
                continue
            span = doc.char_span(q.outer_end + m.start("who"), q.outer_end + m.end("who"),
                                 alignment_mode="expand")
            dash = doc.char_span(q.outer_end + m.start("dash"), q.outer_end + m.end("dash"),
                                 alignment_mode="expand")
            if span is None or dash is None or any(t.pos_ in ("VERB", "AUX") for t in span) \
                    or not any(t.pos_ == "PROPN" for t in span):
                continue
            words = [t for t in span if not t.is_punct]
            extra.append(Frame(CueMatch(dash[0], [], say[0], say[1]), [words],
                               [(q.start, q.end)], kind="direct", rule="dash"))
        return extra

    def _continuations(self, doc: Doc, article: Article, quotes: list[Quote],
                       frames: list[Frame]) -> list[Frame]:
        """A paragraph that is only a quotation carries on the previous speaker."""
        covered = [p for f in frames for p in f.content]
        extra: list[Frame] = []
        by_para: dict[int, list[Quote]] = {}
        for q in quotes:
            by_para.setdefault(q.paragraph, []).append(q)
        for index, (p_start, p_end) in enumerate(article.paragraphs):
            qs = by_para.get(index)
            if not qs or not article.in_body(qs[0].start, qs[0].end):
                continue
            outside = article.text[p_start:p_end]
            for q in reversed(qs):
                outside = outside[:q.outer_start - p_start] + outside[q.outer_end - p_start:]
            if any(ch.isalnum() for ch in outside):
                continue
            if any(s < q.end and q.start < e for q in qs for s, e in covered):
                continue
            earlier = [f for f in frames + extra if f.span[1] <= p_start]
            if not earlier:
                continue
            prev = max(earlier, key=lambda f: f.span[1])
            parts = [(q.start, q.end) for q in qs]
            extra.append(Frame(prev.cue, prev.speakers, parts, [], kind="direct",
                               rule="continuation", quotes=qs))
            covered += parts
        return extra

    # -- one claim -------------------------------------------------------------
    def _claim(self, doc: Doc, article: Article, frame: Frame, discourse: Discourse,
               sentence_of: list[int], ref: ArticleRef) -> Claim | None:
        cue_token = frame.cue.token
        sent_index = bisect_right(sentence_of, cue_token.i) - 1
        if frame.rule == "continuation":
            sent_index = bisect_right(sentence_of, doc.char_span(
                *frame.content[0], alignment_mode="expand").start) - 1
        resolved = [speaker for group in frame.speakers
                    for speaker in self.speakers.resolve_all(doc, group, discourse, sent_index)]
        speaker = resolved[0]
        if frame.rule in ("continuation", "interview"):  # no mention in the claim's sentence
            speaker.mention, speaker.start, speaker.end = None, None, None
            if speaker.name:
                speaker.resolved = "previous" if frame.rule == "continuation" else "interview"
        named = [s for s in resolved if s.name]
        if named:
            discourse.said([Referent(s.name, s.type or "group", s.start or cue_token.idx,
                                     sent_index, 2, s.title, s.affiliation) for s in named])
        text = article.text
        parts = frame.content
        content_text = " ".join(text[s:e] for s, e in parts)
        span = doc.char_span(parts[0][0], parts[0][1], alignment_mode="expand")
        claim_type, type_rule = self.cues.refine_type(frame.cue.entry, span)
        cue_tokens = frame.cue.tokens
        c_start, c_end = extent(cue_tokens)
        sent = cue_token.sent
        if frame.rule == "continuation":
            sent = doc.char_span(parts[0][0], parts[0][1], alignment_mode="expand").sent
        addressee = []
        for group in filter(None, frame.addressee):  # a group of only punctuation is empty
            who = self.speakers.resolve(doc, group, discourse, sent_index)
            addressee.append(Addressee(who.name or who.mention, who.mention))
        confidence = float(frame.cue.entry.get("confidence", 0.8))
        if not speaker.name:
            confidence *= 0.5
        return Claim(
            doc=article.id, article=ref, speaker=speaker,
            cue=Cue(text[c_start:c_end], frame.cue.lemma, c_start, c_end),
            content=Content(content_text, parts[0][0], parts[-1][1],
                            [[s, e] for s, e in parts]),
            kind=frame.kind, type=claim_type, date=When(None),
            sentence=[sent.start_char, sent.end_char],
            rule=f"{frame.cue.entry['id']}:{frame.rule}" + (f"/{type_rule}" if type_rule else ""),
            confidence=round(confidence, 2),
            addressee=addressee,
            speakers=[s.name or s.mention for s in resolved] if len(resolved) > 1 else [],
        )

    def _topics(self, frames: list[Frame], claims: list[Claim], refs, doc: Doc) -> None:
        for i, claim in enumerate(claims):
            own = [tuple(p) for p in claim.content.parts]
            others = [tuple(p) for j, c in enumerate(claims) if j != i
                      for p in c.content.parts
                      if not any(s < p[1] and p[0] < e for s, e in own)]
            regions = own + [tuple(claim.sentence)]
            found = claim_topics(refs, regions, others)
            head = _content_noun(doc, claim, self.cues.content_nouns)
            if head and i > 0:
                earlier = [c for c in claims[:i] if c.content.end <= claim.content.start]
                if earlier:
                    prior = earlier[-1]
                    found += [r for r in claim_topics(refs, [tuple(p) for p in
                                                             prior.content.parts], [])
                              if r.id not in {f.id for f in found}]
            claim.topics = [Topic(r.id, r.name, r.type, r.mention) for r in found]


def _within(spans: list[tuple[int, int]], quotes: list[Quote], text: str) -> bool:
    """Does the syntactic content lie inside (or just around) the adjacent quotations?"""
    lo, hi = min(q.outer_start for q in quotes), max(q.outer_end for q in quotes)
    s = spans[0][0]
    return lo - 1 <= s <= hi or (s < lo and not text[s:lo].strip(" ,:“\"'«‘"))


def _past_full_stop(text: str, report_end: int, content_start: int) -> bool:
    """A complement found after the reporting clause's full stop: the parser ran two
    sentences together, so the quotation beside the clause is what was said."""
    return content_start > report_end and REPORT_END.fullmatch(
        text[report_end:content_start].rstrip("“\"'`«„ ") + " ") is not None


def _attachment(inner: Token, outer: Token) -> Token | None:
    """The highest token under ``outer`` through which ``inner`` hangs as a clause of its
    own (relative clause, apposition), or None when it is nested speech."""
    node, top = inner, None
    while node.i != outer.i and node.head.i != node.i:
        if node.dep_ in SEPARATE:
            top = node if node.dep_ != "relcl" or node.head.dep_ not in SEPARATE else node.head
        node = node.head
    if node.i != outer.i:
        return inner  # not below the outer cue at all: keep both
    return top


def _coordinated(cue: Token) -> bool:
    """A cue verb joined by 'and' with no subject of its own (the parser may call it a
    conjunct or, wrongly, a complement)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return False
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    return cue.dep_ == "conj" or (before is not None and before.lower_ in ("and", "but"))


def _sentence_starts(doc: Doc) -> list[int]:
    return [s.start for s in doc.sents]


def _content_noun(doc: Doc, claim: Claim, nouns: set[str]) -> bool:
    span = doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
    return bool(span) and len(span) <= 3 and span.root.lemma_.lower() in nouns
