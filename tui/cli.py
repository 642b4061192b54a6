"""The command line: `gegenlesen` opens the reader; subcommands list and export."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from gegenlesen.corpus.display import plural
from gegenlesen.storage.errors import UNTRANSLATED, StoreError
from gegenlesen.tui.streams import raw

PROG = "gegenlesen"
CORRECTION_LABELS = ("PER", "ORG", "LOC", "MISC", "none")


def common_options() -> argparse.ArgumentParser:
    """The options every command takes (a parent parser)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help="the database file (default: $GEGENLESEN_DB, else your user data directory)")
    common.add_argument("--model", default=argparse.SUPPRESS, metavar="NAME",
                        help="a spaCy pipeline (package name or directory) to analyse with")
    common.add_argument("--empty", action="store_true", default=argparse.SUPPRESS,
                        help="start a new database without the built-in demo corpus")
    common.add_argument("--annotator", default=argparse.SUPPRESS, metavar="NAME",
                        help="who is annotating (default: $GEGENLESEN_ANNOTATOR, the config file, your login name)")
    common.add_argument("--codebook", type=Path, default=argparse.SUPPRESS, metavar="FILE",
                        help="a TOML codebook of claim types and verdicts; the database keeps using it")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The command line with every command, its help and its choices."""
    from gegenlesen.storage.exports.formats import FORMATS as EXPORT_FORMATS

    common = common_options()
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Read news articles side by side, see their entities, tag and compare claims.",
        epilog="Keys inside the app: press ? for help, ctrl+p for every action.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("read", parents=[common], help="open the reader (the default)",
                        description="Open the reader on the database.")
    commands.add_parser("articles", parents=[common], help="list the articles in the database",
                        description="List the articles: id, source, title, words, entities.")
    export = commands.add_parser("export", parents=[common], help="export articles with their annotations",
                                 description="Export articles with their entities and claims.")
    export.add_argument("--format", required=True, choices=list(EXPORT_FORMATS),
                        help="; ".join(f"{name}: {fmt.help}" for name, fmt in EXPORT_FORMATS.items()))
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of standard output")
    export.add_argument("--articles", nargs="+", metavar="ID_OR_SOURCE",
                        help="export only these articles (ids or source names, as `gegenlesen articles` lists them)")
    reimport = commands.add_parser(
        "import-annotations", parents=[common], help="read claims back from a w3c or jsonl export",
        description="Read a `w3c` or `jsonl` export (detected from the file) and store its claims on the articles "
                    "they belong to (by IRI, sha256 or source), found again by their selectors. Exact duplicates "
                    "are skipped; entity annotations are only compared with the stored analysis and reported. "
                    "All or nothing: one transaction.",
    )
    reimport.add_argument("file", type=Path, metavar="FILE", help="the exported annotations")
    evaluate = commands.add_parser(
        "eval-ner", parents=[common], help="score the stored entities against gold spans",
        description="Score the current analysis against gold entity spans: precision, recall and F1 per "
                    "label and micro-averaged, for exact and for overlapping spans. GOLD is JSON Lines of "
                    '{"source", "start", "end", "label"} with offsets into the stored text; only the labels '
                    "that occur in GOLD are scored.",
    )
    evaluate.add_argument("gold", type=Path, metavar="GOLD.jsonl", help="the gold spans")
    importing = commands.add_parser(
        "import", parents=[common], help="import your own articles (.txt, .md, .html, .jsonl, directories)",
        description="Import article files: .txt and .md as they are, .html/.htm by their main text (with title, "
                    "date, author and URL), .jsonl with one {\"text\", \"title\", \"source\", \"url\", \"date\", "
                    "\"author\"} object per line, and directories recursively. Text already there is not added "
                    "again; a changed text of a source already imported becomes a new version that takes over its "
                    "claims. Exit code 0, or 1 when a file was refused (the others are imported), 130 when interrupted.",
    )
    importing.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="files and directories to import")
    linking = commands.add_parser("links", parents=[common], help="suggested and stored links between claims",
                                  description="Links between claims: `suggest` proposes, `list` shows the stored ones.")
    link_commands = linking.add_subparsers(dest="links_command", metavar="suggest|list", required=True,
                                           help="suggest: candidate links; list: the stored links")
    suggesting = link_commands.add_parser(
        "suggest", parents=[common], help="each claim's best candidate claims, as JSON lines",
        description='For every claim, its top K candidate claims among the existing claims of other articles, '
                    'one JSON object per line: {"claim", "candidate", "score", "reasons"}.',
    )
    suggesting.add_argument("--top", type=int, default=3, metavar="K", help="candidates per claim (default 3)")
    link_commands.add_parser("list", parents=[common], help="the stored links, as JSON lines",
                             description='One JSON object per stored link: {"id", "claim_a", "relation", "claim_b", '
                                         '"annotator", "created", "modified"}.')
    conflicting = commands.add_parser(
        "conflicts", parents=[common], help="possible contradictions across the articles (what X lists)",
        description="The possible contradictions the reader's X lists, open ones first. table: one line each; "
                    'jsonl: one JSON object per flag: {"entity", "label", "decision", "a", "b"}, each side with '
                    '"article", "start", "end", "text", "value" and "surface".',
    )
    conflicting.add_argument("--format", choices=("table", "jsonl"), default="table", dest="conflicts_format",
                             help="table (default) or jsonl")
    backing_up = commands.add_parser(
        "backup", parents=[common], help="copy the database safely, also while gegenlesen is open",
        description="Write a complete copy of the database to FILE with SQLite's backup API: safe while readers and "
                    "other gegenlesen processes use it, checked before it takes FILE's name. Copying the .db file "
                    "with cp can miss what is still in its -wal file.",
    )
    backing_up.add_argument("file", type=Path, metavar="FILE", help="where the copy goes")
    backing_up.add_argument("--force", action="store_true", help="replace FILE if it exists")
    commands.add_parser(
        "check", parents=[common], help="check the database file for damage (reads only)",
        description="Run SQLite's integrity and foreign-key checks on the database, writing nothing. "
                    "Exit code 0 when it is sound, 1 when it is damaged (with how to recover).",
    )
    importing.add_argument("--analyse", "--analyze", action="store_true",
                           help="analyse the new articles right away (else the reader does when it opens)")
    add_learning_commands(commands, common)
    from gegenlesen.tui.agreement_command import add_team_commands

    add_team_commands(commands, common)
    from gegenlesen.tui.serve_command import add_serve_command

    add_serve_command(commands, common)
    return parser


class NotTheReader(Exception):
    """The arguments are not those of opening the reader (or are wrong): the full parser decides."""


class ReaderParser(argparse.ArgumentParser):
    """A parser that raises instead of printing an error and exiting."""

    def error(self, message: str):
        raise NotTheReader(message)


def reader_parser() -> argparse.ArgumentParser:
    """Only what opening the reader takes: the common options, with or without `read`.

    No help and no other command: anything else is an error that `parse_arguments` hands to
    the full parser. Building that one imports every command's modules for its choices and
    help (export formats, team commands, serve), which the reader's first frame should not
    wait for."""
    common = common_options()
    parser = ReaderParser(prog=PROG, parents=[common], add_help=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("read", parents=[common], add_help=False)
    return parser


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The arguments as `build_parser` reads them; opening the reader is parsed without building it."""
    try:
        return reader_parser().parse_args(argv)
    except NotTheReader:  # another command, help, or a mistake: the full parser answers as always
        return build_parser().parse_args(argv)


