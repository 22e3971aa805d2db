"""Frames, kinds and speakers on short articles written for these tests."""

import pytest


def one(claims, lemma):
    found = [c for c in claims if c.cue.lemma == lemma]
    assert len(found) == 1, [(c.cue.lemma, c.content.text) for c in claims]
    return found[0]


def test_direct_quote_with_cue_after(claims_of):
    text, claims = claims_of('"We will not allow this to happen," Defence Minister '
                             'Anna Kowalska said on Friday.')
    c = one(claims, "say")
    assert c.kind == "direct"
    assert c.content.text == "We will not allow this to happen,"
    assert c.speaker.name == "Anna Kowalska"
    assert c.date.value == "2019-02-01" and c.date.source == "sentence"
    assert text[c.content.start:c.content.end] == c.content.text


def test_indirect_and_pronoun_speaker(claims_of):
    _, claims = claims_of("Russian President Vladimir Putin spoke in Moscow on Saturday.\n\n"
                          "He said Russia would not deploy the 9M729 missile in Europe.")
    c = one(claims, "say")
    assert c.kind == "indirect"
    assert c.speaker.name == "Vladimir Putin" and c.speaker.resolved == "pronoun"
    assert c.content.text.startswith("Russia would not deploy")
    assert [t.name for t in c.topics] == ["9M729"]
    assert c.type == "pledge"


def test_mixed_quote_and_context_date(claims_of):
    _, claims = claims_of("Secretary of State Mike Pompeo spoke on Friday.\n\n"
                          "Pompeo said the U.S. had given Russia “an ample window of time.”")
    c = one(claims, "say")
    assert c.kind == "mixed"
    assert c.speaker.name == "Mike Pompeo"
    assert c.date.value == "2019-02-01" and c.date.source == "context"


def test_quote_continued_after_cue_is_one_claim(claims_of):
    _, claims = claims_of("Foreign Minister Sergei Lavrov met reporters.\n\n"
                          "“We are suspending it too,” he said. “They started this.”")
    c = one(claims, "say")
    assert c.kind == "direct"
    assert len(c.content.parts) == 2
    assert "They started this." in c.content.text


def test_nested_attribution_is_not_a_claim_of_its_own(claims_of):
    _, claims = claims_of("“Our partners announced that they are leaving, and we said we "
                          "would follow,” Lavrov told reporters.")
    assert [c.cue.lemma for c in claims] == ["tell"]
    assert claims[0].addressee[0].name == "reporters"


def test_quote_paragraph_without_cue_continues_previous_speaker(claims_of):
    _, claims = claims_of("“The decision is final,” NATO Secretary General Mark Rutte said.\n\n"
                          "“There will be no going back on it.”")
    assert len(claims) == 2
    assert claims[1].rule.endswith(":continuation")
    assert claims[1].speaker.name == "Mark Rutte"
    assert claims[1].content.text == "There will be no going back on it."


def test_accuse_with_nominal_content_and_capital_speaker(claims_of):
    _, claims = claims_of("Washington accuses Moscow of deploying a cruise missile "
                          "that violates the INF Treaty.")
    c = one(claims, "accuse")
    assert c.speaker.name == "United States"
    assert c.type == "accusation"
    assert c.content.text.startswith("Moscow of deploying")
    assert [t.name for t in c.topics] == ["INF Treaty"]


def test_urge_call_on_and_several_speakers(claims_of):
    _, claims = claims_of("Berlin and Paris have urged Russia to return to the treaty.")
    c = one(claims, "urge")
    assert c.speakers == ["Germany", "France"]
    assert c.type == "demand"
    assert c.content.text == "Russia to return to the treaty"


def test_according_to(claims_of):
    _, claims = claims_of("The missiles will be moved to Belarus by December, according to "
                          "the Russian Defence Ministry.")
    c = one(claims, "according to")
    assert c.speaker.name == "Russian Defense Ministry"
    assert c.content.text.startswith("The missiles will be moved")


def test_relative_clause_speaker(claims_of):
    _, claims = claims_of("It is a modification of the Kinzhal missile, which Russia says "
                          "is the first of its kind.")
    c = one(claims, "say")
    assert c.speaker.name == "Russia"
    assert "first of its kind" in c.content.text
    assert "Russia says" not in c.content.text
    assert [t.name for t in c.topics] == ["Kinzhal"]


