"""SPARQL over the ontology, with pyoxigraph as the engine.

>>> from express_lexicon.rdf import query
>>> result = query('SELECT ?t WHERE { ?e exl:names dyad:remorse ; '
...                'ontolex:canonicalForm/ontolex:writtenRep ?t }')  # doctest: +SKIP
>>> result.to_python()  # doctest: +SKIP
[{'t': 'remorse'}]

**The shipped ontology** is queried in an on-disk pyoxigraph store under the user's cache
folder (:func:`cache_directory`), one per ontology build, keyed by the digest of the
build's ``ontology.nt.gz`` and of the schema. The first query after a build bulk-loads
the file (a few seconds; a message and progress on stderr when it is a terminal) into a
temporary folder that is renamed into place only when complete, under a lock, so two
first uses at once never see half a store; afterwards the store is opened read-only in
milliseconds. Where the cache folder cannot be written, the store is built in memory.

**Other graphs**: an RDF file (``query --data``) is parsed into an in-memory store, with
the safeguards of :mod:`._files` (no remote JSON-LD contexts, capped XML entities); an
rdflib graph is copied into one; a :class:`pyoxigraph.Store` is used as it is.

**Safety.** Queries are SPARQL 1.1 queries (SELECT, ASK, CONSTRUCT, DESCRIBE) with the
prefixes of :data:`~._names.PREFIXES` declared; updates are refused (they do not parse as
queries) and so is every ``SERVICE`` clause, because pyoxigraph would send it to the
network.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExpressLexiconError, OntologyError
from ._files import (
    base_iri,
    ntriples_reader,
    ox_format,
    parse_error,
    rdf_digest,
    rdf_input,
    read_rdf_bytes,
    schema_bytes,
    shipped_rdf,
)
from ._names import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import Graph

__all__ = ["QueryError", "QueryResult", "query", "format_result", "default_graph", "shipped_store",
           "cache_directory", "CACHE_ENV"]

#: Environment variable naming the cache folder (default: the platform's user cache
#: folder, ``~/.cache/express-lexicon`` on Linux).
CACHE_ENV = "EXPRESS_LEXICON_CACHE"
#: Bumped when the layout of the cached store changes (part of its key).
_STORE_LAYOUT = 1


class QueryError(ExpressLexiconError, ValueError):
    """A SPARQL query that cannot be parsed, is refused, or fails; the message says why."""


# -- checking a query --------------------------------------------------------------------------

# SPARQL's tokens, as far as needed to find keywords: comments, IRIs, strings and variables
# are skipped, and so are prefixed names (words with a colon), which are not keywords.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<variable>[?$]\w+)
  | (?P<word>[^\W\d][\w\-.]*(?::[\w\-.%:]*)?|:[\w\-.%:]*)
  | (?P<other>.)
""", re.X | re.S)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(text: str) -> str:
    # SPARQL reads \uXXXX escapes anywhere in a query before parsing it.
    def char(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _CODEPOINT.sub(char, text)


def _check(sparql: object) -> str:
    if not isinstance(sparql, str) or not sparql.strip():
        raise QueryError("empty sparql query")
    if "\x00" in sparql:
        raise QueryError("bad sparql query: it contains a NUL character")
    for match in _TOKEN.finditer(_unescape(sparql)):
        if match.lastgroup == "word" and match.group().upper() == "SERVICE":
            raise QueryError("refused: SERVICE clauses query other endpoints over the network, "
                             "which express-lexicon never does")
    return sparql


# -- results -------------------------------------------------------------------------------------

_INTEGERS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("decimal", "double", "float")}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value: an IRI as its string, a blank node as
    ``_:id``, a number literal as ``int`` or ``float``, a boolean as ``bool``, any other
    literal as its text; ``None`` stays ``None``."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