def add_learning_commands(commands, common: argparse.ArgumentParser) -> None:
    """`correct` and `learn`: what the reader's E and its learn key do, from the command line."""
    correcting = commands.add_parser(
        "correct", parents=[common], help="correct an entity everywhere, as E does in the reader",
        description="Say what a surface form is, in every article: a person, organisation, place or other name, "
                    "or no entity (none). Stored as the reader's E stores it, so u in the reader undoes it. "
                    "Exit code 0, or 2 when nothing was stored (the form occurs nowhere, is empty, or the label "
                    "is unknown).",
    )
    correcting.add_argument("form", metavar="FORM", help="the surface form, as it appears in the articles")
    correcting.add_argument("--label", required=True, metavar="|".join(CORRECTION_LABELS),
                            help="what the form is; none: not an entity")
    learning = commands.add_parser(
        "learn", parents=[common], help="teach the pipeline your corrections, then analyse again",
        description="Fine-tune a copy of the shipped pipeline on the sentences your corrections apply to, mixed "
                    "with GermEval 2014 training data so it keeps what it knows (it needs the GermEval training "
                    "split: ../shared/ner-data or $GEGENLESEN_NER_DATA), and analyse the articles again with it. "
                    "The learned pipeline is kept beside the database (DB.models/) and used from then on; "
                    "corrections still win over it. Exit code 0, 1 when it could not learn, 130 when interrupted "
                    "(the previous pipeline stays in use).",
    )
    learning.add_argument("--reset", action="store_true",
                          help="forget the learned pipeline and go back to the shipped one")