def test_colon_before_quote(claims_of):
    _, claims = claims_of("Kremlin spokesman Dmitry Peskov told reporters: “Nothing has "
                          "changed in our position.”")
    c = one(claims, "tell")
    assert c.kind == "direct"
    assert c.content.text == "Nothing has changed in our position."


def test_narration_and_headline_yield_no_claims(claims_of):
    _, claims = claims_of("The treaty banned ground-launched missiles with ranges between "
                          "500 and 5,500 kilometres.", headline="Putin says treaty is dead")
    assert claims == []


def test_title_speaker_resolves_to_person(claims_of):
    _, claims = claims_of("Russian President Vladimir Putin met officials on Monday.\n\n"
                          "The Russian leader proposed a moratorium on new deployments.")
    c = one(claims, "propose")
    assert c.speaker.name == "Vladimir Putin" and c.speaker.resolved == "title"


def test_treaty_anaphora_gives_topic(claims_of):
    _, claims = claims_of("Both sides signed the New START treaty in 2010.\n\n"
                          "Officials in Beijing urged Washington to save the pact.")
    c = one(claims, "urge")
    assert [t.name for t in c.topics] == ["New START"]


def test_topic_aliases_match_any_spacing_and_plural_but_not_across_words(extractor):
    doc = extractor.nlp("He said MK41 launchers and Mk-41s fire Kalibrs; the SS 20 and SS-20s "
                        "were gone, New START too, but a typhon in myth is not a launcher.")
    found = [(s.text, s.label_) for s in doc.spans["claimx_topics"]]
    assert found == [("MK41", "Mk 41"), ("Mk-41s", "Mk 41"), ("Kalibrs", "Kalibr"),
                     ("SS 20", "SS-20"), ("SS-20s", "SS-20"), ("New START", "New START")]
    tagger = extractor.nlp.get_pipe("claimx").builder.topics
    assert tagger.keys["ss20"][1] == 2  # two parts: may span two words, not three
    assert tagger._aliases(extractor.nlp.make_doc("the ss20 base"))
    assert not tagger._aliases(extractor.nlp.make_doc("grades S S 20"))


def test_interview_answers_belong_to_the_interviewee(claims_of):
    _, claims = claims_of(
        "Analyst Thomas Berger of the Hamburg Institute spoke to us about the treaty.\n\n"
        "Q: Is New START dead?\n\n"
        "A: Not yet. Russian officials say they still observe its limits.\n\n"
        "Q: What comes next?\n\n"
        "A: Probably nothing for a while.")
    answers = [c for c in claims if ":interview" in c.rule]
    assert [c.content.text for c in answers] == [
        "Not yet. Russian officials say they still observe its limits.",
        "Probably nothing for a while."]
    assert {c.speaker.name for c in answers} == {"Thomas Berger"}
    assert len(claims) == 2  # "officials say" inside an answer is nested speech


def test_transcript_answers_belong_to_their_labels(claims_of):
    _, claims = claims_of(
        "Ambassador Ingrid Falk spoke to the Review about the treaty.\n\n"
        "THE REVIEW: Is New START dead?\n\n"
        "FALK: Not yet. Russian officials say they still observe its limits.\n\n"
        "Frankly, the rest is up to Washington.\n\n"
        "Reuters: Will Moscow test a nuclear weapon?\n\n"
        "Sergei Ryabkov: We will not be the first to test.\n\n"
        "The session ended at noon.")
    answers = [(c.speaker.name, c.content.text) for c in claims
               if ":transcript" in c.rule]
    assert answers == [
        ("Ingrid Falk", "Not yet. Russian officials say they still observe its limits."),
        ("Ingrid Falk", "Frankly, the rest is up to Washington."),
        ("Sergei Ryabkov", "We will not be the first to test.")]
    assert len(claims) == 3  # speech nested in an answer, the questions: no claims


def test_transcript_answers_take_the_day_the_introduction_names(claims_of):
    _, claims = claims_of(
        "Ingrid Falk, ambassador from 2016 to 2022, spoke to us in Oslo on Tuesday. The "
        "treaty expires next Thursday.\n\n"
        "THE REVIEW: Is New START dead?\n\nFALK: Not yet.\n\n"
        "THE REVIEW: And then?\n\nFALK: Nothing for a while.", published="2019-02-08")
    assert {(c.date.value, c.date.source) for c in claims} == {("2019-02-05", "context")}


