"""Agreement of decompositions with gold lists of expected emotions.

A *gold file* is a UTF-8 text file, one word per line with the emotions a published source
says it expresses::

    # Shaver et al. (1987), basic-level categories
    word<TAB>expected
    nostalgic<TAB>joy|sadness
    furious<TAB>anger
    chair<TAB>none

``expected`` is one or more of the eight emotions (:data:`express_lexicon.theory.EMOTIONS`,
any case) joined by ``|``; ``none`` or an empty field marks a *neutral* word, one that
should have no emotion. Lines starting with ``#`` and blank lines are ignored, and the first
other line may be the header ``word<TAB>expected``.

:func:`agreement` decomposes each word with the project's decomposer and, optionally, looks
it up in a paper-style table (:class:`~express_lexicon.sources.paper_table.PaperTable`), and
reports per source:

``coverage``
    known words / words with expected emotions. The decomposer knows a word when its
    ``method`` is not ``unknown``; the table when the word is in it with at least one of
    the eight emotions marked 1.
``agreement``
    mean credit over the words with expected emotions. A word's *strongest* emotions are
    those tied for its highest emotion score (a single one, usually, for the decomposer;
    every emotion marked 1 for the binary table); its credit is
    ``|strongest ∩ expected| / |strongest|``, so a tie splits the credit, and a word with no
    emotion at all (unknown included) gets 0. ``agreement_known`` is the same mean over the
    known words only.
``neutral_agreement``
    neutral words correctly without emotion / neutral words: unknown, or every emotion
    below the binary threshold (0.3, :data:`express_lexicon.decomposer.BINARY_THRESHOLD`);
    for the table, absent or without any emotion marked 1.
``misses``
    every row whose credit is below 1, with what the source gave instead.

The table is looked up the way the paper's code does (the word exactly as written), then,
if that fails, by its normalised form (``Happy`` -> ``happy``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._io import read_user_text
from .errors import ExpressLexiconError, InvalidTermError, ResourceFormatError
from .text import normalize, printable
from .theory import EMOTIONS

if TYPE_CHECKING:  # pragma: no cover
    from .decomposer import Lexicon
    from .sources.paper_table import PaperTable

__all__ = [
    "NONE",
    "GoldRow",
    "RowOutcome",
    "SourceAgreement",
    "AgreementReport",
    "agreement",
    "parse_gold",
    "read_gold",
]

#: The ``expected`` value of a neutral word (an empty field means the same).
NONE = "none"
_HEADER = ("word", "expected")
_TIE_TOLERANCE = 1e-9  # as metrics.dominant_emotion_mask: scores are rounded to 4 places


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One gold word: ``expected`` holds its emotions in :data:`EMOTIONS` order, empty
    for a neutral word; ``line`` is its line in the gold file (its 1-based position for
    rows given in memory)."""

    word: str
    expected: tuple[str, ...]
    line: int = 0

    @property
    def neutral(self) -> bool:
        """True when no emotion is expected."""
        return not self.expected


