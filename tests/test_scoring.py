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
