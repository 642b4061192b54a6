"""Fine-tune a copy of a pipeline on a user's corrected sentences, mixed with GermEval.

The user's sentences come as plain records (`Taught`: a text and its name spans); every
step trains on a few of them and on several GermEval 2014 training sentences, so the
model learns the user's names without forgetting the rest. The result is written into a
temporary directory beside its final place and renamed into place only when it is
complete: a process killed on the way leaves the previous pipeline as it was, and a
half-written directory is never loaded (`resolve.learned_model` reads only the name the
state file gives, written after the rename).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gegenlesen.corpus.entities import NAME_LABELS
from gegenlesen.corpus.nlp import resolve
from gegenlesen.corpus.nlp.train import DEFAULT_DATA, germeval_sentences, guess_spaces

Progress = Callable[[int, int, str], None]
GERMEVAL_TRAIN = ("germeval2014-train", "train.tsv")
STEPS_VARIABLE = "GEGENLESEN_LEARN_STEPS"
"""Caps the training steps (tests learn on a tiny budget)."""
GENERAL_VARIABLE = "GEGENLESEN_LEARN_GENERAL"
"""Caps how many GermEval sentences are read (tests read a few hundred)."""


class LearningError(Exception):
    """Learning cannot start or could not finish; the message says why, for the user."""


class LearningStopped(Exception):
    """Learning was asked to stop; nothing was written."""


@dataclass(frozen=True)
class Taught:
    """A sentence as the user wants it read: its names as (start, end, label) offsets into
    `text`. Every other token is taught as no name, except in the `unsure` spans (names
    inside a compound token, which the tokenizer cannot give their own span)."""

    text: str
    names: tuple[tuple[int, int, str], ...]
    unsure: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Settings:
    """How long and how hard to fine-tune, chosen with a simulated user on legal German
    (`python -m tests.bench.learning_settings`: held-out errors fixed and made, GermEval dev
    F1), never on the demo articles. More steps made more new errors there."""

    steps: int = 120
    user_per_step: int = 8
    general_per_step: int = 24
    general_sentences: int = 6000
    """GermEval training sentences drawn from (a random sample, fixed by `seed`)."""
    learn_rate: float = 0.0005
    dropout: float = 0.2
    seed: int = 0

    @classmethod
    def from_environment(cls) -> Settings:
        """The defaults, with the step and data caps the environment sets (for tests)."""
        settings = cls()
        steps = _positive(os.environ.get(STEPS_VARIABLE))
        general = _positive(os.environ.get(GENERAL_VARIABLE))
        return cls(
            steps=steps or settings.steps,
            general_sentences=general or settings.general_sentences,
        )


@dataclass
class Learned:
    """What a finished learning run wrote."""

    name: str
    """The pipeline's directory name, e.g. `de_gegenlesen+learned-3`."""
    path: Path
    sentences: int
    steps: int
    seconds: float


def _positive(value: str | None) -> int | None:
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number and number > 0 else None


def germeval_path(data: Path) -> Path:
    """Where the GermEval 2014 training split is expected under `data`."""
    return data.joinpath(*GERMEVAL_TRAIN)


def default_data_dir() -> Path:
    """`../shared/ner-data` beside the project, unless $GEGENLESEN_NER_DATA names another."""
    given = os.environ.get("GEGENLESEN_NER_DATA")
    return Path(given) if given else DEFAULT_DATA


def check_training_data(data: Path) -> Path:
    """The GermEval training file, or a LearningError that says what is needed."""
    path = germeval_path(data)
    if not path.is_file():
        raise LearningError(
            f"learning needs the GermEval 2014 training split (train.tsv, CC BY 4.0) at {path}, so that the "
            f"model keeps what it knows; put it there or set GEGENLESEN_NER_DATA to the folder that holds "
            f"{'/'.join(GERMEVAL_TRAIN)}"
        )
    return path


