"""The ontology as linked data: RDF export and import, and SPARQL over it.

>>> from express_lexicon.rdf import query
>>> rows = query('SELECT ?t WHERE { ?e exl:names dyad:remorse ; '
...              'ontolex:canonicalForm/ontolex:writtenRep ?t }')  # doctest: +SKIP

Everything here needs rdflib, which only this module imports (the rest of the package
starts without it).

**Vocabularies.** The project's own terms live in one namespace, :class:`EXL`
(``https://w3id.org/express-lexicon/ns#``), described by the schema
:func:`schema_graph` (committed as ``ontology/schema.ttl``). Everything else is reused:

* SKOS for the concept scheme of Plutchik's wheel (``skos:Concept``, ``prefLabel``,
  ``altLabel`` for name variants such as alarm, ``broader`` from a tier name to its
  emotion and between WordNet hypernyms, ``related`` from a dyad to its two emotions and
  between opposite emotions, ``definition`` from WordNet glosses) and ``skos:closeMatch``
  to the Emotion Ontology (MFOEM) and the WordNet-Affect SKOS taxonomy where they
  correspond (only ids read from those vocabularies' published files);
* Onyx for the eight basic emotions and two sentiments as ``onyx:EmotionCategory`` (of
  the ``onyx:EmotionModel`` s ``exlid:model/plutchik`` and ``exlid:model/polarity``) and
  every decomposition as an ``onyx:EmotionSet`` of ``onyx:Emotion`` s with
  ``onyx:hasEmotionCategory`` and ``onyx:hasEmotionIntensity``;
* OntoLex-Lemon and LIME for terms (``ontolex:LexicalEntry`` with
  ``canonicalForm/writtenRep``, entries of the ``lime:Lexicon`` ``exlid:lexicon``) and
  WordNet synsets (``ontolex:LexicalConcept``; ``ontolex:evokes`` from a term to each of
  its synsets, the sense itself an ``ontolex:LexicalSense``);
* RDF reification and PROV for provenance: every edge of the ontology graph is an
  ``exl:Association`` (a ``rdf:Statement``) with ``rdf:subject``, ``rdf:predicate``,
  ``rdf:object``, ``exl:weight`` and ``prov:wasDerivedFrom`` the resource that asserted
  it, next to the plain triple (``term:abandon exl:evokes emotion:fear``) for easy
  querying.

**Identifiers.** Every resource gets an IRI under ``https://w3id.org/express-lexicon/id/``
minted from the stable ontology ids: ``emotion/joy``, ``tier/terror``, ``dyad/remorse``,
``term/heart%20broken``, ``synset/grief.n.01``, ``source/wordnet``. Names are
percent-encoded (UTF-8; only ASCII letters, digits and ``-._~`` stay as they are), so any
term, with spaces, quotes, ``<>``, ``#``, ``%``, emoji or right-to-left letters, gives an
IRI that is valid in Turtle, N-Triples, RDF/XML and JSON-LD; labels are literals.
Queries (:func:`query`) have the prefixes of :data:`PREFIXES` declared, so
``emotion:fear`` or ``term:heartbroken`` can be written as they are.

**Round trip.** :func:`ontology_to_rdf` followed by :func:`ontology_from_rdf` gives back
the same graph (every node attribute, edge, weight and source; ``to_json()`` is
identical) and the same term records (so a :class:`~express_lexicon.decomposer.Lexicon`
rebuilt from them decomposes every term exactly as before), and exporting again gives an
isomorphic RDF graph. Numbers are ``xsd:decimal`` written from Python's shortest exact
representation, so they survive every format; list attributes that are empty or not in
sorted order, and attributes this module does not know, travel as one JSON literal
(``exl:extraAttributes``).
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from . import theory
from .errors import ExpressLexiconError, OntologyError, ResourceFormatError, UnknownTermError
from .ontology import (
    NODE_KINDS,
    RELATIONS,
    SOURCES,
    EmotionOntology,
    TermRecord,
    node_id,
    split_node_id,
    terms_table,
)

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.query import Result

    from .decomposer import Decomposition, Lexicon

__all__ = [
    "EXL",
    "ONYX",
    "ONTOLEX",
    "LIME",
    "NAMESPACE",
    "ID_BASE",
    "PREFIXES",
    "FORMATS",
    "SCHEMA_FILE",
    "QueryError",
    "node_iri",
    "iri_node",
    "term_iri",
    "schema_graph",
    "write_schema",
    "read_schema",
    "ontology_to_rdf",
    "ontology_from_rdf",
    "lexicon_to_rdf",
    "lexicon_from_rdf",
    "decompositions_to_rdf",
    "subset",
    "read_graph",
    "write_rdf",
    "default_graph",
    "query",
    "format_result",
    "serialize",
]

#: The project's vocabulary namespace (classes and properties of :class:`EXL`).
NAMESPACE = "https://w3id.org/express-lexicon/ns#"
#: Base of every individual's IRI (``{ID_BASE}emotion/joy``).
ID_BASE = "https://w3id.org/express-lexicon/id/"
#: The ontology (schema) IRI and the version of the schema; bump it when terms change.
SCHEMA_IRI = "https://w3id.org/express-lexicon/ns"
SCHEMA_VERSION = "1"
#: File name of the committed schema in ``ontology/``.
SCHEMA_FILE = "schema.ttl"
#: rdflib format names accepted by the exporter, and the file suffix of each.
FORMATS: dict[str, str] = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "xml": ".rdf"}
_SUFFIX_FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".jsonld": "json-ld",
    ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
}

ONYX_NS = "http://www.gsi.upm.es/ontologies/onyx/ns#"
ONTOLEX_NS = "http://www.w3.org/ns/lemon/ontolex#"
LIME_NS = "http://www.w3.org/ns/lemon/lime#"
#: The WordNet-Affect taxonomy in SKOS, as published by GSI-UPM (gsi-upm/wnaffect-skos).
WNA_NS = "http://www.gsi.dit.upm.es/ontologies/wnaffect/ns#"
OBO_NS = "http://purl.obolibrary.org/obo/"


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


#: Prefixes bound on every exported graph and declared in every :func:`query`.
PREFIXES: dict[str, str] = {
    "exl": NAMESPACE,
    "exlid": ID_BASE,
    **{kind: f"{ID_BASE}{kind}/" for kind in NODE_KINDS},
    **{name: f"{ID_BASE}{name}/" for name in ("source", "association", "form", "decomposition",
                                              "intensity", "evidence", "model", "scheme")},
    "onyx": ONYX_NS,
    "ontolex": ONTOLEX_NS,
    "lime": LIME_NS,
    "skos": str(SKOS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "wna": WNA_NS,
    "obo": OBO_NS,
}

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


class QueryError(ExpressLexiconError, ValueError):
    """A SPARQL query that rdflib cannot parse or evaluate; the message quotes rdflib's."""


