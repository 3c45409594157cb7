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
* ``manifest.json`` -- format version, inputs, counts and digests (CRC-32) of the files
  above, checked on load so that a truncated or edited file is reported with the
  command that rebuilds it; since issue 13 also each stored file's size, its inflated size
  and the digest of its compressed bytes (``stored``), so that a file is checked before it
  is decompressed and a decompression never grows past what the build wrote.

A build does not overwrite these files one by one. :func:`save_ontology` writes them into a
new folder ``build-<digest>/`` and then replaces the one-line pointer file ``CURRENT`` that
names it (see :func:`express_lexicon._io.publish_version`): a reader resolves the pointer
once (:func:`data_directory`) and reads every file from the same build, so that a build
killed half-way, or read while it runs, never mixes a new graph with an old term table. A
folder without ``CURRENT`` (the layout of earlier builds) is read in place. The loaders
refuse anything but regular files (an ontology file linked to ``/dev/zero``), cap sizes and
decompression (:data:`MAX_FILE_BYTES`, :data:`MAX_INFLATED_BYTES`) and raise
:class:`OntologyError` for all of it.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import _data
from ._io import publish_version
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
    "PLAIN_WORDS_FILE",
    "read_plain_words",
    "read_graph_text",
    "POINTER_FILE",
    "MAX_FILE_BYTES",
    "MAX_INFLATED_BYTES",
    "data_directory",
    "terms_table",
    "parse_terms_line",
]

FORMAT_VERSION = 1
GRAPH_FILE = "graph.json.gz"
TERMS_FILE = "terms.tsv"
MANIFEST_FILE = "manifest.json"
#: WordNet lemmas that are not terms: English words known to have no emotional sense. The
#: decomposer reads it (only when a lookup misses) so that it never guesses an emotion for
#: an ordinary word by respelling it ("chair" is not "choir").
PLAIN_WORDS_FILE = "plain_words.txt.gz"
TERMS_HEADER = f"# express-lexicon ontology terms v{FORMAT_VERSION}"
#: The one-line file naming the current build folder (``build-<12 hex digits>``).
POINTER_FILE = "CURRENT"
_BUILD_FOLDER = r"build-[0-9a-f]{12}"
#: Largest ontology file read (compressed or not), and largest size a compressed one may
#: inflate to when the manifest does not say (a gzip bomb stops here, not at MemoryError).
MAX_FILE_BYTES = 1 << 30
MAX_INFLATED_BYTES = 1 << 28
_MAX_MANIFEST_BYTES = 1 << 24
REBUILD_HINT = (
    "reinstall express-lexicon, or rebuild the ontology with `express-lexicon build` "
    "(needs WordNet 3.0)"
)

NODE_KINDS: tuple[str, ...] = ("emotion", "sentiment", "tier", "dyad", "term", "synset")

