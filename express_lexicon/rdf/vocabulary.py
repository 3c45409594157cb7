"""The vocabularies of the linked data: the project's own (:class:`EXL`), the reused ones
(Onyx, OntoLex-Lemon, LIME and rdflib's SKOS, PROV, RDF, RDFS, OWL), and the IRIs minted
for every resource (:func:`node_iri`, :func:`term_iri`, :func:`iri_node`).

Every resource gets an IRI under ``https://w3id.org/express-lexicon/id/`` minted from the
stable ontology ids: ``emotion/joy``, ``tier/terror``, ``dyad/remorse``,
``term/heart%20broken``, ``synset/grief.n.01``, ``source/wordnet``. Names are
percent-encoded (UTF-8; only ASCII letters, digits and ``-._`` stay as they are), so any
term, with spaces, quotes, ``<>``, ``#``, ``%``, emoji or right-to-left letters, gives an
IRI that is valid in Turtle, N-Triples, RDF/XML and JSON-LD; labels are literals.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast
from urllib.parse import unquote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SKOS, DefinedNamespace

from .. import theory
from ..ontology import NODE_KINDS, RELATIONS, node_id, split_node_id
from ._names import (  # noqa: F401 (re-exported)
    ID_BASE,
    LIME_NS,
    NAMESPACE,
    OBO_NS,
    ONTOLEX_NS,
    ONYX_NS,
    PREFIXES,
    SCHEMA_IRI,
    SCHEMA_VERSION,
    WNA_NS,
)
from ._names import part as _part
from ._names import segment as _segment

__all__ = [
    "EXL",
    "ONYX",
    "ONTOLEX",
    "LIME",
    "NAMESPACE",
    "ID_BASE",
    "PREFIXES",
    "RELATION_PREDICATES",
    "node_iri",
    "iri_node",
    "term_iri",
]


class EXL(DefinedNamespace):
    """The express-lexicon vocabulary. A misspelt term raises ``AttributeError``."""

    _NS = Namespace(NAMESPACE)
    _fail = True

    # classes
    Association: URIRef
    Source: URIRef
    BasicEmotion: URIRef
    Sentiment: URIRef
    IntensityTier: URIRef
    Dyad: URIRef
    Term: URIRef
    Synset: URIRef
    Decomposition: URIRef
    EvidencePath: URIRef
    # ontology graph relations (``sense`` is ontolex:evokes)
    evokes: URIRef
    names: URIRef
    similarTo: URIRef
    alsoSee: URIRef
    derivation: URIRef
    attribute: URIRef
    hypernym: URIRef
    hyponym: URIRef
    antonym: URIRef
    morphology: URIRef
    compound: URIRef
    spelling: URIRef
    stem: URIRef
    gloss: URIRef
    phrasePart: URIRef
    means: URIRef
    intensityOf: URIRef
    component: URIRef
    opposite: URIRef
    polarity: URIRef
    # node and association data
    weight: URIRef
    vectorIndex: URIRef
    level: URIRef
    tier: URIRef
    dyadKind: URIRef
    partOfSpeech: URIRef
    lexicographerFile: URIRef
    extraAttributes: URIRef
    defaultWeight: URIRef
    defaultSource: URIRef
    buildMetadata: URIRef
    # decompositions
    method: URIRef
    confidence: URIRef
    origin: URIRef
    dominantEmotion: URIRef
    intensityTier: URIRef
    tierConcept: URIRef
    dyad: URIRef
    matchedTerm: URIRef
    modifier: URIRef
    hasEvidence: URIRef
    rank: URIRef
    steps: URIRef
    endsIn: URIRef
    usesSource: URIRef


class ONYX(DefinedNamespace):
    """The Onyx emotion vocabulary terms this module uses."""

    _NS = Namespace(ONYX_NS)
    _fail = True

    EmotionCategory: URIRef
    EmotionModel: URIRef
    EmotionSet: URIRef
    Emotion: URIRef
    hasEmotionCategory: URIRef
    hasEmotionIntensity: URIRef
    hasEmotion: URIRef
    hasEmotionSet: URIRef
    usesEmotionModel: URIRef
    emotionText: URIRef


class ONTOLEX(DefinedNamespace):
    """The OntoLex-Lemon core terms this module uses."""

    _NS = Namespace(ONTOLEX_NS)
    _fail = True

    LexicalEntry: URIRef
    LexicalSense: URIRef
    LexicalConcept: URIRef
    Form: URIRef
    canonicalForm: URIRef
    writtenRep: URIRef
    sense: URIRef
    evokes: URIRef
    denotes: URIRef
    isLexicalizedSenseOf: URIRef


class LIME(DefinedNamespace):
    """The LIME (lexicon metadata) terms this module uses."""

    _NS = Namespace(LIME_NS)
    _fail = True

    Lexicon: URIRef
    entry: URIRef
    language: URIRef


LEXICON_IRI = URIRef(f"{ID_BASE}lexicon")
SCHEME_IRI = URIRef(f"{ID_BASE}scheme/plutchik")
PLUTCHIK_MODEL = URIRef(f"{ID_BASE}model/plutchik")
POLARITY_MODEL = URIRef(f"{ID_BASE}model/polarity")

#: ``skos:closeMatch`` targets in the Emotion Ontology (MFOEM, release 2017-10-26), each id
#: checked against the class label in ``MFOEM.owl``. Trust and anticipation have none.
MFOEM_MATCHES: dict[str, str] = {
    # basic emotions
    "anger": "MFOEM_000009", "disgust": "MFOEM_000019", "fear": "MFOEM_000026",
    "joy": "MFOEM_000034", "sadness": "MFOEM_000056", "surprise": "MFOEM_000032",
    # tier names
    "annoyance": "MFOEM_000012", "rage": "MFOEM_000014", "terror": "MFOEM_000027",
    "grief": "MFOEM_000016", "serenity": "MFOEM_000043", "interest": "MFOEM_000033",
    # dyads
    "contempt": "MFOEM_000018", "anxiety": "MFOEM_000028", "despair": "MFOEM_000030",
    "love": "MFOEM_000048", "pride": "MFOEM_000041", "guilt": "MFOEM_000053",
    "shame": "MFOEM_000055",
}
#: ``skos:closeMatch`` targets in the WordNet-Affect SKOS taxonomy (labels of
#: ``wn-affect-1.1-hierarchy.txt``). It has no plain fear or trust.
WNA_MATCHES: dict[str, str] = {
    **{name: name for name in ("anger", "anticipation", "disgust", "joy", "sadness", "surprise")},
    "positive": "positive-emotion", "negative": "negative-emotion",
    **{name: name for name in ("annoyance", "apprehension", "pensiveness", "grief", "admiration")},
    **{name: name for name in ("love", "awe", "disapproval", "contempt", "optimism", "guilt", "despair",
                               "envy", "cynicism", "shame", "pessimism", "anxiety")},
}

_NODE_CLASSES: dict[str, URIRef] = {
    "emotion": EXL.BasicEmotion,
    "sentiment": EXL.Sentiment,
    "tier": EXL.IntensityTier,
    "dyad": EXL.Dyad,
    "term": EXL.Term,
    "synset": EXL.Synset,
}
_CLASS_KINDS = {cls: kind for kind, cls in _NODE_CLASSES.items()}
_CONCEPT_KINDS = ("emotion", "sentiment", "tier", "dyad")


def _exl(name: str) -> URIRef:
    """``EXL[name]``, typed (and, like it, an ``AttributeError`` for an undefined name)."""
    return cast(URIRef, EXL[name])


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


#: The predicate of each ontology relation: ``exl:<relation in camelCase>``, except the
#: ``sense`` of a term, which is OntoLex's ``ontolex:evokes`` (entry -> lexical concept).
RELATION_PREDICATES: dict[str, URIRef] = {
    name: ONTOLEX.evokes if name == "sense" else _exl(_camel(name)) for name in RELATIONS
}
_PREDICATE_RELATIONS = {predicate: name for name, predicate in RELATION_PREDICATES.items()}
#: Standard-vocabulary triples written next to an edge of these relations.
_EXTRA_PREDICATES: dict[str, URIRef] = {
    "intensity_of": SKOS.broader,
    "component": SKOS.related,
    "opposite": SKOS.related,
    "hypernym": SKOS.broader,
    "hyponym": SKOS.narrower,
}


# -- identifiers --------------------------------------------------------------------------


@lru_cache(maxsize=1 << 17)  # an IRI is minted for every triple that names the node
def node_iri(node: str) -> URIRef:
    """The IRI of an ontology node id: ``emotion:joy`` -> ``<…/id/emotion/joy>``.

    Raises :class:`ValueError` when ``node`` is not a ``kind:name`` id of a known kind.
    """
    kind, name = split_node_id(node)
    return URIRef(f"{ID_BASE}{kind}/{_segment(name)}")


@lru_cache(maxsize=1 << 17)
def term_iri(key: str) -> URIRef:
    """The IRI of the lexical entry of term ``key`` (``term/heart%20broken``)."""
    return URIRef(f"{ID_BASE}term/{_segment(key)}")


def iri_node(iri: object) -> str | None:
    """The ontology node id an IRI minted by :func:`node_iri` stands for, or ``None``
    when the IRI is not one (a foreign IRI, a literal, an association)."""
    if not isinstance(iri, URIRef) or not iri.startswith(ID_BASE):
        return None
    kind, sep, rest = iri[len(ID_BASE):].partition("/")
    if not sep or kind not in NODE_KINDS or not rest or "/" in rest:
        return None
    return node_id(kind, unquote(rest))


@lru_cache(maxsize=1 << 10)
def _source_iri(name: str) -> URIRef:
    return URIRef(f"{ID_BASE}source/{_segment(name)}")


def _source_name(iri: object) -> str | None:
    prefix = f"{ID_BASE}source/"
    if isinstance(iri, URIRef) and iri.startswith(prefix) and "/" not in iri[len(prefix):]:
        return unquote(iri[len(prefix):])
    return None


# Resources that are not nodes get one flat local name each (``association/`` +
# ``term_abandon_evokes_emotion_fear``), so that a few namespaces cover them all.


def _association_iri(u: str, relation: str, v: str) -> URIRef:
    (uk, un), (vk, vn) = split_node_id(u), split_node_id(v)
    return URIRef(f"{ID_BASE}association/{uk}_{_part(un)}_{_part(_camel(relation))}_{vk}_{_part(vn)}")


def _form_iri(key: str) -> URIRef:
    return URIRef(f"{ID_BASE}form/{_segment(key)}")


def _decomposition_iri(key: str) -> URIRef:
    return URIRef(f"{ID_BASE}decomposition/{_segment(key)}")


def _intensity_iri(key: str, dimension: str) -> URIRef:
    return URIRef(f"{ID_BASE}intensity/{_part(key)}_{dimension}")


def _evidence_iri(key: str, rank: int) -> URIRef:
    return URIRef(f"{ID_BASE}evidence/{_part(key)}_{rank}")


def _dimension_node(dimension: str) -> str:
    return node_id("sentiment" if dimension in theory.SENTIMENTS else "emotion", dimension)


def _new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
