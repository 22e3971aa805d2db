"""The finder registry: every finder module is run, and every cue ``frame`` the rule
schema accepts has the finder that reads it."""

import importlib
import pkgutil
from typing import get_args

import claimx.finders
from claimx.finders import FILLERS, OPENERS
from claimx.finders.cued import CueFinder
from claimx.schema import Cue


def test_each_cue_frame_of_the_schema_has_one_finder():
    frames = [f.frame for f in OPENERS if isinstance(f, CueFinder)]
    assert sorted(frames) == sorted(get_args(Cue.model_fields["frame"].annotation))


def test_every_finder_defined_is_registered_once():
    defined = set()
    for module in pkgutil.iter_modules(claimx.finders.__path__):
        found = importlib.import_module(f"claimx.finders.{module.name}")
        defined |= {c for c in vars(found).values() if isinstance(c, type)
                    and c.__module__ == found.__name__ and callable(getattr(c, "find", None))
                    and not c.__subclasses__() and not getattr(c, "_is_protocol", False)}
    registered = [type(f) for f in OPENERS + FILLERS]
    assert len(registered) == len(set(registered))
    assert set(registered) == defined


def parsed(text, heads, deps, pos):
    """A Doc with a given parse, so that a test of a parse rule does not hang on the
    model's parse of the day."""
    import spacy
    from spacy.tokens import Doc
    return Doc(spacy.blank("en").vocab, words=text.split(), heads=heads, deps=deps, pos=pos)


def test_a_refusal_to_say_when_says_nothing():
    from claimx.finders.cued import withheld
    doc = parsed("The agency did not say when the call took place .",
                 [1, 4, 4, 4, 4, 8, 7, 8, 4, 8, 4],
                 ["det", "nsubj", "aux", "neg", "ROOT", "advmod", "det", "nsubj", "advcl",
                  "dobj", "punct"],
                 ["DET", "NOUN", "AUX", "PART", "VERB", "SCONJ", "DET", "NOUN", "VERB",
                  "NOUN", "PUNCT"])
    assert withheld(doc[4])
    said = parsed("The agency said the call took place .", [1, 2, 2, 4, 5, 2, 5, 2],
                  ["det", "nsubj", "ROOT", "det", "nsubj", "ccomp", "dobj", "punct"],
                  ["DET", "NOUN", "VERB", "DET", "NOUN", "VERB", "NOUN", "PUNCT"])
    assert not withheld(said[2])


def test_a_that_clause_under_another_verb_is_not_the_cues_content():
    from claimx.finders.verbs import _that_clause
    words = "Kono told NHK when asked about fears that residents would oppose it ."
    doc = parsed(words, [1, 1, 1, 4, 1, 4, 5, 10, 10, 10, 6, 10, 1],
                 ["nsubj", "ROOT", "dobj", "advmod", "advcl", "prep", "pobj", "mark", "nsubj",
                  "aux", "acl", "dobj", "punct"],
                 ["PROPN", "VERB", "PROPN", "SCONJ", "VERB", "ADP", "NOUN", "SCONJ", "NOUN",
                  "AUX", "VERB", "PRON", "PUNCT"])
    assert _that_clause(doc[1]) is None
    # "told reporters after the meeting that allies must pay": the clause is the cue's
    words = "Trump told reporters after the meeting that allies must pay ."
    doc = parsed(words, [1, 1, 1, 1, 5, 3, 9, 9, 9, 5, 1],
                 ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "mark", "nsubj", "aux",
                  "acl", "punct"],
                 ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "SCONJ", "NOUN", "AUX",
                  "VERB", "PUNCT"])
    assert _that_clause(doc[1]).text == "pay"


def test_a_clause_parsed_as_a_second_subject_is_the_content():
    from claimx.finders.verbs import _clause_as_subject
    doc = parsed("People like Scott , he said .", [5, 0, 1, 5, 5, 5, 5],
                 ["nsubj", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"],
                 ["NOUN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"])
    start, end = _clause_as_subject(doc[5])
    assert doc.text[start:end] == "People like Scott"
    one = parsed("He said .", [1, 1, 1], ["nsubj", "ROOT", "punct"], ["PRON", "VERB", "PUNCT"])
    assert _clause_as_subject(one[1]) is None


def test_a_clause_opening_with_a_conjunction_of_time_or_cause_is_adverbial():
    from claimx.finders.quotations import _adverbial
    text = "Warren told Stumpf, after he admitted he had not been held accountable."
    assert _adverbial(text, text.index("after"))
    assert _adverbial("x, Because it failed", 3)
    assert not _adverbial(text, text.index("he admitted"))
    assert not _adverbial("afterwards the talks failed", 0)  # a whole word only


def test_a_that_clause_whose_subject_the_parser_hung_elsewhere_starts_at_that(claims_of):
    # the parser reads "a Kalibr fired from …" as a relative clause of the date
    _, claims = claims_of("Admiral Ivan Petrov told President Vladimir Putin on 12 March "
                          "2021 that a Kalibr fired from the corvette Grad Sviyazhsk in the "
                          "Caspian Sea had hit a target 900 kilometres away.")
    assert [c.content.text for c in claims] == [
        "a Kalibr fired from the corvette Grad Sviyazhsk in the Caspian Sea had hit a target "
        "900 kilometres away"]


def test_a_source_parsed_as_a_verb_phrase_still_speaks():
    from claimx.cues import CueMatch
    from claimx.finders.sources import Sources
    doc = parsed("The actor insulted the crew , according to show staffers .",
                 [1, 2, 2, 4, 2, 2, 2, 6, 7, 8, 2],
                 ["det", "nsubj", "ROOT", "det", "dobj", "punct", "prep", "prep", "pcomp",
                  "dobj", "punct"],
                 ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "ADP", "VERB",
                  "NOUN", "PUNCT"])
    cue = CueMatch(doc[6], [doc[7]], {"id": "according-to", "frame": "source"},
                   "according to")
    frame = Sources().parse(doc, cue)
    assert [[t.text for t in s] for s in frame.speakers] == [["show", "staffers"]]
    assert [doc.text[s:e] for s, e in frame.content] == ["The actor insulted the crew"]


def test_a_participle_or_as_after_the_cue_is_the_speakers_next_act_not_the_content():
    import spacy
    from spacy.tokens import Doc

    from claimx.finders.quotations import _adverbial, _next_act
    words = ["Holm", "said", ",", "answering", "a", "question", "at", "the", "hall"]
    doc = Doc(spacy.blank("en").vocab, words=words,
              tags=["NNP", "VBD", ",", "VBG", "DT", "NN", "IN", "DT", "NN"])
    assert _next_act(doc, doc[3].idx) and not _next_act(doc, doc[5].idx)
    assert _adverbial("as a few boxers trained", 0)
