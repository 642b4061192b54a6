"""Which sentences look worth checking: figures, dates, quotes with a speaker, comparisons,
superlatives, causes, attributions. Rules with weights, and a threshold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gegenlesen.corpus.crossref.units import Passage
from gegenlesen.corpus.entities import describe_value

THRESHOLD = 2.0
MIN_WORDS = 5
QUOTE = re.compile(r"[„“\"»«‚‘’'‹›]([^„“\"»«‚‘’'‹›]{3,}?)[“”\"«»‘’'‹›]")
SPEECH = re.compile(
    r"\b(?:sagte|sagt|erklärte|erklärt|betonte|bezeichnete|nannte|berichtete|berichtet|warnte|"
    r"kritisierte|behauptete|behauptet|schrieb|zufolge|laut|Angaben|äußerte|Äußerungen|Behauptung)\b"
)
ATTRIBUTION = re.compile(r"\b(?:zufolge|laut|nach Angaben|Berichten|Bericht|soll|sollen|angeblich)\b")
COMPARISON = re.compile(
    r"\b(?:mehr als|weniger als|im Vergleich zu|verglichen mit|gegenüber|doppelt so|halb so|"
    r"ebenso wie|so viel wie|übertreffen|übertrifft|überholt|"
    r"(?:günstig|billig|teur|schnell|langsam|bess|schlecht|höh|hoh|niedrig|gering|größ|klein|"
    r"stärk|schwäch|leistungsfähig|effizient|weit|viel)er(?:e[nmrs]?)?|"
    r"\w{3,}ere?[nmrs]?\s+als)\b",
    re.IGNORECASE,
)
SUPERLATIVE = re.compile(r"\b(?:am\s+[a-zäöüß]+sten|meist|[a-zäöüß]{3,}(?:st|ßt)e[nmrs]?)\b")
NOT_SUPERLATIVE = {
    "kosten", "testen", "leisten", "lasten", "rasten", "fasten", "husten", "rosten", "trösten",
    "ersten", "erste", "erster", "erstes", "letzten", "letzte", "nächsten", "nächste", "meisten",
    "festen", "feste", "beste", "besten", "selbstbewusste", "bewusste", "bewussten", "gerüste",
    "kiste", "liste", "listen", "gäste", "küste", "wüste", "nest", "geiste", "dienste", "diensten",
}
CAUSAL = re.compile(
    r"\b(?:weil|daher|deshalb|deswegen|darum|aufgrund|wegen|infolge|dank|sodass|so dass|"
    r"führte?n? (?:zu|dazu)|geführt|verursach\w*|auslös(?:t|te|ten|en|end\w*)|löste?n? \w+(?: \w+)? aus|veranlasst|"
    r"zurückzuführen|Folge|Grund|Gründen)\b",
    re.IGNORECASE,
)


def _is_superlative(word: str) -> bool:
    folded = word.casefold()
    # "ausgelöste", "verpasste": participles of verbs whose stem ends in s, not superlatives
    return folded not in NOT_SUPERLATIVE and not re.search(r"(?:ös|ss|ps|x)te[nmrs]?$", folded)


@dataclass(frozen=True)
class CheckWorthy:
    """A sentence (or any passage) that looks worth checking, with its score and why."""

    article_id: int
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]


def check_worthiness(passage: Passage) -> tuple[float, tuple[str, ...]]:
    """A score and the reasons for it; higher is more worth checking."""
    text = passage.text
    if len(text.split()) < MIN_WORDS:
        return 0.0, ()
    score = 0.0
    reasons: list[str] = []
    figures = [f for f in passage.figures if f.label != "DATE"]
    dates = [f for f in passage.figures if f.label == "DATE"]
    if figures:
        score += 2.0
        reasons.append("figure: " + ", ".join(describe_value(f.label, f.value) or f.text for f in figures))
    if dates:
        score += 1.5
        reasons.append("date: " + ", ".join(describe_value(f.label, f.value) or f.text for f in dates))
    quote = QUOTE.search(text)
    if quote and len(quote.group(1).split()) >= 2:
        speaker = SPEECH.search(text) or any(n.standalone for n in passage.names)
        score += 2.0 if speaker else 1.0
        reasons.append("quote with a speaker" if speaker else "quote")
    for label, pattern, weight in (
        ("comparison", COMPARISON, 1.0), ("cause", CAUSAL, 1.0), ("attribution", ATTRIBUTION, 0.5),
    ):
        match = pattern.search(text)
        if match:
            score += weight
            reasons.append(f"{label}: {match.group(0)}")
    superlative = next((m for m in SUPERLATIVE.finditer(text) if _is_superlative(m.group(0))), None)
    if superlative:
        score += 1.0
        reasons.append(f"superlative: {superlative.group(0)}")
    if passage.names and score:
        score += 0.5  # a claim about someone named is easier to check than one about no one
    if text.rstrip().endswith("?"):
        score -= 1.5
    return score, tuple(reasons)


def claim_candidates(passages: Iterable[Passage], threshold: float = THRESHOLD) -> list[CheckWorthy]:
    """The passages (usually sentences, with their entities) that score at or above
    `threshold`, in text order."""
    found = []
    for passage in passages:
        score, reasons = check_worthiness(passage)
        if score >= threshold:
            found.append(CheckWorthy(passage.article_id, passage.start, passage.end, round(score, 3), reasons))
    return sorted(found, key=lambda c: (c.article_id, c.start, c.end))


def untagged_candidates(sentences: Iterable[Passage], claims: Iterable[Passage]) -> list[CheckWorthy]:
    """The sentences that look worth checking and are no claim yet (no claim on exactly them)."""
    tagged = {(p.article_id, p.start, p.end) for p in claims}
    return [c for c in claim_candidates(sentences) if (c.article_id, c.start, c.end) not in tagged]
