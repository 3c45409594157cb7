"""Decompose any emotion term into Plutchik's eight emotions and two sentiments.

>>> from express_lexicon import decompose
>>> d = decompose("bittersweet")
>>> d.dyad, d.dominant
('bittersweetness', ('joy', 'sadness'))

How a term is resolved, in order (the first that succeeds gives :attr:`Decomposition.method`):

1. **The built ontology** (``ontology/terms.tsv``): every theory name (``theory``), lexicon
   entry (``lexicon``), curated everyday expression (``expression``: ``over the moon``,
   ``fed up``), WordNet-linked word (``wordnet``), word-formation or spelling variant
   (``derivation``) and EXPRESS phrase known at build time. A whole expression always
   beats composition: ``blown away`` is not blow + away.
2. **Spelling variants** of a phrase: ``bitter sweetness`` -> ``bittersweetness``,
   ``mixed up`` -> ``mixed-up`` (``derivation``).
3. **Word-formation rules** of :mod:`express_lexicon.text`: ``frustrating`` ->
   ``frustrate`` (``derivation``, confidence x 0.9). Only for strings that are not English
   words -- not a WordNet lemma (the ontology ships the list of those without an emotional
   sense), not a form of one, and rarer than :data:`ENGLISH_WORD_ZIPF` in wordfreq --
   come the guesses: a head word (``x 0.6``) and a one- or two-letter **spelling**
   correction against the known terms (``x 0.7``). "chair" is never read as "choir".
4. **Phrases** as models write them (``phrase``): the text is split at ``but``, ``and``,
   ``yet``, ``with``, commas and slashes; a part before ``but``/``yet``/``though`` counts
   x 0.8 (the point comes after the contrast); ``more X than Y`` keeps X whole and Y x 0.6;
   ``half X half Y`` takes each x 0.7; fillers (``a mix of``, ``sense of``, ``feeling``)
   are dropped; negators (``not happy``: ``negation``, see
   :func:`express_lexicon.vectors.negate`, applied once per negator), intensifiers before
   the word (``very``, ``so``, ``super``, ``extremely``, ``highkey``: x 1.3) or after it
   (``af``, ``as hell``: x 1.3) and softeners (``slightly``, ``a bit``, ``kinda``,
   ``sort of``, ``lowkey``: x 0.6) modify their part; the parts are combined by
   element-wise maximum.
5. Otherwise the term is ``unknown``: confidence 0 and an all-zero profile (or
   :class:`UnknownTermError` with ``strict=True``).

Bad input -- not a string, empty, over 200 characters, control characters -- raises
:class:`InvalidTermError` naming the value (see :func:`express_lexicon.text.normalize`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import theory, vectors
from .errors import InvalidTermError, OntologyError, UnknownTermError
from .ontology import REBUILD_HINT, TermRecord, data_directory, opposite_node, parse_terms_line, read_terms_bytes
from .text import base_forms, compound_forms, head_forms, normalize, spelling_matches

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

    from .ontology import EmotionOntology
    from .scoring import Alignment

__all__ = [
    "METHODS",
    "BINARY_THRESHOLD",
    "EvidenceStep",
    "EvidencePath",
    "Decomposition",
    "Lexicon",
    "default_lexicon",
    "decompose",
    "decompose_many",
    "dyad_of",
    "terms",
    "to_frame",
]

#: Every value :attr:`Decomposition.method` can take.
METHODS: tuple[str, ...] = (
    "theory", "lexicon", "expression", "derivation", "wordnet", "phrase", "negation", "unknown",
)
#: A dimension counts as present in the binary (paper-compatible) form from this intensity:
#: a little below the mild tier (0.4), so mild names and negated words keep their emotion
#: while faint traces picked up through WordNet do not.
BINARY_THRESHOLD = 0.3

DERIVATION_FACTOR = 0.9
SPELLING_FACTOR = 0.7
GUESS_FACTOR = 0.6
#: A string at least this common in English (wordfreq's Zipf scale: 2.5 is about three
#: times per ten million words) is a word, not a typo: it is never respelled or cut down to
#: a head word. WordNet's lemmas are words whatever their frequency.
ENGLISH_WORD_ZIPF = 2.5
#: In "X but Y" the clause after the contrast carries the speaker's point (Polanyi &
#: Zaenen 2006, "Contextual valence shifters"): the part before it is weighed down.
CONTRAST_FACTOR = 0.8
#: "more X than Y": Y is present but second.
SECOND_FACTOR = 0.6
#: "half X half Y": each half at this share.
HALF_FACTOR = 0.7
PHRASE_FACTOR = 0.9
NEGATION_FACTOR = 0.8
#: Decompositions kept in a lexicon's cache before it starts afresh: bounds the memory of a
#: long stream of distinct terms (``decompose -`` over a million lines; a decomposition
#: whose evidence was asked for holds ~3 kB) while every vocabulary stays warm.
_CACHE_LIMIT = 65_536

_NEGATORS = frozenset({"not", "no", "never", "hardly", "barely", "isn't", "wasn't", "aren't",
                       "don't", "didn't", "doesn't", "nor", "without", "un-", "non"})
_INTENSIFIERS = frozenset({"very", "extremely", "so", "really", "incredibly", "deeply", "truly",
                           "totally", "utterly", "super", "intensely", "terribly", "awfully",
                           "immensely", "profoundly", "overwhelmingly", "absolutely", "completely",
                           "insanely", "hugely", "highly", "quite", "too", "most", "more", "highkey",
                           "mega", "hella", "crazy", "wildly", "seriously", "properly", "well"})
_SOFTENERS = frozenset({"slightly", "somewhat", "mildly", "fairly", "rather", "little",
                        "bit", "kinda", "sorta", "partly", "vaguely", "faintly", "less", "almost",
                        "moderately", "semi", "tad", "lowkey", "kinda", "sorta", "kind-of", "sort-of",
                        "a-bit", "bit", "abit", "partially", "quietly"})
_MULTIWORD_MODIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("a", "little"), "soft"), (("a", "bit"), "soft"), (("kind", "of"), "soft"),
    (("sort", "of"), "soft"), (("a", "tad"), "soft"), (("not", "very"), "soft"),
    (("at", "all"), "skip"), (("so", "much"), "strong"),
)
_FILLERS = frozenset({"a", "an", "the", "of", "i", "im", "i'm", "me", "my", "am", "was", "is", "are",
                      "be", "been", "being", "feel", "feels", "feeling", "feelings", "felt",
                      "sense", "mix", "mixture", "combination", "blend", "state", "emotion",
                      "emotions", "mixed", "some", "kind", "sort", "type", "touch", "hint",
                      "wave", "surge", "pang", "flood", "twinge", "bout", "overall", "just",
                      "pure", "sheer", "utter", "great", "deep", "strong", "that", "it", "like"})
_SEPARATORS = frozenset({"but", "and", "yet", "with", "or", "plus", "though", "although",
                         "while", "then", "also", "&", "+", "/", ",", ";", "|", "vs", "versus"})
# Verbs before a comparative in "never been happier", "couldn't feel better".
_COPULAS = frozenset({"be", "been", "feel", "felt", "get", "got"})
# Separators after which the next part is the speaker's point ("tired but happy").
_CONTRASTS = frozenset({"but", "yet", "though", "although", "while"})
# Intensifiers written after the word ("sad af", "happy asf").
_POSTFIX_INTENSIFIERS: tuple[tuple[str, ...], ...] = (
    ("as", "hell"), ("as", "heck"), ("as", "fuck"), ("af",), ("asf",),
)


@dataclass(frozen=True, slots=True)
class EvidenceStep:
    """One edge of an evidence path: ``source --relation[resource]--> target``."""

    source: str
    relation: str
    target: str
    resource: str

    def describe(self) -> str:
        return f"--{self.relation}[{self.resource}]--> {_label(self.target)}"


@dataclass(frozen=True, slots=True)
class EvidencePath:
    """A path through the ontology from the term to one dimension it scores on."""

    steps: tuple[EvidenceStep, ...]

    @property
    def dimension(self) -> str:
        """The emotion or sentiment the path ends in."""
        return self.steps[-1].target.partition(":")[2] if self.steps else ""

    @property
    def resources(self) -> tuple[str, ...]:
        """The resources that asserted the path's steps, in order, without repeats."""
        return tuple(dict.fromkeys(s.resource for s in self.steps))

    def describe(self) -> str:
        """``heartbroken --sense[wordnet]--> brokenhearted.s.01 --...--> sadness``."""
        if not self.steps:
            return ""
        return " ".join([_label(self.steps[0].source)] + [s.describe() for s in self.steps])


