"""How robust is a conclusion about language models to the way terms are decomposed?

Every vector metric of an evaluation depends on the table that turns words into
emotions, and published tables disagree (two GoEmotions → Plutchik mappings agree with
κ = 0.145). :func:`evaluate_robustness` scores the same predictions files under several
*decomposition sources* at once and says, per metric, whether the ranking of the models
changes:

- ``decomposer`` -- the project's graded decomposer;
- ``decomposer-binary`` -- the same decompositions as 0/1 vectors (a dimension counts
  from :data:`~express_lexicon.decomposer.BINARY_THRESHOLD`), scored like a paper table,
  so the difference between graded and binary scoring shows on its own;
- one source per paper-style table (``--lexicon`` in the command line), named by file.

For each metric the :class:`RobustnessReport` holds the value (and confidence interval)
of every model under every source, the ranking of the models under each source, and for
every two sources Kendall's τ-b between their values of the models (1: the same order,
−1: reversed; ties count as in τ-b) with the pairs of models whose order is reversed.
VRate and AccL compare words, not vectors: they are the same under every source; the
signed intensity bias is not a score and ranks nothing (see :data:`RANKED_METRICS`).

>>> kendall_tau_b([1, 2, 3], [1, 3, 2])
0.3333333333333333
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import ExpressLexiconError
from .evaluation import (
    _METRIC_TEXT,
    HEADLINE_METRICS,
    LOWER_IS_BETTER,
    METRIC_LABELS,
    Report,
    ResolvedLexicon,
    _fmt,
    _json_number,
    _lines,
    _model_names,
    evaluate,
    resolve_lexicon,
)
from .predictions import Format, Predictions, read_predictions
from .text import printable

__all__ = [
    "RANKED_METRICS",
    "SOURCE_INDEPENDENT",
    "RobustnessReport",
    "SourceAgreement",
    "binary_decomposer",
    "evaluate_robustness",
    "kendall_tau_b",
    "write_per_mask_csv",
]

#: Metrics that compare words, not vectors: equal under every decomposition source.
SOURCE_INDEPENDENT: frozenset[str] = frozenset({"vrate", "acc_lexical"})
#: The headline metrics a robustness analysis ranks models by: all but ``intensity_bias``,
#: a signed tendency (more or less intense than gold) rather than a score.
RANKED_METRICS: tuple[str, ...] = tuple(m for m in HEADLINE_METRICS if m != "intensity_bias")
_MAX_SWAPS_SHOWN = 3


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's τ-b rank correlation of two equally long sequences (Kendall, M. G. 1945,
    "The treatment of ties in ranking problems", *Biometrika* 33(3):239–251).

    ``τ_b = (C − D) / sqrt((n₀ − n₁)(n₀ − n₂))`` over the ``n₀ = n(n−1)/2`` pairs, with
    ``C``/``D`` the concordant/discordant pairs and ``n₁``/``n₂`` the pairs tied in ``x``
    /``y``. Returns a float in [−1, 1], or NaN when it is undefined (fewer than two
    items, or every item tied in one sequence). Pairs with a NaN are left out. Raises
    :class:`ValueError` when the lengths differ. The direct O(n²) count is plenty for the
    handful of models a comparison ranks (scipy, which has it, is not a dependency).
    """
    if len(x) != len(y):
        raise ValueError(f"kendall_tau_b needs sequences of equal length, got {len(x)} and {len(y)}")
    items = [(float(a), float(b)) for a, b in zip(x, y) if not (math.isnan(float(a)) or math.isnan(float(b)))]
    n = len(items)
    concordant = discordant = ties_x = ties_y = 0
    for i in range(n):
        xi, yi = items[i]
        for j in range(i + 1, n):
            dx, dy = xi - items[j][0], yi - items[j][1]
            if dx == 0 and dy == 0:
                ties_x += 1
                ties_y += 1
            elif dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    pairs = n * (n - 1) // 2
    denominator = math.sqrt((pairs - ties_x) * (pairs - ties_y))
    if denominator == 0:
        return math.nan
    return (concordant - discordant) / denominator


