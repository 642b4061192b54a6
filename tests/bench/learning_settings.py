"""Choosing learn's settings away from the demo corpus: a simulated user on legal German.

    python -m tests.bench.learning_settings [--user 1500] [--held-out 1500] [--steps 120,240,480] ...

The German Legal Entity Recognition dev split (court decisions; ../shared/ner-data/legal,
CC BY 4.0; labels mapped to four as the data's README suggests: PER/RR/AN -> PER,
LD/ST/STR/LDS -> LOC, ORG/UN/INN/GRT -> ORG, MRK/EUN -> MISC, laws, case law and
literature -> O) is a domain the shipped pipeline was not trained on. Its first `--user`
sentences play the user's articles: every form the shipped pipeline gets wrong there is
corrected (gold label, or no entity), and learning is taught the sentences those corrections
apply to. The next `--held-out` sentences are scored before and after learning, with the same
corrections applied to both, as the reader applies them: what disappears was learned, not
corrected. Printed per setting: held-out errors fixed and new, and GermEval 2014 dev F1.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from gegenlesen.corpus.corrections import Correction, apply_corrections, occurrence_pattern
from gegenlesen.corpus.nlp import learn, resolve
from gegenlesen.corpus.nlp.learn import Settings, Taught
from gegenlesen.corpus.nlp.train import guess_spaces

LEGAL_LABELS = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
                "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "MISC", "EUN": "MISC"}


class Row:
    def __init__(self, start: int, end: int, label: str, text: str = "") -> None:
        self.start, self.end, self.label, self.text = start, end, label, text


def legal_sentences(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(text, gold spans) per sentence, the text joined as training joins GermEval."""
    sentences, words, tags = [], [], []
    for line in list(path.read_text(encoding="utf-8").splitlines()) + [""]:
        if line.strip():
            word, tag = line.rsplit(" ", 1)
            words.append(word)
            tags.append(tag)
            continue
        if words:
            spaces = guess_spaces(words)
            text, starts = "", []
            for word, space in zip(words, spaces):
                starts.append(len(text))
                text += word + (" " if space else "")
            spans, open_span = set(), None
            for index, tag in enumerate(tags + ["O"]):
                label = LEGAL_LABELS.get(tag[2:]) if tag != "O" else None
                if open_span and (tag.startswith("B-") or label != open_span[1]):
                    first, kind = open_span
                    spans.add((starts[first], starts[index - 1] + len(words[index - 1]), kind))
                    open_span = None
                if label and open_span is None:
                    open_span = (index, label)
            sentences.append((text.rstrip(), spans))
        words, tags = [], []
    return sentences


def predict(model: str, texts: list[str]) -> list[list[Row]]:
    import spacy

    nlp = spacy.load(model)
    return [[Row(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents] for doc in nlp.pipe(texts)]


def errors(texts, predicted, gold, rules) -> set:
    found = set()
    for index, (text, rows, spans) in enumerate(zip(texts, predicted, gold)):
        shown = {(e.start, e.end, e.label) for e in apply_corrections(text, rows, rules, lambda s, e, label: Row(s, e, label))}
        found |= {(index, span, "missed") for span in spans - shown} | {(index, span, "wrong") for span in shown - spans}
    return found


def simulated_corrections(texts, predicted, gold) -> list[Correction]:
    """What a user who knows the gold corrects: a form the pipeline gets wrong, to its gold
    label (if the gold always gives it one label) or to no entity (if the gold never names it)."""
    gold_labels: dict[str, set[str]] = {}
    for text, spans in zip(texts, gold):
        for start, end, label in spans:
            gold_labels.setdefault(text[start:end], set()).add(label)
    rules: dict[str, str | None] = {}
    for (index, (start, end, label), kind) in errors(texts, predicted, gold, []):
        surface = texts[index][start:end]
        if kind == "missed" and gold_labels.get(surface) == {label}:
            rules[surface] = label
        elif kind == "wrong" and surface not in gold_labels:
            rules[surface] = None
    return [Correction(surface, label) for surface, label in sorted(rules.items(), key=lambda item: item[0])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", type=int, default=1500)
    parser.add_argument("--held-out", type=int, default=1500)
    parser.add_argument("--steps", default="240")
    parser.add_argument("--learn-rate", default="0.0005")
    parser.add_argument("--user-per-step", default="8")
    args = parser.parse_args(argv)
    data = learn.default_data_dir()
    sentences = legal_sentences(data / "legal" / "dev.conll")
    user, held = sentences[: args.user], sentences[args.user : args.user + args.held_out]
    shipped = str(resolve.SHIPPED_MODEL)
    user_texts, user_gold = [t for t, _ in user], [g for _, g in user]
    held_texts, held_gold = [t for t, _ in held], [g for _, g in held]
    user_predicted = predict(shipped, user_texts)
    rules = simulated_corrections(user_texts, user_predicted, user_gold)
    pattern = occurrence_pattern(rule.surface for rule in rules)
    taught = []
    for text, rows in zip(user_texts, user_predicted):
        if pattern is not None and pattern.search(text):
            shown = apply_corrections(text, rows, rules, lambda s, e, label: Row(s, e, label))
            taught.append(Taught(text, tuple((e.start, e.end, e.label) for e in shown)))
    held_before = errors(held_texts, predict(shipped, held_texts), held_gold, rules)
    held_gold_count = sum(len(g) for g in held_gold)
    print(f"legal dev: {len(user)} user sentences, {len(rules)} corrections, {len(taught)} taught sentences; "
          f"{len(held)} held-out sentences with {held_gold_count} gold names, {len(held_before)} errors after the "
          f"corrections with the shipped pipeline")
    for steps, rate, per_step in itertools.product(args.steps.split(","), args.learn_rate.split(","),
                                                   args.user_per_step.split(",")):
        settings = Settings(steps=int(steps), learn_rate=float(rate), user_per_step=int(per_step))
        with tempfile.TemporaryDirectory() as folder:
            began = time.monotonic()
            learned = learn.learn(Path(folder), taught, data, settings)
            seconds = time.monotonic() - began
            after = errors(held_texts, predict(str(learned.path), held_texts), held_gold, rules)
            dev_f = germeval_dev_f(str(learned.path))
        print(f"steps {steps} learn_rate {rate} user_per_step {per_step}: held-out errors {len(after)} "
              f"(fixed {len(held_before - after)}, new {len(after - held_before)}), GermEval dev F1 {dev_f:.3f}, "
              f"{seconds:.0f} s", flush=True)
    print(f"shipped: GermEval dev F1 {germeval_dev_f(shipped):.3f}")
    return 0


def germeval_dev_f(model: str) -> float:
    from tests.bench.learning_generalises import germeval_dev_f as score

    return score(model)


if __name__ == "__main__":
    raise SystemExit(main())
