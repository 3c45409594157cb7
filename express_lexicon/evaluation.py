"""Corpus evaluation of emotion-word predictions: the EXPRESS paper's metrics and more.

:func:`evaluate` reads a predictions file (see :mod:`express_lexicon.predictions`), turns
every gold and predicted word into a 10-dimensional emotion vector with a *vector
source* (:class:`~express_lexicon.metrics.VectorSource`) and returns a :class:`Report`.

Two decomposition schemes:

- ``lexicon=PATH`` (or a :class:`~express_lexicon.sources.paper_table.PaperTable`): the
  paper's own table with its exact semantics (unknown word → all-zero vector, F1 0 when
  the gold vector is empty). The five paper numbers then equal the paper's evaluation
  code to floating-point precision.
- ``lexicon=None``: the project's decomposer (``express_lexicon.decomposer.default_lexicon()``).

The paper's numbers, with the paper's denominators:

========================  ===================================================================
``vrate``                 valid rows / all rows
``acc_lexical`` (AccL)    masks whose predicted word equals the gold word / all masks
                          (masks of invalid rows count as wrong)
``acc_vector`` (AccV)     masks whose binary vectors are identical / all masks
``f1_vector`` (F1V)       mean binary F1 over the masks of valid rows
``acc_vector_dims``       mean fraction of agreeing dimensions over the masks of valid rows
(AccV-2)
========================  ===================================================================

The project adds, each averaged over the masks of valid rows:
``cosine_similarity``, ``wheel_similarity`` (see :func:`metrics.wheel_similarity`),
``intensity_abs_diff`` (mean |intensity difference|), ``intensity_bias`` (mean signed
difference: positive means predictions are more intense than gold),
``sentiment_agreement`` and ``dominant_agreement`` (gold and prediction share a
strongest emotion; ties count, see :func:`metrics.dominant_emotion_mask`); a per-label
breakdown, per-dimension precision/recall/F1, a dominant-emotion confusion matrix, and
95% confidence intervals for every headline metric.

Confidence intervals resample *rows* (segments), since the masks of one segment are not
independent. Each headline metric is a ratio of row sums ``Σa / Σb``. Up to
:data:`BOOTSTRAP_MAX_WORK` row draws in total (rows × resamples) the interval is a
seeded percentile bootstrap, computed with a matrix product of resample counts and
per-row sums; above it (large files) the interval is the normal approximation of the
same ratio estimator (delta method): ``SE² = n/(n−1) · Σ(a_r − R·b_r)² / (Σb)²``,
interval ``R ± z·SE`` clipped to the metric's range. :attr:`Report.ci_method` says which.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TextIO

import numpy as np

from . import metrics as M
from .errors import ExpressLexiconError
from .metrics import VectorSource
from .predictions import Format, Predictions, read_predictions
from .text import printable
from .theory import DIMENSIONS, EMOTIONS

__all__ = [
    "VectorSource",
    "HEADLINE_METRICS",
    "PAPER_METRICS",
    "METRIC_LABELS",
    "Report",
    "LabelStats",
    "DimensionStats",
    "Comparison",
    "evaluate",
    "evaluate_many",
    "resolve_lexicon",
    "ResolvedLexicon",
    "compare_reports",
    "write_per_mask_csv",
]

#: The paper's five numbers, in the paper's order.
PAPER_METRICS: tuple[str, ...] = ("vrate", "acc_lexical", "acc_vector", "f1_vector", "acc_vector_dims")
#: Every headline metric (``Report.metrics`` keys), paper first.
HEADLINE_METRICS: tuple[str, ...] = PAPER_METRICS + (
    "cosine_similarity",
    "wheel_similarity",
    "intensity_abs_diff",
    "intensity_bias",
    "sentiment_agreement",
    "dominant_agreement",
)
#: Short display names used by the text renderings.
METRIC_LABELS: dict[str, str] = {
    "vrate": "VRate",
    "acc_lexical": "AccL",
    "acc_vector": "AccV",
    "f1_vector": "F1V",
    "acc_vector_dims": "AccV-2",
    "cosine_similarity": "cosine",
    "wheel_similarity": "wheel",
    "intensity_abs_diff": "|Δint|",
    "intensity_bias": "Δint",
    "sentiment_agreement": "sent",
    "dominant_agreement": "dom",
}
_METRIC_TEXT: dict[str, str] = {
    "vrate": "valid rows",
    "acc_lexical": "lexical accuracy",
    "acc_vector": "vector accuracy",
    "f1_vector": "vector F1",
    "acc_vector_dims": "dimension agreement",
    "cosine_similarity": "cosine similarity",
    "wheel_similarity": "wheel similarity (1 − EMD/4)",
    "intensity_abs_diff": "mean |intensity difference|",
    "intensity_bias": "mean intensity difference (pred − gold)",
    "sentiment_agreement": "sentiment agreement",
    "dominant_agreement": "shares a strongest emotion",
}
#: Metrics where lower is better (the rest: higher is better).
LOWER_IS_BETTER = frozenset({"intensity_abs_diff"})
#: Range each metric lives in (for clipping normal-approximation intervals).
_RANGE = {"intensity_bias": (-1.0, 1.0)}

#: Above this many row draws (rows × resamples) the CI uses the normal approximation.
BOOTSTRAP_MAX_WORK = 10_000_000
_BOOTSTRAP_CHUNK = 2_000_000

# Per-row sum columns (the matrix the bootstrap resamples).
_COLS = (
    "rows", "valid_rows", "masks", "valid_masks", "exact", "vec_equal", "f1", "dims",
    "cosine", "wheel", "abs_diff", "diff", "sentiment", "dominant",
)
_C = {name: i for i, name in enumerate(_COLS)}
# metric -> (numerator column, denominator column)
_RATIOS: dict[str, tuple[str, str]] = {
    "vrate": ("valid_rows", "rows"),
    "acc_lexical": ("exact", "masks"),
    "acc_vector": ("vec_equal", "masks"),
    "f1_vector": ("f1", "valid_masks"),
    "acc_vector_dims": ("dims", "valid_masks"),
    "cosine_similarity": ("cosine", "valid_masks"),
    "wheel_similarity": ("wheel", "valid_masks"),
    "intensity_abs_diff": ("abs_diff", "valid_masks"),
    "intensity_bias": ("diff", "valid_masks"),
    "sentiment_agreement": ("sentiment", "valid_masks"),
    "dominant_agreement": ("dominant", "valid_masks"),
}
_DOMINANT_LABELS: tuple[str, ...] = (*EMOTIONS, M.NONE)


@dataclass(frozen=True)
class LabelStats:
    """How one gold label fared: its masks, their accuracy and the commonest prediction.

    ``f1_vector`` is averaged over the label's masks in valid rows (NaN when there are
    none); ``acc_lexical``/``acc_vector`` over all its masks. ``gold_vector_empty`` is
    True when the lexicon gives the label no dimension at all, so its F1 is always 0.
    """

    label: str
    count: int
    n_invalid: int
    acc_lexical: float
    acc_vector: float
    f1_vector: float
    top_prediction: str | None
    top_prediction_count: int
    gold_vector_empty: bool

    def to_dict(self) -> dict[str, Any]:
        """The fields as a JSON-ready dict (NaN → ``None``)."""
        return {k: _json_number(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class DimensionStats:
    """Precision/recall/F1 of one dimension (emotion or sentiment) over the binary vectors."""

    name: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int

    def to_dict(self) -> dict[str, Any]:
        """``{precision, recall, f1, support, predicted}``."""
        return {k: _json_number(v) for k, v in self.__dict__.items() if k != "name"}


class _MaskData:
    """Per-mask arrays behind a report; the costlier views are built on first use."""

    def __init__(
        self,
        predictions: Predictions,
        row_stats: np.ndarray,
        per_mask: Mapping[str, np.ndarray],
        bvec: np.ndarray,
        fvec: np.ndarray,
    ) -> None:
        self.predictions = predictions
        self.row_stats = row_stats  # (n_rows, len(_COLS)) float64
        self.per_mask = per_mask
        self.bvec = bvec  # (n_vocab + 1, 10) bool, last row zero
        self.fvec = fvec  # (n_vocab + 1, 10) float64, last row zero
        self._per_label: tuple[LabelStats, ...] | None = None
        self._dominant: tuple[str, ...] | None = None

    def per_label(self) -> tuple[LabelStats, ...]:
        if self._per_label is None:
            pm = self.per_mask
            self._per_label = _per_label(
                self.predictions, self.bvec, pm["exact"], pm["vec_equal"], pm["f1"], self.predictions.mask_valid
            )
        return self._per_label

    def dominant(self) -> tuple[str, ...]:
        """Per vocabulary word: its tied strongest emotions joined by "+"."""
        if self._dominant is None:
            self._dominant = tuple(M.dominant_emotion_labels(self.fvec[:-1]))
        return self._dominant


@dataclass(frozen=True)
class Report:
    """The evaluation of one predictions file against one lexicon.

    ``metrics`` maps every name of :data:`HEADLINE_METRICS` to its value (NaN when
    undefined, e.g. F1V with no valid row); ``ci`` maps the same names to ``(low, high)``.
    Convenience properties (``report.f1_vector`` …) read ``metrics``. ``per_dimension``
    holds precision/recall/F1 of each of the 10 dimensions over the binary vectors of the
    masks of valid rows (``per_emotion``: the first 8). ``confusion`` counts masks of
    valid rows by gold (rows) and predicted (columns) strongest emotion, in the order of
    ``confusion_labels`` (the 8 emotions, then ``none``); a word whose strongest emotions
    tie spreads its count evenly over them, so entries may be fractional and the matrix
    sums to ``n_valid_masks``. Use :meth:`to_dict` for JSON, :meth:`per_mask` for
    per-mask rows and :meth:`render` (or ``str(report)``) for a readable table.
    """

    source: str
    lexicon: str
    format: str
    n_rows: int
    n_masks: int
    n_invalid: int
    n_skipped: int
    n_valid_masks: int
    metrics: Mapping[str, float]
    ci: Mapping[str, tuple[float, float]]
    ci_method: str
    bootstrap: int
    seed: int
    confidence: float
    per_dimension: tuple[DimensionStats, ...]
    confusion_labels: tuple[str, ...]
    confusion: tuple[tuple[float, ...], ...]
    skipped: tuple[str, ...] = ()
    _data: _MaskData | None = field(default=None, repr=False, compare=False)

    # -- the paper's five numbers as attributes
    @property
    def vrate(self) -> float:
        return self.metrics["vrate"]

    @property
    def acc_lexical(self) -> float:
        return self.metrics["acc_lexical"]

    @property
    def acc_vector(self) -> float:
        return self.metrics["acc_vector"]

    @property
    def f1_vector(self) -> float:
        return self.metrics["f1_vector"]

    @property
    def acc_vector_dims(self) -> float:
        return self.metrics["acc_vector_dims"]

    @property
    def per_label(self) -> tuple[LabelStats, ...]:
        """Every gold label's :class:`LabelStats`, hardest first (lowest vector F1, then
        lowest AccV, then most masks). Computed on first access."""
        return () if self._data is None else self._data.per_label()

    @property
    def per_emotion(self) -> tuple[DimensionStats, ...]:
        """The eight basic emotions' rows of :attr:`per_dimension`."""
        return self.per_dimension[: len(EMOTIONS)]

    def hardest_labels(self, n: int = 10, *, min_count: int = 1, include_perfect: bool = False) -> tuple[LabelStats, ...]:
        """The ``n`` gold labels with the lowest vector F1 among those with ``min_count`` masks.

        A label whose vector F1 is 1.0 is not hard: it is left out (so fewer than ``n``
        come back when few labels fall short) unless ``include_perfect``.
        """
        return tuple(s for s in self.per_label
                     if s.count >= min_count and (include_perfect or not s.f1_vector >= 1.0))[:n]

    def _display_hardest(self, top: int) -> tuple[tuple[LabelStats, ...], int, int]:
        """What the text and the pictures show as hardest: ``(labels, min_count, imperfect)``,
        labels with at least 5 masks when there are such, and how many of those score below F1 1."""
        min_count = 5 if any(s.count >= 5 for s in self.per_label) else 1
        imperfect = sum(1 for s in self.per_label if s.count >= min_count and not s.f1_vector >= 1.0)
        return self.hardest_labels(top, min_count=min_count), min_count, imperfect

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with stable keys.

        Top level: ``source, lexicon, format``; the paper's ``vrate, acc_lexical,
        acc_vector, f1_vector, acc_vector_dims``; counts ``n_rows, n_masks, n_invalid,
        n_skipped, n_valid_masks``; the project's ``cosine_similarity, wheel_similarity,
        intensity_abs_diff, intensity_bias, sentiment_agreement, dominant_agreement``;
        ``ci`` (metric → ``[low, high]``), ``ci_method`` (``bootstrap``, ``normal`` or
        ``none``), ``bootstrap``, ``seed``, ``confidence``; ``per_dimension`` (dimension →
        ``{precision, recall, f1, support, predicted}``); ``per_label`` (list, hardest
        first); ``confusion`` (``{labels, matrix}``, gold rows × predicted columns);
        ``skipped`` (messages of skipped rows). Undefined numbers are ``null``.
        """
        out: dict[str, Any] = {"source": self.source, "lexicon": self.lexicon, "format": self.format}
        for name in PAPER_METRICS:
            out[name] = _json_number(self.metrics[name])
        out.update(
            n_rows=self.n_rows,
            n_masks=self.n_masks,
            n_invalid=self.n_invalid,
            n_skipped=self.n_skipped,
            n_valid_masks=self.n_valid_masks,
        )
        for name in HEADLINE_METRICS[len(PAPER_METRICS):]:
            out[name] = _json_number(self.metrics[name])
        out["ci"] = {k: [_json_number(lo), _json_number(hi)] for k, (lo, hi) in self.ci.items()}
        out.update(ci_method=self.ci_method, bootstrap=self.bootstrap, seed=self.seed, confidence=self.confidence)
        out["per_dimension"] = {d.name: d.to_dict() for d in self.per_dimension}
        out["per_label"] = [s.to_dict() for s in self.per_label]
        out["confusion"] = {"labels": list(self.confusion_labels), "matrix": [list(r) for r in self.confusion]}
        out["skipped"] = list(self.skipped)
        return out

    # -- per-mask rows
    PER_MASK_FIELDS: ClassVar[tuple[str, ...]] = (
        "line", "row", "mask", "gold", "predicted", "valid", "exact", "vector_equal", "f1",
        "dims_agreement", "cosine", "wheel_similarity", "intensity_diff", "sentiment_agree",
        "gold_dominant", "pred_dominant",
    )

    def per_mask(self) -> Iterator[dict[str, Any]]:
        """Yield one dict per mask with the fields of :attr:`PER_MASK_FIELDS`.

        ``line`` is the line of the source file, ``row``/``mask`` are 1-based positions,
        ``predicted`` is empty and the metrics ``None`` for masks of invalid rows.
        """
        for values in self._per_mask_tuples():
            yield dict(zip(self.PER_MASK_FIELDS, values))

    def _per_mask_tuples(self) -> Iterator[tuple[Any, ...]]:
        if self._data is None:
            raise ExpressLexiconError("this report carries no per-mask data")
        p = self._data.predictions
        pm = self._data.per_mask
        vocab = p.vocab
        valid_all = p.mask_valid
        position_all = p.mask_position + 1
        names = self._data.dominant()
        metric_all = [pm[k] for k in ("exact", "vec_equal", "f1", "dims", "cosine", "wheel", "diff", "sentiment")]
        # A chunk at a time: Python objects for 65,536 masks, never for the whole file.
        chunk = 1 << 16
        for start in range(0, p.n_masks, chunk):
            end = min(start + chunk, p.n_masks)
            mask_row = p.mask_row[start:end]
            lines = p.row_lines[mask_row].tolist()
            rows = (mask_row + 1).tolist()
            pos = position_all[start:end].tolist()
            cols = [a[start:end].tolist() for a in metric_all]
            gold = p.gold_ids[start:end].tolist()
            pred = p.pred_ids[start:end].tolist()
            for i, (g, pr, ok) in enumerate(zip(gold, pred, valid_all[start:end].tolist())):
                if ok:
                    yield (
                        lines[i], rows[i], pos[i], vocab[g], vocab[pr], True,
                        bool(cols[0][i]), bool(cols[1][i]), round(cols[2][i], 6), round(cols[3][i], 6),
                        round(cols[4][i], 6), round(cols[5][i], 6), round(cols[6][i], 6), bool(cols[7][i]),
                        names[g], names[pr],
                    )
                else:
                    yield (lines[i], rows[i], pos[i], vocab[g], "", False, False, False,
                           None, None, None, None, None, None, names[g], "")

    def plot(self, *, top: int = 10) -> Any:
        """Per-emotion precision/recall, the dominant-emotion confusion and the hardest
        labels as a matplotlib figure (needs the ``plot`` extra)."""
        from .plot import plot_report

        return plot_report(self, top=top)

    # -- text
    def render(self, *, top: int = 10) -> str:
        """A readable multi-section text table (what ``express-lexicon evaluate`` prints):
        the headline metrics with their intervals, per-dimension scores, the ``top``
        hardest gold labels (0: none), the dominant-emotion confusion and skipped rows."""
        out = self._render_header()
        out.append("")
        out.extend(self._render_metrics())
        out.append("")
        out.append("per dimension (binary vectors, masks of valid rows)")
        out.append(f"  {'dimension':<13}{'precision':>10}{'recall':>8}{'F1':>8}{'gold':>8}{'pred':>8}")
        for d in self.per_dimension:
            out.append(
                f"  {d.name:<13}{_fmt(d.precision):>10}{_fmt(d.recall):>8}{_fmt(d.f1):>8}{d.support:>8,}{d.predicted:>8,}"
            )
        out.append("")
        if top > 0:
            out.extend(self._render_hardest(top))
            out.append("")
        out.append("dominant emotion confusion (rows gold, columns predicted; masks of valid rows)")
        short = [lab[:5] for lab in self.confusion_labels]
        width = max(6, max((len(_count(v)) for r in self.confusion for v in r), default=1) + 1)
        out.append("  " + " " * 13 + "".join(f"{s:>{width}}" for s in short))
        for lab, row in zip(self.confusion_labels, self.confusion):
            out.append(f"  {lab:<13}" + "".join(f"{_count(v):>{width}}" for v in row))
        out.append("  (a word whose strongest emotions tie splits its count evenly between them)")
        if self.skipped:
            out.append("")
            out.append(f"skipped rows ({self.n_skipped:,}; first {len(self.skipped)}):")
            out.extend(f"  {printable(m)}" for m in self.skipped)
        return _lines(out)

    def _render_header(self) -> list[str]:
        inv = f"{self.n_invalid:,} invalid ({_pct(self.n_invalid, self.n_rows)})"
        skip = f", {self.n_skipped:,} skipped" if self.n_skipped else ""
        return [f"predictions: {printable(self.source)}  [{self.format}]",
                f"lexicon:     {printable(self.lexicon)}",
                f"rows:        {self.n_rows:,} ({inv}{skip}); masks: {self.n_masks:,}"]

    def _render_metrics(self, indent: str = "") -> list[str]:
        level = f"{self.confidence:.0%} CI ({self.ci_method})" if self.ci else ""
        out = [f"{indent}{'metric':<8} {'':<40} {'value':>7}  {level}"]
        for name in HEADLINE_METRICS:
            if name == "cosine_similarity":
                out.append(f"{indent}  -- beyond the paper (masks of valid rows) --")
            lo, hi = self.ci.get(name, (math.nan, math.nan))
            ci = f"[{_fmt(lo)}, {_fmt(hi)}]" if name in self.ci else ""
            out.append(f"{indent}{METRIC_LABELS[name]:<8} {_METRIC_TEXT[name]:<40} {_fmt(self.metrics[name]):>7}  {ci}")
        return out

    def _render_hardest(self, top: int, indent: str = "") -> list[str]:
        hardest, min_count, imperfect = self._display_hardest(top)
        note = f", at least {min_count} masks" if min_count > 1 else ""
        counted = sum(1 for s in self.per_label if s.count >= min_count)
        if not hardest:
            scope = f" with at least {min_count} masks" if min_count > 1 else ""
            return [f"{indent}hardest gold labels: none; every one of the {counted:,} labels{scope} has vector F1 1.00"]
        out = [f"{indent}hardest gold labels (lowest vector F1{note}; {imperfect:,} of {counted:,} labels below 1.00)",
               f"{indent}  {'label':<18}{'masks':>7}{'AccL':>7}{'AccV':>7}{'F1V':>7}  most common prediction"]
        for s in hardest:
            top_pred = f"{printable(s.top_prediction)} ({s.top_prediction_count})" if s.top_prediction else "-"
            flag = "  [no vector]" if s.gold_vector_empty else ""
            out.append(
                f"{indent}  {_clip(printable(s.label), 17):<18}{s.count:>7,}{_fmt(s.acc_lexical, 2):>7}"
                f"{_fmt(s.acc_vector, 2):>7}{_fmt(s.f1_vector, 2):>7}  {top_pred}{flag}"
            )
        return out

    def _repr_html_(self) -> str:
        """Notebook display: the metrics with their intervals and bars, per-dimension
        scores, the hardest labels and the confusion as tables."""
        from ._display import report_html

        return report_html(self)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Comparison:
    """Several reports ranked by one metric, with paired differences when the gold agrees.

    ``reports`` is ranked best first; the first is the *reference* the others are measured
    against. ``differences[i]`` (for ``i ≥ 1``) is ``(d, low, high)`` with
    ``d = reference − reports[i]`` on ``sort_by`` and its confidence interval, or ``None``
    when the two files do not hold the same gold words in the same rows (then only
    unpaired comparison is possible). :attr:`differences_to_reference` gives the same
    numbers the way the text prints them: ``reports[i] − reference``.
    """

    reports: tuple[Report, ...]
    sort_by: str
    same_gold: bool
    differences: tuple[tuple[float, float, float] | None, ...]

    @property
    def reference(self) -> Report:
        """The report every other is compared with: the best one by :attr:`sort_by`."""
        return self.reports[0]

    @property
    def differences_to_reference(self) -> tuple[tuple[float, float, float] | None, ...]:
        """Per report, ``(model − reference, low, high)`` on :attr:`sort_by`: negative when
        the model scores lower than the reference. ``None`` for the reference itself and
        for unpaired files."""
        return tuple(None if d is None else (-d[0], -d[2], -d[1]) for d in self.differences)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with stable keys: ``sort_by``, ``same_gold``, ``reference``
        (source of the first-ranked model), ``models`` (best first: ``rank``, every key of
        :meth:`Report.to_dict`, ``difference_to_reference`` and ``difference_to_best``).

        ``difference_to_reference`` is ``[model − reference, low, high]`` on ``sort_by``
        (negative: the model scores lower); ``difference_to_best`` holds the same
        difference the other way round, ``[reference − model, low, high]`` (kept from
        earlier versions). Both are ``null`` for the reference and for unpaired files.
        """
        models = []
        for rank, (r, diff, to_ref) in enumerate(zip(self.reports, self.differences, self.differences_to_reference),
                                                  start=1):
            d = {"rank": rank, **r.to_dict()}
            d["difference_to_reference"] = None if to_ref is None else [_json_number(x) for x in to_ref]
            d["difference_to_best"] = None if diff is None else [_json_number(x) for x in diff]
            models.append(d)
        return {"sort_by": self.sort_by, "same_gold": self.same_gold, "reference": self.reference.source,
                "models": models}

    def plot(self, *, top: int = 10) -> Any:
        """The models side by side as a matplotlib figure (needs the ``plot`` extra)."""
        from .plot import plot_report

        return plot_report(self, top=top)

    def render(self, *, top: int = 10) -> str:
        """The ranking (one line per model, best first), each model's difference to the
        reference, then per model its metrics with intervals and its ``top`` hardest gold
        labels (0: none)."""
        cols = [m for m in HEADLINE_METRICS if m not in ("intensity_bias",)]
        names = [printable(n) for n in _model_names(self.reports)]
        name_w = min(40, max(5, *(len(n) for n in names)))
        label = METRIC_LABELS.get(self.sort_by, self.sort_by)
        head = f"{'rank':<5}{'model':<{name_w + 2}}" + "".join(f"{METRIC_LABELS[m]:>8}" for m in cols)
        head += f"{'masks':>9}{'invalid':>9}"
        order = "lower is better" if self.sort_by in LOWER_IS_BETTER else "higher is better"
        out = [f"models ranked by {label} ({_METRIC_TEXT.get(self.sort_by, self.sort_by)}; {order})", head]
        for rank, (r, model) in enumerate(zip(self.reports, names), start=1):
            name = _clip(model, name_w)
            line = f"{rank:<5}{name:<{name_w + 2}}" + "".join(f"{_fmt(r.metrics[m]):>8}" for m in cols)
            line += f"{r.n_masks:>9,}{r.n_invalid:>9,}"
            out.append(line)
        if len(self.reports) > 1:
            out.append("")
            ref = self.reference
            if self.same_gold:
                out.append(f"paired difference on {label}: each model − {names[0]} (the reference, ranked first); "
                           f"{ref.confidence:.0%} CI, {ref.ci_method}")
                for model, diff in zip(names[1:], self.differences_to_reference[1:]):
                    if diff is None:
                        continue
                    d, lo, hi = diff
                    sig = "" if lo <= 0 <= hi else "  *"
                    out.append(f"  {_clip(model, name_w):<{name_w}}  {d:+.4f}  [{lo:+.4f}, {hi:+.4f}]{sig}")
                worse = "positive" if self.sort_by in LOWER_IS_BETTER else "negative"
                out.append(f"  ({worse}: the model does worse than the reference; * the interval excludes 0)")
            else:
                out.append("note: the files do not hold the same gold labels in the same rows; "
                           "no paired differences")
            lexicons = {r.lexicon for r in self.reports}
            if len(lexicons) > 1:
                out.append("note: the reports used different lexicons")
        for rank, (r, model) in enumerate(zip(self.reports, names), start=1):
            out.append("")
            out.append(f"== {rank}. {model} ==")
            out.extend(r._render_header()[1:])
            out.extend(r._render_metrics(indent="  "))
            if top > 0:
                out.extend(r._render_hardest(top, indent="  "))
        out.append("")
        out.append("per-dimension scores and the dominant-emotion confusion: `express-lexicon evaluate FILE` "
                   "for one model, or --json for all")
        return _lines(out)

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        """Notebook display: the ranking with bars and the paired differences."""
        from ._display import comparison_html

        return comparison_html(self)


