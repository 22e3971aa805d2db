"""The model's attribute ruler and rule lemmatizer, giving the same tokens for less work.

spaCy's ``AttributeRuler`` tries every token against each of its patterns (179 in
``en_core_web_sm``, most of them one token: a tag, a word and its tag) and its
lemmatizer handles tokens one Python object at a time: together they took a sixth of
the pipeline's time, more than the parser. Here one-token patterns of plain values are
looked up by those values, the rest still go through a Matcher, and lemmas are
computed once per (word, part of speech, morphology), the key spaCy's own cache uses.
Matches are applied in the same order and the lemma rules are the model's own, so
every token gets what the stock components give it; ``load_pipeline`` swaps them in.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product
from operator import itemgetter

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Token attributes a one-token pattern may test by equality, read as a Doc's array.
KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "ORTH": ORTH, "POS": POS, "IS_SPACE": IS_SPACE}
COLUMNS = list(KEYS)


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose one-token equality patterns are dictionary lookups."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._index: dict | None = None

    def add(self, patterns, attrs, index=0) -> None:
        super().add(patterns, attrs, index)
        self._index = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def match(self, doc: Doc):
        if self._index is None:
            self._index = self._build_index()
        tables, rest = self._index
        matches = []
        rows = doc.to_array([KEYS[c] for c in COLUMNS]).tolist()
        for columns, table in tables:
            key = itemgetter(*columns)
            for t, row in enumerate(rows):
                found = table.get(key(row))
                if found:
                    matches += [(i, t, t + 1) for i in found]
        matches += [(int(self.vocab.strings[m_id]), s, e) for m_id, s, e in rest(doc)]
        return [(i, self.vocab.strings[str(i)], s, e) for i, s, e in sorted(set(matches))]

    def _build_index(self):
        """Lookup tables keyed by the tested attributes' values, one per set of
        attributes, and a Matcher for every pattern that is not one token of plain
        values."""
        tables: dict[tuple, dict] = defaultdict(lambda: defaultdict(list))
        rest = Matcher(self.vocab, validate=False)
        for i in range(len(self.attrs)):
            for pattern in self.matcher.get(self.vocab.strings[str(i)])[1]:
                if len(pattern) == 1 and _plain(pattern[0]):
                    names = sorted(pattern[0])
                    columns = tuple(COLUMNS.index(n) for n in names)
                    options = [v["IN"] if isinstance(v, dict) else [v]
                               for v in (pattern[0][n] for n in names)]
                    for values in product(*options):  # {"IN": [...]}: any of them
                        key = tuple(self._value(v) for v in values)
                        tables[columns][key if len(key) > 1 else key[0]].append(i)
                else:
                    rest.add(str(i), [pattern])
        return [(k, dict(v)) for k, v in tables.items()], rest

    def _value(self, value: str | bool) -> int:
        """A pattern's value as the Doc's array holds it."""
        return int(value) if isinstance(value, bool) else self.vocab.strings[value]


def _plain(token_pattern: dict) -> bool:
    """Tests of equality (or of being one of a list) on the attributes of ``KEYS`` only."""
    def plain(key: str, value) -> bool:
        if isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
            return all(plain(key, v) for v in value["IN"])
        return isinstance(value, bool) if key == "IS_SPACE" else isinstance(value, str)
    return all(k in KEYS and plain(k, v) for k, v in token_pattern.items())


class CachedLemmatizer(EnglishLemmatizer):
    """The English rule lemmatizer, reading and writing a Doc's arrays at once and
    keeping every lemma it made: in rule mode a lemma depends on the word, its part of
    speech and morphology only (spaCy's own cache skips base forms and spaces)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if self.overwrite or lemma == 0:
                key = (orth, pos, morph)
                if key not in self._lemmas:
                    self._lemmas[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
                rows[i, 3] = self._lemmas[key]
        doc.from_array([LEMMA], rows[:, 3:4])
        return doc


@Language.factory("claimx_attribute_ruler",
                  default_config={"validate": False,
                                  "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_attribute_ruler(nlp: Language, name: str, validate: bool, scorer):
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


@Language.factory("claimx_lemmatizer",
                  default_config={"model": None, "mode": "rule", "overwrite": False,
                                  "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_lemmatizer(nlp: Language, model, name: str, mode: str, overwrite: bool, scorer):
    return CachedLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite,
                            scorer=scorer)


def swap_in(nlp: Language) -> None:
    """Replace the stock attribute ruler and English lemmatizer by these, state and all."""
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        if type(pipe) is AttributeRuler:
            patterns = pipe.patterns
            new = nlp.replace_pipe(name, "claimx_attribute_ruler",
                                   config={"validate": False})
            new.add_patterns(patterns)
        elif type(pipe) is EnglishLemmatizer and pipe.mode == "rule":
            lookups, overwrite = pipe.lookups, pipe.overwrite
            new = nlp.replace_pipe(name, "claimx_lemmatizer",
                                   config={"mode": "rule", "overwrite": overwrite})
            new.lookups = lookups
