"""Arithmetic on emotion profiles: 10-tuples of floats in :data:`theory.DIMENSIONS` order.

Pure Python on purpose: the decomposer runs these on its hot path and must start without
numpy. Every function returns a new tuple with values clipped to [0, 1].

The rules, and why:

* **Levels.** A tier name carries its tier's level (:data:`theory.TIER_LEVELS`: mild 0.4,
  basic 0.7, intense 1.0). A lexicon entry without an intensity (EmoLex is yes/no) gets the
  basic level 0.7, so that "very sad" can rise above "sad" and "grief" stays above both.
* **Negation** (:func:`negate`) follows what studies of negated sentiment words find
  (Kiritchenko & Mohammad 2016, "The Effect of Negators, Modals, and Degree Adverbs on
  Sentiment Composition"; Zhu et al. 2014): a negated word reads towards the opposite of
  its strongest feeling, weakened, and a negated *negative* word reads as mildly positive
  rather than as another negative feeling. So each emotion of X moves to its opposite petal
  at :data:`NEGATION_SHIFT` (0.5) of its intensity, weighted by its share of X's strongest
  emotion ("not happy" is mild sadness, never joy); an emotion of negative polarity moves
  only to a petal that is not negative, at :data:`NEGATIVE_NEGATION_SHIFT` (0.4) ("not sad"
  is faint joy; "not afraid" has no fear and no anger, only a faint positive sentiment);
  positive and negative swap, damped alike. Each negator applies the rule once, so "not
  not happy" is a faint echo of happy (joy about 0.16), not happy itself.
* **Intensifiers and softeners** (:func:`scale`): a softener multiplies every dimension
  (0.6 for "slightly"); an intensifier raises each towards 1 as ``1 - (1 - v) ** 1.75``
  ("very sad": 0.84 -> 0.96; a basic 0.7 -> 0.88, intense), which keeps the order of
  the emotions (no ties at 1).
* **Combination** (:func:`combine`) of the parts of "relieved but anxious" is the
  element-wise maximum: each part's emotions are felt, none is diluted by the other.
* **Tier** (:func:`tier_of`) reads the strongest emotion: >= 0.85 intense, >= 0.55 basic,
  otherwise mild. **Dominant** emotions are those within 75% of the strongest; a **dyad** is
  named when exactly two emotions dominate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .theory import EMOTIONS, TIER_LEVELS

__all__ = [
    "Vector",
    "ZERO",
    "DEFAULT_LEVEL",
    "NEGATION_SHIFT",
    "NEGATIVE_NEGATION_SHIFT",
    "INTENSIFY",
    "SOFTEN",
    "clip",
    "negate",
    "scale",
    "combine",
    "weighted_mean",
    "with_polarity",
    "tier_of",
    "dominant_emotions",
]

Vector = tuple[float, ...]
N_EMOTIONS = len(EMOTIONS)
ZERO: Vector = (0.0,) * (N_EMOTIONS + 2)
DEFAULT_LEVEL = TIER_LEVELS["basic"]
NEGATION_SHIFT = 0.5
NEGATIVE_NEGATION_SHIFT = 0.4
INTENSIFY = 1.3
#: How an intensifier's factor becomes the exponent of 1 - (1 - v): one "very" (1.3) gives
#: 1.75, so a basic 0.7 reaches the intense tier (0.88) like the old x 1.3 did (0.91), and
#: 0.84 becomes 0.96 instead of being clipped to 1.
INTENSIFIER_CURVE = 2.5
SOFTEN = 0.6
DOMINANCE_RATIO = 0.75
INTENSE_THRESHOLD = 0.85
BASIC_THRESHOLD = 0.55

# Index of each emotion's opposite, in vector order (anger<->fear, anticipation<->surprise,
# disgust<->trust, joy<->sadness), and of the two sentiments.
_OPPOSITE_INDEX = (3, 6, 7, 0, 5, 4, 1, 2)
_POSITIVE, _NEGATIVE = N_EMOTIONS, N_EMOTIONS + 1
# Plutchik's usual polarity of the basic emotions; surprise and anticipation are neutral.
_POSITIVE_EMOTIONS = (EMOTIONS.index("joy"), EMOTIONS.index("trust"))
_NEGATIVE_EMOTIONS = tuple(EMOTIONS.index(e) for e in ("anger", "disgust", "fear", "sadness"))


def clip(values: Iterable[float]) -> Vector:
    """Values clipped to [0, 1] and rounded to 4 decimals (so stored and computed agree)."""
    return tuple(round(min(1.0, max(0.0, float(v))), 4) for v in values)


def negate(vector: Sequence[float]) -> Vector:
    """The profile of "not X" given the profile of X (see module docstring).

    Each emotion of X moves to its opposite petal, weighted by how central it is to X
    (its intensity times its share of X's strongest), so the opposite of X's strongest
    emotion leads: "not happy" is sadness first. Negating a negative emotion never yields
    another negative one ("not afraid" is not anger) and reads weaker
    (:data:`NEGATIVE_NEGATION_SHIFT`); the sentiments swap, damped the same way."""
    strongest = max(vector[:N_EMOTIONS])
    emotions = [0.0] * N_EMOTIONS
    if strongest > 0:
        for i in range(N_EMOTIONS):
            value = vector[i]
            if value <= 0:
                continue
            target = _OPPOSITE_INDEX[i]
            if i in _NEGATIVE_EMOTIONS:
                if target in _NEGATIVE_EMOTIONS:
                    continue
                shift = NEGATIVE_NEGATION_SHIFT
            else:
                shift = NEGATION_SHIFT
            emotions[target] = max(emotions[target], shift * value * value / strongest)
    positive = NEGATIVE_NEGATION_SHIFT * vector[_NEGATIVE]
    negative = NEGATION_SHIFT * vector[_POSITIVE]
    return clip(emotions + [positive, negative])


def scale(vector: Sequence[float], factor: float) -> Vector:
    """Every dimension scaled by ``factor``: a softener (< 1) multiplies; an intensifier
    (> 1) raises each value towards 1 as ``1 - (1 - v) ** e`` with ``e = 1 + (factor - 1) *``
    :data:`INTENSIFIER_CURVE` (1.75 for one "very"), so that "very excited" keeps
    excitement's order of emotions instead of clipping several to a tie at 1."""
    if factor > 1:
        exponent = 1.0 + (factor - 1.0) * INTENSIFIER_CURVE
        return clip(1.0 - (1.0 - v) ** exponent if v > 0 else 0.0 for v in vector)
    return clip(v * factor for v in vector)


def combine(vectors: Iterable[Sequence[float]]) -> Vector:
    """Element-wise maximum of several profiles (the parts of a phrase)."""
    out = list(ZERO)
    for vector in vectors:
        out = [max(a, b) for a, b in zip(out, vector)]
    return clip(out)


def weighted_mean(vectors: Sequence[Sequence[float]], weights: Sequence[float]) -> Vector:
    """The weighted mean of profiles; ``ZERO`` when the weights sum to zero."""
    total = sum(weights)
    if total <= 0:
        return ZERO
    return clip(
        sum(w * v[i] for v, w in zip(vectors, weights)) / total for i in range(N_EMOTIONS + 2)
    )


def with_polarity(emotions: Sequence[float]) -> Vector:
    """A full profile from 8 emotion intensities, sentiments read off Plutchik's polarity:
    positive = strongest of joy and trust; negative = strongest of anger, disgust, fear, sadness."""
    positive = max(emotions[i] for i in _POSITIVE_EMOTIONS)
    negative = max(emotions[i] for i in _NEGATIVE_EMOTIONS)
    return clip(list(emotions[:N_EMOTIONS]) + [positive, negative])


def tier_of(vector: Sequence[float]) -> str | None:
    """``"mild"``, ``"basic"`` or ``"intense"`` from the strongest emotion; ``None`` if all zero."""
    strongest = max(vector[:N_EMOTIONS])
    if strongest <= 0:
        return None
    if strongest >= INTENSE_THRESHOLD:
        return "intense"
    if strongest >= BASIC_THRESHOLD:
        return "basic"
    return "mild"


def dominant_emotions(vector: Sequence[float]) -> tuple[str, ...]:
    """Emotions within :data:`DOMINANCE_RATIO` of the strongest, strongest first (ties in
    vector order); empty for an all-zero profile."""
    strongest = max(vector[:N_EMOTIONS])
    if strongest <= 0:
        return ()
    chosen = [i for i in range(N_EMOTIONS) if vector[i] >= DOMINANCE_RATIO * strongest]
    chosen.sort(key=lambda i: -vector[i])
    return tuple(EMOTIONS[i] for i in chosen)