def test_labels_without_questions_are_not_a_transcript(claims_of):
    _, claims = claims_of(
        "Update: Russia said on Friday it would leave the treaty.\n\n"
        "Correction: An earlier version misnamed the treaty.")
    assert not [c for c in claims if ":transcript" in c.rule]


def test_a_cue_with_its_own_clause_leaves_the_quote_before_it(claims_of):
    _, claims = claims_of('The treaty "has practically exhausted itself," Sergei Ryabkov said. '
                          "He noted that a decision to abandon the moratorium would be taken "
                          "by the country's leadership.")
    c = one(claims, "note")
    assert c.kind == "indirect"
    assert c.content.text.startswith("a decision to abandon the moratorium")


def test_an_object_relative_clause_is_not_a_claim(claims_of):
    _, claims = claims_of("According to the deputy minister, the moratorium that Russia "
                          "declared in 2019 is practically over.")
    c = one(claims, "according to")
    assert c.content.text.startswith("the moratorium that Russia declared")
    assert len(claims) == 1


def test_reporting_clause_after_a_comma_at_the_sentence_end(claims_of):
    _, claims = claims_of("Russia will take countermeasures, including the deployment of "
                          "Oreshnik systems, if the United States stations Dark Eagle missiles "
                          "in Germany, Russian Deputy Foreign Minister Sergei Ryabkov told TASS.")
    c = one(claims, "tell")
    assert c.speaker.name == "Sergei Ryabkov"
    assert c.content.text.startswith("Russia will take countermeasures")
    assert c.content.text.endswith("in Germany")


def test_unnamed_sources_are_named_by_their_description(claims_of):
    _, claims = claims_of("Two officials familiar with the matter said the launchers had "
                          "arrived. A person briefed on the deployment said crews were "
                          "building shelters.")
    assert [c.speaker.name for c in claims] == [
        "officials familiar with the matter", "person briefed on the deployment"]


def test_an_indefinite_title_is_someone_new(claims_of):
    _, claims = claims_of("Defence Minister Troels Lund Poulsen said the launcher was for "
                          "training.\n\nA senior European diplomat said allies had asked for "
                          "a delay.\n\n\"Nobody wants a crisis,\" the diplomat said.")
    assert [c.speaker.name for c in claims] == [
        "Troels Lund Poulsen", "senior European diplomat", "senior European diplomat"]


def test_declining_to_say_is_not_a_claim(claims_of):
    _, claims = claims_of("Kremlin spokesman Dmitry Peskov declined to say whether further "
                          "tests were planned. He would not say if the launch had failed.")
    assert claims == []


def test_an_unnamed_spokesperson_speaks_for_the_body(claims_of):
    _, claims = claims_of("A Pentagon spokesperson told reporters the launch was not "
                          "unexpected.")
    assert one(claims, "tell").speaker.name == "Pentagon"


def test_the_two_leaders_are_the_last_two_people_named(claims_of):
    _, claims = claims_of("Secretary of Defense Pete Hegseth met Japanese Defense Minister "
                          "Gen Nakatani at the Pentagon. The two leaders said deterrence "
                          "had to be strengthened.")
    c = one(claims, "say")
    assert c.speaker.name == "Pete Hegseth" and c.speaker.resolved == "pair"
    assert c.speakers == ["Pete Hegseth", "Gen Nakatani"]


def test_a_bare_ministry_is_the_one_named_before(claims_of):
    _, claims = claims_of("Poland's foreign ministry said it was deeply concerned by the "
                          "reports. The Foreign Ministry added that it had summoned the "
                          "ambassador.")
    assert [c.speaker.name for c in claims] == ["Polish Foreign Ministry"] * 2


def test_that_clause_hung_low_by_the_parser(claims_of):
    _, claims = claims_of("U.S. Defense Secretary Pete Hegseth told reporters after the meeting "
                          "that European allies had to commit more money to defence.")
    c = one(claims, "tell")
    assert c.content.text == "European allies had to commit more money to defence"
    assert c.type == "demand"


