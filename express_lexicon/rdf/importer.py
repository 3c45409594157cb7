"""Import: an exported graph back into the ontology graph and term records.

:func:`ontology_from_rdf` reads what :func:`~.export.ontology_to_rdf` wrote and gives back
the same graph (every node attribute, edge, weight and source; ``to_json()`` is identical)
and the same term records, so that a :class:`~express_lexicon.decomposer.Lexicon` rebuilt
from them (:func:`lexicon_from_rdf`) decomposes every term exactly as before. Files are
parsed with pyoxigraph (:func:`read_graph`), which fetches nothing from the network.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from .. import theory
from ..errors import OntologyError
from ..ontology import EmotionOntology, TermRecord, terms_table
from ._files import base_iri, ox_format, parse_error, rdf_input
from .vocabulary import (
    _CLASS_KINDS,
    _CONCEPT_KINDS,
    _PREDICATE_RELATIONS,
    EXL,
    LEXICON_IRI,
    ONTOLEX,
    ONYX,
    RELATION_PREDICATES,
    _new_graph,
    _source_name,
    iri_node,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..decomposer import Lexicon

__all__ = ["read_graph", "ontology_from_rdf", "lexicon_from_rdf"]


def read_graph(source: Graph | str | os.PathLike[str], *, format: str | None = None) -> Graph:
    """``source`` itself when it is a graph, else the RDF file it names as an rdflib graph
    (format from ``format`` or the suffix: .ttl, .nt, .jsonld/.json, .rdf/.xml/.owl, each
    optionally .gz), parsed with pyoxigraph: nothing is fetched from the network and XML
    entity expansion is capped (see :mod:`express_lexicon.rdf._files`).

    Raises :class:`OntologyError` when the file does not exist and
    :class:`ResourceFormatError` naming the file when it cannot be parsed (or holds named
    graphs).
    """
    import pyoxigraph as ox

    if isinstance(source, Graph):
        return source
    graph = _new_graph()
    with rdf_input(source, format) as (data, fmt):
        try:
            triples = [(_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object), graph)
                       for q in ox.parse(format=ox_format(fmt), base_iri=base_iri(source),
                                         without_named_graphs=True, **data)]
        except (SyntaxError, ValueError, OSError) as exc:
            raise parse_error(source, fmt, exc) from None
    graph.addN(triples)
    return graph


def _rdflib_term(term: Any) -> Any:
    """The rdflib term of a pyoxigraph one (quoted triples are not RDF 1.1 and refused)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise ValueError(f"not an RDF 1.1 term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _float(literal: object, what: str) -> float:
    if not isinstance(literal, Literal):
        raise OntologyError(f"{what}: expected a number, found {literal!r}")
    try:
        return float(literal.toPython() if literal.datatype else str(literal))
    except (TypeError, ValueError):
        raise OntologyError(f"{what}: not a number: {str(literal)!r}") from None


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


def _read_defaults(graph: Graph) -> dict[str, tuple[float, str]]:
    """The default weight and source each relation states (``exl:defaultWeight``,
    ``exl:defaultSource``), as the exporter writes them for its lean edges."""
    defaults: dict[str, tuple[float, str]] = {}
    for predicate, relation in _PREDICATE_RELATIONS.items():
        weight = graph.value(predicate, EXL.defaultWeight)
        source = graph.value(predicate, EXL.defaultSource)
        if weight is None and source is None:
            continue
        name = _source_name(source)
        if weight is None or name is None:
            raise OntologyError(f"{predicate}: states a default weight or source but not both "
                                "(exl:defaultWeight, exl:defaultSource)")
        defaults[relation] = (_float(weight, f"{predicate} exl:defaultWeight"), name)
    return defaults


def ontology_from_rdf(source: Graph | str | os.PathLike[str], *,
                      format: str | None = None) -> tuple[EmotionOntology, list[TermRecord]]:
    """Read back what :func:`ontology_to_rdf` wrote: the ontology graph (nodes from the
    typed resources, edges from the ``exl:Association`` s and, for the relations that state
    defaults, from the plain triples without one) and the term records (from the
    ``exl:Decomposition`` s), sorted by key. ``source`` is a graph or an RDF file (see
    :func:`read_graph`). Labels and links to other vocabularies are not read: they are
    derived from the nodes, edges and records.

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
    for relation, (weight, source_name) in _read_defaults(graph).items():
        # The edges of this relation that have no association of their own carry its defaults.
        for s, o in graph.subject_objects(RELATION_PREDICATES[relation]):
            u, v = iri_node(s), iri_node(o)
            if u is None or v is None or nx_graph.has_edge(u, v, key=relation):
                continue
            if u not in nx_graph or v not in nx_graph:
                raise OntologyError(f"{s} {RELATION_PREDICATES[relation]} {o}: links a resource that is not "
                                    "a typed express-lexicon node")
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
    from ..decomposer import Lexicon

    ontology, records = ontology_from_rdf(source, format=format)
    origin = source if not isinstance(source, Graph) else "RDF graph"
    lexicon = Lexicon.from_text(terms_table(records), origin=str(origin))
    lexicon._ontology = ontology
    return lexicon