#: Resources that assert edges. ``morphology`` and ``phrase`` are the project's own rules.
SOURCES: dict[str, str] = {
    "plutchik": "Plutchik's wheel of emotions (resources/plutchik_*.csv)",
    "nrc-emolex": "NRC Word-Emotion Association Lexicon (EmoLex)",
    "nrc-intensity": "NRC Emotion Intensity Lexicon (emotion-nrc-affect-lex's copy, or a user-supplied file)",
    "curated": "express-lexicon everyday expressions (resources/everyday_expressions.csv)",
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
        Relation("means", "term -> term", 0.95, description="a curated everyday expression and the standard term it means (stoked -> excited)"),
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
        except MemoryError:
            raise OntologyError(f"{origin}: not enough memory to read the ontology graph; {REBUILD_HINT}") from None
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


def data_directory(directory: Path | str | None = None) -> Path | None:
    """The folder that holds the ontology's files now: ``directory`` (default: the shipped
    ontology's folder) itself, or the build folder its ``CURRENT`` pointer names. ``None``
    for a shipped ontology that is not a plain folder (a zipped install).

    Resolve it once and pass the result on, so that every file comes from the same build.
    Raises :class:`OntologyError` when the pointer is damaged.
    """
    base = Path(directory) if directory is not None else _data.package_directory(_data.ONTOLOGY_PACKAGE)
    if base is None:
        return None
    pointer = base / POINTER_FILE
    try:
        info = os.stat(pointer)
    except (OSError, ValueError):  # no pointer: a folder of the earlier flat layout
        return base
    raw = b""
    if stat.S_ISREG(info.st_mode) and info.st_size <= 4096:
        try:
            raw = pointer.read_bytes()
        except OSError:
            raw = b""
    name = raw.decode("ascii", "replace").strip()
    if not re.fullmatch(_BUILD_FOLDER, name):
        raise OntologyError(f"{pointer} is damaged (it must name a build folder); {REBUILD_HINT}")
    return base / name


def _zip_prefix() -> str:
    """``build-…/`` inside a zipped install whose ontology has a pointer, else ``""``."""
    try:
        name = _data.read_bytes(_data.ONTOLOGY_PACKAGE, POINTER_FILE).decode("ascii", "replace").strip()
    except (OSError, ModuleNotFoundError, ValueError):
        return ""
    if not re.fullmatch(_BUILD_FOLDER, name):
        raise OntologyError(f"{POINTER_FILE} of the shipped ontology is damaged; {REBUILD_HINT}")
    return name + "/"


def _follow_pointer(read: Any) -> Any:
    """Run ``read(folder, ...)`` on the build folder ``directory`` points to now, resolved
    once so that every file comes from the same build; when a rebuild removes that folder
    while it is read, resolve the pointer again (twice at most). A build folder given
    directly is read as it is."""
    import functools

    @functools.wraps(read)
    def follow(directory: Path | str | None = None, *args: Any, **kwargs: Any) -> Any:
        given = Path(directory) if directory is not None else None
        for attempt in range(3):
            pinned = data_directory(given)
            try:
                return read(pinned, *args, **kwargs)
            except OntologyError:
                if attempt == 2 or pinned is None or pinned == given or pinned.exists():
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    return follow


@_follow_pointer
def read_manifest(directory: Path | None = None) -> dict[str, Any]:
    """The manifest of the built ontology (shipped one by default).

    Raises :class:`OntologyError` with the rebuild hint when it is missing or unreadable.
    """
    raw = _read_ontology_bytes(MANIFEST_FILE, directory, _MAX_MANIFEST_BYTES)  # names the file when missing
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError, MemoryError) as exc:
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


