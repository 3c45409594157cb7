"""Namespaces, prefixes and the percent-encoding of names, as plain strings.

Nothing here imports rdflib: ``express-lexicon query`` and the streaming export use these
names without paying for rdflib's start-up (the rdflib terms are in :mod:`.vocabulary`).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from ..ontology import NODE_KINDS

#: The project's vocabulary namespace (classes and properties of :class:`~.vocabulary.EXL`).
NAMESPACE = "https://w3id.org/express-lexicon/ns#"
#: Base of every individual's IRI (``{ID_BASE}emotion/joy``).
ID_BASE = "https://w3id.org/express-lexicon/id/"
#: The ontology (schema) IRI and the version of the schema; bump it when terms change.
SCHEMA_IRI = "https://w3id.org/express-lexicon/ns"
SCHEMA_VERSION = "2"

ONYX_NS = "http://www.gsi.upm.es/ontologies/onyx/ns#"
ONTOLEX_NS = "http://www.w3.org/ns/lemon/ontolex#"
LIME_NS = "http://www.w3.org/ns/lemon/lime#"
#: The WordNet-Affect taxonomy in SKOS, as published by GSI-UPM (gsi-upm/wnaffect-skos).
WNA_NS = "http://www.gsi.dit.upm.es/ontologies/wnaffect/ns#"
OBO_NS = "http://purl.obolibrary.org/obo/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
DCTERMS_NS = "http://purl.org/dc/terms/"

#: Prefixes bound on every exported graph and declared in every query.
PREFIXES: dict[str, str] = {
    "exl": NAMESPACE,
    "exlid": ID_BASE,
    **{kind: f"{ID_BASE}{kind}/" for kind in NODE_KINDS},
    **{name: f"{ID_BASE}{name}/" for name in ("source", "association", "form", "decomposition",
                                              "intensity", "evidence", "model", "scheme")},
    "onyx": ONYX_NS,
    "ontolex": ONTOLEX_NS,
    "lime": LIME_NS,
    "skos": SKOS_NS,
    "prov": PROV_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "dcterms": DCTERMS_NS,
    "wna": WNA_NS,
    "obo": OBO_NS,
}


@lru_cache(maxsize=1 << 17)  # a node's IRI is minted for every triple that names it
def segment(name: str) -> str:
    """``name`` as one IRI path segment: percent-encoded UTF-8 where only ASCII letters,
    digits and ``-._`` stay as they are (``unquote`` gives the name back exactly)."""
    # "~" is encoded too: rdflib splits IRIs into namespace and local name at such
    # characters and its prefix lookup slows down with every distinct namespace.
    return quote(name, safe="").replace("~", "%7E")


@lru_cache(maxsize=1 << 17)
def part(name: str) -> str:
    """A name inside a composite local name whose parts are joined with ``_``."""
    return segment(name).replace("_", "%5F")