class _BinaryDecomposer:
    """The project's decomposer seen as a paper table: its binary vectors only."""

    def __init__(self, lexicon: Any) -> None:
        self.lexicon = lexicon

    def binary_vectors(self, words: Sequence[str]) -> np.ndarray:
        return np.asarray(self.lexicon.binary_vectors(words), dtype=bool)

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        return self.binary_vectors(words).astype(np.float64)


def binary_decomposer(lexicon: Any = None) -> ResolvedLexicon:
    """The binary form of the project's decomposer (default lexicon, or ``lexicon``) as a
    vector source scored like a paper table: each dimension 1 from the lexicon's binary
    threshold, unknown words all zero."""
    if lexicon is None:
        from .decomposer import default_lexicon

        lexicon = default_lexicon()
    threshold = getattr(lexicon, "binary_threshold", None)
    note = f" (a dimension counts from {threshold:g})" if isinstance(threshold, float) else ""
    return ResolvedLexicon(_BinaryDecomposer(lexicon), f"express-lexicon decomposer, binary{note}", is_paper=True)


@dataclass(frozen=True)
class SourceAgreement:
    """How two sources order the models on one metric.

    ``kendall_tau``: Kendall's τ-b of the models' values under the two sources.
    ``swapped``: pairs ``(a, b)`` with ``a`` ahead of ``b`` under the first source and
    behind it under the second. ``tied``: pairs ordered under one source and tied under
    the other (``a`` the one ahead where they are ordered). The order is the same exactly
    when both are empty.
    """

    sources: tuple[str, str]
    kendall_tau: float
    swapped: tuple[tuple[str, str], ...]
    tied: tuple[tuple[str, str], ...] = ()

    @property
    def same_order(self) -> bool:
        """Whether the two sources rank the models identically (ties included)."""
        return not self.swapped and not self.tied

    def to_dict(self) -> dict[str, Any]:
        """``{sources, kendall_tau, swapped, tied}`` (τ ``null`` when undefined)."""
        return {"sources": list(self.sources), "kendall_tau": _json_number(self.kendall_tau),
                "swapped": [list(p) for p in self.swapped], "tied": [list(p) for p in self.tied]}


