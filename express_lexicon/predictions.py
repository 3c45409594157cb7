"""Read predictions files (the EXPRESS paper's format, gold/predicted pairs, JSONL) and clean raw answers.

A predictions file pairs gold emotion words with predicted ones, segment by segment. A
*row* (segment) has one or more *masks*; every mask has a gold word and, when the row is
valid, a predicted word. Three layouts are read:

``paper``
    The paper's CSV: ``labels`` is a Python-literal list of gold words
    (``['happy', 'scared']``), ``output_formatted`` a Python-literal list of predicted
    words or the string ``INVALID OUTPUT``, and optionally ``number_of_labels``. Words
    are taken exactly as written (the paper's cleaning already lower-cased them). When
    the file has the model's raw ``output`` column but no ``output_formatted``, each
    answer is cleaned on the fly as :func:`clean_answer` does, and labels are lower-cased.
``pairs``
    A CSV with one mask per row: columns ``gold`` and ``predicted``. An empty
    prediction or ``INVALID OUTPUT`` makes the row invalid. Words are stripped and
    lower-cased.
``jsonl``
    One JSON object per line with ``gold`` and ``predicted`` (or ``labels`` and
    ``output_formatted``); each value is a word or a list of words; a ``null``
    prediction or ``INVALID OUTPUT`` makes the row invalid. Words are stripped and
    lower-cased.

Column (or key) names are configurable. List literals are parsed with a strict fast path
or :func:`ast.literal_eval`; nothing is ever evaluated as code.

Every problem with the input raises :class:`~express_lexicon.errors.PredictionsFormatError`
whose message names the file and line; with ``skip_bad_rows=True`` bad rows are skipped
and counted instead (:attr:`Predictions.n_skipped`).
"""

from __future__ import annotations

import ast
import csv
import json
import os
import re
from array import array
from itertools import chain
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ._io import MAX_LINE_CHARS, UserText, atomic_writer
from .errors import PredictionsFormatError

__all__ = [
    "INVALID",
    "Format",
    "Predictions",
    "CleanSummary",
    "read_predictions",
    "parse_word_list",
    "clean_answer",
    "clean",
    "atomic_writer",
]

#: The marker the paper writes for an answer that does not have one word per mask.
INVALID = "INVALID OUTPUT"
Format = Literal["auto", "paper", "pairs", "jsonl"]
ProgressCallback = Callable[[int, int], None]

#: How many skipped-row messages a :class:`Predictions` keeps (the count is always exact).
MAX_SKIPPED_MESSAGES = 20
#: Longest list literal handed to :func:`ast.literal_eval` (guards against huge inputs).
MAX_LITERAL_CHARS = 100_000
#: Longest CSV field (and line) read; a longer one makes its row a bad row (skipped and
#: counted with ``skip_bad_rows``), never the end of the file or of the memory.
MAX_FIELD_CHARS = MAX_LINE_CHARS
#: Longest gold word accepted: a gold label is an emotion word or a short phrase, so a
#: longer one is a damaged row (a runaway *prediction* is kept: it is just wrong).
MAX_GOLD_WORD_CHARS = 1_000
#: The name standing for standard input (``evaluate -``) in messages and reports.
STDIN_NAME = "<stdin>"
_PROGRESS_EVERY = 1 << 16

_SIMPLE_ITEM = re.compile(r"'([^'\\\n]*)'")
_SIMPLE_LIST = re.compile(r"\[\s*'[^'\\\n]*'(?:\s*,\s*'[^'\\\n]*')*\s*,?\s*\]")
_WORD = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"
_BARE_WORD = re.compile(_WORD)
_LIST_ITEM = re.compile(rf"{_WORD}(?: {_WORD})*")
_LINE_END = re.compile(r"[\r\n]")


class _BadRow(Exception):
    """Internal: one row cannot be used; the message says why (without file/line)."""


