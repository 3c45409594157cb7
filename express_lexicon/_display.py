"""What a notebook shows: HTML for the result objects, and decompositions as a DataFrame.

``Decomposition``, ``Alignment``, ``Report``, ``Comparison`` and ``RobustnessReport`` each
have a ``_repr_html_`` that delegates here (IPython and Jupyter call it to display a
value). The HTML is self-contained: inline styles only, no scripts, every piece of data
escaped. A decomposition and an alignment carry their Plutchik flower as inline SVG when
matplotlib is installed (the ``plot`` extra), and say how to get it otherwise.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import theory
from .theory import DIMENSIONS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .decomposer import Decomposition, Lexicon
    from .evaluation import Comparison, Report
    from .scoring import Alignment

__all__ = [
    "FRAME_COLUMNS",
    "decompositions_frame",
    "decomposition_html",
    "alignment_html",
    "report_html",
    "comparison_html",
    "bar",
    "svg_of",
]

#: Columns of :func:`decompositions_frame` after the ten dimensions.
FRAME_COLUMNS: tuple[str, ...] = ("dominant", "dyad", "tier", "method", "confidence")
_SENTIMENT_COLOURS = {"positive": "#7fae7f", "negative": "#b07f8a"}
_BAR_COLOUR = "#0072B2"
_BAR_WIDTH = 120  # pixels at value 1.0
_TABLE = 'style="border-collapse:collapse;font-size:0.9em;margin:0 0 0.8em 0"'
_CELL = 'style="padding:1px 8px;text-align:{align}"'
_MUTED = 'style="color:#777;font-size:0.85em"'
_SPAN2 = ' colspan="2"'


# -- DataFrame ------------------------------------------------------------------------------
def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def decompositions_frame(lexicon: Lexicon, terms: Iterable[str] | str) -> pd.DataFrame:
    """Decompositions of ``terms`` as a DataFrame (see :meth:`Lexicon.to_frame`)."""
    import pandas as pd

    series = isinstance(terms, pd.Series)
    values: list[Any] = [terms] if isinstance(terms, str) else (terms.tolist() if series else list(terms))
    rows = []
    for value in values:
        if _missing(value):
            rows.append({"term": value})  # every other column NaN / None
            continue
        d = lexicon.decompose(value)
        row: dict[str, Any] = {"term": d.term, **d.as_dict()}
        row.update(dominant=",".join(d.dominant), dyad=d.dyad, tier=d.tier, method=d.method,
                   confidence=d.confidence)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["term", *DIMENSIONS, *FRAME_COLUMNS])
    for name in (*DIMENSIONS, "confidence"):
        frame[name] = frame[name].astype(float)
    if series:
        frame.index = terms.index
        return frame
    return frame.set_index("term")


# -- small pieces ---------------------------------------------------------------------------
def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _td(text: str, align: str = "left", extra: str = "") -> str:
    return f"<td {_CELL.format(align=align)}{extra}>{text}</td>"


def _th(text: str, align: str = "left") -> str:
    return f"<th {_CELL.format(align=align)}>{text}</th>"


def bar(value: float, colour: str = _BAR_COLOUR, *, width: int = _BAR_WIDTH, low: float = 0.0,
        high: float = 1.0) -> str:
    """An HTML bar for ``value`` between ``low`` and ``high`` (empty for NaN)."""
    if value is None or not math.isfinite(value):
        return ""
    share = min(1.0, max(0.0, (value - low) / (high - low)))
    return (f'<span style="display:inline-block;width:{width}px;height:0.8em;background:#eee;'
            f'vertical-align:middle"><span style="display:block;width:{share * width:.0f}px;height:100%;'
            f'background:{_e(colour)}"></span></span>')


def _colour(dimension: str) -> str:
    if dimension in _SENTIMENT_COLOURS:
        return _SENTIMENT_COLOURS[dimension]
    return theory.emotion(dimension).colour


def _num(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.{digits}f}"


def svg_of(make_figure: Callable[[], Any]) -> str | None:
    """The figure ``make_figure()`` draws as inline SVG text, or ``None`` without matplotlib."""
    from .plot import PlotDependencyError

    try:
        figure = make_figure()
    except PlotDependencyError:
        return None
    import matplotlib

    buffer = io.StringIO()
    # Text as <text> (not glyph paths): a tenth of the size, and selectable in the notebook.
    with matplotlib.rc_context({"svg.hashsalt": "express-lexicon", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    text = buffer.getvalue()
    return text[text.find("<svg"):]


def _figure_block(svg: str | None, what: str) -> str:
    if svg is None:
        from .plot import INSTALL_HINT

        return f'<div {_MUTED}>{_e(what)}: <code>{_e(INSTALL_HINT)}</code></div>'
    return f'<div style="max-width:360px">{svg}</div>'


def _side_by_side(*blocks: str) -> str:
    inner = "".join(f'<div style="flex:0 0 auto">{b}</div>' for b in blocks)
    return f'<div class="express-lexicon" style="display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start">{inner}</div>'


# -- decompositions and alignments ------------------------------------------------------------
def _decomposition_table(d: Decomposition) -> str:
    rows = [f"<caption style=\"text-align:left;font-weight:bold;font-size:1.1em\">{_e(d.term)}</caption>"]
    if not d.known:
        rows.append(f"<tr>{_td('unknown term: no lexicon, WordNet link or rule resolves it (all scores 0)')}</tr>")
        return f"<table {_TABLE}>{''.join(rows)}</table>"
    facts = []
    if d.dyad:
        first, second = theory.dyad(d.dyad).components
        facts.append(("dyad", f"{d.dyad} ({first} + {second})"))
    facts.append(("dominant", ", ".join(d.dominant)))
    facts.append(("tier", f"{d.tier} ({d.tier_term})"))
    facts.append(("method", d.method + (f" [{' '.join(d.modifiers)}]" if d.modifiers else "")))
    facts.append(("confidence", f"{d.confidence:.2f}"))
    for name, value in facts:
        rows.append(f"<tr>{_th(_e(name))}{_td(_e(value), extra=_SPAN2)}</tr>")
    for name, value in zip(DIMENSIONS, d.scores):
        rows.append(f"<tr>{_td(_e(name))}{_td(f'{value:.2f}', 'right')}{_td(bar(value, _colour(name)))}</tr>")
    return f"<table {_TABLE}>{''.join(rows)}</table>"


def decomposition_html(d: Decomposition) -> str:
    """A decomposition's table with one bar per dimension, beside its flower."""
    from .plot import plot_decompositions

    svg = svg_of(lambda: plot_decompositions([d])) if d.known else None
    blocks = [_decomposition_table(d)]
    if d.known:
        blocks.append(_figure_block(svg, "the Plutchik flower needs matplotlib"))
    return _side_by_side(*blocks)


