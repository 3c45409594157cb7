"""The express-lexicon vocabulary as an OWL ontology (``ontology/schema.ttl``).

Every class and property of :class:`~.vocabulary.EXL` with ``rdfs:label``,
``rdfs:comment``, domain and range, and where it sits among the reused vocabularies
(``exl:Decomposition`` is an ``onyx:EmotionSet``, ``exl:hypernym`` a ``skos:broader``...).
The committed file is :func:`schema_graph` in Turtle (:func:`write_schema`); a test checks
that it is current.
"""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from ..errors import ResourceFormatError
from ..ontology import RELATIONS
from ._files import SCHEMA_FILE
from ._names import ID_BASE, SCHEMA_IRI, SCHEMA_VERSION
from .vocabulary import EXL, LIME, ONTOLEX, ONYX, _camel, _exl, _new_graph

__all__ = ["SCHEMA_FILE", "schema_graph", "write_schema", "read_schema"]

_Kind = str  # "object", "datatype" or "annotation"

#: name -> (label, comment, superclasses) for every class of :class:`EXL`.
_CLASSES: dict[str, tuple[str, str, tuple[URIRef, ...]]] = {
    "Association": (
        "association",
        "A weighted, sourced edge of the ontology graph, as a reified statement: rdf:subject, "
        "rdf:predicate (the relation), rdf:object, exl:weight and prov:wasDerivedFrom the resource "
        "that asserted it. The plain triple is in the graph too. An edge whose weight and source are "
        "those its relation states as exl:defaultWeight and exl:defaultSource is only the plain triple.",
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
    "defaultWeight": ("default weight", "Stated on an ontology relation (exl:gloss exl:defaultWeight 0.5): "
                      "the weight of each of its edges that has no exl:Association of its own.",
                      "annotation", None, XSD.decimal, ()),
    "defaultSource": ("default source", "Stated on an ontology relation: the source of each of its edges "
                      "that has no exl:Association of its own.", "annotation", None, EXL.Source, ()),
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


_PROPERTY_TYPES = {"object": OWL.ObjectProperty, "datatype": OWL.DatatypeProperty,
                   "annotation": OWL.AnnotationProperty}


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
        add((term, RDF.type, _PROPERTY_TYPES[kind]))
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
        from ..build import default_ontology_directory

        path = default_ontology_directory() / SCHEMA_FILE
    from .._io import atomic_writer
    from .export import serialize

    text = SCHEMA_HEADER + "\n" + serialize(schema_graph(), "turtle")
    with atomic_writer(path, binary=True) as handle:
        handle.write(text.encode("utf-8"))
    return Path(path)


def read_schema() -> Graph:
    """The committed schema (``ontology/schema.ttl`` as shipped), parsed. Raises
    :class:`ResourceFormatError` when the file is missing or not valid Turtle."""
    from .. import _data

    text = _data.read_text(_data.ONTOLOGY_PACKAGE, SCHEMA_FILE)
    graph = _new_graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as exc:
        raise ResourceFormatError(f"{SCHEMA_FILE}: not valid Turtle ({exc})") from exc
    return graph
