"""Vectorised metrics over arrays of gold and predicted emotion vectors.

Every function takes NumPy arrays of shape ``(n, 10)`` (or ``(10,)`` for one pair) in the
order of :data:`express_lexicon.theory.DIMENSIONS` — the eight basic emotions ``anger,
anticipation, disgust, fear, joy, sadness, surprise, trust`` followed by ``positive,
negative`` — and returns one value per pair (an ``(n,)`` array, or a NumPy scalar for a
single pair). Nothing here loops in Python over pairs, so a million pairs take
milliseconds.

The paper's binary metrics (the EXPRESS paper, see ``DESIGN.md``):

- :func:`vector_equal` — the two binary vectors are identical (AccV per mask);
- :func:`binary_f1` — sklearn's binary F1 with ``zero_division=0``:
  ``2·TP / (2·TP + FP + FN)``, and 0 when the gold vector has no positive entry;
- :func:`dimension_agreement` — fraction of the 10 dimensions on which they agree (AccV-2).

Graded metrics, beyond the paper (for float intensity vectors in ``[0, 1]``):

- :func:`cosine_similarity` over the 10 dimensions;
- :func:`wheel_similarity`, an earth-mover similarity round Plutchik's wheel in which
  adjacent emotions are closer than opposite ones;
- :func:`intensity_difference` and :func:`sentiment_agreement`;
- :func:`dominant_emotion` / :func:`dominant_emotion_index`;
- :func:`per_dimension_prf` for precision/recall/F1 of each dimension over a corpus.

Inputs of the wrong shape raise :class:`ValueError` naming the shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from .theory import DIMENSIONS, EMOTIONS

__all__ = [
    "VectorSource",
    "N_DIMS",
    "N_EMOTIONS",
    "NONE",
    "vector_equal",
    "binary_f1",
    "dimension_agreement",
    "cosine_similarity",
    "wheel_similarity",
    "wheel_emd",
    "intensity",
    "intensity_difference",
    "sentiment",
    "sentiment_agreement",
    "dominant_emotion_index",
    "dominant_emotion",
    "dominant_emotion_mask",
    "dominant_emotion_labels",
    "per_dimension_prf",
]

N_DIMS = len(DIMENSIONS)
N_EMOTIONS = len(EMOTIONS)
#: The dominant-emotion name of a vector whose eight emotions are all zero.
NONE = "none"
#: Two vectors whose sentiment scores differ by at most this much count as the same side.
_SENTIMENT_TOL = 1e-9


@runtime_checkable
class VectorSource(Protocol):
    """Anything that turns words into 10-dimensional emotion vectors.

    Implemented by :class:`express_lexicon.sources.paper_table.PaperTable` (the paper's
    table) and by the project's decomposer lexicon. Both methods take a sequence of words
    and return one row per word, in the order of
    :data:`express_lexicon.theory.DIMENSIONS`; a word the source does not know gets the
    all-zero row (never an exception).
    """

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """``(len(words), 10)`` float array of intensities in ``[0, 1]``."""
        ...

    def binary_vectors(self, words: Sequence[str]) -> np.ndarray:
        """``(len(words), 10)`` bool array: which dimensions the word carries."""
        ...


def _pair(gold: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    g = np.asarray(gold)
    p = np.asarray(pred)
    if g.shape != p.shape or g.ndim not in (1, 2) or g.shape[-1] != N_DIMS:
        raise ValueError(f"gold and predicted vectors must both have shape (n, {N_DIMS}); got {g.shape} and {p.shape}")
    return g, p


def _as_bool(a: np.ndarray) -> np.ndarray:
    return a if a.dtype == np.bool_ else a > 0.5


# --- the paper's binary metrics ------------------------------------------------------------
def vector_equal(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """True where the two binary vectors are identical on all 10 dimensions.

    Float inputs are binarised at 0.5 first.
    """
    g, p = _pair(gold, pred)
    return np.all(_as_bool(g) == _as_bool(p), axis=-1)


def binary_f1(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Binary F1 of each predicted vector against its gold vector, as sklearn computes it.

    ``F1 = 2·TP / (2·TP + FP + FN)`` with positives being the dimensions set to 1, and
    ``zero_division=0``: when TP + FP + FN is 0 (both vectors empty) the result is 0.0,
    so F1 is 0.0 whenever the gold vector has no positive entry. Returns float64 values
    in ``[0, 1]``. Float inputs are binarised at 0.5 first.
    """
    g, p = _pair(gold, pred)
    g = _as_bool(g)
    p = _as_bool(p)
    tp = np.count_nonzero(g & p, axis=-1)
    fp_fn = np.count_nonzero(g ^ p, axis=-1)
    den = 2 * tp + fp_fn
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(den > 0, (2.0 * tp) / np.maximum(den, 1), 0.0)
    return f1


