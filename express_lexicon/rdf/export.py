"""Export: the ontology graph, the term records and decompositions as RDF triples.

One mapping (the ``_add_*`` functions below) says which triples every node, edge and
decomposition gives; two writers receive them:

* :class:`_GraphWriter` collects rdflib terms into an :class:`rdflib.Graph`
  (:func:`ontology_to_rdf`, :func:`lexicon_to_rdf` for the whole lexicon or a subset of
  terms, :func:`decompositions_to_rdf`), for users who want a graph in Python;
* :class:`_NTriplesWriter` hands pyoxigraph terms to pyoxigraph's N-Triples serialiser
  (:func:`ontology_ntriples`): what the build ships as ``ontology.nt.gz``, a hundred times
  faster than going through rdflib. ``express-lexicon export`` streams that file into the
  format asked for (:func:`express_lexicon.rdf.export_ontology`).

So the shipped file and ``Lexicon.to_rdf()`` hold the same triples by construction (and a
test checks it).

**Lean associations.** Every edge is a plain triple (``term:abandon exl:evokes
emotion:fear``). An edge is reified as an ``exl:Association`` (weight, source) only when
its weight and source are not its relation's defaults, which are stated once on the
relation's property: ``exl:gloss exl:defaultWeight 0.5 ; exl:defaultSource
source:wordnet``. A relation has a default when all its edges from one source share one
weight (the source with most edges wins); ``sense`` edges are always reified, because each
is an OntoLex sense of its own weighted by the sense's rank.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import XSD as _XSD

from .. import theory
from ..errors import OntologyError, UnknownTermError
from ..ontology import RELATIONS, SOURCES, EmotionOntology, TermRecord, node_id, split_node_id
from ._files import FORMATS
from ._names import PREFIXES
from .vocabulary import (
    _CONCEPT_KINDS,
    _EXTRA_PREDICATES,
    _NODE_CLASSES,
    LEXICON_IRI,
    MFOEM_MATCHES,
    OBO_NS,
    PLUTCHIK_MODEL,
    POLARITY_MODEL,
    RELATION_PREDICATES,
    SCHEME_IRI,
    WNA_MATCHES,
    WNA_NS,
    _association_iri,
    _decomposition_iri,
    _dimension_node,
    _evidence_iri,
    _form_iri,
    _intensity_iri,
    _new_graph,
    _source_iri,
    node_iri,
    term_iri,
)
from .vocabulary import EXL as _EXL
from .vocabulary import LIME as _LIME
from .vocabulary import ONTOLEX as _ONTOLEX
from .vocabulary import ONYX as _ONYX

if TYPE_CHECKING:  # pragma: no cover
    from ..decomposer import Decomposition, Lexicon

__all__ = [
    "FORMATS",
    "ontology_to_rdf",
    "ontology_ntriples",
    "lexicon_to_rdf",
    "decompositions_to_rdf",
    "edge_defaults",
    "subset",
    "write_rdf",
    "serialize",
]

#: Relations whose edges are always reified (see the module docstring).
_ALWAYS_REIFIED = frozenset({"sense"})


class _Terms:
    """A namespace whose terms are looked up once: an attribute of rdflib's namespace
    classes goes through a metaclass ``__getattr__`` each time, which took a fifth of a
    whole export. A misspelt term still raises ``AttributeError``."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        value = getattr(self._namespace, name)
        setattr(self, name, value)
        return cast(URIRef, value)


RDF, RDFS, SKOS, PROV, DCTERMS, XSD = (_Terms(ns) for ns in (_RDF, _RDFS, _SKOS, _PROV, _DCTERMS, _XSD))
EXL, ONYX, ONTOLEX, LIME = (_Terms(ns) for ns in (_EXL, _ONYX, _ONTOLEX, _LIME))


# -- writers ----------------------------------------------------------------------------------


def _decimal_text(value: float) -> str:
    # repr() is the shortest string that reads back as the same float, and xsd:decimal is
    # written as it is by every serialiser (Turtle writes xsd:double with 7 digits).
    return format(Decimal(repr(float(value))), "f")


