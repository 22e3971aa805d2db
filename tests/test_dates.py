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


@pytest.mark.parametrize("text", ["February 4, 2019", "Feb. 4, 2019", "4 February 2019",
                                  "Monday, 4 Feb 2019", "2019-02-04", "February 4th, 2019",
                                  "Mon. Feb. 4, 2019"])
def test_written_dates_read_without_dateparser_agree_with_it(text):
    import dateparser

    from claimx.dates import _written_date

    assert _written_date(text, None) == dateparser.parse(text, languages=["en"]).date()
    assert _written_date(text, None) == MONDAY
    day_month = text.rsplit(" ", 1)[0].rstrip(",")
    if not day_month.startswith("2019"):  # "Feb. 4" in a later paper: the latest Feb 4
        assert _written_date(day_month, date(2020, 1, 9)) == MONDAY


def test_future_tense_weekday_looks_ahead(dates):
    assert dates.resolve("Friday", MONDAY, future=True).value == "2019-02-08"


def test_vague_expressions_are_not_dates(dates):
    assert dates.resolve("recent years", MONDAY) is None
    assert dates.resolve("the past", MONDAY) is None


def test_durations_are_not_statement_times(extractor):
    nlp = extractor.nlp
    resolver = nlp.get_pipe("claimx").builder.dating.dates
    doc = nlp("The treaty held for more than 30 years and in six months’ time it ends, "
              "officials said on Friday of the 1987 treaty.")
    found = [s.text for s in resolver.expressions(doc)]
    assert "Friday" in found
    assert not any("30 years" in f or "six months" in f or f == "1987" for f in found)


def test_written_dates_keep_dateparser_off_the_start_up_path():
    import subprocess
    import sys

    from conftest import ROOT

    script = ("import sys; from claimx import Extractor; "
              f"text = open({str(ROOT / 'samples' / 'inf-suspension-2019.txt')!r}).read(); "
              "claims = Extractor().extract(text); "
              "print(len(claims), 'dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) > 10 and out[1] == "False"
