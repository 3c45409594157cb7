"""Pictures: Plutchik flowers for decompositions and comparisons, charts for evaluations.

Needs the ``plot`` extra (``pip install "express-lexicon[plot]"``, i.e. matplotlib);
without it every function raises :class:`PlotDependencyError` with that hint. matplotlib
is imported inside the functions, never when this module is imported.

=============================  ===========================================================
:func:`plot_decompositions`    one flower per term, side by side (up to four per row)
:func:`plot_comparison`        a predicted and a gold flower overlaid in one wheel
:func:`plot_report`            per-emotion precision/recall, dominant-emotion confusion and
                               hardest gold labels of one or several evaluation reports
:func:`plot_robustness`        each model's metrics under several decomposition sources
:func:`save_figure`            write a figure as PNG (150 dpi), SVG or PDF, atomically
``save_*_plot``                draw and save in one call (what the command line uses)
=============================  ===========================================================

How a flower reads: the eight petals go round the wheel in Plutchik's order (joy at the
top, then clockwise trust, fear, surprise, sadness, disgust, anger, anticipation) in the
wheel's conventional colours. A petal's length is the emotion's intensity (0-1), and the
three dashed rings mark the intensity tiers' levels (:data:`theory.TIER_LEVELS`: mild 0.4,
basic 0.7, intense 1.0), so a petal that passes the *basic* ring reads as e.g. *sadness*
rather than *pensiveness*. Faint outlines show every petal at full length. Values are
printed next to the petal names, so the picture does not rely on colour alone.

The functions return :class:`InlineFigure` objects (a :class:`matplotlib.figure.Figure`
subclass that shows itself inline in notebooks) that are not registered
with ``pyplot`` (no global state, nothing to close, no display needed); a notebook shows
them inline. To draw into your own layout pass ``ax=`` to :func:`plot_decompositions`.
Figures have a fixed size per panel so that several saved plots line up in a paper.

PyPlutchik is not used: its last release (0.0.11) draws through ``descartes``, which
fails on shapely 2 (``IndexError: too many indices for array``), and it can neither
overlay two profiles nor mark our tier levels.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import theory
from ._io import atomic_writer
from .errors import ExpressLexiconError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .decomposer import Decomposition

__all__ = [
    "InlineFigure",
    "INSTALL_HINT",
    "FORMATS",
    "PNG_DPI",
    "FLOWER_SIZE",
    "PlotError",
    "PlotDependencyError",
    "PlotOutputError",
    "plot_decompositions",
    "plot_comparison",
    "plot_report",
    "plot_robustness",
    "save_figure",
    "save_decompositions_plot",
    "save_comparison_plot",
    "save_report_plot",
    "save_robustness_plot",
]

#: What to run when matplotlib is missing.
INSTALL_HINT = 'pip install "express-lexicon[plot]"'
#: File suffixes :func:`save_figure` understands, and the format each one means.
FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: Resolution of PNG files (vector formats do not need one).
PNG_DPI = 150
#: Size in inches of one flower panel (title, wheel, sentiment line).
FLOWER_SIZE: tuple[float, float] = (4.4, 5.2)
#: Size in inches of the overlaid comparison.
COMPARISON_SIZE: tuple[float, float] = (6.0, 7.2)
#: Width in inches of one model's column in a report figure, and the figure's height.
REPORT_COLUMN_WIDTH = 6.4
REPORT_HEIGHT = 15.0
#: Flowers per row, and the most one figure holds.
MAX_COLUMNS = 4
MAX_FLOWERS = 48

# -- look -----------------------------------------------------------------------------------
_TEXT = "#1a1a1a"
_SECONDARY = "#4d4d4d"
_MUTED = "#8c8c8c"
_RING = "#6e6e6e"
_GHOST = "#c8c8c8"
# Okabe & Ito's colour-blind-safe palette, for the charts that are not Plutchik's wheel.
_PRECISION = "#0072B2"
_RECALL = "#D55E00"
_F1_BAR = "#0072B2"
_ACCV_MARK = "#D55E00"
# A flower's data box: the intense ring has radius 1; labels need the room around it.
_X_LIMIT, _Y_LIMIT = 1.75, 1.58
_PETAL_WIDTH = 0.17  # widest half-width of a petal, as a fraction of its length
_LABEL_RADIUS = 1.08


# -- errors ---------------------------------------------------------------------------------
class PlotError(ExpressLexiconError, ValueError):
    """A plot cannot be drawn or saved as asked (nothing to draw, unknown file suffix)."""


class PlotDependencyError(ExpressLexiconError, ImportError):
    """matplotlib is not installed; the message says how to install the ``plot`` extra."""


class PlotOutputError(ExpressLexiconError):
    """The image file cannot be written (missing or read-only directory); names the path."""


# -- matplotlib, lazily ---------------------------------------------------------------------
def _require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
        import matplotlib.figure  # noqa: F401
    except ImportError as exc:
        raise PlotDependencyError(
            f"plotting needs matplotlib, which is not installed ({exc}); install it with: {INSTALL_HINT}"
        ) from None


@lru_cache(maxsize=1)
def _figure_class() -> type:
    """:class:`InlineFigure`, made on first use because matplotlib is optional."""
    from matplotlib.figure import Figure

    class InlineFigure(Figure):
        """The figures this module returns: a :class:`matplotlib.figure.Figure` that a
        notebook shows inline even when pyplot is not in use (a bare Figure displays as
        text there). Everything else is matplotlib's Figure: ``fig.savefig(...)``,
        ``fig.axes``, or :func:`save_figure`."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    InlineFigure.__module__ = __name__
    InlineFigure.__qualname__ = "InlineFigure"
    return InlineFigure