def learn(
    models: Path,
    taught: Sequence[Taught],
    data: Path,
    settings: Settings | None = None,
    base: Path = resolve.SHIPPED_MODEL,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Learned:
    """Fine-tune a copy of `base` on `taught` mixed with GermEval and make it the pipeline
    `resolve.learned_model` finds in `models`.

    Raises:
        LearningError: nothing to learn from, the training data missing, or another
            learning run on the same database.
        LearningStopped: `should_stop` said so; the previous pipeline stays in use.
    """
    settings = settings or Settings.from_environment()
    if not taught:
        raise LearningError("nothing to learn from: no correction occurs in any article")
    germeval = check_training_data(data)
    models.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with resolve.models_lock(models):
        _remove_leftovers(models)
        last = resolve.read_state(models).get("last")
        number = (last if isinstance(last, int) else 0) + 1
        name = f"{base.name}+learned-{number}"
        work = models / f".learning-{os.getpid()}-{name}"
        try:
            work.mkdir()  # there from the start: a run killed now leaves it for the next to remove
            steps = _fine_tune(base, work, name, taught, germeval, settings, progress, should_stop)
            final = models / name
            if final.exists():
                shutil.rmtree(final)  # a run killed after its rename, before the state named it
            os.replace(work, final)
            _fsync_dir(models)
            # The previous pipeline stays until the next run: an open reader may be loading it.
            resolve.write_state(models, {"current": name, "last": number, "base": resolve.shipped_name()})
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return Learned(name, final, len(taught), steps, time.monotonic() - started)


def reset(models: Path) -> str | None:
    """Go back to the shipped pipeline: forget the learned one. Returns its name, if any."""
    if not models.is_dir():
        return None
    with resolve.models_lock(models):
        state = resolve.read_state(models)
        current = state.get("current")
        resolve.write_state(models, {"current": None, "last": state.get("last", 0), "base": None})
        if current:
            shutil.rmtree(models / current, ignore_errors=True)
        _remove_leftovers(models)
    return current


def _remove_leftovers(models: Path) -> None:
    """Directories of runs that died (kill -9, power cut) and pipelines no longer in use;
    only called under the lock."""
    state = resolve.read_state(models)
    for entry in models.iterdir():
        if entry.is_dir() and (entry.name.startswith(".learning-") or
                               ("+learned-" in entry.name and entry.name != state.get("current"))):
            shutil.rmtree(entry, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fine_tune(
    base: Path, work: Path, name: str, taught: Sequence[Taught], germeval: Path, settings: Settings,
    progress: Progress | None, should_stop: Callable[[], bool],
) -> int:
    import spacy
    from spacy.util import fix_random_seed

    def check() -> None:
        if should_stop():
            raise LearningStopped

    if progress:
        progress(0, settings.steps, "loading the pipeline and GermEval")
    fix_random_seed(settings.seed)
    nlp = spacy.load(base)
    check()
    user = [user_example(nlp, item) for item in taught]
    general = general_examples(nlp, germeval, settings.general_sentences, settings.seed, check)
    rng = random.Random(settings.seed)
    trained = [pipe for pipe in ("tok2vec", "ner") if nlp.has_pipe(pipe)]
    with nlp.select_pipes(enable=trained):
        optimizer = nlp.resume_training()
        optimizer.learn_rate = settings.learn_rate
        for step in range(1, settings.steps + 1):
            check()
            batch = rng.sample(user, min(settings.user_per_step, len(user)))
            batch += rng.sample(general, min(settings.general_per_step, len(general)))
            nlp.update(batch, sgd=optimizer, drop=settings.dropout, losses={})
            if progress:
                progress(step, settings.steps, "fine-tuning")
    check()
    with nlp.use_params(optimizer.averages):
        _save(nlp, work, name, base, len(taught), settings)
    return settings.steps


def _save(nlp, work: Path, name: str, base: Path, sentences: int, settings: Settings) -> None:
    shutil.rmtree(work, ignore_errors=True)
    nlp.to_disk(work)
    meta_path = work / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    base_meta = json.loads((base / "meta.json").read_text(encoding="utf-8"))
    meta.update(
        name=name.removeprefix(f"{meta.get('lang', 'de')}_"),
        version=base_meta.get("version", meta.get("version", "0")),
        description=f"{base_meta.get('description', base.name)}; fine-tuned on a user's corrected sentences",
        gegenlesen_learned={"base": resolve.pipeline_name(base_meta), "sentences": sentences,
                            "steps": settings.steps, "germeval_sentences": settings.general_sentences},
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    for file in work.rglob("*"):  # on disk before the rename makes the directory count
        if file.is_file():
            with file.open("rb") as handle:
                os.fsync(handle.fileno())


def user_example(nlp, taught: Taught):
    """A spaCy Example of one corrected sentence, tokenised as the pipeline tokenises.

    A name whose ends fall inside a token (the "R1" of "R1-Iteration") cannot be taught:
    its tokens are left unannotated, neither name nor not-a-name."""
    from spacy.training import Example

    predicted = nlp.make_doc(taught.text)
    reference = nlp.make_doc(taught.text)
    spans, missing = [], []
    for start, end, label in sorted(taught.names):
        span = reference.char_span(start, end, label=label)
        if span is None:
            missing.append((start, end))
        elif not any(span.start < kept.end and kept.start < span.end for kept in spans):
            spans.append(span)
    missing += taught.unsure
    named = {index for span in spans for index in range(span.start, span.end)}
    unknown = sorted({
        token.i
        for start, end in missing
        if (span := reference.char_span(start, end, alignment_mode="expand")) is not None
        for token in span
    } - named)
    missing_spans = [reference[index : index + 1] for index in unknown]
    reference.set_ents(spans, missing=missing_spans, default="outside")
    return Example(predicted, reference)


def general_examples(nlp, path: Path, limit: int, seed: int, check: Callable[[], None] = lambda: None) -> list:
    """Up to `limit` GermEval training sentences (a random sample) as spaCy Examples."""
    from spacy.tokens import Doc
    from spacy.training import Example

    sentences = list(germeval_sentences(path))
    random.Random(seed).shuffle(sentences)
    examples = []
    for index, (words, tags) in enumerate(sentences[:limit]):
        if index % 500 == 0:
            check()
        reference = Doc(nlp.vocab, words=words, spaces=guess_spaces(words), ents=tags)
        examples.append(Example(nlp.make_doc(reference.text), reference))
    return examples
