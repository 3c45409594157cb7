"""express-lexicon: Plutchik's emotions for any emotion word, and term-to-term alignment.

Quick use is one call; configured use goes through a :class:`Lexicon`::

    >>> import express_lexicon as xl
    >>> xl.decompose("heartbroken").tier_term
    'grief'
    >>> xl.compare("nostalgic", "bittersweet").exact_match
    False

Nothing heavy happens at import: the ontology is read on the first call and cached,
numpy, pandas, networkx and rdflib are imported only by the functions that need them.
"""

# No ``from __future__ import annotations`` and no plain imports of helpers: every name
# bound here shows in ``express_lexicon.<TAB>``, so the helpers carry private names.
import typing as _typing
from importlib import import_module as _import_module

from ._version import __version__
from .errors import (
    ExpressLexiconError,
    InvalidTermError,
    OntologyError,
    PredictionsFormatError,
    ResourceFormatError,
    UnknownTermError,
    WordNetNotFoundError,
)

if _typing.TYPE_CHECKING:  # pragma: no cover
    from .decomposer import (
        Decomposition,
        EvidencePath,
        EvidenceStep,
        Lexicon,
        decompose,
        decompose_many,
        default_lexicon,
        dyad_of,
        terms,
        to_frame,
    )
    from .evaluation import Report, evaluate
    from .ontology import EmotionOntology, load_ontology
    from .robustness import RobustnessReport, evaluate_robustness
    from .scoring import Alignment, compare

__all__ = [
    "Alignment",
    "Decomposition",
    "EmotionOntology",
    "EvidencePath",
    "EvidenceStep",
    "ExpressLexiconError",
    "InvalidTermError",
    "Lexicon",
    "OntologyError",
    "PredictionsFormatError",
    "Report",
    "ResourceFormatError",
    "RobustnessReport",
    "UnknownTermError",
    "WordNetNotFoundError",
    "__version__",
    "compare",
    "decompose",
    "decompose_many",
    "default_lexicon",
    "dyad_of",
    "evaluate",
    "evaluate_robustness",
    "load_ontology",
    "terms",
    "to_frame",
]

# Public name -> the module that defines it; imported on first access (PEP 562).
_LAZY = {
    "Decomposition": "decomposer",
    "EvidencePath": "decomposer",
    "EvidenceStep": "decomposer",
    "Lexicon": "decomposer",
    "decompose": "decomposer",
    "decompose_many": "decomposer",
    "default_lexicon": "decomposer",
    "dyad_of": "decomposer",
    "terms": "decomposer",
    "to_frame": "decomposer",
    "Alignment": "scoring",
    "compare": "scoring",
    "Report": "evaluation",
    "evaluate": "evaluation",
    "EmotionOntology": "ontology",
    "load_ontology": "ontology",
    "RobustnessReport": "robustness",
    "evaluate_robustness": "robustness",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'express_lexicon' has no attribute {name!r}")
    value = getattr(_import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API only (``__all__``): not the helpers above, nor the submodules that
    happen to be imported already (import those by name: ``express_lexicon.plot``)."""
    return sorted(__all__)