def _label(node: str) -> str:
    kind, _, name = node.partition(":")
    return f"{name} ({kind})" if kind in ("tier", "dyad", "emotion", "sentiment") else name


def _paths_from_record(paths: Iterable[Sequence[str]]) -> tuple[EvidencePath, ...]:
    out = []
    for path in paths:
        steps = []
        for i in range(1, len(path) - 1, 2):
            relation, _, resource = path[i].partition("/")
            steps.append(EvidenceStep(path[i - 1], relation, path[i + 1], resource))
        out.append(EvidencePath(tuple(steps)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Decomposition:
    """What an emotion term means in Plutchik's terms.

    ``scores`` holds the 8 emotion intensities and the 2 sentiments in [0, 1], in the order
    of :data:`express_lexicon.theory.DIMENSIONS` (anger, anticipation, disgust, fear, joy,
    sadness, surprise, trust, positive, negative). Read one with ``d["joy"]`` or ``d.joy``.
    ``method`` is one of :data:`METHODS`; ``matched`` the ontology term(s) the profile came
    from; ``modifiers`` the negators, intensifiers and softeners that were applied.
    """

    term: str
    key: str
    scores: tuple[float, ...]
    method: str
    confidence: float
    matched: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    # The evidence paths, or a function that builds them: they are built on first access
    # of :attr:`evidence`, because most callers never look and the many small path objects
    # of a large batch would otherwise dominate memory and garbage-collection time.
    _evidence: Any = field(default=(), repr=False, compare=False)

    @property
    def evidence(self) -> tuple[EvidencePath, ...]:
        """The paths through the ontology that produced the non-zero dimensions."""
        value = self._evidence
        if callable(value):
            value = value()
            object.__setattr__(self, "_evidence", value)  # cache; the record stays frozen otherwise
        return value

    def __getitem__(self, dimension: str) -> float:
        try:
            return self.scores[theory.DIMENSIONS.index(dimension)]
        except ValueError:
            raise KeyError(f"not a dimension: {dimension!r}; expected one of {', '.join(theory.DIMENSIONS)}") from None

    def __getattr__(self, name: str) -> float:
        # Only reached for names that are not fields: the ten dimensions.
        if name in theory.DIMENSIONS:
            return self.scores[theory.DIMENSIONS.index(name)]
        raise AttributeError(name)

    @property
    def known(self) -> bool:
        """False when the term could not be resolved (``method == "unknown"``)."""
        return self.method != "unknown"

    @property
    def emotions(self) -> dict[str, float]:
        """The eight emotion intensities by name, in vector order."""
        return dict(zip(theory.EMOTIONS, self.scores[:8]))

    @property
    def dominant(self) -> tuple[str, ...]:
        """Emotions within 75% of the strongest, strongest first; empty when all zero."""
        return vectors.dominant_emotions(self.scores)

    @property
    def dyad(self) -> str | None:
        """The Plutchik dyad named when exactly two emotions dominate (``bittersweetness``)."""
        dominant = self.dominant
        if len(dominant) != 2:
            return None
        return theory.dyad_for(*dominant).name

    @property
    def tier(self) -> str | None:
        """``mild``, ``basic`` or ``intense`` (from the strongest emotion), or ``None``."""
        return vectors.tier_of(self.scores)

    @property
    def tier_term(self) -> str | None:
        """The name of the strongest emotion at its tier: ``grief`` for heartbroken."""
        tier = self.tier
        if tier is None:
            return None
        top = theory.emotion(self.dominant[0])
        return top.tiers[theory.TIERS.index(tier)]  # type: ignore[arg-type]

    @property
    def binary(self) -> tuple[int, ...]:
        """The 10 dimensions as 0/1 (present from :data:`BINARY_THRESHOLD`), as the EXPRESS
        paper's table has them."""
        return tuple(int(v >= BINARY_THRESHOLD) for v in self.scores)

    def as_dict(self) -> dict[str, float]:
        """The ten scores by dimension name, in vector order."""
        return dict(zip(theory.DIMENSIONS, self.scores))

    def as_array(self) -> np.ndarray:
        """The ten scores as a float numpy array in vector order."""
        import numpy as np

        return np.asarray(self.scores, dtype=float)

    def to_dict(self, *, evidence: bool = False) -> dict[str, Any]:
        """A JSON-ready dict with stable keys: ``term, key, scores, method, confidence,
        dominant, dyad, tier, tier_term, matched, modifiers`` (+ ``evidence`` if asked)."""
        out: dict[str, Any] = {
            "term": self.term,
            "key": self.key,
            "scores": self.as_dict(),
            "method": self.method,
            "confidence": self.confidence,
            "dominant": list(self.dominant),
            "dyad": self.dyad,
            "tier": self.tier,
            "tier_term": self.tier_term,
            "matched": list(self.matched),
            "modifiers": list(self.modifiers),
        }
        if evidence:
            out["evidence"] = [
                {"dimension": p.dimension, "path": p.describe(),
                 "steps": [[s.source, s.relation, s.target, s.resource] for s in p.steps]}
                for p in self.evidence
            ]
        return out

    def describe(self) -> str:
        """One line: ``bittersweet: joy 0.70, sadness 0.70 -> bittersweetness (basic) [derivation, 0.90]``."""
        if not self.known:
            return f"{self.term}: unknown"
        parts = ", ".join(f"{e} {v:.2f}" for e, v in self.emotions.items() if v > 0)
        dyad = f" -> {self.dyad}" if self.dyad else ""
        return f"{self.term}: {parts}{dyad} ({self.tier}, {self.tier_term}) [{self.method}, {self.confidence:.2f}]"

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw this profile as a Plutchik flower (needs the ``plot`` extra); returns the figure."""
        from .plot import plot_decompositions

        return plot_decompositions([self], ax=ax, **kwargs)

    def __str__(self) -> str:
        """The readable table ``express-lexicon decompose`` prints (``print(d)``)."""
        from ._render import decomposition_table

        return decomposition_table(self)

    def _repr_html_(self) -> str:
        """Notebook display: the table with bars, and the flower as inline SVG when
        matplotlib is installed."""
        from ._display import decomposition_html

        return decomposition_html(self)


class _TermIndex:
    """The term table of the built ontology, parsed lazily.

    The first few lookups search the raw bytes (a substring search on a few MB is well
    under a millisecond) and decode only the line found, so a one-word
    ``express-lexicon decompose`` never pays for decoding and splitting every line; after
    :data:`_EAGER_AFTER` lookups the whole table becomes a dict.
    """

    _EAGER_AFTER = 32

    def __init__(self, data: bytes, origin: str) -> None:
        self._data = data
        self._origin = origin
        self._lines: dict[str, str] | None = None
        self._lookups = 0

    def _all_lines(self) -> dict[str, str]:
        if self._lines is None:
            try:
                lines = self._data.decode("utf-8").split("\n")[1:]
            except UnicodeDecodeError as exc:
                raise OntologyError(f"{self._origin}: term table is not UTF-8 ({exc}); {REBUILD_HINT}") from None
            self._lines = {line.partition("\t")[0]: line for line in lines if line}
            self._data = b""  # the dict holds everything now
        return self._lines

    def line(self, key: str) -> str | None:
        if self._lines is None and self._lookups < self._EAGER_AFTER:
            self._lookups += 1
            start = self._data.find(b"\n" + key.encode("utf-8") + b"\t")
            if start < 0:
                return None
            end = self._data.find(b"\n", start + 1)
            try:
                return self._data[start + 1 : end if end >= 0 else None].decode("utf-8")
            except UnicodeDecodeError as exc:
                raise OntologyError(f"{self._origin}: entry for {key!r} is not UTF-8; {REBUILD_HINT}") from exc
        return self._all_lines().get(key)

    def record(self, key: str) -> TermRecord | None:
        line = self.line(key)
        if line is None:
            return None
        try:
            record = parse_terms_line(line)
        except (ValueError, TypeError, json.JSONDecodeError) as exc:
            raise OntologyError(f"{self._origin}: bad entry for {key!r} ({exc}); {REBUILD_HINT}") from exc
        # The checksum catches damage on load; this catches it with ``verify=False`` too,
        # so that no Decomposition ever leaves [0, 1] or METHODS.
        if (record.method not in METHODS or not 0.0 <= record.confidence <= 1.0
                or not all(0.0 <= v <= 1.0 for v in record.scores)):
            raise OntologyError(f"{self._origin}: bad entry for {key!r} (a value out of [0, 1] or an "
                                f"unknown method {record.method!r:.30}); {REBUILD_HINT}")
        return record

    def keys(self) -> list[str]:
        return list(self._all_lines())


class Lexicon:
    """A loaded ontology plus the settings used to decompose with it.

    ``Lexicon()`` reads the ontology shipped with the package; ``Lexicon(directory)`` one
    built with ``express-lexicon build --out directory``. Loading reads one table and checks
    its digest (``verify=False`` skips the check); it needs neither WordNet nor networkx.
    Raises :class:`OntologyError` when the files are missing or corrupted.
    """

    def __init__(self, directory: str | Path | None = None, *, verify: bool = True,
                 binary_threshold: float = BINARY_THRESHOLD) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.binary_threshold = binary_threshold
        # Resolved once: the term table, the plain-word list and the graph all come from the
        # build that was current now, even if a rebuild switches the folder's pointer later
        # (a rebuild that lands between resolving and reading: resolve again).
        for attempt in range(3):
            self._data_dir = data_directory(self.directory)
            try:
                data = read_terms_bytes(self._data_dir, verify=verify)
                break
            except OntologyError:
                if attempt == 2 or self._data_dir is None or self._data_dir.exists():
                    raise
        self._index = _TermIndex(data, str(self.directory or "shipped ontology"))
        self._cache: dict[str, Decomposition] = {}
        self._records: dict[str, TermRecord | None] = {}
        self._ontology: EmotionOntology | None = None
        self._spelling_index: dict[tuple[str, int], list[str]] | None = None
        self._plain: frozenset[str] | None = None
        self._from_disk = True

    def __repr__(self) -> str:
        return f"<Lexicon {self.directory or 'shipped ontology'}>"

    @classmethod
    def from_text(cls, terms_text: str, *, origin: str = "terms.tsv") -> Lexicon:
        """A lexicon over a ``terms.tsv`` text (used by the RDF importer and by tests)."""
        lexicon = cls.__new__(cls)
        lexicon.directory = None
        lexicon._data_dir = None
        lexicon.binary_threshold = BINARY_THRESHOLD
        lexicon._index = _TermIndex(terms_text.encode("utf-8"), origin)
        lexicon._cache = {}
        lexicon._records = {}
        lexicon._ontology = None
        lexicon._spelling_index = None
        lexicon._plain = None
        lexicon._from_disk = False
        return lexicon

    # -- the ontology graph, loaded only when asked for ----------------------------------

    @property
    def ontology(self) -> EmotionOntology:
        """The full ontology graph (networkx), loaded on first access."""
        if self._ontology is None:
            from .ontology import load_ontology

            self._ontology = load_ontology(self._data_dir)
        return self._ontology

    # -- lookups ---------------------------------------------------------------------------

    def _record(self, key: str) -> TermRecord | None:
        try:
            return self._records[key]
        except KeyError:
            record = self._index.record(key)
            if len(self._records) >= 4 * _CACHE_LIMIT:  # misses of a long stream add up too
                self._records.clear()
            self._records[key] = record
            return record

    def __contains__(self, term: object) -> bool:
        try:
            return self._record(normalize(term)) is not None
        except InvalidTermError:
            return False

    def decompose(self, term: str, *, strict: bool = False) -> Decomposition:
        """The :class:`Decomposition` of ``term`` (see the module docstring for the rules).

        An unresolvable term gives ``method="unknown"``, confidence 0 and all-zero scores;
        with ``strict=True`` it raises :class:`UnknownTermError` instead. Invalid input
        raises :class:`InvalidTermError` naming the value.
        """
        if type(term) is not str and isinstance(term, str):
            # A plain copy: a subclass's own __hash__/__eq__ must never reach the cache (it
            # could answer for another term), nor its type the result.
            term = str.__getitem__(term, slice(None))
        cached = self._cache.get(term) if isinstance(term, str) else None
        if cached is None:
            cached = self._decompose_uncached(term)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[term] = cached
        if strict and cached.method == "unknown":
            raise UnknownTermError(f"unknown emotion term: {term!r}")
        return cached

    __call__ = decompose

    def decompose_many(self, terms: Iterable[str], *, strict: bool = False) -> list[Decomposition]:
        """Decompose each term in order (see :meth:`decompose`)."""
        return [self.decompose(t, strict=strict) for t in terms]

    def to_frame(self, terms: Iterable[str] | None = None) -> pd.DataFrame:
        """A pandas DataFrame of decompositions: one column per dimension, then
        ``dominant`` (comma-joined), ``dyad``, ``tier``, ``method``, ``confidence``.

        ``terms`` is any iterable of strings, indexed by term in the result; a pandas
        Series keeps its own index (so ``df.join(lexicon.to_frame(df["word"]))`` lines up)
        and gets a ``term`` column. Missing values (``None``, NaN) give rows of NaN.
        With no argument: every term of the ontology, sorted. Invalid strings raise
        :class:`InvalidTermError` as :meth:`decompose` does.
        """
        from ._display import decompositions_frame

        return decompositions_frame(self, list(self) if terms is None else terms)

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """(n, 10) float array of the words' scores; unknown or invalid words give zeros."""
        import numpy as np

        return np.array([self._safe(w).scores for w in words], dtype=float).reshape(len(words), 10)

    def binary_vectors(self, words: Sequence[str]) -> np.ndarray:
        """(n, 10) bool array: scores at or above the lexicon's binary threshold."""
        return self.vectors(words) >= self.binary_threshold

    def _safe(self, word: str) -> Decomposition:
        try:
            return self.decompose(word)
        except InvalidTermError:
            return _unknown(str(word), "")

    def dyad_of(self, term: str) -> theory.Dyad | None:
        """The dyad ``term`` decomposes into, or ``None`` (see :attr:`Decomposition.dyad`)."""
        name = self.decompose(term).dyad
        return theory.dyad(name) if name else None

    def compare(self, predicted: str, gold: str) -> Alignment:
        """How well ``predicted`` aligns with ``gold`` (see :func:`express_lexicon.scoring.compare`)."""
        from .scoring import compare

        return compare(predicted, gold, lexicon=self)

    def terms(self, *, emotion: str | None = None, dyad: str | None = None,
              method: str | None = None, tier: str | None = None,
              source: str | None = None, min_confidence: float = 0.0) -> list[str]:
        """The ontology's terms, sorted, filtered by dominant ``emotion`` (or tier name), by
        ``dyad`` (any label), by ``method``, by ``tier``, by the ``source`` a term comes from
        (``express``, ``nrc-emolex``, ``wordnet``, ``plutchik``) and by confidence.

        Raises :class:`KeyError` naming an unknown emotion, dyad, method or tier (an empty
        string included: it is a filter nothing passes, not "no filter"), and
        :class:`ValueError` for a ``min_confidence`` outside [0, 1].
        """
        emotion_name = theory.emotion(emotion).name if emotion is not None else None
        dyad_name = theory.dyad(dyad).name if dyad is not None else None
        if method is not None and method not in METHODS:
            raise KeyError(f"not a method: {method!r:.60}; expected one of {', '.join(METHODS)}")
        if tier is not None and tier not in theory.TIERS:
            raise KeyError(f"not an intensity tier: {tier!r:.60}; expected one of {', '.join(theory.TIERS)}")
        if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)) \
                or not 0.0 <= min_confidence <= 1.0:  # NaN included
            raise ValueError(f"min_confidence must be between 0 and 1, got {min_confidence!r}")
        selected = []
        for key in sorted(self._index.keys()):
            if source is not None:
                record = self._record(key)
                if record is None or source not in record.origins:
                    continue
            if emotion is None and dyad is None and method is None and tier is None and not min_confidence:
                selected.append(key)
                continue
            d = self.decompose(key)
            if emotion_name and (not d.dominant or d.dominant[0] != emotion_name and emotion_name not in d.dominant):
                continue
            if dyad_name and d.dyad != dyad_name:
                continue
            if method and d.method != method:
                continue
            if tier and d.tier != tier:
                continue
            if d.confidence < min_confidence:
                continue
            selected.append(key)
        return selected

    def to_rdf(self, terms: Iterable[str] | None = None) -> Any:
        """The ontology and every term's decomposition as an :class:`rdflib.Graph` (only the
        part that ``terms`` need, if given); see :mod:`express_lexicon.rdf`."""
        from .rdf import lexicon_to_rdf

        return lexicon_to_rdf(self, terms=terms)

    @classmethod
    def from_rdf(cls, source: Any, *, format: str | None = None) -> Lexicon:
        """A lexicon over an exported ontology (an :class:`rdflib.Graph` or a file path) that
        decomposes every term exactly as the exported one did."""
        from .rdf import lexicon_from_rdf

        return lexicon_from_rdf(source, format=format)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._index.keys()))

    def __len__(self) -> int:
        return len(self._index.keys())

    # -- resolution --------------------------------------------------------------------

    def _decompose_uncached(self, term: str) -> Decomposition:
        key = normalize(term)
        found = self._lookup(key)
        if found is not None:
            return _from_parts(term, key, *found)
        phrase = self._phrase(key)
        if phrase is not None:
            return replace(phrase, term=term)
        return _unknown(term, key)

    def _lookup(self, key: str) -> tuple[tuple[float, ...], str, float, tuple[str, ...],
                                         Callable[[], tuple[EvidencePath, ...]]] | None:
        """A single term: exact, spelling variant of a compound, or word-formation rule.

        Never invents: an English word the ontology does not list (a WordNet lemma without
        an emotional sense such as "chair", or a form of one such as "chairs", or any string
        common in English) is not respelled or cut down to a head word; only strings that
        are not English words are, with lower confidence."""
        record = self._record(key)
        if record is not None:
            return record.scores, record.method, record.confidence, (record.key,), partial(_paths_from_record, record.paths)
        plain = self._plain_words()
        if key in plain:
            return None
        if " " in key or "-" in key:
            # "not happy" is a negation, never the hashtag "nothappy" of a lexicon.
            words = set(key.replace("-", " ").split())
            modified = bool(words & (_NEGATORS | _INTENSIFIERS | _SOFTENERS | _SEPARATORS))
            candidates = [] if modified else [(c, "compound") for c in compound_forms(key)]
            bases: list[str] = []
        else:
            bases = base_forms(key)
            candidates = [(c, "morphology") for c in bases]
        for candidate, relation in candidates:
            record = self._record(candidate)
            if record is not None:
                return self._derived(key, record, relation, DERIVATION_FACTOR)
        if any(b in plain for b in bases) or self._is_english_word(key):
            return None
        for candidate in head_forms(key):
            record = self._record(candidate)
            if record is not None:
                return self._derived(key, record, "morphology", GUESS_FACTOR)
        for candidate in self._spelling_candidates(key):
            record = self._record(candidate)
            if record is not None:
                return self._derived(key, record, "spelling", SPELLING_FACTOR)
        return None

    def _plain_words(self) -> frozenset[str]:
        if self._plain is None:
            from .ontology import read_plain_words

            self._plain = read_plain_words(self._data_dir) if self._from_disk else frozenset()
        return self._plain

    @staticmethod
    def _is_english_word(key: str) -> bool:
        """Whether wordfreq finds ``key`` common in English (see :data:`ENGLISH_WORD_ZIPF`)."""
        try:
            from wordfreq import zipf_frequency
        except ImportError:  # pragma: no cover - a declared dependency
            return False
        return zipf_frequency(key, "en") >= ENGLISH_WORD_ZIPF

    def _derived(self, key: str, record: TermRecord, relation: str, factor: float):  # type: ignore[no-untyped-def]
        link = EvidenceStep(f"term:{key}", relation, f"term:{record.key}", "morphology")
        paths = partial(_prefixed, (link,), partial(_paths_from_record, record.paths))
        method = "derivation" if record.method in ("theory", "lexicon", "derivation") else record.method
        return record.scores, method, round(record.confidence * factor, 4), (record.key,), paths

    def _spelling_candidates(self, key: str) -> list[str]:
        if len(key) < 5 or " " in key:
            return []
        if self._spelling_index is None:
            index: dict[tuple[str, int], list[str]] = {}
            for known in self._index.keys():  # noqa: SIM118 (not a dict)
                index.setdefault((known[:1], len(known)), []).append(known)
            self._spelling_index = index
        # Only the lengths within spelling_matches' edit limit can match (one letter either
        # way, two from eight letters on): a few small buckets per token, not every known
        # word with the same first letter -- the work per token stays bounded.
        # rapidfuzz's C loop then keeps the few within reach, which spelling_matches ranks.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        reach = 2 if len(key) >= 8 else 1
        buckets = self._spelling_index
        pool = [w for n in range(len(key) - reach, len(key) + reach + 1) for w in buckets.get((key[:1], n), ())]
        near = process.extract(key, pool, scorer=OSA.distance, score_cutoff=reach, limit=None)
        return spelling_matches(key, [w for w, _, _ in near])

    def _phrase(self, key: str) -> Decomposition | None:
        tokens = _tokenize(key)
        # (tokens of the part, factor, label of the rule that set the factor)
        parts: list[tuple[list[str], float, str | None]] = []
        comparison = _comparison(tokens)
        if self._modified_whole(tokens):
            parts = [(tokens, 1.0, None)]  # "not | lie with": a known expression, not two parts
        elif comparison is not None:
            parts = comparison
        else:
            current: list[str] = []
            for token in tokens:
                if token in _SEPARATORS:
                    if current:
                        contrast = token in _CONTRASTS
                        parts.append((current, CONTRAST_FACTOR if contrast else 1.0, token if contrast else None))
                    current = []
                else:
                    current.append(token)
            if current:
                parts.append((current, 1.0, None))
        resolved = []
        for part, factor, rule in parts:
            result = self._phrase_part(key, part)
            if result is None:
                continue
            scores, confidence, matched, evidence, modifiers, negated = result
            if factor != 1.0:
                scores = vectors.scale(scores, factor)
                modifiers = (*modifiers, rule) if rule else modifiers
            resolved.append((scores, confidence, matched, evidence, modifiers, negated))
        if not resolved:
            return None
        scores = vectors.combine(r[0] for r in resolved)
        confidence = min(r[1] for r in resolved)
        negated = any(r[5] for r in resolved)
        if len(resolved) > 1 or not negated:
            method = "phrase"
            confidence *= PHRASE_FACTOR
        else:
            method = "negation"
        matched = tuple(dict.fromkeys(m for r in resolved for m in r[2]))
        evidence = partial(_concatenated, [r[3] for r in resolved])
        modifiers = tuple(m for r in resolved for m in r[4])
        return Decomposition(key, key, scores, method, round(confidence, 4), matched, modifiers, evidence)

    def _is_comparative(self, tokens: list[str], core: list[str]) -> bool:
        """Whether ``core`` is one comparative adjective right after "be", "been", "feel" or
        "felt" ("never been happier", "couldn't feel calmer"): its base without -er/-ier
        is a known term."""
        if len(core) != 1:
            return False
        at = tokens.index(core[0])
        if at == 0 or tokens[at - 1] not in _COPULAS:
            return False
        word = core[0]
        bases = []
        if word.endswith("ier"):
            bases.append(word[:-3] + "y")
        elif word.endswith("er"):
            bases += [word[:-2], word[:-1]]
            if len(word) > 4 and word[-3] == word[-4]:
                bases.append(word[:-3])  # "sadder" -> sad
        return any(self._record(b) is not None for b in bases if len(b) >= 3)

    def _modified_whole(self, tokens: list[str]) -> bool:
        """Whether ``tokens`` are modifiers followed by one known term or expression."""
        modifiers = _NEGATORS | _INTENSIFIERS | _SOFTENERS | _FILLERS
        for i in range(1, len(tokens)):
            if tokens[i - 1] not in modifiers and not tokens[i - 1].endswith("n't"):
                return False
            if self._record(" ".join(tokens[i:])) is not None:
                return True
        return False

    def _phrase_part(self, key: str, tokens: list[str]):  # type: ignore[no-untyped-def]
        negations = 0
        factor = 1.0
        modifiers: list[str] = []
        core: list[str] = []
        tokens = list(tokens)
        # Intensifiers written after the word: "sad af", "happy as hell".
        for suffix in _POSTFIX_INTENSIFIERS:
            if len(tokens) > len(suffix) and tuple(tokens[-len(suffix):]) == suffix:
                del tokens[-len(suffix):]
                factor *= vectors.INTENSIFY
                modifiers.append(" ".join(suffix))
                break
        i = 0
        while i < len(tokens):
            if not core and i > 0 and self._record(" ".join(tokens[i:])) is not None:
                core = tokens[i:]  # a whole expression after the modifiers: "not | can hardly wait"
                break
            pair = tuple(tokens[i : i + 2])
            multi = next((kind for words, kind in _MULTIWORD_MODIFIERS if pair == words), None)
            if multi is not None and not core:
                if multi == "soft":
                    factor *= vectors.SOFTEN
                elif multi == "strong":
                    factor *= vectors.INTENSIFY
                if multi != "skip":
                    modifiers.append(" ".join(pair))
                i += 2
                continue
            token = tokens[i]
            if token in _NEGATORS or token.endswith("n't"):
                negations += 1
                modifiers.append(token)
            elif token in _INTENSIFIERS and not core:
                factor *= vectors.INTENSIFY
                modifiers.append(token)
            elif token in _SOFTENERS and not core:
                factor *= vectors.SOFTEN
                modifiers.append(token)
            elif token in _FILLERS and not core:
                pass
            else:
                core.append(token)
            i += 1
        if not core:
            return None
        found = self._core(core)
        if found is None:
            return None
        scores, confidence, matched, evidence = found
        if negations and self._is_comparative(tokens, core):
            # "never been happier", "couldn't be happier": a negated comparative is a
            # superlative, not a negation.
            negations = 0
            factor *= vectors.INTENSIFY
            modifiers.append("negated comparative")
        if factor != 1.0:
            scores = vectors.scale(scores, factor)
        # Each negator applies the rule once: "not not happy" is a faint echo of happy.
        for _ in range(negations):
            scores = vectors.negate(scores)
            confidence *= NEGATION_FACTOR
        negated = negations % 2 == 1
        if modifiers:
            relation = "negation" if negations else "modifier"
            head = EvidenceStep(f"term:{key}", relation, f"term:{' '.join(core)}", "phrase-rules")
            evidence = partial(_prefixed, (head,), evidence, negated)
        return scores, confidence, matched, evidence, tuple(modifiers), negations > 0

    def _core(self, core: list[str]):  # type: ignore[no-untyped-def]
        """The profile of the words left after modifiers: as one term, else word by word."""
        text = " ".join(core)
        whole = self._lookup(text)
        if whole is not None:
            scores, _, confidence, matched, evidence = whole
            return scores, confidence, matched, evidence
        results = [r for r in (self._lookup(w) for w in core if w not in _FILLERS) if r is not None]
        if not results:
            return None
        scores = vectors.combine(r[0] for r in results)
        return (scores, min(r[2] for r in results), tuple(m for r in results for m in r[3]),
                partial(_concatenated, [r[4] for r in results]))


