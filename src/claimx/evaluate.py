"""Score predicted claims against gold: claim matching by content words, field accuracy,
and the span criteria of published quotation-attribution work.

A prediction matches a gold claim of the same document when the Dice overlap of their
content word sets is at least 0.5 (or, for held-out gold with ``content_keys``, when
every key occurs in the prediction), one to one, best overlap first. Optional gold
claims are neither counted nor penalised.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .identity import identity_key

WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def words(text: str | None) -> set[str]:
    return set(WORD.findall(unicodedata.normalize("NFKC", text or "").lower()
                            .translate(QUOTE_FOLD)))


def _get(record: dict, *paths: str):
    for path in paths:
        node = record
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None and not isinstance(node, dict):
            return node
    return None


@dataclass
class Pred:
    doc: str
    content: str
    speaker: str | None
    mention: str | None
    date: str | None
    topics: set[str]
    kind: str | None
    type: str | None
    cue: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_record(cls, r: dict) -> Pred:
        doc = str(_get(r, "doc", "doc.id", "article.id", "document") or "")
        doc = doc.rsplit("/", 1)[-1].removesuffix(".txt")
        topics = r.get("topics") or []
        parts = _get(r, "content.parts") or []
        start, end = _get(r, "content.start"), _get(r, "content.end")
        spans = [tuple(p) for p in parts] or ([(start, end)] if start is not None else [])
        return cls(doc, _get(r, "content.text", "content", "quote") or "",
                   _get(r, "speaker.name", "speaker"), _get(r, "speaker.mention"),
                   _get(r, "date.value", "date"),
                   {(t.get("name") if isinstance(t, dict) else t).lower() for t in topics},
                   r.get("kind"), r.get("type"), _get(r, "cue.lemma", "cue"), spans)


def dice(gold: dict, pred: Pred) -> float:
    if gold.get("content_keys"):
        have = words(pred.content)
        return 1.0 if all(words(k) <= have for k in gold["content_keys"]) else 0.0
    g, p = words(gold.get("content")), words(pred.content)
    return 2 * len(g & p) / (len(g) + len(p)) if g and p else 0.0


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class SpeakerNames:
    """Canonical comparison of speaker names: case, 'the', capitals, country aliases and
    the spellings of one name (CLAIMS.md: Sergei / Sergey Ryabkov are one speaker)."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = {k.lower(): v.lower() for k, v in aliases.items()}

    @classmethod
    def from_rules(cls, rules) -> SpeakerNames:
        """Aliases of the entities and people in the speaker rules."""
        return cls({alias: e["name"] for part in ("entities", "people")
                    for e in rules.entries("speakers", part)
                    for alias in [e["name"]] + e.get("aliases", [])})

    def __call__(self, name: str | None) -> str:
        text = " ".join(unicodedata.normalize("NFKC", name or "").lower()
                        .translate(QUOTE_FOLD).split()).strip(".")
        for candidate in (text, re.sub(r"^the\s+", "", text)):
            if candidate in self.aliases:
                return identity_key(self.aliases[candidate])
        return identity_key(re.sub(r"^the\s+", "", text))


def score(gold_docs: list[dict], records: list[dict], names: SpeakerNames
          ) -> tuple[dict, list[tuple]]:
    preds: dict[str, list[Pred]] = {}
    for r in records:
        p = Pred.from_record(r)
        preds.setdefault(p.doc, []).append(p)
    c: Counter = Counter()
    misses: list[tuple] = []
    for gd in gold_docs:
        golds, ps = gd["claims"], preds.get(gd["doc"], [])
        pairs = sorted(((dice(g, p), gi, pi) for gi, g in enumerate(golds)
                        for pi, p in enumerate(ps)), key=lambda x: (-x[0], x[1], x[2]))
        g2p: dict[int, int] = {}
        p2g: dict[int, int] = {}
        for s, gi, pi in pairs:
            if s >= 0.5 and gi not in g2p and pi not in p2g:
                g2p[gi], p2g[pi] = pi, gi
        for pi, p in enumerate(ps):
            if pi not in p2g:
                c["fp"] += 1
                misses.append(("FP", gd["doc"], p.speaker, p.content[:100]))
        for gi, g in enumerate(golds):
            if g.get("optional"):
                continue
            if gi not in g2p:
                c["fn"] += 1
                misses.append(("FN", gd["doc"], g["speaker"], (g.get("content") or " ".join(
                    g.get("content_keys", [])))[:100]))
                continue
            _pair_fields(c, g, ps[g2p[gi]], names, misses, gd["doc"])
        _span_criteria(c, golds, ps)
    return _summary(c), misses


