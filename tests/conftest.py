"""Shared fixtures: one loaded pipeline for the whole test run (loading costs ~1 s)."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def extractor():
    from claimx import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def predictions(extractor):
    """Records of every article in tests/data and samples/, extracted once."""
    from claimx.run import collect

    paths = [str(DATA / "articles"), str(ROOT / "samples")]
    return collect(paths, extractor, pytest.fail)


@pytest.fixture(scope="session")
def claims_of(extractor):
    """Claims of a small article written inline: headline, date line, then the body."""

    def run(body: str, published: str = "2019-02-04", headline: str = "Headline here"):
        from datetime import date

        text = f"{headline}\n\n{published}\n\n{body}"
        article = extractor.read(text, doc_id="t", published=date.fromisoformat(published))
        return text, next(extractor.pipe([article])).claims

    return run


ARTIFACTS: list[Path] = []  # files a test keeps for people to look at (screenshots)


def pytest_terminal_summary(terminalreporter):
    for path in ARTIFACTS:
        terminalreporter.write_line(f"test artifact: {path}")
