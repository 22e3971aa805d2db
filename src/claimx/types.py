"""Whose act a content reports: the subject of the clause a type rule matched in, as the
speaker's own side (``we``, the speaker's country or body, ``he``/``it`` in reported
speech) or another party ("Russia", "the Americans"). CLAIMS.md's types turn on it: an
own side's future step is a pledge or an announcement, another party's a charge."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .record import Speaker
from .rules import Rules
from .topics import SPANS_KEY as TOPICS

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
# in reported speech, mostly the speaker itself ("it would leave", "its crews fired")
REPORTED_SELF = {"he", "she", "it", "they", "his", "her", "its", "their"}
OWN_BODIES = {"country", "bloc", "alliance", "allies", "ministry", "department",
              "administration", "agency", "organisation", "organization", "service", "company",
              "party"}


class Sides:
    """The entity a subject names, by the speaker rules' names, aliases, adjectives and
    people's affiliations."""

    def __init__(self, rules: Rules):
        self.names: dict[str, str] = {}
        for e in rules.entries("speakers", "entities"):
            side = e.get("affiliation") or e["name"]  # "the Kremlin" is Russia's side
            for word in [e["name"]] + e.get("aliases", []) + e.get("adjectives", []):
                self.names[word] = side
        # "the ministry would ask", "the bloc would propose": in reported speech a body
        # named by its kind alone is the speaker's own
        self.bodies = {w.lower() for e in rules.entries("speakers", "institutions")
                       for w in e["words"]} | OWN_BODIES
        self.builders = {t["id"]: t["country"] for t in rules.entries("topics", "topics")
                         if t.get("country")}  # "the Oreshnik had been launched": Russia's
        for person in rules.entries("speakers", "people"):
            side = person.get("affiliation") or person["name"]
            for name in [person["name"]] + person.get("aliases", []):
                self.names[name] = side
                self.names.setdefault(name.split()[-1], side)
        self.parties = set(self.names.values()) | {
            p["affiliation"] for p in rules.entries("speakers", "people") if p.get("affiliation")}

    def whose(self, token: Token, content: Span, speaker: Speaker | None,
              direct: bool) -> str | None:
        """The side a ``subject:`` type rule asks for: :meth:`side`, except that a body
        that speaks ("the ministry said the missile had struck its target") reports its
        own acts unless another party is named."""
        side = self.side(token, content, speaker, direct)
        if side is None and speaker is not None and speaker.type == "organisation":
            return "own"
        return side

    def side(self, token: Token, content: Span, speaker: Speaker | None,
             direct: bool) -> str | None:
        """``own``, ``other`` or None for the clause of ``token`` inside ``content``: by
        the party its subject names, else by a pronoun or a body of the speaker's ("we",
        "it" in reported speech, "the ministry"), else by the party after its verb's "by"
        or "from" or the builder of the weapon it names; None when none of these is
        there or the speaker's own side is unknown."""
        subject = clause_subject(token, content)
        if subject is None or speaker is None:
            return None
        words = [t for t in subject.subtree if content.start <= t.i < content.end]
        pronouns = {t.lower_ for t in [subject] + [c for c in subject.children
                                                  if c.dep_ == "poss"] if t.pos_ == "PRON"}
        own = self._own(speaker)
        named = self._named([t.text for t in words])
        if named and own:  # "our Chinese friends" are China's side, not the speaker's
            return "own" if named & own else "other"
        if FIRST_PERSON & pronouns:  # "we", "our crews"; not "the US"
            return "own"
        if REPORTED_SELF & pronouns or self._own_body(subject, words):
            return None if direct else "own"  # "it would leave", "its crews fired"
        agents = [t for prep in subject.head.children if prep.lower_ in ("by", "from")
                  for t in prep.subtree if content.start <= t.i < content.end]
        named = self._named([t.text for t in agents]) or self._built(words)  # "the missile
        if not named or not own:  # was launched from Russia's …"; no party named, or the
            return None  # speaker's own side unknown
        return "own" if named & own else "other"

    def _own(self, speaker: Speaker) -> set[str]:
        """The speaker's side, among the parties the rules know: its affiliation, or the
        country or body it is ("Russian Defense Ministry": Russia; a bare "Army": none)."""
        own = {speaker.affiliation} if speaker.affiliation else set()
        if speaker.type in ("country", "organisation"):
            own |= self._named(speaker.name.split()) | {
                self.names[w] for w in speaker.name.split() if w in self.names}
        if speaker.name in self.names:
            own.add(self.names[speaker.name])
        return own & self.parties

    def _own_body(self, subject: Token, words: list[Token]) -> bool:
        """ "the ministry", "the armed forces", "the country": a body by its kind, with
        "the" and nothing that names whose (``words``: the subject's, in the content)."""
        if len(words) == 1 and subject.lower_ in self.bodies:  # "parliament would decide"
            return True
        if not words or words[0].lower_ != "the":
            return False
        return " ".join(t.lower_ for t in words[1:]) in self.bodies

    def _built(self, words: list[Token]) -> set[str]:
        """The countries that built the weapon systems the words name."""
        if not words:
            return set()
        ids = {t.i for t in words}
        return {self.builders[span.kb_id_] for span in words[0].doc.spans.get(TOPICS, [])
                if span.kb_id_ in self.builders and span.start in ids}

    def _named(self, forms: list[str]) -> set[str]:
        """Parties the words name, longest first and as spelled: "South Korea", "Moscow",
        "Russian", "Americans" (not "us")."""
        found, i = set(), 0
        while i < len(forms):
            for n in range(min(4, len(forms) - i), 0, -1):
                text = " ".join(forms[i:i + n])
                name = self.names.get(text) or (
                    self.names.get(text.removesuffix("s")) if n == 1 else None)
                if name:
                    found.add(name)
                    i += n - 1
                    break
            i += 1
        return found


def clause_subject(token: Token, content: Span) -> Token | None:
    """The subject of the nearest clause that holds ``token``, inside the content."""
    node = token
    while True:
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        if node.head.i == node.i or not content.start <= node.head.i < content.end:
            return None
        node = node.head


def in_noun_modifier(token: Token, content: Span) -> bool:
    """ "the missile that struck Dnipro", "the doctrine signed by Putin": words that
    describe a noun inside the content tell what the noun is, not what the claim does."""
    node = token
    while node.head.i != node.i and content.start <= node.head.i < content.end:
        if node.dep_ in ("relcl", "acl"):
            return True
        node = node.head
    return False


def reporting_verb(token: Token, content: Span, speech: set[str]) -> Token | None:
    """The verb of saying inside the content whose clause holds ``token`` ("our friends
    have said that they will not join"), or None."""
    node = token
    while node.head.i != node.i and content.start <= node.head.i < content.end:
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in speech:
            return node.head
        node = node.head
    return None