def __getattr__(name: str) -> Any:
    # ``_InlineFigure``: the class's name before it was public, so that older pickles load.
    if name in ("InlineFigure", "_InlineFigure"):
        _require_matplotlib()
        return _figure_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _new_figure(width: float, height: float, **kwargs: Any) -> Figure:
    figure: Figure = _figure_class()(figsize=(width, height), facecolor="white", **kwargs)
    return figure


def _root_figure(ax: Axes) -> Figure:
    try:
        return ax.get_figure(root=True)  # type: ignore[call-arg,return-value]
    except TypeError:  # matplotlib < 3.10
        return ax.figure  # type: ignore[return-value]


# -- input ----------------------------------------------------------------------------------
def _as_decomposition(item: object) -> Decomposition:
    from .decomposer import Decomposition, default_lexicon

    if isinstance(item, Decomposition):
        return item
    if isinstance(item, str):
        return default_lexicon().decompose(item)
    raise PlotError(f"cannot draw {item!r}: expected a Decomposition or an emotion term, got {type(item).__name__}")


def _as_decompositions(items: object) -> list[Decomposition]:
    from .decomposer import Decomposition

    if isinstance(items, (str, Decomposition)):
        items = [items]
    if not isinstance(items, Iterable):
        raise PlotError(f"cannot draw {items!r}: expected decompositions or emotion terms")
    out = [_as_decomposition(item) for item in items]
    if not out:
        raise PlotError("nothing to draw: no decompositions given")
    if len(out) > MAX_FLOWERS:
        raise PlotError(f"too many flowers for one figure: {len(out)} (at most {MAX_FLOWERS})")
    return out


# -- wheel geometry -------------------------------------------------------------------------
def _wheel() -> list[tuple[theory.Emotion, float]]:
    """(emotion, display angle in radians) round the wheel: joy on top, then clockwise."""
    return [(e, math.radians(90.0 - e.angle)) for e in theory.wheel_order()]


def _petal_xy(angle: float, length: float, points: int = 40) -> list[tuple[float, float]]:
    """The outline of a petal of ``length`` pointing at ``angle``: a lens, widest at 60%."""
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    side = []
    for i in range(points + 1):
        t = i / points
        along = length * t
        half = _PETAL_WIDTH * length * math.sin(math.pi * t ** 1.3)
        side.append((along, half))
    outline = side + [(a, -h) for a, h in reversed(side[:-1])]
    return [(a * cos_a - h * sin_a, a * sin_a + h * cos_a) for a, h in outline]


def _darker(colour: str, factor: float = 0.55) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (r * factor, g * factor, b * factor)


def _setup_wheel_axes(ax: Axes) -> None:
    ax.set_xlim(-_X_LIMIT, _X_LIMIT)
    ax.set_ylim(-_Y_LIMIT, _Y_LIMIT)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()


def _draw_rings(ax: Axes) -> None:
    from matplotlib.patches import Circle

    label_angle = math.radians(90.0 - 22.5)  # between joy and trust, in the gap between petals
    for tier, level in theory.TIER_LEVELS.items():
        ax.add_patch(Circle((0, 0), level, fill=False, edgecolor=_RING, linewidth=0.7,
                            linestyle=(0, (3, 2.5)), alpha=0.85, zorder=3))
        ax.text(level * math.cos(label_angle) + 0.015, level * math.sin(label_angle) + 0.01, tier,
                fontsize=7, color=_RING, style="italic", ha="left", va="bottom", zorder=6,
                bbox={"boxstyle": "round,pad=0.08", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})


def _draw_petals(ax: Axes, values: Mapping[str, float], *, style: str) -> None:
    """Petals for ``values`` (emotion -> intensity): ``fill`` (coloured) or ``outline`` (dashed)."""
    from matplotlib.patches import Polygon

    for emotion, angle in _wheel():
        value = max(0.0, min(1.0, float(values.get(emotion.name, 0.0))))
        if value <= 0.0:
            continue
        xy = _petal_xy(angle, value)
        if style == "fill":
            ax.add_patch(Polygon(xy, closed=True, facecolor=emotion.colour, edgecolor="none",
                                 alpha=0.9, zorder=2))
            ax.add_patch(Polygon(xy, closed=True, fill=False, edgecolor=_darker(emotion.colour),
                                 linewidth=1.0, zorder=4))
        else:
            ax.add_patch(Polygon(xy, closed=True, fill=False, edgecolor=_TEXT, linewidth=1.8,
                                 linestyle=(0, (4, 2)), zorder=5))