def test_title_in_the_lead_finds_the_person_named_just_after(claims_of):
    _, claims = claims_of("Norway's foreign minister on Monday criticised the decision to "
                          "leave the treaty.\n\nForeign Minister Ingrid Hansen spoke "
                          "after a meeting in Oslo.")
    assert one(claims, "criticise").speaker.name == "Ingrid Hansen"
    _, claims = claims_of("Norway's foreign minister on Monday criticised the decision to "
                          "leave the treaty.\n\nThe talks in Oslo went on.\n\nAnd on.\n\n"
                          "Foreign Minister Ingrid Hansen spoke later.")
    assert one(claims, "criticise").speaker.name != "Ingrid Hansen"  # too far on


def test_hours_later_and_next_day_count_from_the_day_last_named(claims_of):
    _, claims = claims_of(
        "Russia fired a new missile at Dnipro on Thursday. Hours later, Putin said the "
        "missile was called Oreshnik.\n\nThe next day, Zelensky said the world must answer.",
        published="2024-11-23")
    assert [(c.speaker.name, c.date.value) for c in claims] == [
        ("Vladimir Putin", "2024-11-21"), ("Volodymyr Zelensky", "2024-11-22")]
    _, claims = claims_of("Hours later, Putin said the missile was called Oreshnik.",
                          published="2024-11-23")
    assert claims[0].date.source == "published"  # no day named before: nothing to count from


def test_statement_time_from_participle_not_relative_clause(claims_of):
    _, claims = claims_of(
        "Deputy Foreign Minister Sergei Ryabkov, who led the talks until they were frozen "
        "in 2017, said the offer stood.\n\n"
        "Secretary of State Antony Blinken, speaking in Athens on Friday, said the decision "
        "was reckless.\n\n"
        "Over the weekend, German Foreign Minister Heiko Maas urged Moscow to stay.")
    by_cue = {c.speaker.name: c.date for c in claims}
    assert by_cue["Sergei Ryabkov"].source == "published"
    assert by_cue["Antony Blinken"].value == "2019-02-01"
    assert by_cue["Heiko Maas"].value == "2019-02-02"


def test_roles_groups_and_organisations(claims_of):
    _, claims = claims_of(
        "The Russian Foreign Ministry summoned the ambassador on Monday.\n\n"
        "Foreign Ministry spokeswoman Maria Zakharova said the decision was dangerous.\n\n"
        "The Russian diplomat added that Moscow would respond.\n\n"
        "The Foreign Ministry said the talks were over.\n\n"
        "Russian officials said the missiles were already deployed.")
    speakers = [c.speaker.name for c in claims]
    assert speakers == ["Maria Zakharova", "Maria Zakharova", "Russian Foreign Ministry",
                        "Russian officials"]


def test_article_summary_groups_speakers_and_counts_topics(extractor):
    from datetime import date

    text = ("Headline\n\nRussian President Vladimir Putin said the INF Treaty was dead.\n\n"
            "He added that Russia would build Kalibr launchers. “The pact is over,” Putin "
            "said.\n\nNATO said the treaty had been violated by the 9M729.")
    result = next(extractor.pipe([extractor.read(text, "s", published=date(2019, 2, 4))]))
    summary = result.summary
    assert summary["schema"] == "claimx.article/1"
    putin = next(s for s in summary["speakers"] if s["name"] == "Vladimir Putin")
    assert putin["mentions"] == ["Russian President Vladimir Putin", "He", "Putin"]
    assert len(putin["claims"]) == 3
    counts = {t["name"]: t["count"] for t in summary["topics"]}
    assert counts == {"INF Treaty": 3, "Kalibr": 1, "9M729": 1}


def test_dash_attribution_without_a_verb(claims_of):
    _, claims = claims_of("«The launch was a response to reckless decisions» — Foreign "
                          "Ministry spokeswoman Maria Zakharova.")
    assert len(claims) == 1
    assert claims[0].speaker.name == "Maria Zakharova"
    assert claims[0].content.text == "The launch was a response to reckless decisions"
    assert claims[0].kind == "direct"


def test_coordinated_cue_is_the_same_speakers_next_claim(claims_of):
    _, claims = claims_of("Former President Dmitry Medvedev said the decision was the result "
                          "of hostile policy and warned that further steps would follow.")
    assert [(c.cue.lemma, c.speaker.name) for c in claims] == [
        ("say", "Dmitry Medvedev"), ("warn", "Dmitry Medvedev")]
    assert claims[0].content.text == "the decision was the result of hostile policy"
    assert claims[1].content.text == "further steps would follow"