def resolve_db_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The database path and whether it is the default one (whose directory we may create)."""
    from gegenlesen.storage.db import default_db_path

    if getattr(args, "db", None):
        return args.db.expanduser(), False
    return default_db_path(), not os.environ.get("GEGENLESEN_DB")


def open_store(args: argparse.Namespace):
    """Prepare the database the arguments name (workflow.prepare_database) and say what it did."""
    from gegenlesen.tui.workflow import prepare_database

    path, is_default = resolve_db_path(args)
    # A database first used to import one's own articles starts without the demo corpus.
    empty = getattr(args, "empty", False) or args.command == "import"
    prepared = prepare_database(path, create_parent=is_default, empty=empty, model=getattr(args, "model", None))
    # What analysis loads from here on: --model, else a pipeline learned beside the database.
    args.pipeline = prepared.pipeline
    again = prepared.to_reanalyse
    if again:
        print(f"{PROG}: the pipeline changed; {plural(again, 'article')} will be analysed again", file=sys.stderr)
    if prepared.seeded_before and getattr(args, "empty", False):
        print(f"{PROG}: --empty only applies to a new database; {path} keeps its articles", file=sys.stderr)
    return path, prepared.db


def shown(name: str) -> str:
    """A name from outside for a Rich progress column, which reads markup: escaped, controls visible."""
    from rich.markup import escape

    return escape(shown_plain(name))


def shown_plain(name: str) -> str:
    """A name from outside for a plain line: controls visible, on one line."""
    from gegenlesen.corpus.display import safe_str

    return safe_str(name)


class ProgressBar:
    """A transient Rich progress bar on stderr, shown from its first update (or `start`) until closed."""

    def __init__(self) -> None:
        self._console = None
        self._progress = None
        self._task = None

    @property
    def console(self):
        """The Rich console on stderr (Rich is imported when first needed)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=raw(sys.stderr))
        return self._console

    def columns(self) -> tuple:
        raise NotImplementedError

    def start(self, total: int | None = None, **fields) -> None:
        from rich.progress import Progress

        self._progress = Progress(*self.columns(), console=self.console, transient=True)
        self._progress.start()
        self._task = self._progress.add_task("", total=total, **fields)

    def update(self, done: int, total: int | None, source: str, **fields) -> None:
        if self._progress is None:
            self.start(total, **fields)
        self._progress.update(self._task, completed=done, total=total, description=shown(source), **fields)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class AnalysisBar(ProgressBar):
    """The bar analysis shows: count, time left, the article's source."""

    def columns(self) -> tuple:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn

        return (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                TextColumn("{task.description}"))