@dataclass(frozen=True, eq=False)
class Predictions:
    """Parsed predictions as integer arrays (words are mapped to ids once).

    - ``vocab[i]`` is the word with id ``i`` (gold and predicted words share ids);
    - ``gold_ids`` / ``pred_ids``: one entry per mask (int32); ``pred_ids`` is -1 for
      every mask of an invalid row;
    - ``mask_row``: the row (0-based, among kept rows) each mask belongs to;
    - ``row_valid``: per row, whether its output was valid;
    - ``row_lines``: per row, the line of the source file it came from (1-based);
    - ``n_skipped`` / ``skipped``: bad rows skipped with ``skip_bad_rows=True`` and the
      messages of the first :data:`MAX_SKIPPED_MESSAGES` of them.
    """

    source: str
    format: str
    vocab: tuple[str, ...]
    gold_ids: np.ndarray
    pred_ids: np.ndarray
    mask_row: np.ndarray
    row_valid: np.ndarray
    row_lines: np.ndarray
    n_skipped: int = 0
    skipped: tuple[str, ...] = field(default=())

    @property
    def n_rows(self) -> int:
        """Rows (segments) kept, valid or not."""
        return int(self.row_valid.shape[0])

    @property
    def n_masks(self) -> int:
        """Masks in all kept rows."""
        return int(self.gold_ids.shape[0])

    @property
    def n_invalid(self) -> int:
        """Rows whose output was ``INVALID OUTPUT`` (or otherwise had no usable answer)."""
        return int(self.n_rows - np.count_nonzero(self.row_valid))

    @property
    def mask_valid(self) -> np.ndarray:
        """Per mask: whether its row's output was valid (bool array)."""
        return self.row_valid[self.mask_row]

    @property
    def mask_position(self) -> np.ndarray:
        """Per mask: its 0-based position within its row."""
        counts = np.bincount(self.mask_row, minlength=self.n_rows)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        return np.arange(self.n_masks) - starts[self.mask_row]

    def rows(self) -> Iterator[tuple[list[str], list[str] | None]]:
        """Yield ``(gold words, predicted words or None when invalid)`` per row."""
        vocab = self.vocab
        bounds = np.concatenate(([0], np.cumsum(np.bincount(self.mask_row, minlength=self.n_rows))))
        for r in range(self.n_rows):
            a, b = int(bounds[r]), int(bounds[r + 1])
            gold = [vocab[i] for i in self.gold_ids[a:b]]
            pred = [vocab[i] for i in self.pred_ids[a:b]] if self.row_valid[r] else None
            yield gold, pred

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[Sequence[str] | str, Sequence[str] | str | None]],
        *,
        source: str = "<memory>",
    ) -> Predictions:
        """Build predictions from ``(gold, predicted)`` pairs held in memory.

        Each side is a word or a list of words; a predicted value of ``None`` or
        ``"INVALID OUTPUT"`` marks the row invalid. Words are used as given (no case
        folding). Raises :class:`PredictionsFormatError` naming the (1-based) row when
        gold is empty or the two lists differ in length.
        """
        b = _Builder(source, "memory")
        for n, (gold, pred) in enumerate(rows, start=1):
            g = [gold] if isinstance(gold, str) else list(gold)
            p = None if pred is None or pred == INVALID else ([pred] if isinstance(pred, str) else list(pred))
            try:
                _check_row(g, p)
                if not all(isinstance(w, str) for w in (*g, *(p or ()))):
                    raise _BadRow("words must be strings")
            except _BadRow as exc:
                raise PredictionsFormatError(f"{source}, row {n}: {exc}") from None
            b.add(g, p, n)
        return b.build()


