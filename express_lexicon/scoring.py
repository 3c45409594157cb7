"""How well a predicted emotion term aligns with a gold one.

>>> from express_lexicon import compare
>>> a = compare("nostalgic", "bittersweet")
>>> a.exact_match, 0.0 <= a.wheel_similarity <= 1.0
(False, True)

:func:`compare` decomposes both terms (see :mod:`express_lexicon.decomposer`) and reports,
from strictest to most lenient:

* ``exact_match`` -- the normalised terms are equal (the paper's lexical accuracy);
* ``lemma_match`` -- one is a word-formation variant of the other (``happy`` / ``happiness``),
  or both resolve to the same ontology term;
* ``synonym_match`` -- the two terms share a WordNet synset in the ontology (read from the
  ontology's sense edges, without loading the networkx graph);
* ``vector_match`` and ``f1`` -- the paper's binary vector equality and binary F1 (gold as
  reference, 0 when gold has no dimension), on the binary form of the profiles;
* ``cosine`` -- cosine similarity of the 10-dimensional intensity profiles;
* ``wheel_similarity`` -- 1 - EMD/4, the earth mover's distance round Plutchik's wheel
  between the two emotion profiles (adjacent petals are one step apart, opposites four;
  see :func:`express_lexicon.metrics.wheel_emd`): 1 for the same emotions, 0.75 for
  adjacent ones, 0 for opposites;
* ``intensity_difference`` -- strongest emotion of the prediction minus that of gold;
* ``sentiment_agreement`` -- both on the same side of positive/negative;
* ``explanation`` -- one line on where they differ ("both sadness; gold adds disgust").

Invalid input (not a string, empty, control characters) raises
:class:`~express_lexicon.errors.InvalidTermError` naming the value; unknown terms are
compared as all-zero profiles (and the explanation says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import theory
from .decomposer import Decomposition, Lexicon, default_lexicon
from .text import base_forms

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["Alignment", "compare", "synonyms"]


@dataclass(frozen=True, slots=True)
class Alignment:
    """The alignment of a predicted term with a gold term (see the module docstring)."""

    predicted: Decomposition
    gold: Decomposition
    exact_match: bool
    lemma_match: bool
    synonym_match: bool
    vector_match: bool
    f1: float
    cosine: float
    wheel_similarity: float
    intensity_difference: float
    sentiment_agreement: bool
    explanation: str = field(default="")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with stable keys (the two terms, every measure, the explanation)."""
        return {
            "predicted": self.predicted.term,
            "gold": self.gold.term,
            "exact_match": self.exact_match,
            "lemma_match": self.lemma_match,
            "synonym_match": self.synonym_match,
            "vector_match": self.vector_match,
            "f1": self.f1,
            "cosine": self.cosine,
            "wheel_similarity": self.wheel_similarity,
            "intensity_difference": self.intensity_difference,
            "sentiment_agreement": self.sentiment_agreement,
            "explanation": self.explanation,
        }

    def describe(self) -> str:
        """A short multi-line summary for people."""
        match = ("exact" if self.exact_match else "lemma" if self.lemma_match
                 else "synonym" if self.synonym_match else "none")
        return (
            f"{self.predicted.term} vs {self.gold.term} (gold): {self.explanation}\n"
            f"  lexical match {match}; vectors {'equal' if self.vector_match else 'differ'}; "
            f"F1 {self.f1:.2f}; cosine {self.cosine:.2f}; wheel {self.wheel_similarity:.2f}; "
            f"intensity {self.intensity_difference:+.2f}; "
            f"sentiment {'agrees' if self.sentiment_agreement else 'differs'}"
        )

    def plot(self) -> Figure:
        """The two Plutchik flowers overlaid (needs the ``plot`` extra)."""
        from .plot import plot_comparison

        return plot_comparison(self.predicted, self.gold)

    def __str__(self) -> str:
        """What ``express-lexicon compare`` prints (:meth:`describe`)."""
        return self.describe()

    def _repr_html_(self) -> str:
        """Notebook display: the measures, both profiles with bars, and the overlaid
        flowers as inline SVG when matplotlib is installed."""
        from ._display import alignment_html

        return alignment_html(self)


