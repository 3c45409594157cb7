"""The emotion ontology: a typed, weighted, sourced networkx graph and its on-disk form.

Node ids are strings ``kind:name`` so that they are stable across builds and readable in
evidence paths:

=============  ==========================================  ===================================
kind           example                                     attributes
=============  ==========================================  ===================================
``emotion``    ``emotion:joy``                             ``name, index, level``
``sentiment``  ``sentiment:positive``                      ``name``
``tier``       ``tier:ecstasy``                            ``name, emotion, tier, level``
``dyad``       ``dyad:awe``                                ``name, dyad_kind, alt_labels``
``term``       ``term:bittersweet``                        ``label, origins``
``synset``     ``synset:grief.n.01``                       ``pos, lexname, gloss``
=============  ==========================================  ===================================

Every edge has a ``relation`` (the edge key of the :class:`networkx.MultiDiGraph`), a
``weight`` in (0, 1] and a ``source`` naming the resource that asserted it
(:data:`SOURCES`). The relations and the weights the builder gives them are listed in
:data:`RELATIONS`.

On disk (``ontology/`` in the repository, ``express_lexicon.ontology_data`` when installed):

* ``graph.json.gz`` -- every node and edge, sorted, gzip without a timestamp so that two
  builds from the same inputs give identical bytes;
* ``terms.tsv`` -- the decomposition of every term, computed by the builder, which is what
  :mod:`express_lexicon.decomposer` reads (it needs neither networkx nor WordNet);
* ``manifest.json`` -- format version, inputs, counts and SHA-256 digests of the two files
  above (CRC-32), checked on load so that a truncated or edited file is reported with the
  command that rebuilds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import _data
from ._io import write_files_atomically
from .errors import OntologyError
from . import theory as _theory
from .theory import DIMENSIONS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "FORMAT_VERSION",
    "NODE_KINDS",
    "RELATIONS",
    "SOURCES",
    "Relation",
    "EmotionOntology",
    "node_id",
    "opposite_node",
    "split_node_id",
    "load_ontology",
    "read_manifest",
    "read_terms_bytes",
    "read_terms_text",
    "checksum",
    "REBUILD_HINT",
    "TermRecord",
    "terms_table",
    "parse_terms_line",
]

FORMAT_VERSION = 1
GRAPH_FILE = "graph.json.gz"
TERMS_FILE = "terms.tsv"
MANIFEST_FILE = "manifest.json"
TERMS_HEADER = f"# express-lexicon ontology terms v{FORMAT_VERSION}"
REBUILD_HINT = (
    "reinstall express-lexicon, or rebuild the ontology with `express-lexicon build` "
    "(needs WordNet 3.0)"
)

NODE_KINDS: tuple[str, ...] = ("emotion", "sentiment", "tier", "dyad", "term", "synset")

#: Resources that assert edges. ``morphology`` and ``phrase`` are the project's own rules.
SOURCES: dict[str, str] = {
    "plutchik": "Plutchik's wheel of emotions (resources/plutchik_*.csv)",
    "nrc-emolex": "NRC Word-Emotion Association Lexicon (EmoLex)",
    "nrc-intensity": "NRC Emotion Intensity Lexicon (user-supplied)",
    "wordnet": "Princeton WordNet 3.0",
    "express": "EXPRESS masking vocabulary (resources/express_vocabulary.csv)",
    "morphology": "express-lexicon word-formation rules (express_lexicon/text.py)",
    "phrase": "express-lexicon phrase rules (a phrase evokes what its words evoke)",
}


@dataclass(frozen=True, slots=True)
class Relation:
    """An edge type: what it links, the weight the builder gives it, whether it negates."""

    name: str
    links: str
    weight: float
    negates: bool = False
    description: str = ""


#: Every edge relation. ``weight`` is the default the builder assigns; ``sense`` edges are
#: weighted by sense rank instead (see :mod:`express_lexicon.build`).
RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("evokes", "term -> emotion|sentiment", 1.0, description="lexicon association"),
        Relation("names", "term -> emotion|tier|dyad", 1.0, description="the term is the concept's name"),
        Relation("sense", "term -> synset", 1.0, description="the term is a lemma of the synset"),
        Relation("similar_to", "synset -> synset", 0.85, description="WordNet adjective similarity"),
        Relation("also_see", "synset -> synset", 0.7, description="WordNet also-see"),
        Relation("derivation", "synset -> synset", 0.85, description="WordNet derivationally related form"),
        Relation("attribute", "synset -> synset", 0.7, description="WordNet attribute (noun <-> adjective)"),
        Relation("hypernym", "synset -> synset", 0.75, description="more general concept, within the emotion region"),
        Relation("hyponym", "synset -> synset", 0.5, description="more specific concept, within the emotion region"),
        Relation("antonym", "synset -> synset", 0.6, negates=True, description="WordNet antonym (the opposite: weak evidence)"),
        Relation("morphology", "term -> term", 0.9, description="word-formation rule (happiness -> happy)"),
        Relation("compound", "term -> term", 0.95, description="spelling variant (bitter sweetness -> bittersweetness)"),
        Relation("spelling", "term -> term", 0.8, description="misspelling of a known term (embarrased -> embarrassed)"),
        Relation("stem", "term -> term", 0.9, description="an EXPRESS stem and a word it stands for (admir -> admire)"),
        Relation("gloss", "synset -> term", 0.5, description="a known word in the synset's WordNet gloss"),
        Relation("phrase_part", "term -> term", 0.8, description="a word of a multiword term"),
        Relation("intensity_of", "tier -> emotion", 1.0, description="tier name of an emotion; weight is its level"),
        Relation("component", "dyad -> emotion", 1.0, description="one of the dyad's two emotions"),
        Relation("opposite", "emotion -> emotion, sentiment -> sentiment", 1.0, description="opposite petal on the wheel (or sentiment)"),
        Relation("polarity", "emotion -> sentiment", 1.0, description="the emotion's usual sentiment"),
    )
}


def node_id(kind: str, name: str) -> str:
    """The id of the node of ``kind`` called ``name`` (``node_id("term", "sad")`` is ``term:sad``)."""
    return f"{kind}:{name}"


def opposite_node(node: str) -> str:
    """The node of the opposite emotion (``emotion:joy`` -> ``emotion:sadness``) or sentiment."""
    kind, _, name = node.partition(":")
    if kind == "sentiment":
        return node_id(kind, "negative" if name == "positive" else "positive")
    return node_id(kind, _theory.emotion(name).opposite)


def split_node_id(node: str) -> tuple[str, str]:
    """``("term", "sad")`` for ``"term:sad"``. Raises :class:`ValueError` on a bare name."""
    kind, sep, name = node.partition(":")
    if not sep or kind not in NODE_KINDS:
        raise ValueError(f"not an ontology node id: {node!r}")
    return kind, name


class EmotionOntology:
    """The ontology graph with typed access. Wraps a :class:`networkx.MultiDiGraph`.

    Build one with :func:`express_lexicon.build.build_ontology` or load the shipped one
    with :func:`load_ontology`.
    """

    def __init__(self, graph: nx.MultiDiGraph, metadata: dict[str, Any] | None = None) -> None:
        self.graph = graph
        self.metadata: dict[str, Any] = dict(metadata or {})

    def __repr__(self) -> str:
        return f"<EmotionOntology {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges>"

    def nodes(self, kind: str | None = None) -> Iterator[str]:
        """Node ids, all or of one ``kind``, in sorted order."""
        for node in sorted(self.graph.nodes):
            if kind is None or node.startswith(kind + ":"):
                yield node

    def edges(self, relation: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(source, target, attributes)`` of every edge (or those of one ``relation``)."""
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if relation is None or key == relation:
                yield u, v, data

    def counts(self) -> dict[str, int]:
        """Number of nodes per kind and edges per relation (keys ``nodes.term``, ``edges.sense`` ...)."""
        out: dict[str, int] = {}
        for node in self.graph.nodes:
            key = "nodes." + node.partition(":")[0]
            out[key] = out.get(key, 0) + 1
        for _, _, rel in self.graph.edges(keys=True):
            out["edges." + rel] = out.get("edges." + rel, 0) + 1
        return dict(sorted(out.items()))

    # -- serialisation -----------------------------------------------------------------

    def to_json(self) -> str:
        """The graph as canonical JSON text (sorted nodes and edges, sorted keys)."""
        nodes = [[n, self.graph.nodes[n]] for n in sorted(self.graph.nodes)]
        edges = sorted(
            [u, v, key, data["weight"], data["source"]]
            for u, v, key, data in self.graph.edges(keys=True, data=True)
        )
        doc = {
            "format": "express-lexicon-ontology",
            "version": FORMAT_VERSION,
            "metadata": self.metadata,
            "nodes": nodes,
            "edges": edges,
        }
        return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str, origin: str = "graph") -> EmotionOntology:
        """Rebuild from :meth:`to_json` text. Raises :class:`OntologyError` on bad content."""
        import networkx as nx

        try:
            doc = json.loads(text)
            if doc.get("format") != "express-lexicon-ontology" or doc.get("version") != FORMAT_VERSION:
                raise OntologyError(
                    f"{origin}: not an express-lexicon ontology of format version {FORMAT_VERSION}; {REBUILD_HINT}"
                )
            graph = nx.MultiDiGraph()
            graph.add_nodes_from((n, attrs) for n, attrs in doc["nodes"])
            for u, v, key, weight, source in doc["edges"]:
                graph.add_edge(u, v, key=key, relation=key, weight=weight, source=source)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise OntologyError(f"{origin}: cannot read the ontology graph ({exc}); {REBUILD_HINT}") from exc
        return cls(graph, doc.get("metadata"))