class QueryResult:
    """What :func:`query` found: ``type`` is SELECT, ASK, CONSTRUCT or DESCRIBE.

    A SELECT result has ``vars`` and ``rows`` (tuples of pyoxigraph terms, ``None`` where a
    variable is unbound; iterating the result gives them), ``bindings`` (one dict per row
    of the bound variables) and :meth:`to_python`; an ASK result has ``answer`` (and is
    true or false itself); CONSTRUCT and DESCRIBE have ``triples``.
    """

    __slots__ = ("type", "vars", "_json", "_rows", "_triples")

    def __init__(self, type: str, vars: tuple[str, ...] = (), json: bytes = b"",
                 triples: tuple[Any, ...] = ()) -> None:
        self.type = type
        self.vars = vars
        self._json = json
        self._rows: list[tuple[Any, ...]] | None = None
        self._triples = triples

    def __repr__(self) -> str:
        size = f"answer={self.answer}" if self.type == "ASK" else f"{len(self)} {'rows' if self.type == 'SELECT' else 'triples'}"
        return f"<QueryResult {self.type} {size}>"

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        if self._rows is None:
            if self.type != "SELECT":
                self._rows = []
            else:
                import pyoxigraph as ox

                solutions = ox.parse_query_results(self._json, ox.QueryResultsFormat.JSON)
                self._rows = [tuple(solution[name] for name in self.vars) for solution in solutions]
        return self._rows

    @property
    def bindings(self) -> list[dict[str, Any]]:
        return [{name: term for name, term in zip(self.vars, row) if term is not None} for row in self.rows]

    @property
    def answer(self) -> bool | None:
        if self.type != "ASK":
            return None
        import json

        return bool(json.loads(self._json).get("boolean"))

    @property
    def triples(self) -> tuple[Any, ...]:
        return self._triples

    def to_python(self) -> list[dict[str, Any]]:
        """The rows as dicts of plain values (see :func:`python_value`), unbound ones left out."""
        return [{name: python_value(term) for name, term in binding.items()} for binding in self.bindings]

    def __iter__(self) -> Iterator[Any]:
        if self.type == "ASK":
            return iter((self.answer,))
        return iter(self.rows if self.type == "SELECT" else self._triples)

    def __len__(self) -> int:
        if self.type == "ASK":
            return 1
        return len(self.rows) if self.type == "SELECT" else len(self._triples)

    def __bool__(self) -> bool:
        return bool(self.answer) if self.type == "ASK" else len(self) > 0


def _collect(results: Any, kind: str) -> QueryResult:
    import pyoxigraph as ox

    if isinstance(results, ox.QueryBoolean):
        return QueryResult("ASK", json=results.serialize(format=ox.QueryResultsFormat.JSON))
    if isinstance(results, ox.QuerySolutions):
        names = tuple(v.value for v in results.variables)
        return QueryResult("SELECT", names, results.serialize(format=ox.QueryResultsFormat.JSON))
    return QueryResult(kind, triples=tuple(results))


def _graph_kind(sparql: str) -> str:
    # pyoxigraph answers CONSTRUCT and DESCRIBE alike; the first such keyword names it.
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup == "word" and match.group().upper() in ("CONSTRUCT", "DESCRIBE"):
            return match.group().upper()
    return "CONSTRUCT"


# -- the stores -----------------------------------------------------------------------------------

_stores: dict[str, Any] = {}
_lock = threading.Lock()


