"""What every finder shares: the frame it returns and the parse helpers for its parts.

A frame is a cue with its speakers, content and addressee, before they are resolved
into a claim. Offsets are characters into the document text; a content may have
several parts (a quotation interrupted by its cue, or running over paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .cues import CueMatch
from .quotes import Quote

RELATIVE = {"which", "who", "that", "whom"}
COMPLEMENTS = ("ccomp", "xcomp")
SUBJECT_STOP = {"relcl", "acl", "appos", "punct", "advmod", "prep", "cc"}
UNNAMED_SOURCES = {"person", "official", "source", "diplomat", "people", "insider", "aide",
                   "officer"}
LEADING_JUNK = re.compile(r"^[\s,;:—–\-“\"«‘]+|^(?:that|whether|if)\s+", re.I)
# A sentence's link to the narration before it: the writer's, not the source's ("But, the
# ministry said, the talks …"); a quotation keeps its own.
CONNECTIVE = re.compile(r"^(?:(?:but|and)\b,?|however,)\s+", re.I)  # not "however laudable"
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
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a statement saying that…", "a letter urging…": what says it
    # "began by saying", "after saying", "fined for X and for saying"
    if verb.dep_ == "pcomp" and (verb.head.dep_ == "prep"
                                 or verb.head.dep_ == "conj" and verb.head.pos_ == "ADP"):
        governor = verb.head.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
            governor = governor.head  # "aside from saying": the verb the phrase is part of
        if verb.head.lower_ == "as":  # "TASS quoted Ryabkov as saying": the one quoted
            quoted = [c for c in governor.children if c.dep_ == "dobj"]
            if quoted:
                return quoted[0]
        passive = [c for c in governor.children if c.dep_ == "nsubjpass"]
        if passive:  # "was criticised for saying": the one criticised said it
            return passive[0]
        return subject(governor)
    after_and = verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("and", "but")
    if verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG") \
            or (after_and and verb.head.i != verb.i):
        return subject(verb.head)
    return _inverted(verb)


def _inverted(verb: Token) -> Token | None:
    """ '"The risk," said Paul Ode, an economist who …, "is …"': the parser may take the
    name after an inverted reporting verb for the subject of a verb further on; a comma
    closes the name there ('…, said Russia had chosen' is a subject without its verb)."""
    doc = verb.doc
    if verb.i == 0 or not doc[verb.i - 1].is_punct:
        return None
    for token in doc[verb.i + 1:min(verb.i + 6, verb.sent.end - 1)]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("PROPN", "NOUN") \
                and token.head.i > token.i:
            return token if doc[token.i + 1].text == "," else None
        if token.dep_ not in ("det", "compound", "amod", "poss", "case", "nmod"):
            return None
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
    while run and (run[-1].is_punct or run[-1].is_space or run[-1].dep_ == "case"):
        run.pop()
    while run and (run[0].is_punct or run[0].is_space):  # a blank line parsed as a noun
        run.pop(0)
    return run


def source_phrase(group: list[Token], avoid: set[int], several: bool) -> list[Token]:
    """All the words a sentence gives its source, as a reader takes them: the noun phrase
    with its appositions, modifiers and clauses ("Donna Brazile, the interim chairwoman of
    the committee", "Rep. John Mica (R-Fla.)"), and with its conjuncts when they speak
    too. Names are resolved from ``noun_phrase`` alone; this is the mention's extent. It
    stops at the words in ``avoid`` (the cue, the content), at a dateline's dash and at a
    line break."""
    inside = {t.i for t in group}
    head = next((t for t in group if t.head.i not in inside or t.head.i == t.i), group[0])
    words = {t.i: t for t in head.subtree}
    for child in head.children:
        if _aside(child, avoid) or (not several and child.dep_ in ("conj", "cc")):
            for t in child.subtree:
                words.pop(t.i, None)
    run = sorted(group, key=lambda t: t.i)
    i = run[0].i - 1
    while i in words and words[i].text not in ("—", "–", "--") and "\n" not in words[i].text:
        run.insert(0, words[i])
        i -= 1
    i = run[-1].i + 1
    while i in words and "\n" not in words[i].text:
        run.append(words[i])
        i += 1
    while len(run) > len(group) and (run[-1].is_punct and run[-1].text != ")"
                                     or run[-1].is_space or run[-1].dep_ in ("cc", "case")):
        run.pop()
    while len(run) > len(group) and (run[0].is_punct or run[0].is_space):
        run.pop(0)
    return run


def set_off(clause: Token) -> bool:
    """The clause follows a comma: it adds to the phrase rather than picks out whom."""
    first = min((t.i for t in clause.subtree if not t.is_punct), default=clause.i)
    return first > 0 and clause.doc[first - 1].text == ","


def _aside(child: Token, avoid: set[int]) -> bool:
    """A part of the source's phrase that is not about who it is: one holding the cue or
    the content, what the source was doing ("Blinken, speaking in Athens,", "Putin,
    who signed a treaty in Minsk on Friday") and when ("Blinken on Tuesday")."""
    if any(t.i in avoid for t in child.subtree):
        return True
    if (child.dep_ == "acl" and child.tag_ == "VBG" or child.dep_ == "relcl") \
            and set_off(child):
        return True
    return child.dep_ in ("prep", "npadvmod") and any(
        t.ent_type_ in ("DATE", "TIME") for t in child.subtree)


def phrases(head: Token | None) -> list[list[Token]]:
    """The noun phrases of a head and its conjuncts; a head that is only punctuation (a
    parse of "B( %said") names nobody."""
    if head is None:
        return []
    return [p for p in (noun_phrase(h) for h in conjuncts(head)) if p]


def conjuncts(head: Token) -> list[Token]:
    return [head] + [t for t in head.conjuncts if t.i > head.i]


def extent(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree_span(token: Token, skip: set[int] | None = None) -> tuple[int, int]:
    toks = [t for t in token.subtree if not skip or t.i not in skip]
    return extent(toks)


def clean(text: str, start: int, end: int, quoted: bool) -> tuple[int, int]:
    """Trim connecting words and punctuation at the edges of an indirect content."""
    while True:
        chunk = text[start:end]
        m = LEADING_JUNK.match(chunk) or (None if quoted else CONNECTIVE.match(chunk))
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
