"""The shipped EXPRESS vocabulary, the tool that derives it, and label counting."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from express_lexicon import _data
from express_lexicon.errors import ResourceFormatError
from express_lexicon.sources.express import (
    VocabularyEntry,
    express_terms,
    express_vocabulary,
    label_counts,
    observed_labels,
)

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "make_express_vocabulary.py"


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("make_express_vocabulary", TOOL)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def by_entry() -> dict[str, VocabularyEntry]:
    return {e.entry: e for e in express_vocabulary()}


# --- the shipped vocabulary -----------------------------------------------------------------


def test_vocabulary_file_is_a_documented_resource() -> None:
    text = _data.read_text(_data.RESOURCE_PACKAGE, "express_vocabulary.csv")
    lines = text.splitlines()
    assert lines[0] == "# express-lexicon resource: express-vocabulary v1"
    assert any("Fluent but Unfeeling" in line for line in lines if line.startswith("#"))
    assert next(line for line in lines if not line.startswith("#")) == "entry,kind,words,observed"


def test_vocabulary_entries_are_well_formed() -> None:
    entries = express_vocabulary()
    assert express_vocabulary() is entries  # cached
    assert len(entries) == len({e.entry for e in entries}) >= 684
    kinds = Counter(e.kind for e in entries)
    assert kinds["stem"] > 50 and kinds["phrase"] == 2 and kinds["word"] > 500
    for e in entries:
        assert e.words, e
        if e.kind == "stem":
            assert e.entry not in e.words
            assert all(w.startswith(e.entry) or w[: len(e.entry) - 1] == e.entry[:-1] for w in e.words), e
        else:
            assert e.words == (e.entry,), e


def test_stems_resolve_to_the_full_emotion_words() -> None:
    entries = by_entry()
    assert entries["frustrat"].kind == "stem"
    assert {"frustrated", "frustration", "frustrate"} <= set(entries["frustrat"].words)
    assert {"admiration", "admire", "admired"} <= set(entries["admir"].words)
    assert "admiral" not in entries["admir"].words and "admirer" not in entries["admir"].words
    assert "agony" in entries["agoni"].words  # by Porter stem, not prefix
    assert {"happy", "happiness"} == set(entries["happi"].words)
    assert "hospital" not in entries["hospit"].words
    assert set(entries["neg"].words) >= {"negative", "negativity"}
    assert not any(w.endswith("ly") and w not in {"friendly", "cowardly"} for w in entries["admir"].words)


def test_phrases_words_and_misspellings_keep_their_own_rows() -> None:
    entries = by_entry()
    assert entries["bitter sweetness"] == VocabularyEntry("bitter sweetness", "phrase", ("bitter sweetness",), False)
    assert entries["mixed up"].kind == "phrase"
    assert entries["happy"] == VocabularyEntry("happy", "word", ("happy",), True)
    assert entries["embarrased"].kind == "word" and entries["embarrased"].observed  # as it occurs in the data
    assert entries["self-pity"].kind == "word"


def test_observed_flags() -> None:
    entries = by_entry()
    assert entries["frustrat"].observed  # through "frustrated"
    assert not entries["ador"].observed
    assert entries["anger"].observed and not entries["accept"].observed
    labels = observed_labels()
    assert "frustrated" in labels and "frustrat" not in labels
    assert all(by_entry()[label].observed for label in labels)


def test_express_terms_are_full_words_and_phrases() -> None:
    terms = express_terms()
    assert {"frustrated", "frustration", "agony", "bitter sweetness", "happy"} <= terms
    assert not {"frustrat", "admir", "agoni", "happi"} & terms
    assert observed_labels() <= terms


def test_vocabulary_follows_the_reference_files(reference_dir) -> None:
    masking = read_lines(reference_dir / "masking-vocabulary.txt")
    observed = read_lines(reference_dir / "observed-labels.txt")
    entries = express_vocabulary()
    assert [e.entry for e in entries[: len(masking)]] == masking
    assert all(e.kind == "label" for e in entries[len(masking):])
    found = by_entry()
    for label in observed:
        assert label in found, label
        assert found[label].kind != "stem" and found[label].observed, label
    assert observed_labels() == set(observed)
    flagged = {e.entry for e in entries if e.observed and e.kind != "stem"}
    assert flagged == set(observed)


def test_damaged_vocabulary_file_is_reported(monkeypatch) -> None:
    from express_lexicon.sources import express

    def fake_table(filename, name, version):
        return [{"entry": "admir", "kind": "prefix", "words": "admire", "observed": "0"}]

    monkeypatch.setattr(express, "read_resource_table", fake_table)
    express.express_vocabulary.cache_clear()
    try:
        with pytest.raises(ResourceFormatError, match=r"data row 1 \('admir'\): unknown kind 'prefix'"):
            express.express_vocabulary()
    finally:
        express.express_vocabulary.cache_clear()


# --- the generating tool --------------------------------------------------------------------


def test_shipped_file_is_what_the_tool_derives(tool, reference_dir, wordnet, capsys) -> None:
    status = tool.main([
        "--masking", str(reference_dir / "masking-vocabulary.txt"),
        "--observed", str(reference_dir / "observed-labels.txt"),
        "--output", str(REPO / "resources" / "express_vocabulary.csv"),
        "--check",
    ])
    assert status == 0, capsys.readouterr().err


def test_tool_adds_observed_labels_the_masking_list_lacks(tool, wordnet, tmp_path) -> None:
    masking = tmp_path / "masking.txt"
    masking.write_text("frustrat\nHappy\nbitter sweetness\nhappy\n", encoding="utf-8")
    observed = tmp_path / "observed.txt"
    observed.write_text("happy\nfrustrated\ngutted\n", encoding="utf-8")
    out = tmp_path / "vocab.csv"
    assert tool.main(["--masking", str(masking), "--observed", str(observed), "--output", str(out)]) == 0
    rows = _data.parse_resource_table(out.read_text(encoding="utf-8"), "vocab.csv", "express-vocabulary", 1)
    assert [(r["entry"], r["kind"], r["observed"]) for r in rows] == [
        ("frustrat", "stem", "1"),
        ("happy", "word", "1"),
        ("bitter sweetness", "phrase", "0"),
        ("frustrated", "label", "1"),
        ("gutted", "label", "1"),
    ]
    assert "frustrated" in rows[0]["words"].split(";")


# --- label counts of a full EXPRESS file ----------------------------------------------------


def write_csv(tmp_path: Path, body: str, name: str = "express.csv") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_label_counts(tmp_path) -> None:
    path = write_csv(tmp_path, (
        "id,text,labels,number_of_labels\n"
        '1,"I feel [MASK],\nreally [MASK]","[\'happy\', \'scared\']",2\n'
        "2,x,\"['happy']\",1\n"
        "3,y,\"('Grief',)\",1\n"
        "4,z,[],0\n"
    ))
    counts = label_counts(path)
    assert counts == Counter({"happy": 2, "scared": 1, "Grief": 1})
    assert counts.most_common(1) == [("happy", 2)]


def test_label_counts_other_column(tmp_path) -> None:
    path = write_csv(tmp_path, "gold\n\"['calm']\"\n")
    assert label_counts(path, column="gold") == Counter({"calm": 1})


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("labels\n\"['a', 'b'\"\n", r"row 1 \(line 2\): labels value \"\['a', 'b'\" is not a Python list literal"),
        ("labels\n\"['a']\"\nhappy\n", r"row 2 \(line 3\): labels value 'happy' is not a Python list literal"),
        ("labels\n\"__import__('os').system('true')\"\n", r"row 1 .*is not a Python list literal"),
        ("labels\n'a'\n", r"row 1 .*is not a list"),
        ("labels\n\"['a', 3]\"\n", r"row 1 .*holds 3, not a non-empty string"),
        ("labels\n\"['a', ' ']\"\n", r"row 1 .*holds ' ', not a non-empty string"),
        ("text,labels\nonly-one-field\n", r"row 1 .*too short"),
        ("text,gold\nx,y\n", r"no 'labels' column \(columns: text, gold\)"),
        ("", r"no 'labels' column \(columns: none; empty file\)"),
    ],
)
def test_bad_rows_are_named(tmp_path, body, expected) -> None:
    path = write_csv(tmp_path, body)
    with pytest.raises(ResourceFormatError, match=expected) as info:
        label_counts(path)
    assert str(path) in str(info.value)


def test_missing_and_non_utf8_files(tmp_path) -> None:
    with pytest.raises(ResourceFormatError, match="no such file"):
        label_counts(tmp_path / "none.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes("labels\n\"['café']\"\n".encode("latin-1"))
    with pytest.raises(ResourceFormatError, match=r"latin1\.csv: not valid UTF-8"):
        label_counts(path)
