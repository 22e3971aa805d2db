"""Locate a cue's speaker, content and addressee in the dependency parse.

One function per part of the frame, in the manner of textacy's ``extract``
modules. Offsets are characters into the document text; a content may have
several parts (a quotation interrupted by its cue, or running over paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .cues import CueMatch, that_clause
from .quotes import Quote

RELATIVE = {"which", "who", "that", "whom"}
COMPLEMENTS = ("ccomp", "xcomp")
FRAME_DEPS = {"punct", "cc", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "agent", "mark",
              "expl", "dep"}
SUBJECT_STOP = {"relcl", "acl", "appos", "punct", "advmod", "prep", "cc"}
UNNAMED_SOURCES = {"person", "official", "source", "diplomat", "people", "insider", "aide",
                   "officer"}
NOMINAL = {"dobj", "pobj", "attr", "oprd", "dative"}
GAP = re.compile(r"^[\s,;:—–-]*$")
LEADING_JUNK = re.compile(r"^[\s,;:—–\-“\"«‘]+|^(?:that|whether|if)\s+", re.I)
TRAILING_JUNK = re.compile(r"[\s,;:—–\-”\"»’]+$")


@dataclass
class Frame:
    cue: CueMatch
    speakers: list[list[Token]]
    content: list[tuple[int, int]]
    addressee: list[list[Token]] = field(default_factory=list)
    kind: str = "indirect"
    rule: str = ""
    quotes: list[Quote] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return self.content[0][0], self.content[-1][1]


def subject(verb: Token) -> Token | None:
    """The source of a verb: its subject, a passive agent, or the subject it shares."""
    # the subject nearest the verb: "Trump's special envoy for arms control Marshall
    # Billingslea told" has two, and the second is the name
    for child in reversed([c for c in verb.children if c.dep_ == "nsubj"]):
        if child.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    for child in verb.lefts:  # "The Pentagon disputes": a subject mis-parsed as a compound
        if child.dep_ == "compound" and child.pos_ == "PROPN" and verb.tag_ in ("VBZ", "VBD"):
            return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "began by saying", "after saying"
        governor = verb.head.head
        if verb.head.lower_ == "as":  # "TASS quoted Ryabkov as saying": the one quoted
            quoted = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
            if quoted:
                return quoted[0]
        return subject(governor)
    after_and = verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("and", "but")
    if verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG") \
            or (after_and and verb.head.i != verb.i):
        return subject(verb.head)
    return None


def noun_phrase(head: Token) -> list[Token]:
    """The words that name a source: the head with its modifiers, not its clauses."""
    keep = [head]
    for child in head.children:
        if child.dep_ in SUBJECT_STOP and not (child.dep_ == "prep" and child.lower_ == "of") \
                and not (child.dep_ == "acl" and child.tag_ == "VBN"
                         and head.lemma_ in UNNAMED_SOURCES and len(list(child.subtree)) < 7):
            continue  # but "a person briefed on the talks" is who the source is
        if child.dep_ in ("conj", "cc"):
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # keep only the contiguous run around the head
    run = [head]
    by_i = {t.i: t for t in keep}
    i = head.i - 1
    while i in by_i:
        run.insert(0, by_i[i])
        i -= 1
    i = head.i + 1
    while i in by_i:
        run.append(by_i[i])
        i += 1
    while run and (run[-1].is_punct or run[-1].dep_ == "case"):
        run.pop()
    while run and run[0].is_punct:
        run.pop(0)
    return run


def _phrases(head: Token | None) -> list[list[Token]]:
    """The noun phrases of a head and its conjuncts; a head that is only punctuation (a
    parse of "B( %said") names nobody."""
    if head is None:
        return []
    return [p for p in (noun_phrase(h) for h in conjuncts(head)) if p]


def conjuncts(head: Token) -> list[Token]:
    return [head] + [t for t in head.conjuncts if t.i > head.i]


def withheld(verb: Token) -> bool:
    """ "declined to say whether…", "would not say if…": a cue of nothing said."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("decline", "refuse"):
        return True
    asks = any(c.dep_ in COMPLEMENTS and any(m.lower_ in ("whether", "if") for m in c.children)
               for c in verb.children)
    return asks and any(c.dep_ == "neg" for c in verb.children)


def is_time(token: Token) -> bool:
    """A date modifier of the cue ("on Friday", "at the weekend", "last week")."""
    words = [token] + [c for c in token.children if c.dep_ == "pobj"]
    return any(w.ent_type_ in ("DATE", "TIME") for w in words)


