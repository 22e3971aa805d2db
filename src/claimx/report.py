"""One self-contained HTML page for one or many articles: each text with speakers, cues
and contents highlighted, linked both ways to a claims table that filters by speaker,
type, topic and date. Inline CSS and JS only: the page opens offline, from a file."""

from __future__ import annotations

from html import escape

from . import Result

KINDS = {"content": "c", "speaker": "s", "cue": "q"}  # segment attribute → legend class

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}
.legend span,.text span{border-radius:3px}
.c{background:#c8f0c8}.s{background:#bfe3ff;font-weight:600}.q{background:#f4c6f0}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;margin:.5em 0 2em}
.text span[data-claims]{cursor:pointer}.off{background:none!important;font-weight:normal}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border:1px solid #ddd;padding:4px;vertical-align:top;text-align:left}
tr.hidden{display:none}.filters select{margin-right:1em;max-width:16em}
"""

SCRIPT = """
const rows=[...document.querySelectorAll('#claims tbody tr')];
const filters=[...document.querySelectorAll('.filters select')];
function apply(){
  const shown=new Set();
  for(const row of rows){
    const ok=filters.every(f=>!f.value||row.dataset[f.name].split('|').includes(f.value));
    row.classList.toggle('hidden',!ok); if(ok) shown.add(row.dataset.id);
  }
  for(const seg of document.querySelectorAll('.text span[data-claims]')){
    seg.classList.toggle('off',!seg.dataset.claims.split(' ').some(id=>shown.has(id)));
  }
  document.getElementById('shown').textContent=shown.size;
}
filters.forEach(f=>f.addEventListener('change',apply));
document.querySelectorAll('.text span[data-claims]').forEach(seg=>seg.addEventListener(
  'click',()=>{location.hash='row-'+seg.dataset.claims.split(' ')[0];}));
apply();
"""


def render(results: list[Result]) -> str:
    """The page for ``results`` (an article and its claims each); deterministic."""
    claims = [(i, c) for i, r in enumerate(results) for c in r.claims]
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<title>claimx report</title><style>", STYLE, "</style></head><body>",
             f"<h1>claimx: {len(claims)} claims in {len(results)} article(s)</h1>",
             "<p class='legend'>Legend: <span class='s'>speaker</span> "
             "<span class='q'>cue</span> <span class='c'>content</span>; click a highlight "
             "for its row, a row's content for its place in the text.</p>"]
    for i, result in enumerate(results):
        article = result.article
        parts.append(f"<section id='article-{i}'><h2>{escape(article.title or article.id)}"
                     f"</h2><p>{escape(article.path or article.id)} · published "
                     f"{article.published or 'unknown'}</p><div class='text'>"
                     f"{_marked(article.text, result.claims)}</div></section>")
    parts.append(_table(results, claims))
    parts += ["<script>", SCRIPT, "</script></body></html>\n"]
    return "".join(parts)


def _marked(text: str, claims) -> str:
    """The text cut at every highlight boundary; each piece names the claims whose
    speaker, cue or content covers it (highlights may overlap: a quote in a quote)."""
    ranges = []
    for claim in claims:
        ranges += [(s, e, "content", claim.id) for s, e in claim.content.parts]
        ranges.append((claim.cue.start, claim.cue.end, "cue", claim.id))
        if claim.speaker.start is not None:
            ranges.append((claim.speaker.start, claim.speaker.end, "speaker", claim.id))
    cuts = sorted({0, len(text)} | {p for s, e, _, _ in ranges for p in (s, e)})
    first = {}
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [(kind, cid) for s, e, kind, cid in ranges if s <= start and end <= e]
        piece = escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        ids = sorted({cid for _, cid in covering})
        kinds = [kind for kind in KINDS if any(k == kind for k, _ in covering)]
        attrs = " ".join(f"data-{kind}='{' '.join(sorted({c for k, c in covering if k == kind}))}'"
                         for kind in kinds)
        classes = " ".join(KINDS[kind] for kind in kinds)
        anchor = ""
        for kind, cid in covering:
            if kind == "content" and cid not in first:
                first[cid] = True
                anchor = f" id='c-{cid}'"
                break
        out.append(f"<span{anchor} class='{classes}' data-claims='{' '.join(ids)}' {attrs}>"
                   f"{piece}</span>")
    return "".join(out)


def _table(results, claims) -> str:
    def values(read):
        return sorted({v for _, c in claims for v in read(c) if v})

    speakers, types, topics, dates = (
        values(lambda c: [_speaker(c)]), values(lambda c: [c.type]),
        values(lambda c: [t.name for t in c.topics]), values(lambda c: [c.date.value]))
    selects = "".join(
        f"<label>{label} <select name='{name}'><option value=''>all</option>"
        + "".join(f"<option>{escape(v)}</option>" for v in options) + "</select></label>"
        for label, name, options in (("speaker", "speaker", speakers), ("type", "type", types),
                                     ("topic", "topic", topics), ("date", "date", dates)))
    rows = []
    for i, claim in claims:
        topic_names = [t.name for t in claim.topics]
        rows.append(
            f"<tr id='row-{claim.id}' data-id='{claim.id}' data-speaker='{escape(_speaker(claim))}'"
            f" data-type='{claim.type}' data-topic='{escape('|'.join(topic_names))}'"
            f" data-date='{claim.date.value or ''}'>"
            f"<td>{escape(results[i].article.id)}</td><td>{escape(_speaker(claim))}</td>"
            f"<td>{escape(claim.cue.text)}</td><td>{claim.kind}</td><td>{claim.type}</td>"
            f"<td>{claim.date.value or ''}</td><td>{escape(', '.join(topic_names))}</td>"
            f"<td><a href='#c-{claim.id}'>{escape(claim.content.text)}</a></td></tr>")
    return (f"<h2>Claims (<span id='shown'>{len(claims)}</span> of {len(claims)} shown)</h2>"
            f"<p class='filters'>{selects}</p><table id='claims'><thead><tr><th>article</th>"
            "<th>speaker</th><th>cue</th><th>kind</th><th>type</th><th>date</th><th>topics</th>"
            f"<th>content</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _speaker(claim) -> str:
    return claim.speaker.name or claim.speaker.mention or ""
