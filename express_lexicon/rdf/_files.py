"""RDF files, read and written with pyoxigraph: the shipped ``ontology.nt.gz``, the whole
export streamed from it, and the RDF files users give (``query --data``, ``from_rdf``).

No rdflib here, so that ``express-lexicon export`` and ``query`` start fast.

Files users give are parsed defensively: nothing is fetched from the network (a JSON-LD
``@context`` that is a URL is refused, pyoxigraph has no document loader set), RDF/XML
entity declarations are checked before parsing (external entities are refused, and so is a
document whose entities would expand to more than :data:`MAX_ENTITY_EXPANSION` characters
or ten times its size: nested entities, the "billion laughs"), and a ``.gz`` suffix means
gzip, whose inflated size is capped.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import ExpressLexiconError, OntologyError, ResourceFormatError
from ._names import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

__all__ = ["FORMATS", "RDF_FILE", "SCHEMA_FILE", "MAX_ENTITY_EXPANSION", "export_ontology"]

#: Format names accepted by the exporter (rdflib's names), and the file suffix of each.
FORMATS: dict[str, str] = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "xml": ".rdf"}
_SUFFIX_FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".jsonld": "json-ld",
    ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
}
_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD", "xml": "RDF_XML"}
#: The ontology's triples (no schema) as the build writes them: N-Triples grouped by subject, gzipped.
RDF_FILE = "ontology.nt.gz"
#: File name of the committed schema in ``ontology/``.
SCHEMA_FILE = "schema.ttl"
#: Characters the entities of an RDF/XML file may expand to in all (or ten times the
#: file's size, if more).
MAX_ENTITY_EXPANSION = 1 << 26
#: Largest RDF file read whole (RDF/XML, for the entity check) and largest inflated .gz.
MAX_RDF_BYTES = 1 << 32


def ox_format(name: str) -> pyoxigraph.RdfFormat:
    """The pyoxigraph format of one of :data:`FORMATS`. Raises :class:`ValueError` for
    another name."""
    import pyoxigraph as ox

    if name not in _OX_FORMATS:
        raise ValueError(f"unknown RDF format {name!r}; expected one of {', '.join(FORMATS)}")
    return getattr(ox.RdfFormat, _OX_FORMATS[name])


def file_format(path: Path, format: str | None = None) -> tuple[str, bool]:
    """``(format, gzipped)`` of an RDF file: ``format`` or the one its suffix names
    (``.ttl``, ``.nt``, ``.jsonld``/``.json``, ``.rdf``/``.xml``/``.owl``, each optionally
    followed by ``.gz``). Raises :class:`ResourceFormatError` when neither says."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = (suffixes[-2] if len(suffixes) == 2 else "") if gzipped else path.suffix.lower()
    fmt = format or _SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        raise ResourceFormatError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}; "
            f"use one of {', '.join(sorted(_SUFFIX_FORMATS))} (optionally .gz) or give format=")
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return fmt, gzipped


class _Inflating:
    """A binary reader over gzip data that stops at ``limit`` inflated bytes, counts the
    lines it has read and reports how much of the compressed input it has consumed.
    pyoxigraph reads about 2 KB per call, so the data is inflated a megabyte at a time and
    handed out from that buffer."""

    def __init__(self, raw: IO[bytes], name: str, limit: int, total: int = 0,
                 progress: Callable[[int, int], None] | None = None) -> None:
        import gzip

        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._name, self._limit, self._total, self._progress = name, limit, total, progress
        self._buffer = b""
        self._position = 0
        self._read = 0
        #: Newlines inflated so far: the number of triples, for N-Triples read to the end.
        self.lines = 0

    def _refill(self) -> bool:
        import zlib

        try:
            self._buffer = self._gzip.read(1 << 20)
        except (OSError, EOFError, zlib.error) as exc:
            raise ResourceFormatError(f"{self._name}: corrupted or truncated gzip data ({exc})") from None
        self._position = 0
        self._read += len(self._buffer)
        self.lines += self._buffer.count(b"\n")
        if self._read > self._limit:
            raise ResourceFormatError(f"{self._name}: inflates to more than {self._limit:,} bytes")
        if self._progress is not None:
            self._progress(self._raw.tell(), self._total)
        return bool(self._buffer)

    def read(self, size: int = -1) -> bytes:
        if self._position >= len(self._buffer) and not self._refill():
            return b""
        if size is None or size < 0:
            chunks = [self._buffer[self._position:]]
            while self._refill():
                chunks.append(self._buffer)
            self._position = len(self._buffer)
            return b"".join(chunks)
        data = self._buffer[self._position:self._position + size]
        self._position += len(data)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._gzip.close()