# -- identifiers --------------------------------------------------------------------------


def _segment(name: str) -> str:
    # safe="" keeps only ASCII letters, digits and "-._~"; "~" is encoded too, because
    # rdflib splits IRIs into namespace and local name at such characters and its prefix
    # lookup slows down with every distinct namespace. The result is a valid IRI path
    # segment in every serialisation, and unquote() gives the name back exactly.
    return quote(name, safe="").replace("~", "%7E")


def _part(name: str) -> str:
    # A name inside a composite local name whose parts are joined with "_".
    return _segment(name).replace("_", "%5F")


def node_iri(node: str) -> URIRef:
    """The IRI of an ontology node id: ``emotion:joy`` -> ``<…/id/emotion/joy>``.

    Raises :class:`ValueError` when ``node`` is not a ``kind:name`` id of a known kind.
    """
    kind, name = split_node_id(node)
    return URIRef(f"{ID_BASE}{kind}/{_segment(name)}")


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


def _decimal(value: float) -> Literal:
    # repr() is the shortest string that reads back as the same float, and xsd:decimal is
    # written as it is by every serialiser (Turtle writes xsd:double with 7 digits).
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def _float(literal: object, what: str) -> float:
    if not isinstance(literal, Literal):
        raise OntologyError(f"{what}: expected a number, found {literal!r}")
    try:
        return float(literal.toPython() if literal.datatype else str(literal))
    except (TypeError, ValueError):
        raise OntologyError(f"{what}: not a number: {str(literal)!r}") from None


def _new_graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _is_sorted_unique(values: object) -> bool:
    return (isinstance(values, (list, tuple)) and bool(values) and all(isinstance(v, str) for v in values)
            and list(values) == sorted(set(values)))


# -- the schema ---------------------------------------------------------------------------

_Kind = str  # "class", "object" or "datatype"

#: name -> (label, comment, superclasses) for every class of :class:`EXL`.
_CLASSES: dict[str, tuple[str, str, tuple[URIRef, ...]]] = {
    "Association": (
        "association",
        "A weighted, sourced edge of the ontology graph, as a reified statement: rdf:subject, "
        "rdf:predicate (the relation), rdf:object, exl:weight and prov:wasDerivedFrom the resource "
        "that asserted it. The plain triple is in the graph too.",
        (RDF.Statement, PROV.Entity)),
    "Source": (
        "source", "A lexical resource or rule set that asserts associations (WordNet, NRC EmoLex, "
        "Plutchik's wheel, the EXPRESS vocabulary, the project's word-formation rules...).",
        (PROV.Entity,)),
    "BasicEmotion": (
        "basic emotion", "One of Plutchik's eight basic emotions, an Onyx emotion category of the "
        "Plutchik emotion model.", (ONYX.EmotionCategory, SKOS.Concept)),
    "Sentiment": (
        "sentiment", "Positive or negative polarity, the last two dimensions of every emotion profile.",
        (ONYX.EmotionCategory, SKOS.Concept)),
    "IntensityTier": (
        "intensity tier name", "The mild or intense name of a basic emotion on Plutchik's wheel "
        "(serenity and ecstasy for joy); skos:broader is the emotion.", (SKOS.Concept,)),
    "Dyad": (
        "dyad", "Two basic emotions felt together (remorse = sadness + disgust); skos:related are "
        "its two emotions, skos:altLabel the names other sources use.", (SKOS.Concept,)),
    "Term": (
        "term", "A term of the ontology graph: a lexical entry of the express-lexicon lexicon.",
        (ONTOLEX.LexicalEntry,)),
    "Synset": (
        "WordNet synset", "A WordNet 3.0 synset (lexical concept); skos:definition is its gloss.",
        (ONTOLEX.LexicalConcept,)),
    "Decomposition": (
        "decomposition", "What a term means in Plutchik's terms: an Onyx emotion set with one "
        "onyx:Emotion per non-zero dimension (the eight emotions and the two sentiments), how it "
        "was found, how confident it is and the evidence paths through the ontology.",
        (ONYX.EmotionSet,)),
    "EvidencePath": (
        "evidence path", "A path through the ontology graph from a term to one dimension it scores on.",
        ()),
}

#: name -> (label, comment, kind, domain, range, superproperties) for every property of EXL
#: that is not an ontology relation.
_PROPERTIES: dict[str, tuple[str, str, _Kind, URIRef | None, URIRef, tuple[URIRef, ...]]] = {
    "weight": ("weight", "The association's strength in (0, 1]: the default weight of its relation, "
               "the sense rank for WordNet senses, the intensity for tier names.",
               "datatype", EXL.Association, XSD.decimal, ()),
    "vectorIndex": ("vector index", "Position of the emotion in every 10-dimensional profile (the "
                    "EmoLex / EXPRESS order: anger, anticipation, disgust, fear, joy, sadness, surprise, "
                    "trust, then positive, negative).", "datatype", EXL.BasicEmotion, XSD.integer, ()),
    "level": ("level", "The intensity a basic emotion or tier name carries (mild 0.4, basic 0.7, "
              "intense 1.0).", "datatype", SKOS.Concept, XSD.decimal, ()),
    "tier": ("tier", "The tier of an intensity tier name: mild or intense.",
             "datatype", EXL.IntensityTier, XSD.string, ()),
    "dyadKind": ("dyad kind", "primary (adjacent petals), secondary (one apart), tertiary (two apart) "
                 "or opposite.", "datatype", EXL.Dyad, XSD.string, ()),
    "partOfSpeech": ("part of speech", "The WordNet part of speech of a synset: n, v, a, s (adjective "
                     "satellite) or r.", "datatype", EXL.Synset, XSD.string, ()),
    "lexicographerFile": ("lexicographer file", "The WordNet lexicographer file of a synset "
                          "(noun.feeling, verb.emotion...).", "datatype", EXL.Synset, XSD.string, ()),
    "extraAttributes": ("extra attributes", "Node or decomposition attributes that have no property of "
                        "their own (or are empty or unsorted lists), as a JSON object.",
                        "datatype", None, XSD.string, ()),
    "buildMetadata": ("build metadata", "The inputs the ontology was built from, as a JSON object.",
                      "datatype", LIME.Lexicon, XSD.string, ()),
    "method": ("method", "How the decomposition was found: theory, lexicon, derivation, wordnet, "
               "phrase, negation or unknown.", "datatype", EXL.Decomposition, XSD.string, ()),
    "confidence": ("confidence", "How sure the decomposition is, in [0, 1].",
                   "datatype", EXL.Decomposition, XSD.decimal, ()),
    "origin": ("origin", "A resource the decomposed term itself comes from.",
               "object", EXL.Decomposition, EXL.Source, ()),
    "dominantEmotion": ("dominant emotion", "An emotion within 75% of the strongest one.",
                        "object", EXL.Decomposition, EXL.BasicEmotion, ()),
    "intensityTier": ("intensity tier", "mild, basic or intense, read from the strongest emotion.",
                      "datatype", EXL.Decomposition, XSD.string, ()),
    "tierConcept": ("tier concept", "The strongest emotion at its tier: the tier name (grief, terror) "
                    "or, at the basic tier, the emotion itself.", "object", EXL.Decomposition, SKOS.Concept, ()),
    "dyad": ("dyad", "The dyad named when exactly two emotions dominate.",
             "object", EXL.Decomposition, EXL.Dyad, ()),
    "matchedTerm": ("matched term", "An ontology term the decomposition's profile came from.",
                    "object", EXL.Decomposition, ONTOLEX.LexicalEntry, ()),
    "modifier": ("modifier", "A negator, intensifier or softener applied to the matched term(s).",
                 "datatype", EXL.Decomposition, XSD.string, ()),
    "hasEvidence": ("has evidence", "An evidence path of the decomposition.",
                    "object", EXL.Decomposition, EXL.EvidencePath, ()),
    "rank": ("rank", "Position of the evidence path in its decomposition (0 first).",
             "datatype", EXL.EvidencePath, XSD.integer, ()),
    "steps": ("steps", "The path as a JSON array alternating node ids and relation/source labels: "
              "[\"term:heartbroken\", \"sense/wordnet\", \"synset:brokenhearted.s.01\", ...].",
              "datatype", EXL.EvidencePath, XSD.string, ()),
    "endsIn": ("ends in", "The emotion or sentiment the evidence path ends in.",
               "object", EXL.EvidencePath, ONYX.EmotionCategory, ()),
    "usesSource": ("uses source", "A resource that asserted a step of the evidence path.",
                   "object", EXL.EvidencePath, EXL.Source, ()),
}