class _Builder:
    """Accumulates rows as word ids, assigned as words arrive: memory grows with the masks
    and the distinct words kept, not with the file (the text of a row is dropped once read).

    Gold and predicted words get ids in separate tables; :meth:`build` merges them into the
    vocabulary order of all gold words first (in order of first appearance), then the
    predicted words that are not gold words.
    """

    def __init__(self, source: str, fmt: str, skip_bad_rows: bool = False) -> None:
        self.source = source
        self.format = fmt
        self.skip_bad_rows = skip_bad_rows
        self._gold_vocab: dict[str, int] = {}
        self._pred_vocab: dict[str, int] = {}
        self._gold_words: list[str] = []
        self._pred_words: list[str | None] = []
        self.gold = array("i")
        self.pred = array("i")  # -1 for every mask of an invalid row
        self.counts = array("i")
        self.valid = bytearray()
        self.lines = array("q")
        self.n_skipped = 0
        self.skipped: list[str] = []

    _CHUNK = 1 << 16

    def add(self, gold: list[str], pred: list[str] | None, line: int) -> None:
        self._gold_words.extend(gold)
        if pred is None:
            self._pred_words.extend([None] * len(gold))
            self.valid.append(0)
        else:
            self._pred_words.extend(pred)
            self.valid.append(1)
        self.counts.append(len(gold))
        self.lines.append(line)
        if len(self._gold_words) >= self._CHUNK:
            self._flush()

    def _flush(self) -> None:
        """Turn the words of the last rows into ids (a chunk at a time: memory holds at
        most :attr:`_CHUNK` words as text)."""
        # ``setdefault(w, len(vocab))``: a new word gets the next id, a known one its own.
        vocab = self._gold_vocab
        setdefault = vocab.setdefault
        self.gold.extend([setdefault(w, len(vocab)) for w in self._gold_words])
        vocab = self._pred_vocab
        setdefault = vocab.setdefault
        self.pred.extend([-1 if w is None else setdefault(w, len(vocab)) for w in self._pred_words])
        self._gold_words.clear()
        self._pred_words.clear()

    def bad(self, line: int, message: str) -> None:
        text = f"{self.source}, line {line}: {message}"
        if not self.skip_bad_rows:
            raise PredictionsFormatError(text)
        self.n_skipped += 1
        if len(self.skipped) < MAX_SKIPPED_MESSAGES:
            self.skipped.append(text)

    def build(self) -> Predictions:
        self._flush()
        if not self.counts:
            if self.n_skipped:
                first = self.skipped[0] if self.skipped else ""
                raise PredictionsFormatError(
                    f"{self.source}: no usable rows ({self.n_skipped} bad rows skipped; first: {first})"
                )
            raise PredictionsFormatError(f"{self.source}: no data rows")
        vocab = dict(self._gold_vocab)
        # Predicted word id -> vocabulary id (a word that is also gold keeps its gold id).
        remap = np.empty(len(self._pred_vocab) + 1, dtype=np.int32)
        remap[-1] = -1
        for word, i in self._pred_vocab.items():
            j = vocab.get(word)
            if j is None:
                j = vocab[word] = len(vocab)
            remap[i] = j
        gold_ids = np.frombuffer(self.gold, dtype=np.int32).copy() if self.gold else np.zeros(0, np.int32)
        raw_pred = np.frombuffer(self.pred, dtype=np.int32) if self.pred else np.zeros(0, np.int32)
        pred_ids = remap[raw_pred]  # -1 indexes the last entry, which is -1
        counts = np.frombuffer(self.counts, dtype=np.int32).astype(np.int64)
        mask_row = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        return Predictions(
            source=self.source,
            format=self.format,
            vocab=tuple(vocab),
            gold_ids=gold_ids,
            pred_ids=pred_ids,
            mask_row=mask_row,
            row_valid=np.frombuffer(bytes(self.valid), dtype=np.uint8).astype(bool),
            row_lines=np.frombuffer(self.lines, dtype=np.int64).copy(),
            n_skipped=self.n_skipped,
            skipped=tuple(self.skipped),
        )


# --- list literals and the paper's cleaning --------------------------------------------------
def parse_word_list(text: str) -> list[str]:
    """Parse a Python-literal list of strings such as ``"['happy', 'scared']"``.

    Only literals are accepted: a fast path handles the common single-quoted form, other
    forms go through :func:`ast.literal_eval` (never :func:`eval`), so
    ``"__import__('os')"`` is rejected, not run. Returns the strings as written. Raises
    :class:`ValueError` (with the offending text) when the value is not a list or tuple
    of strings.
    """
    s = text.strip()
    if s[:2] == "['" and s[-2:] == "']" and "\\" not in s:
        items = s[2:-2].split("', '")
        if s.count("'") == 2 * len(items):
            return items
    if _SIMPLE_LIST.fullmatch(s):
        return _SIMPLE_ITEM.findall(s)
    if not s.startswith(("[", "(")) or len(s) > MAX_LITERAL_CHARS:
        raise ValueError(f"not a list literal: {_show(text)}")
    try:
        value = ast.literal_eval(s)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise ValueError(f"not a list literal: {_show(text)}") from None
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"not a list of words: {_show(text)}")
    return list(value)


