"""Claims made at one occasion share its day; a reported earlier statement does not."""


def test_an_occasion_dates_the_claims_made_there(claims_of):
    _, claims = claims_of(
        "Foreign ministry spokeswoman Maria Zakharova said at a briefing on Thursday that "
        "Moscow would respond to any deployment.\n\n"
        "At the same briefing, Deputy Foreign Minister Sergei Ryabkov said talks with "
        "Washington were over.\n\n"
        "Zakharova added that NATO was to blame.\n\n"
        "Ryabkov has previously said that deployments would follow.")
    dates = {c.content.text.split()[0]: (c.date.value, c.date.source) for c in claims}
    assert dates["Moscow"] == ("2019-01-31", "sentence")
    assert dates["talks"] == ("2019-01-31", "context")  # "at the same briefing"
    assert dates["NATO"] == ("2019-01-31", "context")  # "added"
    assert dates["deployments"] == ("2019-02-04", "published")  # "has previously said"


def test_a_participant_of_a_dated_press_conference_speaks_on_its_day(claims_of):
    _, claims = claims_of(
        "Russian Foreign Minister Sergei Lavrov, at a news conference with his Chinese "
        "counterpart Wang Yi on Saturday, said the West was arming Ukraine.\n\n"
        "Wang said China's position was impartial.\n\n"
        "Wang had said last month that China would not send weapons.")
    by_speaker = [(c.speaker.name, c.date.value) for c in claims]
    assert by_speaker[0] == ("Sergei Lavrov", "2019-02-02")
    assert by_speaker[1] == ("Wang Yi", "2019-02-02")
    assert by_speaker[2] == ("Wang Yi", "2019-01")  # its own "last month"


def test_the_day_the_lead_sets_dates_what_is_said_later(claims_of):
    _, claims = claims_of(
        "The Security Council met on Friday for the first time since the treaty expired.\n\n"
        "The US envoy, John Smith, told the council that Moscow had broken the treaty.\n\n"
        "Smith has previously said that talks were pointless.\n\n"
        "Russia's envoy says the charge is false.")
    dates = {c.content.text.split()[0]: (c.date.value, c.date.source) for c in claims}
    assert dates["Moscow"] == ("2019-02-01", "context")
    assert dates["talks"] == ("2019-02-04", "published")  # an earlier statement
    assert dates["the"] == ("2019-02-04", "published")  # present tense: not at the scene


def test_a_part_of_the_day_keeps_its_day(claims_of):
    _, claims = claims_of("Foreign Minister Sergei Lavrov told a news conference on Friday "
                          "morning that Moscow would respond.")
    assert [(c.date.value, c.date.text) for c in claims] == [("2019-02-01", "Friday")]