#: What :func:`agreement` accepts as gold data: a path, or rows in memory.
GoldInput = str | os.PathLike[str] | Iterable[GoldRow | tuple[str, str | Sequence[str] | None]]


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What one source made of one gold row.

    ``known``: the source knows the word (see the module docstring); ``method``: the
    decomposer's method, or ``table`` / ``unknown`` for a table; ``strongest``: the
    emotions tied for the highest score (empty when the word has none); ``score``: that
    highest score (0.0 when none); ``present``: the emotions at or above the binary
    threshold; ``credit``: the row's share of agreement in [0, 1] (for a neutral row 1.0
    when it is correctly without emotion, else 0.0).
    """

    line: int
    word: str
    expected: tuple[str, ...]
    known: bool
    method: str
    strongest: tuple[str, ...]
    score: float
    present: tuple[str, ...]
    credit: float

    @property
    def neutral(self) -> bool:
        """True when the gold row expects no emotion."""
        return not self.expected

    @property
    def agrees(self) -> bool:
        """True when the row earned full credit."""
        return self.credit >= 1.0 - _TIE_TOLERANCE

    def to_dict(self) -> dict[str, Any]:
        """``{line, word, expected, got, score, method, credit}``: ``expected`` and ``got``
        (the strongest emotions) are lists, ``[]`` for none."""
        return {"line": self.line, "word": self.word, "expected": list(self.expected),
                "got": list(self.strongest), "score": round(self.score, 4), "method": self.method,
                "credit": round(self.credit, 4)}


@dataclass(frozen=True)
class SourceAgreement:
    """The agreement figures of one source (``name`` ``decomposer`` or ``table``) over a
    gold list; ``description`` says which decomposer or table. Undefined ratios (no
    emotion rows, no neutral rows, no known word) are NaN."""

    name: str
    description: str
    outcomes: tuple[RowOutcome, ...]

    @property
    def n_emotion(self) -> int:
        """Rows that expect at least one emotion."""
        return sum(not o.neutral for o in self.outcomes)

    @property
    def n_neutral(self) -> int:
        """Rows that expect no emotion."""
        return sum(o.neutral for o in self.outcomes)

    @property
    def n_known(self) -> int:
        """Emotion rows whose word the source knows."""
        return sum(o.known for o in self.outcomes if not o.neutral)

    @property
    def coverage(self) -> float:
        """Known emotion rows / emotion rows."""
        return _ratio(self.n_known, self.n_emotion)

    @property
    def agreement(self) -> float:
        """Mean strongest-emotion credit over the emotion rows (unknown words count 0)."""
        return _ratio(sum(o.credit for o in self.outcomes if not o.neutral), self.n_emotion)

    @property
    def agreement_known(self) -> float:
        """Mean strongest-emotion credit over the known emotion rows."""
        return _ratio(sum(o.credit for o in self.outcomes if not o.neutral and o.known), self.n_known)

    @property
    def n_neutral_correct(self) -> int:
        """Neutral rows correctly without emotion."""
        return sum(o.neutral and o.agrees for o in self.outcomes)

    @property
    def neutral_agreement(self) -> float:
        """Neutral rows correctly without emotion / neutral rows."""
        return _ratio(self.n_neutral_correct, self.n_neutral)

    @property
    def misses(self) -> tuple[RowOutcome, ...]:
        """The rows that did not earn full credit, in file order."""
        return tuple(o for o in self.outcomes if not o.agrees)

    def to_dict(self) -> dict[str, Any]:
        """Stable keys: ``description, n_emotion_rows, n_known, coverage, agreement,
        agreement_known, n_neutral_rows, n_neutral_correct, neutral_agreement, n_misses,
        misses`` (a list of :meth:`RowOutcome.to_dict`); undefined ratios are ``null``."""
        return {
            "description": self.description,
            "n_emotion_rows": self.n_emotion,
            "n_known": self.n_known,
            "coverage": _json_number(self.coverage),
            "agreement": _json_number(self.agreement),
            "agreement_known": _json_number(self.agreement_known),
            "n_neutral_rows": self.n_neutral,
            "n_neutral_correct": self.n_neutral_correct,
            "neutral_agreement": _json_number(self.neutral_agreement),
            "n_misses": len(self.misses),
            "misses": [o.to_dict() for o in self.misses],
        }


@dataclass(frozen=True)
class AgreementReport:
    """The agreement of one or two sources with a gold list.

    ``gold`` names the gold file (``<rows>`` for rows given in memory); ``rows`` are the
    gold rows in file order; ``sources`` the decomposer's figures, then the table's when
    one was given; ``threshold`` the binary threshold neutral rows are judged by. Use
    :meth:`source` to pick one by name, :meth:`to_dict` for JSON and :meth:`render` (or
    ``str(report)``) for the text table ``express-lexicon agreement`` prints.
    """

    gold: str
    rows: tuple[GoldRow, ...]
    sources: tuple[SourceAgreement, ...]
    threshold: float

    def source(self, name: str) -> SourceAgreement:
        """The figures of the source called ``name`` (``decomposer`` or ``table``);
        raises :class:`KeyError` naming the available ones otherwise."""
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(f"no source {name!r}; this report has {', '.join(s.name for s in self.sources)}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with stable keys: ``gold, threshold, n_rows, n_emotion_rows,
        n_neutral_rows`` and ``sources`` (source name -> :meth:`SourceAgreement.to_dict`,
        ``decomposer`` first, then ``table`` when given)."""
        n_neutral = sum(r.neutral for r in self.rows)
        return {
            "gold": self.gold,
            "threshold": self.threshold,
            "n_rows": len(self.rows),
            "n_emotion_rows": len(self.rows) - n_neutral,
            "n_neutral_rows": n_neutral,
            "sources": {s.name: s.to_dict() for s in self.sources},
        }

    def render(self) -> str:
        """A readable text table: the figures of each source side by side, then each
        source's misses."""
        n_neutral = sum(r.neutral for r in self.rows)
        out = [f"gold:    {printable(self.gold)} ({len(self.rows):,} rows: "
               f"{len(self.rows) - n_neutral:,} with emotions, {n_neutral:,} neutral)"]
        for i, s in enumerate(self.sources):
            out.append(f"{'sources:' if i == 0 else '':<8} {s.name:<11} {printable(s.description)}")
        out.append("")
        width = 16
        out.append(f"{'':<40}" + "".join(f"{s.name:>{width}}" for s in self.sources))
        lines = (
            ("coverage (known / emotion rows)", lambda s: (s.n_known, s.n_emotion, s.coverage)),
            ("strongest-emotion agreement", lambda s: (None, None, s.agreement)),
            ("  among known words", lambda s: (None, None, s.agreement_known)),
            (f"neutral rows without emotion (< {self.threshold:g})",
             lambda s: (s.n_neutral_correct, s.n_neutral, s.neutral_agreement)),
        )
        for label, figures in lines:
            cells = []
            for s in self.sources:
                count, total, value = figures(s)
                share = _fmt(value)
                cells.append(f"{f'{count}/{total}  {share}' if count is not None else share:>{width}}")
            out.append(f"{label:<40}" + "".join(cells))
        out.append("  (a tie for the strongest emotion splits the credit; unknown words get 0)")
        for s in self.sources:
            out.append("")
            misses = s.misses
            if not misses:
                out.append(f"misses: {s.name}: none")
                continue
            out.append(f"misses: {s.name} ({len(misses):,} of {len(s.outcomes):,} rows)")
            word_w = min(24, max(4, *(len(printable(o.word)) for o in misses)))
            out.append(f"  {'line':>5}  {'word':<{word_w}}  {'expected':<22}  {'got':<22}  "
                       f"{'score':>5}  {'method':<10}  credit")
            for o in misses:
                expected = "|".join(o.expected) or NONE
                got = "|".join(o.strongest) or "-"
                out.append(f"  {o.line:>5}  {_clip(printable(o.word), word_w):<{word_w}}  {_clip(expected, 22):<22}  "
                           f"{_clip(got, 22):<22}  {o.score:>5.2f}  {o.method:<10}  {o.credit:.2f}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.render()


# --- reading gold files ------------------------------------------------------------------
def read_gold(path: str | os.PathLike[str]) -> tuple[GoldRow, ...]:
    """The rows of the gold file at ``path`` (format in the module docstring).

    Raises :class:`ResourceFormatError` naming the file, and the line where there is one,
    for a missing or unreadable file, bytes that are not UTF-8, a line without exactly two
    tab-separated fields, an unknown emotion name, ``none`` mixed with emotions, an invalid
    word (see :func:`express_lexicon.text.normalize`), a word listed twice, or a file
    without any row.
    """
    name = os.fspath(path)
    return parse_gold(read_user_text(name, "gold file", ResourceFormatError), name)


def parse_gold(text: str, name: str = "<text>") -> tuple[GoldRow, ...]:
    """The rows of gold-file ``text``; ``name`` is used in messages. Raises
    :class:`ResourceFormatError` as :func:`read_gold` does."""
    rows: list[GoldRow] = []
    seen: dict[str, int] = {}
    header_possible = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header_possible and tuple(f.casefold() for f in fields) == _HEADER:
            header_possible = False
            continue
        header_possible = False
        if len(fields) != 2:
            raise ResourceFormatError(f"{name}, line {number}: expected 2 tab-separated fields "
                                      f"(word<TAB>expected), found {len(fields)}")
        row = _gold_row(fields[0], fields[1], number, f"{name}, line {number}")
        key = normalize(row.word)
        if key in seen:
            raise ResourceFormatError(f"{name}, line {number}: {row.word!r} is already listed on line {seen[key]}")
        seen[key] = number
        rows.append(row)
    if not rows:
        raise ResourceFormatError(f"{name}: no gold rows (only comments, blank lines or a header)")
    return tuple(rows)


def _gold_row(word: str, expected: str | Sequence[str] | None, line: int, where: str) -> GoldRow:
    """A validated row; ``where`` (``FILE, line N``) starts every message."""
    try:
        normalize(word)
    except InvalidTermError as exc:
        raise ResourceFormatError(f"{where}: {exc}") from None
    if expected is None:
        parts: list[object] = []
    elif isinstance(expected, str):
        parts = list(expected.split("|"))
    elif isinstance(expected, (list, tuple, set, frozenset)):
        parts = list(expected)
    else:
        parts = [expected]
    if any(not isinstance(p, str) for p in parts):
        raise ResourceFormatError(f"{where}: expected emotions must be strings, got {expected!r:.80}")
    names = {str(p).strip().casefold() for p in parts} - {""}
    if NONE in names:
        if len(names) > 1:
            raise ResourceFormatError(f"{where}: {NONE!r} cannot be combined with emotions "
                                      f"({'|'.join(sorted(names - {NONE}))})")
        names = set()
    unknown = sorted(names - set(EMOTIONS))
    if unknown:
        raise ResourceFormatError(
            f"{where}: unknown emotion {unknown[0]!r} for {word!r}; expected one or more of "
            f"{', '.join(EMOTIONS)} joined by '|', or {NONE!r}"
        )
    return GoldRow(word, tuple(e for e in EMOTIONS if e in names), line)


def _gold_rows(gold: GoldInput) -> tuple[str, tuple[GoldRow, ...]]:
    if isinstance(gold, (str, os.PathLike)):
        return os.fspath(gold), read_gold(gold)
    name = "<rows>"
    rows: list[GoldRow] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(gold, start=1):
        if isinstance(item, GoldRow):
            row = _gold_row(item.word, item.expected, item.line or position, f"{name}, row {position}")
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            row = _gold_row(item[0].strip(), item[1], position, f"{name}, row {position}")
        else:
            raise ResourceFormatError(f"{name}, row {position}: expected a GoldRow or a (word, expected) pair, "
                                      f"got {item!r:.80}")
        key = normalize(row.word)
        if key in seen:
            raise ResourceFormatError(f"{name}, row {position}: {row.word!r} is already listed in row {seen[key]}")
        seen[key] = position
        rows.append(row)
    if not rows:
        raise ResourceFormatError(f"{name}: no gold rows")
    return name, tuple(rows)


# --- scoring -------------------------------------------------------------------------------
def agreement(gold: GoldInput, lexicon: Lexicon | None = None,
              table: PaperTable | str | os.PathLike[str] | None = None) -> AgreementReport:
    """How well decompositions agree with the gold list ``gold``.

    ``gold`` is a gold file's path, or rows in memory: :class:`GoldRow` objects or
    ``(word, expected)`` pairs, ``expected`` being ``"joy|sadness"``, ``"none"``, ``""`` or
    a sequence of emotion names. ``lexicon`` is the decomposer to use (default:
    :func:`express_lexicon.decomposer.default_lexicon`); ``table`` an optional paper-style
    table (a :class:`PaperTable` or a path to one), reported beside the decomposer.

    Returns an :class:`AgreementReport`. Raises :class:`ResourceFormatError` naming the
    file and line for a bad gold file or table (see :func:`read_gold` and
    :meth:`PaperTable.load`), and naming the row for bad rows in memory.
    """
    from .decomposer import BINARY_THRESHOLD, default_lexicon

    name, rows = _gold_rows(gold)
    default = lexicon is None
    lexicon = default_lexicon() if lexicon is None else lexicon
    threshold = float(getattr(lexicon, "binary_threshold", BINARY_THRESHOLD))
    sources = [SourceAgreement("decomposer", _describe_lexicon(lexicon, default),
                               tuple(_decomposer_outcome(lexicon, r, threshold) for r in rows))]
    if table is not None:
        from .sources.paper_table import PaperTable

        loaded = table if isinstance(table, PaperTable) else PaperTable.load(table)
        description = f"paper table {loaded.path or 'in memory'} ({len(loaded):,} words)"
        sources.append(SourceAgreement("table", description, tuple(_table_outcome(loaded, r) for r in rows)))
    return AgreementReport(name, rows, tuple(sources), threshold)


def _describe_lexicon(lexicon: Any, default: bool) -> str:
    if default:
        return "express-lexicon decomposer (shipped ontology)"
    directory = getattr(lexicon, "directory", None)
    return f"express-lexicon decomposer ({directory})" if directory else "express-lexicon decomposer (a Lexicon given by the caller)"


def _strongest(emotions: dict[str, float]) -> tuple[tuple[str, ...], float]:
    top = max(emotions.values(), default=0.0)
    if top <= 0:
        return (), 0.0
    return tuple(e for e in EMOTIONS if emotions.get(e, 0.0) >= top - _TIE_TOLERANCE), top


def _credit(row: GoldRow, strongest: tuple[str, ...], present: tuple[str, ...]) -> float:
    if row.neutral:
        return 0.0 if present else 1.0
    if not strongest:
        return 0.0
    return sum(e in row.expected for e in strongest) / len(strongest)


def _decomposer_outcome(lexicon: Lexicon, row: GoldRow, threshold: float) -> RowOutcome:
    try:
        d = lexicon.decompose(row.word)
    except InvalidTermError as exc:  # rows were validated; a lexicon with stricter rules may still refuse
        raise ExpressLexiconError(f"line {row.line}: {exc}") from None
    emotions = d.emotions
    strongest, top = _strongest(emotions)
    present = tuple(e for e in EMOTIONS if emotions[e] >= threshold)
    return RowOutcome(row.line, row.word, row.expected, d.method != "unknown", d.method, strongest, top,
                      present, _credit(row, strongest, present))


def _table_outcome(table: PaperTable, row: GoldRow) -> RowOutcome:
    word = row.word
    if word not in table:
        word = normalize(word)
    if word in table:
        vector = table.vector(word)
        marked = tuple(e for e in EMOTIONS if vector[e])
        method = "table"
    else:
        marked, method = (), "unknown"
    return RowOutcome(row.line, row.word, row.expected, bool(marked), method, marked, 1.0 if marked else 0.0,
                      marked, _credit(row, marked, marked))


def _ratio(a: float, b: int) -> float:
    return a / b if b else math.nan


def _json_number(v: float) -> float | None:
    return None if math.isnan(v) else round(v, 6)


def _fmt(v: float) -> str:
    return "n/a" if math.isnan(v) else f"{v:.4f}"


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"