class _GraphWriter:
    """Collects rdflib triples and adds them to the graph in one batch (much faster than
    one ``Graph.add`` each)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.quads: list[tuple[Any, Any, Any, Graph]] = []

    def __call__(self, s: Any, p: Any, o: Any) -> None:
        self.quads.append((s, p, o, self.graph))

    @staticmethod
    def text(value: str, lang: str | None = None) -> Any:
        return Literal(value, lang=lang)

    @staticmethod
    def decimal(value: float) -> Any:
        return Literal(_decimal_text(value), datatype=_XSD.decimal)

    @staticmethod
    def integer(value: int) -> Any:
        return Literal(value)

    def flush(self) -> Graph:
        self.graph.addN(self.quads)
        self.quads = []
        return self.graph


class _NTriplesWriter:
    """Groups the mapping's triples by subject, then hands them to pyoxigraph's N-Triples
    serialiser: subjects in sorted order, each subject's triples in the order the mapping
    wrote them (which is canonical: it walks nodes, edges and records sorted), duplicates
    dropped. IRIs arrive as strings (each distinct one becomes one ``NamedNode``), literals
    as the pyoxigraph terms :meth:`text`, :meth:`decimal` and :meth:`integer` make."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self._groups: dict[str, list[tuple[str, Any]]] = {}
        self._xsd_decimal = ox.NamedNode(str(_XSD.decimal))
        self._xsd_integer = ox.NamedNode(str(_XSD.integer))

    def __call__(self, s: str, p: str, o: Any) -> None:
        group = self._groups.get(s)
        if group is None:
            group = self._groups[s] = []
        group.append((p, o))

    def text(self, value: str, lang: str | None = None) -> Any:
        return self._ox.Literal(value, language=lang) if lang else self._ox.Literal(value)

    def decimal(self, value: float) -> Any:
        return self._ox.Literal(_decimal_text(value), datatype=self._xsd_decimal)

    def integer(self, value: int) -> Any:
        return self._ox.Literal(str(int(value)), datatype=self._xsd_integer)

    def triples(self) -> Iterable[Any]:
        """The pyoxigraph triples, grouped by subject (see the class docstring)."""
        nodes: dict[str, Any] = {}
        named, triple, literal = self._ox.NamedNode, self._ox.Triple, self._ox.Literal
        for s in sorted(self._groups):
            subject = named(s)
            for p, o in dict.fromkeys(self._groups[s]):
                pn = nodes.get(p)
                if pn is None:
                    pn = nodes[p] = named(p)
                if not isinstance(o, literal):
                    on = nodes.get(o)
                    if on is None:
                        on = nodes[o] = named(o)
                    o = on
                yield triple(subject, pn, o)

    def write(self, output: Any) -> None:
        """Serialise every triple as N-Triples into the binary stream ``output``."""
        self._ox.serialize(self.triples(), output, self._ox.RdfFormat.N_TRIPLES)


# -- the mapping ----------------------------------------------------------------------------------


def _add_context(add: Any) -> None:
    """Lexicon, concept scheme, emotion models and sources: the resources every export shares."""
    add(LEXICON_IRI, RDF.type, LIME.Lexicon)
    add(LEXICON_IRI, RDFS.label, add.text("express-lexicon emotion lexicon", "en"))
    add(LEXICON_IRI, LIME.language, add.text("en"))
    add(SCHEME_IRI, RDF.type, SKOS.ConceptScheme)
    add(SCHEME_IRI, SKOS.prefLabel, add.text("Plutchik's wheel of emotions", "en"))
    add(SCHEME_IRI, DCTERMS.source, add.text(
        'R. Plutchik, "The Nature of Emotions", American Scientist 89(4):344-350, 2001'))
    add(PLUTCHIK_MODEL, RDF.type, ONYX.EmotionModel)
    add(PLUTCHIK_MODEL, RDFS.label, add.text("Plutchik's eight basic emotions", "en"))
    add(POLARITY_MODEL, RDF.type, ONYX.EmotionModel)
    add(POLARITY_MODEL, RDFS.label, add.text("positive and negative sentiment (NRC EmoLex)", "en"))
    for name, description in SOURCES.items():
        _add_source(add, name, description)


def _add_source(add: Any, name: str, description: str | None = None) -> URIRef:
    iri = _source_iri(name)
    add(iri, RDF.type, EXL.Source)
    add(iri, RDF.type, PROV.Entity)
    add(iri, RDFS.label, add.text(name))
    if description:
        add(iri, RDFS.comment, add.text(description, "en"))
    return iri


def _is_sorted_unique(values: object) -> bool:
    return (isinstance(values, (list, tuple)) and bool(values) and all(isinstance(v, str) for v in values)
            and list(values) == sorted(set(values)))