# --- evaluation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResolvedLexicon:
    """A vector source with a human description (``paper table PATH (16,019 words)``).

    Returned by :func:`resolve_lexicon`; pass it as ``lexicon=`` to evaluate many files
    against one loaded lexicon. ``is_paper`` is True for a paper-style table (its float
    vectors are its binary ones).
    """

    source: VectorSource
    description: str
    is_paper: bool = False

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """The source's float vectors (see :class:`~express_lexicon.metrics.VectorSource`)."""
        return self.source.vectors(words)

    def binary_vectors(self, words: Sequence[str]) -> np.ndarray:
        """The source's binary vectors."""
        return self.source.binary_vectors(words)


def resolve_lexicon(lexicon: object = None) -> ResolvedLexicon:
    """Turn the ``lexicon`` argument of :func:`evaluate` into a :class:`ResolvedLexicon`.

    ``None`` → the project's decomposer (``express_lexicon.decomposer.default_lexicon()``,
    imported only then); a path → :meth:`PaperTable.load` (raising
    :class:`ResourceFormatError` for a bad file); a :class:`PaperTable` or any object with
    ``vectors`` and ``binary_vectors`` → itself; a :class:`ResolvedLexicon` → itself.
    Anything else raises :class:`ExpressLexiconError`, as does a missing decomposer.
    """
    from .sources.paper_table import PaperTable

    if isinstance(lexicon, ResolvedLexicon):
        return lexicon
    if lexicon is None:
        try:
            from .decomposer import default_lexicon  # type: ignore[attr-defined]
        except ImportError as exc:
            raise ExpressLexiconError(
                f"the project's decomposer is not available ({exc}); pass a paper-style table with --lexicon PATH"
            ) from None
        return ResolvedLexicon(default_lexicon(), "express-lexicon decomposer")
    if isinstance(lexicon, (str, os.PathLike)):
        lexicon = PaperTable.load(lexicon)
    if isinstance(lexicon, PaperTable):
        where = lexicon.path or "memory"
        return ResolvedLexicon(lexicon, f"paper table {where} ({len(lexicon):,} words)", is_paper=True)
    if callable(getattr(lexicon, "vectors", None)) and callable(getattr(lexicon, "binary_vectors", None)):
        return ResolvedLexicon(lexicon, type(lexicon).__name__)  # type: ignore[arg-type]
    raise ExpressLexiconError(
        f"lexicon must be None, a path, a PaperTable or a vector source; got {type(lexicon).__name__}"
    )


