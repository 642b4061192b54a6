"""`gegenlesen agreement`: how far annotators agree, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from typing import TextIO

from gegenlesen.corpus.agreement import KAPPA, MEASURE, Figure, Report, agreement
from gegenlesen.corpus.display import plural
from gegenlesen.storage import agreement as stored
from gegenlesen.storage.articles import ids_by_source

FORMATS = ("table", "json", "csv")
NEEDS = "agreement needs accepted claims by at least two annotators"


def report_for(db, annotators: list[str] | None) -> Report | str:
    """The report for `annotators` (all who tagged claims when None), or why there is none."""
    known = stored.claim_annotators(db)
    if annotators:
        unknown = [name for name in dict.fromkeys(annotators) if name not in known]
        if unknown:
            listed = ", ".join(repr(name) for name in known) or "nobody yet"
            return f"no claims by {', '.join(repr(name) for name in unknown)}; annotators with claims: {listed}"
        chosen = list(dict.fromkeys(annotators))
        if len(chosen) < 2:
            return f"{NEEDS}: name two or more with --annotators (known: {', '.join(known)})"
    else:
        chosen = known
        if len(chosen) < 2:
            have = f"only {chosen[0]!r} has tagged claims" if chosen else "nobody has tagged claims"
            return f"{NEEDS}; in this database {have}"
    claims = stored.claim_records(db, chosen)
    sentences = stored.sentence_spans(db, {claim.article for claim in claims})
    return agreement(chosen, claims, sentences)


def report_dict(report: Report, sources: dict[int, str]) -> dict:
    """The report as plain JSON-ready data."""
    return {
        "annotators": list(report.annotators),
        "claims": report.claims,
        "claim_sentences": {**report.sentences.as_dict(), "articles": len(report.per_article)},
        "per_article": [{"article": article, "source": sources.get(article), **figure.as_dict()}
                        for article, figure in report.per_article.items()],
        "types": {**report.types.as_dict(), "shared_claims": report.shared_claims},
        "verdicts": {**report.verdicts.as_dict(), "shared_claims": report.shared_claims},
        "differing_verdicts": [
            {"article": unit.article, "start": unit.start, "end": unit.end, "curated": _curated(unit),
             "claims": [{"annotator": who, "claim": claim.id, "verdict": claim.verdict}
                        for who, claim in unit.claims.items()]}
            for unit in report.disagreements
        ],
    }


def _curated(unit) -> str | None:
    return next((claim.curated for claim in unit.claims.values() if claim.curated), None)


def _alpha(figure: Figure) -> str:
    return "–" if figure.alpha is None else f"{figure.alpha:.3f}"


def _kappa(figure: Figure) -> str:
    return "–" if figure.kappa is None else f"{figure.kappa:.3f}"


def _observed(figure: Figure) -> str:
    return "–" if figure.observed is None else f"{figure.observed:.0%}"


def write_table(report: Report, sources: dict[int, str], out: TextIO) -> None:
    counts = ", ".join(f"{who} {count}" for who, count in report.claims.items())
    print(f"Agreement of {', '.join(report.annotators)} ({MEASURE}); claims compared: {counts}", file=out)
    rows = [
        ("claim sentences", report.sentences,
         f"sentences in {plural(len(report.per_article), 'article')}"),
        ("claim types", report.types, "shared claims with a type"),
        ("verdicts", report.verdicts, "shared claims with a verdict"),
    ]
    two = len(report.annotators) == 2
    print(f"{'':18} {'alpha':>7}{' kappa' if two else ''} {'agree':>6}  items", file=out)
    for name, figure, what in rows:
        reason = f"  ({figure.reason})" if figure.reason else ""
        kappa = f" {_kappa(figure):>5}" if two else ""
        print(f"{name:18} {_alpha(figure):>7}{kappa} {_observed(figure):>6}  {figure.items} {what}{reason}", file=out)
    if two:
        print(f"kappa: {KAPPA}, over the items both annotators gave a value to", file=out)
    if report.per_article:
        print("claim sentences per article:", file=out)
        for article, figure in report.per_article.items():
            source = sources.get(article, "")
            print(f"  {article:>5} {_alpha(figure):>7} {_observed(figure):>6}  {figure.items:>4} sentences  {source}",
                  file=out)
    if report.disagreements:
        print(f"verdicts that differ ({len(report.disagreements)}; `gegenlesen curate CLAIM_ID --verdict V` "
              "settles one):", file=out)
        for unit in report.disagreements:
            judged = " · ".join(f"{who} #{claim.id} {claim.verdict}" for who, claim in unit.claims.items())
            curated = _curated(unit)
            settled = f"  → curated: {curated}" if curated else ""
            print(f"  article {unit.article} [{unit.start}:{unit.end}]  {judged}{settled}", file=out)


def write_csv(report: Report, sources: dict[int, str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["scope", "article", "source", "measure", "alpha", "observed", "items", "reason",
                     "kappa", "kappa_items"])
    figures = [("claim sentences", None, report.sentences), ("claim types", None, report.types),
               ("verdicts", None, report.verdicts)]
    figures += [("claim sentences", article, figure) for article, figure in report.per_article.items()]
    for scope, article, figure in figures:
        source = sources.get(article, "") if article is not None else ""
        writer.writerow([scope, "" if article is None else article, _cell(source), MEASURE,
                         "" if figure.alpha is None else f"{figure.alpha:.6f}",
                         "" if figure.observed is None else f"{figure.observed:.6f}", figure.items, figure.reason,
                         "" if figure.kappa is None else f"{figure.kappa:.6f}", figure.kappa_items if figure.kappa is not None else ""])


def _cell(value: str) -> str:
    from gegenlesen.storage.exports.csv import safe_cell

    return safe_cell(value)


def command_agreement(db, annotators: list[str] | None = None, output_format: str = "table",
                      out: TextIO | None = None) -> int:
    """Report how far annotators agree on claim sentences, types and verdicts.

    Args:
        annotators: whom to compare (two or more); None: everyone with accepted claims.
        output_format: 'table', 'json' or 'csv'.

    Returns:
        The exit code: 0, or 2 when there is nothing to compare (fewer than two annotators,
        or an unknown name), said in one line on standard error.
    """
    out = out or sys.stdout
    report = report_for(db, annotators)
    if isinstance(report, str):
        print(f"gegenlesen: {report}", file=sys.stderr)
        return 2
    sources = {article_id: source for source, article_id in ids_by_source(db).items()}
    if output_format == "json":
        print(json.dumps(report_dict(report, sources), ensure_ascii=False, indent=1), file=out)
    elif output_format == "csv":
        write_csv(report, sources, out)
    else:
        write_table(report, sources, out)
    return 0


def command_curate(db, claim_id: int, verdict: str, annotator: str, out: TextIO | None = None) -> int:
    """Make `verdict` the curated verdict of the claim's passage (every claim overlapping it).

    Returns:
        The exit code: 0, or 2 when nothing was stored (said in one line on standard error).
    """
    from gegenlesen.storage.curation import CurationError, curate

    out = out or sys.stdout
    try:
        settled = curate(db, claim_id, verdict, annotator)
    except CurationError as error:
        print(f"gegenlesen: {error}; nothing stored", file=sys.stderr)
        return 2
    claims = ", ".join(f"#{found}" for found in settled)
    print(f"curated verdict of claim{'s' * (len(settled) != 1)} {claims}: {' '.join(verdict.split())} "
          f"(u in the reader, as {annotator}, takes it back)", file=out)
    return 0


TEAM_COMMANDS = ("agreement", "curate", "merge")


def add_team_commands(commands, common) -> None:
    """`agreement`, `curate` and `merge`: comparing and bringing together several annotators' work."""
    from pathlib import Path

    agreeing = commands.add_parser(
        "agreement", parents=[common], help="how far annotators agree on claims, types and verdicts",
        description="Krippendorff's alpha (nominal) with the number of items each figure rests on: which sentences "
                    "are claims (per article and overall, over the articles two annotators tagged in), and the types "
                    "and verdicts of the claims they share (claims overlapping each other). Lists the passages whose "
                    "verdicts differ, for `curate`. Exit code 0, or 2 when fewer than two annotators can be compared.",
    )
    agreeing.add_argument("--annotators", nargs="+", metavar="NAME",
                          help="whom to compare, two or more (default: everyone with claims)")
    agreeing.add_argument("--format", choices=FORMATS, default="table", dest="agreement_format",
                          help="table (default), json or csv")
    curating = commands.add_parser(
        "curate", parents=[common], help="settle a verdict annotators disagree on",
        description="Store VERDICT as the curated verdict of the claim and of every claim overlapping it (the "
                    "passage as agreement groups it), with you as the one who chose it; exports carry it and "
                    "ClaimReview uses it. u in the reader undoes it. Exit code 0, or 2 when nothing was stored.",
    )
    curating.add_argument("claim", type=int, metavar="CLAIM_ID", help="a claim of the passage (its number, #12)")
    curating.add_argument("--verdict", required=True, metavar="VERDICT",
                          help="one of the verdicts given, or a new one")
    merging = commands.add_parser(
        "merge", parents=[common], help="bring another person's gegenlesen database into this one",
        description="Add the other database's articles (by text, with their analysis), claims, links, notes, "
                    "verdicts, entity corrections and conflict decisions, with their annotators and times, in one "
                    "transaction; merging again adds nothing; u in the reader takes the annotations back in one "
                    "step. A correction that contradicts one here is reported, not applied. The other file is only "
                    "read (an older one through a migrated copy). Exit code 0, or 1 when it cannot be merged.",
    )
    merging.add_argument("other", type=Path, metavar="OTHER.db", help="the other gegenlesen database")


def run_team_command(args, db, annotator: str) -> int:
    """Run `agreement`, `curate` or `merge` as parsed by `add_team_commands`."""
    if args.command == "agreement":
        return command_agreement(db, args.annotators, args.agreement_format)
    if args.command == "curate":
        return command_curate(db, args.claim, args.verdict, annotator)
    from gegenlesen.tui.merge_command import command_merge

    return command_merge(db, args.other, annotator)
