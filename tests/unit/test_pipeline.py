"""Which pipeline analyses, and what analysis returns: plain records with offsets."""

from __future__ import annotations

import json

import pytest

from gegenlesen.corpus.demo import demo_articles
from gegenlesen.corpus.nlp.pipeline import SHIPPED_MODEL, analyze, candidates, chunks, load_pipeline
from gegenlesen.corpus.nlp.records import MODEL, RULE, Entity
from gegenlesen.corpus.nlp.resolve import RULES_VERSION


def test_resolution_order_is_named_model_then_official_then_shipped(monkeypatch):
    monkeypatch.setattr("gegenlesen.corpus.nlp.resolve.installed_official_packages", lambda: ["de_core_news_sm"])
    names = [candidate.name for candidate in candidates("my_model")]
    assert names == ["my_model", "de_core_news_sm", str(SHIPPED_MODEL)]


def test_the_shipped_pipeline_is_in_the_package_with_its_model_card():
    assert (SHIPPED_MODEL / "config.cfg").is_file()
    assert (SHIPPED_MODEL / "MODEL_CARD.md").is_file()
    size = sum(path.stat().st_size for path in SHIPPED_MODEL.rglob("*") if path.is_file())
    assert size <= 30 * 1024 * 1024


def test_default_pipeline_is_the_shipped_one(pipeline):
    assert pipeline.name.startswith("de_gegenlesen-")
    assert pipeline.notes == []
    assert pipeline.nlp.has_pipe("ner")


def test_an_unknown_model_name_says_so_and_names_the_one_used_instead():
    pipeline = load_pipeline("de_no_such_model")
    assert pipeline.nlp.has_pipe("ner")
    assert "de_no_such_model" in pipeline.notes[0]
    assert pipeline.notes[-1] == f"using {pipeline.name} instead"


def test_a_broken_model_directory_falls_back(tmp_path):
    broken = tmp_path / "broken_model"
    broken.mkdir()
    (broken / "config.cfg").write_text("this is [not a config", encoding="utf-8")
    pipeline = load_pipeline(str(broken))
    assert str(broken) in pipeline.notes[0]
    assert pipeline.name.startswith("de_gegenlesen-")


def test_analysis_returns_plain_records_whose_offsets_hold_their_text(pipeline):
    text = demo_articles()[4].text
    analysis = analyze(text, pipeline)
    assert analysis.pipeline == pipeline.name
    assert analysis.sentences and analysis.entities
    for start, end in analysis.sentences:
        assert 0 <= start < end <= len(text) and text[start:end].strip() == text[start:end]
    assert all(type(entity) is Entity for entity in analysis.entities)
    for entity in analysis.entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.origin in (MODEL, RULE)
    money = [e for e in analysis.entities if e.label == "MONEY"]
    assert any(e.value == {"amount": 6000000, "currency": "USD", "qualifier": "less than"} for e in money)


def test_rule_figures_win_over_overlapping_model_entities(pipeline):
    text = "Die Firma meldete am 30. Januar 2025 einen Umsatz von 6 Millionen Dollar."
    entities = analyze(text, pipeline).entities
    starts = sorted((e.start, e.end) for e in entities)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(starts, starts[1:]))
    assert {e.label for e in entities if e.origin == RULE} == {"DATE", "MONEY"}


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "ohne satzende und ohne großbuchstaben " * 200, "Wort " * 12_000,
     "Mixed English and Deutsch: Apple kündigte in Cupertino an. The end.", "\x00\x1b[31m binär \ufffd"],
)
def test_awkward_texts_get_a_sane_result(pipeline, text):
    analysis = analyze(text, pipeline)
    for start, end in analysis.sentences:
        assert 0 <= start < end <= len(text)
    for entity in analysis.entities:
        assert text[entity.start : entity.end] == entity.text


def test_a_very_long_line_is_cut_into_chunks_at_spaces():
    line = "wort " * 10_000
    pieces = list(chunks(line, limit=1000))
    assert "".join(piece for _, piece in pieces) == line
    for offset, piece in pieces:
        assert line[offset : offset + len(piece)] == piece and len(piece) <= 1000


def test_the_expected_pipeline_is_named_without_importing_spacy():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from gegenlesen.corpus.nlp.resolve import expected_pipeline_name\n"
        "print(expected_pipeline_name(), expected_pipeline_name('de_no_such_model'), 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    shipped = json.loads((SHIPPED_MODEL / "meta.json").read_text())
    name = f"de_gegenlesen-{shipped['version']}+rules{RULES_VERSION}"
    assert out == [name, name, "False"]


def test_the_expected_name_is_the_name_analysis_is_stored_under(pipeline):
    from gegenlesen.corpus.nlp.resolve import expected_pipeline_name

    assert expected_pipeline_name() == pipeline.name


def test_articles_analysed_with_another_pipeline_are_analysed_again(demo_db, pipeline):
    from gegenlesen.storage import articles
    from gegenlesen.storage.library import analyse_pending, mark_for_reanalysis

    assert mark_for_reanalysis(demo_db, pipeline.name) == 0
    demo_db.execute("UPDATE articles SET pipeline = 'de_blank-0+rules1' WHERE id IN (1, 2)")
    before = len(articles.entities(demo_db, [1]))
    assert mark_for_reanalysis(demo_db, pipeline.name) == 2
    assert len(articles.entities(demo_db, [1])) == before  # the old analysis stays until replaced
    assert analyse_pending(demo_db, lambda text, published: analyze(text, pipeline, published)) == 2
    assert {a.pipeline for a in articles.list_articles(demo_db)} == {pipeline.name}


def test_an_opening_quotation_mark_belongs_to_the_sentence_it_opens(pipeline):
    text = "Verbände haben das Werk scharf kritisiert. „Es verbraucht viel Wasser“, sagte sie. Dann »Ende«."
    sentences = [text[start:end] for start, end in analyze(text, pipeline).sentences]
    assert "Verbände haben das Werk scharf kritisiert." in sentences
    assert any(s.startswith("„Es verbraucht viel Wasser“") for s in sentences)
    assert not any(s.endswith("„") for s in sentences)


def test_mending_quotes_keeps_spans_inside_the_text():
    from gegenlesen.corpus.nlp.pipeline import mend_opening_quotes

    text = "A. „B.“ C „"
    assert mend_opening_quotes(text, [(0, 4), (4, 7), (8, 11)]) == [(0, 2), (3, 7), (8, 11)]
    assert mend_opening_quotes("", []) == []
