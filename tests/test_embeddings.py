"""The cached token embeddings give the model's own vectors, tags, parse and entities."""

import numpy as np
import pytest
import spacy
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.embeddings import CachedEmbedding, embedding_chains, swap_in
from claimx.model import resolve_model

ANALYSES = ["TAG", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(resolve_model(), exclude=["senter"])
    cached = spacy.load(resolve_model(), exclude=["senter"])
    swap_in(cached, max_rows=2_000)  # small enough to start its table again on the way
    return stock, cached


def test_both_embeddings_of_the_small_model_are_cached(pipelines):
    stock, cached = pipelines
    assert len(embedding_chains(stock.get_pipe("tok2vec").model)) == 1
    assert len(embedding_chains(stock.get_pipe("ner").model)) == 1
    chains = [c for name in ("tok2vec", "ner")
              for c in embedding_chains(cached.get_pipe(name).model)]
    assert all(isinstance(c._func, CachedEmbedding) for c in chains)


def test_articles_get_the_stock_tensor_parse_and_entities(pipelines):
    stock, cached = pipelines
    paths = sorted((DATA / "articles").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts = texts + texts[::-1]  # the second time mostly from the table
    table = next(c._func for c in embedding_chains(cached.get_pipe("tok2vec").model))
    for a, b in zip(stock.pipe(texts, batch_size=8), cached.pipe(texts, batch_size=8),
                    strict=True):
        assert np.array_equal(a.tensor, b.tensor)
        assert a.to_array(ANALYSES).tolist() == b.to_array(ANALYSES).tolist()
    assert 0 < len(table.rows) <= 2_000 + 4_000  # bounded: started again at least once


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(
    ["the", "The", "Russia", "said", "missile", "INF", "treaty", "’s", "n't", " ", "\n",
     "2019", "Lavrov", "tested", ",", ".", "“", "warned", "Oreshnik", "U.S."]),
    min_size=0, max_size=30), min_size=1, max_size=4))
def test_a_row_does_not_depend_on_the_rows_around_it(pipelines, sentences):
    stock, cached = pipelines
    docs = [spacy.tokens.Doc(stock.vocab, words=words or ["x"]) for words in sentences]
    for name in ("tok2vec", "ner"):
        own = embedding_chains(stock.get_pipe(name).model)[0]
        fast = embedding_chains(cached.get_pipe(name).model)[0]
        for expected, got in zip(own.predict(docs), fast.predict(docs), strict=True):
            assert np.array_equal(expected, got)


def test_training_goes_through_the_model_itself(pipelines):
    _, cached = pipelines
    chain = embedding_chains(cached.get_pipe("tok2vec").model)[0]
    doc = cached.make_doc("Lavrov said so.")
    vectors, backprop = chain([doc], is_train=True)
    assert vectors[0].shape == (4, chain.get_dim("nO"))
    assert backprop(vectors) == []  # the stock chain's: features have no gradient
    _, no_grad = chain([doc], is_train=False)
    with pytest.raises(NotImplementedError):
        no_grad(vectors)