def _draw_ghosts(ax: Axes) -> None:
    """Every petal at full length, faintly, so an empty petal still shows where it would grow."""
    from matplotlib.patches import Circle, Polygon

    for emotion, angle in _wheel():
        ax.add_patch(Polygon(_petal_xy(angle, 1.0), closed=True, facecolor=emotion.colour, alpha=0.08,
                             edgecolor="none", zorder=1))
        ax.add_patch(Polygon(_petal_xy(angle, 1.0), closed=True, fill=False, edgecolor=_GHOST,
                             linewidth=0.6, zorder=1))
    ax.add_patch(Circle((0, 0), 0.045, facecolor="white", edgecolor=_GHOST, linewidth=0.6, zorder=7))


_LINE_STYLES: dict[str, dict[str, Any]] = {
    "on": {"color": _TEXT, "fontweight": "bold"},
    "off": {"color": _MUTED},
    "value": {"color": _TEXT},
    "tier": {"color": _SECONDARY, "style": "italic"},
}


def _draw_petal_labels(ax: Axes, lines_for: Callable[[str], Sequence[tuple[str, str]]], *,
                       fontsize: float = 9.0) -> None:
    """A block of lines at each petal tip: ``lines_for(emotion)`` gives ``(text, kind)``
    pairs, kind being ``on``/``off`` (the name, bold or muted), ``value`` or ``tier``.
    The block sits outside the wheel, aligned away from the centre."""
    step = fontsize * 1.2  # points between lines
    for emotion, angle in _wheel():
        c, s = math.cos(angle), math.sin(angle)
        x, y = _LABEL_RADIUS * c, _LABEL_RADIUS * s
        ha = "left" if c > 0.2 else "right" if c < -0.2 else "center"
        lines = lines_for(emotion.name)
        n = len(lines)
        for i, (text, kind) in enumerate(lines):
            if s > 0.2:  # above the wheel: the block grows upwards from the tip
                dy = (n - i - 0.5) * step
            elif s < -0.2:
                dy = -(i + 0.5) * step
            else:
                dy = ((n - 1) / 2 - i) * step
            ax.annotate(text, xy=(x, y), xytext=(0, dy), textcoords="offset points", ha=ha, va="center",
                        fontsize=fontsize, zorder=8, annotation_clip=False, **_LINE_STYLES[kind])


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _tier_name(emotion: str, value: float) -> str:
    """The tier name of ``emotion`` at intensity ``value`` (``sadness`` 0.86 -> ``grief``)."""
    from .vectors import tier_of

    tier = tier_of([value] + [0.0] * (len(theory.DIMENSIONS) - 1))
    if tier is None:
        return ""
    return theory.emotion(emotion).tiers[theory.TIERS.index(tier)]  # type: ignore[arg-type]


def _dyad_line(d: Decomposition) -> str:
    """What the profile's emotions add up to: its dyad, the nearest one, or its dominant emotions."""
    if not d.known:
        return "not in the lexicon"
    if d.dyad:
        dyad = theory.dyad(d.dyad)
        return f"{dyad.name} = {dyad.components[0]} + {dyad.components[1]} ({dyad.kind} dyad)"
    ranked = sorted(d.emotions.items(), key=lambda kv: -kv[1])
    (first, v1), (second, v2), (_, v3) = ranked[:3]
    if v2 > 0 and v3 < v2 and v1 > v2:
        dyad = theory.dyad_for(first, second)
        return f"nearest dyad {dyad.name} = {first} + {second}"
    if len(d.dominant) > 3:
        return f"dominant: {', '.join(d.dominant[:3])} and {len(d.dominant) - 3} more"
    if d.dominant:
        return "dominant: " + ", ".join(d.dominant)
    return "no emotion"


def _tier_line(d: Decomposition) -> str:
    if not d.known:
        return f"unknown · confidence {d.confidence:.2f}"
    tier = f"{d.tier} tier ({d.tier_term})" if d.tier else "no tier"
    modifiers = f" [{' '.join(d.modifiers)}]" if d.modifiers else ""
    return f"{tier} · {d.method}{modifiers} · confidence {d.confidence:.2f}"


def _sentiment_line(d: Decomposition) -> str:
    return f"positive {_fmt(d['positive'])} · negative {_fmt(d['negative'])}"