def _add_node(add: Any, node: str, attrs: Mapping[str, Any]) -> None:
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
        for key, value in sorted(attrs.items()):
            if key == "name" and isinstance(value, str):
                add(iri, SKOS.prefLabel, add.text(value, "en"))
            elif key == "index" and kind == "emotion" and type(value) is int:
                add(iri, EXL.vectorIndex, add.integer(value))
            elif key == "level" and kind in ("emotion", "tier") and type(value) in (int, float):
                add(iri, EXL.level, add.decimal(value))
            elif key == "emotion" and kind == "tier" and isinstance(value, str) and value:
                add(iri, SKOS.broader, node_iri(node_id("emotion", value)))
            elif key == "tier" and kind == "tier" and isinstance(value, str):
                add(iri, EXL.tier, add.text(value))
            elif key == "dyad_kind" and kind == "dyad" and isinstance(value, str):
                add(iri, EXL.dyadKind, add.text(value))
            elif key == "alt_labels" and kind == "dyad" and _is_sorted_unique(value):
                for label in value:
                    add(iri, SKOS.altLabel, add.text(label, "en"))
            else:
                extras[key] = value
    elif kind == "term":
        add(iri, RDF.type, ONTOLEX.LexicalEntry)
        add(LEXICON_IRI, LIME.entry, iri)
        for key, value in sorted(attrs.items()):
            if key == "label" and isinstance(value, str):
                form = _form_iri(name)
                add(iri, ONTOLEX.canonicalForm, form)
                add(form, RDF.type, ONTOLEX.Form)
                add(form, ONTOLEX.writtenRep, add.text(value, "en"))
            elif key == "origins" and _is_sorted_unique(value):
                for origin in value:
                    add(iri, PROV.wasDerivedFrom, _source_iri(origin))
            else:
                extras[key] = value
    else:  # synset
        add(iri, RDF.type, ONTOLEX.LexicalConcept)
        add(iri, RDF.type, SKOS.Concept)
        for key, value in sorted(attrs.items()):
            if key == "gloss" and isinstance(value, str):
                add(iri, SKOS.definition, add.text(value, "en"))
            elif key == "pos" and isinstance(value, str):
                add(iri, EXL.partOfSpeech, add.text(value))
            elif key == "lexname" and isinstance(value, str):
                add(iri, EXL.lexicographerFile, add.text(value))
            else:
                extras[key] = value
    if extras:
        add(iri, EXL.extraAttributes, add.text(_json(extras)))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _weight_and_source(data: Mapping[str, Any]) -> tuple[float, str] | None:
    weight, source = data.get("weight"), data.get("source")
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not isinstance(source, str):
        return None
    return float(weight), source


def edge_defaults(ontology: EmotionOntology) -> dict[str, tuple[float, str]]:
    """``relation -> (weight, source)`` for the relations whose edges are written as plain
    triples when they have these values (see the module docstring): of the sources whose
    edges of the relation all share one weight, the one with most edges (ties: the first
    name). ``sense`` never has one."""
    weights: dict[tuple[str, str], set[float]] = {}
    counts: dict[tuple[str, str], int] = {}
    for _, _, relation, data in ontology.graph.edges(keys=True, data=True):
        pair = _weight_and_source(data)
        if pair is None or relation in _ALWAYS_REIFIED or relation not in RELATIONS:
            continue
        key = (relation, pair[1])
        weights.setdefault(key, set()).add(pair[0])
        counts[key] = counts.get(key, 0) + 1
    best: dict[str, tuple[int, str]] = {}
    for (relation, source), values in weights.items():
        if len(values) != 1:
            continue
        count = counts[(relation, source)]
        current = best.get(relation)
        if current is None or (-count, source) < (-current[0], current[1]):
            best[relation] = (count, source)
    return {relation: (next(iter(weights[(relation, source)])), source)
            for relation, (_, source) in sorted(best.items())}


def _add_defaults(add: Any, defaults: Mapping[str, tuple[float, str]]) -> None:
    for relation, (weight, source) in defaults.items():
        predicate = RELATION_PREDICATES[relation]
        add(predicate, EXL.defaultWeight, add.decimal(weight))
        add(predicate, EXL.defaultSource, _source_iri(source))


def _add_edge(add: Any, u: str, v: str, relation: str, data: Mapping[str, Any],
              defaults: Mapping[str, tuple[float, str]]) -> None:
    predicate = RELATION_PREDICATES.get(relation)
    if predicate is None:
        raise OntologyError(f"edge {u} -> {v}: unknown relation {relation!r}; expected one of {', '.join(RELATIONS)}")
    pair = _weight_and_source(data)
    if pair is None:
        raise OntologyError(f"edge {u} --{relation}--> {v}: needs a numeric weight and a source, "
                            f"got {data.get('weight')!r}, {data.get('source')!r}")
    ui, vi = node_iri(u), node_iri(v)
    add(ui, predicate, vi)
    extra = _EXTRA_PREDICATES.get(relation)
    if extra is not None:
        add(ui, extra, vi)
    if defaults.get(relation) == pair:
        return
    weight, source = pair
    association = _association_iri(u, relation, v)
    add(association, RDF.type, EXL.Association)
    add(association, RDF.subject, ui)
    add(association, RDF.predicate, predicate)
    add(association, RDF.object, vi)
    add(association, EXL.weight, add.decimal(weight))
    add(association, PROV.wasDerivedFrom, _source_iri(source))
    if relation == "sense":
        add(association, RDF.type, ONTOLEX.LexicalSense)
        add(ui, ONTOLEX.sense, association)
        add(association, ONTOLEX.isLexicalizedSenseOf, vi)


