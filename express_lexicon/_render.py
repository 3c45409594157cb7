"""Plain-text renderings shared by the click commands and the fast entry point.

No click here: :mod:`express_lexicon._entry` uses this module to answer a plain
``express-lexicon decompose TERM...`` without importing click (see there why).
"""

from __future__ import annotations

from .decomposer import Decomposition
from .theory import DIMENSIONS
from .theory import dyad as theory_dyad

BAR_WIDTH = 24
_BOLD, _RESET = "\033[1m", "\033[0m"


def decomposition_table(d: Decomposition, explain: bool = False, *, bold: bool = False) -> str:
    """The readable table of one decomposition: dyad, dominant emotions, tier, method,
    confidence, one bar per dimension and, with ``explain``, the evidence paths."""
    lines = [f"{_BOLD}{d.term}{_RESET}" if bold else d.term]
    if not d.known:
        lines.append("  unknown term: no lexicon, WordNet link or rule resolves it (all scores 0)")
        return "\n".join(lines)
    dyad = d.dyad
    if dyad:
        first, second = theory_dyad(dyad).components
        lines.append(f"  dyad        {dyad} ({first} + {second})")
    lines.append(f"  dominant    {', '.join(d.dominant)}")
    lines.append(f"  tier        {d.tier} ({d.tier_term})")
    lines.append(f"  method      {d.method}" + (f" [{' '.join(d.modifiers)}]" if d.modifiers else ""))
    lines.append(f"  confidence  {d.confidence:.2f}")
    for name, value in zip(DIMENSIONS, d.scores):
        lines.append(f"  {name:<13}{value:4.2f} {'█' * round(value * BAR_WIDTH)}".rstrip())
    if explain:
        lines.append("  evidence")
        for path in d.evidence:
            lines.append(f"    [{path.dimension}] {path.describe()}")
    return "\n".join(lines)