#: relation -> (domain, range, superproperties) of the relation's predicate.
_RELATION_SCHEMA: dict[str, tuple[URIRef, URIRef, tuple[URIRef, ...]]] = {
    "evokes": (EXL.Term, ONYX.EmotionCategory, ()),
    "names": (EXL.Term, SKOS.Concept, (ONTOLEX.denotes,)),
    "similar_to": (EXL.Synset, EXL.Synset, ()),
    "also_see": (EXL.Synset, EXL.Synset, ()),
    "derivation": (EXL.Synset, EXL.Synset, ()),
    "attribute": (EXL.Synset, EXL.Synset, ()),
    "hypernym": (EXL.Synset, EXL.Synset, (SKOS.broader,)),
    "hyponym": (EXL.Synset, EXL.Synset, (SKOS.narrower,)),
    "antonym": (EXL.Synset, EXL.Synset, ()),
    "morphology": (EXL.Term, EXL.Term, ()),
    "compound": (EXL.Term, EXL.Term, ()),
    "spelling": (EXL.Term, EXL.Term, ()),
    "stem": (EXL.Term, EXL.Term, ()),
    "gloss": (EXL.Synset, EXL.Term, ()),
    "phrase_part": (EXL.Term, EXL.Term, ()),
    "means": (EXL.Term, EXL.Term, ()),
    "intensity_of": (EXL.IntensityTier, EXL.BasicEmotion, (SKOS.broader,)),
    "component": (EXL.Dyad, EXL.BasicEmotion, (SKOS.related,)),
    "opposite": (ONYX.EmotionCategory, ONYX.EmotionCategory, (SKOS.related,)),
    "polarity": (EXL.BasicEmotion, EXL.Sentiment, ()),
}


def schema_graph() -> Graph:
    """The vocabulary of :class:`EXL` as an OWL ontology: every class and property with
    ``rdfs:label``, ``rdfs:comment``, domain and range. ``ontology/schema.ttl`` is this
    graph in Turtle (:func:`write_schema`)."""
    graph = _new_graph()
    add = graph.add
    schema = URIRef(SCHEMA_IRI)
    add((schema, RDF.type, OWL.Ontology))
    add((schema, RDFS.label, Literal("express-lexicon vocabulary", lang="en")))
    add((schema, RDFS.comment, Literal(
        "Classes and properties of express-lexicon, an ontology of emotion terms decomposed into "
        "Plutchik's eight basic emotions and two sentiments. Reuses SKOS, Onyx, OntoLex-Lemon, LIME "
        "and PROV; individuals live under " + ID_BASE + ".", lang="en")))
    add((schema, OWL.versionInfo, Literal(SCHEMA_VERSION)))
    for name, (label, comment, parents) in _CLASSES.items():
        term = _exl(name)
        add((term, RDF.type, OWL.Class))
        add((term, RDFS.label, Literal(label, lang="en")))
        add((term, RDFS.comment, Literal(comment, lang="en")))
        add((term, RDFS.isDefinedBy, schema))
        for parent in parents:
            add((term, RDFS.subClassOf, parent))
    properties: dict[str, tuple[str, str, _Kind, URIRef | None, URIRef, tuple[URIRef, ...]]] = dict(_PROPERTIES)
    for relation, (subject_class, object_class, super_properties) in _RELATION_SCHEMA.items():
        info = RELATIONS[relation]
        comment = (f"Ontology relation '{relation}' ({info.links}): {info.description}"
                   + (" (negating: evidence through it lands on the opposite emotion)." if info.negates else "."))
        properties[_camel(relation)] = (relation.replace("_", " "), comment, "object", subject_class,
                                        object_class, super_properties)
    for name, (label, comment, kind, domain, range_, parents) in properties.items():
        term = _exl(name)
        add((term, RDF.type, OWL.ObjectProperty if kind == "object" else OWL.DatatypeProperty))
        add((term, RDFS.label, Literal(label, lang="en")))
        add((term, RDFS.comment, Literal(comment, lang="en")))
        add((term, RDFS.isDefinedBy, schema))
        if domain is not None:
            add((term, RDFS.domain, domain))
        add((term, RDFS.range, range_))
        for parent in parents:
            add((term, RDFS.subPropertyOf, parent))
    return graph


SCHEMA_HEADER = (
    "# express-lexicon vocabulary (https://w3id.org/express-lexicon/ns#).\n"
    "# Generated by express_lexicon.rdf.schema_graph(); do not edit. Regenerate with\n"
    "#   python -c \"from express_lexicon.rdf import write_schema; write_schema()\"\n"
)


