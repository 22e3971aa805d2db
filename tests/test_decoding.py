"""Decoding: BOMs first, UTF-8 also when a few bytes are broken, a guess only with a
warning, binary refused; all without the pipeline."""

import random

import pytest

from claimx.decoding import decode

TEXT = "Headline\r\n\r\nThe minister said “the café would reopen” on Friday.\n"
CLEAN = TEXT.replace("\r\n", "\n")


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-16"), b"\xfe\xff" + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-32"), b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"),
    b"\xef\xbb\xbf" + TEXT.encode()], ids=["utf16", "utf16be", "utf32", "utf32be", "utf8"])
def test_a_bom_decides_before_any_binary_test(encoded):
    assert decode(encoded, "a.txt") == (CLEAN, None)


def test_mostly_valid_utf8_is_utf8_with_bad_bytes_replaced_and_a_warning():
    raw = TEXT.encode()
    text, warning = decode(raw + b"\xe2\x80", "cut.txt")  # a file cut inside a character
    assert text == CLEAN + "\ufffd"
    assert warning == f"cut.txt: invalid UTF-8 replaced with U+FFFD (the first at byte {len(raw)})"
    text, warning = decode(raw[:10] + b"\xff" + raw[10:], "odd.txt")
    assert text == CLEAN[:9] + "\ufffd" + CLEAN[9:]
    assert "“the café would reopen”" in text and warning.startswith("odd.txt: invalid UTF-8")
    ascii_only = b"Putin said it was over." + b"\xe2\x80"  # no well-formed character, cut
    assert decode(ascii_only, "a.txt")[0] == "Putin said it was over.\ufffd"


def test_a_legacy_encoding_is_guessed_and_named():
    text, warning = decode("The minister said the café would reopen.".encode("cp1252"),
                           "old.txt")
    assert text == "The minister said the café would reopen."
    assert warning.startswith("old.txt: not UTF-8; decoded as cp12")


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02garbage\x00", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4,
    random.Random(12).randbytes(2000).replace(b"\x00", b"\x01")], ids=["nul", "png", "random"])
def test_binary_is_refused_in_one_line(data):
    with pytest.raises(ValueError, match=r"^x\.bin: binary file, not an article"):
        decode(data, "x.bin")
