"""Vectorised metrics: the paper's binary ones (checked against a plain loop) and the graded ones."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from express_lexicon import metrics as M
from express_lexicon.theory import DIMENSIONS, wheel_distance


def vec(*names: str, **values: float) -> np.ndarray:
    v = np.zeros(10)
    for n in names:
        v[DIMENSIONS.index(n)] = 1.0
    for n, x in values.items():
        v[DIMENSIONS.index(n)] = x
    return v


def sklearn_binary_f1(gold: list[int], pred: list[int]) -> float:
    """sklearn.metrics.f1_score(gold, pred, zero_division=0), written out plainly."""
    tp = sum(1 for g, p in zip(gold, pred) if g == 1 and p == 1)
    fp = sum(1 for g, p in zip(gold, pred) if g == 0 and p == 1)
    fn = sum(1 for g, p in zip(gold, pred) if g == 1 and p == 0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_binary_f1_equals_sklearn_with_zero_division_0_on_random_vectors() -> None:
    rng = random.Random(7)
    gold = [[rng.random() < 0.3 for _ in range(10)] for _ in range(500)]
    pred = [[rng.random() < 0.3 for _ in range(10)] for _ in range(500)]
    gold += [[False] * 10, [False] * 10, [True] * 10]
    pred += [[False] * 10, [True] + [False] * 9, [False] * 10]
    got = M.binary_f1(np.array(gold), np.array(pred))
    want = [sklearn_binary_f1([int(x) for x in g], [int(x) for x in p]) for g, p in zip(gold, pred)]
    assert np.allclose(got, want, rtol=0, atol=1e-15)


def test_f1_is_zero_whenever_the_gold_vector_is_empty() -> None:
    empty = vec()
    assert M.binary_f1(empty, empty) == 0.0
    assert M.binary_f1(empty, vec("joy")) == 0.0
    # 'happy' (anticipation, joy, trust, positive) vs 'joyful' (joy, trust, positive):
    # TP 3, FP 0, FN 1 -> 2*3 / (2*3 + 0 + 1) = 6/7
    assert M.binary_f1(vec("anticipation", "joy", "trust", "positive"), vec("joy", "trust", "positive")) == pytest.approx(6 / 7)


def test_vector_equal_and_dimension_agreement() -> None:
    gold = np.array([vec("joy"), vec(), vec("sadness", "negative")])
    pred = np.array([vec("joy"), vec(), vec("joy", "positive")])
    assert M.vector_equal(gold, pred).tolist() == [True, True, False]
    # third pair differs on sadness, negative, joy, positive -> 6 of 10 agree
    assert M.dimension_agreement(gold, pred).tolist() == pytest.approx([1.0, 1.0, 0.6])


def test_float_inputs_are_binarised_at_one_half() -> None:
    assert M.vector_equal(vec(joy=0.7), vec(joy=1.0))
    assert not M.vector_equal(vec(joy=0.4), vec(joy=1.0))


def test_cosine_zero_vector_cases() -> None:
    assert M.cosine_similarity(vec(), vec()) == 1.0
    assert M.cosine_similarity(vec(), vec("joy")) == 0.0
    assert M.cosine_similarity(vec("joy"), vec(joy=0.4)) == pytest.approx(1.0)
    assert M.cosine_similarity(vec("joy", "positive"), vec("joy")) == pytest.approx(1 / np.sqrt(2))


def test_wheel_similarity_adjacent_emotions_are_closer_than_opposites() -> None:
    emotions = ["joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"]
    for a, b in itertools.product(emotions, repeat=2):
        expected = 1 - wheel_distance(a, b) / 4
        assert M.wheel_similarity(vec(a), vec(b)) == pytest.approx(expected), (a, b)
    assert M.wheel_similarity(vec("joy"), vec("trust")) > M.wheel_similarity(vec("joy"), vec("fear"))
    assert M.wheel_similarity(vec("joy"), vec("sadness")) == 0.0


def test_wheel_similarity_of_mixtures_zero_vectors_and_intensity() -> None:
    assert M.wheel_similarity(vec("joy", "trust"), vec("joy")) == pytest.approx(0.875)
    assert M.wheel_similarity(vec(), vec()) == 1.0
    assert M.wheel_similarity(vec(), vec("joy")) == 0.0
    # intensity alone does not change the profile's place on the wheel
    assert M.wheel_similarity(vec(joy=0.4), vec(joy=1.0)) == 1.0
    # sentiments are ignored
    assert M.wheel_similarity(vec("joy", "positive"), vec("joy", "negative")) == 1.0
    assert M.wheel_emd(vec("anger"), vec("fear")) == pytest.approx(4.0)


def test_intensity_difference_and_sentiment() -> None:
    assert M.intensity_difference(vec(anger=0.4), vec(anger=1.0)) == pytest.approx(0.6)
    assert M.intensity_difference(vec(anger=1.0), vec(anger=0.4)) == pytest.approx(-0.6)
    assert M.sentiment(np.array([vec("positive"), vec("negative"), vec(), vec("positive", "negative")])).tolist() == [1, -1, 0, 0]
    assert M.sentiment_agreement(vec("joy", "positive"), vec("trust", "positive"))
    assert not M.sentiment_agreement(vec("positive"), vec("negative"))


def test_dominant_emotion_argmax_with_none_and_tie_rule() -> None:
    vs = np.array([vec(), vec(joy=0.4, sadness=0.9), vec("anger", "fear")])
    assert M.dominant_emotion(vs).tolist() == ["none", "sadness", "anger"]
    assert M.dominant_emotion_index(vs).tolist() == [-1, 5, 0]
    assert M.dominant_emotion_labels(vs) == ["none", "sadness", "anger+fear"]
    mask = M.dominant_emotion_mask(vs)
    assert mask.shape == (3, 9) and mask[0, 8] and mask.sum(axis=1).tolist() == [1, 1, 2]


def test_per_dimension_prf() -> None:
    gold = np.array([vec("joy"), vec("joy"), vec("sadness")])
    pred = np.array([vec("joy"), vec("sadness"), vec("sadness")])
    prf = M.per_dimension_prf(gold, pred)
    joy, sad = DIMENSIONS.index("joy"), DIMENSIONS.index("sadness")
    assert prf["precision"][joy] == 1.0 and prf["recall"][joy] == 0.5
    assert prf["precision"][sad] == 0.5 and prf["recall"][sad] == 1.0
    assert prf["f1"][joy] == pytest.approx(2 / 3)
    assert prf["support"][joy] == 2 and prf["predicted"][DIMENSIONS.index("anger")] == 0
    assert prf["f1"][DIMENSIONS.index("anger")] == 0.0


def test_single_pairs_and_batches_agree() -> None:
    g, p = vec("joy", "trust", "positive"), vec("joy", "anticipation", "positive")
    for fn in (M.binary_f1, M.cosine_similarity, M.wheel_similarity, M.dimension_agreement):
        assert fn(g, p) == pytest.approx(fn(np.array([g, g]), np.array([p, p]))[1])


def test_wrong_shapes_are_rejected_with_the_shapes() -> None:
    with pytest.raises(ValueError, match=r"\(3,\)"):
        M.binary_f1(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="shape"):
        M.cosine_similarity(np.zeros((2, 10)), np.zeros((3, 10)))
