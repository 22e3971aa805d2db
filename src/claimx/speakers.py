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

from .dates import MONTHS, WEEKDAYS
from .frames import noun_phrase, subject
from .identity import identity_key
from .record import Speaker
from .rules import Rules

PAIR = re.compile(r"^(?:the (?P<n>two|three|four)|both(?: the)?) (?:(?P<people>leaders|presidents|"
                  r"ministers|secretaries|counterparts|men|women|officials|diplomats)|"
                  r"(?P<states>sides|countries|governments|nations|powers|capitals))$", re.I)
COUNTS = {"two": 2, "three": 3, "four": 4}
NUMBERS = {"one", "two", "three", "four", "five", "six", "several", "some", "many", "both"}
# Words for a document that speaks for whoever issued it ("the statement said").
DOCUMENTS = {"statement", "report", "letter", "communique", "communiqué", "readout",
             "declaration", "document", "notice", "note", "release", "memo", "memorandum",
             "transcript", "post", "message", "resolution", "bulletin", "summary"}
# Verbs whose subject issues the document that is their object ("NATO released a report
# showing…", "the senators sent a letter urging…").
ISSUING = {"issue", "release", "send", "publish", "post", "sign", "write", "submit", "deliver",
           "circulate", "file", "present", "unveil", "draft", "produce", "adopt", "put"}
# Heads of a described source whose place is part of the description ("diplomats in
# Vienna", "the US Embassy in Tokyo").
PLACED = {"analyst", "diplomat", "official", "source", "expert", "observer", "embassy",
          "mission", "consulate", "delegation", "office", "officer", "lawmaker", "people"}
# Transcript labels of a role, not of anyone in particular ("MODERATOR:").
ROLE_LABELS = {"moderator", "operator", "question", "reporter", "participant", "interviewer",
               "host", "audience", "journalist"}
NOT_NAMES = re.compile(r"https?:|www\.|pic\.|@|\d|^(?:of|for|and|to|in|on|at|by|from)\b", re.I)
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
FEMALE = {"spokeswoman", "chairwoman", "congresswoman", "ms", "ms.", "mrs", "mrs.", "madam",
          "businesswoman", "she"}
MALE = {"spokesman", "chairman", "congressman", "mr", "mr.", "he"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord",
              "lady", "madam"}
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
    spoken: list[Referent] = field(default_factory=list)  # claims' first speakers so far
    groups: list[list[Referent]] = field(default_factory=list)  # claims' several speakers

    def add(self, ref: Referent) -> None:
        self.referents.append(ref)

    def said(self, refs: list[Referent]) -> None:
        """A claim's speakers: salient for what follows, the issuer of a document named
        later without one ("The statement added…"), and "the three countries" together."""
        self.referents.extend(refs)
        self.spoken.append(refs[0])
        if len(refs) > 1:
            self.groups.append(refs)


