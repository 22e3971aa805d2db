from datetime import date

import pytest

from claimx.article import ArticleReader
from claimx.rules import load_rules


@pytest.fixture(scope="module")
def reader():
    return ArticleReader(load_rules())


@pytest.mark.parametrize("header,expected", [
    ("30 October 2020", date(2020, 10, 30)),
    ("By Jane Doe | February 4, 2019 | 4:23am EST", date(2019, 2, 4)),
    ("Date: 2019-02-04", date(2019, 2, 4)),
    ("Published: Thursday 2 November 2023", date(2023, 11, 2)),
    ("Feb. 4, 2019 4:23am EST", date(2019, 2, 4)),
    ("25 SEP 2025, 13:52", date(2025, 9, 25)),
    ("Posted on 2019-12-28T09:30:00Z", date(2019, 12, 28)),
    ("05.02.2021", date(2021, 2, 5)),
    ("July 11, 2024 4:35 PM GMT+3 Updated an hour ago", date(2024, 7, 11)),
])
def test_header_dates(reader, header, expected):
    text = f"Some headline\n\n{header}\n\nThe body of the story says something long enough."
    assert reader.read(text, "x").published == expected


def test_byline_author_and_caption_are_header(reader):
    text = ("Headline\n\nBy Patrick Goodenough | February 4, 2019 | 4:23am EST\n"
            "A leader meets ministers at the palace. (Photo: The Kremlin)\n\n"
            "(CNSNews.com) – Russia will suspend participation, the president said.")
    art = reader.read(text, "x")
    assert art.author == "Patrick Goodenough"
    assert len(art.body) == 1
    assert text[art.body[0][0]:].startswith("Russia will suspend")  # dateline cut off


@pytest.mark.parametrize("top,body_starts,expected", [
    # a standfirst, then a byline and a date line: all three are header matter
    ("Europe confronts a missile gap\n\nSix years on, the arsenal is back. Governments are "
     "only now deciding what to do about it\n\nKate Ashworth in Berlin\n\n"
     "Sat 8 Mar 2025 07.00 GMT", "Officials", date(2025, 3, 8)),
    # a kicker line, then the real headline, then the byline
    ("ANALYSIS\n\nExperts see few paths back to arms control\n\n"
     "By Daniel Mercer | September 23, 2025", "Officials", date(2025, 9, 23)),
    # a date line and a place in one paragraph
    ("Answers to questions\n\nJune 20, 2025, 19:40\nSt Petersburg", "Officials",
     date(2025, 6, 20)),
    # the date only in the headline
    ("Spokesperson's Regular Press Conference on April 16, 2025", "Officials",
     date(2025, 4, 16)),
])
def test_header_matter_around_the_date_line(reader, top, body_starts, expected):
    text = f"{top}\n\nOfficials said on Tuesday that the talks had failed."
    art = reader.read(text, "x")
    assert art.published == expected
    assert [text[s:e].split()[0] for s, e in art.body] == [body_starts]


def test_a_dated_sentence_early_in_the_body_is_not_a_header(reader):
    text = ("Headline\n\nMarch 2, 2019\n\nRussia said it would leave the pact.\n\n"
            "The treaty was signed on Dec. 8, 1987.\n\nMoscow said it had no choice.")
    art = reader.read(text, "x")
    assert art.published == date(2019, 3, 2)
    assert len(art.body) == 3


def test_wire_dateline_gives_month_and_day_only_with_a_year(reader):
    text = "Headline\n\nMOSCOW, Nov 21 (Reuters) - Russia said something happened there."
    art = reader.read(text, "x")
    assert art.dateline is not None
    assert text[art.dateline[1]:].startswith("Russia said")
    assert art.published is None  # no year anywhere: no guess


def test_end_marker_and_appeals_yield_no_body(reader):
    text = ("Headline\n\n2019-02-04\n\nThe minister said the plan would work out well.\n\n"
            "See earlier stories:\n\nPelosi Attacks Trump Over Treaty (Feb. 1, 2019)\n\n"
            "Donate today to help us report the news that matters.")
    art = reader.read(text, "x")
    assert [text[s:e] for s, e in art.body] == [
        "The minister said the plan would work out well."]