def _gzip_bytes(text: str) -> bytes:
    import gzip
    import io

    buffer = io.BytesIO()
    # mtime=0 and no file name: identical input gives identical bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def checksum(data: bytes | str) -> str:
    """``crc32:<hex>`` of the UTF-8 bytes: the manifest's check that a file is whole and
    unedited. A CRC, not a cryptographic hash: it guards against truncation and corruption
    (not tampering) and costs a millisecond where SHA-256 costs the start-up budget."""
    import zlib

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return f"crc32:{zlib.crc32(raw):08x}"


def read_manifest(directory: Path | None = None) -> dict[str, Any]:
    """The manifest of the built ontology (shipped one by default).

    Raises :class:`OntologyError` with the rebuild hint when it is missing or unreadable.
    """
    try:
        text = (directory / MANIFEST_FILE).read_text("utf-8") if directory else _data.read_text(
            _data.ONTOLOGY_PACKAGE, MANIFEST_FILE
        )
        manifest = json.loads(text)
    except (OSError, ValueError, RecursionError, _data.ResourceFormatError) as exc:
        where = MANIFEST_FILE if directory is None else directory / MANIFEST_FILE
        raise OntologyError(f"the built ontology has no readable {where}; {REBUILD_HINT}") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("digests"), dict):
        where = MANIFEST_FILE if directory is None else directory / MANIFEST_FILE
        raise OntologyError(f"{where} is damaged (no table of file digests); {REBUILD_HINT}")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise OntologyError(
            f"{MANIFEST_FILE}: format version {manifest.get('format_version')!r}, "
            f"this express-lexicon reads {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    return manifest


def _read_ontology_bytes(name: str, directory: Path | None) -> bytes:
    try:
        if directory is not None:
            return (directory / name).read_bytes()
        return _data.read_bytes(_data.ONTOLOGY_PACKAGE, name)
    except (OSError, ValueError, ModuleNotFoundError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        where = name if directory is None else f"{directory / name} ({reason})"
        raise OntologyError(f"the built ontology lacks {where}; {REBUILD_HINT}") from exc


def read_terms_bytes(directory: Path | None = None, *, verify: bool = True) -> bytes:
    """The raw bytes of ``terms.tsv``, checked against the manifest's checksum when ``verify``.

    Raises :class:`OntologyError` (saying how to rebuild) when the file is missing,
    truncated or altered.
    """
    raw = _read_ontology_bytes(TERMS_FILE, directory)
    if not raw.startswith(TERMS_HEADER.encode("ascii")):
        raise OntologyError(f"{TERMS_FILE} does not start with {TERMS_HEADER!r}; {REBUILD_HINT}")
    if verify:
        manifest = read_manifest(directory)
        if checksum(raw) != manifest.get("digests", {}).get(TERMS_FILE):
            raise OntologyError(
                f"{TERMS_FILE} does not match the checksum in {MANIFEST_FILE} (truncated or edited); {REBUILD_HINT}"
            )
    return raw


def read_terms_text(directory: Path | None = None, *, verify: bool = True) -> str:
    """The text of ``terms.tsv`` (see :func:`read_terms_bytes` for the checks)."""
    try:
        return read_terms_bytes(directory, verify=verify).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OntologyError(f"{TERMS_FILE} is not UTF-8 (corrupted); {REBUILD_HINT}") from exc


def load_ontology(directory: Path | str | None = None, *, verify: bool = True) -> EmotionOntology:
    """Load the ontology graph: the shipped one, or the one built into ``directory``.

    Needs networkx but not WordNet. Raises :class:`OntologyError` (with the rebuild hint)
    when a file is missing, corrupted or does not match the manifest.
    """
    import gzip
    import zlib

    path = Path(directory) if directory is not None else None
    raw = _read_ontology_bytes(GRAPH_FILE, path)
    try:
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as exc:
        raise OntologyError(f"{GRAPH_FILE} is corrupted or truncated ({exc}); {REBUILD_HINT}") from exc
    if verify:
        manifest = read_manifest(path)
        if checksum(text) != manifest.get("digests", {}).get(GRAPH_FILE):
            raise OntologyError(
                f"{GRAPH_FILE} does not match the checksum in {MANIFEST_FILE} (truncated or edited); {REBUILD_HINT}"
            )
    return EmotionOntology.from_json(text, origin=GRAPH_FILE)


def save_ontology(
    ontology: EmotionOntology, terms_text: str, directory: Path | str, inputs: dict[str, Any]
) -> dict[str, Any]:
    """Write graph, term table and manifest into ``directory`` atomically; return the manifest.

    ``inputs`` describes the sources (versions, word counts) and goes into the manifest.
    """
    graph_text = ontology.to_json()
    manifest = {
        "format_version": FORMAT_VERSION,
        "inputs": inputs,
        "counts": ontology.counts(),
        "terms": terms_text.count("\n") - 1,
        "digests": {GRAPH_FILE: checksum(graph_text), TERMS_FILE: checksum(terms_text)},
    }
    manifest_text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    write_files_atomically(
        Path(directory),
        {
            GRAPH_FILE: _gzip_bytes(graph_text),
            TERMS_FILE: terms_text.encode("utf-8"),
            MANIFEST_FILE: manifest_text.encode("utf-8"),
        },
    )
    return manifest


@dataclass(frozen=True, slots=True)
class TermRecord:
    """A term's inferred decomposition as stored in ``terms.tsv``.

    ``origins`` are the resources the term itself comes from (``express``, ``nrc-emolex``,
    ``wordnet``, ``plutchik``...). ``paths`` are evidence paths: alternating node ids and ``relation/source`` step labels,
    from the term to an emotion or sentiment node.
    """

    key: str
    scores: tuple[float, ...]
    method: str
    confidence: float
    paths: tuple[tuple[str, ...], ...] = field(default=())
    origins: tuple[str, ...] = ()


def terms_table(records: Iterable[TermRecord]) -> str:
    """The text of ``terms.tsv``: a header line, then one tab-separated line per term:
    key, the 10 scores (comma-separated), method, confidence, origins (comma-separated),
    evidence paths (JSON)."""
    lines = [TERMS_HEADER]
    for record in sorted(records, key=lambda r: r.key):
        scores = ",".join(_number(v) for v in record.scores)
        evidence = json.dumps([list(p) for p in record.paths], ensure_ascii=False, separators=(",", ":"))
        origins = ",".join(record.origins)
        lines.append(f"{record.key}\t{scores}\t{record.method}\t{_number(record.confidence)}\t{origins}\t{evidence}")
    return "\n".join(lines) + "\n"


def parse_terms_line(line: str) -> TermRecord:
    """A :class:`TermRecord` from one ``terms.tsv`` line. Raises :class:`ValueError` on a bad line."""
    key, scores, method, confidence, origins, evidence = line.rstrip("\n").split("\t")
    values = tuple(float(v) for v in scores.split(","))
    if len(values) != len(DIMENSIONS):
        raise ValueError(f"expected {len(DIMENSIONS)} scores for {key!r}")
    paths = tuple(tuple(p) for p in json.loads(evidence))
    return TermRecord(key, values, method, float(confidence), paths, tuple(origins.split(",")) if origins else ())


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"
