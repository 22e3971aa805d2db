"""User regexes on RE2: matching time linear in the text, whatever the pattern.

Python's ``re`` backtracks, so a rule like ``(a+)+$`` can hang extraction on a long
run of "a"; RE2 (google-re2) never backtracks, and refuses what it cannot run in
linear time (backreferences, lookaround) with the reason. RE2's ``\\w``, ``\\s`` and
``\\d`` are ASCII only, so they are widened here to what Python's mean (Unicode
letters, digits and spaces: "Müller" is a word); ``\\b`` stays ASCII. spaCy runs a
token pattern's ``REGEX`` with ``re``, so those become RE2-backed token extensions.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import re2
from spacy.tokens import Token

SPACES = r"\s\x0b\x1c-\x1f\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}" \
         r"\x{205f}\x{3000}"
WIDE = {"w": r"\pL\pN_", "d": r"\p{Nd}", "s": SPACES}
# What spaCy's pattern attribute names mean on a token, for REGEX.
TOKEN_TEXT = {"ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_",
              "LEMMA": "lemma_", "POS": "pos_", "TAG": "tag_", "DEP": "dep_",
              "ENT_TYPE": "ent_type_", "SHAPE": "shape_", "PREFIX": "prefix_",
              "SUFFIX": "suffix_", "MORPH": "morph"}


@cache
def compile_regex(pattern: str) -> Any:
    """The RE2 program of a Python-syntax pattern; ValueError says why it cannot be."""
    options = re2.Options()
    options.log_errors = False  # the reason goes into our one-line error instead
    try:
        return re2.compile(_widened(pattern), options)
    except re2.error as exc:
        reason = exc.args[0].decode() if isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"not supported by RE2 (linear-time matching): {reason}") from None


def _widened(pattern: str) -> str:
    """``\\w``/``\\s``/``\\d`` (and negations outside a class) as Python reads them."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt.lower() in WIDE and (nxt.islower() or not in_class):
                wide = WIDE[nxt.lower()]
                out.append(wide if in_class else f"[{'' if nxt.islower() else '^'}{wide}]")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            if pattern[i + 1:i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a ']' first in a class is a literal
                out.append("\\]")
                i += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def linear(patterns: list[list[dict]]) -> list[list[dict]]:
    """spaCy token patterns with each ``{ATTR: {REGEX: p}}`` matched by RE2 instead."""
    return [[_token(t) for t in pattern] for pattern in patterns]


def _token(token: dict) -> dict:
    token, extensions = dict(token), dict(token.get("_", {}))
    for attr, value in list(token.items()):
        if isinstance(value, dict) and "REGEX" in value and attr in TOKEN_TEXT:
            rest = {k: v for k, v in value.items() if k != "REGEX"}
            extensions[regex_extension(TOKEN_TEXT[attr], value["REGEX"])] = True
            token.pop(attr)
            if rest:
                token[attr] = rest
    if extensions:
        token["_"] = extensions
    left = [attr for attr, value in [*token.items(), *extensions.items()]
            if isinstance(value, dict) and "REGEX" in value]
    if left:
        raise ValueError(f"REGEX on {left[0]} is not supported (only on "
                         f"{', '.join(TOKEN_TEXT)})")
    return token


@cache
def regex_extension(attr: str, pattern: str) -> str:
    """A token extension, true where RE2 finds ``pattern`` in the token's ``attr``."""
    program = compile_regex(pattern)
    name = "claimx_re_" + hashlib.sha1(f"{attr}\0{pattern}".encode()).hexdigest()[:16]
    Token.set_extension(name, getter=lambda t: program.search(str(getattr(t, attr)))
                        is not None, force=True)
    return name