def _read_ontology_bytes(name: str, directory: Path | None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one ontology file of the (pinned) ``directory``; only a regular file of
    at most ``limit`` bytes is read."""
    try:
        if directory is None:
            return _data.read_bytes(_data.ONTOLOGY_PACKAGE, _zip_prefix() + name)
        path = directory / name
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise OntologyError(f"the built ontology's {path} is {kind}; {REBUILD_HINT}")
        if info.st_size > limit:
            raise OntologyError(f"the built ontology's {path} has {info.st_size:,} bytes, more than "
                                f"{limit:,}; {REBUILD_HINT}")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise OntologyError(f"the built ontology's {path} has more than {limit:,} bytes; {REBUILD_HINT}")
        return data
    except (OSError, ValueError, ModuleNotFoundError) as exc:  # ValueError: a NUL byte in the path
        if (directory is not None and isinstance(exc, FileNotFoundError) and re.fullmatch(_BUILD_FOLDER, directory.name)
                and not directory.exists()):
            raise OntologyError(f"the ontology build {directory} was replaced by a newer build while it was "
                                "being read; load the ontology again") from exc
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        where = name if directory is None else f"{directory / name} ({reason})"
        raise OntologyError(f"the built ontology lacks {where}; {REBUILD_HINT}") from exc


def _stored(manifest: dict[str, Any] | None, name: str) -> dict[str, Any]:
    """The manifest's record of how ``name`` is stored (empty for earlier manifests)."""
    entry = manifest.get("stored", {}) if isinstance(manifest, dict) else {}
    entry = entry.get(name) if isinstance(entry, dict) else None
    return entry if isinstance(entry, dict) else {}


def _inflate(raw: bytes, name: str, limit: int) -> bytes:
    """Decompress one gzip member, refusing to produce more than ``limit`` bytes."""
    import zlib

    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = bytearray()
        pending = raw
        while pending and not inflater.eof:  # 1 MiB at a time: memory never passes the limit
            out += inflater.decompress(pending, 1 << 20)
            pending = inflater.unconsumed_tail
            if len(out) > limit:
                raise OntologyError(f"{name} inflates to more than {limit:,} bytes (damaged, or not what the "
                                    f"build wrote); {REBUILD_HINT}")
        if not inflater.eof or inflater.unused_data:
            raise OntologyError(f"{name} is corrupted or truncated (incomplete gzip data); {REBUILD_HINT}")
        return bytes(out)
    except zlib.error as exc:
        raise OntologyError(f"{name} is corrupted or truncated ({exc}); {REBUILD_HINT}") from exc
    except MemoryError:
        raise OntologyError(f"{name}: not enough memory to decompress it; {REBUILD_HINT}") from None


def _inflate_limit(entry: dict[str, Any]) -> int:
    inflated = entry.get("inflated")
    return inflated if isinstance(inflated, int) and 0 <= inflated <= MAX_INFLATED_BYTES else MAX_INFLATED_BYTES


def _check_stored(raw: bytes, entry: dict[str, Any], name: str) -> None:
    """Check the compressed bytes against the manifest before they are inflated."""
    digest = entry.get("digest")
    if digest is not None and checksum(raw) != digest:
        raise OntologyError(
            f"{name} does not match the checksum in {MANIFEST_FILE} (truncated or edited); {REBUILD_HINT}"
        )


@_follow_pointer
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


@_follow_pointer
def load_ontology(directory: Path | str | None = None, *, verify: bool = True) -> EmotionOntology:
    """Load the ontology graph: the shipped one, or the one built into ``directory``.

    Needs networkx but not WordNet. Raises :class:`OntologyError` (with the rebuild hint)
    when a file is missing, corrupted or does not match the manifest.
    """
    return EmotionOntology.from_json(read_graph_text(directory, verify=verify), origin=GRAPH_FILE)


@_follow_pointer
def read_graph_text(directory: Path | None = None, *, verify: bool = True) -> str:
    """The JSON text of ``graph.json.gz``, checked as :func:`load_ontology` checks it
    (stored size and digest before inflating, capped inflation, digest of the text), for
    readers that need the graph's data without networkx. Raises :class:`OntologyError`."""
    path = Path(directory) if directory is not None else None
    raw = _read_ontology_bytes(GRAPH_FILE, path)
    manifest = read_manifest(path) if verify else None
    entry = _stored(manifest, GRAPH_FILE)
    if verify:
        _check_stored(raw, entry, GRAPH_FILE)
    try:
        text = _inflate(raw, GRAPH_FILE, _inflate_limit(entry)).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OntologyError(f"{GRAPH_FILE} is corrupted ({exc}); {REBUILD_HINT}") from exc
    if manifest is not None:
        if checksum(text) != manifest.get("digests", {}).get(GRAPH_FILE):
            raise OntologyError(
                f"{GRAPH_FILE} does not match the checksum in {MANIFEST_FILE} (truncated or edited); {REBUILD_HINT}"
            )
    return text


def save_ontology(
    ontology: EmotionOntology, terms_text: str, directory: Path | str, inputs: dict[str, Any],
    *, plain_words: Iterable[str] = (), extra_files: Mapping[str, bytes] | None = None,
) -> dict[str, Any]:
    """Write graph, term table, plain-word list and manifest into ``directory`` atomically;
    return the manifest.

    ``extra_files`` (name -> bytes, such as the build's ``ontology.nt.gz``) go into the same
    build folder, with their sizes and digests in the manifest. Raises :class:`ValueError`
    for a name that is not a plain file name or is one of the files above.

    ``inputs`` describes the sources (versions, word counts) and goes into the manifest.
    All four files go into a new folder ``directory/build-<digest>`` and the pointer file
    ``CURRENT`` is switched to it in one rename (see the module docstring): a kill at any
    moment leaves the previous ontology whole. The replaced build folder, and the files of
    an earlier flat layout in ``directory``, are removed afterwards (a process that resolved
    the old folder and reads it later is told the ontology was rebuilt). Raises :class:`OntologyError` naming the folder when it
    cannot be written (nothing changes then).
    """
    import hashlib

    graph_text = ontology.to_json()
    graph_raw = graph_text.encode("utf-8")
    graph_bytes = _gzip_bytes(graph_text)
    terms_bytes = terms_text.encode("utf-8")
    plain_text = "".join(f"{w}\n" for w in sorted(set(plain_words)))
    plain_bytes = _gzip_bytes(plain_text)
    manifest = {
        "format_version": FORMAT_VERSION,
        "inputs": inputs,
        "counts": ontology.counts(),
        "terms": terms_text.count("\n") - 1,
        "digests": {GRAPH_FILE: checksum(graph_raw), TERMS_FILE: checksum(terms_bytes),
                    PLAIN_WORDS_FILE: checksum(plain_bytes)},
        "stored": {
            GRAPH_FILE: {"bytes": len(graph_bytes), "digest": checksum(graph_bytes), "inflated": len(graph_raw)},
            TERMS_FILE: {"bytes": len(terms_bytes), "digest": checksum(terms_bytes)},
            PLAIN_WORDS_FILE: {"bytes": len(plain_bytes), "digest": checksum(plain_bytes),
                               "inflated": len(plain_text.encode("utf-8"))},
        },
    }
    extras = dict(extra_files or {})
    for name, payload in extras.items():
        if (not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name)
                or name in (GRAPH_FILE, TERMS_FILE, PLAIN_WORDS_FILE, MANIFEST_FILE, POINTER_FILE)
                or not isinstance(payload, bytes)):
            raise ValueError(f"extra ontology file {name!r}: needs a plain file name of its own and bytes")
        manifest["digests"][name] = checksum(payload)
        manifest["stored"][name] = {"bytes": len(payload), "digest": checksum(payload)}
    manifest_text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    files = {
        GRAPH_FILE: graph_bytes,
        TERMS_FILE: terms_bytes,
        PLAIN_WORDS_FILE: plain_bytes,
        **extras,
        MANIFEST_FILE: manifest_text.encode("utf-8"),
    }
    target = Path(directory)
    version = "build-" + hashlib.sha256(manifest_text.encode("utf-8")).hexdigest()[:12]
    try:
        publish_version(target, version, files, pointer=POINTER_FILE, version_pattern=_BUILD_FOLDER,
                        superseded=_flat_layout(target))
    except OSError as exc:
        raise OntologyError(f"{target}: cannot write the ontology ({exc.strerror or exc})") from None
    return manifest


