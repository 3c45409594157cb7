"""The EXPRESS paper's word → 10 binary columns decomposition table, read from a user file.

The paper scores predictions with a CSV table (``lexicon-decomposition.csv`` in its code
release) whose header is ``word,anger,anticipation,disgust,fear,joy,sadness,surprise,
trust,positive,negative`` and whose values are ``0``/``1`` (often written ``0.0``/``1.0``).
:class:`PaperTable` loads such a file from a path the user gives (the project ships none of
its rows) and answers lookups with the paper's exact semantics:

- a word is looked up exactly as written (no case folding, no stripping): the paper's
  evaluation code compares strings with ``==``;
- a word missing from the table gets the all-zero vector;
- when a word occurs twice, the first row wins (the paper's scan stops at the first match).

It implements the vector-source protocol of :mod:`express_lexicon.evaluation`
(:meth:`PaperTable.vectors` and :meth:`PaperTable.binary_vectors`).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence

import numpy as np

from .._io import read_user_text
from ..errors import ResourceFormatError
from ..theory import DIMENSIONS

__all__ = ["PaperTable", "load_paper_table"]

# Spellings of the two allowed values. Anything else is a format error.
_VALUES = {"0": False, "1": True, "0.0": False, "1.0": True, "0.00": False, "1.00": True}


class PaperTable:
    """A paper-style decomposition table: words and their 10 binary dimensions.

    Build one with :meth:`PaperTable.load` (from a file) or :meth:`PaperTable.from_rows`
    (from memory). ``words`` is the tuple of words in file order, ``matrix`` the read-only
    ``(n_words, 10)`` bool array in the order of :data:`express_lexicon.theory.DIMENSIONS`.
    """

    __slots__ = ("path", "words", "matrix", "_index", "_padded")

    def __init__(self, words: Sequence[str], matrix: np.ndarray, path: str | None = None) -> None:
        matrix = np.asarray(matrix, dtype=bool)
        if matrix.ndim != 2 or matrix.shape[1] != len(DIMENSIONS) or matrix.shape[0] != len(words):
            raise ResourceFormatError(
                f"decomposition table needs one row of {len(DIMENSIONS)} values per word, "
                f"got shape {matrix.shape} for {len(words)} words"
            )
        self.path = path
        self.words: tuple[str, ...] = tuple(words)
        index: dict[str, int] = {}
        for i, word in enumerate(self.words):
            index.setdefault(word, i)  # first occurrence wins, as in the paper's scan
        self._index = index
        # One extra all-zero row at the end: id -1 (unknown word) gathers it.
        padded = np.zeros((matrix.shape[0] + 1, matrix.shape[1]), dtype=bool)
        padded[:-1] = matrix
        padded.setflags(write=False)
        self._padded = padded
        self.matrix = padded[:-1]

    # --- construction ----------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> PaperTable:
        """Read a table in the ``lexicon-decomposition.csv`` format from ``path``.

        The header must name ``word`` and the ten dimensions (in any order; other columns
        are ignored). Raises :class:`ResourceFormatError` naming the file and the line on
        a missing file, non-UTF-8 bytes, an empty file, a missing column, a row with the
        wrong number of fields, an empty word or a value other than 0/1.
        """
        name = os.fspath(path)
        text = read_user_text(name, "decomposition table", ResourceFormatError)
        return cls._parse(text, name)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, Sequence[float | int | bool]]], path: str | None = None) -> PaperTable:
        """Build a table from ``(word, ten values)`` pairs; values must be 0 or 1.

        Raises :class:`ResourceFormatError` naming the word on a row of the wrong length
        or a value other than 0/1.
        """
        words: list[str] = []
        values: list[Sequence[float | int | bool]] = []
        for word, vec in rows:
            if len(vec) != len(DIMENSIONS):
                raise ResourceFormatError(f"decomposition row {word!r} has {len(vec)} values, expected {len(DIMENSIONS)}")
            words.append(word)
            values.append(vec)
        arr = np.asarray(values, dtype=float).reshape(len(words), len(DIMENSIONS))
        bad = ~np.isin(arr, (0.0, 1.0))
        if bad.any():
            r, c = np.argwhere(bad)[0]
            raise ResourceFormatError(
                f"decomposition row {words[r]!r}: column {DIMENSIONS[c]!r} is {arr[r, c]!r}; expected 0 or 1"
            )
        return cls(words, arr.astype(bool), path)

    @classmethod
    def _parse(cls, text: str, name: str) -> PaperTable:
        if not text.strip():
            raise ResourceFormatError(f"{name}: decomposition table is empty")
        if '"' in text:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        else:  # fast path: no quoting, so a plain split is exactly what csv would give
            rows = [line.rstrip("\r").split(",") for line in text.split("\n")]
        # Line numbers: row i of ``rows`` is line i + 1 unless quoted fields span lines;
        # keep a map only for the slow path's rare multi-line case.
        while rows and not any(rows[-1]):
            rows.pop()
        header = [h.strip().lower() for h in rows[0]]
        missing = [c for c in ("word", *DIMENSIONS) if c not in header]
        if missing:
            raise ResourceFormatError(
                f"{name}, line 1: header lacks column(s) {', '.join(missing)}; "
                f"expected word,{','.join(DIMENSIONS)}"
            )
        width = len(header)
        word_col = header.index("word")
        cols = [header.index(d) for d in DIMENSIONS]
        body = rows[1:]
        if len(set(map(len, body))) > 1 or (body and len(body[0]) != width):
            for i, row in enumerate(body):
                if len(row) != width and any(row):
                    raise ResourceFormatError(
                        f"{name}, line {i + 2}: expected {width} fields, found {len(row)}"
                    )
            body = [row for row in body if len(row) == width]  # drop blank lines
        if not body:
            raise ResourceFormatError(f"{name}: decomposition table has a header but no rows")
        words = [row[word_col] for row in body]
        if cols == list(range(1, 11)) and width == 11:
            flat = [v for row in body for v in row[1:]]
        else:
            flat = [row[c] for row in body for c in cols]
        lookup = _VALUES
        if not set(flat) <= lookup.keys():
            for i, value in enumerate(flat):
                if value not in lookup:
                    cleaned = value.strip()
                    try:
                        number = float(cleaned)
                    except ValueError:
                        number = None
                    if number in (0.0, 1.0):
                        continue
                    r, c = divmod(i, len(DIMENSIONS))
                    raise ResourceFormatError(
                        f"{name}, line {r + 2}: column {DIMENSIONS[c]!r} of {words[r]!r} is {value!r}; expected 0 or 1"
                    )
            matrix = np.array([float(v) for v in flat], dtype=float).reshape(-1, len(DIMENSIONS)).astype(bool)
        else:
            matrix = np.fromiter(map(lookup.__getitem__, flat), dtype=bool, count=len(flat)).reshape(-1, len(DIMENSIONS))
        for i, word in enumerate(words):
            if not word:
                raise ResourceFormatError(f"{name}, line {i + 2}: empty word")
        return cls(words, matrix, name)

    # --- lookups -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __repr__(self) -> str:
        where = f" from {self.path!r}" if self.path else ""
        return f"<PaperTable of {len(self.words)} words{where}>"

    def ids(self, words: Sequence[str]) -> np.ndarray:
        """Row index of each word as an int64 array; -1 for a word not in the table."""
        get = self._index.get
        return np.fromiter((get(w, -1) for w in words), dtype=np.int64, count=len(words))

    def binary_vectors(self, words: Sequence[str]) -> np.ndarray:
        """``(len(words), 10)`` bool array in DIMENSIONS order; unknown words → all False."""
        return self._padded[self.ids(words)]

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """``(len(words), 10)`` float64 array of 0.0/1.0 (the binary vectors as floats)."""
        return self.binary_vectors(words).astype(np.float64)

    def vector(self, word: str) -> dict[str, int]:
        """The 10 values of one word as ``{dimension: 0 or 1}``; all 0 when unknown."""
        row = self._padded[self._index.get(word, -1)]
        return {d: int(v) for d, v in zip(DIMENSIONS, row)}


def load_paper_table(path: str | os.PathLike[str]) -> PaperTable:
    """Shorthand for :meth:`PaperTable.load`."""
    return PaperTable.load(path)
