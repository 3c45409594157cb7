"""The EXPRESS benchmark's emotion vocabulary, and the label set of an EXPRESS data file.

The vocabulary ships as ``resources/express_vocabulary.csv`` (derived from the paper's
``masking-vocabulary.txt`` and ``observed-labels.txt`` by
``tools/make_express_vocabulary.py``): one :class:`VocabularyEntry` per entry, with stems
such as ``frustrat`` resolved to the full words they stand for and each entry flagged when
it is a label observed in the data set.

The complete label set (251 labels) is only in the full data set; users who have
``express.csv`` get it exactly with :func:`label_counts` (``express-lexicon labels``).
"""

from __future__ import annotations

import ast
import csv
import os
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .._data import read_resource_table
from ..errors import ResourceFormatError
from ..text import printable

__all__ = [
    "VOCABULARY_FILE",
    "VocabularyEntry",
    "express_vocabulary",
    "express_terms",
    "observed_labels",
    "label_counts",
]

VOCABULARY_FILE = "express_vocabulary.csv"
EntryKind = Literal["word", "stem", "phrase", "label"]
_KINDS = frozenset({"word", "stem", "phrase", "label"})
_MAX_SHOWN = 80


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One entry of the EXPRESS vocabulary.

    ``entry`` is the entry as the paper lists it; ``kind`` is ``word``, ``stem`` (not a
    word: a prefix such as ``admir``), ``phrase`` (``bitter sweetness``) or ``label`` (an
    observed label missing from the masking list); ``words`` are the full words it stands
    for (the entry itself unless it is a stem); ``observed`` says whether the entry, or
    one of its words, is a label observed in the EXPRESS data.
    """

    entry: str
    kind: EntryKind
    words: tuple[str, ...]
    observed: bool

    @property
    def is_stem(self) -> bool:
        return self.kind == "stem"


@lru_cache(maxsize=1)
def express_vocabulary() -> tuple[VocabularyEntry, ...]:
    """All entries of the shipped EXPRESS vocabulary, in the paper's order (cached).

    Raises :class:`ResourceFormatError` naming the file and row when the shipped file is
    damaged (wrong header, unknown kind, a stem without words, an ``observed`` other than
    0/1).
    """
    rows = read_resource_table(VOCABULARY_FILE, "express-vocabulary", 1)
    entries = []
    for number, row in enumerate(rows, start=1):
        where = f"{VOCABULARY_FILE}: data row {number} ({row.get('entry', '')!r})"
        if set(row) != {"entry", "kind", "words", "observed"}:
            raise ResourceFormatError(f"{VOCABULARY_FILE}: expected columns entry,kind,words,observed")
        entry, kind = row["entry"].strip(), row["kind"].strip()
        words = tuple(w.strip() for w in row["words"].split(";") if w.strip())
        if not entry:
            raise ResourceFormatError(f"{where}: empty entry")
        if kind not in _KINDS:
            raise ResourceFormatError(f"{where}: unknown kind {kind!r}")
        if not words:
            raise ResourceFormatError(f"{where}: no words")
        if row["observed"] not in ("0", "1"):
            raise ResourceFormatError(f"{where}: observed must be 0 or 1, got {row['observed']!r}")
        entries.append(VocabularyEntry(entry, kind, words, row["observed"] == "1"))  # type: ignore[arg-type]
    return tuple(entries)


@lru_cache(maxsize=1)
def express_terms() -> frozenset[str]:
    """Every full word and phrase of the EXPRESS vocabulary: the words of all entries
    (stems contribute the words they stand for, never the stem itself)."""
    return frozenset(word for entry in express_vocabulary() for word in entry.words)


@lru_cache(maxsize=1)
def observed_labels() -> frozenset[str]:
    """The labels known to occur in the EXPRESS data (the non-stem entries flagged observed)."""
    return frozenset(e.entry for e in express_vocabulary() if e.observed and e.kind != "stem")


def _shown(value: str) -> str:
    return repr(value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + "...")


def label_counts(express_csv_path: str | os.PathLike[str], column: str = "labels") -> Counter[str]:
    """Count the labels of a full EXPRESS data file.

    The ``column`` (default ``labels``) of every row must hold a Python-literal list of
    strings (``['happy', 'scared']``); it is parsed with :func:`ast.literal_eval` only.
    Labels are counted exactly as written. Returns a :class:`collections.Counter`;
    ``most_common()`` gives the label set most frequent first.

    Raises :class:`ResourceFormatError` naming the file for a missing file, a file that is
    not UTF-8 CSV or lacks the column, and naming the row (and line) for a value that is
    not a list of non-empty strings.
    """
    if not os.fspath(express_csv_path):
        raise ResourceFormatError("no EXPRESS data file given (the path is empty)")
    path = Path(express_csv_path).expanduser()
    if path.is_dir():
        raise ResourceFormatError(f"{path}: is a directory, not an EXPRESS data file")
    if not path.exists():  # pipes and devices (``<(zcat data.csv.gz)``) are read like files
        raise ResourceFormatError(f"{path}: no such file")
    counts: Counter[str] = Counter()
    number = 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # posts can be long
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            if column not in fields:
                shown = printable(", ".join(fields[:12]) + (", ..." if len(fields) > 12 else ""))
                raise ResourceFormatError(
                    f"{path}: no {column!r} column (columns: {shown or 'none; empty file'})"
                )
            for number, row in enumerate(reader, start=1):
                where = f"{path}: row {number} (line {reader.line_num})"
                value = row.get(column)
                if value is None:
                    raise ResourceFormatError(f"{where}: the row is too short to have a {column!r} value")
                try:
                    labels = ast.literal_eval(value.strip())
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    raise ResourceFormatError(
                        f"{where}: {column} value {_shown(value)} is not a Python list literal"
                    ) from None
                if not isinstance(labels, (list, tuple)):
                    raise ResourceFormatError(f"{where}: {column} value {_shown(value)} is not a list")
                for label in labels:
                    if not isinstance(label, str) or not label.strip():
                        raise ResourceFormatError(
                            f"{where}: {column} value {_shown(value)} holds {label!r}, not a non-empty string"
                        )
                    bad = next((c for c in label if unicodedata.category(c) in ("Cc", "Cf", "Cs")), None)
                    if bad is not None:  # a corrupted file, and output that could drive a terminal
                        raise ResourceFormatError(
                            f"{where}: {column} value {_shown(value)} holds {label!r}, "
                            f"which has control character U+{ord(bad):04X}"
                        )
                    counts[label] += 1
    except UnicodeDecodeError as exc:
        raise ResourceFormatError(
            f"{path}: not valid UTF-8 (byte {exc.object[exc.start]:#04x} after data row {number})"
        ) from None
    except csv.Error as exc:
        raise ResourceFormatError(f"{path}: not a readable CSV file: {exc}") from None
    finally:
        csv.field_size_limit(old_limit)
    return counts