def _node_or_none(node: str) -> URIRef | None:
    try:
        return node_iri(node)
    except ValueError:
        return None


def _add_decomposition(add: Any, d: Decomposition, paths: Sequence[Sequence[str]],
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
        add(dset, ONYX.emotionText, add.text(text))
    add(dset, EXL.method, add.text(d.method))
    add(dset, EXL.confidence, add.decimal(d.confidence))
    for dimension, value in zip(theory.DIMENSIONS, d.scores):
        if value:
            emotion = _intensity_iri(key, dimension)
            add(dset, ONYX.hasEmotion, emotion)
            add(emotion, RDF.type, ONYX.Emotion)
            add(emotion, ONYX.hasEmotionCategory, node_iri(_dimension_node(dimension)))
            add(emotion, ONYX.hasEmotionIntensity, add.decimal(value))
    for name in d.dominant:
        add(dset, EXL.dominantEmotion, node_iri(node_id("emotion", name)))
    tier, tier_name = d.tier, d.tier_term
    if tier is not None and tier_name is not None:
        add(dset, EXL.intensityTier, add.text(tier))
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
        add(dset, EXL.extraAttributes, add.text(_json(extras)))
    for rank, path in enumerate(paths):
        evidence = _evidence_iri(key, rank)
        add(dset, EXL.hasEvidence, evidence)
        add(evidence, RDF.type, EXL.EvidencePath)
        add(evidence, EXL.rank, add.integer(rank))
        add(evidence, EXL.steps, add.text(_json(list(path))))
        end = _node_or_none(path[-1]) if path else None
        if end is not None:
            add(evidence, EXL.endsIn, end)
        for resource in dict.fromkeys(label.partition("/")[2] for label in path[1::2]):
            if resource:
                add(evidence, EXL.usesSource, _source_iri(resource))
    return dset


def _record_decomposition(record: TermRecord) -> Decomposition:
    from ..decomposer import Decomposition

    return Decomposition(record.key, record.key, tuple(record.scores), record.method, record.confidence,
                         (record.key,))


def _add_ontology(add: Any, ontology: EmotionOntology, records: Iterable[TermRecord]) -> None:
    """Every triple of the ontology graph and the term records (no schema)."""
    from .._progress import track  # bars on a terminal when the CLI asks

    nx_graph = ontology.graph
    _add_context(add)
    used_sources: set[str] = set(SOURCES)
    if ontology.metadata:
        add(LEXICON_IRI, EXL.buildMetadata, add.text(_json(ontology.metadata)))
    # Sorted walks: the same ontology gives the same triples in the same order, however it was built.
    nodes = sorted(nx_graph.nodes(data=True), key=lambda item: item[0])
    for node, attrs in track(nodes, total=len(nodes), description="RDF: nodes", unit="node"):
        _add_node(add, node, attrs)
        if node.startswith("term:"):
            used_sources.update(o for o in attrs.get("origins", ()) if isinstance(o, str))
    defaults = edge_defaults(ontology)
    _add_defaults(add, defaults)
    edges = sorted(nx_graph.edges(keys=True, data=True), key=lambda item: item[:3])
    for u, v, relation, data in track(edges, total=len(edges), description="RDF: edges", unit="edge"):
        _add_edge(add, u, v, relation, data, defaults)
        if isinstance(data.get("source"), str):
            used_sources.add(data["source"])
    records = sorted(records, key=lambda r: r.key)
    for record in track(records, total=len(records), description="RDF: decompositions", unit="term"):
        entry = term_iri(record.key)
        node = node_id("term", record.key)
        if node not in nx_graph:
            # A record without a graph node: its entry is not a term of the lexicon.
            add(entry, RDF.type, ONTOLEX.LexicalEntry)
            form = _form_iri(record.key)
            add(entry, ONTOLEX.canonicalForm, form)
            add(form, RDF.type, ONTOLEX.Form)
            add(form, ONTOLEX.writtenRep, add.text(record.key, "en"))
        _add_decomposition(add, _record_decomposition(record), record.paths, record.origins)
        used_sources.update(record.origins)
        used_sources.update(label.partition("/")[2] for path in record.paths for label in path[1::2])
    for name in sorted(used_sources - set(SOURCES)):
        if name:
            _add_source(add, name)


# -- whole graphs -----------------------------------------------------------------------------


def ontology_to_rdf(ontology: EmotionOntology, records: Iterable[TermRecord], *,
                    schema: bool = True) -> Graph:
    """The ontology graph and the term records as one rdflib graph (see
    :mod:`express_lexicon.rdf`).

    Every node becomes a resource (SKOS concepts for the theory nodes, OntoLex entries for
    terms, lexical concepts for synsets), every edge a direct triple (plus an
    ``exl:Association`` with its weight and source unless they are the relation's
    defaults), every record an ``onyx:EmotionSet``. ``schema`` adds the vocabulary of
    :func:`~express_lexicon.rdf.schema_graph`. Raises :class:`OntologyError` naming the
    edge when an edge has an unknown relation, no numeric weight or no source, and
    :class:`ValueError` for a node id that is not ``kind:name``.
    """
    graph = _new_graph()
    add = _GraphWriter(graph)
    _add_ontology(add, ontology, records)
    add.flush()
    if schema:
        from .schema import schema_graph

        graph += schema_graph()
    return graph


def ontology_ntriples(ontology: EmotionOntology, records: Iterable[TermRecord]) -> bytes:
    """The triples of ``ontology_to_rdf(ontology, records, schema=False)`` as gzipped
    N-Triples: one line per distinct triple, grouped by subject (subjects sorted), gzip
    without a timestamp, so that the same ontology always gives the same bytes. Written with
    pyoxigraph (about 100 times faster than rdflib). Raises what :func:`ontology_to_rdf`
    raises."""
    import gzip
    import io

    add = _NTriplesWriter()
    _add_ontology(add, ontology, records)
    buffer = io.BytesIO()
    # No file name and mtime=0: the same ontology gives the same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=6) as handle:
        add.write(handle)
    return buffer.getvalue()


def shipped_files(ontology: EmotionOntology, records: Iterable[TermRecord]) -> dict[str, bytes]:
    """The RDF a build ships beside its graph and term table: ``{"ontology.nt.gz":
    ontology_ntriples(...)}``, computed from the ontology and the records as the saved files
    give them back (the graph through its JSON form, the scores rounded as ``terms.tsv``
    rounds them), so that the file holds exactly what a :class:`Lexicon` over the build
    exports."""
    from ..ontology import parse_terms_line, terms_table
    from ._files import RDF_FILE

    saved = EmotionOntology.from_json(ontology.to_json())
    saved_records = [parse_terms_line(line) for line in terms_table(records).splitlines()[1:]]
    return {RDF_FILE: ontology_ntriples(saved, saved_records)}


def decompositions_to_rdf(decompositions: Decomposition | Iterable[Decomposition]) -> Graph:
    """One or more :class:`~express_lexicon.decomposer.Decomposition` s as Onyx emotion
    sets (``express-lexicon decompose --rdf``): per term its lexical entry, an
    ``onyx:EmotionSet`` with ``onyx:emotionText`` the text as given, the non-zero
    dimensions as ``onyx:Emotion`` s, method, confidence, dominant emotions, tier, dyad,
    matched terms, modifiers and evidence paths. Unknown terms give a set with method
    ``unknown`` and no emotions. Raises :class:`TypeError` for anything but decompositions."""
    from ..decomposer import Decomposition

    items = [decompositions] if isinstance(decompositions, Decomposition) else list(decompositions)
    graph = _new_graph()
    add = _GraphWriter(graph)
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
        add(form, ONTOLEX.writtenRep, add.text(key, "en"))
        paths = [_flat_path(p) for p in d.evidence]
        dset = _add_decomposition(add, d, paths, None, text=d.term)
        for matched in d.matched:
            add(dset, EXL.matchedTerm, term_iri(matched))
        for modifier in d.modifiers:
            add(dset, EXL.modifier, add.text(modifier))
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

    from ..text import normalize

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
    from .._progress import step

    if lexicon is None:
        from ..decomposer import default_lexicon

        lexicon = default_lexicon()
    if lexicon._ontology is None:
        step("reading the ontology graph")
    ontology, records = lexicon.ontology, _lexicon_records(lexicon)
    if terms is not None:
        ontology, records = subset(ontology, records, terms)
    return ontology_to_rdf(ontology, records, schema=schema)


# -- writing --------------------------------------------------------------------------------


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
    from .._io import atomic_writer

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
