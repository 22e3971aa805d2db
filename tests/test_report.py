"""The HTML report, rendered in headless Chromium (Debian's package) through Playwright:
every claim's content is highlighted, and the filters show exactly the matching claims."""

import os
import shutil
from collections import Counter

import pytest
from conftest import ARTIFACTS, ROOT
from test_cli import claimx

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def results(extractor):
    paths = sorted((ROOT / "samples").glob("*.txt"))
    return list(extractor.pipe(extractor.read(p.read_text(encoding="utf-8"), doc_id=p.stem,
                                              path=str(p)) for p in paths))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CLAIMX_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("report")
    report = folder / "report.html"
    made = claimx("report", ROOT / "samples", "-o", report)
    assert made.returncode == 0, made.stderr
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(folder / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 1600})
        page = browser.new_page()
        page.goto(report.as_uri())
        yield page
        shot = tmp_path_factory.getbasetemp() / "artifacts" / "report.png"
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))
        ARTIFACTS.append(shot)
        browser.close()


def visible_rows(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "#claims tbody tr", "rows => rows.filter(r => r.offsetParent !== null)"
                            ".map(r => r.dataset.id)"))


def choose(page, name: str, value: str) -> None:
    page.select_option(f"select[name={name}]", value)


def test_every_claim_content_is_highlighted(page, results):
    claims = [(r.article.text, c) for r in results for c in r.claims]
    assert len(claims) > 20
    for text, claim in claims:
        marked = page.eval_on_selector_all(
            f"[data-content~='{claim.id}']",
            "els => els.map(e => [e.textContent, getComputedStyle(e).backgroundColor])")
        assert "".join(t for t, _ in marked) == "".join(text[s:e] for s, e in
                                                         claim.content.parts)
        assert all(colour not in ("rgba(0, 0, 0, 0)", "transparent") for _, colour in marked)
        assert page.locator(f"#row-{claim.id}").count() == 1
        assert page.locator(f"#c-{claim.id}").count() == 1  # the row's link target
    assert visible_rows(page) == {c.id for _, c in claims}


def test_filters_show_exactly_the_matching_claims(page, results):
    claims = [c for r in results for c in r.claims]

    def speaker(c):
        return c.speaker.name or c.speaker.mention

    top_speaker = Counter(map(speaker, claims)).most_common(1)[0][0]
    choose(page, "speaker", top_speaker)
    assert visible_rows(page) == {c.id for c in claims if speaker(c) == top_speaker}
    assert page.text_content("#shown") == str(len(visible_rows(page)))
    kind = Counter(c.type for c in claims if speaker(c) == top_speaker).most_common(1)[0][0]
    choose(page, "type", kind)
    both = {c.id for c in claims if speaker(c) == top_speaker and c.type == kind}
    assert visible_rows(page) == both and both
    other = next(c for c in claims if speaker(c) != top_speaker)  # its highlight is off
    styles = page.eval_on_selector_all(
        f"[data-content='{other.id}']", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert styles and set(styles) == {"rgba(0, 0, 0, 0)"}
    choose(page, "speaker", "")
    choose(page, "type", "")
    topic = Counter(t.name for c in claims for t in c.topics).most_common(1)[0][0]
    choose(page, "topic", topic)
    assert visible_rows(page) == {c.id for c in claims if topic in [t.name for t in c.topics]}
    choose(page, "topic", "")
    day = Counter(c.date.value for c in claims).most_common(2)[1][0]
    choose(page, "date", day)
    assert visible_rows(page) == {c.id for c in claims if c.date.value == day}
    choose(page, "date", "")
    assert visible_rows(page) == {c.id for c in claims}
