"""Capitalised words the model takes for names that German uses as common nouns.

German capitalises every noun, and abbreviations of common nouns look like the acronyms of
organisations ("KI" for künstliche Intelligenz next to "SPD"). These are never named
entities in German news (GermEval 2014 leaves them untagged); a user's correction can
still make any of them one.
"""

from __future__ import annotations

from collections.abc import Iterable

from gegenlesen.corpus.nlp.records import Entity

COMMON_NOUNS = frozenset({
    "KI", "IT", "PC", "PCs", "TV", "CEO", "CEOs", "CFO", "CTO", "USB", "GPU", "GPUs", "CPU", "CPUs",
    "DNA", "CO2", "LKW", "PKW", "Lkw", "Pkw", "AG", "GmbH", "Nr", "Dr", "Prof", "Mio", "Mrd", "Ex",
    "BIP", "KMU", "E-Mail", "App", "Apps", "Chip", "Chips", "Start-up", "Startup", "Dollar", "Euro", "Yuan",
})


def without_common_nouns(entities: Iterable[Entity]) -> list[Entity]:
    """The entities, but for names that are one of the common nouns (genitive "KIs" too)."""
    return [
        e for e in entities
        if e.text not in COMMON_NOUNS and not (e.text.endswith("s") and e.text[:-1] in COMMON_NOUNS)
    ]