def alignment_html(a: Alignment) -> str:
    """An alignment: its verdict and measures, both profiles with bars, the overlaid flowers."""
    from .plot import plot_comparison

    match = ("exact" if a.exact_match else "lemma" if a.lemma_match else "synonym" if a.synonym_match else "none")
    measures = [
        ("lexical match", match), ("binary vectors", "equal" if a.vector_match else "differ"),
        ("binary F1", f"{a.f1:.2f}"), ("cosine", f"{a.cosine:.2f}"),
        ("wheel similarity", f"{a.wheel_similarity:.2f}"),
        ("intensity pred − gold", f"{a.intensity_difference:+.2f}"),
        ("sentiment", "agrees" if a.sentiment_agreement else "differs"),
    ]
    rows = [f"<caption style=\"text-align:left;font-size:1.1em\"><b>{_e(a.predicted.term)}</b> vs "
            f"<b>{_e(a.gold.term)}</b> (gold)<br><span {_MUTED}>{_e(a.explanation)}</span></caption>"]
    rows += [f"<tr>{_th(_e(k))}{_td(_e(v))}</tr>" for k, v in measures]
    table = f"<table {_TABLE}>{''.join(rows)}</table>"
    profile = [f"<tr>{_th('')}{_th('gold ' + _e(a.gold.term), 'left')}{_th('predicted ' + _e(a.predicted.term), 'left')}</tr>"]
    for i, name in enumerate(DIMENSIONS):
        g, p = a.gold.scores[i], a.predicted.scores[i]
        colour = _colour(name)
        profile.append(f"<tr>{_td(_e(name))}{_td(f'{g:.2f} ' + bar(g, colour, width=80))}"
                       f"{_td(f'{p:.2f} ' + bar(p, colour, width=80))}</tr>")
    svg = svg_of(lambda: plot_comparison(a.predicted, a.gold))
    return _side_by_side(table + f"<table {_TABLE}>{''.join(profile)}</table>",
                         _figure_block(svg, "the overlaid flowers need matplotlib"))