def synonyms(term: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """Terms that share a WordNet synset with ``term`` in the ontology.

    Reads the sense edges of the ontology's graph file (tens of milliseconds, once per
    lexicon; see :mod:`express_lexicon._senses`), not the whole networkx graph."""
    from ._senses import sense_index

    # Not ``lexicon or ...``: truth-testing a Lexicon asks its length, which reads every entry.
    lexicon = default_lexicon() if lexicon is None else lexicon
    return sense_index(lexicon).synonyms(lexicon.decompose(term).key)


def _lemma_match(predicted: Decomposition, gold: Decomposition) -> bool:
    p, g = predicted.key, gold.key
    if p == g:
        return True
    if g in base_forms(p) or p in base_forms(g) or set(base_forms(p)) & set(base_forms(g)):
        return True
    # Both resolved to the same ontology term by a word-formation rule.
    return bool(predicted.known and gold.known and predicted.matched and predicted.matched == gold.matched
                and len(predicted.matched) == 1)


def _explain(predicted: Decomposition, gold: Decomposition) -> str:
    if not gold.known and not predicted.known:
        return "neither term is known"
    if not gold.known:
        return f"gold {gold.term!r} is unknown"
    if not predicted.known:
        return f"prediction {predicted.term!r} is unknown"
    p_set = {e for e, b in zip(theory.EMOTIONS, predicted.binary) if b}
    g_set = {e for e, b in zip(theory.EMOTIONS, gold.binary) if b}
    shared = [e for e in theory.EMOTIONS if e in p_set & g_set]
    gold_only = [e for e in theory.EMOTIONS if e in g_set - p_set]
    pred_only = [e for e in theory.EMOTIONS if e in p_set - g_set]
    parts = []
    if shared:
        parts.append("both " + " + ".join(shared))
    if gold_only:
        parts.append("gold adds " + " + ".join(gold_only))
    if pred_only:
        parts.append("prediction adds " + " + ".join(pred_only))
    if not shared and predicted.dominant and gold.dominant:
        steps = theory.wheel_distance(predicted.dominant[0], gold.dominant[0])
        if steps == 4:
            parts.append(f"{predicted.dominant[0]} and {gold.dominant[0]} are opposites on the wheel")
        elif steps == 1:
            parts.append(f"{predicted.dominant[0]} and {gold.dominant[0]} are adjacent on the wheel")
    if predicted.tier and gold.tier and predicted.tier != gold.tier:
        parts.append(f"prediction is {predicted.tier}, gold {gold.tier}")
    return "; ".join(parts) if parts else "same emotions"


def compare(predicted: str, gold: str, *, lexicon: Lexicon | None = None) -> Alignment:
    """The :class:`Alignment` of ``predicted`` with ``gold`` using ``lexicon`` (default: the
    shipped ontology). ``synonym_match`` reads the ontology's WordNet senses on first use
    (see :func:`synonyms`); neither numpy nor networkx is imported."""
    from . import _pairwise as P
    from ._senses import sense_index

    # Not ``lexicon or ...``: truth-testing a Lexicon asks its length, which reads every entry.
    lexicon = default_lexicon() if lexicon is None else lexicon
    p, g = lexicon.decompose(predicted), lexicon.decompose(gold)
    p_vec, g_vec = p.scores, g.scores
    p_bin, g_bin = p.binary, g.binary
    exact = p.key == g.key
    lemma = exact or _lemma_match(p, g)
    synonym = lemma or (p.known and g.known and sense_index(lexicon).share_a_synset(p.key, g.key))
    return Alignment(
        predicted=p,
        gold=g,
        exact_match=exact,
        lemma_match=lemma,
        synonym_match=bool(synonym),
        vector_match=P.vector_equal(g_bin, p_bin),
        f1=round(P.binary_f1(g_bin, p_bin), 4),
        cosine=round(P.cosine_similarity(g_vec, p_vec), 4),
        wheel_similarity=round(P.wheel_similarity(g_vec, p_vec), 4),
        intensity_difference=round(P.intensity_difference(g_vec, p_vec), 4),
        sentiment_agreement=P.sentiment_agreement(g_vec, p_vec),
        explanation=_explain(p, g),
    )