# -- flowers --------------------------------------------------------------------------------
def _draw_flower(ax: Axes, d: Decomposition, *, title: str | None = None) -> None:
    _setup_wheel_axes(ax)
    _draw_ghosts(ax)
    emotions = d.emotions
    _draw_petals(ax, emotions, style="fill")
    _draw_rings(ax)

    def lines(name: str) -> list[tuple[str, str]]:
        value = emotions[name]
        if value <= 0:
            return [(name, "off")]
        out = [(name, "on"), (_fmt(value), "value")]
        tier = _tier_name(name, value)
        if tier and tier != name:
            out.append((tier, "tier"))
        return out

    _draw_petal_labels(ax, lines)
    if not d.known:
        ax.text(0, -0.2, "unknown", ha="center", va="center", fontsize=12, style="italic", color=_MUTED,
                zorder=9, bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": _GHOST})
    ax.annotate(f"{_clip(_dyad_line(d), 62)}\n{_clip(_tier_line(d), 62)}", xy=(0.5, 1.0), xycoords="axes fraction",
                xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=8.5,
                color=_SECONDARY, linespacing=1.3)
    ax.annotate(_clip(title if title is not None else d.term, 34), xy=(0.5, 1.0), xycoords="axes fraction",
                xytext=(0, 28), textcoords="offset points", ha="center", va="bottom", fontsize=13,
                fontweight="bold", color=_TEXT)
    ax.annotate(_sentiment_line(d), xy=(0.5, 0.0), xycoords="axes fraction", xytext=(0, -3),
                textcoords="offset points", ha="center", va="top", fontsize=8.5, color=_SECONDARY)


def plot_decompositions(decompositions: Any, ax: Axes | None = None, *, title: str | None = None) -> Figure:
    """Draw one Plutchik flower per decomposition, side by side; return the figure.

    ``decompositions`` is a sequence of :class:`~express_lexicon.decomposer.Decomposition`
    objects or emotion terms (terms are decomposed with the default lexicon), or a single
    one. Each flower is titled with its term, the dyad its profile makes (or the nearest
    one, or its dominant emotions), its tier and how it was found; an unknown term is an
    empty flower marked "unknown". Flowers are :data:`FLOWER_SIZE` inches each, at most
    :data:`MAX_COLUMNS` to a row. ``title`` heads the whole figure.

    With ``ax`` (one decomposition only) the flower is drawn into that axes, ``title``
    replacing the term as its heading, and the axes' figure is returned.

    Raises :class:`PlotError` when there is nothing to draw, more than
    :data:`MAX_FLOWERS` flowers, several decompositions with one ``ax``, or an item that
    is neither a decomposition nor a term; :class:`PlotDependencyError` without matplotlib.
    """
    _require_matplotlib()
    items = _as_decompositions(decompositions)
    if ax is not None:
        if len(items) != 1:
            raise PlotError(f"ax= takes one decomposition, got {len(items)}; leave ax out to draw them side by side")
        _draw_flower(ax, items[0], title=title)
        return _root_figure(ax)

    columns = min(len(items), MAX_COLUMNS)
    rows = math.ceil(len(items) / columns)
    cell_w, cell_h = FLOWER_SIZE
    heading = 0.45 if title else 0.0
    width, height = cell_w * columns, cell_h * rows + heading
    fig = _new_figure(width, height)
    # Inside a cell: 0.1 in side margins, 0.42 in below the wheel for the sentiment line,
    # about 1 in above it for the term, dyad and tier. The axes keep the data box's aspect.
    axes_w, below = cell_w - 0.2, 0.42
    axes_h = axes_w * _Y_LIMIT / _X_LIMIT
    for i, d in enumerate(items):
        row, col = divmod(i, columns)
        left = col * cell_w + 0.1
        bottom = (rows - 1 - row) * cell_h + below
        ax_i = fig.add_axes((left / width, bottom / height, axes_w / width, axes_h / height))
        _draw_flower(ax_i, d)
    if title:
        fig.text(0.5, 1 - 0.12 / height, title, ha="center", va="top", fontsize=15, fontweight="bold", color=_TEXT)
    return fig


def plot_comparison(predicted: Any, gold: Any, *, title: str | None = None) -> Figure:
    """Overlay a predicted and a gold profile in one wheel; return the figure.

    ``predicted`` and ``gold`` are decompositions or terms. Gold petals are filled in the
    wheel's colours, predicted petals drawn as dashed black outlines (so the two stay
    apart without relying on colour). Each petal is labelled with both values; a caption
    gives the cosine similarity, the wheel similarity (1 - EMD/4), the paper's binary F1
    and the intensity difference, computed as in :func:`express_lexicon.scoring.compare`.
    Raises :class:`PlotError` for other input, :class:`PlotDependencyError` without matplotlib.
    """
    _require_matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    p, g = _as_decomposition(predicted), _as_decomposition(gold)
    width, height = COMPARISON_SIZE
    fig = _new_figure(width, height)
    # The wheel 5.6 in wide, 0.95 in below the top; legend and caption in the inch below it.
    axes_w = width - 0.4
    axes_h = axes_w * _Y_LIMIT / _X_LIMIT
    ax = fig.add_axes((0.2 / width, (height - 0.95 - axes_h) / height, axes_w / width, axes_h / height))
    _setup_wheel_axes(ax)
    _draw_ghosts(ax)
    gold_values, pred_values = g.emotions, p.emotions
    _draw_petals(ax, gold_values, style="fill")
    _draw_rings(ax)
    _draw_petals(ax, pred_values, style="outline")

    def lines(name: str) -> list[tuple[str, str]]:
        gv, pv = gold_values[name], pred_values[name]
        if gv <= 0 and pv <= 0:
            return [(name, "off")]
        return [(name, "on"), (f"gold {_fmt(gv)}", "value"), (f"pred {_fmt(pv)}", "value")]

    _draw_petal_labels(ax, lines)
    if not g.known or not p.known:
        which = "both unknown" if not (g.known or p.known) else ("gold unknown" if not g.known else "prediction unknown")
        ax.text(0, -0.2, which, ha="center", va="center", fontsize=11, style="italic", color=_MUTED, zorder=9,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": _GHOST})

    heading = title if title is not None else f"{_clip(p.term, 28)}  vs  {_clip(g.term, 28)}"
    fig.text(0.5, 1 - 0.15 / height, heading, ha="center", va="top", fontsize=14, fontweight="bold", color=_TEXT)
    fig.text(0.5, 1 - 0.5 / height,
             _clip(f"gold {g.term} — {_dyad_line(g)}, {_tier_short(g)}", 92) + "\n"
             + _clip(f"predicted {p.term} — {_dyad_line(p)}, {_tier_short(p)}", 92),
             ha="center", va="top", fontsize=8.5, color=_SECONDARY, linespacing=1.35)
    handles = [
        Patch(facecolor="#bdbdbd", edgecolor="#555555", label=f"gold: {_clip(g.term, 24)} (filled)"),
        Line2D([], [], color=_TEXT, linewidth=1.8, linestyle=(0, (4, 2)),
               label=f"predicted: {_clip(p.term, 24)} (outline)"),
    ]
    fig.legend(handles=handles, loc="center", bbox_to_anchor=(0.5, 0.72 / height), ncol=2, frameon=False,
               fontsize=9, handlelength=2.6)
    fig.text(0.5, 0.36 / height, _similarity_caption(p, g), ha="center", va="center", fontsize=8.5, color=_SECONDARY)
    return fig


def _tier_short(d: Decomposition) -> str:
    return f"{d.tier} tier" if d.tier else "no tier"


def _similarity_caption(p: Decomposition, g: Decomposition) -> str:
    """The measures of :func:`express_lexicon.scoring.compare`, from the two profiles."""
    import numpy as np

    from . import metrics

    gv, pv = np.asarray(g.scores, dtype=float), np.asarray(p.scores, dtype=float)
    gb, pb = np.asarray(g.binary, dtype=bool), np.asarray(p.binary, dtype=bool)
    cosine = float(metrics.cosine_similarity(gv, pv))
    wheel = float(metrics.wheel_similarity(gv, pv))
    f1 = float(metrics.binary_f1(gb, pb))
    delta = float(metrics.intensity_difference(gv, pv))
    return (f"cosine {cosine:.2f} · wheel similarity {wheel:.2f} · binary F1 {f1:.2f} · "
            f"intensity pred − gold {delta:+.2f}")


# -- evaluation reports ---------------------------------------------------------------------
def _report_dicts(report_or_reports: Any) -> list[dict[str, Any]]:
    """Reports, a Comparison, their ``to_dict()`` output, or a sequence of any of these."""
    item = report_or_reports
    if hasattr(item, "reports") and not isinstance(item, Mapping):  # evaluation.Comparison
        item = list(item.reports)
    if isinstance(item, Mapping) and "models" in item:  # Comparison.to_dict()
        item = list(item["models"])
    if isinstance(item, Mapping) or hasattr(item, "to_dict"):
        item = [item]
    if isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
        raise PlotError(f"cannot plot {report_or_reports!r}: expected an evaluation Report or several")
    out = []
    for r in item:
        d = r.to_dict() if hasattr(r, "to_dict") else r
        if not isinstance(d, Mapping) or "per_dimension" not in d or "confusion" not in d:
            raise PlotError(f"cannot plot {r!r}: not an evaluation report (needs per_dimension and confusion)")
        out.append(dict(d))
    if not out:
        raise PlotError("nothing to draw: no reports given")
    if len(out) > 6:
        raise PlotError(f"too many reports for one figure: {len(out)} (at most 6 side by side)")
    return out


def _number(value: Any) -> float:
    return math.nan if value is None else float(value)


def _model_names(reports: Sequence[Mapping[str, Any]]) -> list[str]:
    sources = [str(r.get("source") or f"model {i + 1}") for i, r in enumerate(reports)]
    names = [os.path.basename(s) or s for s in sources]
    return names if len(set(names)) == len(names) else sources


def _order_dimensions(per_dimension: Mapping[str, Any]) -> list[str]:
    wheel = [e.name for e in theory.wheel_order()]
    return [n for n in wheel if n in per_dimension] + [n for n in theory.SENTIMENTS if n in per_dimension]


def _draw_prf(ax: Axes, report: Mapping[str, Any]) -> None:
    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    per_dim = report["per_dimension"]
    names = _order_dimensions(per_dim)
    # A gap between the eight emotions and the two sentiments.
    xs = np.array([i + (0.6 if n in theory.SENTIMENTS else 0.0) for i, n in enumerate(names)])
    precision = np.array([_number(per_dim[n].get("precision")) for n in names])
    recall = np.array([_number(per_dim[n].get("recall")) for n in names])
    f1 = np.array([_number(per_dim[n].get("f1")) for n in names])
    bar_w = 0.38
    ax.bar(xs - bar_w / 2, precision, bar_w, color=_PRECISION, label="precision", zorder=2)
    ax.bar(xs + bar_w / 2, recall, bar_w, color=_RECALL, label="recall", zorder=2)
    ax.scatter(xs, f1, marker="D", s=18, color="black", zorder=3, label="F1")
    ax.set_ylim(0, 1.0)
    ax.set_xlim(xs[0] - 0.6, xs[-1] + 0.6)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.set_xticks(xs)
    ax.set_xticklabels([f"{n} ({_count(per_dim[n].get('support'))})" for n in names], fontsize=7.5,
                       rotation=35, ha="right", rotation_mode="anchor")
    ax.tick_params(axis="x", length=0, pad=9)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylabel("score (binary vectors)", fontsize=8.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # The wheel's colour under each emotion ties the chart to the flowers.
    colours = {e.name: e.colour for e in theory.wheel_order()}
    transform = ax.get_xaxis_transform()
    for x, n in zip(xs, names):
        ax.add_patch(Rectangle((x - 0.4, -0.045), 0.8, 0.03, transform=transform, clip_on=False,
                               facecolor=colours.get(n, "#bdbdbd"), edgecolor="none"))
    handles = [Patch(color=_PRECISION, label="precision"), Patch(color=_RECALL, label="recall"),
               Line2D([], [], marker="D", color="black", linestyle="none", markersize=4.5, label="F1")]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=8,
              handlelength=1.2, columnspacing=1.2, borderaxespad=0.2)
    ax.set_title("per dimension (gold masks in brackets)", fontsize=9, color=_SECONDARY, pad=20)


def _count(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{int(round(float(value))):,}"


def _draw_confusion(ax: Axes, report: Mapping[str, Any]) -> Any:
    import numpy as np

    confusion = report["confusion"]
    labels = list(confusion["labels"])
    matrix = np.array([[_number(v) for v in row] for row in confusion["matrix"]], dtype=float)
    if matrix.shape != (len(labels), len(labels)):
        raise PlotError(f"confusion matrix of {matrix.shape} does not match its {len(labels)} labels")
    wheel = [e.name for e in theory.wheel_order()]
    order = [labels.index(n) for n in wheel if n in labels] + [i for i, n in enumerate(labels) if n not in wheel]
    labels = [labels[i] for i in order]
    matrix = matrix[np.ix_(order, order)]
    totals = matrix.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(totals[:, None] > 0, 100.0 * matrix / np.where(totals[:, None] > 0, totals[:, None], 1), np.nan)
    cmap = _confusion_cmap()
    image = ax.imshow(share, cmap=cmap, vmin=0, vmax=100, aspect="equal")
    n = len(labels)
    for i in range(n):
        for j in range(n):
            v = share[i, j]
            if not math.isfinite(v) or v <= 0:
                continue
            text = "<1" if v < 0.5 else f"{v:.0f}"
            ax.text(j, i, text, ha="center", va="center", fontsize=7,
                    color="white" if v >= 55 else _TEXT, fontweight="bold" if i == j else "normal")
    for i in range(n):
        if not totals[i] > 0:
            ax.text(n / 2 - 0.5, i, "no gold masks", ha="center", va="center", fontsize=7, color=_MUTED, style="italic")
    from matplotlib.patches import Rectangle

    for i in range(n):  # the diagonal: gold and prediction agree
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=_TEXT, linewidth=0.8))
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xticklabels(labels, rotation=45, ha="right", rotation_mode="anchor", fontsize=7.5)
    ax.set_yticklabels([f"{lab} ({_count(t)})" for lab, t in zip(labels, totals)], fontsize=7.5)
    ax.tick_params(length=0)
    ax.set_xlabel("predicted strongest emotion", fontsize=8.5)
    ax.set_ylabel("gold strongest emotion (masks)", fontsize=8.5)
    ax.set_title("dominant-emotion confusion (% of each gold row)", fontsize=9, color=_SECONDARY)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return image


def _confusion_cmap() -> Any:
    from matplotlib import colormaps

    return colormaps["Blues"].with_extremes(bad="#f2f2f2")  # grey: a gold row without masks


def _draw_hardest(ax: Axes, report: Mapping[str, Any], top: int) -> None:
    import numpy as np

    per_label = list(report.get("per_label") or [])
    min_count = 5 if any((s.get("count") or 0) >= 5 for s in per_label) else 1
    counted = [s for s in per_label if (s.get("count") or 0) >= min_count]
    # A label with vector F1 1.0 is not hard, however few labels there are.
    imperfect = [s for s in counted if not _number(s.get("f1_vector")) >= 1.0]
    hardest = imperfect[:top]
    note = f", at least {min_count} masks" if min_count > 1 else ""
    ax.set_title(f"hardest gold labels (lowest vector F1{note}; {len(imperfect):,} of {len(counted):,} below 1.00)",
                 fontsize=9, color=_SECONDARY)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not hardest:
        ax.set_axis_off()
        message = "every gold label has vector F1 1.00" if counted else "no per-label data"
        ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, fontsize=9,
                color=_MUTED, style="italic")
        return
    ys = np.arange(len(hardest))
    f1 = np.array([_number(s.get("f1_vector")) for s in hardest])
    acc = np.array([_number(s.get("acc_vector")) for s in hardest])
    ax.barh(ys, np.nan_to_num(f1), height=0.62, color=_F1_BAR, zorder=2)
    ax.scatter(acc, ys, marker="|", s=110, linewidths=2.2, color=_ACCV_MARK, zorder=3)
    ax.set_yticks(ys)
    ax.set_yticklabels([_clip(str(s.get("label")), 18) for s in hardest], fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 2.0)
    ax.set_ylim(len(hardest) - 0.5, -1.0)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.tick_params(axis="x", labelsize=8)
    ax.tick_params(axis="y", length=0)
    ax.spines["bottom"].set_bounds(0, 1)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.text(1.06, -0.75, "masks · commonest prediction", fontsize=7, color=_MUTED, va="center", style="italic")
    for y, s in zip(ys, hardest):
        top_pred = s.get("top_prediction")
        pred = f"{_clip(str(top_pred), 16)} ({s.get('top_prediction_count', 0)})" if top_pred else "-"
        flag = " [no vector]" if s.get("gold_vector_empty") else ""
        ax.text(1.06, y, f"{s.get('count', 0):,} · {pred}{flag}", fontsize=7, va="center", color=_SECONDARY)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=_F1_BAR, label="vector F1"),
                       Line2D([], [], marker="|", color=_ACCV_MARK, linestyle="none", markersize=9,
                              markeredgewidth=2.2, label="vector accuracy")],
              loc="upper left", fontsize=7.5, frameon=False, bbox_to_anchor=(0.0, 1.0), ncol=2,
              borderaxespad=0.1, handlelength=1.5, columnspacing=1.0)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _headline(report: Mapping[str, Any]) -> str:
    parts = []
    for key, label in (("f1_vector", "F1V"), ("acc_vector", "AccV"), ("acc_lexical", "AccL"), ("vrate", "VRate")):
        value = report.get(key)
        parts.append(f"{label} {'n/a' if value is None else f'{float(value):.3f}'}")
    masks = report.get("n_masks")
    if masks is not None:
        parts.append(f"{int(masks):,} masks")
    return " · ".join(parts)


