"""Which ontology terms share a WordNet synset, without loading the graph into networkx.

:func:`express_lexicon.scoring.compare` asks one question of the graph: do the two terms
have a ``sense`` edge into the same synset? Building the whole networkx graph for it
costs over a second; this module reads the same ``graph.json.gz`` (checked against the
manifest like :func:`~express_lexicon.ontology.load_ontology` does) and scans only its
sense edges of the terms asked about, which the canonical JSON stores together because
edges are sorted. That takes about twenty milliseconds (mostly gunzip), and the index is
kept per lexicon.
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OntologyError

if TYPE_CHECKING:  # pragma: no cover
    from .decomposer import Lexicon

__all__ = ["SenseIndex", "sense_index"]

# An edge of the canonical graph JSON: ["term:KEY","synset:ID","sense",weight,"source"].
_SENSE_EDGE = re.compile(rb'\["term:((?:[^"\\]|\\.)*)","synset:((?:[^"\\]|\\.)*)","sense",')
# What follows '["term:KEY","synset:' in a sense edge.
_SENSE_TAIL = re.compile(rb'((?:[^"\\]|\\.)*)","sense",')
_INDEXES: weakref.WeakKeyDictionary[Any, SenseIndex] = weakref.WeakKeyDictionary()


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return json.loads(f'"{text}"') if "\\" in text else text


class SenseIndex:
    """Term key -> the WordNet synsets (``grief.n.01``) it is a lemma of, and back.

    Over graph JSON, :meth:`senses` looks up only the term asked for (its sense edges
    are contiguous in the sorted edge list: a byte search of a few milliseconds); the
    reverse direction that :meth:`synonyms` needs scans every sense edge once.
    """

    def __init__(self, senses: Mapping[str, Iterable[str]] | None = None, *, text: bytes = b"") -> None:
        self._senses = {term: frozenset(synsets) for term, synsets in (senses or {}).items()}
        self._text = text  # the graph JSON, when the index is read from it lazily
        self._complete = senses is not None
        self._terms: dict[str, set[str]] | None = None

    @classmethod
    def from_graph_json(cls, text: bytes) -> SenseIndex:
        """The index of the sense edges in the canonical graph JSON (``EmotionOntology.to_json``)."""
        return cls(text=text)

    @classmethod
    def from_graph(cls, graph: Any) -> SenseIndex:
        """The index of a networkx graph already in memory (node ids ``term:``/``synset:``)."""
        senses: dict[str, set[str]] = {}
        for u, v, relation in graph.edges(keys=True):
            if relation == "sense" and u.startswith("term:") and v.startswith("synset:"):
                senses.setdefault(u[5:], set()).add(v[7:])
        return cls(senses)

    def senses(self, key: str) -> frozenset[str]:
        """The synsets ``key`` is a lemma of (empty for a term without WordNet senses)."""
        found = self._senses.get(key)
        if found is None:
            found = frozenset() if self._complete else self._scan_one(key)
            self._senses[key] = found
        return found

    def _scan_one(self, key: str) -> frozenset[str]:
        prefix = b"[" + json.dumps(f"term:{key}", ensure_ascii=False).encode("utf-8") + b',"synset:'
        text, out, at = self._text, set(), 0
        while True:
            at = text.find(prefix, at)
            if at < 0:
                return frozenset(out)
            at += len(prefix)
            match = _SENSE_TAIL.match(text, at)
            if match is not None:
                out.add(_unescape(match.group(1)))

    def _all(self) -> dict[str, frozenset[str]]:
        if not self._complete:
            start = self._text.find(b'["term:')
            end = self._text.find(b'["tier:', start) if start >= 0 else -1
            block = self._text[start:end if end >= 0 else None] if start >= 0 else b""
            senses: dict[str, set[str]] = {}
            for term, synset in _SENSE_EDGE.findall(block):
                senses.setdefault(_unescape(term), set()).add(_unescape(synset))
            self._senses = {term: frozenset(synsets) for term, synsets in senses.items()}
            self._complete = True
            self._text = b""
        return self._senses

    def synonyms(self, key: str) -> frozenset[str]:
        """Other terms that share a synset with ``key``."""
        if self._terms is None:
            terms: dict[str, set[str]] = {}
            for term, synsets in self._all().items():
                for synset in synsets:
                    terms.setdefault(synset, set()).add(term)
            self._terms = terms
        out: set[str] = set()
        for synset in self.senses(key):
            out.update(self._terms.get(synset, ()))
        out.discard(key)
        return frozenset(out)

    def share_a_synset(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` (distinct keys) are lemmas of a common synset."""
        return a != b and not self.senses(a).isdisjoint(self.senses(b))

    def __len__(self) -> int:
        """Terms with at least one WordNet sense."""
        return sum(1 for synsets in self._all().values() if synsets)


def sense_index(lexicon: Lexicon) -> SenseIndex:
    """The :class:`SenseIndex` of ``lexicon``'s ontology, built on first use and kept.

    Uses the lexicon's networkx graph when it is loaded already (an imported RDF export,
    or after ``lexicon.ontology``), else reads ``graph.json.gz`` of its directory (the
    shipped ontology when it has none, as :attr:`Lexicon.ontology` does). Raises
    :class:`OntologyError` with the rebuild hint for a missing or damaged file.
    """
    index = _INDEXES.get(lexicon)
    if index is None:
        loaded = getattr(lexicon, "_ontology", None)
        index = SenseIndex.from_graph(loaded.graph) if loaded is not None else _read(lexicon.directory)
        _INDEXES[lexicon] = index
    return index


def _read(directory: Path | None) -> SenseIndex:
    """The sense index of the ontology in ``directory``, read and checked exactly as
    :func:`~express_lexicon.ontology.load_ontology` reads the graph, minus networkx."""
    from .ontology import read_graph_text

    return SenseIndex.from_graph_json(read_graph_text(directory).encode("utf-8"))