def _pair_fields(c: Counter, g: dict, p: Pred, names: SpeakerNames, misses: list,
                 doc: str) -> None:
    c["tp"] += 1
    wanted = {names(s) for s in (g.get("speakers") or [g["speaker"]])}
    speaker_ok = bool(p.speaker) and names(p.speaker) in wanted
    c["speaker_ok"] += speaker_ok
    date_ok = True
    if g.get("date"):
        c["date_n"] += 1
        date_ok = str(p.date or "") in [g["date"]] + g.get("date_alt", [])
        c["date_ok"] += date_ok
    gt = {t.lower() for t in g.get("topics") or []}
    c["topic_tp"] += len(gt & p.topics)
    c["topic_fp"] += len(p.topics - gt)
    c["topic_fn"] += len(gt - p.topics)
    c["kind_ok"] += p.kind == g.get("kind")
    c["type_ok"] += p.type == g.get("type")
    if p.type != g.get("type"):
        misses.append(("TYPE", doc, f"{p.type}/{g.get('type')} cue {p.cue!r}",
                       (g.get("content") or "")[:60]))
    c["cue_ok"] += (p.cue or "").lower() == (g.get("cue") or "").lower()
    mention = g.get("speaker_mention") or g.get("speaker")
    c["mention_ok"] += (p.mention or "") == (mention or "")
    full = speaker_ok and date_ok and gt == p.topics
    c["full_ok"] += full
    if not full:
        misses.append(("PART", doc, f"speaker {p.speaker!r}/{g['speaker']!r} date "
                       f"{p.date}/{g.get('date')} topics {sorted(p.topics)}/{sorted(gt)}",
                       (g.get("content") or "")[:60]))


def _span_criteria(c: Counter, golds: list[dict], ps: list[Pred]) -> None:
    """Character overlap of content spans: matched at >= 0.3 and >= 0.8 of the gold span."""
    spanned = [g for g in golds if g.get("start") is not None and not g.get("optional")]
    optional = [g for g in golds if g.get("start") is not None and g.get("optional")]
    if not spanned:
        return
    for threshold, key in ((0.3, "span30"), (0.8, "span80")):
        used: set[int] = set()
        for g in spanned:
            length = g["end"] - g["start"]
            best, best_pi = 0.0, None
            for pi, p in enumerate(ps):
                if pi in used:
                    continue
                overlap = sum(max(0, min(e, g["end"]) - max(s, g["start"])) for s, e in p.spans)
                if length and overlap / length > best:
                    best, best_pi = overlap / length, pi
            if best_pi is not None and best >= threshold:
                used.add(best_pi)
                c[f"{key}_tp"] += 1
            else:
                c[f"{key}_fn"] += 1
        c[f"{key}_fp"] += len(ps) - len(used) - len(_on_optional(ps, optional, used))
    hits = [(pi, g) for g in spanned for pi, p in enumerate(ps)
            if p.spans and (p.spans[0][0], p.spans[-1][1]) == (g["start"], g["end"])]
    exact = len(hits)
    c["exact_tp"] += exact
    c["exact_fp"] += len(ps) - exact - len(_on_optional(ps, optional, {pi for pi, _ in hits}))
    c["exact_fn"] += len(spanned) - exact


def _on_optional(ps: list[Pred], optional: list[dict], used: set[int]) -> set[int]:
    """The predictions outside ``used`` that overlap an optional gold claim: neither
    right nor wrong, so no false positive for any span criterion."""
    return {pi for pi, p in enumerate(ps) for g in optional if pi not in used
            and any(min(e, g["end"]) > max(s, g["start"]) for s, e in p.spans)}


def _summary(c: Counter) -> dict:
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    tp = c["tp"] or 1
    _, _, topics_f1 = prf(c["topic_tp"], c["topic_fp"], c["topic_fn"])
    _, _, full_f1 = prf(c["full_ok"], c["fp"] + c["tp"] - c["full_ok"],
                        c["fn"] + c["tp"] - c["full_ok"])
    out = {"claims_p": p, "claims_r": r, "claims_f1": f, "tp": c["tp"], "fp": c["fp"],
           "fn": c["fn"], "speaker_acc": c["speaker_ok"] / tp,
           "date_acc": c["date_ok"] / c["date_n"] if c["date_n"] else None,
           "date_n": c["date_n"], "topics_f1": topics_f1, "kind_acc": c["kind_ok"] / tp,
           "type_acc": c["type_ok"] / tp, "cue_acc": c["cue_ok"] / tp,
           "mention_exact_acc": c["mention_ok"] / tp, "full_f1": full_f1}
    for key in ("span30", "span80", "exact"):
        if c[f"{key}_tp"] + c[f"{key}_fn"]:
            sp, sr, sf = prf(c[f"{key}_tp"], c[f"{key}_fp"], c[f"{key}_fn"])
            name = "content_exact" if key == "exact" else f"quote{key[4:]}"
            out.update({f"{name}_p": sp, f"{name}_r": sr, f"{name}_f1": sf})
    return out


def format_line(result: dict) -> str:
    return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                    for k, v in result.items())