def is_addressee_prep(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "to" and any(
        c.dep_ == "pobj" and (c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                              or c.lemma_ in ("reporter", "journalist", "briefing", "lawmaker"))
        for c in token.children)


def is_source_prep(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ in ("according", "in") and any(
        c.lemma_ in ("to", "statement", "interview", "briefing", "speech", "post")
        for c in token.subtree if c.i != token.i)


def _after_comma(src: Token, verb: Token) -> bool:
    """ "…, Ryabkov told TASS": a reporting clause set off by a comma after its content,
    not "… if Washington says so"."""
    first = min(t.i for t in src.subtree)
    return verb.dep_ == "ccomp" or (first > 0 and src.doc[first - 1].lower_ in (",", "—", "–"))


def extent(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree_span(token: Token, skip: set[int] | None = None) -> tuple[int, int]:
    toks = [t for t in token.subtree if not skip or t.i not in skip]
    return extent(toks)


def verb_frame(doc: Doc, cue: CueMatch) -> Frame | None:
    """Speaker, addressee and syntactic content of a verb cue (before quotes are considered)."""
    verb = cue.token
    entry = cue.entry
    src = subject(verb)
    speakers = _phrases(src)
    addressee: list[list[Token]] = []
    object_is_addressee = entry.get("object", "content") == "addressee"
    phrase_tokens = {t.i for t in cue.extra}
    rights = [c for c in verb.rights]
    start_token: Token | None = None
    object_head: Token | None = None
    rule = "complement"
    left_comp = [c for c in verb.lefts if c.dep_ in COMPLEMENTS]
    right_comp = [_past_title(c) for c in rights if c.dep_ in COMPLEMENTS]
    objects = [c for c in rights if c.dep_ in ("dobj", "dative")]
    for c in rights:
        if c.dep_ == "prep" and c.i in phrase_tokens:  # "call on X", "call for cutting X"
            objects += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
        if is_addressee_prep(c):
            addressee += [noun_phrase(h) for p in c.children if p.dep_ == "pobj"
                          for h in conjuncts(p)]
    noun_cue = [t for t in cue.extra if t.dep_ in ("dobj",)]
    if object_is_addressee:
        addressee += [noun_phrase(h) for o in objects if o.i not in phrase_tokens
                      for h in conjuncts(o)]
    elif objects:
        addressee += [noun_phrase(h) for o in objects for h in conjuncts(o)
                      if h.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")]
    if noun_cue:  # "gave formal notice that ...", "raised concerns over ..."
        kids = [c for c in noun_cue[0].rights if c.dep_ not in FRAME_DEPS]
        start_token = kids[0] if kids else None
        rule = "noun-phrase"
        if start_token is not None:
            rights = kids + [c for c in rights if c.i > noun_cue[0].i]
    elif right_comp and (object_is_addressee or not objects
                         or right_comp[0].i < objects[0].i):
        start_token = right_comp[0]
    elif objects and not object_is_addressee:
        object_head = min(objects, key=lambda t: t.i)
        start_token = min(object_head.subtree, key=lambda t: t.i)
        rule = "object"
    elif left_comp and verb.dep_ not in ("relcl",):
        comp = left_comp[-1]
        return Frame(cue, speakers, [subtree_span(comp)], addressee, rule="complement-before")
    elif verb.dep_ == "parataxis" or (verb.dep_ in ("ccomp", "advcl") and verb.head.i < verb.i
                                      and src is not None and src.i > verb.head.i
                                      and _after_comma(src, verb)):
        skip = {t.i for t in verb.subtree}
        start, end = subtree_span(verb.head, skip)
        first = min(t.i for t in src.subtree) if src is not None else verb.i
        if all(t.is_punct for t in doc[max(skip) + 1:verb.sent.end]) and doc[first].idx > start:
            end = doc[first].idx  # the reporting clause closes the sentence: content before it
        return Frame(cue, speakers, [(start, end)], addressee, rule="parenthetical")
    elif verb.dep_ == "relcl" and not any(c.dep_ in NOMINAL for c in verb.children):
        # "the missile that Moscow says violates …", not "the moratorium that Russia
        # declared": there the relative word is the cue's own object
        head = verb.head
        skip = {t.i for t in verb.subtree}
        return Frame(cue, speakers, [subtree_span(head, skip)], addressee, rule="relative-gap")
    elif (that := _that_clause(verb)) is not None:
        start_token, rule = that, "that-clause"
    else:
        candidates = [c for c in rights if c.dep_ not in FRAME_DEPS and not is_time(c)
                      and not is_addressee_prep(c) and c.i not in phrase_tokens
                      and not (object_is_addressee and c.dep_ in NOMINAL)]
        if candidates:
            start_token = candidates[0]
            rule = "adjunct"
    if start_token is None:
        return Frame(cue, speakers, [], addressee, rule="no-content")
    begin = min(t.i for t in start_token.subtree)
    if start_token.i > verb.i:
        begin = max(begin, verb.i + 1)
    # the whole object, also when it hangs under a phrase's preposition ("called for X")
    end_token = max((object_head if rule == "object" else start_token).subtree,
                    key=lambda t: t.i)
    cap = _aside(doc, start_token) if rule == "object" else None
    for c in rights:
        if c.i <= start_token.i or c.dep_ in FRAME_DEPS or is_time(c) or is_source_prep(c):
            continue
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
            continue
        if c.dep_ == "advcl" and c.tag_ == "VBG" and doc[c.i - 1].is_punct:
            continue  # "..., adding that": the speaker's next act, not this content
        if is_addressee_prep(c):
            continue
        last = max(c.subtree, key=lambda t: t.i)
        if last.i > end_token.i:
            end_token = last
    if cap is not None and cap < end_token.i:
        end_token = doc[cap]
    return Frame(cue, speakers, [(doc[begin].idx, end_token.idx + len(end_token))],
                 addressee, rule=rule)


def _that_clause(verb: Token) -> Token | None:
    """A 'that' clause the parser hung lower down ('told reporters after the meeting that
    allies must pay'): its verb, or None."""
    for t in verb.subtree:
        if t.i > verb.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.i > t.i \
                and t.head.pos_ in ("VERB", "AUX"):
            return t.head
    return None


def _past_title(comp: Token) -> Token:
    """'told CBS’ “Face the Nation” that ...': a quoted title parsed as a verb is a name."""
    if comp.ent_type_ == "WORK_OF_ART":
        inner = [c for c in comp.children if c.dep_ == "ccomp"]
        if inner:
            return inner[0]
    return comp


def _aside(doc: Doc, obj: Token) -> int | None:
    """Index of the last word before a non-restrictive clause on a nominal content
    ('criticised the withdrawal, which led to ...')."""
    for i in range(obj.left_edge.i, len(doc) - 1):
        if doc[i].is_sent_end:
            break
        if doc[i].text == "," and doc[i + 1].lower_ in RELATIVE - {"that"}:
            return i - 1
    return None


def source_frame(doc: Doc, cue: CueMatch) -> Frame | None:
    """'according to X': X speaks; the clause the phrase modifies is the content."""
    prep = cue.token
    to = cue.extra[0] if cue.extra else None
    pobj = next((c for c in (to.children if to is not None else []) if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = prep.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i \
            and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    skip = {t.i for t in prep.subtree}
    rest = [t for t in head.subtree if t.i not in skip and not t.is_punct]
    if not rest:  # "According to X, …" parsed with the phrase as the root: the rest of it
        rest = [t for t in prep.sent if t.i not in skip and not t.is_punct]
    if not rest:  # "According to MSNBC, basically." has something; this has nothing
        return None
    return Frame(cue, _phrases(pobj), [extent(rest)],
                 rule="according-to")


# Verbs that only deliver a noun cue's claim: "made the claim that", "repeated its warning
# that" are the subject's own; "rejected the claim that" is not.
LIGHT_VERBS = {"make", "issue", "repeat", "reiterate", "renew", "voice", "express", "level",
               "raise", "deliver", "echo", "stand"}


def noun_frame(doc: Doc, cue: CueMatch) -> Frame | None:
    """'Russia's claim that X', 'the allegation by officials that Y', 'Putin made the claim
    that Z': the owner of the noun speaks; the clause is the content."""
    noun = cue.token
    clause = that_clause(noun)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if (owner is None or owner.tag_ == "PRP$") and noun.dep_ == "dobj" \
            and noun.head.lemma_ in LIGHT_VERBS:  # "Russia repeated its warning"
        owner = subject(noun.head) or owner
    return Frame(cue, _phrases(owner), [subtree_span(clause)], rule="noun")


# The frame finder for each value of a cue's `frame` field.
FRAMES = {"verb": verb_frame, "source": source_frame, "noun": noun_frame}


def clean(text: str, start: int, end: int, quoted: bool) -> tuple[int, int]:
    """Trim connecting words and punctuation at the edges of an indirect content."""
    while True:
        chunk = text[start:end]
        m = LEADING_JUNK.match(chunk)
        if not m or not m.group(0):
            break
        start += m.end()
    chunk = text[start:end]
    if not quoted:
        m = TRAILING_JUNK.search(chunk)
        if m:
            end = start + m.start()
        if text[start:end].endswith(".") and not text[start:end].endswith(".."):
            tail = text[start:end].rsplit(None, 1)[-1]
            if not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{1,3}\.", tail):  # keep "U.S.", "Jr."
                end -= 1
    return start, end
