"""Names that open a hyphenated compound get the entity the text gives them elsewhere."""

from gegenlesen.corpus.nlp.compounds import names_in_compounds
from gegenlesen.corpus.nlp.records import MODEL, RULE, Entity


def entity(text, surface, label, nth=0, origin=MODEL):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(start, start + len(surface), label, surface, origin)


def test_a_name_found_alone_is_found_in_its_compounds_with_its_own_span():
    text = "DeepSeek baut Modelle. Das DeepSeek-Modell und die DeepSeek-KI-Revolution."
    found = names_in_compounds(text, [entity(text, "DeepSeek", "ORG")])
    assert [(text[e.start:e.end], e.label, e.origin) for e in found] == [("DeepSeek", "ORG", RULE)] * 2
    assert found[0].start == text.index("DeepSeek-Modell")


def test_a_genitive_teaches_the_bare_name_and_the_majority_label_wins():
    text = "DeepSeeks Erfolg, DeepSeek hier, DeepSeek dort: das DeepSeek-Team."
    known = [entity(text, "DeepSeeks", "MISC"), entity(text, "DeepSeek", "ORG", 1), entity(text, "DeepSeek", "ORG", 2)]
    (found,) = names_in_compounds(text, known)
    assert (found.text, found.label) == ("DeepSeek", "ORG")


def test_nothing_is_added_inside_entities_or_for_unknown_or_middle_parts():
    text = "Nvidia und Nvidia-Chips; 6 Millionen US-Dollar; KI-Nvidia-Aktie; Nvidiafans; Nvidia -"
    known = [entity(text, "Nvidia", "ORG"), entity(text, "Nvidia-Chips", "MISC"),
             Entity(text.index("6 Mil"), text.index("US-Dollar") + 9, "MONEY", "6 Millionen US-Dollar", RULE)]
    assert names_in_compounds(text, known) == []


def test_no_names_no_work():
    assert names_in_compounds("US-Präsident", []) == []
