"""Turn an annotated Doc into claims: the finders' frames, nested, then who, when and
what about."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .article import Article, ArticleReader
from .cues import CueIndex
from .dates import DateResolver
from .dating import ClaimDating
from .finders import FILLERS, OPENERS, Rejection, Scene
from .frames import Frame, extent, source_phrase
from .nesting import nest
from .quotes import find_quotes
from .record import Addressee, ArticleRef, Claim, Content, Cue, Speaker, Topic, When
from .rules import Rules
from .speakers import Discourse, Referent, SpeakerResolver
from .topics import TopicTagger, claim_topics


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
        quotes = [q for q in find_quotes(article.text, article.paragraphs) if not q.nested]
        scene = Scene(doc, article, quotes, self.cues.find(doc), self.cues, self.reader)
        frames = [f for finder in OPENERS for f in finder.find(scene)]
        # frames and rejections in text order: nesting's cuts and drops depend on it
        frames.sort(key=lambda f: f.cue.token.i)
        scene.rejected.sort(key=lambda r: r.start)
        scene.frames = nest(scene, frames)
        for finder in FILLERS:
            scene.frames += finder.find(scene)
        frames = sorted(scene.frames, key=lambda f: (
            f.cue.token.idx if f.rule != "continuation" else f.span[0]))
        out = Extraction(rejected=scene.rejected)
        quoted = [(q.start, q.end) for q in scene.quotes]
        discourse = self.speakers.discourse(
            doc, article.text, quoted, [(s, e) for s, e, why in article.excluded
                                        if why == "header"])
        sentence_of = _sentence_starts(doc)
        topic_refs = self.topics.mentions(doc, article.text)
        ref = article.ref()
        out.claims = [self._claim(doc, article, frame, discourse, sentence_of, ref)
                      for frame in frames]
        self.dating(doc, article, frames, out.claims, discourse, sentence_of)
        self._topics(frames, out.claims, topic_refs, doc)
        out.topics = [(r.id, r.name, r.type) for r in topic_refs
                      if article.in_body(r.start, r.end)]
        return out

    # -- one claim -------------------------------------------------------------
    def _claim(self, doc: Doc, article: Article, frame: Frame, discourse: Discourse,
               sentence_of: list[int], ref: ArticleRef) -> Claim:
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
        else:
            self._widen(doc, article.text, frame, speaker, several=len(resolved) > 1)
        named = [s for s in resolved if s.name]
        if named:
            discourse.said([Referent(s.name, s.type or "group", s.start or cue_token.idx,
                                     sent_index, 2, s.title, s.affiliation) for s in named])
        text = article.text
        parts = frame.content
        content_text = " ".join(text[s:e] for s, e in parts)
        claim_type, type_rule = self.cues.refine_type(
            frame.cue.entry, [doc.char_span(s, e, alignment_mode="expand") for s, e in parts],
            speaker, frame.kind == "direct")
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

    @staticmethod
    def _widen(doc: Doc, text: str, frame: Frame, speaker: Speaker, several: bool) -> None:
        """The mention is the source's whole phrase in its sentence; the name stays what
        was resolved from its core."""
        if speaker.start is None or not frame.speakers or not frame.speakers[0]:
            return
        avoid = {t.i for t in frame.cue.tokens}
        for s, e in frame.content:
            span = doc.char_span(s, e, alignment_mode="expand")
            avoid.update(range(span.start, span.end))
        start, end = extent(source_phrase(frame.speakers[0], avoid, several))
        if start <= speaker.start and speaker.end <= end:
            speaker.mention, speaker.start, speaker.end = text[start:end], start, end

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


def _sentence_starts(doc: Doc) -> list[int]:
    return [s.start for s in doc.sents]


def _content_noun(doc: Doc, claim: Claim, nouns: set[str]) -> bool:
    span = doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
    return bool(span) and len(span) <= 3 and span.root.lemma_.lower() in nouns
