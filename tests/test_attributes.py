"""The indexed attribute ruler and cached lemmatizer give every token what the model's
stock components give it."""

import pytest
import spacy
from conftest import DATA, ROOT

from claimx.attributes import CachedLemmatizer, IndexedAttributeRuler, swap_in
from claimx.model import resolve_model

ODD = ["I'd say y'all gotta see it: ain't nothin' gonna stop 'em, c'mon!",
       "There's no truth in it, is there? Let's not. Don't they?  \n\n  Whether it's so…",
       "The U.S. didn't, hadn't and wouldn't; it's the INF's end. NOT THAT IT MATTERS."]


def _tokens(docs):
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in docs]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(resolve_model(), exclude=["senter", "ner"])
    swapped = spacy.load(resolve_model(), exclude=["senter", "ner"])
    swap_in(swapped)
    return stock, swapped


def test_the_stock_components_are_replaced(pipelines):
    _, swapped = pipelines
    assert isinstance(swapped.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(swapped.get_pipe("lemmatizer"), CachedLemmatizer)


def test_every_token_gets_the_same_tag_pos_morph_and_lemma(pipelines):
    stock, swapped = pipelines
    paths = sorted((DATA / "articles").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths] + ODD
    twice = texts + texts  # the second time from the lemma cache
    expected = _tokens(stock.pipe(twice))
    assert sum(map(len, expected)) > 25_000
    assert _tokens(swapped.pipe(twice)) == expected


def test_patterns_added_later_count_as_the_stock_ruler_counts_them(pipelines):
    stock, swapped = pipelines
    for nlp in pipelines:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": {"IN": ["kalibr", "iskander"]}}]], {"POS": "PROPN", "TAG": "NNP"})
        ruler.add([[{"LOWER": "new"}, {"LOWER": "start"}]], {"POS": "PROPN"}, index=1)
    text = "Russia moved Kalibr and Iskander systems, and New START expired."
    got = _tokens([swapped(text)])
    assert got == _tokens([stock(text)])
    assert [pos for _, pos, _, _ in got[0]][2] == "PROPN" and got[0][8][1] == "PROPN"
