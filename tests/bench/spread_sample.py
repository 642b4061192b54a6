"""A seeded random sample of spread name mentions, in context, for judging by hand.

Analyses every article of an imported database (import without --analyse first) as the
app does, recording exactly what name spreading added: per article (`consistent_names`)
and across the corpus (`spread_names`). With --rev, the spreading modules (consistency,
spreading, spread_index, names) are taken from that git revision instead of the work tree,
to compare before and after a change (a revision that has no spreading.py or
spread_index.py uses the work tree's). Prints the
counts and a sample, each mention in »…« with 60 characters either side, its form, label
and scope; judge whether it is a name with that label there.

    python -m tests.bench.spread_sample DB [--rev REV] [--size 100] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import types
from pathlib import Path

from gegenlesen.corpus.nlp import pipeline as pipeline_module
from gegenlesen.tui import workflow
from gegenlesen.storage.db import open_database

ROOT = Path(__file__).resolve().parents[2]


def module_at(rev: str, path: str, name: str, replace: dict[str, str]) -> types.ModuleType:
    """A module's source at a git revision, loaded under `name`, with imports replaced."""
    source = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for old, new in replace.items():
        source = source.replace(old, new)
    module = types.ModuleType(name)
    module.__file__ = str(ROOT / path)  # a module finds its data beside it
    sys.modules[name] = module
    exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)  # noqa: S102 - our own code at a revision
    return module


def exists_at(rev: str, path: str) -> bool:
    """Whether the file is in the git revision."""
    return subprocess.run(["git", "cat-file", "-e", f"{rev}:{path}"], cwd=ROOT, capture_output=True).returncode == 0


def main(argv: list[str]) -> int:
    """Analyse, record the spread mentions, print counts and the sample."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--rev")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if args.rev:
        replace = {}
        for path, name in (("corpus/nlp/spreading.py", "spreading"), ("corpus/nlp/spread_index.py", "spread_index")):
            if exists_at(args.rev, path):
                module_at(args.rev, path, f"old_{name}", replace)
                replace[f"from gegenlesen.corpus.nlp.{name} import"] = f"from old_{name} import"
        consistency = module_at(args.rev, "corpus/nlp/consistency.py", "old_consistency", replace)
        names = module_at(args.rev, "storage/names.py", "old_names",
                          {**replace, "from gegenlesen.corpus.nlp.consistency import": "from old_consistency import"})
    else:
        from gegenlesen.corpus.nlp import consistency
        from gegenlesen.storage import names
    consistent_names = consistency.consistent_names
    recorded: dict[str, list[tuple[int, int, str]]] = {}

    def recording(text, entities, sentence_starts):
        result = consistent_names(text, entities, sentence_starts)
        if not {(e.start, e.end) for e in entities} <= {(e.start, e.end) for e in result}:
            result = list(entities) + list(result)  # an old function returned only what it added
        before = {(e.start, e.end) for e in entities}
        recorded[text] = [(e.start, e.end, e.label) for e in result if (e.start, e.end) not in before]
        return result

    pipeline_module.consistent_names = recording
    db = open_database(Path(args.db))
    workflow.analyse_all(db)
    names.spread_names(db)
    mentions = []
    for article_id, text in db.execute("SELECT id, text FROM articles"):
        mentions += [(article_id, s, e, label, "article", text) for s, e, label in recorded.get(text, [])]
    for article_id, start, end, label, text in db.execute(
        "SELECT e.article_id, e.start, e.end, e.label, a.text FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE e.origin = 'corpus'"
    ):
        mentions.append((article_id, start, end, label, "corpus", text))
    mentions.sort(key=lambda m: m[:3])
    by_scope = {scope: sum(m[4] == scope for m in mentions) for scope in ("article", "corpus")}
    sample = random.Random(args.seed).sample(mentions, min(args.size, len(mentions)))
    print(f"# {len(mentions)} spread mentions {by_scope}; sample of {len(sample)}, seed {args.seed}, rev {args.rev}")
    for number, (article, start, end, label, scope, text) in enumerate(sample, 1):
        before = text[max(0, start - 60) : start].replace("\n", " ")
        after = text[end : end + 60].replace("\n", " ")
        print(f"{number:3} {scope:7} {label:4} {text[start:end]!r:20} a{article}: …{before}»{text[start:end]}«{after}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