class ImportBar(ProgressBar):
    """The bar an import shows: count, rate, time left, the file's name."""

    def __init__(self) -> None:
        import time

        super().__init__()
        self.began = time.monotonic()

    def columns(self) -> tuple:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn

        return (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(), TextColumn("{task.description}"))

    def start(self, total: int | None = None, **fields) -> None:
        super().start(total, rate="")  # shown at once: finding the files may take a while

    def update(self, done: int, total: int | None, source: str, **fields) -> None:
        import time

        rate = done / max(time.monotonic() - self.began, 1e-6)
        super().update(done, total, source, rate=f"{rate:.0f} files/s")


def say_notes(bar: ProgressBar, notes: list[str]) -> None:
    """How the pipeline was chosen, in yellow on stderr."""
    from rich.text import Text

    for note in notes:
        bar.console.print(Text.assemble((f"{PROG}:", "yellow"), " ", shown_plain(note)), highlight=False)


def analyse_with_progress(db, model: str | None) -> None:
    """Analyse what lacks analysis before a command reads it, with a progress bar on stderr."""
    from gegenlesen.tui import workflow

    with AnalysisBar() as bar:
        _, notes = workflow.analyse_all(db, model, progress=bar.update)
    say_notes(bar, notes)


def command_articles(args: argparse.Namespace, db) -> int:
    from gegenlesen.storage import articles

    rows = articles.list_articles(db)
    print(f"{'id':>4}  {'source':<28}  {'words':>6}  {'entities':>8}  title")
    for row in rows:
        title = shown_plain(row.title)
        print(f"{row.id:>4}  {one_line(row.source)[:28]:<28}  {row.words:>6}  {row.entities:>8}  {title}")
    return 0


LINE_BREAKS = str.maketrans({"\n": "␤", "\u2028": "␤", "\u2029": "␤"})


def one_line(text: str) -> str:
    """A name on one line of a table, its line breaks shown as ␤ (and other controls made safe):
    a source name is the user's to choose, `--articles` takes it as it is, so it is shown, not tidied."""
    from gegenlesen.corpus.display import visible

    return visible(text.translate(LINE_BREAKS))


def command_export(args: argparse.Namespace, db) -> int:
    from gegenlesen.storage.exports.common import select_articles
    from gegenlesen.storage.exports.formats import run_export

    ids = select_articles(db, args.articles)
    written = run_export(db, args.format, args.output, ids, sys.stdout)
    for note in written.notes:
        print(f"{PROG}: {note}", file=sys.stderr)
    if written.target is not None:
        noun = f"{written.noun}{'s' * (written.count != 1)}"
        print(f"{PROG}: exported {written.count} {noun} to {written.target}", file=sys.stderr)
    return 0


def command_links(args: argparse.Namespace, db) -> int:
    import json

    from gegenlesen.storage import crossread, links

    if args.links_command == "list":
        for link in links.links_of(db):
            record = {"id": link.id, "claim_a": link.claim_a, "relation": link.relation, "claim_b": link.claim_b,
                      "annotator": link.annotator, "created": link.created, "modified": link.modified}
            print(json.dumps(record, ensure_ascii=False))
        return 0
    if args.top < 1:
        print(f"{PROG}: --top must be at least 1", file=sys.stderr)
        return 2
    from gegenlesen.corpus.crossref.suggest import missing_tables_once

    corpus = crossread.load_corpus(db)
    for claim_id, candidate, suggestion in crossread.claim_suggestions(corpus, top=args.top):
        record = {"claim": claim_id, "candidate": candidate, "score": round(suggestion.score, 4),
                  "reasons": list(suggestion.reasons)}
        print(json.dumps(record, ensure_ascii=False))
    for problem in missing_tables_once():
        print(f"{PROG}: {problem}", file=sys.stderr)
    return 0


def command_import_annotations(args: argparse.Namespace, db, annotator: str) -> int:
    from gegenlesen.storage.exports.reimport import import_annotations

    report = import_annotations(db, args.file.expanduser(), annotator)
    for line in report.lines():
        print(line)
    for warning in report.warnings:
        print(f"{PROG}: {warning}", file=sys.stderr)
    return 0