def cache_directory() -> Path:
    """The user's cache folder for express-lexicon: ``$EXPRESS_LEXICON_CACHE`` when set, else
    ``$XDG_CACHE_HOME/express-lexicon`` or ``~/.cache/express-lexicon`` (Linux),
    ``~/Library/Caches/express-lexicon`` (macOS), ``%LOCALAPPDATA%\\express-lexicon`` (Windows)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":  # pragma: no cover
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "express-lexicon"


def _store_key(digest: str) -> str:
    import hashlib

    import pyoxigraph as ox

    from ..ontology import checksum

    text = "|".join((digest, checksum(schema_bytes()), getattr(ox, "__version__", "?"), str(_STORE_LAYOUT)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def shipped_store(directory: str | os.PathLike[str] | None = None) -> pyoxigraph.Store:
    """A read-only pyoxigraph store of the whole ontology (the shipped one, or the one
    built into ``directory``) with its schema: opened from the cache, or bulk-loaded into
    it on first use (see the module docstring). Kept for the life of the process. Raises
    :class:`OntologyError` when the ontology is missing or damaged."""
    for attempt in range(3):  # again when a rebuild replaces the build folder meanwhile
        folder, manifest = shipped_rdf(directory)
        digest = rdf_digest(manifest)
        final = cache_directory() / f"sparql-{_store_key(digest)}" if digest is not None else None
        key = str(final) if final is not None else f"computed:{folder}"
        store = _stores.get(key)
        if store is not None:
            return store
        try:
            with _lock:
                store = _stores.get(key)
                if store is None:
                    store = _stores[key] = (_open_store(final, folder, manifest) if final is not None
                                            else _memory_store(folder, manifest))
            return store
        except OntologyError:
            if attempt == 2 or folder is None or folder.exists():
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _load_into(store: Any, folder: Path | None, manifest: dict[str, Any]) -> None:
    import pyoxigraph as ox

    from .._progress import counter

    raw = read_rdf_bytes(folder, manifest)  # checked against the digest the store is named by
    with counter("SPARQL store", unit="B", unit_scale=True) as progress:
        # lenient: the file is the build's own, checked against the manifest's digest
        store.bulk_load(ntriples_reader(raw, progress), ox.RdfFormat.N_TRIPLES, lenient=True)
    store.bulk_load(schema_bytes(), ox.RdfFormat.TURTLE)


def _memory_store(folder: Path | None, manifest: dict[str, Any]) -> Any:
    import pyoxigraph as ox

    store = ox.Store()
    _load_into(store, folder, manifest)
    return store


def _open_store(final: Path, folder: Path | None, manifest: dict[str, Any]) -> Any:
    import pyoxigraph as ox

    from .._progress import step

    if not final.is_dir():
        try:
            _build_store(final, folder, manifest)
        except OSError as exc:
            step(f"cannot keep the SPARQL store in {final} ({exc.strerror or exc}); loading it in memory")
            return _memory_store(folder, manifest)
    try:
        return ox.Store.read_only(str(final))
    except OSError as exc:
        raise ExpressLexiconError(f"{final}: cannot open the cached SPARQL store ({exc}); delete that folder "
                                  "and query again") from None


def _build_store(final: Path, folder: Path | None, manifest: dict[str, Any]) -> None:
    """Bulk-load the ontology into a temporary folder beside ``final`` and rename it into
    place, holding a lock so that a second process waits and then uses the first one's."""
    import gc
    import secrets
    import shutil
    import time

    import pyoxigraph as ox

    from .._io import owner_tag, sweep_stale
    from .._progress import step

    parent = final.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(parent / f".{final.name}.lock"):
        if final.is_dir():
            return
        sweep_stale(parent, f".{final.name}.", ".tmp")
        tmp = parent / f".{final.name}.{owner_tag()}.{secrets.token_hex(4)}.tmp"
        step(f"loading the ontology into a SPARQL store in {final} (once per ontology build)")
        started = time.monotonic()
        try:
            store = ox.Store(str(tmp))
            _load_into(store, folder, manifest)
            store.flush()
            store.optimize()
            del store
            gc.collect()  # closes the database before its folder is renamed
            try:
                os.rename(tmp, final)
            except OSError:
                if not final.is_dir():  # not another process (without locks) that finished first
                    raise
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        step(f"SPARQL store ready ({time.monotonic() - started:.1f} s)")


class _file_lock:
    """An exclusive advisory lock on ``path`` (flock); nothing where unsupported."""

    def __init__(self, path: Path) -> None:
        self.path, self.fd = path, -1

    def __enter__(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: the rename alone keeps it safe
            return
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock


def _file_store(path: str | os.PathLike[str]) -> Any:
    import pyoxigraph as ox

    store = ox.Store()
    with rdf_input(path) as (source, fmt):
        try:
            store.bulk_load(format=ox_format(fmt), base_iri=base_iri(path), **source)
        except (SyntaxError, ValueError, OSError) as exc:
            raise parse_error(path, fmt, exc) from None
    return store


def _graph_store(graph: Graph) -> Any:
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    nodes: dict[str, Any] = {}

    def convert(term: Any) -> Any:
        if isinstance(term, URIRef):
            node = nodes.get(term)
            if node is None:
                node = nodes[term] = ox.NamedNode(str(term))
            return node
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=convert(term.datatype))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise QueryError(f"cannot query a graph holding {type(term).__name__} terms")

    store = ox.Store()
    store.extend(ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in graph)
    return store


def _target(graph: Any) -> Any:
    import pyoxigraph as ox

    if graph is None:
        return shipped_store()
    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, (str, os.PathLike)):
        return _file_store(graph)
    if "rdflib" in sys.modules:
        from rdflib import Graph

        if isinstance(graph, Graph):
            return _graph_store(graph)
    raise TypeError(f"query over a file path, an rdflib Graph or a pyoxigraph Store, not {type(graph).__name__}")