@dataclass(frozen=True)
class RobustnessReport:
    """The same models scored under several decomposition sources (see the module docstring).

    ``reports[s][m]`` is the :class:`~express_lexicon.evaluation.Report` of model ``m``
    (``models[m]``, read from ``paths[m]``) under source ``s`` (``sources[s]``, described
    by ``descriptions[s]``). The first source is the *reference* that the text compares
    the others with; ``sort_by`` is the metric of the one-line verdict.
    """

    sources: tuple[str, ...]
    descriptions: tuple[str, ...]
    models: tuple[str, ...]
    paths: tuple[str, ...]
    reports: tuple[tuple[Report, ...], ...]
    sort_by: str = "f1_vector"

    # -- numbers
    def values(self, metric: str) -> dict[str, dict[str, float]]:
        """``{source: {model: value}}`` of ``metric`` (NaN when undefined)."""
        _check_metric(metric)
        return {s: {m: r.metrics[metric] for m, r in zip(self.models, row)}
                for s, row in zip(self.sources, self.reports)}

    def ranking(self, metric: str, source: str) -> tuple[str, ...]:
        """The models under ``source``, best first on ``metric`` (ties in file order,
        undefined values last)."""
        values = self.values(metric)[self._source(source)]
        sign = 1.0 if metric in LOWER_IS_BETTER else -1.0
        return tuple(sorted(self.models, key=lambda m: math.inf if math.isnan(values[m]) else sign * values[m]))

    def agreement(self, metric: str, first: str, second: str) -> SourceAgreement:
        """Kendall's τ-b and the reversed pairs of models between two sources on ``metric``."""
        values = self.values(metric)
        a, b = values[self._source(first)], values[self._source(second)]
        tau = kendall_tau_b([a[m] for m in self.models], [b[m] for m in self.models])
        sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
        swapped, tied = [], []
        order = self.ranking(metric, first)
        for i, m1 in enumerate(order):
            for m2 in order[i + 1:]:
                da, db = sign * (a[m1] - a[m2]), sign * (b[m1] - b[m2])
                if math.isnan(da) or math.isnan(db):
                    continue
                if da > 0 and db < 0:
                    swapped.append((m1, m2))
                elif da > 0 and db == 0:
                    tied.append((m1, m2))
                elif da == 0 and db != 0:
                    tied.append((m1, m2) if db > 0 else (m2, m1))
        return SourceAgreement((first, second), tau, tuple(swapped), tuple(tied))

    def agreements(self, metric: str) -> tuple[SourceAgreement, ...]:
        """:meth:`agreement` for every two sources, in source order."""
        return tuple(self.agreement(metric, s, t) for i, s in enumerate(self.sources) for t in self.sources[i + 1:])

    def stable(self, metric: str) -> bool:
        """Whether every source ranks the models identically on ``metric`` (ties included)."""
        return all(a.same_order for a in self.agreements(metric))

    def _source(self, name: str) -> str:
        if name not in self.sources:
            raise ExpressLexiconError(f"unknown source {name!r}; the sources are {', '.join(self.sources)}")
        return name

    @property
    def vector_metrics(self) -> tuple[str, ...]:
        """The ranked metrics that depend on the decomposition (all but VRate and AccL)."""
        return tuple(m for m in RANKED_METRICS if m not in SOURCE_INDEPENDENT)

    # -- JSON
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with stable keys.

        ``sort_by``; ``reference`` (the first source's name); ``sources`` (list of
        ``{name, description}``); ``models`` (list of ``{name, source, n_rows, n_masks,
        n_invalid}``; ``source`` is the file); ``metrics``: every metric of
        :data:`RANKED_METRICS` (the headline metrics but ``intensity_bias``) →
        ``{depends_on_source, higher_is_better, values: {source: {model: value}},
        ci: {source: {model: [low, high]}}, ranking: {source: [models, best first]},
        agreement: [{sources: [a, b], kendall_tau, swapped: [[m1, m2], ...], tied: [...]}, ...]``
        for every two sources, ``stable}``. ``swapped`` lists pairs with ``m1`` ahead under
        ``a`` and behind under ``b``; ``tied`` pairs ordered under one of the two and tied
        under the other; ``stable`` is true when every source ranks the models identically.
        Undefined numbers are ``null``.
        """
        first = self.reports[0]
        out: dict[str, Any] = {
            "sort_by": self.sort_by,
            "reference": self.sources[0],
            "sources": [{"name": n, "description": d} for n, d in zip(self.sources, self.descriptions)],
            "models": [{"name": m, "source": p, "n_rows": r.n_rows, "n_masks": r.n_masks, "n_invalid": r.n_invalid}
                       for m, p, r in zip(self.models, self.paths, first)],
        }
        metrics: dict[str, Any] = {}
        for metric in RANKED_METRICS:
            values = self.values(metric)
            agreements = self.agreements(metric)
            metrics[metric] = {
                "depends_on_source": metric not in SOURCE_INDEPENDENT,
                "higher_is_better": metric not in LOWER_IS_BETTER,
                "values": {s: {m: _json_number(v) for m, v in row.items()} for s, row in values.items()},
                "ci": {s: {m: ([_json_number(x) for x in r.ci[metric]] if metric in r.ci else None)
                           for m, r in zip(self.models, row)}
                       for s, row in zip(self.sources, self.reports)},
                "ranking": {s: list(self.ranking(metric, s)) for s in self.sources},
                "agreement": [a.to_dict() for a in agreements],
                "stable": all(a.same_order for a in agreements),
            }
        out["metrics"] = metrics
        return out

    # -- text
    def verdict(self, metric: str | None = None) -> str:
        """One line on whether the ranking by ``metric`` (default :attr:`sort_by`) holds."""
        metric = metric or self.sort_by
        label = METRIC_LABELS[metric]
        if len(self.models) < 2:
            return f"{label}: one model; rankings need two or more"
        changes = []
        for other in self.sources[1:]:
            a = self.agreement(metric, self.sources[0], other)
            if not a.same_order:
                changes.append(f"{other} (τ = {_tau(a.kendall_tau)}; {_pairs(a)})")
        if not changes and self.stable(metric):
            return f"ranking by {label}: the same under every source"
        if not changes:
            return f"ranking by {label}: the same as under {self.sources[0]}, but other sources disagree (see below)"
        return f"ranking by {label} changes from {self.sources[0]} under " + "; ".join(changes)

    def render(self) -> str:
        """The text table: sources, the verdict, then per metric the value of every model
        under every source, Kendall's τ with the reference source and the reversed pairs."""
        keys = [f"[{i}]" for i in range(1, len(self.sources) + 1)]
        out = [f"robustness of conclusions: {len(self.models)} model(s) under {len(self.sources)} decomposition sources"]
        name_w = max(len(s) for s in self.sources)
        for key, name, description in zip(keys, self.sources, self.descriptions):
            out.append(f"  {key:<4} {printable(name):<{name_w}}  {printable(description)}")
        out.append(f"reference: [1] {printable(self.sources[0])}")
        out.append("")
        out.append(self.verdict())
        same = ", ".join(METRIC_LABELS[m] for m in RANKED_METRICS if m in SOURCE_INDEPENDENT)
        out.append(f"({same} compare words, not vectors: the same under every source)")
        models = [printable(m) for m in self.models]
        model_w = min(40, max(26, *(len(m) + 2 for m in models)))
        col_w = 9
        for metric in self.vector_metrics:
            values = self.values(metric)
            order = "lower is better" if metric in LOWER_IS_BETTER else "higher is better"
            out.append("")
            out.append(f"{METRIC_LABELS[metric]} ({_METRIC_TEXT[metric]}; {order})")
            out.append(f"{'':<{model_w}}" + "".join(f"{k:>{col_w}}" for k in keys))
            for model, shown in zip(self.models, models):
                cells = "".join(f"{_fmt(values[s][model]):>{col_w}}" for s in self.sources)
                out.append(f"  {_clip(shown, model_w - 2):<{model_w - 2}}{cells}")
            if len(self.models) < 2:
                continue
            agreements = [self.agreement(metric, self.sources[0], s) for s in self.sources[1:]]
            out.append(f"  {'Kendall τ with [1]':<{model_w - 2}}{'-':>{col_w}}"
                       + "".join(f"{_tau(a.kendall_tau):>{col_w}}" for a in agreements))
            for key, a in zip(keys[1:], agreements):
                if not a.same_order:
                    out.append(f"  changes under {key}: {printable(_pairs(a))}")
            if all(a.same_order for a in agreements) and not self.stable(metric):
                out.append("  (the same order as [1] under each source, but two other sources disagree: see --json)")
        out.append("")
        out.append("τ: Kendall's tau-b between the models' values under two sources (1 = same order, "
                   "-1 = reversed); every pair of sources is in --json")
        return _lines(out)

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        """Notebook display: the text table in a ``<pre>`` block."""
        import html

        return f'<pre class="express-lexicon">{html.escape(self.render())}</pre>'

    def plot(self, *, metrics: Sequence[str] | None = None) -> Any:
        """One panel per metric (default: the vector metrics): each model's value under
        each source, joined by a line, so crossing lines are reversed rankings; error
        bars are the confidence intervals. Needs the ``plot`` extra."""
        from .plot import plot_robustness

        return plot_robustness(self, metrics=metrics)