# -- evaluation reports ---------------------------------------------------------------------
def _metric_rows(report: Report) -> list[str]:
    from .evaluation import _METRIC_TEXT, HEADLINE_METRICS, METRIC_LABELS

    level = f"{report.confidence:.0%} CI ({report.ci_method})" if report.ci else ""
    rows = [f"<tr>{_th('metric')}{_th('')}{_th('value', 'right')}{_th(_e(level))}{_th('')}</tr>"]
    for name in HEADLINE_METRICS:
        value = report.metrics[name]
        ci = report.ci.get(name)
        interval = f"[{_num(ci[0], 4)}, {_num(ci[1], 4)}]" if ci else ""
        low, high = (-1.0, 1.0) if name == "intensity_bias" else (0.0, 1.0)
        rows.append(f"<tr>{_td(_e(METRIC_LABELS[name]))}{_td(_e(_METRIC_TEXT[name]))}"
                    f"{_td(_num(value, 4), 'right')}{_td(interval)}{_td(bar(value, low=low, high=high))}</tr>")
    return rows


def _hardest_rows(report: Report, top: int) -> tuple[str, list[str]]:
    hardest, min_count, imperfect = report._display_hardest(top)
    note = f", at least {min_count} masks" if min_count > 1 else ""
    counted = sum(1 for s in report.per_label if s.count >= min_count)
    title = f"hardest gold labels (lowest vector F1{note}; {imperfect:,} of {counted:,} below 1.00)"
    if not hardest:
        return f"hardest gold labels: none below vector F1 1.00 (of {counted:,})", []
    rows = [f"<tr>{_th('label')}{_th('masks', 'right')}{_th('AccL', 'right')}{_th('AccV', 'right')}"
            f"{_th('F1V', 'right')}{_th('')}{_th('most common prediction')}</tr>"]
    for s in hardest:
        pred = f"{s.top_prediction} ({s.top_prediction_count})" if s.top_prediction else "-"
        flag = " [no vector]" if s.gold_vector_empty else ""
        rows.append(f"<tr>{_td(_e(s.label))}{_td(f'{s.count:,}', 'right')}{_td(_num(s.acc_lexical), 'right')}"
                    f"{_td(_num(s.acc_vector), 'right')}{_td(_num(s.f1_vector), 'right')}"
                    f"{_td(bar(s.f1_vector, width=80))}{_td(_e(pred + flag))}</tr>")
    return title, rows


def _section(title: str, rows: Sequence[str]) -> str:
    head = f'<div style="font-weight:bold;margin-top:0.4em">{_e(title)}</div>'
    return head + (f"<table {_TABLE}>{''.join(rows)}</table>" if rows else "")


def report_html(report: Report, top: int = 10) -> str:
    """An evaluation report: headline metrics with intervals and bars, per-dimension
    precision/recall/F1, the hardest gold labels and the dominant-emotion confusion."""
    inv = f"{report.n_invalid:,} invalid" + (f", {report.n_skipped:,} skipped" if report.n_skipped else "")
    head = (f'<div><b>{_e(report.source)}</b> [{_e(report.format)}]<br>'
            f'<span {_MUTED}>lexicon: {_e(report.lexicon)} · rows: {report.n_rows:,} ({inv}) · '
            f'masks: {report.n_masks:,}</span></div>')
    parts = [head, _section("metrics (beyond the paper from cosine on: masks of valid rows)", _metric_rows(report))]
    dims = [f"<tr>{_th('dimension')}{_th('precision', 'right')}{_th('recall', 'right')}{_th('F1', 'right')}"
            f"{_th('')}{_th('gold', 'right')}{_th('pred', 'right')}</tr>"]
    for d in report.per_dimension:
        dims.append(f"<tr>{_td(_e(d.name))}{_td(_num(d.precision, 4), 'right')}{_td(_num(d.recall, 4), 'right')}"
                    f"{_td(_num(d.f1, 4), 'right')}{_td(bar(d.f1, _colour(d.name), width=80))}"
                    f"{_td(f'{d.support:,}', 'right')}{_td(f'{d.predicted:,}', 'right')}</tr>")
    parts.append(_section("per dimension (binary vectors, masks of valid rows)", dims))
    title, rows = _hardest_rows(report, top)
    parts.append(_section(title, rows))
    parts.append(_section("dominant emotion confusion (rows gold, columns predicted; shade: share of the gold row)",
                          _confusion_rows(report)))
    return '<div class="express-lexicon">' + "".join(parts) + "</div>"


