"""The scorer's span criteria: what counts as a false positive."""

from claimx.evaluate import SpeakerNames, score


def record(start, end, content):
    return {"doc": "d", "speaker": {"name": "A"}, "cue": {"lemma": "say"},
            "content": {"text": content, "start": start, "end": end, "parts": [[start, end]]}}


def test_a_prediction_of_an_optional_claim_is_no_false_positive_of_any_span_criterion():
    gold = [{"doc": "d", "claims": [
        {"speaker": "A", "cue": "say", "content": "one two", "start": 0, "end": 7},
        {"speaker": "B", "cue": "say", "content": "three four", "start": 10, "end": 20,
         "optional": True}]}]
    result, _ = score(gold, [record(0, 7, "one two"), record(10, 20, "three four")],
                      SpeakerNames({}))
    assert result["quote30_p"] == result["content_exact_p"] == 1.0
    result, _ = score(gold, [record(0, 7, "one two"), record(30, 40, "five six")],
                      SpeakerNames({}))
    assert result["quote30_p"] == result["content_exact_p"] == 0.5
