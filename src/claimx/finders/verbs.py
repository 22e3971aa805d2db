"""Verb cues: the subject speaks, a complement, object or clause around the verb is
the content ("Ryabkov said that…", "urged Moscow to return", "…, Lavrov told TASS")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..cues import CueMatch
from ..frames import (
    COMPLEMENTS,
    RELATIVE,
    Frame,
    conjuncts,
    noun_phrase,
    phrases,
    set_off,
    subject,
    subtree_span,
)
from .cued import CueFinder

FRAME_DEPS = {"punct", "cc", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "agent", "mark",
              "expl", "dep"}
NOMINAL = {"dobj", "pobj", "attr", "oprd", "dative"}


class Verbs(CueFinder):
    frame = "verb"

    def parse(self, doc: Doc, cue: CueMatch) -> Frame:
        """Speaker, addressee and syntactic content (before quotations are considered)."""
        verb = cue.token
        entry = cue.entry
        src = subject(verb)
        speakers = phrases(src)
        addressee: list[list[Token]] = []
        object_is_addressee = entry.get("object", "content") == "addressee"
        phrase_tokens = {t.i for t in cue.extra}
        rights = [c for c in verb.rights]
        start_token: Token | None = None
        object_head: Token | None = None
        rule = "complement"
        left_comp = [c for c in verb.lefts if c.dep_ in COMPLEMENTS]
        right_comp = [_past_title(c) for c in rights
                      if c.dep_ in COMPLEMENTS or _bare(c) or _answer(c)]
        objects = [c for c in rights if c.dep_ in ("dobj", "dative")]
        for c in rights:
            if c.dep_ == "prep" and c.i in phrase_tokens:  # "call on X", "call for cutting X"
                objects += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if is_addressee_prep(c):
                addressee += [noun_phrase(h) for p in c.children if p.dep_ == "pobj"
                              for h in conjuncts(p)]
        if objects and right_comp and objects[0].i < right_comp[0].i and not object_is_addressee \
                and entry.get("content") == "clause":
            # "said older workers and their families would keep it": a verb that takes no
            # object has none; the parser split the complement's subject from its verb
            right_comp, objects = objects[:1], []
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
        elif verb.dep_ == "parataxis" or _set_in(verb) or _as_clause(verb, object_is_addressee) or (
                verb.dep_ in ("ccomp", "advcl") and verb.head.i < verb.i and src is not None
                and src.i > verb.head.i and _after_comma(src, verb)):
            skip = {t.i for t in verb.subtree}
            # a clause set in by a comma only ("Though X, he said, Y"), not one opened by
            # "as" that belongs to the adverbial ("If, as I said, X, then Y")
            host = _clause_verb(verb.head, max(skip) if verb.dep_ == "parataxis" else len(doc))
            start, end = subtree_span(host, skip)
            first = min(t.i for t in src.subtree) if src is not None else verb.i
            if all(t.is_punct for t in doc[max(skip) + 1:verb.sent.end]) and doc[first].idx > start:
                end = doc[first].idx  # the reporting clause closes the sentence: content before it
            return Frame(cue, speakers, _around(doc, host, skip, start, end), addressee,
                         rule="parenthetical")
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
            if (before := _clause_as_subject(verb)) is not None:
                return Frame(cue, speakers, [before], addressee, rule="complement-before")
            return Frame(cue, speakers, [], addressee, rule="no-content")
        begin = min(t.i for t in start_token.subtree)
        if start_token.i > verb.i:
            begin = _lost_subject(doc, verb, start_token, max(begin, verb.i + 1))
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
        content = [(doc[begin].idx, end_token.idx + len(end_token))]
        if rule == "complement" and (lead := _fronted_clause(verb, src)) is not None:
            content.insert(0, subtree_span(lead))
        return Frame(cue, speakers, content, addressee, rule=rule)


def _around(doc: Doc, head: Token, skip: set[int], start: int, end: int
            ) -> list[tuple[int, int]]:
    """The content on both sides of a reporting clause set in its middle ("The move, he
    said, was a mistake"): two parts, without the clause and its commas; else one."""
    words = [t for t in head.subtree if t.i not in skip and not t.is_punct and not t.is_space]
    before = [t for t in words if t.i < min(skip) and start <= t.idx]
    after = [t for t in words if t.i > max(skip) and t.idx + len(t) <= end]
    if not before or not after:
        return [(start, end)]
    return [(start, before[-1].idx + len(before[-1])), (after[0].idx, end)]


def _set_in(verb: Token) -> bool:
    """ "The problem, the minister told reporters, is …": a reporting clause between
    commas that the parser took for a relative clause of the noun before it (it has no
    relative word: "the deal, which he signed," is one)."""
    if verb.dep_ != "relcl" or not set_off(verb):
        return False
    doc, words = verb.doc, [t for t in verb.subtree if not t.is_punct]
    after = words[-1].i + 1
    return after < len(doc) and doc[after].text == "," \
        and not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") or t.lower_ == "that" for t in words)


def _as_clause(verb: Token, object_is_addressee: bool) -> bool:
    """ "As the mayor told the paper, the tax will fund schools": a reporting clause
    opened by 'as' and closed by a comma, before the clause it gives the source of; with
    nothing after the verb but whom and when ("As he said goodbye, …" is narration)."""
    last = max(t.i for t in verb.subtree)
    return verb.dep_ == "advcl" and verb.i < verb.head.i and last + 1 < len(verb.doc) \
        and verb.doc[last + 1].text == "," \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
        and all(c.is_punct or is_time(c) or is_addressee_prep(c) or is_source_prep(c)
                or (object_is_addressee and c.dep_ in ("dobj", "dative")) for c in verb.rights)


def _clause_verb(token: Token, after: int) -> Token:
    """The verb of the clause a word is in: the parser may hang a reporting clause set in
    the middle of a sentence on its subject ("The difference now, he told me, is …"), or
    on the adverbial clause before it ("Though X was calm, he said, Y would be…"): then
    the clause that adverbial modifies, past ``after``, is what was said."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "advcl" and token.head.i > after:
        return _clause_verb(token.head, after)
    return token


def _clause_as_subject(verb: Token) -> tuple[int, int] | None:
    """ "People like Scott, he said.": the reported clause taken for a second subject of
    the cue; its words up to the comma before the true subject are the content."""
    subjects = [c for c in verb.lefts if c.dep_ == "nsubj"]
    if len(subjects) < 2:
        return None
    doc, first = verb.doc, subjects[0]
    comma = subjects[-1].left_edge.i - 1
    if comma <= first.i or doc[comma].text != ",":
        return None
    return doc[first.left_edge.i].idx, doc[comma - 1].idx + len(doc[comma - 1])


def _lost_subject(doc: Doc, verb: Token, clause: Token, begin: int) -> int:
    """Where a content after the verb starts: at ``begin``, or right after a "that" before
    it when the clause has no subject: the parser hung the subject elsewhere ("told Putin
    on 7 October that a Zircon fired from the frigate had hit …", the Zircon under
    "October"), and the that-clause still runs from "that"."""
    if clause.pos_ not in ("VERB", "AUX") or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in clause.children):
        return begin
    that = [t.i for t in doc[verb.i + 1:begin] if t.lower_ == "that" and t.tag_ == "IN"]
    return that[-1] + 1 if that else begin


def _that_clause(verb: Token) -> Token | None:
    """A 'that' clause the parser hung lower down ('told reporters after the meeting that
    allies must pay'): its verb, or None."""
    for t in verb.subtree:
        if t.i > verb.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.i > t.i \
                and t.head.pos_ in ("VERB", "AUX") and not _through_verb(t.head, verb):
            return t.head
    return None


def _through_verb(clause: Token, verb: Token) -> bool:
    """Does ``clause`` hang under ``verb`` through another verb ('told MSNBC when asked
    about concerns that …'): then it is that verb's content, not the cue's."""
    node = clause.head
    while node.i != verb.i:
        if node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _bare(clause: Token) -> bool:
    """ "said after the vote she would not run": a clause with a subject and no
    conjunction, taken for an adverbial one because a phrase comes between."""
    return clause.dep_ == "advcl" and clause.tag_ != "VBG" \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) \
        and not any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT", "WP") for c in clause.children)


def _fronted_clause(verb: Token, src: Token | None) -> Token | None:
    """ "If the talks fail, the minister said, the government would …": an adverbial
    clause with a subject of its own before a reporting clause set off by commas on both
    sides is part of what was said (as where the parser hangs the cue on it)."""
    if src is None or verb.dep_ != "ROOT" or not set_off(src) \
            or verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].text != ",":
        return None
    first = min(t.i for t in src.subtree)
    for clause in verb.lefts:
        if clause.dep_ == "advcl" and max(t.i for t in clause.subtree) == first - 2 \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return clause
    return None


def _answer(word: Token) -> bool:
    """ "Asked whether he would run, the senator said no": a word that stands for a
    clause."""
    return word.lower_ in ("yes", "no") and word.dep_ in ("intj", "dobj")


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