def _prefixed(head: tuple[EvidenceStep, ...], evidence: Callable[[], tuple[EvidencePath, ...]],
              negated: bool = False) -> tuple[EvidencePath, ...]:
    """Each path of ``evidence`` with ``head`` in front (and, under negation, the step to
    the opposite dimension at the end)."""
    return tuple(EvidencePath((*head, *p.steps, *_opposite_steps(p, negated))) for p in evidence())


def _concatenated(parts: list[Callable[[], tuple[EvidencePath, ...]]]) -> tuple[EvidencePath, ...]:
    return tuple(p for part in parts for p in part())


def _opposite_steps(path: EvidencePath, negated: bool) -> tuple[EvidenceStep, ...]:
    """Under negation the evidence lands on the opposite dimension: one more step says so."""
    if not negated or not path.steps:
        return ()
    end = path.steps[-1].target
    return (EvidenceStep(end, "opposite", opposite_node(end), "plutchik"),)


def _comparison(tokens: list[str]) -> list[tuple[list[str], float, str | None]] | None:
    """The parts of "more X than Y" (X in full, Y second) and "half X half Y" (each at
    :data:`HALF_FACTOR`), or ``None`` for any other phrase."""
    if len(tokens) >= 4 and tokens[0] == "more" and "than" in tokens[2:]:
        at = tokens.index("than", 2)
        if at + 1 < len(tokens):
            return [(tokens[1:at], 1.0, None), (tokens[at + 1:], SECOND_FACTOR, "than")]
    if len(tokens) >= 4 and tokens[0] == "half" and "half" in tokens[2:]:
        at = tokens.index("half", 2)
        first = [t for t in tokens[1:at] if t not in ("and", ",")]
        if first and at + 1 < len(tokens):
            return [(first, HALF_FACTOR, "half"), (tokens[at + 1:], HALF_FACTOR, "half")]
    return None


