"""The model's context-free token embeddings, computed once per distinct token.

In spaCy's CNN pipelines a token's embedding is a function of that token's own features
(NORM, PREFIX, SUFFIX, SHAPE, and for the shared tok2vec SPACY and IS_SPACE): they are
hashed into tables, mixed by a maxout layer and normalised, and only the encoder after
that looks at the neighbours. ``en_core_web_sm`` computes it for every token twice, in
its tok2vec and inside its NER: a quarter to a third of each one's arithmetic, while
news text repeats the same few thousand words. Here each distinct row of features is
embedded once by the model's own layers and looked up after. Every layer of the
embedding works row by row, so a row's vector does not depend on the rows computed with
it: the Doc's tensor, tags, parse and entities are the stock model's, bit for bit
(tests/test_embeddings.py); on a GPU the stock forward runs. Only the forward function
changes, so a pipeline saved with it loads as any other.
"""

from __future__ import annotations

import numpy as np
from spacy.language import Language
from thinc.api import Model

# The layers of a hash embedding with nothing but a token's own features in it (no
# static vectors, no character CNN): what this cache may stand in for.
EMBED_LAYERS = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")
MAX_ROWS = 50_000  # 19 MB of float32 at width 96; then the table starts again


class CachedEmbedding:
    """A forward function for a hash-embedding chain that keeps each row's vector."""

    def __init__(self, model: Model, max_rows: int = MAX_ROWS):
        self.forward = model._func
        self.extract, self.rest = model.layers[0], model.layers[1:]
        self.width = model.get_dim("nO")
        self.max_rows = max_rows
        self.rows: dict[bytes, int] = {}
        self.table = np.zeros((1024, self.width), dtype="float32")

    def __call__(self, model: Model, docs, is_train: bool):
        if is_train:
            return self.forward(model, docs, is_train)
        features = self.extract.predict(docs)
        if not all(isinstance(f, np.ndarray) for f in features):  # on a GPU: as it was
            return self.forward(model, docs, is_train)
        lengths = [len(f) for f in features]
        if not sum(lengths):
            return [np.zeros((n, self.width), dtype="float32") for n in lengths], _no_grad
        distinct, inverse = np.unique(np.concatenate(features), axis=0, return_inverse=True)
        keys = [row.tobytes() for row in distinct]
        if len(self.rows) + len(keys) > self.max_rows:
            self.rows.clear()
        missing = [i for i, key in enumerate(keys) if key not in self.rows]
        if missing:
            self._add([keys[i] for i in missing], distinct[missing])
        vectors = self.table[[self.rows[key] for key in keys]][inverse.reshape(-1)]
        return np.split(vectors, np.cumsum(lengths)[:-1]), _no_grad

    def _add(self, keys: list[bytes], features: np.ndarray) -> None:
        vectors = [features]
        for layer in self.rest:
            vectors = layer.predict(vectors)
        start = len(self.rows)
        if start + len(keys) > len(self.table):
            grown = np.zeros((max(2 * len(self.table), start + len(keys)), self.width),
                             dtype="float32")
            grown[:start] = self.table[:start]
            self.table = grown
        self.table[start:start + len(keys)] = vectors[0]
        self.rows.update(zip(keys, range(start, start + len(keys)), strict=True))


def _no_grad(d_vectors):
    raise NotImplementedError("claimx's cached embedding is for prediction only")


def embedding_chains(model: Model) -> list[Model]:
    """The context-free embedding chains inside ``model``."""
    return [node for node in model.walk()
            if tuple(layer.name.split("(")[0] for layer in node.layers) == EMBED_LAYERS
            and all(part.name == "ints-getitem>>hashembed"
                    for part in node.layers[2].layers[0].layers)]


def swap_in(nlp: Language, max_rows: int = MAX_ROWS) -> None:
    """Give every embedding chain of the pipeline's models the cached forward."""
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if isinstance(model, Model):
            for chain in embedding_chains(model):
                if not isinstance(chain._func, CachedEmbedding):
                    chain.replace_callbacks(CachedEmbedding(chain, max_rows))