def plot_report(report_or_reports: Any, *, top: int = 10, title: str | None = None) -> Figure:
    """Draw an evaluation report, or several models side by side; return the figure.

    Each model gets a column of three panels: precision, recall and F1 of every dimension
    over the binary vectors (emotions in wheel order, then the two sentiments; the gold
    support under each name); the dominant-emotion confusion as a heat map of row
    percentages (gold rows, predicted columns, wheel order, the diagonal outlined); and
    the ``top`` hardest gold labels (lowest vector F1, labels with at least 5 masks when
    there are such) with their vector accuracy and commonest prediction.

    Takes :class:`~express_lexicon.evaluation.Report` objects, a
    :class:`~express_lexicon.evaluation.Comparison`, their ``to_dict()`` output, or a
    sequence of these (at most 6). Raises :class:`PlotError` for anything else.
    """
    _require_matplotlib()
    reports = _report_dicts(report_or_reports)
    if top < 1:
        raise PlotError(f"top must be at least 1, got {top}")
    k = len(reports)
    heading = [title] if title else []
    if len({r.get("lexicon") for r in reports}) > 1:
        heading.append("note: the models were scored with different lexicons")
    fig = _new_figure(REPORT_COLUMN_WIDTH * k, REPORT_HEIGHT + 0.3 * len(heading), layout="constrained")
    if heading:
        fig.suptitle("\n".join(heading), fontsize=12, color=_TEXT, fontweight="bold")
    columns = fig.subfigures(1, k, wspace=0.02, squeeze=False)[0]
    for column, report, name in zip(columns, reports, _model_names(reports)):
        ax_prf, ax_conf, ax_hard = column.subplots(3, 1, height_ratios=(3.2, 6.0, 4.2))
        _draw_prf(ax_prf, report)
        image = _draw_confusion(ax_conf, report)
        colorbar = column.colorbar(image, ax=ax_conf, shrink=0.7, pad=0.02, fraction=0.04)
        colorbar.ax.tick_params(labelsize=7.5)
        colorbar.set_label("% of gold row", fontsize=8)
        _draw_hardest(ax_hard, report, top)
        column.suptitle(f"{_clip(name, 60)}\n{_headline(report)}", fontsize=10.5, color=_TEXT, fontweight="bold")
    return fig