def clean_answer(raw: object, n_labels: int | None = None) -> list[str] | None:
    """Clean one raw model answer the way the EXPRESS paper does; ``None`` means INVALID OUTPUT.

    - a quoted list literal (``['Happy', 'sad']``) is parsed safely (see
      :func:`parse_word_list`; never evaluated as code);
    - an unquoted list (``[happy, sad]``) is split on commas; every item must then be a
      word (letters, inner hyphens/apostrophes, single spaces between words);
    - a bare word (``Happy``, optionally quoted or with a final period) becomes a
      one-word list;
    - anything else (sentences, code such as ``__import__('os')``, empty answers) is
      invalid.

    Words are stripped and lower-cased. A list whose length differs from ``n_labels``
    (when given) is invalid. Never raises for any string input; non-strings are invalid.
    """
    if not isinstance(raw, str):
        return None
    s = raw.strip()
    if not s or s == INVALID:
        return None
    words: list[str] | None = None
    if s[0] == "[" and s[-1] == "]":
        try:
            words = parse_word_list(s)
        except ValueError:
            items = [item.strip().strip("'\"").strip() for item in s[1:-1].split(",")]
            if items and all(_LIST_ITEM.fullmatch(item) for item in items):
                words = items
    else:
        bare = s.strip("'\"").strip()
        if bare.endswith("."):
            bare = bare[:-1]
        if _BARE_WORD.fullmatch(bare):
            words = [bare]
    if not words:
        return None
    words = [w.strip().lower() for w in words]
    if not all(words):
        return None
    if n_labels is not None and len(words) != n_labels:
        return None
    return words