def write_schema(path: str | os.PathLike[str] | None = None) -> Path:
    """Write :func:`schema_graph` as Turtle to ``path`` (default: ``schema.ttl`` of the
    package's ontology folder), atomically. Returns the path written; raises
    :class:`ExpressLexiconError` naming the path when it cannot be written."""
    if path is None:
        from .build import default_ontology_directory

        path = default_ontology_directory() / SCHEMA_FILE
    text = SCHEMA_HEADER + "\n" + serialize(schema_graph(), "turtle")
    _atomic_write(path, lambda handle: handle.write(text.encode("utf-8")))
    return Path(path)


def read_schema() -> Graph:
    """The committed schema (``ontology/schema.ttl`` as shipped), parsed. Raises
    :class:`ResourceFormatError` when the file is missing or not valid Turtle."""
    from . import _data

    text = _data.read_text(_data.ONTOLOGY_PACKAGE, SCHEMA_FILE)
    graph = _new_graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as exc:
        raise ResourceFormatError(f"{SCHEMA_FILE}: not valid Turtle ({exc})") from exc
    return graph


# -- export ---------------------------------------------------------------------------------


class _Writer:
    """Collects triples in a list and adds them to the graph in one batch (much faster
    than one ``Graph.add`` each)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.quads: list[tuple[Any, Any, Any, Graph]] = []

    def __call__(self, s: Any, p: Any, o: Any) -> None:
        self.quads.append((s, p, o, self.graph))

    def flush(self) -> Graph:
        self.graph.addN(self.quads)
        self.quads = []
        return self.graph


def _add_context(add: _Writer) -> None:
    """Lexicon, concept scheme, emotion models and sources: the resources every export shares."""
    add(LEXICON_IRI, RDF.type, LIME.Lexicon)
    add(LEXICON_IRI, RDFS.label, Literal("express-lexicon emotion lexicon", lang="en"))
    add(LEXICON_IRI, LIME.language, Literal("en"))
    add(SCHEME_IRI, RDF.type, SKOS.ConceptScheme)
    add(SCHEME_IRI, SKOS.prefLabel, Literal("Plutchik's wheel of emotions", lang="en"))
    add(SCHEME_IRI, DCTERMS.source, Literal(
        'R. Plutchik, "The Nature of Emotions", American Scientist 89(4):344-350, 2001'))
    add(PLUTCHIK_MODEL, RDF.type, ONYX.EmotionModel)
    add(PLUTCHIK_MODEL, RDFS.label, Literal("Plutchik's eight basic emotions", lang="en"))
    add(POLARITY_MODEL, RDF.type, ONYX.EmotionModel)
    add(POLARITY_MODEL, RDFS.label, Literal("positive and negative sentiment (NRC EmoLex)", lang="en"))
    for name, description in SOURCES.items():
        _add_source(add, name, description)


def _add_source(add: _Writer, name: str, description: str | None = None) -> URIRef:
    iri = _source_iri(name)
    add(iri, RDF.type, EXL.Source)
    add(iri, RDF.type, PROV.Entity)
    add(iri, RDFS.label, Literal(name))
    if description:
        add(iri, RDFS.comment, Literal(description, lang="en"))
    return iri


def _add_node(add: _Writer, node: str, attrs: Mapping[str, Any]) -> None:
    kind, name = split_node_id(node)
    iri = node_iri(node)
    add(iri, RDF.type, _NODE_CLASSES[kind])
    extras: dict[str, Any] = {}
    if kind in _CONCEPT_KINDS:
        add(iri, RDF.type, SKOS.Concept)
        add(iri, SKOS.inScheme, SCHEME_IRI)
        if kind in ("emotion", "sentiment"):
            add(iri, RDF.type, ONYX.EmotionCategory)
            add(PLUTCHIK_MODEL if kind == "emotion" else POLARITY_MODEL, ONYX.hasEmotionCategory, iri)
        if kind == "emotion":
            add(SCHEME_IRI, SKOS.hasTopConcept, iri)
            add(iri, SKOS.topConceptOf, SCHEME_IRI)
        if name in MFOEM_MATCHES and kind != "sentiment":
            add(iri, SKOS.closeMatch, URIRef(OBO_NS + MFOEM_MATCHES[name]))
        if name in WNA_MATCHES:
            add(iri, SKOS.closeMatch, URIRef(WNA_NS + WNA_MATCHES[name]))
        for key, value in attrs.items():
            if key == "name" and isinstance(value, str):
                add(iri, SKOS.prefLabel, Literal(value, lang="en"))
            elif key == "index" and kind == "emotion" and type(value) is int:
                add(iri, EXL.vectorIndex, Literal(value))
            elif key == "level" and kind in ("emotion", "tier") and type(value) in (int, float):
                add(iri, EXL.level, _decimal(value))
            elif key == "emotion" and kind == "tier" and isinstance(value, str) and value:
                add(iri, SKOS.broader, node_iri(node_id("emotion", value)))
            elif key == "tier" and kind == "tier" and isinstance(value, str):
                add(iri, EXL.tier, Literal(value))
            elif key == "dyad_kind" and kind == "dyad" and isinstance(value, str):
                add(iri, EXL.dyadKind, Literal(value))
            elif key == "alt_labels" and kind == "dyad" and _is_sorted_unique(value):
                for label in value:
                    add(iri, SKOS.altLabel, Literal(label, lang="en"))
            else:
                extras[key] = value
    elif kind == "term":
        add(iri, RDF.type, ONTOLEX.LexicalEntry)
        add(LEXICON_IRI, LIME.entry, iri)
        for key, value in attrs.items():
            if key == "label" and isinstance(value, str):
                form = _form_iri(name)
                add(iri, ONTOLEX.canonicalForm, form)
                add(form, RDF.type, ONTOLEX.Form)
                add(form, ONTOLEX.writtenRep, Literal(value, lang="en"))
            elif key == "origins" and _is_sorted_unique(value):
                for origin in value:
                    add(iri, PROV.wasDerivedFrom, _source_iri(origin))
            else:
                extras[key] = value
    else:  # synset
        add(iri, RDF.type, ONTOLEX.LexicalConcept)
        add(iri, RDF.type, SKOS.Concept)
        for key, value in attrs.items():
            if key == "gloss" and isinstance(value, str):
                add(iri, SKOS.definition, Literal(value, lang="en"))
            elif key == "pos" and isinstance(value, str):
                add(iri, EXL.partOfSpeech, Literal(value))
            elif key == "lexname" and isinstance(value, str):
                add(iri, EXL.lexicographerFile, Literal(value))
            else:
                extras[key] = value
    if extras:
        add(iri, EXL.extraAttributes, Literal(_json(extras)))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _add_edge(add: _Writer, u: str, v: str, relation: str, data: Mapping[str, Any]) -> None:
    predicate = RELATION_PREDICATES.get(relation)
    if predicate is None:
        raise OntologyError(f"edge {u} -> {v}: unknown relation {relation!r}; expected one of {', '.join(RELATIONS)}")
    weight, source = data.get("weight"), data.get("source")
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not isinstance(source, str):
        raise OntologyError(f"edge {u} --{relation}--> {v}: needs a numeric weight and a source, got {weight!r}, {source!r}")
    ui, vi = node_iri(u), node_iri(v)
    association = _association_iri(u, relation, v)
    add(ui, predicate, vi)
    add(association, RDF.type, EXL.Association)
    add(association, RDF.subject, ui)
    add(association, RDF.predicate, predicate)
    add(association, RDF.object, vi)
    add(association, EXL.weight, _decimal(weight))
    add(association, PROV.wasDerivedFrom, _source_iri(source))
    extra = _EXTRA_PREDICATES.get(relation)
    if extra is not None:
        add(ui, extra, vi)
    if relation == "sense":
        add(association, RDF.type, ONTOLEX.LexicalSense)
        add(ui, ONTOLEX.sense, association)
        add(association, ONTOLEX.isLexicalizedSenseOf, vi)


def _node_or_none(node: str) -> URIRef | None:
    try:
        return node_iri(node)
    except ValueError:
        return None


def _add_decomposition(add: _Writer, d: Decomposition, paths: Sequence[Sequence[str]],
                       origins: Sequence[str] | None, *, text: str | None = None,
                       extras: dict[str, Any] | None = None) -> URIRef:
    """One decomposition as an onyx:EmotionSet of the entry of ``d.key``."""
    key = d.key or d.term
    entry = term_iri(key)
    dset = _decomposition_iri(key)
    add(entry, ONYX.hasEmotionSet, dset)
    add(dset, RDF.type, ONYX.EmotionSet)
    add(dset, RDF.type, EXL.Decomposition)
    add(dset, ONYX.usesEmotionModel, PLUTCHIK_MODEL)
    add(dset, ONYX.usesEmotionModel, POLARITY_MODEL)
    if text is not None:
        add(dset, ONYX.emotionText, Literal(text))
    add(dset, EXL.method, Literal(d.method))
    add(dset, EXL.confidence, _decimal(d.confidence))
    for dimension, value in zip(theory.DIMENSIONS, d.scores):
        if value:
            emotion = _intensity_iri(key, dimension)
            add(dset, ONYX.hasEmotion, emotion)
            add(emotion, RDF.type, ONYX.Emotion)
            add(emotion, ONYX.hasEmotionCategory, node_iri(_dimension_node(dimension)))
            add(emotion, ONYX.hasEmotionIntensity, _decimal(value))
    for name in d.dominant:
        add(dset, EXL.dominantEmotion, node_iri(node_id("emotion", name)))
    tier, tier_name = d.tier, d.tier_term
    if tier is not None and tier_name is not None:
        add(dset, EXL.intensityTier, Literal(tier))
        add(dset, EXL.tierConcept, node_iri(node_id("emotion" if tier == "basic" else "tier", tier_name)))
    if d.dyad is not None:
        add(dset, EXL.dyad, node_iri(node_id("dyad", d.dyad)))
    if origins is not None:
        if _is_sorted_unique(origins):
            for origin in origins:
                add(dset, EXL.origin, _source_iri(origin))
        elif origins:
            extras = {**(extras or {}), "origins": list(origins)}
    if extras:
        add(dset, EXL.extraAttributes, Literal(_json(extras)))
    for rank, path in enumerate(paths):
        evidence = _evidence_iri(key, rank)
        add(dset, EXL.hasEvidence, evidence)
        add(evidence, RDF.type, EXL.EvidencePath)
        add(evidence, EXL.rank, Literal(rank))
        add(evidence, EXL.steps, Literal(_json(list(path))))
        end = _node_or_none(path[-1]) if path else None
        if end is not None:
            add(evidence, EXL.endsIn, end)
        for resource in dict.fromkeys(label.partition("/")[2] for label in path[1::2]):
            if resource:
                add(evidence, EXL.usesSource, _source_iri(resource))
    return dset


def _record_decomposition(record: TermRecord) -> Decomposition:
    from .decomposer import Decomposition

    return Decomposition(record.key, record.key, tuple(record.scores), record.method, record.confidence,
                         (record.key,))


def ontology_to_rdf(ontology: EmotionOntology, records: Iterable[TermRecord], *,
                    schema: bool = True) -> Graph:
    """The ontology graph and the term records as one RDF graph (see the module docstring).

    Every node becomes a resource (SKOS concepts for the theory nodes, OntoLex entries for
    terms, lexical concepts for synsets), every edge a direct triple plus an
    ``exl:Association`` with its weight and source, every record an ``onyx:EmotionSet``.
    ``schema`` adds the vocabulary of :func:`schema_graph`. Raises :class:`OntologyError`
    naming the edge when an edge has an unknown relation, no numeric weight or no source,
    and :class:`ValueError` for a node id that is not ``kind:name``.
    """
    from ._progress import track  # bars on a terminal when the CLI asks (a whole export takes ~40 s)

    graph = _new_graph()
    add = _Writer(graph)
    nx_graph = ontology.graph
    _add_context(add)
    used_sources: set[str] = set(SOURCES)
    if ontology.metadata:
        add(LEXICON_IRI, EXL.buildMetadata, Literal(_json(ontology.metadata)))
    for node, attrs in track(nx_graph.nodes(data=True), total=nx_graph.number_of_nodes(),
                             description="RDF: nodes", unit="node"):
        _add_node(add, node, attrs)
        if node.startswith("term:"):
            used_sources.update(o for o in attrs.get("origins", ()) if isinstance(o, str))
    for u, v, relation, data in track(nx_graph.edges(keys=True, data=True), total=nx_graph.number_of_edges(),
                                      description="RDF: edges", unit="edge"):
        _add_edge(add, u, v, relation, data)
        if isinstance(data.get("source"), str):
            used_sources.add(data["source"])
    records = list(records)
    for record in track(records, total=len(records), description="RDF: decompositions", unit="term"):
        entry = term_iri(record.key)
        node = node_id("term", record.key)
        if node not in nx_graph:
            # A record without a graph node: its entry is not a term of the lexicon.
            add(entry, RDF.type, ONTOLEX.LexicalEntry)
            form = _form_iri(record.key)
            add(entry, ONTOLEX.canonicalForm, form)
            add(form, RDF.type, ONTOLEX.Form)
            add(form, ONTOLEX.writtenRep, Literal(record.key, lang="en"))
        _add_decomposition(add, _record_decomposition(record), record.paths, record.origins)
        used_sources.update(record.origins)
        used_sources.update(label.partition("/")[2] for path in record.paths for label in path[1::2])
    for name in sorted(used_sources - set(SOURCES)):
        if name:
            _add_source(add, name)
    add.flush()
    if schema:
        graph += schema_graph()
    return graph


def decompositions_to_rdf(decompositions: Decomposition | Iterable[Decomposition]) -> Graph:
    """One or more :class:`~express_lexicon.decomposer.Decomposition` s as Onyx emotion
    sets (``express-lexicon decompose --rdf``): per term its lexical entry, an
    ``onyx:EmotionSet`` with ``onyx:emotionText`` the text as given, the non-zero
    dimensions as ``onyx:Emotion`` s, method, confidence, dominant emotions, tier, dyad,
    matched terms, modifiers and evidence paths. Unknown terms give a set with method
    ``unknown`` and no emotions. Raises :class:`TypeError` for anything but decompositions."""
    from .decomposer import Decomposition

    items = [decompositions] if isinstance(decompositions, Decomposition) else list(decompositions)
    graph = _new_graph()
    add = _Writer(graph)
    seen: set[str] = set()
    for d in items:
        if not isinstance(d, Decomposition):
            raise TypeError(f"expected Decomposition objects, got {type(d).__name__}")
        key = d.key or d.term
        entry = term_iri(key)
        add(entry, RDF.type, ONTOLEX.LexicalEntry)
        form = _form_iri(key)
        add(entry, ONTOLEX.canonicalForm, form)
        add(form, RDF.type, ONTOLEX.Form)
        add(form, ONTOLEX.writtenRep, Literal(key, lang="en"))
        paths = [_flat_path(p) for p in d.evidence]
        dset = _add_decomposition(add, d, paths, None, text=d.term)
        for matched in d.matched:
            add(dset, EXL.matchedTerm, term_iri(matched))
        for modifier in d.modifiers:
            add(dset, EXL.modifier, Literal(modifier))
        seen.update(label.partition("/")[2] for path in paths for label in path[1::2])
    for name in sorted(seen):
        if name:
            _add_source(add, name, SOURCES.get(name))
    return add.flush()


def _flat_path(path: Any) -> list[str]:
    if not path.steps:
        return []
    flat = [path.steps[0].source]
    for step in path.steps:
        flat += [f"{step.relation}/{step.resource}", step.target]
    return flat


# -- subsets ----------------------------------------------------------------------------------


def subset(ontology: EmotionOntology, records: Iterable[TermRecord],
           terms: Iterable[str]) -> tuple[EmotionOntology, list[TermRecord]]:
    """The part of the ontology a linked-data user needs for ``terms``: the theory nodes
    and their edges, each term with its out-going edges (and the nodes they reach), the
    nodes and edges along its evidence paths, and its record.

    Terms are normalised like lookups. Raises :class:`UnknownTermError` naming the first
    term that is not a term of the ontology (free text such as "not happy" is decomposed
    at run time: use :func:`decompositions_to_rdf`), and :class:`InvalidTermError` for
    input that is not a usable term.
    """
    import networkx as nx

    from .text import normalize

    graph = ontology.graph
    by_key = {r.key: r for r in records}
    keys: list[str] = []
    for term in terms:
        key = normalize(term)
        if node_id("term", key) not in graph and key not in by_key:
            raise UnknownTermError(
                f"not a term of the ontology: {term!r} (export covers ontology terms; "
                "`express-lexicon decompose TERM --rdf` gives the decomposition of any text)")
        if key not in keys:
            keys.append(key)
    nodes = {n for n in graph.nodes if n.partition(":")[0] in _CONCEPT_KINDS}
    edges: set[tuple[str, str, str]] = {
        (u, v, k) for u, v, k in graph.edges(keys=True) if u in nodes and v in nodes
    }
    chosen: list[TermRecord] = []
    for key in keys:
        node = node_id("term", key)
        if node in graph:
            nodes.add(node)
            for _, v, k in graph.out_edges(node, keys=True):
                nodes.add(v)
                edges.add((node, v, k))
        record = by_key.get(key)
        if record is None:
            continue
        chosen.append(record)
        for path in record.paths:
            nodes.update(n for n in path[0::2] if n in graph)
            for i in range(1, len(path) - 1, 2):
                u, relation, v = path[i - 1], path[i].partition("/")[0], path[i + 1]
                if graph.has_edge(u, v, key=relation):
                    edges.add((u, v, relation))
                elif relation == "lemma" and graph.has_edge(v, u, key="sense"):
                    edges.add((v, u, "sense"))  # a lemma step walks a sense edge backwards
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in sorted(nodes))
    for u, v, k in sorted(edges):
        sub.add_edge(u, v, key=k, **graph.edges[u, v, k])
    return EmotionOntology(sub, ontology.metadata), sorted(chosen, key=lambda r: r.key)


def _lexicon_records(lexicon: Lexicon) -> list[TermRecord]:
    records = []
    for key in lexicon._index.keys():  # noqa: SIM118 (not a dict)
        record = lexicon._record(key)
        if record is not None:
            records.append(record)
    return sorted(records, key=lambda r: r.key)


def lexicon_to_rdf(lexicon: Lexicon | None = None, *, terms: Iterable[str] | None = None,
                   schema: bool = True) -> Graph:
    """The lexicon's ontology and term records as RDF (default: the shipped ontology), or
    only the part :func:`subset` keeps for ``terms``. Raises :class:`OntologyError` when
    the ontology files are missing or corrupted, :class:`UnknownTermError` for a term that
    is not in the ontology."""
    from ._progress import step

    if lexicon is None:
        from .decomposer import default_lexicon

        lexicon = default_lexicon()
    if lexicon._ontology is None:
        step("reading the ontology graph")
    ontology, records = lexicon.ontology, _lexicon_records(lexicon)
    if terms is not None:
        ontology, records = subset(ontology, records, terms)
    return ontology_to_rdf(ontology, records, schema=schema)


# -- import --------------------------------------------------------------------------------


def read_graph(source: Graph | str | os.PathLike[str], *, format: str | None = None) -> Graph:
    """``source`` itself when it is a graph, else the RDF file it names parsed with rdflib
    (format from ``format`` or the suffix: .ttl, .nt, .jsonld/.json, .rdf/.xml/.owl).

    Raises :class:`OntologyError` when the file does not exist and
    :class:`ResourceFormatError` naming the file when it cannot be parsed.
    """
    if isinstance(source, Graph):
        return source
    path = Path(source)
    fmt = format or _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ResourceFormatError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}; "
            f"use one of {', '.join(sorted(_SUFFIX_FORMATS))} or give format=")
    if not path.is_file():
        raise OntologyError(f"{path}: no such RDF file")
    graph = _new_graph()
    try:
        with warnings.catch_warnings():
            # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\b")
            graph.parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises many kinds (SyntaxError, BadSyntax, SAXParseException...)
        message = " ".join(str(exc).split())[:300]
        raise ResourceFormatError(f"{path}: not valid {fmt} RDF ({type(exc).__name__}: {message})") from exc
    return graph


def _only(graph: Graph, subject: Any, predicate: Any, what: str) -> Any:
    values = list(graph.objects(subject, predicate))
    if len(values) != 1:
        raise OntologyError(f"{subject}: expected one {what}, found {len(values)}")
    return values[0]


def _extras(graph: Graph, subject: Any) -> dict[str, Any]:
    value = graph.value(subject, EXL.extraAttributes)
    if value is None:
        return {}
    try:
        extras = json.loads(str(value))
    except ValueError as exc:
        raise OntologyError(f"{subject}: exl:extraAttributes is not JSON ({exc})") from None
    if not isinstance(extras, dict):
        raise OntologyError(f"{subject}: exl:extraAttributes is not a JSON object")
    return extras


def _read_node(graph: Graph, iri: URIRef, kind: str) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    if kind in _CONCEPT_KINDS:
        name = graph.value(iri, SKOS.prefLabel)
        if name is not None:
            attrs["name"] = str(name)
        if kind == "emotion" and (index := graph.value(iri, EXL.vectorIndex)) is not None:
            attrs["index"] = int(cast(Literal, index).toPython())
        if kind in ("emotion", "tier") and (level := graph.value(iri, EXL.level)) is not None:
            attrs["level"] = _float(level, f"{iri} exl:level")
        if kind == "tier":
            emotions = [n for b in graph.objects(iri, SKOS.broader) if (n := iri_node(b)) and n.startswith("emotion:")]
            if emotions:
                attrs["emotion"] = sorted(emotions)[0].partition(":")[2]
            if (tier := graph.value(iri, EXL.tier)) is not None:
                attrs["tier"] = str(tier)
        if kind == "dyad":
            if (dyad_kind := graph.value(iri, EXL.dyadKind)) is not None:
                attrs["dyad_kind"] = str(dyad_kind)
            labels = sorted(str(label) for label in graph.objects(iri, SKOS.altLabel))
            if labels:
                attrs["alt_labels"] = labels
    elif kind == "term":
        form = graph.value(iri, ONTOLEX.canonicalForm)
        label = graph.value(form, ONTOLEX.writtenRep) if form is not None else None
        if label is not None:
            attrs["label"] = str(label)
        origins = sorted(n for o in graph.objects(iri, PROV.wasDerivedFrom) if (n := _source_name(o)))
        if origins:
            attrs["origins"] = origins
    else:
        if (gloss := graph.value(iri, SKOS.definition)) is not None:
            attrs["gloss"] = str(gloss)
        if (pos := graph.value(iri, EXL.partOfSpeech)) is not None:
            attrs["pos"] = str(pos)
        if (lexname := graph.value(iri, EXL.lexicographerFile)) is not None:
            attrs["lexname"] = str(lexname)
    attrs.update(_extras(graph, iri))
    return attrs


def _read_record(graph: Graph, dset: Any) -> TermRecord:
    entries = [e for e in graph.subjects(ONYX.hasEmotionSet, dset) if iri_node(e)]
    if len(entries) != 1:
        raise OntologyError(f"{dset}: expected one lexical entry with this emotion set, found {len(entries)}")
    key = iri_node(entries[0]).partition(":")[2]  # type: ignore[union-attr]
    scores = [0.0] * len(theory.DIMENSIONS)
    for emotion in graph.objects(dset, ONYX.hasEmotion):
        category = iri_node(graph.value(emotion, ONYX.hasEmotionCategory))
        dimension = category.partition(":")[2] if category else None
        if dimension not in theory.DIMENSIONS:
            raise OntologyError(f"{emotion}: onyx:hasEmotionCategory is not one of the ten dimensions")
        scores[theory.DIMENSIONS.index(dimension)] = _float(
            graph.value(emotion, ONYX.hasEmotionIntensity), f"{emotion} onyx:hasEmotionIntensity")
    method = str(_only(graph, dset, EXL.method, "exl:method"))
    confidence = _float(_only(graph, dset, EXL.confidence, "exl:confidence"), f"{dset} exl:confidence")
    ranked = []
    for evidence in graph.objects(dset, EXL.hasEvidence):
        rank = _only(graph, evidence, EXL.rank, "exl:rank")
        try:
            steps = json.loads(str(_only(graph, evidence, EXL.steps, "exl:steps")))
        except ValueError as exc:
            raise OntologyError(f"{evidence}: exl:steps is not a JSON array ({exc})") from None
        if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
            raise OntologyError(f"{evidence}: exl:steps is not a JSON array of strings")
        ranked.append((int(rank.toPython()), tuple(steps)))
    extras = _extras(graph, dset)
    origins = extras.get("origins")
    if origins is None:
        origins = sorted(n for o in graph.objects(dset, EXL.origin) if (n := _source_name(o)))
    return TermRecord(key, tuple(scores), method, confidence, tuple(p for _, p in sorted(ranked)),
                      tuple(origins))


def ontology_from_rdf(source: Graph | str | os.PathLike[str], *,
                      format: str | None = None) -> tuple[EmotionOntology, list[TermRecord]]:
    """Read back what :func:`ontology_to_rdf` wrote: the ontology graph (nodes from the
    typed resources, edges from the ``exl:Association`` s) and the term records (from the
    ``exl:Decomposition`` s), sorted by key. ``source`` is a graph or an RDF file (see
    :func:`read_graph`). Direct triples, labels and links to other vocabularies are not
    read: they are derived from the associations and records.

    Raises :class:`OntologyError` naming the resource when the graph holds no
    express-lexicon nodes or a node, association or decomposition is incomplete, plus the
    errors of :func:`read_graph`.
    """
    import networkx as nx

    graph = read_graph(source, format=format)
    nx_graph = nx.MultiDiGraph()
    for cls, kind in _CLASS_KINDS.items():
        for iri in graph.subjects(RDF.type, cls):
            node = iri_node(iri)
            if node is None or not node.startswith(kind + ":"):
                raise OntologyError(f"{iri}: typed {cls} but not an express-lexicon {kind} IRI")
            nx_graph.add_node(node, **_read_node(graph, cast(URIRef, iri), kind))
    if not nx_graph.number_of_nodes():
        raise OntologyError("the RDF graph holds no express-lexicon ontology (no exl:BasicEmotion, "
                            "exl:Term or other node resources)")
    for association in graph.subjects(RDF.type, EXL.Association):
        u = iri_node(_only(graph, association, RDF.subject, "rdf:subject"))
        v = iri_node(_only(graph, association, RDF.object, "rdf:object"))
        relation = _PREDICATE_RELATIONS.get(_only(graph, association, RDF.predicate, "rdf:predicate"))
        source_name = _source_name(_only(graph, association, PROV.wasDerivedFrom, "prov:wasDerivedFrom"))
        if u is None or v is None or relation is None or source_name is None:
            raise OntologyError(f"{association}: subject, object, relation or source is not an express-lexicon one")
        weight = _float(_only(graph, association, EXL.weight, "exl:weight"), f"{association} exl:weight")
        nx_graph.add_edge(u, v, key=relation, relation=relation, weight=weight, source=source_name)
    metadata: dict[str, Any] = {}
    if (value := graph.value(LEXICON_IRI, EXL.buildMetadata)) is not None:
        try:
            metadata = json.loads(str(value))
        except ValueError as exc:
            raise OntologyError(f"{LEXICON_IRI}: exl:buildMetadata is not JSON ({exc})") from None
    records = [_read_record(graph, dset) for dset in graph.subjects(RDF.type, EXL.Decomposition)]
    return EmotionOntology(nx_graph, metadata), sorted(records, key=lambda r: r.key)


def lexicon_from_rdf(source: Graph | str | os.PathLike[str], *, format: str | None = None) -> Lexicon:
    """A :class:`~express_lexicon.decomposer.Lexicon` over an exported ontology: it
    decomposes every term exactly as the lexicon that was exported, and its
    ``.ontology`` is the imported graph. Raises what :func:`ontology_from_rdf` raises."""
    from .decomposer import Lexicon

    ontology, records = ontology_from_rdf(source, format=format)
    origin = source if not isinstance(source, Graph) else "RDF graph"
    lexicon = Lexicon.from_text(terms_table(records), origin=str(origin))
    lexicon._ontology = ontology
    return lexicon


# -- writing ---------------------------------------------------------------------------------


def write_rdf(graph: Graph, path: str | os.PathLike[str], format: str = "turtle") -> int:
    """Serialise ``graph`` to ``path`` in ``format`` (turtle, json-ld, nt, xml) so that the
    file appears only when complete: a temporary file in the same folder is renamed over
    ``path``. Returns the number of triples written.

    Raises :class:`ExpressLexiconError` naming the path when it cannot be written (no
    partial file is left) and :class:`ValueError` for an unknown format.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; expected one of {', '.join(FORMATS)}")
    _atomic_write(path, lambda handle: graph.serialize(destination=handle, format=format, encoding="utf-8",
                                                       **_serialize_options(format)))
    return len(graph)


