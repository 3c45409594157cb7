"""The measures of :mod:`express_lexicon.metrics` for a single pair, in plain Python.

:func:`express_lexicon.scoring.compare` scores one pair of terms; importing numpy for it
would cost more than the rest of a ``compare`` process (about 0.3 s on a 2-core machine).
Each function here computes exactly what its namesake in :mod:`~express_lexicon.metrics`
does for one ``(10,)`` pair, edge cases included (``tests/test_scoring.py`` checks them
against each other on random vectors); the docstrings there are the definitions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from .theory import EMOTIONS

_N = len(EMOTIONS)
_SENTIMENT_TOL = 1e-9  # as metrics._SENTIMENT_TOL


@lru_cache(maxsize=1)
def _wheel_indices() -> tuple[int, ...]:
    from .theory import wheel_order

    return tuple(e.index for e in wheel_order())


def vector_equal(gold: Sequence[bool], pred: Sequence[bool]) -> bool:
    return all(bool(g) == bool(p) for g, p in zip(gold, pred))


def binary_f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp_fn = sum(1 for g, p in zip(gold, pred) if bool(g) != bool(p))
    den = 2 * tp + fp_fn
    return 2.0 * tp / den if den else 0.0


def cosine_similarity(gold: Sequence[float], pred: Sequence[float]) -> float:
    dot = math.fsum(g * p for g, p in zip(gold, pred))
    ng = math.sqrt(math.fsum(g * g for g in gold))
    npred = math.sqrt(math.fsum(p * p for p in pred))
    if ng == 0 and npred == 0:
        return 1.0
    if ng * npred <= 0:
        return 0.0
    return min(1.0, max(0.0, dot / (ng * npred)))


def wheel_emd(gold: Sequence[float], pred: Sequence[float]) -> float:
    order = _wheel_indices()
    ge = [float(gold[i]) for i in order]
    pe = [float(pred[i]) for i in order]
    gs, ps = sum(ge), sum(pe)
    if gs == 0 and ps == 0:
        return 0.0
    if gs == 0 or ps == 0:
        return 4.0
    cum, total = [], 0.0
    for g, p in zip(ge, pe):
        total += g / gs - p / ps
        cum.append(total)
    ordered = sorted(cum)
    middle = len(ordered) // 2
    median = (ordered[middle - 1] + ordered[middle]) / 2.0 if len(ordered) % 2 == 0 else ordered[middle]
    return min(4.0, max(0.0, sum(abs(c - median) for c in cum)))


def wheel_similarity(gold: Sequence[float], pred: Sequence[float]) -> float:
    return 1.0 - wheel_emd(gold, pred) / 4.0


def intensity_difference(gold: Sequence[float], pred: Sequence[float]) -> float:
    return float(max(pred[:_N])) - float(max(gold[:_N]))


def _side(vector: Sequence[float]) -> int:
    diff = float(vector[_N]) - float(vector[_N + 1])
    return 1 if diff > _SENTIMENT_TOL else -1 if diff < -_SENTIMENT_TOL else 0


def sentiment_agreement(gold: Sequence[float], pred: Sequence[float]) -> bool:
    return _side(gold) == _side(pred)