def test_clause_with_a_quoted_end_before_the_cue_is_mixed(claims_of):
    _, claims = claims_of("The strike showed that Vladimir Putin «is not interested in peace», "
                          "President Volodymyr Zelensky said.")
    c = one(claims, "say")
    assert c.kind == "mixed"
    assert c.content.text.startswith("The strike showed that Vladimir Putin")


def test_long_article_is_parsed_in_pieces_with_offsets_into_the_whole(extractor):
    from datetime import date

    paragraph = ("Foreign Minister Sergei Lavrov said on Friday that Russia would not deploy "
                 "the 9M729 in Europe.\n\n“We will respond,” Lavrov told reporters.\n\n")
    text = "Headline\n\n" + paragraph * 60
    size, extractor.chunk_chars = extractor.chunk_chars, 2_000
    try:
        result = next(extractor.pipe([extractor.read(text, "long", published=date(2019, 2, 4))]))
    finally:
        extractor.chunk_chars = size
    assert len(result.claims) == 120
    for c in result.claims:
        assert text[c.cue.start:c.cue.end] == c.cue.text
        assert text[c.content.start:c.content.end] == c.content.text
    assert result.summary["topics"] == [{"id": "9m729", "name": "9M729", "type": "missile",
                                         "count": 60}]


def test_batches_close_on_count_or_on_characters():
    from claimx.batches import batches

    texts = ["a" * 10, "b" * 10, "c" * 500, "d" * 10, "e" * 10, "f" * 10]
    assert [len(b) for b in batches(texts, 3, 100, len)] == [3, 3]
    assert [[t[0] for t in b] for b in batches(texts, 16, 100, len)] == [
        ["a", "b", "c"], ["d", "e", "f"]]  # the long text closes its batch
    assert [len(b) for b in batches(["x" * 500] * 3, 16, 100, len)] == [1, 1, 1]


def test_doubled_ascii_quotation_goes_on_after_the_cue(claims_of):
    _, claims = claims_of("''We are not going to wait,'' said Anna Kowalska, a defence "
                          "adviser. ''The launchers will come.''")
    c = one(claims, "say")
    assert c.speaker.name == "Anna Kowalska" and c.kind == "direct"
    assert c.content.text == "We are not going to wait, The launchers will come."


def test_dash_attributions_in_a_run_of_quotes(claims_of):
    """'“…” ― Name “…” ― Name': the horizontal bar, and the next quote right after."""
    _, claims = claims_of("“The deployment is a mistake.” ― Anna Kowalska “It will cost us "
                          "dearly.”― Maria Lopez.")
    assert [(c.speaker.name, c.content.text) for c in claims] == [
        ("Anna Kowalska", "The deployment is a mistake."),
        ("Maria Lopez", "It will cost us dearly.")]


def test_call_for_keeps_the_whole_object_and_gerunds(claims_of):
    _, claims = claims_of("Pistorius called for more air defence systems and an end to the "
                          "delays.\n\nKallas called for reducing the stockpile to zero.")
    assert [c.content.text for c in claims] == [
        "more air defence systems and an end to the delays", "reducing the stockpile to zero"]


def test_saying_after_a_preposition_is_the_main_subjects(claims_of):
    _, claims = claims_of("Anna Kowalska began by saying that the launchers would arrive in "
                          "May.\n\nTASS quoted Piotr Nowak as saying that Moscow would respond.")
    assert [(c.speaker.name, c.content.text) for c in claims] == [
        ("Anna Kowalska", "the launchers would arrive in May"),
        ("Piotr Nowak", "Moscow would respond")]


def test_according_to_as_the_root_of_its_sentence(claims_of):
    """The parser may make "According" the root; the content is then the rest."""
    _, claims = claims_of("According to MSNBC, basically.\n\nAccording to Anna Kowalska, "
                          "the launchers will arrive in May.")
    assert [c.content.text for c in claims if c.speaker.name == "Anna Kowalska"] == [
        "the launchers will arrive in May"]


def test_a_colon_closing_the_paragraph_introduces_the_next(claims_of):
    """'X told the crowd:' then the quotation, or a block quoted without marks, below it."""
    _, claims = claims_of("Anna Kowalska told the crowd in Gdansk:\n\n“We will not be "
                          "intimidated.”\n\nIn a speech last week, Maria Lopez said:\n\nLet no "
                          "one be mistaken: the launchers will come.")
    assert [(c.speaker.name, c.kind, c.content.text) for c in claims] == [
        ("Anna Kowalska", "direct", "We will not be intimidated."),
        ("Maria Lopez", "direct", "Let no one be mistaken: the launchers will come.")]


