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

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:  # pragma: no cover
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
    )
    from .evaluation import Report, evaluate
    from .ontology import EmotionOntology, load_ontology
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
    "UnknownTermError",
    "WordNetNotFoundError",
    "__version__",
    "compare",
    "decompose",
    "decompose_many",
    "default_lexicon",
    "dyad_of",
    "evaluate",
    "load_ontology",
    "terms",
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
    "Alignment": "scoring",
    "compare": "scoring",
    "Report": "evaluation",
    "evaluate": "evaluation",
    "EmotionOntology": "ontology",
    "load_ontology": "ontology",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'express_lexicon' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
