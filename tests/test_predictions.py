"""Reading predictions files, the paper's cleaning of raw answers, and atomic output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from express_lexicon.errors import ExpressLexiconError, PredictionsFormatError
from express_lexicon.predictions import (
    INVALID,
    Predictions,
    atomic_writer,
    clean,
    clean_answer,
    parse_word_list,
    read_predictions,
)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


PAPER_HEADER = ["labels", "output_formatted", "number_of_labels"]


@pytest.fixture
def paper_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "preds.csv", [
        PAPER_HEADER,
        ["['happy', 'scared']", "['joyful', 'scared']", "2"],
        ["['sad']", INVALID, "1"],
        ["['angry']", "['furious']", "1"],
    ])


# --- list literals and cleaning ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("['happy', 'scared']", ["happy", "scared"]),
        ("['happy','scared']", ["happy", "scared"]),
        ('["don\'t know", "sad"]', ["don't know", "sad"]),
        ("('a', 'b')", ["a", "b"]),
        ("[]", []),
        ("  ['x']  ", ["x"]),
    ],
)
def test_parse_word_list_accepts_literals(text: str, words: list[str]) -> None:
    assert parse_word_list(text) == words


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "[__import__('os').system('echo hacked')]", "['a', 1]", "['unclosed'", "happy",
     "[[1, 2]]", "{'a': 1}", "['a'] + ['b']"],
)
def test_parse_word_list_rejects_everything_else_without_running_it(text: str, capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError):
        parse_word_list(text)
    assert "hacked" not in capfd.readouterr().out


@pytest.mark.parametrize(
    ("raw", "n", "expected"),
    [
        ("['Happy', 'SAD']", 2, ["happy", "sad"]),
        ("[happy, sad]", 2, ["happy", "sad"]),
        ("[ Bitter Sweet , 'calm' ]", 2, ["bitter sweet", "calm"]),
        ("Happy", 1, ["happy"]),
        ("'happy'", 1, ["happy"]),
        ("happy.", 1, ["happy"]),
        ("heart-broken", 1, ["heart-broken"]),
        ("['happy', 'sad']", 3, None),  # wrong length
        ("Happy", 2, None),
        ("I feel happy today", 1, None),
        ("__import__('os')", 1, None),
        ("[__import__('os').system('echo hacked')]", 1, None),
        ("", 1, None),
        ("   ", 1, None),
        (INVALID, 1, None),
        ("[happy, 42]", 2, None),
        ("['happy', '']", 2, None),
        (None, 1, None),
        ("['x'" * 50_000, 1, None),
    ],
)
def test_clean_answer_like_the_paper(raw: object, n: int, expected: list[str] | None, capfd: pytest.CaptureFixture[str]) -> None:
    assert clean_answer(raw, n) == expected
    assert "hacked" not in capfd.readouterr().out


def test_clean_answer_without_label_count_keeps_any_length() -> None:
    assert clean_answer("[a, b, c]") == ["a", "b", "c"]


# --- reading the paper's format -------------------------------------------------------------
def test_reads_paper_format_rows_and_masks(paper_file: Path) -> None:
    p = read_predictions(paper_file)
    assert p.format == "paper"
    assert (p.n_rows, p.n_masks, p.n_invalid) == (3, 4, 1)
    assert list(p.rows()) == [(["happy", "scared"], ["joyful", "scared"]), (["sad"], None), (["angry"], ["furious"])]
    assert p.row_lines.tolist() == [2, 3, 4]
    assert p.mask_position.tolist() == [0, 1, 0, 0]
    assert p.mask_valid.tolist() == [True, True, False, True]
    assert p.pred_ids[2] == -1


def test_paper_words_are_taken_exactly_as_written(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [PAPER_HEADER, ["['Happy']", "['happy']", "1"]])
    assert list(read_predictions(path).rows()) == [(["Happy"], ["happy"])]


def test_raw_output_column_is_cleaned_on_the_fly(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "raw.csv", [
        ["id", "labels", "output"],
        ["1", "['Happy', 'sad']", "[Joyful, sad]"],
        ["2", "['angry']", "I think the answer is angry"],
        ["3", "['calm']", "Calm"],
        ["4", "['calm', 'sad']", "['calm']"],
    ])
    p = read_predictions(path)
    assert list(p.rows()) == [(["happy", "sad"], ["joyful", "sad"]), (["angry"], None), (["calm"], ["calm"]),
                              (["calm", "sad"], None)]


def test_custom_column_names(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["gold_list", "model_answer"], ["['happy']", "['glad']"]])
    p = read_predictions(path, format="paper", gold_column="gold_list", pred_column="model_answer")
    assert list(p.rows()) == [(["happy"], ["glad"])]


def test_pairs_csv_one_mask_per_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "pairs.csv", [
        ["gold", "predicted"], [" Happy ", "Joyful"], ["sad", ""], ["angry", INVALID], ["calm", "calm"],
    ])
    p = read_predictions(path)
    assert p.format == "pairs"
    assert list(p.rows()) == [(["happy"], ["joyful"]), (["sad"], None), (["angry"], None), (["calm"], ["calm"])]


def test_jsonl_pairs_with_words_or_lists(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join([
        json.dumps({"gold": "Happy", "predicted": "joyful"}),
        "",
        json.dumps({"gold": ["sad", "angry"], "predicted": ["sad", "mad"]}),
        json.dumps({"gold": "calm", "predicted": None}),
        json.dumps({"gold": "calm", "predicted": INVALID}),
    ]) + "\n", encoding="utf-8")
    p = read_predictions(path)
    assert p.format == "jsonl"
    assert list(p.rows()) == [(["happy"], ["joyful"]), (["sad", "angry"], ["sad", "mad"]), (["calm"], None),
                              (["calm"], None)]
    assert p.row_lines.tolist() == [1, 3, 4, 5]


def test_jsonl_with_paper_keys(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"labels": ["happy"], "output_formatted": ["glad"]}) + "\n", encoding="utf-8")
    assert list(read_predictions(path).rows()) == [(["happy"], ["glad"])]


def test_from_rows_in_memory() -> None:
    p = Predictions.from_rows([(["happy", "sad"], ["glad", "sad"]), ("angry", None), ("calm", INVALID)])
    assert (p.n_rows, p.n_masks, p.n_invalid) == (3, 4, 2)
    with pytest.raises(PredictionsFormatError, match="row 2"):
        Predictions.from_rows([("happy", "glad"), (["a", "b"], ["a"])])


# --- bad input ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["labels", "number_of_labels"], ["['a']", "1"]], r"line 1: missing column\(s\) 'output_formatted'.*'labels'"),
        ([PAPER_HEADER, ["['a']", "['b']", "1"], ["['a'", "['b']", "1"]], r"line 3: column 'labels': not a list literal"),
        ([PAPER_HEADER, ["['a']", "['b']", "1"], ["['a']", "[b", "1"]], r"line 3: column 'output_formatted'"),
        ([PAPER_HEADER, ["['a', 'c']", "['b']", "2"]], r"line 2: 2 gold word\(s\) but 1 prediction\(s\)"),
        ([PAPER_HEADER, ["['a']", "['b']", "2"]], r"line 2: number_of_labels is 2 but 'labels' has 1"),
        ([PAPER_HEADER, ["['a']", "['b']", "two"]], r"line 2: number_of_labels is not a number"),
        ([PAPER_HEADER, ["[]", "[]", "0"]], r"line 2: the gold list is empty"),
        ([PAPER_HEADER, ["['a']"]], r"line 2: expected 3 fields, found 1"),
        ([PAPER_HEADER], r"no data rows"),
        ([["gold", "predicted"], ["", "x"]], r"line 2: the gold word is empty"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path: Path, rows: list[list[str]], message: str) -> None:
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(PredictionsFormatError, match=message) as info:
        read_predictions(path)
    assert "bad.csv" in str(info.value)
    assert isinstance(info.value, ExpressLexiconError)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    for content in ("", "\n\n  \n"):
        path = tmp_path / "empty.csv"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(PredictionsFormatError, match="empty.csv: file is empty"):
            read_predictions(path)


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"labels,output_formatted\n['a'],['b']\n['caf\xe9'],['b']\n")
    with pytest.raises(PredictionsFormatError, match=r"latin1.csv, line 3: not valid UTF-8"):
        read_predictions(path)


def test_missing_file_and_bad_jsonl(tmp_path: Path) -> None:
    with pytest.raises(PredictionsFormatError, match="nope.csv"):
        read_predictions(tmp_path / "nope.csv")
    path = tmp_path / "bad.jsonl"
    path.write_text('{"gold": "a", "predicted": "b"}\n{"gold": "a", \n', encoding="utf-8")
    with pytest.raises(PredictionsFormatError, match=r"bad.jsonl, line 2: not valid JSON"):
        read_predictions(path)
    path.write_text('{"gold": "a", "predicted": "b"}\n{"gold": 3, "predicted": "b"}\n', encoding="utf-8")
    with pytest.raises(PredictionsFormatError, match=r"line 2: 'gold' must be a word or a list of words"):
        read_predictions(path)


def test_skip_bad_rows_counts_them(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mixed.csv", [
        PAPER_HEADER,
        ["['a']", "['a']", "1"],
        ["['a'", "['b']", "1"],
        ["['a', 'b']", "['b']", "2"],
        ["['c']", INVALID, "1"],
    ])
    p = read_predictions(path, skip_bad_rows=True)
    assert (p.n_rows, p.n_masks, p.n_invalid, p.n_skipped) == (2, 2, 1, 2)
    assert "line 3" in p.skipped[0] and "line 4" in p.skipped[1]
    assert p.row_lines.tolist() == [2, 5]


def test_skip_bad_rows_still_fails_when_nothing_is_left(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "allbad.csv", [PAPER_HEADER, ["['a'", "['b']", "1"]])
    with pytest.raises(PredictionsFormatError, match=r"no usable rows \(1 bad rows skipped"):
        read_predictions(path, skip_bad_rows=True)


def test_progress_callback_reaches_the_end(paper_file: Path) -> None:
    seen: list[tuple[int, int]] = []
    read_predictions(paper_file, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


# --- clean() and atomic output ---------------------------------------------------------------
def test_clean_writes_the_paper_format(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "raw.csv", [
        ["id", "labels", "output"],
        ["1", "['Happy', 'sad']", "[Joyful, sad]"],
        ["2", "['angry']", "__import__('os').system('echo hacked')"],
        ["3", "['calm']", "'Calm'"],
    ])
    out = tmp_path / "clean.csv"
    summary = clean(src, out)
    assert (summary.n_rows, summary.n_invalid, summary.n_skipped) == (3, 1, 0)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["labels"] == "['happy', 'sad']" and rows[0]["output_formatted"] == "['joyful', 'sad']"
    assert rows[1]["output_formatted"] == INVALID
    assert rows[2]["output_formatted"] == "['calm']" and rows[2]["number_of_labels"] == "1"
    # the cleaned file evaluates as the paper's format
    assert list(read_predictions(out).rows())[0] == (["happy", "sad"], ["joyful", "sad"])


def test_clean_failure_leaves_no_partial_file(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "raw.csv", [["labels", "output"], ["['a']", "a"], ["['b'", "b"]])
    out = tmp_path / "clean.csv"
    with pytest.raises(PredictionsFormatError, match="raw.csv, line 3"):
        clean(src, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src], "no temporary file may be left behind"


def test_clean_failure_keeps_an_existing_output_untouched(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "raw.csv", [["labels"], ["['a']"]])
    out = tmp_path / "clean.csv"
    out.write_text("previous\n", encoding="utf-8")
    with pytest.raises(PredictionsFormatError, match="missing column"):
        clean(src, out)
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_clean_skip_bad_rows(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "raw.csv", [["labels", "output"], ["['a']", "a"], ["['b'", "b"]])
    summary = clean(src, tmp_path / "out.csv", skip_bad_rows=True)
    assert (summary.n_rows, summary.n_skipped) == (1, 1)


def test_atomic_writer_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_writer(target) as handle:
        handle.write("one")
    assert target.read_text(encoding="utf-8") == "one"
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("two, half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "one"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    with pytest.raises(ExpressLexiconError, match="cannot write"), atomic_writer(tmp_path / "missing-dir" / "x.txt") as handle:
        handle.write("x")