def _pairs(a: SourceAgreement) -> str:
    """``reversed x.csv ↔ y.csv; tied under one source only: x.csv / z.csv``, at most a few
    pairs of each kind."""

    def some(pairs: tuple[tuple[str, str], ...], join: str) -> str:
        shown = ", ".join(f"{m1}{join}{m2}" for m1, m2 in pairs[:_MAX_SWAPS_SHOWN])
        return shown + (f" and {len(pairs) - _MAX_SWAPS_SHOWN} more" if len(pairs) > _MAX_SWAPS_SHOWN else "")

    parts = []
    if a.swapped:
        parts.append("reversed " + some(a.swapped, " ↔ "))
    if a.tied:
        parts.append("tied under one source only: " + some(a.tied, " / "))
    return "; ".join(parts)


def _tau(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.2f}"


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def _check_metric(metric: str) -> None:
    if metric not in RANKED_METRICS:
        raise ExpressLexiconError(f"unknown metric {metric!r}; choose one of {', '.join(RANKED_METRICS)}")


def _source_names(paths: Sequence[str | None]) -> list[str]:
    names = [os.path.basename(p) if p else f"table {i + 1}" for i, p in enumerate(paths)]
    if len(set(names)) != len(names):
        names = [p or f"table {i + 1}" for i, p in enumerate(paths)]
    return names


