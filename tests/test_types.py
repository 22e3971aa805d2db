"""Claim types follow CLAIMS.md's table, and whose act a content reports decides between
the types that turn on it (own side: pledge, announcement; another party: a charge)."""

import pytest


def only(claims):
    assert len(claims) == 1, [c.content.text for c in claims]
    return claims[0]


@pytest.mark.parametrize("body, expected", [
    # the same past act: the speaker's own side announces it, another party's is reported
    ("Russia's Defence Ministry said Russia had test-fired the missile on Monday.",
     "announcement"),
    ("Ukraine's air force said the missile was launched from Russia's Astrakhan region.",
     "statement"),
    # a refusal to come: own side pledges; the same words of another party are no pledge
    ("Foreign Minister Sergei Lavrov said Russia would not join the talks.", "pledge"),
    ("Foreign Minister Sergei Lavrov said Russia would not recognise the sanctions.",
     "denial"),
    # threatening: the own side warns, another party is charged with it
    ("Foreign Minister Sergei Lavrov said Moscow threatens the launch sites.", "warning"),
    ("Polish Foreign Minister Radoslaw Sikorski said Russia threatens Europe with the "
     "missiles.", "accusation"),
    # a side named in two words, an organisation that belongs to a country
    ("South Korean Defence Minister Ahn Gyu-back said Seoul would not host the missiles.",
     "pledge"),
    ("The State Department said Washington had no plans to increase its warheads.",
     "pledge"),
    # a weapon system is its builder's: its launch is announced by that side, reported
    # by another; an act no one is named as doing is reported
    ("The Russian Defence Ministry said an Oreshnik missile had been launched from the "
     "test site.", "announcement"),
    ("Ukraine's air force said an Oreshnik missile had been launched from the test site.",
     "statement"),
    ("An analyst said the launchers arrived at the site in late September.", "statement"),
    # a body that speaks reports its own acts unless another party is named; a person
    # of no known side reports them
    ("The Russian Defence Ministry said the missile had struck a target 900 kilometres "
     "away.", "announcement"),
    ("An analyst said the missile had struck a target 900 kilometres away.", "statement"),
    ("Foreign Ministry spokesman Esmaeil Baqaei said parliament would decide next month "
     "whether to debate the bill.", "announcement"),
    # a refusal relayed from the speaker's partners is theirs, not the speaker's pledge
    ("“Our Chinese friends have said clearly that they will not join the talks,” President "
     "Vladimir Putin said.", "statement"),
    ("“We will not join the talks,” President Vladimir Putin said.", "pledge"),
    # "US" is a country, not the pronoun "us"
    ("“We hope the US will respond positively,” spokesman Guo Jiakun said.", "demand"),
    # in reported speech a body named by its kind alone is the speaker's own
    ("Foreign Minister Andrii Sybiha said the ministry would ask for an urgent meeting of "
     "the Security Council.", "announcement"),
])
def test_whose_act_decides_the_type(claims_of, body, expected):
    _, claims = claims_of(body)
    assert only(claims).type == expected


def test_a_quotation_is_typed_by_its_first_sentence(claims_of):
    # the lead is a readiness to talk; a later sentence names consequences
    _, claims = claims_of("“We are ready to discuss the limits. Otherwise there will be "
                          "serious consequences,” Foreign Minister Sergei Lavrov said.")
    assert only(claims).type == "proposal"
    _, claims = claims_of("“There will be serious consequences. We are ready to discuss "
                          "the limits,” Foreign Minister Sergei Lavrov said.")
    assert only(claims).type == "warning"


def test_a_marked_belief_outranks_its_subject(claims_of):
    _, claims = claims_of("A Danish official said the Kremlin was likely to answer with "
                          "mirror measures.")
    assert only(claims).type == "belief"


def test_a_noun_modifier_is_not_the_speakers_act(claims_of):
    # "that struck" describes the missile; the claim reports its speed
    _, claims = claims_of("The Pentagon said the missile that struck the plant reached a "
                          "speed of Mach 11.")
    assert only(claims).type == "statement"
    _, claims = claims_of("The Pentagon said the Army struck the plant on Monday.")
    assert only(claims).type == "announcement"


def test_a_clause_without_subject_is_an_order(claims_of):
    # the imperative's clause has no subject inside the content: the walk up ends there
    _, claims = claims_of("“Stop waiting for Washington and build your own missiles,” "
                          "Foreign Minister Sergei Lavrov said.")
    assert only(claims).type == "demand"