def _confusion_rows(report: Report) -> list[str]:
    labels = report.confusion_labels
    rows = [f"<tr>{_th('')}" + "".join(_th(_e(lab[:5]), "right") for lab in labels) + "</tr>"]
    for lab, row in zip(labels, report.confusion):
        total = sum(row)
        cells = []
        for v in row:
            share = v / total if total else 0.0
            shade = f' style="padding:1px 8px;text-align:right;background:rgba(0,114,178,{0.85 * share:.2f})"'
            text = "0" if v == 0 else (f"{v:,.0f}" if abs(v - round(v)) < 1e-6 else f"{v:,.1f}")
            cells.append(f"<td{shade}>{text}</td>")
        rows.append(f"<tr>{_td(_e(lab))}{''.join(cells)}</tr>")
    return rows


def comparison_html(comparison: Comparison) -> str:
    """Several models: the ranking with a bar per value, and each model's paired difference
    to the reference (the first-ranked)."""
    from .evaluation import HEADLINE_METRICS, LOWER_IS_BETTER, METRIC_LABELS, _METRIC_TEXT, _model_names

    names = _model_names(comparison.reports)
    cols = [m for m in HEADLINE_METRICS if m != "intensity_bias"]
    order = "lower is better" if comparison.sort_by in LOWER_IS_BETTER else "higher is better"
    title = (f"models ranked by {METRIC_LABELS[comparison.sort_by]} "
             f"({_METRIC_TEXT[comparison.sort_by]}; {order})")
    rows = [f"<tr>{_th('rank')}{_th('model')}" + "".join(_th(_e(METRIC_LABELS[m]), "right") for m in cols)
            + f"{_th('masks', 'right')}</tr>"]
    for rank, (r, name) in enumerate(zip(comparison.reports, names), start=1):
        cells = []
        for m in cols:
            value = r.metrics[m]
            strong = m == comparison.sort_by
            text = _num(value, 4)
            cells.append(_td((f"<b>{text}</b>" if strong else text) + "<br>" + bar(value, width=50), "right"))
        rows.append(f"<tr>{_td(str(rank))}{_td(_e(name))}{''.join(cells)}{_td(f'{r.n_masks:,}', 'right')}</tr>")
    parts = [_section(title, rows)]
    if len(comparison.reports) > 1 and comparison.same_gold:
        ref = comparison.reference
        diffs = [f"<tr>{_th('model')}{_th('model − reference', 'right')}"
                 f"{_th(_e(f'{ref.confidence:.0%} CI ({ref.ci_method})'))}{_th('')}</tr>"]
        for name, diff in zip(names[1:], comparison.differences_to_reference[1:]):
            if diff is None:
                continue
            d, lo, hi = diff
            sig = "" if lo <= 0 <= hi else "excludes 0"
            diffs.append(f"<tr>{_td(_e(name))}{_td(f'{d:+.4f}', 'right')}{_td(f'[{lo:+.4f}, {hi:+.4f}]')}"
                         f"{_td(sig)}</tr>")
        parts.append(_section(f"paired difference on {METRIC_LABELS[comparison.sort_by]}: each model − "
                              f"{names[0]} (the reference)", diffs))
    elif len(comparison.reports) > 1:
        parts.append(f"<div {_MUTED}>the files do not hold the same gold labels in the same rows; "
                     "no paired differences</div>")
    return '<div class="express-lexicon">' + "".join(parts) + "</div>"
