"""Pairwise alignment of a predicted term with a gold term."""

import pytest

import express_lexicon as xl
from express_lexicon.errors import InvalidTermError
from express_lexicon.scoring import synonyms


def test_same_term_is_a_perfect_match():
    a = xl.compare("bittersweet", "bittersweet")
    assert a.exact_match and a.lemma_match and a.synonym_match and a.vector_match
    assert a.f1 == a.cosine == a.wheel_similarity == 1.0
    assert a.intensity_difference == 0 and a.sentiment_agreement
    assert a.explanation == "both joy + sadness"


def test_lemma_match_happy_happiness():
    a = xl.compare("happy", "happiness")
    assert not a.exact_match and a.lemma_match


def test_synonym_match_through_a_shared_synset():
    assert "brokenhearted" in synonyms("heartbroken")
    a = xl.compare("heartbroken", "brokenhearted")
    assert a.synonym_match and not a.lemma_match


def test_opposites_score_zero_on_the_wheel_and_adjacent_ones_in_between():
    opposite = xl.compare("joy", "sadness")
    adjacent = xl.compare("joy", "trust")
    assert opposite.wheel_similarity == 0.0 and not opposite.sentiment_agreement
    assert 0 < adjacent.wheel_similarity < 1
    assert "opposites" in opposite.explanation
    assert opposite.f1 == 0 and opposite.cosine == 0


def test_explanation_names_what_gold_adds():
    a = xl.compare("sadness", "remorse")
    assert a.explanation.startswith("both sadness") and "gold adds disgust" in a.explanation


def test_intensity_difference_sign():
    assert xl.compare("rage", "annoyance").intensity_difference > 0
    assert xl.compare("annoyance", "rage").intensity_difference < 0


def test_similarity_is_symmetric_but_f1_uses_gold_as_reference():
    ab, ba = xl.compare("nostalgic", "bittersweet"), xl.compare("bittersweet", "nostalgic")
    assert ab.cosine == ba.cosine and ab.wheel_similarity == ba.wheel_similarity


def test_unknown_and_invalid_terms():
    a = xl.compare("qwertyuiop", "sad")
    assert not a.predicted.known and a.cosine == 0 and "unknown" in a.explanation
    with pytest.raises(InvalidTermError):
        xl.compare("", "sad")


def test_negated_prediction_does_not_align_with_its_positive():
    a = xl.compare("not happy", "happy")
    assert not a.vector_match and a.f1 == 0 and not a.sentiment_agreement


def test_to_dict_keys_are_stable():
    keys = set(xl.compare("joy", "ecstasy").to_dict())
    assert keys == {"predicted", "gold", "exact_match", "lemma_match", "synonym_match", "vector_match", "f1",
                    "cosine", "wheel_similarity", "intensity_difference", "sentiment_agreement", "explanation"}


# --- compare without the graph (issue 14) ------------------------------------------------------
def test_synonyms_from_the_sense_index_are_those_of_the_graph():
    """The light sense index answers exactly as the networkx graph does, for every term."""
    from express_lexicon._senses import SenseIndex, sense_index
    from express_lexicon.decomposer import Lexicon

    light = sense_index(Lexicon())
    graph = SenseIndex.from_graph(xl.default_lexicon().ontology.graph)
    terms = [t for t in xl.default_lexicon() if graph.senses(t)]
    assert len(terms) > 1000
    for term in terms:
        assert light.senses(term) == graph.senses(term), term
    for term in terms[::25]:
        assert light.synonyms(term) == graph.synonyms(term), term