def _tokenize(key: str) -> list[str]:
    tokens: list[str] = []
    for raw in key.replace(",", " , ").replace(";", " ; ").replace("/", " / ").replace("&", " & ").split():
        word = raw.strip(".!?\"'()[]:")
        if word:
            tokens.append(word)
    return tokens


def _from_parts(term: str, key: str, scores: tuple[float, ...], method: str, confidence: float,
                matched: tuple[str, ...], evidence: Callable[[], tuple[EvidencePath, ...]]) -> Decomposition:
    return Decomposition(term, key, scores, method, confidence, matched, (), evidence)


def _unknown(term: str, key: str) -> Decomposition:
    return Decomposition(term, key, vectors.ZERO, "unknown", 0.0)


# -- the default lexicon and module-level shortcuts --------------------------------------

_default: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The shared :class:`Lexicon` over the shipped ontology, loaded on first use.

    Two threads racing here may each load one; both are identical and one is kept, which
    is cheaper than importing threading for a lock on every start-up.
    """
    global _default
    if _default is None:
        _default = Lexicon()
    return _default


def decompose(term: str, *, strict: bool = False) -> Decomposition:
    """Decompose ``term`` with the default lexicon (see :meth:`Lexicon.decompose`)."""
    return default_lexicon().decompose(term, strict=strict)


def decompose_many(terms: Iterable[str], *, strict: bool = False) -> list[Decomposition]:
    """Decompose several terms with the default lexicon."""
    return default_lexicon().decompose_many(terms, strict=strict)


def to_frame(terms: Iterable[str] | None = None) -> pd.DataFrame:
    """Words (a list, or a pandas Series whose index is kept) as a DataFrame with one
    column per dimension plus ``dominant, dyad, tier, method, confidence``, decomposed
    with the default lexicon; no argument: the whole vocabulary (see :meth:`Lexicon.to_frame`)."""
    return default_lexicon().to_frame(terms)


def dyad_of(term: str) -> theory.Dyad | None:
    """The dyad ``term`` decomposes into with the default lexicon, or ``None``."""
    return default_lexicon().dyad_of(term)


def terms(**filters: Any) -> list[str]:
    """Terms of the default lexicon (see :meth:`Lexicon.terms` for the filters)."""
    return default_lexicon().terms(**filters)