def test_reporting_clause_in_the_middle_is_cut_out_of_the_content(claims_of):
    text, claims = claims_of("The deployment, Foreign Minister Sergei Lavrov said on Friday, "
                             "was a dangerous mistake by the United States.")
    c = one(claims, "say")
    assert c.kind == "indirect" and c.speaker.name == "Sergei Lavrov"
    assert [text[s:e] for s, e in c.content.parts] == [
        "The deployment", "was a dangerous mistake by the United States"]
    assert c.content.text == "The deployment was a dangerous mistake by the United States"


def test_a_document_saying_speaks_for_the_one_that_issued_it(claims_of):
    _, claims = claims_of("NATO released a report showing that Russia had deployed "
                          "four battalions of the missile.\n\nThe senators sent a letter "
                          "urging the administration to publish the findings.")
    show, urge = one(claims, "show"), one(claims, "urge")
    assert (show.speaker.name, show.speaker.mention) == ("NATO", "a report")
    assert show.content.text == "Russia had deployed four battalions of the missile"
    assert (urge.speaker.name, urge.speaker.mention) == (None, "a letter")  # not NATO's


def test_the_one_criticised_for_saying_is_the_speaker(claims_of):
    _, claims = claims_of("Senator Jane Holm has been criticised for saying that the treaty "
                          "was already dead.")
    c = one(claims, "say")
    assert c.speaker.name == "Jane Holm" and c.content.text == "the treaty was already dead"


def test_a_quotation_joined_by_but_after_the_cue_is_the_same_claim(claims_of):
    text, claims = claims_of('"We respect the treaty," Lavrov said, but "we will not wait '
                             'for ever."')
    c = one(claims, "say")
    assert c.kind == "direct" and len(c.content.parts) == 2
    assert [text[s:e] for s, e in c.content.parts] == ["We respect the treaty,",
                                                        "we will not wait for ever."]


def test_a_long_apposition_does_not_cut_the_quotation_that_goes_on(claims_of):
    text, claims = claims_of(
        '"This is not arms control," said Anna Berg, an analyst who served as director of '
        "the arms control office at the foreign ministry and is now president of a research "
        'group in Stockholm, a nonpartisan institute. "It is a race."')
    c = one(claims, "say")
    assert [text[s:e] for s, e in c.content.parts] == ["This is not arms control,",
                                                        "It is a race."]


def test_a_trailing_source_phrase_ends_the_content_and_its_clause_is_not_the_mention(
        claims_of):
    text, claims = claims_of(
        "Russia could deploy the new missile in Belarus by next summer, according to "
        "Defence Minister Andrei Belousov, who met his Belarusian counterpart in Minsk "
        "on Friday.")
    (claim,) = [c for c in claims if c.cue.lemma == "according to"]
    assert claim.content.text == "Russia could deploy the new missile in Belarus by next summer"
    assert claim.speaker.mention == "Defence Minister Andrei Belousov"


def test_a_source_phrase_inside_the_clause_leaves_both_sides(claims_of):
    text, claims = claims_of("The launch, according to the ministry, took place at dawn.")
    (claim,) = claims
    assert [text[s:e] for s, e in claim.content.parts] == ["The launch", "took place at dawn"]


def test_a_sentence_opening_connective_is_the_writers_a_quotations_is_the_speakers(
        claims_of):
    _, claims = claims_of("But the treaty is dead, the minister said.\n\n"
                          "However, the talks will go on, he added.\n\n"
                          "However sincere the offer, the plan will fail, the envoy said.\n\n"
                          "“But we will not give in,” the minister said.")
    assert [c.content.text for c in claims] == [
        "the treaty is dead", "the talks will go on",
        "However sincere the offer, the plan will fail", "But we will not give in,"]