def _flat_layout(directory: Path) -> tuple[str, ...]:
    """The ontology files of an earlier flat build in ``directory`` (its manifest is one of
    ours), which a new build supersedes; none when the folder holds something else."""
    if (directory / POINTER_FILE).exists():
        return ()
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return ()
    if not isinstance(manifest, dict) or "format_version" not in manifest or not isinstance(
            manifest.get("digests"), dict):
        return ()
    return (MANIFEST_FILE, GRAPH_FILE, TERMS_FILE, PLAIN_WORDS_FILE)


@_follow_pointer
def read_plain_words(directory: Path | None = None, *, verify: bool = True) -> frozenset[str]:
    """The English words the ontology knows to have no emotional sense (see
    :data:`PLAIN_WORDS_FILE`); empty for an ontology built without WordNet or before the
    file existed. Raises :class:`OntologyError` when the file does not match the manifest."""
    manifest = read_manifest(directory)
    expected = manifest.get("digests", {}).get(PLAIN_WORDS_FILE)
    if expected is None:
        return frozenset()
    raw = _read_ontology_bytes(PLAIN_WORDS_FILE, directory)
    # The digest is of the compressed bytes: checked before inflating anything.
    if verify and checksum(raw) != expected:
        raise OntologyError(
            f"{PLAIN_WORDS_FILE} does not match the checksum in {MANIFEST_FILE} (truncated or edited); {REBUILD_HINT}"
        )
    try:
        text = _inflate(raw, PLAIN_WORDS_FILE, _inflate_limit(_stored(manifest, PLAIN_WORDS_FILE))).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise OntologyError(f"{PLAIN_WORDS_FILE} is corrupted ({exc}); {REBUILD_HINT}") from exc
    return frozenset(text.split("\n")) - {""}


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