def test_a_key_points_list_is_not_body(reader):
    text = ("Headline\n\n2019-02-04\n\nKey points\n- Russia says the missile hit its target\n"
            "- NATO is monitoring\n\nThe ministry said the test went as planned.")
    art = reader.read(text, "x")
    assert [text[s:e] for s, e in art.body] == ["The ministry said the test went as planned."]
    assert [why for *_, why in art.excluded if why == "summary"] == ["summary"]


def test_subheading_is_not_body(reader):
    text = "Headline\n\n2019-02-04\n\nFirst paragraph of the story.\n\n‘Retaliatory measures’"
    art = reader.read(text, "x")
    assert len(art.body) == 1


def test_twenty_megabyte_article_is_cut_into_parseable_paragraph_pieces(reader):
    from claimx.article import split_article

    paragraph = ("Officials said on Friday that the talks on the treaty would resume in "
                 "Geneva next month, and both sides would bring experts. " * 4).strip()
    text = "Headline\n\nFebruary 4, 2019\n\n" + "\n\n".join([paragraph] * 50_000)
    assert len(text) > 20_000_000
    article = reader.read(text, "huge")
    pieces = split_article(article, 25_000)
    assert len(pieces) > 800 and all(len(p.text) <= 25_000 for _, p in pieces)
    assert "".join(p.text for _, p in pieces) == text  # nothing lost, nothing repeated
    for offset, piece in pieces:
        assert text.startswith(piece.text, offset)
        assert offset == 0 or text[offset - 2:offset] == "\n\n"  # cut between paragraphs
        assert piece.body and all(text[offset + s:offset + e] == piece.text[s:e]
                                  for s, e in piece.body)
        assert piece.published == date(2019, 2, 4)


WIRE = ("Russia suspends treaty\n\nFebruary 4, 2019\n\nMOSCOW (AP) - Russian President "
        "Vladimir Putin said on Saturday that Russia would suspend its participation in "
        "the treaty, and ordered work to start on new missiles.\n\n\"We will respond in "
        "kind,\" Putin told ministers at a meeting in the Kremlin on Saturday evening.\n\n"
        "Foreign Minister Sergei Lavrov said the United States had breached the pact for "
        "years and Moscow had only answered.")


def _texts(article, text):
    return [" ".join(text[s:e].split()) for s, e in article.body]


@pytest.mark.parametrize("layout", ["lines", "wrapped", "crlf", "cr"])
def test_any_paragraphing_gives_the_same_body(reader, layout):
    import re
    import textwrap

    lines = re.sub(r"\n\n+", "\n", WIRE)
    text = {"lines": lines,
            "wrapped": "\n".join(textwrap.fill(p, 60) for p in lines.split("\n")),
            "crlf": WIRE.replace("\n", "\r\n"), "cr": WIRE.replace("\n", "\r")}[layout]
    art, original = reader.read(text, "x"), reader.read(WIRE, "x")
    assert _texts(art, text) == _texts(original, WIRE)
    assert len(art.body) == 3
    assert (art.title, art.published, art.dateline is not None) == (
        "Russia suspends treaty", date(2019, 2, 4), True)
    assert art.wrapped == (layout == "wrapped")
    parsed = art.parse_text()
    assert len(parsed) == len(text) and ("\n" in text[art.body[0][0]:art.body[0][1]]) == (
        layout == "wrapped") and "\n" not in parsed[art.body[0][0]:art.body[0][1]]


@pytest.mark.parametrize("text", [
    "Russian President Vladimir Putin said on Saturday that Russia would suspend the treaty.",
    "Putin said on Saturday that Russia would suspend the treaty. Lavrov agreed with him, "
    "and said talks were over.",
    "Putin said on Saturday that Russia would suspend the treaty.\nLavrov said talks were "
    "over.",
])
def test_without_a_header_the_whole_text_is_body(reader, text):
    art = reader.read(text, "x")
    assert art.title is None and art.body
    assert "".join(text[s:e] for s, e in art.body).replace("\n", "") == text.replace("\n", "")