# -- robustness of conclusions ----------------------------------------------------------------
_MODEL_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def plot_robustness(robustness: Any, *, metrics: Sequence[str] | None = None, title: str | None = None) -> Figure:
    """Draw a :class:`~express_lexicon.robustness.RobustnessReport`; return the figure.

    One panel per metric (default: those that depend on the decomposition): the sources
    along the x axis, one line per model through its values with the confidence interval
    as an error bar, so lines that cross are rankings that change. The panel title gives
    the lowest Kendall's τ between any two sources and says when an order is reversed.
    Raises :class:`PlotError` for an unknown metric or something that is not such a report.
    """
    _require_matplotlib()
    from .evaluation import LOWER_IS_BETTER, METRIC_LABELS

    if not hasattr(robustness, "agreements") or not hasattr(robustness, "reports"):
        raise PlotError(f"cannot plot {robustness!r}: expected a RobustnessReport")
    chosen = list(metrics) if metrics is not None else list(robustness.vector_metrics)
    unknown = [m for m in chosen if m not in METRIC_LABELS]
    if unknown or not chosen:
        raise PlotError(f"cannot plot metrics {unknown or chosen!r}; choose from {', '.join(METRIC_LABELS)}")
    n_cols = min(3, len(chosen))
    n_rows = math.ceil(len(chosen) / n_cols)
    heading = [title] if title else []
    heading.append(f"{len(robustness.models)} model(s) under {len(robustness.sources)} decomposition sources")
    fig = _new_figure(4.2 * n_cols, 3.4 * n_rows + 0.6, layout="constrained")
    fig.suptitle("\n".join(heading), fontsize=11, color=_TEXT, fontweight="bold")
    axes = fig.subplots(n_rows, n_cols, squeeze=False)
    xs = list(range(len(robustness.sources)))
    for k, metric in enumerate(chosen):
        ax = axes[k // n_cols][k % n_cols]
        values = robustness.values(metric)
        for i, model in enumerate(robustness.models):
            ys = [values[s][model] for s in robustness.sources]
            lows, highs = [], []
            for s_index, y in enumerate(ys):
                ci = robustness.reports[s_index][i].ci.get(metric)
                lows.append(y - ci[0] if ci and math.isfinite(y) else 0.0)
                highs.append(ci[1] - y if ci and math.isfinite(y) else 0.0)
            colour = _MODEL_COLOURS[i % len(_MODEL_COLOURS)]
            ax.errorbar(xs, ys, yerr=[lows, highs], color=colour, marker="o", markersize=4, linewidth=1.4,
                        capsize=2.5, label=_clip(str(model), 30))
        taus = [a.kendall_tau for a in robustness.agreements(metric) if math.isfinite(a.kendall_tau)]
        changed = not robustness.stable(metric)
        order = "lower is better" if metric in LOWER_IS_BETTER else "higher is better"
        note = (f"min τ {min(taus):.2f}" if taus else "τ n/a") + (" · the order changes" if changed else "")
        ax.set_title(f"{METRIC_LABELS[metric]} ({order})\n{note}", fontsize=9,
                     color=_ACCV_MARK if changed else _SECONDARY)
        ax.set_xticks(xs)
        ax.set_xticklabels([_clip(s, 18) for s in robustness.sources], rotation=25, ha="right",
                           rotation_mode="anchor", fontsize=7.5)
        ax.tick_params(axis="y", labelsize=7.5)
        ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for k in range(len(chosen), n_rows * n_cols):
        axes[k // n_cols][k % n_cols].set_axis_off()
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=min(4, len(labels)), frameon=False, fontsize=8)
    return fig


def save_robustness_plot(robustness: Any, path: str | os.PathLike[str], *, title: str | None = None) -> str:
    """Draw :func:`plot_robustness` and write it to ``path`` (see :func:`save_figure`)."""
    _require_matplotlib()
    _check_output(path)
    return save_figure(plot_robustness(robustness, title=title), path)


# -- saving ---------------------------------------------------------------------------------
def _format_of(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    supported = ", ".join(FORMATS)
    if not suffix:
        raise PlotError(f"cannot tell the image format of {path!r}: it has no suffix; use one of {supported}")
    raise PlotError(f"unsupported image format {suffix!r} of {path!r}; use one of {supported}")


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> str:
    """Write ``fig`` to ``path`` in the format its suffix names (``.png`` at :data:`PNG_DPI`
    dpi, ``.svg``, ``.pdf``, any case); return the path written.

    The file appears only when complete: the image goes to a temporary file in the same
    directory that then replaces ``path``. SVG and PDF output carry no creation date, so
    the same figure gives the same bytes; PDF embeds TrueType fonts, as journals ask.
    Raises :class:`PlotError` naming an unsupported suffix and :class:`PlotOutputError`
    naming the path when it cannot be written; no partial file is left either way.
    """
    _require_matplotlib()
    import matplotlib

    target = os.fspath(path)
    fmt = _format_of(target)
    metadata = {"png": {"Software": "express-lexicon"}, "svg": {"Date": None},
                "pdf": {"CreationDate": None, "ModDate": None}}[fmt]
    with atomic_writer(target, binary=True, error=PlotOutputError) as handle, \
            matplotlib.rc_context({"svg.hashsalt": "express-lexicon", "pdf.fonttype": 42}):
        fig.savefig(handle, format=fmt, dpi=PNG_DPI, metadata=metadata, facecolor="white")
    return target


def _check_output(path: str | os.PathLike[str]) -> None:
    """Fail on a bad suffix before spending time on drawing."""
    _format_of(os.fspath(path))


def save_decompositions_plot(decompositions: Any, path: str | os.PathLike[str], *, title: str | None = None) -> str:
    """Draw :func:`plot_decompositions` and write it to ``path`` (see :func:`save_figure`)."""
    _require_matplotlib()
    _check_output(path)
    return save_figure(plot_decompositions(decompositions, title=title), path)


def save_comparison_plot(predicted: Any, gold: Any, path: str | os.PathLike[str], *, title: str | None = None) -> str:
    """Draw :func:`plot_comparison` and write it to ``path`` (see :func:`save_figure`)."""
    _require_matplotlib()
    _check_output(path)
    return save_figure(plot_comparison(predicted, gold, title=title), path)


def save_report_plot(reports: Any, path: str | os.PathLike[str], *, top: int = 10, title: str | None = None) -> str:
    """Draw :func:`plot_report` and write it to ``path`` (see :func:`save_figure`)."""
    _require_matplotlib()
    _check_output(path)
    return save_figure(plot_report(reports, top=top, title=title), path)