def test_a_reporting_clause_between_commas_however_parsed_splits_its_content(claims_of):
    # the parser hangs the first "told" on the subject noun and takes the second for a
    # relative clause; "which he signed" is a relative clause and no claim
    text, claims = claims_of(
        "The difference now, the envoy told me on Friday, is that the talks have stalled.\n\n"
        "The problem, the minister told reporters, is that Washington never listens.\n\n"
        "The deal, which he signed in 2010, expires in February, Ryabkov said.")
    assert [[text[s:e] for s, e in c.content.parts] for c in claims] == [
        ["The difference now", "is that the talks have stalled"],
        ["The problem", "is that Washington never listens"],
        ["The deal, which he signed in 2010, expires in February"]]


@pytest.mark.parametrize("body, parts", [
    # the parser hangs the reporting clause on the adverbial before it
    ("Though that vote was relatively calm, she said, replacing the chairman would be far "
     "more divisive.",
     ["Though that vote was relatively calm", "replacing the chairman would be far more divisive"]),
    # an adverbial clause with a subject of its own before a reporting clause set off
    ("Because the budget is tight, the mayor said, the library will close in May.",
     ["Because the budget is tight", "the library will close in May"]),
])
def test_an_adverbial_clause_before_a_reporting_clause_between_commas_is_content(
        claims_of, body, parts):
    text, claims = claims_of(body)
    c = one(claims, "say")
    assert [text[s:e] for s, e in c.content.parts] == parts


def test_a_quoted_phrase_inside_the_reported_clause_makes_it_mixed(claims_of):
    _, claims = claims_of('The mayor gave no figure for the plan, though she said "modest '
                          'fees" and a new parking levy would pay for it.')
    c = one(claims, "say")
    assert c.kind == "mixed"
    assert c.content.text.endswith("a new parking levy would pay for it")
    _, claims = claims_of('The minister said "we will respond," and left the room.')
    c = one(claims, "say")  # a quoted sentence of its own is the content, not what follows
    assert (c.kind, c.content.text) == ("direct", "we will respond,")


def test_a_complement_the_parser_broke_up_is_still_the_content(claims_of):
    # the complement's subject taken for an object of "said", which takes none
    _, claims = claims_of("The company has said older workers and their families - full-time, "
                          "part-time and seasonal - would keep the benefit.")
    assert one(claims, "say").content.text.endswith("would keep the benefit")
    # a clause with no conjunction taken for an adverbial one past a phrase
    _, claims = claims_of("The mayor said after the vote she would not seek another term.")
    assert one(claims, "say").content.text.endswith("she would not seek another term")


def test_the_name_after_an_inverted_cue_speaks_when_parsed_as_a_later_subject(claims_of):
    _, claims = claims_of('"The danger," said Paul Ode, an economist who is the head of the '
                          'forecasting unit, "is that we lose the factories."')
    c = one(claims, "say")
    assert c.speaker.name == "Paul Ode" and c.content.text.startswith("The danger")


def test_an_answer_word_is_the_content(claims_of):
    _, claims = claims_of("Asked whether he would run again, the senator said no.")
    assert one(claims, "say").content.text == "no"
    _, claims = claims_of("She said no more about it.")
    assert not [c for c in claims if c.cue.lemma == "say"]


def test_a_quotation_after_the_full_stop_goes_on_unless_it_has_its_own_cue(claims_of):
    text, claims = claims_of('The council may delay the vote until spring, the mayor said. '
                             '"We do not have the numbers yet."')
    c = one(claims, "say")
    assert c.kind == "mixed" and [text[s:e] for s, e in c.content.parts] == [
        "The council may delay the vote until spring", "We do not have the numbers yet."]
    _, claims = claims_of('"We will wait," he said. "The vote is close," she added.')
    assert one(claims, "say").content.text == "We will wait,"
    assert one(claims, "add").content.text == "The vote is close,"


def test_saying_after_a_second_preposition_is_the_main_subjects(claims_of):
    _, claims = claims_of("Dr Anna Holm was fined for her role in selling fake pills and for "
                          "saying that the pills cured cancer.")
    c = one(claims, "say")
    assert c.speaker.name == "Anna Holm" and c.content.text == "the pills cured cancer"


def test_a_reporting_clause_opened_by_as_gives_the_source_of_the_clause_after(claims_of):
    _, claims = claims_of("As the mayor told the local paper, the new tax is meant to fund "
                          "schools.")
    c = one(claims, "tell")
    assert c.content.text == "the new tax is meant to fund schools"
    _, claims = claims_of("As the minister said goodbye, the protesters cheered.")
    assert not claims
