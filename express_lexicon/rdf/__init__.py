"""The ontology as linked data: RDF export and import, and SPARQL over it.

>>> from express_lexicon.rdf import query
>>> rows = query('SELECT ?t WHERE { ?e exl:names dyad:remorse ; '
...              'ontolex:canonicalForm/ontolex:writtenRep ?t }')  # doctest: +SKIP

One module per job; every name below can be imported from here, and each module is
imported on first use of one of its names (so ``express-lexicon query`` never pays for
rdflib):

=======================  ====================================================================
:mod:`.vocabulary`       the namespaces (:class:`EXL`, Onyx, OntoLex, LIME) and the IRIs of
                         every resource (:func:`node_iri`, :func:`iri_node`, :func:`term_iri`)
:mod:`.schema`           the express-lexicon vocabulary as OWL (``ontology/schema.ttl``)
:mod:`.export`           ontology, records and decompositions as triples: rdflib graphs
                         (:func:`ontology_to_rdf`, :func:`lexicon_to_rdf`) and the build's
                         N-Triples (:func:`ontology_ntriples`)
:mod:`.importer`         an exported graph back into the ontology and a lexicon
                         (:func:`ontology_from_rdf`, :func:`lexicon_from_rdf`)
:mod:`.sparql`           SPARQL with pyoxigraph over the cached store of the shipped ontology,
                         a file or a graph (:func:`query`, :func:`format_result`)
``._files``              RDF files with pyoxigraph: the shipped ``ontology.nt.gz``, the
                         streamed whole export (:func:`export_ontology`), files users give
=======================  ====================================================================

pyoxigraph is the engine for the whole ontology (the build writes ``ontology.nt.gz`` once;
``export`` streams it, ``query`` loads it into a store once); rdflib is used where a user
wants an :class:`rdflib.Graph` (``Lexicon.to_rdf()``, subsets of terms, ``from_rdf``).

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
* RDF reification and PROV for provenance: every edge of the ontology graph is a plain
  triple (``term:abandon exl:evokes emotion:fear``); an edge whose weight or source is not
  its relation's default is also an ``exl:Association`` (a ``rdf:Statement``) with
  ``rdf:subject``, ``rdf:predicate``, ``rdf:object``, ``exl:weight`` and
  ``prov:wasDerivedFrom`` the resource that asserted it. The defaults are stated once on
  the relation (``exl:gloss exl:defaultWeight 0.5 ; exl:defaultSource source:wordnet``).

**Identifiers.** Every resource gets an IRI under ``https://w3id.org/express-lexicon/id/``
minted from the stable ontology ids: ``emotion/joy``, ``tier/terror``, ``dyad/remorse``,
``term/heart%20broken``, ``synset/grief.n.01``, ``source/wordnet``. Names are
percent-encoded (UTF-8; only ASCII letters, digits and ``-._`` stay as they are), so any
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

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: name -> the module of this package that defines it.
_NAMES: dict[str, str] = {
    **dict.fromkeys(("NAMESPACE", "ID_BASE", "PREFIXES", "SCHEMA_IRI", "SCHEMA_VERSION", "ONYX_NS",
                     "ONTOLEX_NS", "LIME_NS", "WNA_NS", "OBO_NS"), "_names"),
    **dict.fromkeys(("EXL", "ONYX", "ONTOLEX", "LIME", "RELATION_PREDICATES", "LEXICON_IRI", "SCHEME_IRI",
                     "PLUTCHIK_MODEL", "POLARITY_MODEL", "MFOEM_MATCHES", "WNA_MATCHES", "node_iri",
                     "iri_node", "term_iri"), "vocabulary"),
    **dict.fromkeys(("schema_graph", "write_schema", "read_schema", "SCHEMA_HEADER"), "schema"),
    **dict.fromkeys(("ontology_to_rdf", "ontology_ntriples", "shipped_files", "lexicon_to_rdf",
                     "decompositions_to_rdf", "edge_defaults", "subset", "write_rdf", "serialize"), "export"),
    **dict.fromkeys(("read_graph", "ontology_from_rdf", "lexicon_from_rdf"), "importer"),
    **dict.fromkeys(("QueryError", "QueryResult", "query", "format_result", "default_graph", "shipped_store",
                     "cache_directory", "CACHE_ENV"), "sparql"),
    **dict.fromkeys(("FORMATS", "RDF_FILE", "SCHEMA_FILE", "MAX_ENTITY_EXPANSION", "export_ontology"), "_files"),
}

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
    "RDF_FILE",
    "QueryError",
    "QueryResult",
    "node_iri",
    "iri_node",
    "term_iri",
    "schema_graph",
    "write_schema",
    "read_schema",
    "ontology_to_rdf",
    "ontology_from_rdf",
    "ontology_ntriples",
    "lexicon_to_rdf",
    "lexicon_from_rdf",
    "decompositions_to_rdf",
    "edge_defaults",
    "subset",
    "read_graph",
    "write_rdf",
    "export_ontology",
    "default_graph",
    "shipped_store",
    "cache_directory",
    "query",
    "format_result",
    "serialize",
]


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES))


if TYPE_CHECKING:  # pragma: no cover
    # ruff: noqa: F401 (for type checkers: what __getattr__ gives)
    from ._files import FORMATS, MAX_ENTITY_EXPANSION, RDF_FILE, SCHEMA_FILE, export_ontology
    from ._names import (ID_BASE, LIME_NS, NAMESPACE, OBO_NS, ONTOLEX_NS, ONYX_NS, PREFIXES, SCHEMA_IRI,
                         SCHEMA_VERSION, WNA_NS)
    from .export import (decompositions_to_rdf, edge_defaults, lexicon_to_rdf, ontology_ntriples,
                         ontology_to_rdf, serialize, shipped_files, subset, write_rdf)
    from .importer import lexicon_from_rdf, ontology_from_rdf, read_graph
    from .schema import SCHEMA_HEADER, read_schema, schema_graph, write_schema
    from .sparql import (CACHE_ENV, QueryError, QueryResult, cache_directory, default_graph, format_result,
                         query, shipped_store)
    from .vocabulary import (EXL, LEXICON_IRI, LIME, MFOEM_MATCHES, ONTOLEX, ONYX, PLUTCHIK_MODEL,
                             POLARITY_MODEL, RELATION_PREDICATES, SCHEME_IRI, WNA_MATCHES, iri_node, node_iri,
                             term_iri)