def test_sense_index_reads_escaped_names_and_a_damaged_graph_is_reported(tmp_path):
    import gzip
    import shutil

    from express_lexicon._senses import SenseIndex, sense_index
    from express_lexicon.decomposer import Lexicon
    from express_lexicon.errors import OntologyError

    text = ('{"edges":[["term:say \\"wow\\"","synset:wow.n.01","sense",1.0,"wordnet"],'
            '["term:wow","synset:wow.n.01","sense",1.0,"wordnet"],["tier:joy","emotion:joy","intensity_of",1,"p"]]}')
    index = SenseIndex.from_graph_json(text.encode())
    assert index.senses('say "wow"') == {"wow.n.01"} and index.synonyms("wow") == {'say "wow"'}
    assert index.share_a_synset("wow", 'say "wow"') and not index.share_a_synset("wow", "wow")

    from express_lexicon.ontology import data_directory

    copy = tmp_path / "onto"
    shutil.copytree(data_directory(), copy)
    graph = copy / "graph.json.gz"
    graph.write_bytes(gzip.compress(gzip.decompress(graph.read_bytes()).replace(b'"sense"', b'"sensE"', 1)))
    with pytest.raises(OntologyError, match="checksum"):
        sense_index(Lexicon(copy)).senses("heartbroken")


def test_compare_imports_neither_numpy_nor_networkx():
    """A comparison costs about a decomposition: the graph and numpy stay unloaded."""
    import subprocess
    import sys

    code = ("import sys, express_lexicon as xl; a = xl.compare('heartbroken', 'brokenhearted'); "
            "print(a.synonym_match, 'numpy' in sys.modules, 'networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "False"]


def test_plain_compare_command_without_click_prints_what_click_prints():
    import subprocess
    import sys

    from click.testing import CliRunner

    from express_lexicon.cli import main

    for args in (["compare", "nostalgic", "bittersweet"], ["compare", "", "sad"]):
        fast = subprocess.run([sys.executable, "-c", "from express_lexicon._entry import run; run()", *args],
                              capture_output=True, text=True)
        slow = CliRunner().invoke(main, args)
        assert fast.returncode == slow.exit_code
        assert (fast.stdout + fast.stderr) == slow.output


def test_one_pair_measures_equal_the_vectorised_metrics():
    """scoring.compare's plain-Python measures are metrics.* for one pair, edge cases included."""
    import random

    import numpy as np

    from express_lexicon import _pairwise as P
    from express_lexicon import metrics as M

    rng = random.Random(14)
    levels = (0.0, 0.0, 0.0, 0.3, 0.4, 0.7, 1.0)
    cases = [((0.0,) * 10, (0.0,) * 10), ((0.0,) * 10, (0.0, 0.7) + (0.0,) * 8)]
    for _ in range(2000):
        g = tuple(rng.choice(levels) if rng.random() < 0.7 else rng.random() for _ in range(10))
        p = tuple(rng.choice(levels) if rng.random() < 0.7 else rng.random() for _ in range(10))
        cases.append((g, p))
    for g, p in cases:
        gv, pv = np.asarray(g), np.asarray(p)
        gb, pb = gv >= 0.3, pv >= 0.3
        assert P.vector_equal(tuple(gb), tuple(pb)) == bool(M.vector_equal(gb, pb))
        assert P.binary_f1(tuple(gb), tuple(pb)) == pytest.approx(float(M.binary_f1(gb, pb)), abs=1e-12)
        assert P.cosine_similarity(g, p) == pytest.approx(float(M.cosine_similarity(gv, pv)), abs=1e-12)
        assert P.wheel_similarity(g, p) == pytest.approx(float(M.wheel_similarity(gv, pv)), abs=1e-12)
        assert P.intensity_difference(g, p) == pytest.approx(float(M.intensity_difference(gv, pv)), abs=1e-12)
        assert P.sentiment_agreement(g, p) == bool(M.sentiment_agreement(gv, pv))


def test_alignment_prints_and_displays_readably():
    a = xl.compare("nostalgic", "bittersweet")
    assert str(a) == a.describe() and str(a).startswith("nostalgic vs bittersweet (gold)")
    html = a._repr_html_()
    assert "<table" in html and "nostalgic" in html and "bittersweet" in html and "wheel similarity" in html
    assert "<svg" in html  # the overlaid flowers (matplotlib is a test dependency)
