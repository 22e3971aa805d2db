"""Resolve speaker mentions to canonical names.

The rules are those a reader of news uses: a full name stands for itself, a
surname for the full name given anywhere in the article, a capital for its
country, a title ("the Russian leader") for the latest person introduced with
a compatible title, and a pronoun for the most salient compatible source of
the nearest earlier sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .record import Speaker
from .rules import Rules

PAIR = re.compile(r"^(?:the two|both(?: the)?) (?:leaders|presidents|ministers|secretaries|"
                  r"counterparts|sides|men|women|officials|diplomats)$", re.I)
NUMBERS = {"two", "three", "four", "five", "six", "several", "some", "many", "both"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
FEMALE = {"spokeswoman", "chairwoman", "congresswoman", "ms", "ms.", "mrs", "mrs.", "madam",
          "businesswoman", "she"}
MALE = {"spokesman", "chairman", "congressman", "mr", "mr.", "he"}
PERSON_LABELS = ("PERSON",)
GROUP_LABELS = ("ORG", "GPE", "NORP")


@dataclass
class Referent:
    """Something an anaphor may point back to."""

    name: str
    type: str  # person | organisation | country | group
    start: int
    sentence: int
    salience: int = 1  # 2 for a claim's speaker or a clause subject
    title: str | None = None
    affiliation: str | None = None
    gender: str | None = None


@dataclass
class Discourse:
    """Per-article state: who has been introduced so far (never shared across articles)."""

    text: str = ""  # the document text (doc.text is rebuilt on every access)
    ents: list[Span] = field(default_factory=list)  # doc.ents, built once for the same reason
    people: dict[str, Referent] = field(default_factory=dict)  # full name -> first mention
    surnames: dict[str, str] = field(default_factory=dict)
    referents: list[Referent] = field(default_factory=list)

    def add(self, ref: Referent) -> None:
        self.referents.append(ref)


class SpeakerResolver:
    """Compiled speaker rules; stateless across articles."""

    def __init__(self, rules: Rules):
        self.aliases: dict[str, tuple[str, str]] = {}
        self.adjectives: dict[str, str] = {}
        for e in rules.entries("speakers", "entities"):
            for alias in [e["name"]] + e.get("aliases", []):
                self.aliases[alias] = (e["name"], e["type"])
            for adj in e.get("adjectives", []):
                self.adjectives[adj] = e["name"]
        self.title_groups: dict[str, set[str]] = {}
        self.generic = {t["id"] for t in rules.entries("speakers", "titles") if t.get("generic")}
        for t in rules.entries("speakers", "titles"):
            for word in t.get("words", []):
                self.title_groups.setdefault(word.lower(), set()).add(t["id"])
        self.title_pattern = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, self.title_groups), key=len, reverse=True))
            + r")s?$", re.I) if self.title_groups else None
        self.known: dict[str, dict] = {}
        for person in rules.entries("speakers", "people"):
            for name in [person["name"]] + person.get("aliases", []):
                self.known[name] = person
                self.known.setdefault(name.split()[-1], person)
        self.first_adjective = {e["name"]: e["adjectives"][0]
                                for e in rules.entries("speakers", "entities")
                                if e.get("adjectives")}
        self.institutions: dict[str, str] = {
            word.lower(): entry.get("stands_for", "institution")
            for entry in rules.entries("speakers", "institutions") for word in entry["words"]}
        self.pronouns: dict[str, set[str]] = {}
        for p in rules.entries("speakers", "pronouns"):
            for word in p.get("words", []):
                self.pronouns[word.lower()] = set(p.get("refers_to", []))

    # -- the article's people -------------------------------------------------
    def discourse(self, doc: Doc, text: str, quoted: list[tuple[int, int]],
                  header: list[tuple[int, int]] = ()) -> Discourse:
        """Collect the people and groups the narration introduces, with titles; not the
        header's (a byline's author is not the "she" of the story)."""
        d = Discourse(text=text, ents=list(doc.ents))
        sent_index = _sentence_index(doc)
        for ent in d.ents:
            if any(s <= ent.start_char < e for s, e in header):
                continue
            if any(s <= ent.start_char < e for s, e in quoted):
                full = ent.label_ in PERSON_LABELS and len(ent) > 1
                if full:  # a full name inside a quote still names the person
                    d.people.setdefault(ent.text, Referent(ent.text, "person", ent.start_char,
                                                           sent_index[ent.start]))
                continue
            ref = self._referent(ent, sent_index[ent.start])
            if ref is None:
                continue
            if ref.type == "person" and len(ent) > 1:
                known = d.people.get(ref.name)
                if known is None:
                    d.people[ref.name] = ref
                elif known.title is None and ref.title:
                    known.title, known.affiliation = ref.title, ref.affiliation
            d.add(ref)
        for name in d.people:
            d.surnames.setdefault(name.split()[-1], name)
        for ref in d.referents:  # "Putin" after "Vladimir Putin": one person
            if ref.type == "person":
                full = d.surnames.get(ref.name.split()[-1])
                if full and full != ref.name and len(ref.name.split()) == 1:
                    ref.name = full
                known = d.people.get(ref.name)
                if known:
                    ref.title = ref.title or known.title
                    ref.affiliation = ref.affiliation or known.affiliation
                    ref.gender = ref.gender or known.gender
                    known.gender = known.gender or ref.gender
        return d

    def person_name(self, ent: Span) -> tuple[str, str | None]:
        """The name in a PERSON entity, and any title words NER glued to its front
        ("Spokeswoman Maria Zakharova")."""
        return self._split_title(_strip_possessive(ent.text))

    def _split_title(self, text: str) -> tuple[str, str | None]:
        words, title = text.split(), []
        while len(words) > 2 and words[0].lower() in self.title_groups:
            title.append(words.pop(0))
        return " ".join(words), " ".join(title) or None

    def _known(self, ref: Referent) -> Referent:
        """Fill what the article leaves unsaid from the people list."""
        person = self.known.get(ref.name) or self.known.get(ref.name.split()[-1])
        if person is not None:
            ref.title = ref.title or person.get("title")
            ref.affiliation = ref.affiliation or person.get("affiliation")
            ref.gender = ref.gender or person.get("gender")
        return ref

    def _referent(self, ent: Span, sentence: int) -> Referent | None:
        root = ent.root
        salience = 2 if root.dep_ in ("nsubj", "nsubjpass") else 1
        if ent.label_ in PERSON_LABELS:
            name, glued = self.person_name(ent)
            title, affiliation, gender = self._describe(ent)
            title = " ".join(t for t in (glued, title) if t) or None
            if glued and not gender:
                gender = _gender(glued.split())
            return self._known(Referent(name, "person", ent.start_char, sentence, salience,
                                        title, affiliation, gender))
        if ent.label_ in GROUP_LABELS:
            name, kind = self.canonical_group(ent.text)
            if ent.label_ == "NORP" and name == ent.text:
                return None  # a nationality word, not a source
            return Referent(name, kind, ent.start_char, sentence, salience)
        return None

    def _describe(self, ent: Span) -> tuple[str | None, str | None, str | None]:
        """Title, affiliation and gender from the words around a person's name."""
        root = ent.root
        words: list[Token] = [t for t in root.lefts if t.i < ent.start
                              for t in t.subtree if t.i < ent.start]
        words += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
        if root.dep_ == "appos":
            head = root.head
            words += [t for t in head.subtree if t.i < root.i and t.i not in range(ent.start,
                                                                                     ent.end)]
        affiliation = None
        kept = []
        for t in words:
            if t.is_punct or t.lower_ in DETERMINERS or t.dep_ == "case":
                continue
            country = self.adjectives.get(t.text) or (
                self.aliases.get(t.text, (None, None))[0]
                if self.aliases.get(t.text, (None, ""))[1] == "country" else None)
            if country and not affiliation:
                affiliation = country
                continue
            kept.append(t.text)
        return " ".join(kept) or None, affiliation, _gender(kept)

    def canonical_group(self, text: str) -> tuple[str, str]:
        text = _strip_possessive(" ".join(text.split()))
        for candidate in (text, _strip_det(text)):
            if candidate in self.aliases:
                return self.aliases[candidate]
        return self._institution(_strip_det(text)) or (_strip_det(text), "organisation")

    def _institution(self, text: str) -> tuple[str, str] | None:
        """A country's body by one spelling: "Poland's foreign ministry" and "the Polish
        Foreign Ministry" are "Polish Foreign Ministry"; "the German government" is
        Germany; "U.S. Army" is "US Army"."""
        owner, _, rest = text.partition(" ")
        if re.search(r"['’]s?$", owner):
            owner = _strip_possessive(owner)
            country = self.aliases.get(owner, (None, None))
            adjective = self.first_adjective.get(country[0]) if country[1] == "country" \
                else None
        else:
            country = (self.adjectives.get(owner), "country")
            adjective = owner
        stands_for = self.institutions.get(rest.lower())
        if country[0] is None or adjective is None or stands_for is None:
            return None
        if stands_for == "country":
            return country[0], "country"
        words = [w if w in ("of", "and") else w[:1].upper() + w[1:] for w in rest.split()]
        name = " ".join([adjective.replace(".", "")] + words)
        return self.aliases.get(name, (name, "organisation"))

    # -- one mention -----------------------------------------------------------
    def resolve_all(self, doc: Doc, tokens: list[Token], d: Discourse,
                    sentence: int) -> list[Speaker]:
        """Speaker records for a mention: "the two leaders" are the last two people
        named before it (a readout's "Both ministers reaffirmed…"); anything else is one."""
        speaker = self.resolve(doc, tokens, d, sentence)
        if not PAIR.match(speaker.mention or ""):
            return [speaker]
        people: list[Referent] = []
        for ref in reversed(d.referents):
            if ref.start < speaker.start and ref.type == "person" \
                    and ref.name not in {p.name for p in people}:
                people.append(ref)
            if len(people) == 2:
                break
        if len(people) < 2:
            return [speaker]
        return [self._fill(replace(speaker), ref, "pair") for ref in reversed(people)]

    def resolve(self, doc: Doc, tokens: list[Token], d: Discourse,
                sentence: int) -> Speaker:
        """A speaker record for the tokens that name the source in a claim's sentence."""
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        mention = d.text[start:end]
        speaker = Speaker(name=None, mention=mention, start=start, end=end)
        head = max(tokens, key=lambda t: t.i if t.dep_ != "punct" else -1)
        lowered = mention.lower()
        if len(tokens) == 1 and lowered in self.pronouns:
            ref = self._antecedent(d, sentence, self.pronouns[lowered], lowered)
            if ref is not None:
                return self._fill(speaker, ref, "pronoun")
            speaker.type = "person" if lowered in ("he", "she") else None
            return speaker
        person = [e for e in d.ents if e.label_ in PERSON_LABELS
                  and start <= e.start_char and e.end_char <= end]
        if person:
            ent = person[-1]
            name, glued = self.person_name(ent)
            name = _uncapitalised(name, d)
            how = "named"
            if len(name.split()) == 1 and name in d.surnames:
                name, how = d.surnames[name], "surname"
            elif len(name.split()) == 1 and name in self.known:  # "Putin said" alone
                name, how = self.known[name]["name"], "known"
            known = d.people.get(name)
            title, affiliation, _ = self._describe(ent)
            title = " ".join(t for t in (glued, title) if t) or None
            speaker.name, speaker.type, speaker.resolved = name, "person", how
            speaker.title = title or (known.title if known else None)
            speaker.affiliation = affiliation or (known.affiliation if known else None)
            return speaker
        bare = _uncapitalised(_strip_det(_strip_possessive(mention)), d)
        if bare in d.people or (len(bare.split()) == 1 and bare in d.surnames):
            # a name the NER missed here but found elsewhere in the article
            full = bare if bare in d.people else d.surnames[bare]
            known = d.people[full]
            speaker.name, speaker.type = full, "person"
            speaker.resolved = "named" if full == bare else "surname"
            speaker.title, speaker.affiliation = known.title, known.affiliation
            return speaker
        name, kind = self.canonical_group(mention)
        if name != _strip_det(_strip_possessive(mention)) or mention in self.aliases:
            speaker.name, speaker.type, speaker.resolved = name, kind, "alias"
            return speaker
        org = self._organisation_role(d, sentence, bare)
        if org is not None:
            return self._fill(speaker, org, "title")
        role = self._role(mention)
        if role is not None and lowered.split()[0] in ("a", "an"):
            # "a senior European diplomat" brings someone new in; "the diplomat" may follow;
            # "a Pentagon spokesperson" unnamed speaks for the Pentagon
            body = [t for t in tokens if t.ent_type_ in GROUP_LABELS and t.dep_ == "compound"]
            if body and "spokesperson" in role[0]:
                name, kind = self.canonical_group(" ".join(t.text for t in body))
                speaker.name, speaker.type, speaker.resolved = name, kind, "title"
                return speaker
            speaker.name = speaker.title = _strip_det(mention)
            speaker.type, speaker.resolved = "person", "mention"
            return speaker
        if role is not None:
            groups, nationality = role
            ref = self._titled(d, sentence, groups, nationality, mention)
            if ref is not None:
                return self._fill(speaker, ref, "title")
        if head.ent_type_ in GROUP_LABELS or head.pos_ == "PROPN":
            person, title = self._split_title(name)
            if title:  # "Chancellor Olaf Scholz": a titled person the NER missed
                speaker.name, speaker.type, speaker.resolved = person, "person", "named"
                speaker.title = title
                return speaker
            speaker.name, speaker.type, speaker.resolved = name, kind, "named"
            return speaker
        speaker.name, speaker.resolved = _strip_det(mention), "mention"
        speaker.type = "person" if role else None
        return speaker

    def _fill(self, speaker: Speaker, ref: Referent, how: str) -> Speaker:
        speaker.name, speaker.type, speaker.resolved = ref.name, ref.type, how
        speaker.title, speaker.affiliation = ref.title, ref.affiliation
        return speaker

    def _organisation_role(self, d: Discourse, sentence: int, bare: str) -> Referent | None:
        """'the ministry', 'the Foreign Ministry': the latest organisation named in full
        whose name ends so."""
        tail = bare.lower().split()
        if not tail or len(tail) > 3:
            return None
        for ref in reversed(d.referents):
            words = ref.name.lower().split()
            if ref.sentence <= sentence and ref.type == "organisation" \
                    and len(words) > len(tail) and words[-len(tail):] == tail:
                return ref
        return None

    def _role(self, mention: str) -> tuple[set[str], str | None] | None:
        words = _strip_det(mention).split()
        nationality = None
        while words:
            if words[0] in self.adjectives:
                nationality = self.adjectives[words[0]]
                words = words[1:]
                continue
            owner = next((n for n in range(len(words), 0, -1)
                          if _strip_possessive(" ".join(words[:n])) in self.aliases
                          and " ".join(words[:n]) != _strip_possessive(" ".join(words[:n]))),
                         None)
            if owner is None:
                break
            nationality = self.aliases[_strip_possessive(" ".join(words[:owner]))][0]
            words = words[owner:]
        rest = " ".join(words).lower()
        if not rest or self.title_pattern is None:
            return None
        m = self.title_pattern.search(rest)
        if not m or (rest.endswith("s") and not rest.endswith(m.group(1).lower())):
            return None  # "Russian officials": an unnamed group, not one person
        return self.title_groups[m.group(1).lower()], nationality

    def _titled(self, d: Discourse, sentence: int, groups: set[str], nationality: str | None,
                mention: str) -> Referent | None:
        """The latest person with a compatible title; an affiliation that matches the
        mention's nationality first, an unknown one next."""
        fallback = None
        for ref in reversed(d.referents):
            if ref.type != "person" or ref.sentence > sentence \
                    or not self._compatible(ref, groups, mention):
                continue
            if not nationality or ref.affiliation == nationality:
                return ref
            if ref.affiliation is None and fallback is None:
                fallback = ref
        if fallback is None and groups & self.generic:
            fallback = next((r for r in reversed(d.referents) if r.type == "person"
                             and r.sentence <= sentence
                             and (not nationality or r.affiliation == nationality)), None)
        if fallback is None:  # a lead that names the person only afterwards (AP, Reuters)
            fallback = next((r for r in d.referents if r.type == "person"
                             and sentence < r.sentence <= sentence + 2
                             and (self._compatible(r, groups, mention)
                                  or (nationality and r.affiliation == nationality))), None)
        return fallback

    def _compatible(self, ref: Referent, groups: set[str], mention: str) -> bool:
        if not ref.title:
            return False
        m = self.title_pattern.search(ref.title.lower()) if self.title_pattern else None
        theirs = self.title_groups.get(m.group(1).lower(), set()) if m else set()
        return bool(theirs & groups) or mention.lower().split()[-1] in ref.title.lower()

    def _antecedent(self, d: Discourse, sentence: int, kinds: set[str],
                    pronoun: str) -> Referent | None:
        """The most salient compatible referent of the nearest earlier sentence that has one."""
        want_gender = "f" if pronoun == "she" else "m" if pronoun == "he" else None
        best: Referent | None = None
        for ref in reversed(d.referents):
            if ref.sentence >= sentence:
                continue
            if best is not None and ref.sentence < best.sentence:
                break
            if ref.type not in kinds:
                continue
            if want_gender and ref.gender and ref.gender != want_gender:
                continue
            if best is None or ref.salience > best.salience:
                best = ref
        return best


def _gender(words: list[str]) -> str | None:
    lowered = {w.lower() for w in words}
    return "f" if lowered & FEMALE else "m" if lowered & MALE else None


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = i
    return index


def _uncapitalised(name: str, d: Discourse) -> str:
    """A transcript's label in capitals ("LINDQVIST") as the article spells the person."""
    if name.isupper() and (name.title() in d.people or name.title() in d.surnames):
        return name.title()
    return name


def _strip_det(text: str) -> str:
    words = text.split()
    while words and (words[0].lower() in DETERMINERS or words[0].lower() in NUMBERS
                     or words[0].isdigit()):
        words = words[1:]
    return " ".join(words) or text


def _strip_possessive(text: str) -> str:
    return re.sub(r"(?:['’]s|['’])$", "", text.strip())
