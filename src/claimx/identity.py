"""Speaker identity across a corpus: one key for the spellings of one name.

Users count claims per speaker over thousands of articles, where one person is written
Sergei and Sergey, Zelensky and Zelenskyy, Władysław and Wladyslaw.
"""

from __future__ import annotations

import re
import unicodedata


def identity_key(name: str) -> str:
    """A name's key, the same for its common romanisations: accents dropped, case folded,
    and a long word's ending -ey/-ei as one and -y/-i/-iy/-yy/-ii as one ("Sergey" and
    "Sergei", "Dmitry" and "Dmitri", "Zelenskyy" and "Zelensky")."""
    folded = name.replace("ł", "l").replace("Ł", "L")
    plain = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode().lower()
    return "-".join(_romanised(w) for w in re.findall(r"[a-z0-9]+", plain))


def _romanised(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith(("ey", "ei")):
        return word[:-2] + "ei"
    return re.sub(r"(?:iy|yy|ij|ii|i|y)$", "y", word)