def _atomic_write(path: str | os.PathLike[str], write: Any) -> None:
    """Call ``write(binary_handle)`` so that ``path`` appears only when complete (see
    :func:`express_lexicon._io.atomic_writer`: a temporary file beside it, renamed over it;
    on any failure removed, leaving ``path`` as it was). Raises
    :class:`ExpressLexiconError` naming the path when it cannot be written."""
    from ._io import atomic_writer

    with atomic_writer(path, binary=True) as handle:
        write(handle)


def _serialize_options(format: str) -> dict[str, Any]:
    # JSON-LD: compact IRIs with the project's prefixes instead of writing every IRI in full.
    return {"context": dict(PREFIXES), "auto_compact": True} if format == "json-ld" else {}


def serialize(graph: Graph, format: str = "turtle") -> str:
    """``graph`` as text in ``format`` (turtle, json-ld, nt, xml), with the project's
    prefixes. Raises :class:`ValueError` for an unknown format."""
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; expected one of {', '.join(FORMATS)}")
    return graph.serialize(format=format, **_serialize_options(format))


# -- SPARQL ----------------------------------------------------------------------------------

_default_graph: Graph | None = None
_default_lock = threading.Lock()


def default_graph() -> Graph:
    """The shipped ontology as RDF (:func:`lexicon_to_rdf` of the default lexicon), built
    on first use and kept for the life of the process. Raises :class:`OntologyError` when
    the shipped ontology is missing or corrupted."""
    global _default_graph
    if _default_graph is None:
        with _default_lock:
            if _default_graph is None:
                _default_graph = lexicon_to_rdf()
    return _default_graph


