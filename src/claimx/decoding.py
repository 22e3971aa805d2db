"""Bytes to text without garbling silently: a BOM decides first, then UTF-8 (also when a
few bytes are broken), then a guessed legacy encoding, named in a warning; binary data
is refused (a ``ValueError`` whose message names the file).

Line endings are normalised to ``\\n``; offsets claimx reports are into this text.
"""

from __future__ import annotations

import codecs
import re

# longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
REPLACEMENT = "\ufffd"
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not \t \n \v \f \r
BINARY_SHARE = 0.05  # text has hardly any control characters; a binary file ~12 %


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text of a file's bytes, and a warning when some had to be replaced or the
    encoding was guessed."""
    bom = next(((mark, enc) for mark, enc in BOMS if data.startswith(mark)), None)
    if bom is not None:
        text, warning = _decoded(data[len(bom[0]):], bom[1], name)
    elif b"\x00" in data[:8192]:
        raise ValueError(f"{name}: binary file, not an article")
    elif _mostly_utf8(data):
        text, warning = _decoded(data, "utf-8", name)
    else:
        text, warning = _guessed(data, name)
    if len(CONTROL.findall(text)) > BINARY_SHARE * len(text):
        raise ValueError(f"{name}: binary file, not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def _decoded(data: bytes, encoding: str, name: str) -> tuple[str, str | None]:
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        return data.decode(encoding, "replace"), (
            f"{name}: invalid {encoding.upper()} replaced with U+FFFD (the first at byte "
            f"{exc.start:,})")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes rather than a legacy encoding: at least as many
    well-formed multi-byte characters as broken sequences, or broken bytes only at the
    end (a cut-off file). A cp1252 "café" has one broken byte and no well-formed one."""
    text = data.decode("utf-8", "replace")
    broken = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    if broken == 0:
        return True
    well_formed = sum(ord(ch) > 127 for ch in text) - text.count(REPLACEMENT)
    cut_off = text.rstrip(REPLACEMENT).count(REPLACEMENT) == data.count(REPLACEMENT.encode())
    return well_formed >= broken or cut_off


def _guessed(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError(f"{name}: binary file, not an article (no text encoding fits it)")
    return str(best), f"{name}: not UTF-8; decoded as {best.encoding}"