class SpeakerResolver:
    """Compiled speaker rules; stateless across articles."""

    def __init__(self, rules: Rules):
        self.aliases: dict[str, tuple[str, str]] = {}
        self.adjectives: dict[str, str] = {}
        self.belongs: dict[str, str] = {}  # an organisation's names -> its country
        for e in rules.entries("speakers", "entities"):
            for alias in [e["name"]] + e.get("aliases", []):
                self.aliases[alias] = (e["name"], e["type"])
                if e.get("affiliation"):
                    self.belongs[alias] = e["affiliation"]
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
        self.ids: dict[str, tuple[str, str]] = {}  # identity key -> (id, canonical name)
        for person in rules.entries("speakers", "people"):
            for name in [person["name"]] + person.get("aliases", []):
                self.known[name] = person
                self.known.setdefault(name.split()[-1], person)
                self.ids[identity_key(name)] = (person["id"], person["name"])
        for e in rules.entries("speakers", "entities"):
            self.ids.setdefault(identity_key(e["name"]), (e["id"], e["name"]))
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
        d = Discourse(text=text, ents=[self._whole_name(e) for e in doc.ents])
        sent_index = _sentence_index(doc)
        for ent in d.ents:
            if any(s <= ent.start_char < e for s, e in header):
                continue
            if any(s <= ent.start_char < e for s, e in quoted):
                full = ent.label_ in PERSON_LABELS and len(ent.text.split()) > 1
                if full:  # a full name inside a quote still names the person
                    d.people.setdefault(ent.text, Referent(ent.text, "person", ent.start_char,
                                                           sent_index[ent.start]))
                continue
            ref = self._referent(ent, sent_index[ent.start])
            if ref is None:
                continue
            if ref.type == "person" and len(ref.name.split()) > 1:
                known = d.people.get(ref.name)
                if known is None:
                    d.people[ref.name] = ref
                elif known.title is None and ref.title:
                    known.title, known.affiliation = ref.title, ref.affiliation
            d.add(ref)
        for name in d.people:
            d.surnames.setdefault(name.split()[-1], name)
        for name in d.people:  # East Asian order: "Mao" is Mao Ning, "Koizumi" Koizumi Shinjiro
            if len(name.split()) > 1:
                d.surnames.setdefault(name.split()[0], name)
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

    def _whole_name(self, ent: Span) -> Span:
        """A PERSON entity widened over the capitalised name words the small model left
        out of it ("Sarah [Min]", "[Anders] Lindqvist"): words of the same name, not a
        title, a nationality or another entity."""
        if ent.label_ not in PERSON_LABELS:
            return ent
        doc, start, end = ent.doc, ent.start, ent.end

        def part(t: Token) -> bool:
            return t.pos_ == "PROPN" and t.is_title and not t.ent_type_ \
                and t.lower_.rstrip(".") not in self.title_groups \
                and t.lower_.rstrip(".") not in HONORIFICS \
                and not (t.text.endswith(".") and len(t.text) > 2) \
                and t.text not in self.adjectives and t.text not in self.aliases
        while start > 0 and part(doc[start - 1]) and doc[start - 1].head.i in range(start, end):
            start -= 1
        while end < len(doc) and part(doc[end]) and any(
                doc[i].head.i == end for i in range(start, end)):
            end += 1
        return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end,
                                                                      label=ent.label_)

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
        kept: list[str] = []
        words = [t for t in words if not (t.is_punct or t.lower_ in DETERMINERS
                                          or t.dep_ == "case")]
        i = 0
        while i < len(words):
            n, country, body = self._side_words(words, i)
            phrase = [t.text for t in words[i:i + n]]
            i += n
            if country and not affiliation:
                affiliation = country
                if not body:
                    continue  # "Russian" leaves the title; "Pentagon" stays in it
            kept += phrase
        return " ".join(kept) or None, affiliation, _gender(kept)

    def _side_words(self, words: list[Token], i: int) -> tuple[int, str | None, bool]:
        """How many words from ``i`` name a side, the country, and whether they name a body
        of it: a nationality or a country ("South Korean", "U.S.", "Japan's"), a known
        person's possessive ("Trump's special envoy" is on Trump's side), else an
        organisation that belongs to a country ("Pentagon press secretary")."""
        spans = [(n, " ".join(t.text for t in words[i:i + n]))
                 for n in (3, 2, 1) if i + n <= len(words)]
        for n, text in spans:
            name, kind = self.aliases.get(text, (None, None))
            country = self.adjectives.get(text) or (name if kind == "country" else None)
            if n == 1 and words[i].dep_ == "poss":
                country = country or (self.known.get(text) or {}).get("affiliation")
            if country:
                return n, country, False
        return next(((n, self.belongs[text], True) for n, text in spans
                     if text in self.belongs), (1, None, False))

    def canonical_group(self, text: str) -> tuple[str, str]:
        text = _strip_possessive(" ".join(text.split()))
        for candidate in (text, _strip_det(text)):
            if candidate in self.aliases:
                return self.aliases[candidate]
        body, _, place = _strip_det(text).partition(" in ")
        placed = self._institution(body) if place[:1].isupper() else None
        if placed:  # "Russia's embassy in Berlin": the body by its one spelling, and its place
            return f"{placed[0]} in {place}", placed[1]
        return self._institution(_strip_det(text)) or (_strip_det(text), "organisation")

    def _institution(self, text: str) -> tuple[str, str] | None:
        """A country's body by one spelling: "Poland's foreign ministry" and "the Polish
        Foreign Ministry" are "Polish Foreign Ministry", "South Korea's Joint Chiefs of
        Staff" "South Korean Joint Chiefs of Staff"; "the German government" is Germany;
        "U.S. Army" is "US Army"."""
        words = text.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            owner, rest = " ".join(words[:n]), " ".join(words[n:])
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
                continue
            if stands_for == "country":
                return country[0], "country"
            words = [w if w in ("of", "and") else w[:1].upper() + w[1:] for w in rest.split()]
            name = " ".join([adjective.replace(".", "")] + words)
            return self.aliases.get(name, (name, "organisation"))
        return None

    # -- one mention -----------------------------------------------------------
    def resolve_all(self, doc: Doc, tokens: list[Token], d: Discourse,
                    sentence: int) -> list[Speaker]:
        """Speaker records for a mention: "the two leaders" are the last two people named
        before it (a readout's "Both ministers reaffirmed…"), "the three countries" the
        last three countries or bodies; anything else is one."""
        speaker = self.resolve(doc, tokens, d, sentence)
        m = PAIR.match(speaker.mention or "")
        if not m:
            return [speaker]
        return [self.identify(s) for s in self._several(speaker, m, d)] or [speaker]

    def _several(self, speaker: Speaker, m: re.Match, d: Discourse) -> list[Speaker]:
        count = COUNTS.get((m.group("n") or "two").lower(), 2)
        kinds = ("person",) if m.group("people") else ("country", "organisation")
        group = next((g for g in reversed(d.groups) if len(g) == count
                      and g[0].start < speaker.start), None)
        if m.group("states") and group:  # the speakers of "Britain, France and Germany said"
            return [self._fill(replace(speaker), ref, "pair") for ref in group]
        found: list[Referent] = []
        for ref in reversed(d.referents):
            if ref.start < speaker.start and ref.type in kinds \
                    and ref.name not in {p.name for p in found}:
                found.append(ref)
            if len(found) == count:
                break
        if len(found) < count:
            return []
        return [self._fill(replace(speaker), ref, "pair") for ref in reversed(found)]

    def resolve(self, doc: Doc, tokens: list[Token], d: Discourse,
                sentence: int) -> Speaker:
        """A speaker record for the tokens that name the source in a claim's sentence; what
        resolves to no name (a dateline, a bare noun, a link) is an honest null."""
        speaker = self._resolve(doc, _whole(doc, tokens, d), d, sentence)
        if speaker.name is not None and not self._is_name(speaker.name, speaker.resolved):
            speaker.name = speaker.type = speaker.title = speaker.affiliation = None
        if speaker.name is None:
            speaker.resolved = "unresolved"
        return self.identify(speaker)

    def identify(self, speaker: Speaker) -> Speaker:
        """One identity per speaker across a corpus: the rules id and name of a known person
        or body however the article spells it (Sergey / Sergei Ryabkov, Zelenskyy /
        Zelensky), else the name's own key."""
        if speaker.name is None:
            speaker.id = None
            return speaker
        key = identity_key(speaker.name)
        speaker.id, speaker.name = self.ids.get(key, (key, speaker.name))
        return speaker

    def id_of(self, name: str) -> str:
        """The speaker id a name resolves to."""
        key = identity_key(name)
        return self.ids.get(key, (key,))[0]

    def _is_name(self, name: str, resolved: str | None) -> bool:
        """A person, a body, a country or a described source ("senior State Department
        official"), not "MOSCOW", "statement", "of Russia", "I" or "March 3"."""
        words = name.split()
        if NOT_NAMES.search(name) or name.lower() in self.pronouns or name in ("I", "me") \
                or name.lower() in ROLE_LABELS \
                or words[-1].lower() in DOCUMENTS \
                or all(w.lower().strip(".,") in WEEKDAYS or w.lower() in MONTHS or w.isdigit()
                       for w in words):
            return False
        if name.isupper() and self.aliases.get(name.title(), ("", ""))[1] == "country":
            return False  # a dateline ("KYIV, Ukraine -") read as the subject
        return len(words) > 1 or (resolved != "mention" and name[:1].isupper())

    def _resolve(self, doc: Doc, tokens: list[Token], d: Discourse,
                 sentence: int) -> Speaker:
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
        if head.pos_ == "NOUN" and head.lemma_.lower() in DOCUMENTS:
            return self._document(doc, head, d, sentence, speaker)
        person = [e for e in d.ents if start <= e.start_char and e.end_char <= end
                  and e.label_ in PERSON_LABELS and not _possessor(e)] or _beside(tokens, d)
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
        if role is not None and lowered.split()[0] in ("a", "an", "one"):
            # "a senior European diplomat" brings someone new in; "the diplomat" may follow;
            # "a Pentagon spokesperson" unnamed speaks for the Pentagon
            body = [t for t in tokens if t.ent_type_ in GROUP_LABELS and t.dep_ == "compound"]
            body = body or [t for c in head.children if c.dep_ == "prep"  # "…for X's Ministry"
                            and c.lower_ in ("for", "of") for p in c.children
                            if p.dep_ == "pobj" for t in noun_phrase(p)]
            if body and "spokesperson" in role[0]:
                name, kind = self.canonical_group(d.text[body[0].idx:body[-1].idx
                                                         + len(body[-1])])
                speaker.name, speaker.type, speaker.resolved = name, kind, "title"
                return speaker
            speaker.name = speaker.title = _strip_det(mention)
            speaker.type, speaker.resolved = "person", "mention"
            return speaker
        if role is not None and mention.isupper():  # "SENIOR STATE DEPARTMENT OFFICIAL:"
            speaker.name = speaker.title = self._cased(mention)
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
            described = [t for t in tokens if t.i < head.i and t.pos_ == "NOUN" and t.is_lower]
            if described and head.pos_ == "PROPN":  # "Chinese state broadcaster CCTV"
                named = [t for t in tokens if t.i > described[-1].i]
                name = d.text[named[0].idx:end]
            if name not in self.aliases and any(  # "Pavel Semenov, a Russia
                    c.dep_ == "appos" and c.lemma_.lower() in self.title_groups  # analyst"
                    for c in head.children):
                kind = "person"
            speaker.name, speaker.type, speaker.resolved = name, kind, "named"
            return speaker
        speaker.name, speaker.resolved = _strip_det(mention), "mention"
        speaker.type = "person" if role else None
        return speaker

    def _document(self, doc: Doc, head: Token, d: Discourse, sentence: int,
                  speaker: Speaker) -> Speaker:
        """A document speaks for its issuer: the body named on it ("A Russian Foreign
        Ministry statement", "the IAEA's report"), or after it ("issued by…", "from…"), or
        the one that issued it ("NATO released a report"); an issuer of no name ("the
        senators sent a letter") leaves it unnamed; else whoever made the latest claim
        ("…said in a statement. The statement added")."""
        issuer = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
        issuer += [p for c in head.children if c.dep_ in ("acl", "prep")
                   for a in ([c] if c.dep_ == "prep" else c.children)
                   if a.dep_ in ("agent", "prep") and a.lower_ in ("by", "from", "of")
                   for p in a.children if p.dep_ == "pobj"]
        sent_by = subject(head.head) if not issuer and head.dep_ == "dobj" \
            and head.head.lemma_ in ISSUING else None
        if issuer or sent_by is not None:
            who = self.resolve_all(doc, noun_phrase(issuer[0] if issuer else sent_by), d,
                                   sentence)[0]
            if who.name:
                return self._fill(speaker, Referent(who.name, who.type or "organisation",
                                                    speaker.start, sentence), "document")
            if sent_by is not None:
                return speaker
        earlier = [r for r in d.spoken if r.sentence <= sentence]
        if earlier:
            return self._fill(speaker, earlier[-1], "document")
        return speaker

    def _cased(self, label: str) -> str:
        """A transcript's label in capitals as a description: lower case but for the
        bodies it names ("senior State Department official")."""
        text = label.lower()
        for alias in self.aliases:
            if " " in alias and alias.lower() in text:
                text = re.sub(rf"\b{re.escape(alias.lower())}\b", alias, text)
        return text

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
            words = ref.name.lower().partition(" in ")[0].split()  # "…Embassy in Berlin"
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