def query(sparql: str, graph: Graph | str | os.PathLike[str] | None = None) -> Result:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over ``graph``: an rdflib
    graph, an RDF file, or by default the shipped ontology (:func:`default_graph`). The
    prefixes of :data:`PREFIXES` are declared. Returns the rdflib result, already
    evaluated (iterate it for rows, or pass it to :func:`format_result`).

    Raises :class:`QueryError` with rdflib's message for an empty, unparsable or failing
    query (updates are not queries and are refused too), plus what :func:`read_graph`
    raises for a file.
    """
    from rdflib.plugins.sparql import prepareQuery

    if not isinstance(sparql, str) or not sparql.strip():
        raise QueryError("empty sparql query")
    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as exc:  # pyparsing ParseException, rdflib's own errors
        message = " ".join(str(exc).split())
        raise QueryError(f"bad sparql query: {message}") from None
    target = default_graph() if graph is None else read_graph(graph)
    try:
        result = target.query(prepared)
        if result.type == "SELECT":
            result.bindings  # noqa: B018 (evaluate now, so that errors surface here)
    except Exception as exc:
        raise QueryError(f"sparql query failed: {type(exc).__name__}: {exc}") from None
    return result


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if value.startswith(namespace):
                local = value[len(namespace):]
                if local and "/" not in local and "#" not in local:
                    return f"{prefix}:{local}"
        return f"<{value}>"
    return str(value)


def format_result(result: Result, format: str = "table") -> str:
    """A query result as text: ``table`` (aligned columns, IRIs shortened with the
    project's prefixes), ``csv`` or ``json`` (the W3C SPARQL result formats). ASK gives
    ``true``/``false`` (or SPARQL JSON); CONSTRUCT and DESCRIBE give Turtle whatever the
    format. Raises :class:`ValueError` for an unknown format."""
    if format not in ("table", "csv", "json"):
        raise ValueError(f"unknown result format {format!r}; expected table, csv or json")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph if result.graph is not None else Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True, replace=True)
        return graph.serialize(format="turtle")
    if result.type == "ASK":
        if format == "json":
            return (result.serialize(format="json") or b"").decode("utf-8")
        return "true" if result.askAnswer else "false"
    if format in ("csv", "json"):
        return (result.serialize(format=format) or b"").decode("utf-8")
    names = [str(v) for v in result.vars or ()]
    rows = [[_display(row.get(var)) for var in result.vars or ()] for row in result.bindings]
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