def _show(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _check_row(gold: list[str], pred: list[str] | None) -> None:
    if not gold:
        raise _BadRow("the gold list is empty")
    if not all(gold):
        raise _BadRow("a gold word is empty")
    longest = max(map(len, gold))
    if longest > MAX_GOLD_WORD_CHARS:
        raise _BadRow(f"a gold word is {longest:,} characters long (at most {MAX_GOLD_WORD_CHARS:,})")
    if pred is not None and len(pred) != len(gold):
        raise _BadRow(
            f"{len(gold)} gold word(s) but {len(pred)} prediction(s) and the row is not {INVALID!r}"
        )


# --- reading files ----------------------------------------------------------------------------
def _open(path: str) -> UserText:
    return UserText(path, "predictions file", PredictionsFormatError, newline="")


def _first_line(source: UserText) -> str:
    """The next line ("" at the end; an over-long one as ``source.OVERLONG``, which the
    readers report as a bad row, or as an unreadable header)."""
    return next(source, "")


def _detect(path: str, source: UserText, head: list[str]) -> str:
    """The format of a file from its name and first lines; the lines read are added to
    ``head`` (the first is the first line of the file, blank or not)."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    probe = head[0]
    while probe and not probe.strip():  # the first non-blank line decides JSON Lines
        probe = _first_line(source)
        head.append(probe)
    if suffix in (".jsonl", ".ndjson", ".json") or probe.lstrip()[:1] == "{":
        return "jsonl"
    try:
        first = next(csv.reader([head[0].rstrip("\r\n")]), [])
    except csv.Error:  # a header cell that is not proper CSV: not the paper's header
        first = []
    header = {h.strip() for h in first}
    if header & {"labels", "output_formatted", "number_of_labels", "output"}:
        return "paper"
    return "pairs"


def read_predictions(
    path: str | os.PathLike[str],
    *,
    format: Format = "auto",
    gold_column: str | None = None,
    pred_column: str | None = None,
    skip_bad_rows: bool = False,
    progress: ProgressCallback | None = None,
) -> Predictions:
    """Read a predictions file into :class:`Predictions`.

    ``format="auto"`` picks ``jsonl`` for ``.jsonl``/``.ndjson``/``.json`` files (or
    content starting with ``{``), ``paper`` for a CSV whose header has ``labels``,
    ``output_formatted``, ``output`` or ``number_of_labels``, and ``pairs`` otherwise.
    ``gold_column``/``pred_column`` override the default column (key) names: ``labels``
    / ``output_formatted`` (falling back to a raw ``output`` column) for ``paper``,
    ``gold`` / ``predicted`` for ``pairs`` and ``jsonl``. A paper-format prediction
    column named ``output`` holds raw answers and is cleaned on the fly
    (:func:`clean_answer`); for raw answers under another name, run :func:`clean` first.

    ``path`` may be ``-`` (standard input, named ``<stdin>`` in messages) or a named pipe.
    The file is read as a stream: memory holds the word ids of the masks and the distinct
    words, not the file. A field or line over :data:`MAX_FIELD_CHARS` characters makes its
    row a bad row. ``progress(done, total)`` is called every 65,536 rows with the bytes
    read so far and the file's size (0 when unknown, as for a pipe), and once at the end
    with ``done == total``.

    Raises :class:`PredictionsFormatError` naming the file (and line) on a missing or
    unreadable file, a device (``/dev/zero``), non-UTF-8 bytes, an empty file, missing
    columns, an unparsable list literal or CSV record, a ``number_of_labels`` that
    disagrees with the labels, or a valid row whose prediction count differs from its
    label count. With ``skip_bad_rows=True`` bad rows are skipped and counted instead; an
    error is still raised when no row is usable.
    """
    name = os.fspath(path)
    if format not in ("auto", "paper", "pairs", "jsonl"):
        raise PredictionsFormatError(f"unknown predictions format {format!r}; use auto, paper, pairs or jsonl")
    shown = STDIN_NAME if name == "-" else name
    with _open(name) as source:
        source.name = shown
        head = [_first_line(source)]
        fmt = _detect(name, source, head) if format == "auto" else format
        if not any(line.strip() for line in head):
            head += _skip_blank(source)
            if not any(line.strip() for line in head):
                raise PredictionsFormatError(f"{shown}: file is empty")
        builder = _Builder(shown, fmt, skip_bad_rows)
        lines = chain(head, source)
        if fmt == "jsonl":
            _read_jsonl(lines, source, builder, gold_column, pred_column, progress)
        else:
            _read_csv(lines, source, builder, fmt, gold_column, pred_column, progress)
        if progress is not None:
            done = source.position()
            progress(max(done, source.size), max(done, source.size))
    return builder.build()


def _skip_blank(source: UserText) -> list[str]:
    """Lines up to and including the first that is not blank (all of them at the end)."""
    seen: list[str] = []
    while True:
        line = _first_line(source)
        if not line:
            return seen
        seen.append(line)
        if line.strip():
            return seen


class _FieldLimit:
    """``csv.field_size_limit`` raised to :data:`MAX_FIELD_CHARS` while a file is read."""

    def __enter__(self) -> None:
        self._old = csv.field_size_limit(MAX_FIELD_CHARS)

    def __exit__(self, *exc: object) -> None:
        csv.field_size_limit(self._old)


def _csv_problem(exc: csv.Error, source: UserText) -> str:
    if source.too_long and source.too_long[-1] == source.line:
        return f"line is longer than {MAX_FIELD_CHARS:,} characters"
    return f"unreadable CSV ({exc})"


def _header(reader: Any, source: UserText, name: str) -> list[str]:
    try:
        return [h.strip() for h in next(reader)]
    except StopIteration:
        return []
    except csv.Error as exc:
        raise PredictionsFormatError(f"{name}, line 1: unreadable CSV header: {_csv_problem(exc, source)}") from None


def _records(reader: Any, source: UserText, b: _Builder) -> Iterator[tuple[list[str], int]]:
    """``(fields, line)`` of each CSV record of ``reader`` (a csv reader over the lines of
    ``source``); unreadable records (a field over the limit, a line too long) are reported
    as bad rows and reading goes on."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            b.bad(source.line, _csv_problem(exc, source))
            continue
        yield row, source.line


def _read_csv(
    lines: Iterator[str],
    source: UserText,
    b: _Builder,
    fmt: str,
    gold_column: str | None,
    pred_column: str | None,
    progress: ProgressCallback | None,
) -> None:
    with _FieldLimit():
        reader = csv.reader(lines)
        header = _header(reader, source, b.source)
        columns = {h: i for i, h in reversed(list(enumerate(header)))}
        raw_mode = False
        if fmt == "paper":
            gname = gold_column or "labels"
            if pred_column:
                pname = pred_column
            elif "output_formatted" in columns or "output" not in columns:
                pname = "output_formatted"
            else:
                pname = "output"
            raw_mode = pname == "output"  # the model's raw answers: clean them like the paper
        else:
            gname = gold_column or "gold"
            pname = pred_column or ("predicted" if "predicted" in columns or "prediction" not in columns else "prediction")
        missing = [c for c in (gname, pname) if c not in columns]
        if missing:
            hint = ""
            if fmt == "paper" and "output_formatted" in missing:
                hint = " (or a raw 'output' column)"
            raise PredictionsFormatError(
                f"{b.source}, line 1: missing column(s) {', '.join(repr(m) for m in missing)}{hint}; "
                f"the header has {', '.join(repr(h) for h in header) or 'nothing'}"
                + ("; use --gold-column/--pred-column or --format" if fmt != "jsonl" else "")
            )
        gi, pi = columns[gname], columns[pname]
        ni = columns.get("number_of_labels") if fmt == "paper" else None
        width_needed = max(gi, pi, ni if ni is not None else 0) + 1
        add, bad = b.add, b.bad
        n = 0
        while True:  # the for loop runs at C speed; an unreadable record resumes it
            try:
                for row in reader:
                    line = source.line
                    n += 1
                    if progress is not None and n % _PROGRESS_EVERY == 0:
                        progress(source.position(), source.size)
                    if len(row) < width_needed:
                        if not row or (len(row) == 1 and not row[0].strip()):
                            continue  # blank line
                        bad(line, f"expected {len(header)} fields, found {len(row)}")
                        continue
                    if len(row) > len(header) and any(f.strip() for f in row[len(header):]):
                        # More values than columns: an unquoted comma has shifted them.
                        bad(line, f"expected {len(header)} fields, found {len(row)} (an unquoted comma?)")
                        continue
                    try:
                        if fmt == "paper":
                            gold, pred = _paper_row(row[gi], row[pi], row[ni] if ni is not None else None,
                                                    raw_mode, gname, pname)
                        else:
                            gold, pred = _pairs_row(row[gi], row[pi])
                        _check_row(gold, pred)
                    except _BadRow as exc:
                        bad(line, str(exc))
                        continue
                    add(gold, pred, line)
            except csv.Error as exc:
                bad(source.line, _csv_problem(exc, source))
                continue
            break


def _refuse_overwriting_input(src: str, dst: str) -> None:
    """Refuse an output that is the input (the same file by another path, a symbolic or a
    hard link): writing it would destroy the rows being read."""
    if src == "-" or not dst:
        return
    try:
        same = os.path.exists(dst) and os.path.samefile(src, dst)
    except (OSError, ValueError):
        same = False
    if same:
        raise PredictionsFormatError(f"{dst}: is the input file {src}; refusing to overwrite it "
                                     "(write the cleaned file elsewhere)")


def _paper_row(
    labels: str, output: str, number: str | None, raw_mode: bool, gname: str, pname: str
) -> tuple[list[str], list[str] | None]:
    try:
        gold = parse_word_list(labels)
    except ValueError as exc:
        raise _BadRow(f"column {gname!r}: {exc}") from None
    if raw_mode:
        gold = [w.lower() for w in gold]
    if number is not None and number.strip():
        try:
            expected = float(number)
        except ValueError:
            raise _BadRow(f"number_of_labels is not a number: {_show(number)}") from None
        if expected != len(gold):
            raise _BadRow(f"number_of_labels is {number.strip()} but {gname!r} has {len(gold)} word(s)")
    if raw_mode:
        return gold, clean_answer(output, len(gold))
    if output.strip() == INVALID:
        return gold, None
    try:
        return gold, parse_word_list(output)
    except ValueError as exc:
        raise _BadRow(f"column {pname!r}: {exc}") from None


def _pairs_row(gold: str, pred: str) -> tuple[list[str], list[str] | None]:
    g = gold.strip().lower()
    p = pred.strip()
    if not g:
        raise _BadRow("the gold word is empty")
    if not p or p == INVALID:
        return [g], None
    return [g], [p.lower()]


def _json_words(value: object, what: str) -> list[str]:
    if isinstance(value, str):
        return [value.strip().lower()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip().lower() for v in value]
    raise _BadRow(f"{what} must be a word or a list of words, got {_show(json.dumps(value))}")


def _read_jsonl(
    lines: Iterator[str],
    source: UserText,
    b: _Builder,
    gold_key: str | None,
    pred_key: str | None,
    progress: ProgressCallback | None,
) -> None:
    keys: tuple[str, str] | None = None
    loads = json.loads
    n = 0
    overlong = source.OVERLONG
    for line in lines:
        lineno = source.line
        if line is overlong:
            b.bad(lineno, f"line is longer than {MAX_FIELD_CHARS:,} characters")
            continue
        n += 1
        if progress is not None and n % _PROGRESS_EVERY == 0:
            progress(source.position(), source.size)
        if not line.strip():
            continue
        try:
            obj = loads(line)
        except ValueError as exc:
            b.bad(lineno, f"not valid JSON ({exc.args[0] if exc.args else exc})")
            continue
        except RecursionError:
            b.bad(lineno, "not valid JSON (nested too deeply)")
            continue
        if not isinstance(obj, dict):
            b.bad(lineno, "each line must be a JSON object")
            continue
        if keys is None:
            g = gold_key or ("gold" if "gold" in obj or "labels" not in obj else "labels")
            p = pred_key or next((k for k in ("predicted", "output_formatted", "prediction") if k in obj), "predicted")
            keys = (g, p)
        g, p = keys
        missing = [k for k in keys if k not in obj]
        if missing:
            b.bad(lineno, f"missing key(s) {', '.join(repr(m) for m in missing)}")
            continue
        try:
            gold = _json_words(obj[g], repr(g))
            value = obj[p]
            if value is None or (isinstance(value, str) and value.strip() in ("", INVALID)):
                pred = None
            else:
                pred = _json_words(value, repr(p))
            _check_row(gold, pred)
        except _BadRow as exc:
            b.bad(lineno, str(exc))
            continue
        b.add(gold, pred, lineno)


# --- writing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CleanSummary:
    """What :func:`clean` did: rows written, how many became INVALID OUTPUT, rows skipped."""

    path: str
    n_rows: int
    n_invalid: int
    n_skipped: int
    skipped: tuple[str, ...] = ()


def clean(
    in_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    output_column: str = "output",
    label_column: str = "labels",
    skip_bad_rows: bool = False,
) -> CleanSummary:
    """Clean a file of raw model answers into the paper's predictions format.

    Reads the CSV at ``in_path`` (columns ``labels`` and the raw ``output``; other columns
    are kept), lower-cases the labels, cleans each answer with :func:`clean_answer`, and
    writes every column plus ``output_formatted`` (a list literal or ``INVALID OUTPUT``)
    and ``number_of_labels`` to ``out_path`` atomically (nothing is written on error).
    Raises :class:`PredictionsFormatError` naming the file and line for missing columns,
    unparsable labels, non-UTF-8 bytes or an empty file (with ``skip_bad_rows=True`` such
    rows are left out and counted).
    """
    src = os.fspath(in_path)
    dst = os.fspath(out_path)
    _refuse_overwriting_input(src, dst)
    shown = STDIN_NAME if src == "-" else src
    n_rows = n_invalid = 0
    collect = _Builder(shown, "paper", skip_bad_rows)  # counts (or raises for) bad rows
    with _open(src) as source, _FieldLimit():
        source.name = shown
        head = _skip_blank(source)
        if not head or not head[-1].strip():
            raise PredictionsFormatError(f"{shown}: file is empty")
        reader = csv.reader(chain(head, source))
        header = _header(reader, source, shown)
        missing = [c for c in (label_column, output_column) if c not in header]
        if missing:
            raise PredictionsFormatError(
                f"{shown}, line 1: missing column(s) {', '.join(repr(m) for m in missing)}; "
                f"the header has {', '.join(repr(h) for h in header)}"
            )
        li, oi = header.index(label_column), header.index(output_column)
        out_header = list(header)
        for extra in ("output_formatted", "number_of_labels"):
            if extra not in out_header:
                out_header.append(extra)
        fi, ni = out_header.index("output_formatted"), out_header.index("number_of_labels")
        with atomic_writer(dst, newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(out_header)
            for row, line in _records(reader, source, collect):
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != len(header):
                    collect.bad(line, f"expected {len(header)} fields, found {len(row)}")
                    continue
                try:
                    labels = [w.strip().lower() for w in parse_word_list(row[li])]
                    if not labels or not all(labels):
                        raise ValueError(f"no gold words in {_show(row[li])}")
                    longest = max(map(len, labels))
                    if longest > MAX_GOLD_WORD_CHARS:
                        raise ValueError(f"a gold word is {longest:,} characters long "
                                         f"(at most {MAX_GOLD_WORD_CHARS:,})")
                except ValueError as exc:
                    collect.bad(line, f"column {label_column!r}: {exc}")
                    continue
                words = clean_answer(row[oi], len(labels))
                out = row + [""] * (len(out_header) - len(row))
                out[li] = repr(labels)
                out[fi] = INVALID if words is None else repr(words)
                out[ni] = str(len(labels))
                n_invalid += words is None
                n_rows += 1
                writer.writerow(out)
            if n_rows == 0:
                raise PredictionsFormatError(f"{shown}: no usable rows to clean")
    n_skipped, skipped = collect.n_skipped, collect.skipped
    return CleanSummary(os.fspath(out_path), n_rows, n_invalid, n_skipped, tuple(skipped))
