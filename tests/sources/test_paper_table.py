"""PaperTable: the paper's decomposition table read from a user file, with the paper's semantics."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from express_lexicon.errors import ExpressLexiconError, ResourceFormatError
from express_lexicon.metrics import VectorSource
from express_lexicon.sources.paper_table import PaperTable
from express_lexicon.theory import DIMENSIONS

# The paper's table: in $EXPRESS_REFERENCE_DIR, else in shared/express-reference beside the
# checkout (as the ``reference_dir`` fixture of conftest.py finds the other reference files).
REFERENCE = Path(os.environ.get("EXPRESS_REFERENCE_DIR", "").strip()
                 or Path(__file__).resolve().parents[3] / "shared" / "express-reference") / "lexicon-decomposition.csv"

HEADER = "word," + ",".join(DIMENSIONS)


def write(tmp_path: Path, text: str, name: str = "table.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def table(tmp_path: Path) -> PaperTable:
    # happy: anticipation, joy, trust, positive; sad: sadness, negative (written as 0.0/1.0)
    return PaperTable.load(write(tmp_path, "\n".join([
        HEADER,
        "happy,0,1,0,0,1,0,0,1,1,0",
        "sad,0.0,0.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,1.0",
        "calm,0,0,0,0,0,0,0,0,0,0",
    ]) + "\n"))


def test_known_words_get_their_columns_in_dimension_order(table: PaperTable) -> None:
    assert len(table) == 3
    assert table.vector("happy") == {
        "anger": 0, "anticipation": 1, "disgust": 0, "fear": 0, "joy": 1,
        "sadness": 0, "surprise": 0, "trust": 1, "positive": 1, "negative": 0,
    }
    assert table.vector("sad")["sadness"] == 1 and table.vector("sad")["negative"] == 1


def test_unknown_word_is_the_all_zero_vector_like_the_paper(table: PaperTable) -> None:
    vecs = table.binary_vectors(["nonsense", "happy", "Happy"])
    assert vecs.shape == (3, 10) and vecs.dtype == np.bool_
    assert not vecs[0].any()
    assert vecs[1].sum() == 4
    assert not vecs[2].any(), "lookups are exact: the paper compares strings with =="
    assert "happy" in table and "Happy" not in table


def test_float_vectors_are_the_binary_ones(table: PaperTable) -> None:
    f = table.vectors(["happy", "sad", "zzz"])
    assert f.dtype == np.float64
    assert np.array_equal(f, table.binary_vectors(["happy", "sad", "zzz"]).astype(float))
    assert set(np.unique(f)) <= {0.0, 1.0}


def test_implements_the_vector_source_protocol(table: PaperTable) -> None:
    assert isinstance(table, VectorSource)


def test_first_of_duplicate_words_wins(tmp_path: Path) -> None:
    t = PaperTable.load(write(tmp_path, f"{HEADER}\njoy,0,0,0,0,1,0,0,0,1,0\njoy,1,0,0,0,0,0,0,0,0,1\n"))
    assert t.vector("joy")["joy"] == 1 and t.vector("joy")["anger"] == 0


def test_columns_may_come_in_another_order_and_extra_columns_are_ignored(tmp_path: Path) -> None:
    cols = list(reversed(DIMENSIONS))
    row = ["1" if c in ("joy", "positive") else "0" for c in cols]
    t = PaperTable.load(write(tmp_path, f"note,{','.join(cols)},word\nx,{','.join(row)},glad\n"))
    assert t.vector("glad")["joy"] == 1 and t.vector("glad")["positive"] == 1
    assert sum(t.vector("glad").values()) == 2


def test_quoted_fields_and_bom_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(("\ufeff" + HEADER + "\r\n" + '"bitter, sweet",0,0,0,0,1,1,0,0,1,1\r\n').encode("utf-8"))
    t = PaperTable.load(path)
    assert t.words == ("bitter, sweet",)
    assert t.vector("bitter, sweet")["sadness"] == 1


def test_from_rows_builds_a_table_in_memory() -> None:
    t = PaperTable.from_rows([("glad", [0, 0, 0, 0, 1, 0, 0, 0, 1, 0])])
    assert t.binary_vectors(["glad"]).sum() == 2
    with pytest.raises(ResourceFormatError, match="glad"):
        PaperTable.from_rows([("glad", [0, 0, 0, 0, 2, 0, 0, 0, 1, 0])])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{HEADER}\nhappy,0,1,0,0,1,0,0,1,1,0\nsad,0,0,0,0,0,yes,0,0,0,1\n", r"line 3.*sadness.*'yes'"),
        (f"{HEADER}\nhappy,0,1,0,0,1,0,0,1,1,0\nsad,0,0,0,0,0,2,0,0,0,1\n", r"line 3.*'2'"),
        (f"{HEADER}\nhappy,0,1,0,0,1,0,0,1,1,0\nsad,0,0,0\n", r"line 3: expected 11 fields, found 4"),
        ("word,anger,joy\nhappy,0,1\n", r"line 1: header lacks column\(s\) anticipation"),
        (f"{HEADER}\n,0,1,0,0,1,0,0,1,1,0\n", r"line 2: empty word"),
        ("", r"empty"),
        (f"{HEADER}\n", r"no rows"),
    ],
)
def test_bad_tables_name_the_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ResourceFormatError, match=expected) as info:
        PaperTable.load(path)
    assert "table.csv" in str(info.value)
    assert isinstance(info.value, ExpressLexiconError)


def test_non_utf8_table_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(f"{HEADER}\nhappy,0,1,0,0,1,0,0,1,1,0\n".encode() + b"caf\xe9,0,0,0,0,1,0,0,0,1,0\n")
    with pytest.raises(ResourceFormatError, match=r"table.csv, line 3: not valid UTF-8"):
        PaperTable.load(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceFormatError, match="nope.csv"):
        PaperTable.load(tmp_path / "nope.csv")


@pytest.mark.skipif(not REFERENCE.exists(), reason="EXPRESS reference table not found (set EXPRESS_REFERENCE_DIR)")
def test_reference_table_loads_with_all_its_words() -> None:
    t = PaperTable.load(REFERENCE)
    assert len(t) == 16_019
    assert t.matrix.shape == (16_019, 10)
    assert t.binary_vectors(["a-word-no-table-has"]).sum() == 0
