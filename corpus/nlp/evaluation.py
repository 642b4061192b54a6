"""Scoring entity spans against gold spans: precision, recall and F1 per label and micro,
for exact and for overlapping matches. Pure functions over plain tuples."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[str, int, int, str]  # (document, start, end, label)


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall. With exact matching the two match counts are
    equal; with overlap matching one prediction may cover two gold spans, or the reverse."""

    matched_predicted: int
    matched_gold: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlapping_matches(predicted: list[Span], gold: list[Span]) -> tuple[int, int]:
    """(predicted spans that overlap a gold span of their label, gold spans overlapped by
    a predicted one): each side counted once, so precision and recall stay in [0, 1]."""
    matched_predicted = sum(
        any(p[0] == g[0] and p[3] == g[3] and p[1] < g[2] and g[1] < p[2] for g in gold) for p in predicted
    )
    matched_gold = sum(
        any(p[0] == g[0] and p[3] == g[3] and p[1] < g[2] and g[1] < p[2] for p in predicted) for g in gold
    )
    return matched_predicted, matched_gold


def score_spans(predicted: Iterable[Span], gold: Iterable[Span], overlap: bool = False) -> dict[str, Score]:
    """Scores per label and under "micro" (all labels together).

    Exact: a prediction counts when document, start, end and label all equal a gold span.
    Overlap: when it shares at least one character with a gold span of the same label
    (precision counts matched predictions, recall matched gold spans).
    """
    predicted, gold = sorted(set(predicted)), sorted(set(gold))
    by_label: dict[str, tuple[list[Span], list[Span]]] = defaultdict(lambda: ([], []))
    for span in predicted:
        by_label[span[3]][0].append(span)
    for span in gold:
        by_label[span[3]][1].append(span)
    scores: dict[str, Score] = {}
    total = [0, 0, 0, 0]  # matched predictions, matched gold, predicted, gold
    for label, (label_predicted, label_gold) in sorted(by_label.items()):
        if overlap:
            hits_p, hits_g = _overlapping_matches(label_predicted, label_gold)
        else:
            hits_p = hits_g = len(set(label_predicted) & set(label_gold))
        scores[label] = Score(hits_p, hits_g, len(label_predicted), len(label_gold))
        for index, value in enumerate((hits_p, hits_g, len(label_predicted), len(label_gold))):
            total[index] += value
    scores["micro"] = Score(*total)
    return scores


def format_table(exact: dict[str, Score], overlapping: dict[str, Score]) -> str:
    """A plain text table of both scorings, labels first, micro last."""
    labels = [label for label in exact if label != "micro"] + ["micro"]
    lines = [f"{'label':<10} {'gold':>5} {'pred':>5}   {'P':>5} {'R':>5} {'F1':>5}   {'P~':>5} {'R~':>5} {'F1~':>5}"]
    for label in labels:
        e, o = exact[label], overlapping[label]
        lines.append(
            f"{label:<10} {e.gold:>5} {e.predicted:>5}   {e.precision:5.3f} {e.recall:5.3f} {e.f1:5.3f}"
            f"   {o.precision:5.3f} {o.recall:5.3f} {o.f1:5.3f}"
        )
    lines.append("P R F1: exact spans; P~ R~ F1~: spans that overlap a gold span of the same label")
    return "\n".join(lines)