def dimension_agreement(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Fraction (0.0–1.0, steps of 0.1) of the 10 dimensions on which the binary vectors agree."""
    g, p = _pair(gold, pred)
    return np.count_nonzero(_as_bool(g) == _as_bool(p), axis=-1) / N_DIMS


# --- graded metrics -----------------------------------------------------------------------
def cosine_similarity(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Cosine similarity of the 10-dimensional vectors, in ``[0, 1]`` for non-negative input.

    Zero vectors: two all-zero vectors are identical ("no emotion" both times), so their
    similarity is **1.0**; an all-zero vector against a non-zero one scores **0.0**.
    """
    g, p = _pair(gold, pred)
    g = g.astype(np.float64, copy=False)
    p = p.astype(np.float64, copy=False)
    dot = np.einsum("...i,...i->...", g, p)
    ng = np.sqrt(np.einsum("...i,...i->...", g, g))
    npred = np.sqrt(np.einsum("...i,...i->...", p, p))
    den = ng * npred
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.where(den > 0, dot / np.where(den > 0, den, 1.0), 0.0)
    both_zero = (ng == 0) & (npred == 0)
    return np.clip(np.where(both_zero, 1.0, cos), 0.0, 1.0)


@lru_cache(maxsize=1)
def _wheel_permutation() -> np.ndarray:
    """Vector indices of the eight emotions in wheel order (joy, trust, fear, ...)."""
    from .theory import wheel_order

    return np.array([e.index for e in wheel_order()], dtype=np.intp)


def wheel_emd(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Earth mover's distance round Plutchik's wheel between the two emotion profiles.

    The eight emotion intensities of each vector (sentiments ignored) are normalised to
    sum to 1 and placed on the wheel's eight petals (joy, trust, fear, surprise,
    sadness, disgust, anger, anticipation), one step apart on a circle. The distance is
    the least total mass × steps needed to turn one profile into the other; on a circle
    it is ``EMD = Σ_i |F_i − median(F)|`` with ``F`` the cumulative sum of
    ``p − q`` in wheel order (Rabin, Delon & Gousseau 2011). It ranges from 0 (same
    profile) to 4 (all mass on opposite petals); one step between adjacent petals costs 1.

    Zero vectors: both zero → 0.0; exactly one zero → 4.0 (maximally different).
    """
    g, p = _pair(gold, pred)
    perm = _wheel_permutation()
    ge = g[..., perm].astype(np.float64, copy=False)
    pe = p[..., perm].astype(np.float64, copy=False)
    gs = ge.sum(axis=-1, keepdims=True)
    ps = pe.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        gn = np.where(gs > 0, ge / np.where(gs > 0, gs, 1.0), 0.0)
        pn = np.where(ps > 0, pe / np.where(ps > 0, ps, 1.0), 0.0)
    cum = np.cumsum(gn - pn, axis=-1)
    emd = np.abs(cum - np.median(cum, axis=-1, keepdims=True)).sum(axis=-1)
    g_zero = gs[..., 0] == 0
    p_zero = ps[..., 0] == 0
    emd = np.where(g_zero & p_zero, 0.0, np.where(g_zero | p_zero, 4.0, emd))
    return np.clip(emd, 0.0, 4.0)


def wheel_similarity(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Wheel-aware similarity ``1 − EMD / 4`` in ``[0, 1]`` (see :func:`wheel_emd`).

    A single emotion against itself scores 1.0, against an adjacent petal 0.75 (joy vs
    trust), two petals apart 0.5, three apart 0.25 and against its opposite 0.0 (joy vs
    sadness). Mixtures score in between (joy+trust vs joy: 0.875). Intensity does not
    matter (see :func:`intensity_difference`). Both vectors without emotion → 1.0;
    exactly one without emotion → 0.0.
    """
    return 1.0 - wheel_emd(gold, pred) / 4.0


def intensity(vectors: np.ndarray) -> np.ndarray:
    """Overall intensity of each vector: the largest of its eight emotion values (0–1)."""
    v = np.asarray(vectors)
    return v[..., :N_EMOTIONS].max(axis=-1).astype(np.float64)


def intensity_difference(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Signed ``intensity(pred) − intensity(gold)``: positive when the prediction is stronger.

    For binary vectors this is −1, 0 or 1; for the project's graded vectors it tells
    e.g. ``annoyed`` (0.4) from ``furious`` (1.0). Averaged absolute values say how far
    off the intensities are, averaged signed values whether a model exaggerates.
    """
    g, p = _pair(gold, pred)
    return intensity(p) - intensity(g)


def sentiment(vectors: np.ndarray) -> np.ndarray:
    """Sentiment side of each vector: +1 (positive > negative), −1 (negative > positive), 0."""
    v = np.asarray(vectors, dtype=np.float64)
    diff = v[..., N_EMOTIONS] - v[..., N_EMOTIONS + 1]
    return np.where(diff > _SENTIMENT_TOL, 1, np.where(diff < -_SENTIMENT_TOL, -1, 0)).astype(np.int8)


def sentiment_agreement(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """True where both vectors fall on the same sentiment side (+1, −1 or neutral 0)."""
    g, p = _pair(gold, pred)
    return sentiment(g) == sentiment(p)


def dominant_emotion_index(vectors: np.ndarray) -> np.ndarray:
    """Index into :data:`~express_lexicon.theory.EMOTIONS` of each vector's strongest emotion.

    Ties go to the emotion that comes first in vector order (``anger`` before ``joy``);
    an all-zero emotion part gives -1. Returns an int64 array (or scalar).
    """
    v = np.asarray(vectors)
    if v.shape[-1] not in (N_EMOTIONS, N_DIMS):
        raise ValueError(f"vectors must have {N_DIMS} (or {N_EMOTIONS}) columns; got shape {v.shape}")
    e = v[..., :N_EMOTIONS]
    idx = np.argmax(e, axis=-1)
    return np.where(e.max(axis=-1) > 0, idx, -1).astype(np.int64)


def dominant_emotion(vectors: np.ndarray) -> np.ndarray:
    """Name of each vector's strongest emotion (see :func:`dominant_emotion_index`), or ``"none"``.

    Returns an array of strings of the same leading shape.
    """
    names = np.array((*EMOTIONS, NONE))
    return names[dominant_emotion_index(vectors)]


def dominant_emotion_mask(vectors: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Which emotions tie for the strongest in each vector, plus a final "none" column.

    Returns a bool array of shape ``(..., 9)``: column ``i < 8`` is True when emotion
    ``EMOTIONS[i]`` is within ``tol`` of the vector's largest emotion value (and that
    value is above 0); column 8 is True exactly when all eight emotions are 0. Binary
    vectors usually tie (``scared`` = anger + fear in the paper's table): this keeps
    every tied emotion instead of picking the first.
    """
    v = np.asarray(vectors, dtype=np.float64)
    if v.shape[-1] not in (N_EMOTIONS, N_DIMS):
        raise ValueError(f"vectors must have {N_DIMS} (or {N_EMOTIONS}) columns; got shape {v.shape}")
    e = v[..., :N_EMOTIONS]
    top = e.max(axis=-1, keepdims=True)
    none = top <= 0
    return np.concatenate([(e >= top - tol) & ~none, none], axis=-1)


def dominant_emotion_labels(vectors: np.ndarray) -> list[str]:
    """Per vector, its tied strongest emotions joined by ``+`` (``"anger+fear"``) or ``"none"``."""
    mask = np.asarray(dominant_emotion_mask(vectors)).reshape(-1, N_EMOTIONS + 1)
    names = (*EMOTIONS, NONE)
    return ["+".join(n for n, on in zip(names, row) if on) for row in mask.tolist()]


def per_dimension_prf(gold: np.ndarray, pred: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and support of every dimension over a corpus of binary vectors.

    Returns ``{"precision", "recall", "f1", "support", "predicted"}``, each a length-10
    array in DIMENSIONS order (the first 8 entries are the basic emotions). ``support``
    counts gold vectors with the dimension set, ``predicted`` predicted ones. Undefined
    ratios (no gold or no predicted positives) are 0.0, like sklearn's ``zero_division=0``.
    """
    g, p = _pair(gold, pred)
    g = _as_bool(g).reshape(-1, N_DIMS)
    p = _as_bool(p).reshape(-1, N_DIMS)
    tp = np.count_nonzero(g & p, axis=0).astype(np.float64)
    support = np.count_nonzero(g, axis=0).astype(np.float64)
    predicted = np.count_nonzero(p, axis=0).astype(np.float64)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, support, out=np.zeros_like(tp), where=support > 0)
    den = precision + recall
    f1 = np.divide(2 * precision * recall, den, out=np.zeros_like(tp), where=den > 0)
    return {"precision": precision, "recall": recall, "f1": f1, "support": support, "predicted": predicted}
