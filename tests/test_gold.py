"""The gold files are consistent, and claimx keeps its measured quality on them."""

import json

import pytest
from conftest import DATA, ROOT

GOLD = sorted((DATA / "gold").glob("*.jsonl"))
ARTICLES = {p.stem: p for p in (DATA / "articles").glob("*.txt")}
ARTICLES.update({p.stem: p for p in (ROOT / "samples").glob("*.txt")})


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_gold_offsets_point_at_their_content(gold):
    for line in gold.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text = ARTICLES[doc["doc"]].read_text(encoding="utf-8")
        for claim in doc["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["content"], claim["content"]


# Regression floors, a little under what was measured when they were set: a change
# that loses quality on our own articles fails here.
FLOORS = {
    "samples": {"claims_f1": 0.93, "speaker_acc": 0.95, "date_acc": 0.95, "topics_f1": 0.95,
                "type_acc": 0.93},
    "frames": {"claims_f1": 0.95, "speaker_acc": 0.91, "date_acc": 0.91, "topics_f1": 0.96,
               "type_acc": 0.78},
    "dates_topics": {"claims_f1": 0.93, "speaker_acc": 0.90, "date_acc": 0.95,
                     "topics_f1": 0.96, "type_acc": 0.82},
    "speakers": {"claims_f1": 0.92, "speaker_acc": 0.95, "date_acc": 0.95, "topics_f1": 0.95,
                 "type_acc": 0.78},
    "heldout": {"claims_f1": 0.91, "speaker_acc": 0.89, "date_acc": 0.90, "topics_f1": 0.95,
                "type_acc": 0.78},
    "fresh": {"claims_f1": 0.92, "speaker_acc": 0.80, "date_acc": 0.90, "topics_f1": 0.95,
              "type_acc": 0.74},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_floor(name, predictions):
    from claimx.evaluate import SpeakerNames, score
    from claimx.rules import load_rules

    gold = [json.loads(line) for line in
            (DATA / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    result, _ = score(gold, predictions, SpeakerNames.from_rules(load_rules()))
    for metric, floor in FLOORS[name].items():
        assert result[metric] >= floor, (metric, result[metric])