def read_gold(path: Path) -> list[dict]:
    """Gold records from JSON Lines; a bad line is named, and nothing is scored."""
    from gegenlesen.corpus.decoding import Refused
    from gegenlesen.corpus.entities import ENTITY_LABELS
    from gegenlesen.corpus.importing import read_bytes
    from gegenlesen.corpus.untrusted import Unreadable, load_json

    records = []

    try:
        lines = read_bytes(path, 2**30, empty_ok=True).decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text") from None
    except Refused as refused:
        raise ValueError(f"{path}: {refused}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = load_json(line)
            source, start, end, label = record["source"], record["start"], record["end"], record["label"]
        except (Unreadable, ValueError, TypeError, KeyError) as error:  # ValueError: not JSON
            raise ValueError(f"{path}, line {number}: expected {{\"source\", \"start\", \"end\", \"label\"}} ({error})") from None
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise ValueError(f"{path}, line {number}: start and end must be offsets with start < end")
        if label not in ENTITY_LABELS:
            raise ValueError(f"{path}, line {number}: the label must be one of {', '.join(ENTITY_LABELS)}")
        records.append({"source": str(source), "start": start, "end": end, "label": label})
    return records


def command_eval_ner(args: argparse.Namespace, db) -> int:
    from gegenlesen.corpus.nlp.evaluation import format_table, score_spans
    from gegenlesen.storage import articles

    try:
        gold = read_gold(args.gold.expanduser())
    except ValueError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    if not gold:
        print(f"{PROG}: {args.gold} holds no gold spans", file=sys.stderr)
        return 1
    ids = articles.ids_by_source(db)
    missing = sorted({record["source"] for record in gold} - set(ids))
    if missing:
        print(f"{PROG}: no article with source {', '.join(shown_plain(m) for m in missing[:5])} in the database",
              file=sys.stderr)
        return 1
    sources = {ids[record["source"]]: record["source"] for record in gold}
    labels = {record["label"] for record in gold}
    predicted = [
        (sources[e.article_id], e.start, e.end, e.label)
        for e in articles.entities(db, list(sources)) if e.label in labels
    ]
    gold_spans = [(r["source"], r["start"], r["end"], r["label"]) for r in gold]
    print(f"{len(gold_spans)} gold spans in {len(sources)} articles; labels {', '.join(sorted(labels))}")
    print(format_table(score_spans(predicted, gold_spans), score_spans(predicted, gold_spans, overlap=True)))
    return 0


def command_import(args: argparse.Namespace, db) -> int:
    """Import files (workflow.import_then_analyse); the first ctrl+c stops after the file
    being imported, a second at once. With --analyse the new articles are analysed next."""
    import signal
    import threading

    from gegenlesen.tui import workflow

    stop: list[bool] = []

    def on_interrupt(signum, frame) -> None:
        if stop:
            raise KeyboardInterrupt
        stop.append(True)

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_interrupt) if in_main else None
    restored: list[bool] = []

    def restore_interrupt() -> None:
        if in_main and not restored:
            signal.signal(signal.SIGINT, previous)
            restored.append(True)

    importing = ImportBar() if sys.stderr.isatty() else None
    if importing:
        importing.start()

    def say_imported(report) -> None:
        if importing:
            importing.close()
        restore_interrupt()  # ctrl+c during the analysis interrupts as in any other command
        for line in report.refusal_lines():
            print(f"{PROG}: {line}", file=sys.stderr)
        for line in report.detail_lines():
            print(line)
        print(report.summary())

    analyser = workflow.PipelineAnalyser(args.pipeline) if args.analyse else None
    analysing = AnalysisBar() if analyser else None
    try:
        done = workflow.import_then_analyse(
            db, [path.expanduser() for path in args.paths], analyser,
            progress=importing.update if importing else None, analysis_progress=analysing.update if analysing else None,
            should_stop=lambda: bool(stop), imported=say_imported,
        )
    finally:
        for bar in (importing, analysing):
            if bar:
                bar.close()
        restore_interrupt()
    report = done.report
    if report.interrupted:
        print(f"{PROG}: interrupted after {report.done} of {report.files} files; run the same command again to continue",
              file=sys.stderr)
        return 130
    if report.added and analyser is not None:
        say_notes(analysing, analyser.notes)
        print("The new articles are analysed.")
    elif report.added:
        print("The reader analyses the new articles when it opens (or import with --analyse).")
    return 1 if report.refused else 0


