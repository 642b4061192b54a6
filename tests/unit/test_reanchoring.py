"""Finding a claim's quote again in a new version of its text (corpus.anchoring.reanchor)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from gegenlesen.corpus.anchoring import FUZZY_THRESHOLD, QuoteSelector, quote_selector, reanchor

OLD = (
    "DeepSeek hat nach eigenen Angaben nur 6 Millionen Dollar für das Training ausgegeben. "
    "Die Börsen reagierten heftig. Nvidia verlor an einem Tag 17 Prozent."
)


def selector_of(text: str, quote: str, occurrence: int = 0) -> tuple[QuoteSelector, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return quote_selector(text, start, start + len(quote)), start


def placed(new: str, selector: QuoteSelector, hint: int | None = None) -> str | None:
    anchor = reanchor(selector, new, hint)
    return None if anchor is None else new[anchor.start : anchor.end]


def test_exact_quote_moves_with_inserted_text():
    selector, start = selector_of(OLD, "nur 6 Millionen Dollar")
    new = "Ein neuer Vorspann. " + OLD
    anchor = reanchor(selector, new, start)
    assert (anchor.start, anchor.end, anchor.fuzzy) == (start + 20, start + 20 + 22, False)


def test_repeated_quote_is_told_apart_by_prefix_and_suffix():
    text = "Er sagte: Das stimmt nicht. Sie sagte später: Das stimmt nicht, wirklich nicht."
    selector, start = selector_of(text, "Das stimmt nicht", occurrence=1)
    new = "Neu. " + text.replace("Er sagte", "Der Minister sagte")
    anchor = reanchor(selector, new)  # no hint: context alone decides
    assert new[anchor.start - 15 : anchor.start] == "sagte später: "[-15:] or new[: anchor.start].endswith("später: ")
    assert new[anchor.end :].startswith(", wirklich")


def test_repeated_quote_with_same_context_goes_to_the_nearest():
    text = "ja. ja. ja. ja."
    selector = quote_selector(text, 8, 10)
    assert reanchor(selector, text, hint=8).start == 8


def test_changed_figure_is_found_fuzzily():
    selector, _ = selector_of(OLD, "nur 6 Millionen Dollar")
    new = OLD.replace("6 Millionen", "5,6 Millionen")
    anchor = reanchor(selector, new)
    assert anchor.fuzzy and anchor.score >= FUZZY_THRESHOLD
    assert new[anchor.start : anchor.end] == "nur 5,6 Millionen Dollar"


def test_reworded_quote_snaps_to_word_boundaries():
    selector, _ = selector_of(OLD, "Die Börsen reagierten heftig.")
    new = OLD.replace("Die Börsen reagierten heftig.", "Die Börsen reagierten sehr heftig.")
    assert placed(new, selector) == "Die Börsen reagierten sehr heftig."


def test_quote_that_is_gone_is_not_placed():
    selector, _ = selector_of(OLD, "Nvidia verlor an einem Tag 17 Prozent.")
    new = OLD.replace("Nvidia verlor an einem Tag 17 Prozent.", "Der Rest ist Geschichte.")
    assert reanchor(selector, new) is None


def test_short_quote_is_placed_only_exactly():
    selector, _ = selector_of(OLD, "17")
    assert reanchor(selector, OLD.replace("17", "18")) is None


def test_empty_or_blank_quote_is_not_placed():
    assert reanchor(QuoteSelector("", "a", "b"), "ab") is None
    assert reanchor(QuoteSelector("  ", "a", "b"), "a  b") is None


texts = st.text(alphabet=st.sampled_from("abc .,ÄüßDe\n"), min_size=1, max_size=120)


@given(texts, st.data())
def test_same_text_gives_the_same_span(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assume(text[start:end].strip())
    anchor = reanchor(quote_selector(text, start, end), text, hint=start)
    assert (anchor.start, anchor.end, anchor.score) == (start, end, 100.0)


@given(texts, st.text(alphabet="xyz ", max_size=40), st.data())
def test_text_inserted_before_shifts_the_span(text, inserted, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assume(text[start:end].strip())
    anchor = reanchor(quote_selector(text, start, end), inserted + text, hint=start + len(inserted))
    assert (anchor.start, anchor.end) == (start + len(inserted), end + len(inserted))


@given(texts, texts, st.data())
def test_a_placed_span_is_inside_the_new_text_and_not_blank(old, new, data):
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    assume(old[start:end].strip())
    anchor = reanchor(quote_selector(old, start, end), new, hint=start)
    if anchor is not None:
        assert 0 <= anchor.start < anchor.end <= len(new)
        assert new[anchor.start : anchor.end].strip()
        assert anchor.fuzzy or new[anchor.start : anchor.end] == old[start:end]
