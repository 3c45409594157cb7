"""Arithmetic on emotion profiles: 10-tuples of floats in :data:`theory.DIMENSIONS` order.

Pure Python on purpose: the decomposer runs these on its hot path and must start without
numpy. Every function returns a new tuple with values clipped to [0, 1].

The rules, and why:

* **Levels.** A tier name carries its tier's level (:data:`theory.TIER_LEVELS`: mild 0.4,
  basic 0.7, intense 1.0). A lexicon entry without an intensity (EmoLex is yes/no) gets the
  basic level 0.7, so that "very sad" can rise above "sad" and "grief" stays above both.
* **Negation** (:func:`negate`): each emotion's intensity moves to its opposite on the wheel,
  damped by :data:`NEGATION_SHIFT` (0.5), and positive and negative swap, damped alike. "not
  happy" thus becomes mild sadness, never joy; "not afraid" becomes mild anger (fear's
  opposite), which is what Plutchik's wheel says, if not always what a speaker means -- the
  damping and the lowered confidence say "weak evidence".
* **Intensifiers and softeners** (:func:`scale`) multiply every dimension (1.3 for "very",
  0.6 for "slightly"), then clip to 1.
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
INTENSIFY = 1.3
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
    """The profile of "not X" given the profile of X (see module docstring)."""
    emotions = [NEGATION_SHIFT * vector[_OPPOSITE_INDEX[i]] for i in range(N_EMOTIONS)]
    return clip(emotions + [NEGATION_SHIFT * vector[_NEGATIVE], NEGATION_SHIFT * vector[_POSITIVE]])


def scale(vector: Sequence[float], factor: float) -> Vector:
    """Every dimension multiplied by ``factor`` (an intensifier > 1 or a softener < 1)."""
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