def _possessor(ent: Span) -> bool:
    """ "Trump's special envoy": Trump owns the title and does not hold it."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].tag_ == "POS" or ent.text.endswith(("'s", "’s"))


def _whole(doc: Doc, tokens: list[Token], d: Discourse) -> list[Token]:
    """The mention widened over a name it cuts: the parser hangs "Kim Yo-jong" on "jong"
    and "Jean-Noël Barrot" on "Noël Barrot"; a described source keeps its place
    ("diplomats in Vienna", "the US Embassy in Tokyo")."""
    lo, hi = tokens[0].i, tokens[-1].i + 1
    for e in d.ents:
        if e.label_ in PERSON_LABELS and e.start < hi and lo < e.end:
            lo, hi = min(lo, e.start), max(hi, e.end)
    while lo > 1 and doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_ \
            and not doc[lo - 2].whitespace_ and doc[lo - 2].is_title:
        lo -= 2
        while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].is_title:
            lo -= 1
    head = max(doc[lo:hi], key=lambda t: t.i if t.dep_ != "punct" else -1)
    if head.lemma_.lower() in PLACED and head.ent_type_ not in PERSON_LABELS:
        for prep in head.rights:
            place = [p for p in prep.children if p.dep_ == "pobj"]
            if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i == hi and place:
                hi = max(t.i for t in place[0].subtree) + 1
    return tokens if (lo, hi) == (tokens[0].i, tokens[-1].i + 1) else list(doc[lo:hi])


def _beside(tokens: list[Token], d: Discourse) -> list[Span]:
    """The name set beside a described person: "The head of the Duma's defence
    committee, Andrei Kartapolov," or "Russia's chief negotiator, Lavrov's deputy Sergei
    Ryabkov,"; a name the NER typed otherwise counts there too."""
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
    if root.ent_type_ in PERSON_LABELS:
        return []
    apposed = [c for c in root.children if c.dep_ == "appos"]
    if not apposed:
        return []
    words = list(apposed[0].subtree)
    lo, hi = words[0].idx, words[-1].idx + len(words[-1])
    people = [e for e in d.ents if lo <= e.start_char and e.end_char <= hi
              and e.label_ in PERSON_LABELS and not _possessor(e)]
    if people or apposed[0].pos_ != "PROPN" or not all(
            t.is_title or t.text == "-" for t in words):
        return people
    return [root.doc[words[0].i:words[-1].i + 1]]


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