def command_read(args: argparse.Namespace, path: Path, db, annotator: str) -> int:
    from gegenlesen.tui.app import create_app

    app = create_app(path, model=args.pipeline, db=db, annotator=annotator)
    # What exists now (modules, classes, the database) lives as long as the app: frozen, the
    # collector stops scanning it again and again. It is still paused (by _run, for the
    # start): the app resumes it once its first frame is drawn.
    gc.freeze()
    try:
        app.run()
    finally:
        gc.unfreeze()  # collectable again (main may be called again in one process: tests)
    from gegenlesen.storage.maintenance import checkpoint

    # Everything into the .db file, so that a copy of it alone is complete, even while
    # other processes keep the database open (the last one to close would do it anyway).
    checkpoint(db)
    return app.return_code or 0


def command_check(args: argparse.Namespace) -> int:
    from gegenlesen.storage.errors import RESTORE
    from gegenlesen.storage.maintenance import integrity

    path, _ = resolve_db_path(args)
    problems = integrity(path)
    if not problems:
        print(f"{path}: ok")
        return 0
    if len(problems) == 1 and "not a database" in problems[0]:
        print(f"{PROG}: {path} is not a SQLite database", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"{path}: {problem}")
    print(f"{PROG}: {path} is damaged. If a gegenlesen still has it open, quit it and check again; "
          f"to recover, {RESTORE}", file=sys.stderr)
    return 1


def command_backup(args: argparse.Namespace) -> int:
    from gegenlesen.storage.db import check_path, connect
    from gegenlesen.storage.maintenance import backup

    path, _ = resolve_db_path(args)
    target = args.file.expanduser()
    if not check_path(path):
        raise StoreError(f"there is no database at {path}")
    if target.exists() and not args.force:
        raise StoreError(f"{target} exists; give --force to replace it")
    with connect(path) as db:
        done = backup(db, target)
    print(f"backed up {done.articles} articles and {done.claims} claims to {done.target} ({done.size / 2**20:.1f} MB)")
    return 0


def command_correct(args: argparse.Namespace, db, annotator: str) -> int:
    """Store a correction as the reader's E does (same rule, same history) and say its reach."""
    from gegenlesen.storage import corrections

    form = args.form.strip()
    labels = {label.lower(): label for label in CORRECTION_LABELS}
    label = labels.get(args.label.strip().lower())
    if label is None:
        print(f"{PROG}: unknown label {shown_plain(args.label)!r}: use one of {', '.join(CORRECTION_LABELS)}",
              file=sys.stderr)
        return 2
    if not form:
        print(f"{PROG}: nothing to correct: the form is empty", file=sys.stderr)
        return 2
    reach = corrections.reach(db, form)
    if not reach.occurrences:
        print(f"{PROG}: “{shown_plain(form)}” occurs in no article; nothing stored", file=sys.stderr)
        return 2
    try:
        corrections.correct(db, form, None if label == "none" else label, annotator)
    except corrections.CorrectionError as error:
        print(f"{PROG}: {shown_plain(str(error))} Nothing stored.", file=sys.stderr)
        return 2
    what = "no entity" if label == "none" else label
    print(f"{shown_plain(form)} → {what}: {reach.describe()} (u in the reader undoes it)")
    return 0