def test_a_given_title_is_the_headline_only_when_the_text_repeats_it(reader):
    body = "Putin said on Saturday that Russia would suspend the treaty.\n\nLavrov agreed."
    art = reader.read(body, "x", title="Putin suspends treaty")
    assert art.title == "Putin suspends treaty" and len(art.body) == 2
    art = reader.read("Putin suspends treaty\n\n" + body, "x", title="Putin suspends treaty")
    assert len(art.body) == 2 and art.excluded[0][2] == "headline"


def test_a_list_keeps_its_lead_in_in_any_layout(reader):
    for sep in ("\n\n", "\n"):
        text = sep.join(["Headline", "2019-02-04", "Read more:\nRussia says talks failed\n"
                         "Kremlin says it was told", "The ministry said the test went well."])
        art = reader.read(text, "x")
        assert _texts(art, text) == ["The ministry said the test went well."]


@pytest.mark.parametrize("run_in,author", [
    ("By Jane Doe | February 4, 2019 | 4:23am EST Vladimir Putin meets ministers. "
     "(Photo: Kremlin)", "Jane Doe"),
    ("Published 4 February 2019 By Jane Doe, diplomatic correspondent", "Jane Doe"),
])
def test_header_run_into_the_next_text_is_still_read(reader, run_in, author):
    """A filled header paragraph or a one-line article: the byline and date run on."""
    text = f"Russia suspends treaty\n\n{run_in} Russia will suspend the treaty, " \
           "President Vladimir Putin said on Saturday at a meeting with his ministers."
    art = reader.read(text, "x")
    assert (art.published, art.author) == (date(2019, 2, 4), author)
    body = "".join(text[s:e] for s, e in art.body)
    assert "Jane" not in body and "2019" not in body


def test_one_line_transcript_is_cut_into_turns(reader):
    turn = "Q: Will the treaty survive? LINDQVIST: I doubt it. The talks have stalled."
    text = "Stop waiting: an interview " + " ".join([turn] * 3)
    art = reader.read(text, "x", title="Stop waiting: an interview")
    assert art.excluded[0][:2] == (0, 26)
    starts = [text[s:s + 3] for s, _ in art.body]
    assert starts == ["Q: ", "LIN"] * 3
    assert len(art.answers) == 3 and all(text[s:e] == "I doubt it. The talks have stalled."
                                         for _, _, s, e in art.answers)
    assert {art.parse_text()[s - 1] for s, _ in art.body} == {"\n"}  # the parser sees cuts


def test_pieces_of_a_long_transcript_keep_their_answers(reader):
    from claimx.article import split_article

    turn = "Q: Will the treaty survive the year?\n\nLINDQVIST: I doubt it very much.\n\n"
    text = "An interview\n\nFebruary 4, 2019\n\n" + turn * 400
    pieces = split_article(reader.read(text, "x"), 2_000)
    answers = [(offset, a) for offset, piece in pieces for a in piece.answers]
    assert len(pieces) > 10 and 380 <= len(answers) <= 400
    assert all(text[offset + a[2]:offset + a[3]] == "I doubt it very much."
               for offset, a in answers)


def test_a_date_opening_the_first_sentence_is_not_a_header_item(reader):
    text = "Russia suspends treaty\n\nOn 2 February 2019 Putin said Russia would suspend it."
    art = reader.read(text, "x")
    assert art.published is None and text[art.body[0][0]:].startswith("On 2 February")


def test_an_authors_contact_line_is_not_body(reader):
    text = ("Headline\n\n2019-02-04\n\nThe minister said the plan would work out well.\n\n"
            "Follow Jane Doe on Twitter @janedoe.\n\n"
            "Email the author at jane.doe@example.com\n\n"
            "Follow the money, the senator said, and you will find the lobby.")
    art = reader.read(text, "x")
    assert [text[s:e] for s, e in art.body] == [
        "The minister said the plan would work out well.",
        "Follow the money, the senator said, and you will find the lobby."]