# -- files users give ------------------------------------------------------------------------

_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s\"'%>]+)\s+(?:(SYSTEM|PUBLIC)\b|\"([^\"]*)\"|'([^']*)')")
_REFERENCE = re.compile(rb"&([A-Za-z_:][-A-Za-z0-9._:]*);")


def check_entities(data: bytes, name: str) -> None:
    """Refuse an RDF/XML document whose entity declarations are external (never fetched),
    parameter entities, recursive, or would expand to more than :data:`MAX_ENTITY_EXPANSION`
    characters (or ten times the document, if more) all told. Raises
    :class:`ResourceFormatError` naming the document."""
    if b"<!ENTITY" not in data:
        return
    values: dict[bytes, bytes] = {}
    for match in _ENTITY.finditer(data):
        parameter, entity, external, double, single = match.groups()
        if external:
            raise ResourceFormatError(f"{name}: declares an external XML entity ({entity.decode('utf-8', 'replace')}), "
                                      "which express-lexicon never fetches")
        if parameter:
            raise ResourceFormatError(f"{name}: declares an XML parameter entity, which RDF/XML does not need")
        values.setdefault(entity, double if double is not None else single)
    limit = max(MAX_ENTITY_EXPANSION, 10 * len(data))
    sizes: dict[bytes, int] = {}

    def size(entity: bytes, active: tuple[bytes, ...]) -> int:
        if entity in sizes:
            return sizes[entity]
        if entity in active:
            raise ResourceFormatError(f"{name}: the XML entity {entity.decode('utf-8', 'replace')} refers to itself")
        value = values[entity]
        total = len(value)
        for ref in _REFERENCE.finditer(value):
            if ref.group(1) in values:
                total += size(ref.group(1), (*active, entity)) - len(ref.group(0))
            if total > limit:
                break
        sizes[entity] = min(total, limit + 1)
        return sizes[entity]

    expanded = 0
    for ref in _REFERENCE.finditer(data):
        if ref.group(1) in values:
            expanded += size(ref.group(1), ())
            if expanded > limit:
                raise ResourceFormatError(
                    f"{name}: its XML entities would expand to more than {limit:,} characters "
                    "(nested entity declarations); refused")


@contextmanager
def rdf_input(path: str | os.PathLike[str], format: str | None = None) -> Iterator[tuple[dict[str, Any], str]]:
    """``(source, format)`` for pyoxigraph's ``parse`` or ``Store.bulk_load``: ``source`` is
    ``{"path": ...}`` for a plain file pyoxigraph reads itself, else ``{"input": ...}`` with
    the file decompressed (``.gz``) or, for RDF/XML, its bytes once checked by
    :func:`check_entities`. Raises :class:`OntologyError` when the file does not exist and
    :class:`ResourceFormatError` when it is not a readable file of a known format."""
    from .._io import check_input_file

    path = Path(path)
    fmt, gzipped = file_format(path, format)
    if not path.exists():
        raise OntologyError(f"{path}: no such RDF file")
    info = check_input_file(str(path), "RDF file", ResourceFormatError)
    if not gzipped and fmt != "xml" and stat.S_ISREG(info.st_mode):
        yield {"path": str(path)}, fmt
        return
    try:
        handle: Any = open(path, "rb")  # noqa: SIM115 (closed below, after the caller)
    except OSError as exc:
        raise ResourceFormatError(f"{path}: cannot read the RDF file ({exc.strerror or exc})") from None
    try:
        if gzipped:
            handle = _Inflating(handle, str(path), MAX_RDF_BYTES)
        if fmt == "xml":
            data = _read_up_to(handle, MAX_RDF_BYTES + 1)
            if len(data) > MAX_RDF_BYTES:
                raise ResourceFormatError(f"{path}: larger than {MAX_RDF_BYTES:,} bytes")
            check_entities(data, str(path))
            yield {"input": data}, fmt
        else:
            yield {"input": handle}, fmt
    finally:
        handle.close()


