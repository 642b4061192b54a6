"""Benchmark: import and analysis throughput in words per second.

1. The five demo articles are imported (storage.articles.add_article) into a new database,
   the default pipeline is loaded once (load time reported on its own), and
   storage.library.analyse_pending analyses them: words/s = words / analysis seconds.
   A second, warm pass of `analyze` over the same texts is reported too.
2. About 100k words (the demo corpus repeated) are analysed in one `analyze` call in a
   fresh interpreter limited to one thread (OMP/OpenBLAS/MKL/BLIS threads = 1); that
   process also reports a cold pipeline load, `import spacy` included.

Words are counted as the app counts them (corpus.article.count_words). Set
GEGENLESEN_BENCH_MODEL to a spaCy package or directory to measure another pipeline.
Nothing about speed is asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from gegenlesen.corpus.article import count_words
from gegenlesen.corpus.demo import demo_articles
from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline
from gegenlesen.storage import articles
from gegenlesen.storage.db import open_database
from gegenlesen.storage.library import analyse_pending

TARGET_WORDS = 100_000
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                     "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")}

ONE_THREAD_SCRIPT = """\
import json, sys, time
started = time.perf_counter()
import spacy
imported = time.perf_counter()
from gegenlesen.corpus.article import count_words
from gegenlesen.corpus.demo import demo_articles
from gegenlesen.corpus.nlp.pipeline import analyze, load_pipeline

pipeline = load_pipeline(sys.argv[2] or None)
loaded = time.perf_counter()
base = "\\n\\n".join(article.text.strip() for article in demo_articles())
parts, words = [], 0
while words < int(sys.argv[1]):
    parts.append(base)
    words += count_words(base)
text = "\\n\\n".join(parts)
begun = time.perf_counter()
analysis = analyze(text, pipeline)
finished = time.perf_counter()
# Where the time goes: the figure rules alone, then spaCy alone on the same chunks.
from gegenlesen.corpus.nlp.figures import find_figures
from gegenlesen.corpus.nlp.pipeline import chunks
rules_begun = time.perf_counter()
find_figures(text)
rules_seconds = time.perf_counter() - rules_begun
pieces = [piece for _, piece in chunks(text)]
spacy_begun = time.perf_counter()
for doc in pipeline.nlp.pipe(pieces, batch_size=64):
    pass
spacy_seconds = time.perf_counter() - spacy_begun
print(json.dumps({
    "rules_seconds": rules_seconds, "spacy_seconds": spacy_seconds, "chunks": len(pieces),
    "pipeline": pipeline.name, "words": count_words(text), "chars": len(text),
    "seconds": finished - begun, "sentences": len(analysis.sentences), "entities": len(analysis.entities),
    "import_spacy": imported - started, "cold_load": loaded - started,
}))
"""


def report(name: str, /, **figures: object) -> None:
    print(f"BENCH {name} " + " ".join(f"{key}={value}" for key, value in figures.items()), flush=True)


def requested_model() -> str | None:
    return os.environ.get("GEGENLESEN_BENCH_MODEL") or None


@pytest.mark.bench
def test_import_and_analysis_throughput(tmp_path):
    db = open_database(tmp_path / "throughput.db")
    corpus = demo_articles()
    words = sum(count_words(article.text) for article in corpus)

    started = time.perf_counter()
    added = [articles.add_article(db, article) for article in corpus]
    import_seconds = time.perf_counter() - started
    assert all(new for _, new in added)

    started = time.perf_counter()
    pipeline = load_pipeline(requested_model())
    load_seconds = time.perf_counter() - started
    report("pipeline", name=pipeline.name, components="+".join(pipeline.nlp.pipe_names),
           notes=len(pipeline.notes), fallback_without_ner=pipeline.name.startswith("de_blank-"))
    for note in pipeline.notes:
        print(f"BENCH-NOTE {note}")

    analyse_seconds = 0.0

    def timed_analyze(text: str, published):
        nonlocal analyse_seconds
        began = time.perf_counter()
        try:
            return analyze(text, pipeline, published)
        finally:
            analyse_seconds += time.perf_counter() - began

    started = time.perf_counter()
    analysed = analyse_pending(db, timed_analyze)
    pending_seconds = time.perf_counter() - started
    assert analysed == len(corpus) and articles.unanalysed(db) == []
    entities = db.execute("SELECT count(*) FROM entities").fetchone()[0]
    sentences = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    db.close()

    started = time.perf_counter()
    for article in corpus:
        analyze(article.text, pipeline)
    warm_seconds = time.perf_counter() - started

    report("import_demo", articles=len(corpus), words=words, seconds=f"{import_seconds:.3f}",
           words_per_s=f"{words / import_seconds:,.0f}")
    report("load_pipeline", seconds=f"{load_seconds:.3f}", note="in-process; spacy may already be imported")
    report("analyse_demo", words=words, seconds=f"{pending_seconds:.3f}", words_per_s=f"{words / pending_seconds:,.0f}",
           sentences=sentences, entities=entities, note="analyse_pending incl. storing")
    report("analyse_demo_analyze_only", seconds=f"{analyse_seconds:.3f}", words_per_s=f"{words / analyse_seconds:,.0f}")
    report("analyse_demo_warm", seconds=f"{warm_seconds:.3f}", words_per_s=f"{words / warm_seconds:,.0f}")
    report("import_plus_analysis_demo", seconds=f"{import_seconds + pending_seconds:.3f}",
           words_per_s=f"{words / (import_seconds + pending_seconds):,.0f}", note="load_pipeline not counted")

    # Sanity only.
    assert words > 0 and pending_seconds > 0 and sentences > 0


@pytest.mark.bench
def test_analysis_of_100k_words_on_one_thread(tmp_path):
    env = {**os.environ, **ONE_THREAD}
    done = subprocess.run([sys.executable, "-c", ONE_THREAD_SCRIPT, str(TARGET_WORDS), requested_model() or ""],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    report("analyse_100k_one_thread", pipeline=figures["pipeline"], words=figures["words"],
           seconds=f"{figures['seconds']:.2f}", words_per_s=f"{figures['words'] / figures['seconds']:,.0f}",
           sentences=figures["sentences"], entities=figures["entities"])
    report("analyse_100k_breakdown", figure_rules=f"{figures['rules_seconds']:.2f}s",
           spacy_pipe=f"{figures['spacy_seconds']:.2f}s", chunks=figures["chunks"],
           spacy_words_per_s=f"{figures['words'] / figures['spacy_seconds']:,.0f}")
    report("load_pipeline_cold", seconds=f"{figures['cold_load']:.3f}", import_spacy=f"{figures['import_spacy']:.3f}",
           note="fresh interpreter")
    assert figures["words"] >= TARGET_WORDS and figures["seconds"] > 0 and figures["sentences"] > 0
