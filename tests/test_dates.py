from datetime import date

import pytest
import spacy

from claimx.dates import DateResolver
from claimx.rules import load_rules

MONDAY = date(2019, 2, 4)


@pytest.fixture(scope="module")
def dates():
    return DateResolver(spacy.blank("en").vocab, load_rules())


@pytest.mark.parametrize("text,expected", [
    ("Friday", ("2019-02-01", "day")),          # three days before a Monday paper
    ("Monday", ("2019-02-04", "day")),          # the paper's own weekday is its date
    ("last Monday", ("2019-01-28", "day")),     # "last" counts strictly back
    ("the weekend", ("2019-02-02", "day")),     # the Saturday
    ("yesterday", ("2019-02-03", "day")),
    ("last week", ("2019-01-28", "week")),
    ("earlier this month", ("2019-02", "month")),
    ("last December", ("2018-12", "month")),
    ("December", ("2018-12", "month")),         # a bare month is in the past, not next Dec
    ("26 October 2018", ("2018-10-26", "day")),
    ("Oct. 26", ("2018-10-26", "day")),         # no year: the latest one before the paper
    ("in 1987", ("1987", "year")),
])
def test_resolution_policy(dates, text, expected):
    got = dates.resolve(text, MONDAY)
    assert (got.value, got.granularity) == expected


def test_future_tense_weekday_looks_ahead(dates):
    assert dates.resolve("Friday", MONDAY, future=True).value == "2019-02-08"


def test_vague_expressions_are_not_dates(dates):
    assert dates.resolve("recent years", MONDAY) is None
    assert dates.resolve("the past", MONDAY) is None


def test_durations_are_not_statement_times(extractor):
    nlp = extractor.nlp
    resolver = nlp.get_pipe("claimx").builder.dates
    doc = nlp("The treaty held for more than 30 years and in six months’ time it ends, "
              "officials said on Friday of the 1987 treaty.")
    found = [s.text for s in resolver.expressions(doc)]
    assert "Friday" in found
    assert not any("30 years" in f or "six months" in f or f == "1987" for f in found)