def evaluate(
    predictions: str | os.PathLike[str] | Predictions,
    *,
    lexicon: object = None,
    format: Format = "auto",
    gold_column: str | None = None,
    pred_column: str | None = None,
    skip_bad_rows: bool = False,
    bootstrap: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Evaluate a predictions file (or parsed :class:`Predictions`) and return a :class:`Report`.

    ``lexicon``: ``None`` for the project's decomposer, a path to a paper-style table
    (exact paper semantics), a :class:`PaperTable` or any vector source. Load a table
    once and pass the object when evaluating several files. ``format``,
    ``gold_column``, ``pred_column``, ``skip_bad_rows`` and ``progress`` go to
    :func:`~express_lexicon.predictions.read_predictions`. ``bootstrap`` is the number of
    resamples for the confidence intervals (0: no intervals), ``seed`` makes them
    reproducible, ``confidence`` is their level.

    Raises :class:`PredictionsFormatError` for a bad predictions file,
    :class:`ResourceFormatError` for a bad table and :class:`ExpressLexiconError` for a
    bad argument; never a bare exception for bad input.
    """
    if not 0.0 < confidence < 1.0:
        raise ExpressLexiconError(f"confidence must be between 0 and 1, got {confidence!r}")
    if bootstrap < 0:
        raise ExpressLexiconError(f"bootstrap must be 0 or more resamples, got {bootstrap!r}")
    if not isinstance(seed, (int, np.integer)) or seed < 0:  # numpy's generators take non-negative integers
        raise ExpressLexiconError(f"seed must be an integer of 0 or more, got {seed!r}")
    resolved = resolve_lexicon(lexicon)
    if isinstance(predictions, Predictions):
        preds = predictions
    else:
        preds = read_predictions(
            predictions,
            format=format,
            gold_column=gold_column,
            pred_column=pred_column,
            skip_bad_rows=skip_bad_rows,
            progress=progress,
        )
    return _evaluate(preds, resolved, bootstrap, seed, confidence)


def evaluate_many(
    paths: Sequence[str | os.PathLike[str] | Predictions], *, lexicon: object = None, **options: Any
) -> list[Report]:
    """Evaluate several files against one lexicon (loaded once); options as :func:`evaluate`."""
    resolved = resolve_lexicon(lexicon)
    return [evaluate(p, lexicon=resolved, **options) for p in paths]


def _vocab_vectors(lexicon: ResolvedLexicon, vocab: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Binary and float vectors of every word, plus a trailing all-zero row for id -1."""
    words = list(vocab)
    b = np.asarray(lexicon.binary_vectors(words))
    f = b.astype(np.float64) if lexicon.is_paper else np.asarray(lexicon.vectors(words), dtype=np.float64)
    for arr, what in ((b, "binary_vectors"), (f, "vectors")):
        if arr.shape != (len(words), len(DIMENSIONS)):
            raise ExpressLexiconError(
                f"{lexicon.description}: {what} returned shape {arr.shape}, expected ({len(words)}, {len(DIMENSIONS)})"
            )
    bp = np.zeros((len(words) + 1, len(DIMENSIONS)), dtype=bool)
    bp[:-1] = b.astype(bool) if b.dtype == np.bool_ else b > 0.5
    fp = np.zeros((len(words) + 1, len(DIMENSIONS)), dtype=np.float64)
    fp[:-1] = np.nan_to_num(f, nan=0.0)
    return bp, fp


def _evaluate(p: Predictions, lexicon: ResolvedLexicon, bootstrap: int, seed: int, confidence: float) -> Report:
    n_rows, n_masks = p.n_rows, p.n_masks
    bvec, fvec = _vocab_vectors(lexicon, p.vocab)
    gid, pid = p.gold_ids, p.pred_ids  # pid == -1 reaches the trailing zero row
    valid = p.mask_valid
    exact = (gid == pid) & valid

    # Every metric but ``exact`` depends only on the two vectors, so compute each metric
    # once per distinct (gold vector, predicted vector) pair and gather the results per
    # mask: a paper table has a few hundred distinct vectors, so a million masks need
    # only thousands of metric evaluations.
    pair, pair_g, pair_p = _vector_pairs(bvec, fvec, gid, pid)
    ub, uf = pair_g
    vb, vf = pair_p
    pair_metrics = {
        "vec_equal": M.vector_equal(ub, vb),
        "f1": M.binary_f1(ub, vb),
        "dims": M.dimension_agreement(ub, vb),
        "cosine": M.cosine_similarity(uf, vf),
        "wheel": M.wheel_similarity(uf, vf),
        "diff": M.intensity_difference(uf, vf),
        "sentiment": M.sentiment_agreement(uf, vf),
    }
    gdm, pdm = M.dominant_emotion_mask(uf), M.dominant_emotion_mask(vf)
    pair_metrics["dominant"] = (gdm & pdm).any(axis=1)
    pair_metrics["abs_diff"] = np.abs(pair_metrics["diff"])

    # Per-mask values are gathered from the per-pair tables when asked for, one metric at
    # a time: the report keeps one pair index per mask, not ten float arrays.
    pair = pair.astype(np.int32) if pair.shape[0] and ub.shape[0] < 2**31 else pair
    per_mask = _PerMask(exact, pair, valid, pair_metrics)

    # Per-row sums: the basis of the headline numbers and of their confidence intervals.
    row = p.mask_row
    stats = np.empty((n_rows, len(_COLS)), dtype=np.float64)
    stats[:, _C["rows"]] = 1.0
    stats[:, _C["valid_rows"]] = p.row_valid
    stats[:, _C["masks"]] = np.bincount(row, minlength=n_rows)
    stats[:, _C["valid_masks"]] = stats[:, _C["masks"]] * p.row_valid
    stats[:, _C["exact"]] = np.bincount(row, weights=exact, minlength=n_rows)
    for name in ("vec_equal", "f1", "dims", "cosine", "wheel", "abs_diff", "diff", "sentiment", "dominant"):
        stats[:, _C[name]] = np.bincount(row, weights=per_mask[name], minlength=n_rows)
    totals = stats.sum(axis=0)
    metric_values: dict[str, float] = {}
    for name in HEADLINE_METRICS:
        num, den = _RATIOS[name]
        metric_values[name] = float(totals[_C[num]] / totals[_C[den]]) if totals[_C[den]] > 0 else math.nan

    ci, ci_method = _confidence_intervals(stats, bootstrap, seed, confidence)

    # How many masks of valid rows each distinct pair stands for.
    weight = np.bincount(pair, weights=valid, minlength=ub.shape[0])

    # Per-dimension precision/recall/F1 over the masks of valid rows.
    tp = weight @ (ub & vb)
    support = weight @ ub
    predicted = weight @ vb
    per_dimension = tuple(
        _dimension_stats(name, float(tp[i]), float(support[i]), float(predicted[i]))
        for i, name in enumerate(DIMENSIONS)
    )

    # Confusion of dominant emotions: a mask whose gold (or prediction) ties between k
    # emotions spreads its unit weight evenly over those k rows (columns).
    gw = gdm / gdm.sum(axis=1, keepdims=True)
    pw = pdm / pdm.sum(axis=1, keepdims=True)
    confusion = (gw * weight[:, None]).T @ pw

    return Report(
        source=p.source,
        lexicon=lexicon.description,
        format=p.format,
        n_rows=n_rows,
        n_masks=n_masks,
        n_invalid=p.n_invalid,
        n_skipped=p.n_skipped,
        n_valid_masks=int(np.count_nonzero(valid)),
        metrics=metric_values,
        ci=ci,
        ci_method=ci_method,
        bootstrap=bootstrap,
        seed=seed,
        confidence=confidence,
        per_dimension=per_dimension,
        confusion_labels=_DOMINANT_LABELS,
        confusion=tuple(tuple(round(float(v), 6) for v in r) for r in confusion),
        skipped=p.skipped,
        _data=_MaskData(p, stats, per_mask, bvec, fvec),
    )


class _PerMask(Mapping[str, np.ndarray]):
    """The per-mask values of each metric (0 or False for masks of invalid rows), gathered
    on access from one value per distinct (gold, predicted) vector pair: memory holds a
    pair index per mask, not an array per metric."""

    def __init__(self, exact: np.ndarray, pair: np.ndarray, valid: np.ndarray,
                 tables: dict[str, np.ndarray]) -> None:
        self._exact, self._pair, self._valid, self._tables = exact, pair, valid, tables

    def __getitem__(self, name: str) -> np.ndarray:
        if name == "exact":
            return self._exact
        values = self._tables[name][self._pair]
        return values & self._valid if values.dtype == np.bool_ else np.where(self._valid, values, 0.0)

    def __iter__(self) -> Iterator[str]:
        return iter(("exact", *self._tables))

    def __len__(self) -> int:
        return 1 + len(self._tables)


def _vector_pairs(
    bvec: np.ndarray, fvec: np.ndarray, gid: np.ndarray, pid: np.ndarray
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Distinct (gold vector, predicted vector) pairs of the masks.

    Returns ``pair`` (per mask, the index of its distinct pair) and, for the gold and the
    predicted side, the binary and float vectors of each distinct pair.
    """
    # Distinct vectors among the vocabulary (binary and float together). When the float
    # vectors are the binary ones (a paper table), a 10-bit code identifies a vector.
    dims = len(DIMENSIONS)
    if np.array_equal(fvec, bvec):
        keys_v = bvec.astype(np.int64) @ (np.int64(1) << np.arange(dims, dtype=np.int64))
    else:
        both = np.ascontiguousarray(np.concatenate([fvec, bvec.astype(np.float64)], axis=1))
        keys_v = both.view(np.dtype((np.void, both.itemsize * both.shape[1]))).reshape(-1)
    _, first, vid = np.unique(keys_v, return_index=True, return_inverse=True)
    vid = vid.reshape(-1)
    uniq = np.concatenate([fvec[first], bvec[first].astype(np.float64)], axis=1)
    n_vec = uniq.shape[0]
    keys = vid[gid].astype(np.int64) * n_vec + vid[pid]
    if n_vec * n_vec <= 1 << 24:  # dense: no sort needed
        present = np.zeros(n_vec * n_vec, dtype=bool)
        present[keys] = True
        pair_keys = np.flatnonzero(present)
        lookup = np.zeros(n_vec * n_vec, dtype=np.int64)
        lookup[pair_keys] = np.arange(pair_keys.shape[0])
        pair = lookup[keys]
    else:
        pair_keys, pair = np.unique(keys, return_inverse=True)
        pair = pair.reshape(-1)
    g, q = np.divmod(pair_keys, n_vec)
    uf, ub = uniq[:, :dims], uniq[:, dims:] > 0.5
    return pair, (ub[g], uf[g]), (ub[q], uf[q])


def _dimension_stats(name: str, tp: float, support: float, predicted: float) -> DimensionStats:
    precision = tp / predicted if predicted else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DimensionStats(name, precision, recall, f1, int(round(support)), int(round(predicted)))


def _per_label(
    p: Predictions, bvec: np.ndarray, exact: np.ndarray, veq: np.ndarray, f1: np.ndarray, valid: np.ndarray
) -> tuple[LabelStats, ...]:
    n_vocab = len(p.vocab)
    gid = p.gold_ids
    count = np.bincount(gid, minlength=n_vocab)
    n_valid = np.bincount(gid, weights=valid, minlength=n_vocab)
    s_exact = np.bincount(gid, weights=exact, minlength=n_vocab)
    s_veq = np.bincount(gid, weights=veq, minlength=n_vocab)
    s_f1 = np.bincount(gid, weights=f1, minlength=n_vocab)
    labels = np.flatnonzero(count)
    # Most common prediction per label (masks of valid rows only).
    top_word = np.full(n_vocab, -1, dtype=np.int64)
    top_count = np.zeros(n_vocab, dtype=np.int64)
    if valid.any():
        keys = gid[valid].astype(np.int64) * n_vocab + p.pred_ids[valid]
        uniq, cnt = np.unique(keys, return_counts=True)
        g = uniq // n_vocab
        order = np.lexsort((-cnt, g))  # by label, then by count descending
        first = order[np.r_[True, g[order][1:] != g[order][:-1]]]
        top_word[g[first]] = uniq[first] % n_vocab
        top_count[g[first]] = cnt[first]
    empty = ~bvec[:-1].any(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1_mean = np.where(n_valid > 0, s_f1 / np.maximum(n_valid, 1), np.nan)
    acc_v = s_veq / np.maximum(count, 1)
    # Hardest first: lowest F1 (undefined last), then lowest AccV, then most masks.
    sort_f1 = np.where(np.isnan(f1_mean), np.inf, f1_mean)
    order = labels[np.lexsort((-count[labels], acc_v[labels], sort_f1[labels]))]
    vocab = p.vocab
    return tuple(
        LabelStats(
            label=vocab[i],
            count=int(count[i]),
            n_invalid=int(count[i] - n_valid[i]),
            acc_lexical=float(s_exact[i] / count[i]),
            acc_vector=float(acc_v[i]),
            f1_vector=float(f1_mean[i]),
            top_prediction=vocab[top_word[i]] if top_word[i] >= 0 else None,
            top_prediction_count=int(top_count[i]),
            gold_vector_empty=bool(empty[i]),
        )
        for i in order.tolist()
    )


# --- confidence intervals --------------------------------------------------------------------
def _confidence_intervals(
    stats: np.ndarray, n_boot: int, seed: int, confidence: float
) -> tuple[dict[str, tuple[float, float]], str]:
    if n_boot <= 0 or stats.shape[0] == 0:
        return {}, "none"
    n = stats.shape[0]
    nums = np.array([_C[_RATIOS[m][0]] for m in HEADLINE_METRICS])
    dens = np.array([_C[_RATIOS[m][1]] for m in HEADLINE_METRICS])
    if n * n_boot <= BOOTSTRAP_MAX_WORK:
        totals = _bootstrap_totals(stats, n_boot, seed)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = totals[:, nums] / totals[:, dens]
        alpha = (1.0 - confidence) / 2.0
        lo, hi = _nanquantiles(values, alpha)
        method = "bootstrap"
    else:
        lo, hi = _normal_ratio_ci(stats[:, nums], stats[:, dens], confidence)
        method = "normal"
    out: dict[str, tuple[float, float]] = {}
    for i, name in enumerate(HEADLINE_METRICS):
        a, b = _RANGE.get(name, (0.0, 1.0))
        out[name] = (float(np.clip(lo[i], a, b)), float(np.clip(hi[i], a, b)))
    return out, method


def _bootstrap_totals(stats: np.ndarray, n_boot: int, seed: int, extra: np.ndarray | None = None) -> np.ndarray:
    """Column sums of ``stats`` (and ``extra``) for ``n_boot`` row resamples: ``(n_boot, k)``."""
    n = stats.shape[0]
    rng = np.random.default_rng(seed)
    mats = stats if extra is None else np.hstack([stats, extra])
    chunk = max(1, _BOOTSTRAP_CHUNK // n)
    parts = []
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        idx = rng.integers(0, n, size=(b, n), dtype=np.int64)
        idx += (np.arange(b, dtype=np.int64) * n)[:, None]
        counts = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(np.float64)
        parts.append(counts @ mats)
    return np.vstack(parts)


def _nanquantiles(values: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    if np.isnan(values).any():  # resamples without a valid row; a column may be all-NaN
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.nanquantile(values, alpha, axis=0), np.nanquantile(values, 1.0 - alpha, axis=0)
    q = np.quantile(values, [alpha, 1.0 - alpha], axis=0)
    return q[0], q[1]


def _z(confidence: float) -> float:
    if abs(confidence - 0.95) < 1e-12:
        return 1.959963984540054
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def _ratio_influence(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ratio ``Σa/Σb`` per column and each row's linearised influence on it."""
    sa, sb = a.sum(axis=0), b.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = sa / sb
        infl = (a - r * b) / sb
    return r, infl


def _normal_ratio_ci(a: np.ndarray, b: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    n = a.shape[0]
    r, infl = _ratio_influence(a, b)
    se = np.sqrt(n / max(n - 1, 1) * np.einsum("ij,ij->j", infl, infl))
    z = _z(confidence)
    return r - z * se, r + z * se


# --- comparing models ------------------------------------------------------------------------
def compare_reports(reports: Sequence[Report], *, sort_by: str = "f1_vector") -> Comparison:
    """Rank reports by ``sort_by`` (best first) and compute paired differences to the best.

    When every report holds the same gold words in the same rows (the same test set),
    the difference best − other on ``sort_by`` gets a paired confidence interval over
    the same row resamples (bootstrap, or the normal approximation for large files),
    using the first report's ``bootstrap``, ``seed`` and ``confidence``. Raises
    :class:`ExpressLexiconError` for an unknown metric or an empty list.
    """
    if not reports:
        raise ExpressLexiconError("no reports to compare")
    if sort_by not in HEADLINE_METRICS:
        raise ExpressLexiconError(f"unknown metric {sort_by!r}; choose one of {', '.join(HEADLINE_METRICS)}")
    sign = 1.0 if sort_by in LOWER_IS_BETTER else -1.0

    def key(r: Report) -> float:
        v = r.metrics[sort_by]
        return math.inf if math.isnan(v) else sign * v

    ranked = tuple(sorted(reports, key=key))
    same = len(ranked) > 1 and all(_same_gold(ranked[0], r) for r in ranked[1:])
    diffs: list[tuple[float, float, float] | None] = [None]
    for r in ranked[1:]:
        diffs.append(_paired_difference(ranked[0], r, sort_by) if same else None)
    return Comparison(ranked, sort_by, same, tuple(diffs))


def _same_gold(a: Report, b: Report) -> bool:
    if a._data is None or b._data is None or a.n_masks != b.n_masks or a.n_rows != b.n_rows:
        return False
    pa, pb = a._data.predictions, b._data.predictions
    if not np.array_equal(pa.mask_row, pb.mask_row):
        return False
    va = np.asarray(pa.vocab, dtype=object)
    vb = np.asarray(pb.vocab, dtype=object)
    return bool(np.array_equal(va[pa.gold_ids], vb[pb.gold_ids]))


def _paired_difference(best: Report, other: Report, metric: str) -> tuple[float, float, float]:
    assert best._data is not None and other._data is not None
    num, den = (_C[c] for c in _RATIOS[metric])
    sa, sb = best._data.row_stats, other._data.row_stats
    d = best.metrics[metric] - other.metrics[metric]
    n = sa.shape[0]
    n_boot = best.bootstrap or 1000
    if n * n_boot <= BOOTSTRAP_MAX_WORK:
        cols = np.stack([sa[:, num], sa[:, den], sb[:, num], sb[:, den]], axis=1)
        t = _bootstrap_totals(cols, n_boot, best.seed)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = t[:, 0] / t[:, 1] - t[:, 2] / t[:, 3]
        lo, hi = _nanquantiles(values[:, None], (1.0 - best.confidence) / 2.0)
        return float(d), float(lo[0]), float(hi[0])
    _, ia = _ratio_influence(sa[:, [num]], sa[:, [den]])
    _, ib = _ratio_influence(sb[:, [num]], sb[:, [den]])
    z = ia - ib
    se = float(np.sqrt(n / max(n - 1, 1) * float((z * z).sum())))
    q = _z(best.confidence)
    return float(d), float(d - q * se), float(d + q * se)


# --- output helpers --------------------------------------------------------------------------
def write_per_mask_csv(reports: Sequence[Report], handle: TextIO, *, raw: bool = False) -> int:
    """Write the per-mask rows of one or more reports as CSV to ``handle``; returns the row count.

    With several reports a leading ``source`` column names the file of each row. Text
    cells (words, file names) are made safe for terminals and spreadsheets: control
    characters escaped, and a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return prefixed with ``'`` (OWASP's advice against formula injection; see
    :mod:`express_lexicon._output`). Numbers stay numbers. ``raw=True`` writes every cell
    as it is.
    """
    import csv

    from ._output import csv_cell

    writer = csv.writer(handle, lineterminator="\n")
    several = len(reports) > 1
    writer.writerow((("source",) if several else ()) + Report.PER_MASK_FIELDS)
    n = 0
    for r in reports:
        prefix = (csv_cell(r.source, raw),) if several else ()
        for values in r._per_mask_tuples():
            writer.writerow(prefix + tuple("" if v is None else csv_cell(v, raw) for v in values))
            n += 1
    return n


def _model_names(reports: Sequence[Report]) -> list[str]:
    """File names of the reports' sources; full paths when two share a file name."""
    names = [os.path.basename(r.source) for r in reports]
    return names if len(set(names)) == len(names) else [r.source for r in reports]


def _json_number(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, (np.floating, np.integer)):
        return _json_number(v.item())
    return v


def _fmt(v: float, digits: int = 4) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.{digits}f}"


def _count(v: float) -> str:
    return f"{v:,.0f}" if abs(v - round(v)) < 1e-6 else f"{v:,.1f}"


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.1f}%" if b else "n/a"


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def _lines(lines: Sequence[str]) -> str:
    """The lines as one text, without trailing spaces (empty cells at a line's end)."""
    return "\n".join(line.rstrip() for line in lines)