def evaluate_robustness(
    predictions: Sequence[str | os.PathLike[str] | Predictions],
    *,
    lexicons: Sequence[object] = (),
    decomposer: bool = True,
    binary: bool = True,
    sort_by: str = "f1_vector",
    format: Format = "auto",
    gold_column: str | None = None,
    pred_column: str | None = None,
    skip_bad_rows: bool = False,
    bootstrap: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    progress: Callable[[str, int, int], None] | None = None,
) -> RobustnessReport:
    """Score every predictions file under every decomposition source; return a
    :class:`RobustnessReport`.

    The sources, in this order: the project's decomposer (``decomposer``), its binary
    form (``binary``), then each of ``lexicons`` (paths to paper-style tables, or
    :class:`~express_lexicon.sources.paper_table.PaperTable` objects). Each file is read
    once; the other options are those of :func:`~express_lexicon.evaluation.evaluate`.
    ``progress(path, done, total)`` is called while files are read.

    Raises :class:`ExpressLexiconError` when fewer than two sources or no file is given
    or ``sort_by`` is unknown, and what :func:`evaluate` raises for bad files and tables.
    """
    _check_metric(sort_by)
    if not predictions:
        raise ExpressLexiconError("no predictions files to evaluate")
    sources: list[tuple[str, ResolvedLexicon]] = []
    if decomposer:
        sources.append(("decomposer", resolve_lexicon(None)))
    if binary:
        sources.append(("decomposer-binary", binary_decomposer()))
    tables = [resolve_lexicon(t) for t in lexicons]
    table_paths = [getattr(t.source, "path", None) for t in tables]
    sources.extend(zip(_source_names(table_paths), tables))
    if len(sources) < 2:
        raise ExpressLexiconError("a robustness analysis needs at least two decomposition sources")
    parsed = []
    for item in predictions:
        if isinstance(item, Predictions):
            parsed.append(item)
            continue
        path = os.fspath(item)
        callback = None if progress is None else (lambda done, total, _p=path: progress(_p, done, total))
        parsed.append(read_predictions(path, format=format, gold_column=gold_column, pred_column=pred_column,
                                       skip_bad_rows=skip_bad_rows, progress=callback))
    reports = tuple(
        tuple(evaluate(p, lexicon=source, bootstrap=bootstrap, seed=seed, confidence=confidence) for p in parsed)
        for _, source in sources
    )
    return RobustnessReport(
        sources=tuple(name for name, _ in sources),
        descriptions=tuple(source.description for _, source in sources),
        models=tuple(_model_names(reports[0])),
        paths=tuple(r.source for r in reports[0]),
        reports=reports,
        sort_by=sort_by,
    )


def write_per_mask_csv(robustness: RobustnessReport, handle: Any, *, raw: bool = False) -> int:
    """Per-mask rows of every model under every source as CSV, with leading ``lexicon``
    (source name) and ``source`` (predictions file) columns; returns the row count. Text
    cells are made safe as :func:`express_lexicon.evaluation.write_per_mask_csv` makes
    them (``raw=True``: as they are)."""
    import csv

    from ._output import csv_cell

    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(("lexicon", "source") + Report.PER_MASK_FIELDS)
    n = 0
    for name, row in zip(robustness.sources, robustness.reports):
        for r in row:
            prefix = (csv_cell(name, raw), csv_cell(r.source, raw))
            for values in r._per_mask_tuples():
                writer.writerow(prefix + tuple("" if v is None else csv_cell(v, raw) for v in values))
                n += 1
    return n