_syntax_store: Any = None


def query(sparql: str, graph: Any = None) -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) with pyoxigraph over
    ``graph``: an RDF file (parsed into memory), an rdflib graph, a pyoxigraph store, or by
    default the shipped ontology (:func:`shipped_store`). The prefixes of
    :data:`PREFIXES` are declared. Returns a :class:`QueryResult` (see
    :func:`format_result`).

    Raises :class:`QueryError` for an empty or unparsable query (updates are refused too:
    they are not queries), a ``SERVICE`` clause (never sent to the network) or a failing
    evaluation, plus :class:`OntologyError` / :class:`ResourceFormatError` for a missing or
    unreadable file.
    """
    import pyoxigraph as ox

    global _syntax_store
    text = _check(sparql)
    if _syntax_store is None:
        _syntax_store = ox.Store()
    try:  # a syntax error is reported before any data is loaded
        _syntax_store.query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"bad sparql query: {' '.join(str(exc).split())}") from None
    except (OSError, ValueError, RuntimeError):
        pass  # evaluation errors on the empty store surface below
    store = _target(graph)
    try:
        results = store.query(text, prefixes=PREFIXES)
        return _collect(results, _graph_kind(text))
    except SyntaxError as exc:
        raise QueryError(f"bad sparql query: {' '.join(str(exc).split())}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"sparql query failed: {type(exc).__name__}: {exc}") from None


# -- output -----------------------------------------------------------------------------------------

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _display(value: Any) -> str:
    import pyoxigraph as ox

    if value is None:
        return ""
    if isinstance(value, ox.NamedNode):
        iri = value.value
        for prefix, namespace in _BY_LENGTH:
            if iri.startswith(namespace):
                local = iri[len(namespace):]
                if local and "/" not in local and "#" not in local:
                    return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(value, ox.BlankNode):
        return f"_:{value.value}"
    if isinstance(value, ox.Literal):
        return value.value
    return str(value)


def format_result(result: QueryResult | Any, format: str = "table") -> str:
    """A query result as text: ``table`` (aligned columns, IRIs shortened with the
    project's prefixes), ``csv`` or ``json`` (the W3C SPARQL result formats). ASK gives
    ``true``/``false`` (or SPARQL JSON); CONSTRUCT and DESCRIBE give Turtle whatever the
    format. Also takes an rdflib query result. Raises :class:`ValueError` for an unknown
    format."""
    if format not in ("table", "csv", "json"):
        raise ValueError(f"unknown result format {format!r}; expected table, csv or json")
    if not isinstance(result, QueryResult):
        return _format_rdflib(result, format)
    import pyoxigraph as ox

    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
    if result.type == "ASK":
        return result._json.decode("utf-8") if format == "json" else ("true" if result.answer else "false")
    if format == "json":
        return result._json.decode("utf-8")
    if format == "csv":
        solutions = ox.parse_query_results(result._json, ox.QueryResultsFormat.JSON)
        return solutions.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    rows = [[_display(term) for term in row] for row in result.rows]
    return _table(list(result.vars), rows)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _format_rdflib(result: Any, format: str) -> str:
    """The same for a result of rdflib's ``Graph.query``."""
    from rdflib import Graph, URIRef

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

    def show(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, URIRef):
            import pyoxigraph as ox

            return _display(ox.NamedNode(str(value)))
        return str(value)

    names = [str(v) for v in result.vars or ()]
    rows = [[show(row.get(var)) for var in result.vars or ()] for row in result.bindings]
    return _table(names, rows)


# -- rdflib -------------------------------------------------------------------------------------

_default_graph: Graph | None = None


def default_graph() -> Graph:
    """The shipped ontology with its schema as an rdflib graph (parsed from the build's
    ``ontology.nt.gz`` by pyoxigraph), built on first use and kept for the life of the
    process. For SPARQL, :func:`query` is much faster. Raises :class:`OntologyError` when
    the shipped ontology is missing or damaged."""
    global _default_graph
    if _default_graph is None:
        with _lock:
            if _default_graph is None:
                from ._files import shipped_triples
                from .importer import _rdflib_term
                from .vocabulary import _new_graph

                graph = _new_graph()
                graph.addN((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object), graph)
                           for q in shipped_triples())
                _default_graph = graph
    return _default_graph
