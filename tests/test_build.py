"""Building the ontology: a tiny WordNet-free fixture, and the real build when WordNet exists."""

import json

import pytest

from express_lexicon.build import build_graph, infer_terms, prune_unreached
from express_lexicon.decomposer import Lexicon
from express_lexicon.ontology import (
    RELATIONS,
    SOURCES,
    data_directory,
    load_ontology,
    parse_terms_line,
    save_ontology,
    terms_table,
)

TINY_EMOLEX = {
    "cheerful": ["joy", "positive"],
    "gloomy": ["sadness", "negative"],
    "grumpy": ["anger", "disgust", "negative"],
    "abacus": ["trust"],
    "nice": ["positive"],  # sentiment only: not an anchor
}
TINY_EXPRESS = ["bittersweet", "cheerfulness", "gloomy and grumpy", "cheerfull", "bitter sweetness", "zzzz"]


@pytest.fixture(scope="module")
def tiny():
    ontology = build_graph(None, TINY_EMOLEX, TINY_EXPRESS)
    records, unreached = infer_terms(ontology)
    return ontology, {r.key: r for r in records}, unreached


def test_theory_and_lexicon_nodes(tiny):
    ontology, records, _ = tiny
    counts = ontology.counts()
    assert counts["nodes.emotion"] == 8 and counts["nodes.dyad"] == 28 and counts["nodes.tier"] == 16
    assert counts["edges.component"] == 56
    assert "term:nice" not in ontology.graph  # no emotion: out of scope
    assert records["cheerful"].method == "lexicon"
    assert records["ecstasy"].method == "theory"


def test_every_edge_is_typed_weighted_and_sourced(tiny):
    ontology, _, _ = tiny
    for _, _, data in ontology.edges():
        assert data["relation"] in RELATIONS
        assert data["source"] in SOURCES
        assert 0 < data["weight"] <= 1


def test_word_formation_links(tiny):
    _, records, unreached = tiny
    assert records["bittersweet"].method == "derivation"  # -> bittersweetness, a dyad name
    joy, sadness = records["bittersweet"].scores[4], records["bittersweet"].scores[5]
    assert joy == sadness == 0.7
    # -ness of an EmoLex word: a yes/no association sits at the calibrated EmoLex level
    assert records["cheerfulness"].scores[4] == 0.5
    assert records["cheerfull"].method == "derivation"  # spelling: cheerfull -> cheerful
    assert records["bitter sweetness"].method == "derivation"
    assert unreached == ["zzzz"]


def test_phrase_terms_reach_their_words(tiny):
    _, records, _ = tiny
    phrase = records["gloomy and grumpy"]
    assert phrase.method == "phrase"
    assert phrase.scores[5] > 0 and phrase.scores[0] > 0  # sadness and anger


def test_evidence_paths_end_on_dimensions(tiny):
    _, records, _ = tiny
    for record in records.values():
        for path in record.paths:
            assert path[0] == f"term:{record.key}"
            assert path[-1].split(":")[0] in ("emotion", "sentiment")


def test_save_load_round_trip_and_determinism(tiny, tmp_path):
    ontology, records, unreached = tiny
    prune_unreached(ontology, unreached)
    text = terms_table(records.values())
    save_ontology(ontology, text, tmp_path / "a", {"test": 1})
    save_ontology(ontology, text, tmp_path / "b", {"test": 1})
    a, b = data_directory(tmp_path / "a"), data_directory(tmp_path / "b")
    assert a.name == b.name  # the build folder is named by its content
    for name in ("graph.json.gz", "terms.tsv", "plain_words.txt.gz", "manifest.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    loaded = load_ontology(tmp_path / "a")
    assert sorted(loaded.graph.edges(keys=True)) == sorted(ontology.graph.edges(keys=True))
    line = text.splitlines()[1]
    assert terms_table([parse_terms_line(line)]).splitlines()[1] == line
    lexicon = Lexicon(tmp_path / "a")
    assert lexicon.decompose("bittersweet").dyad == "bittersweetness"
    assert json.loads((a / "manifest.json").read_text())["terms"] == len(records)


def test_real_build_is_deterministic_and_current(tmp_path, require_wordnet):
    """The committed ontology is what the build makes from the sources (CI runs this)."""
    from express_lexicon.build import check_current

    assert check_current() == []


def test_intensity_scores_replace_yes_no_associations():
    """With an NRC Emotion Intensity file, a word's emotions carry its scores, not 0.7."""
    ontology = build_graph(None, TINY_EMOLEX, [], intensity={"gloomy": {"sadness": 0.9}, "furious": {"anger": 0.95}})
    records = {r.key: r for r in infer_terms(ontology)[0]}
    assert records["gloomy"].scores[5] == 0.9 and records["gloomy"].confidence == 0.95
    assert records["gloomy"].scores[9] == 0.9  # negative follows the graded sadness
    assert records["furious"].scores[0] == 0.95 and records["furious"].method == "lexicon"
    assert any("nrc-intensity" in step for path in records["furious"].paths for step in path)


def test_build_cli_writes_a_loadable_ontology(tmp_path, require_wordnet):
    from click.testing import CliRunner

    from express_lexicon.cli import main

    intensity = tmp_path / "intensity.txt"
    intensity.write_text("word\temotion\tscore\nheartbroken\tsadness\t0.97\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "onto"), "--intensity", str(intensity)])
    assert result.exit_code == 0, result.output
    lexicon = Lexicon(tmp_path / "onto")
    assert lexicon.decompose("heartbroken").sadness == 0.97
    assert lexicon.decompose("heartbroken").method == "lexicon"
    assert CliRunner().invoke(main, ["validate", "--dir", str(tmp_path / "onto")]).exit_code == 0


def test_connotations_are_weak_and_never_evidence():
    """A lexicon word flagged as a connotation keeps its shape below the binary threshold."""
    ontology = build_graph(None, TINY_EMOLEX, [], intensity={"gloomy": {"sadness": 0.9}})
    ontology.graph.nodes["term:gloomy"]["connotation"] = True
    records = {r.key: r for r in infer_terms(ontology)[0]}
    assert max(records["gloomy"].scores) < 0.3 and records["gloomy"].confidence <= 0.3


def test_settings_come_from_one_file():
    from express_lexicon.build import load_settings
    from express_lexicon.errors import ResourceFormatError

    settings = load_settings()
    assert 0 < settings.min_weight < 1 and settings.max_hops >= 1
    with pytest.raises(ResourceFormatError, match="format"):
        load_settings('{"format": "something else"}')
    with pytest.raises(ResourceFormatError, match="relation_weights"):
        load_settings('{"format": "express-lexicon propagation settings v1", "relation_weights": {"nope": 0.5}}')


def test_curated_expressions_enter_the_graph_as_sourced_edges():
    from express_lexicon.sources.expressions import EverydayExpression

    stoked = EverydayExpression("stoked", ("cheerful",), "slang", "US", "very excited", ("MW",))
    ontology = build_graph(None, TINY_EMOLEX, [], expressions=[stoked])
    edges = [(u, v, d) for u, v, d in ontology.edges("means")]
    assert edges == [("term:stoked", "term:cheerful", edges[0][2])] and edges[0][2]["source"] == "curated"
    records = {r.key: r for r in infer_terms(ontology)[0]}
    assert records["stoked"].method == "expression" and records["stoked"].scores[4] > 0
