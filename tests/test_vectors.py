"""Profile arithmetic: negation, modifiers, combination, tiers."""

from express_lexicon import vectors
from express_lexicon.theory import DIMENSIONS

JOY = tuple(0.7 if d in ("joy", "positive") else 0.0 for d in DIMENSIONS)


def test_negation_moves_to_the_opposite_and_damps():
    negated = dict(zip(DIMENSIONS, vectors.negate(JOY)))
    assert negated["joy"] == 0 and negated["positive"] == 0
    assert negated["sadness"] == 0.35 and negated["negative"] == 0.35


def test_double_negation_is_weaker_than_the_original():
    twice = vectors.negate(vectors.negate(JOY))
    assert twice[DIMENSIONS.index("joy")] < JOY[DIMENSIONS.index("joy")]


def test_scale_saturates_and_combine_takes_the_maximum():
    strong = max(vectors.scale(JOY, 2.0))
    assert 0.9 < strong < 1.0  # towards 1, never clipped to a tie at 1
    assert max(vectors.scale(JOY, 0.5)) == 0.35
    sad = tuple(0.7 if d == "sadness" else 0.0 for d in DIMENSIONS)
    both = vectors.combine([JOY, sad])
    assert both[DIMENSIONS.index("joy")] == 0.7 and both[DIMENSIONS.index("sadness")] == 0.7


def test_tiers_and_dominance():
    assert vectors.tier_of(vectors.ZERO) is None
    assert vectors.tier_of(JOY) == "basic"
    assert vectors.tier_of(vectors.scale(JOY, 1.3)) == "intense"
    assert vectors.tier_of(vectors.scale(JOY, 0.6)) == "mild"
    assert vectors.dominant_emotions(JOY) == ("joy",)
    assert vectors.dominant_emotions(vectors.ZERO) == ()


def test_with_polarity_reads_sentiment_off_the_emotions():
    fear_only = [0, 0, 0, 0.7, 0, 0, 0, 0]
    profile = vectors.with_polarity(fear_only)
    assert profile[-1] == 0.7 and profile[-2] == 0