def command_learn(args: argparse.Namespace, path: Path, db) -> int:
    """Learn from the corrections (or, with --reset, forget what was learned), then analyse again."""
    from gegenlesen.corpus.nlp.learn import LearningStopped
    from gegenlesen.storage import learning
    from gegenlesen.tui.workflow import use_pipeline

    try:
        if args.reset:
            forgotten = learning.reset(db)
            if forgotten is None:
                print("No learned pipeline: the shipped one is in use.")
                return 0
            print(f"Forgot {forgotten}: back to the shipped pipeline.")
        else:
            learned = learn_with_progress(db)
            print(f"Learned {learned.name} from {plural(learned.sentences, 'corrected sentence')} "
                  f"({learned.steps} steps, {learned.seconds:.0f} s).")
    except learning.LearningError as error:
        print(f"{PROG}: {shown_plain(str(error))}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, LearningStopped):
        print(f"{PROG}: learning interrupted; the previous pipeline stays in use", file=sys.stderr)
        return 130
    requested = getattr(args, "model", None)
    model, again = use_pipeline(db, path, requested)
    if not args.reset and (requested or model is None):
        print(f"{PROG}: {'--model' if requested else 'an installed de_core_news package'} comes before the learned "
              "pipeline, so analysis does not use it", file=sys.stderr)
    analyse_with_progress(db, model)
    print(f"{plural(again, 'article')} analysed again; corrections still win over the model.")
    return 0


def learn_with_progress(db):
    """storage.learning.learn with a progress bar when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from gegenlesen.storage import learning

    if not sys.stderr.isatty():
        return learning.learn(db)
    columns = (TextColumn("learning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=Console(file=raw(sys.stderr)), transient=True) as progress:
        task = progress.add_task("", total=None)
        return learning.learn(
            db, progress=lambda done, total, what: progress.update(task, completed=done, total=total, description=what)
        )


def apply_settings(args: argparse.Namespace, db) -> str:
    """Store a --codebook in the database; return who is annotating."""
    from gegenlesen.storage.codebooks import use_codebook
    from gegenlesen.tui.settings import config_path, read_codebook, read_config, resolve_annotator

    if getattr(args, "codebook", None):
        use_codebook(db, read_codebook(args.codebook.expanduser()))
    given = getattr(args, "annotator", None)
    config = {} if given else read_config(config_path())
    return resolve_annotator(given, config=config)


def main(argv: list[str] | None = None) -> int:
    from gegenlesen.tui.streams import shown_streams

    with shown_streams():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    args = parse_arguments(argv)
    from gegenlesen.tui.settings import SettingsError

    collecting = gc.isenabled()
    if args.command in (None, "read"):
        # Until the app's first frame (the app resumes the collector then), the reader's start
        # makes objects that live as long as it does (modules, classes): collecting would look
        # for garbage where there is none.
        gc.disable()
    try:
        if args.command == "check":
            return command_check(args)
        if args.command == "backup":
            return command_backup(args)
        path, db = open_store(args)
        annotator = apply_settings(args, db)
        if args.command in (None, "read"):
            return command_read(args, path, db, annotator)
        if args.command == "import":
            return command_import(args, db)
        if args.command == "correct":
            return command_correct(args, db, annotator)
        if args.command in ("agreement", "curate", "merge"):
            from gegenlesen.tui.agreement_command import run_team_command

            return run_team_command(args, db, annotator)
        analyse_with_progress(db, args.pipeline)  # before serve too: one analysis, not one per browser
        if args.command == "serve":
            from gegenlesen.tui.serve_command import command_serve

            return command_serve(args, path)
        if args.command == "learn":
            return command_learn(args, path, db)
        if args.command == "articles":
            return command_articles(args, db)
        if args.command == "eval-ner":
            return command_eval_ner(args, db)
        if args.command == "import-annotations":
            return command_import_annotations(args, db, annotator)
        if args.command == "links":
            return command_links(args, db)
        if args.command == "conflicts":
            from gegenlesen.tui.conflicts_command import command_conflicts

            return command_conflicts(db, args.conflicts_format)
        return command_export(args, db)
    except (StoreError, SettingsError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # before OSError, of which it is one
        # The reader of our output went away (e.g. `| head`); that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(f"{PROG}: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except UNTRANSLATED as error:  # raised while reading rows, after the store's own checks
        from gegenlesen.storage.errors import translate

        print(f"{PROG}: {translate(error, resolve_db_path(args)[0])}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":
    raise SystemExit(main())