def _read_up_to(handle: Any, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit and (chunk := handle.read(min(1 << 20, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def parse_error(path: object, fmt: str, exc: BaseException) -> ResourceFormatError:
    """A clear error for what pyoxigraph raised while parsing ``path``."""
    message = " ".join(str(exc).split())[:300]
    if "remote context" in message.lower() or "LoadDocumentCallback" in message:
        return ResourceFormatError(f"{path}: its JSON-LD @context is a URL, and express-lexicon never fetches "
                                   "remote contexts; put the context in the file")
    return ResourceFormatError(f"{path}: not valid {fmt} RDF ({type(exc).__name__}: {message})")


def base_iri(path: str | os.PathLike[str]) -> str:
    """The base IRI of a local file's relative IRIs: its ``file:`` URI."""
    return Path(path).resolve().as_uri()


# -- the shipped file --------------------------------------------------------------------------


def shipped_rdf(directory: str | os.PathLike[str] | None = None) -> tuple[Path | None, dict[str, Any]]:
    """``(folder, manifest)`` of the built ontology (the shipped one by default): the build
    folder resolved once, so that the manifest and ``ontology.nt.gz`` come from the same
    build. Raises :class:`OntologyError` when the ontology is missing or damaged."""
    from ..ontology import data_directory, read_manifest

    folder = data_directory(directory)
    return folder, read_manifest(folder)


def rdf_digest(manifest: dict[str, Any]) -> str | None:
    """The manifest's digest of ``ontology.nt.gz``, or ``None`` for a build without it."""
    digest = manifest.get("digests", {}).get(RDF_FILE)
    return digest if isinstance(digest, str) else None


def read_rdf_bytes(folder: Path | None, manifest: dict[str, Any]) -> bytes:
    """The gzipped N-Triples of the build in ``folder``, checked against the manifest; for a
    build made before the file existed, computed from the ontology graph and term table
    (slower: about ten seconds). Raises :class:`OntologyError` when the file does not match
    the manifest."""
    from ..ontology import REBUILD_HINT, _read_ontology_bytes, checksum

    digest = rdf_digest(manifest)
    if digest is None:
        return _computed_ntriples(folder)
    raw = _read_ontology_bytes(RDF_FILE, folder)
    if checksum(raw) != digest:
        raise OntologyError(f"{RDF_FILE} does not match the checksum in manifest.json (truncated or edited); "
                            f"{REBUILD_HINT}")
    return raw


def _computed_ntriples(folder: Path | None) -> bytes:
    from .._progress import step
    from ..decomposer import Lexicon, default_lexicon
    from .export import _lexicon_records, ontology_ntriples

    step(f"the ontology was built without {RDF_FILE}; computing its RDF (rebuild it to skip this)")
    lexicon = default_lexicon() if folder is None or folder == _shipped_folder() else Lexicon(folder)
    return ontology_ntriples(lexicon.ontology, _lexicon_records(lexicon))


def _shipped_folder() -> Path | None:
    from ..ontology import data_directory

    return data_directory(None)


def schema_bytes() -> bytes:
    """The committed ``schema.ttl`` as shipped. Raises :class:`ResourceFormatError` when missing."""
    from .. import _data

    try:
        return _data.read_bytes(_data.ONTOLOGY_PACKAGE, SCHEMA_FILE)
    except (OSError, ModuleNotFoundError) as exc:
        raise ResourceFormatError(f"shipped data file {SCHEMA_FILE!r} is missing; reinstall express-lexicon") from exc


def ntriples_reader(raw: bytes, progress: Callable[[int, int], None] | None = None) -> _Inflating:
    """A reader of the inflated N-Triples of ``raw`` (gzip), reporting progress."""
    import io

    return _Inflating(io.BytesIO(raw), RDF_FILE, MAX_RDF_BYTES, len(raw), progress)


def shipped_source(directory: str | os.PathLike[str] | None = None) -> tuple[Path | None, dict[str, Any], bytes]:
    """``(folder, manifest, gzipped N-Triples)`` of the built ontology, all from one build
    (resolved again when a rebuild replaces the folder while it is read)."""
    for attempt in range(3):
        folder, manifest = shipped_rdf(directory)
        try:
            return folder, manifest, read_rdf_bytes(folder, manifest)
        except OntologyError:
            if attempt == 2 or folder is None or folder.exists():
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def shipped_triples(directory: str | os.PathLike[str] | None = None, *,
                    schema: bool = True) -> Iterator[pyoxigraph.Quad]:
    """The triples (as quads of the default graph) of the built ontology as pyoxigraph
    parses them from ``ontology.nt.gz``, literal forms exactly as written, then those of
    the schema when ``schema``."""
    import pyoxigraph as ox

    _, _, raw = shipped_source(directory)
    reader = ntriples_reader(raw)
    try:
        yield from ox.parse(reader, ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise OntologyError(f"{RDF_FILE} is damaged ({exc})") from None
    finally:
        reader.close()
    if schema:
        yield from ox.parse(schema_bytes(), ox.RdfFormat.TURTLE)


def export_ontology(destination: str | os.PathLike[str] | IO[bytes], format: str = "turtle", *,
                    schema: bool = True, directory: str | os.PathLike[str] | None = None) -> int:
    """Write the whole ontology (the shipped one, or the one built into ``directory``) as RDF
    in ``format`` (turtle, json-ld, nt, xml) with the project's prefixes, streaming the
    build's ``ontology.nt.gz`` through pyoxigraph's serialiser: a few seconds, little
    memory, literals exactly as the build wrote them. ``schema`` adds the vocabulary
    (``schema.ttl``). ``destination`` is a path (written atomically: the file appears only
    when complete) or a binary stream. Returns the number of triples written.

    Raises :class:`ValueError` for an unknown format, :class:`OntologyError` when the
    ontology is missing or damaged, :class:`ExpressLexiconError` naming the path when it
    cannot be written.
    """
    import itertools

    import pyoxigraph as ox

    from .._progress import counter

    target = ox_format(format)
    prefixes = dict(PREFIXES) if format != "nt" else None
    _, _, raw = shipped_source(directory)
    extra = list(ox.parse(schema_bytes(), ox.RdfFormat.TURTLE)) if schema else []
    with counter("RDF: export", unit="B", unit_scale=True) as progress:
        reader = ntriples_reader(raw, progress)
        # Quads of the default graph straight from parser to serialiser: no Python per triple.
        # lenient: the file is the build's own, checked against the manifest's digest.
        triples = itertools.chain(ox.parse(reader, ox.RdfFormat.N_TRIPLES, lenient=True), extra)
        try:
            if isinstance(destination, (str, os.PathLike)):
                from .._io import atomic_writer

                with atomic_writer(destination, binary=True) as handle:
                    _serialize(ox, triples, handle, target, prefixes)
            else:
                _serialize(ox, triples, destination, target, prefixes)
        finally:
            reader.close()
    return reader.lines + len(extra)


def _serialize(ox: Any, triples: Iterator[Any], output: IO[bytes], target: Any, prefixes: dict[str, str] | None) -> None:
    try:
        ox.serialize(triples, output, target, prefixes=prefixes)
    except SyntaxError as exc:
        raise OntologyError(f"{RDF_FILE} is damaged ({exc}); reinstall express-lexicon or rebuild the ontology") from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise ExpressLexiconError(f"cannot write the RDF export ({exc.strerror or exc})") from None
