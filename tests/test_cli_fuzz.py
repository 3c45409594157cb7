"""A fuzz pass over the command line with hostile input.

Every hostile input must end with a clear one-line message naming the bad value, row or
path, a non-zero exit status, no traceback and no partial output file. Both ways in are
covered: click's ``main`` through :class:`click.testing.CliRunner`, and real processes of
the installed ``express-lexicon`` script and ``python -m express_lexicon`` (a plain
``decompose TERM...`` is answered by ``_entry.py`` without click).

The inputs tried here are listed in the README's "Robustness" section; keep both in step.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from express_lexicon.cli import main
from express_lexicon.theory import DIMENSIONS

HUGE = "a" * 10_050
#: Arguments no command should choke on.
HOSTILE_ARGS = [
    "", " ", "\t", "-", "--", "a" * 201, HUGE, "joy\x07", "\x1b[2J", "sad\x00", "\u200bjoy", "\ufeff",
    "\udcff\udcfe", "\U0001F600", "'; rm -rf /", "$(touch PWNED)", "__import__('os').system('touch PWNED')",
    "../../../nonexistent/passwd", "/dev/null", "/", "nan", "-1", "1e999", "joy,sad", "[]", "{}", "%s%n",
]
CODE = "__import__('os').system('touch PWNED')"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def assert_clean_failure(result, *names: str, code: int | None = None) -> str:
    """Non-zero exit (``code`` if given), no traceback, one error naming each of ``names``."""
    text = result.output
    assert result.exit_code != 0, text
    if code is not None:
        assert result.exit_code == code, (result.exit_code, text)
    assert "Traceback" not in text and "internal error" not in text, text
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    for name in names:
        assert name in text, (name, text)
    assert len(text) < 5000, "the message must not dump the input"
    return text


def leftovers(directory: Path) -> list[str]:
    """Files in ``directory`` a failed write may have left (temporary or partial)."""
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty current directory; a literal that ran ``touch PWNED`` would show up here."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert not (tmp_path / "PWNED").exists(), "a value was executed as code"


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def paper_table(workdir: Path) -> Path:
    """A tiny paper-style decomposition table in ``workdir``."""
    return write(workdir / "table.csv", "word," + ",".join(DIMENSIONS) + "\nhappy,0,0,0,0,1,0,0,1,1,0\n"
                 "joyful,0,0,0,0,1,0,0,1,1,0\nsad,0,0,0,0,0,1,0,0,0,1\n")


def paper_csv(path: Path, rows: list[list[str]], header=("labels", "output_formatted", "number_of_labels")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD_ROWS = [["['happy']", "['joyful']", "1"], ["['sad', 'angry']", "INVALID OUTPUT", "2"]]


# --- decompose, compare, terms: hostile arguments ------------------------------------------------
@pytest.mark.parametrize("term, what", [
    ("", "empty"),
    ("   ", "empty"),
    ("?!.", "empty"),
    ("123", "no letters"),
    ("a" * 201, "201 characters"),
    (HUGE, "10050 characters"),
    ("joy\x07", "U+0007"),
    ("\x1b[2J", "U+001B"),
    ("sad\x00", "U+0000"),
    ("\u200bjoy", "U+200B"),
    ("\udcff", "U+DCFF"),
], ids=repr)
@pytest.mark.parametrize("mode", [[], ["--json"], ["--csv"], ["--explain"]])
def test_decompose_bad_argument_is_named(term, what, mode):
    result = run("decompose", *mode, "joy", term)
    text = assert_clean_failure(result, "argument 2", what, code=1)
    assert "\x1b[2J" not in text and "\x00" not in text  # echoed escaped, never raw
    assert text.count("\n") <= 60  # joy's table (or JSON) and one line of error
    assert HUGE not in text


def test_decompose_table_prints_nothing_when_every_term_is_bad():
    result = run("decompose", "", "\x07")
    assert_clean_failure(result, "argument 1", "argument 2", code=1)
    assert result.stdout == ""


def test_decompose_stdin_invalid_utf8_names_the_line():
    for data in (b"joy\n\xff\xfe\n", b"joy\nsad\n\xc3", b"\xed\xa0\x80\n"):
        result = run("decompose", "-", input=data)
        assert_clean_failure(result, "stdin line", "UTF-8")
        # stdin is streamed: lines decoded before the bad byte may have been answered (here
        # only the truncated last one comes after good lines), nothing after it
        assert "joy" not in result.stdout or data.endswith(b"\xc3")
        assert "sad" not in result.stdout or data.endswith(b"\xc3")


def test_decompose_stdin_bad_lines_are_named():
    result = run("decompose", "--json", "-", input="joy\n\x1b[31mred\n" + "x" * 10_001 + "\n\nrage\n")
    text = assert_clean_failure(result, "stdin line 2", "U+001B", "stdin line 3", "10001 characters", code=1)
    assert [d["term"] for d in json.loads(result.stdout)] == ["joy", "rage"]
    assert "\x1b[31m" not in text


def test_decompose_empty_stdin_prints_nothing():
    result = run("decompose", "-", input=b"")
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(run("decompose", "--json", "-", input=b"\n \n").stdout) == []


@pytest.mark.parametrize("args, names", [
    (["", "joy"], ["empty"]),
    (["joy", HUGE], ["10050 characters"]),
    (["joy\x1b", "joy"], ["U+001B"]),
    (["\udcff", "joy"], ["U+DCFF"]),
], ids=["empty", "huge", "escape", "surrogate"])
def test_compare_bad_argument_is_named(args, names):
    assert_clean_failure(run("compare", *args), *names, code=1)


@pytest.mark.parametrize("option", ["--emotion", "--dyad", "--method"])
@pytest.mark.parametrize("value, shown", [("", "''"), ("blorp", "'blorp'"), (HUGE, "'aaaa"), ("\x1b[2J", "\\x1b[2J")],
                         ids=["empty", "blorp", "huge", "escape"])
def test_terms_bad_filter_is_named_and_clipped(option, value, shown):
    text = assert_clean_failure(run("terms", option, value), shown, code=2)
    assert HUGE not in text and "\x1b[2J" not in text
    assert len(text) < 1000


@pytest.mark.parametrize("args, option", [
    (["evaluate", "P", "--seed", "-1"], "--seed"),
    (["evaluate", "P", "--seed", "1e3"], "--seed"),
    (["evaluate", "P", "--bootstrap", "-1"], "--bootstrap"),
    (["evaluate", "P", "--top", "-5"], "--top"),
    (["evaluate", "P", "--format", "xml"], "--format"),
    (["evaluate", "P", "--sort-by", "__class__"], "--sort-by"),
    (["terms", "--min-confidence", "nan"], "--min-confidence"),
    (["terms", "--min-confidence", "2"], "--min-confidence"),
    (["terms", "--limit", "-1"], "--limit"),
    (["terms", "--tier", "extreme"], "--tier"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_bad_numbers_and_choices_are_usage_errors(workdir, args, option):
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    argv = [str(preds) if a == "P" else a for a in args]
    assert_clean_failure(run(*argv), option, code=2)


def test_api_refuses_a_negative_seed_and_nan_confidence(workdir):
    from express_lexicon import evaluate
    from express_lexicon.errors import ExpressLexiconError

    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    with pytest.raises(ExpressLexiconError, match="seed"):
        evaluate(preds, seed=-1)
    with pytest.raises(ExpressLexiconError, match="confidence"):
        evaluate(preds, confidence=float("nan"))
    from express_lexicon import terms

    with pytest.raises(ValueError, match="min_confidence"):
        terms(min_confidence=float("nan"))
    for bad in ("", "blorp"):
        with pytest.raises(KeyError):
            terms(dyad=bad)
        with pytest.raises(KeyError):
            terms(tier=bad)


# --- evaluate: hostile predictions files ----------------------------------------------------------
HOSTILE_FILES: list[tuple[str, str, bytes | str, list[str]]] = [
    # (id, file name, content, what the message must name besides the file)
    ("empty", "p.csv", b"", ["empty"]),
    ("blank", "p.csv", b"\n\n  \n", ["empty"]),
    ("header only", "p.csv", "labels,output_formatted,number_of_labels\n", ["no data rows"]),
    ("latin-1", "p.csv", "labels,output_formatted\n['h\xe9']".encode("latin-1") + b",['sad']\n", ["line 2", "UTF-8"]),
    ("utf-16", "p.csv", "labels,output_formatted\n['happy'],['sad']\n".encode("utf-16"), ["line 1", "UTF-8"]),
    ("binary", "p.csv", bytes(range(256)), ["UTF-8"]),
    ("nul bytes", "p.csv", b"\x00\x00\x00", ["missing column"]),
    ("lone carriage returns", "p.txt", b"\xef\xbb\xbf\r0\n", ["missing column"]),
    ("unterminated quote", "p.csv", "labels,output_formatted\n\"['happy'],['sad']\n", ["line 2"]),
    ("truncated row", "p.csv", "labels,output_formatted,number_of_labels\n['happy'],['sad'],1\n['sad'],['ha", ["line 3"]),
    ("ragged row", "p.csv", "labels,output_formatted,number_of_labels\n['happy'],['sad'],1,extra,more\n['sad']\n",
     ["line 2", "found 5", "unquoted comma"]),
    ("short row", "p.csv", "labels,output_formatted,number_of_labels\n['happy'],['sad'],1\n['sad']\n", ["line 3"]),
    ("no label column", "p.csv", "text,output_formatted\nx,['sad']\n", ["'labels'"]),
    ("labels not a list", "p.csv", "labels,output_formatted\nhappy,['sad']\n", ["line 2", "'labels'"]),
    ("labels a dict", "p.csv", "labels,output_formatted\n\"{'a': 1}\",['sad']\n", ["line 2"]),
    ("labels of numbers", "p.csv", "labels,output_formatted\n\"[1, 2]\",\"['a', 'b']\"\n", ["line 2", "not a list of words"]),
    ("nested list", "p.csv", "labels,output_formatted\n\"[['a']]\",\"['a']\"\n", ["line 2"]),
    ("code in output", "p.csv", f"labels,output_formatted\n['happy'],\"{CODE}\"\n", ["line 2", "not a list literal"]),
    ("code in list", "p.csv", f"labels,output_formatted\n['happy'],\"[{CODE}]\"\n", ["line 2", "not a list literal"]),
    ("code in labels", "p.csv", f"labels,output_formatted\n\"[{CODE}]\",['sad']\n", ["line 2", "'labels'"]),
    ("expression", "p.csv", "labels,output_formatted\n\"['a'] + ['b']\",\"['a', 'b']\"\n", ["line 2"]),
    ("deep nesting", "p.csv", "labels,output_formatted\n\"" + "[" * 5000 + "]" * 5000 + "\",['a']\n", ["line 2"]),
    ("huge field", "p.csv", "labels,output_formatted\n\"['" + "x" * 200_000 + "']\",['a']\n", ["line 2"]),
    ("length mismatch", "p.csv", "labels,output_formatted\n['happy'],\"['sad', 'joy']\"\n", ["line 2", "1 gold word(s) but 2"]),
    ("bad number_of_labels", "p.csv", "labels,output_formatted,number_of_labels\n['happy'],['sad'],two\n", ["line 2", "number_of_labels"]),
    ("wrong number_of_labels", "p.csv", "labels,output_formatted,number_of_labels\n['happy'],['sad'],3\n", ["line 2", "number_of_labels is 3"]),
    ("empty gold list", "p.csv", "labels,output_formatted\n[],[]\n", ["line 2", "empty"]),
    ("empty pair gold", "p.csv", "gold,predicted\n,sad\n", ["line 2", "gold word is empty"]),
    ("jsonl truncated", "p.jsonl", '{"gold": "happy", "predicted": "sad"}\n{"gold": "ha', ["line 2", "not valid JSON"]),
    ("jsonl not object", "p.jsonl", '["happy", "sad"]\n', ["line 1", "JSON object"]),
    ("jsonl number", "p.jsonl", '{"gold": 5, "predicted": "sad"}\n', ["line 1", "'gold'"]),
    ("jsonl missing key", "p.jsonl", '{"gold": "happy"}\n', ["line 1", "'predicted'"]),
    ("jsonl deep nesting", "p.jsonl", '{"gold": ' + "[" * 100_000 + "]" * 100_000 + ', "predicted": "x"}\n',
     ["line 1", "not valid JSON"]),
    ("jsonl huge number", "p.jsonl", '{"gold": "a", "predicted": ' + "9" * 5000 + "}\n", ["line 1"]),
    ("json array file", "p.json", '[\n{"gold": "happy", "predicted": "sad"}\n]\n', ["line 1"]),
]


@pytest.mark.parametrize("name, content, names", [h[1:] for h in HOSTILE_FILES], ids=[h[0] for h in HOSTILE_FILES])
@pytest.mark.parametrize("lexicon", ["paper", "decomposer"])
def test_evaluate_hostile_file(workdir, paper_table, name, content, names, lexicon):
    path = write(workdir / name, content)
    out = workdir / "report.json"
    extra = ["--lexicon", str(paper_table)] if lexicon == "paper" else []
    result = run("evaluate", str(path), *extra, "--json", "--out", str(out), "--bootstrap", "10")
    assert_clean_failure(result, str(path), *names, code=1)
    assert leftovers(workdir) == sorted([path.name, paper_table.name])
    assert result.stdout == ""


BAD_PAPER_ROWS = [
    "happy,['sad'],",
    "\"{'a': 1}\",['sad'],",
    "\"[1, 2]\",\"['a', 'b']\",",
    "\"[['a']]\",\"['a']\",",
    f"['happy'],\"{CODE}\",",
    f"['happy'],\"[{CODE}]\",",
    f"\"[{CODE}]\",['sad'],",
    "\"['a'] + ['b']\",\"['a', 'b']\",",
    "\"" + "[" * 5000 + "]" * 5000 + "\",['a'],",
    "['happy'],\"['sad', 'joy']\",",
    "['happy'],['sad'],two",
    "['happy'],['sad'],3",
    "[],[],",
    "['happy']",
    "['happy'],['sad'],1,extra",
]


def test_evaluate_skip_bad_rows_survives_every_hostile_row(workdir, paper_table):
    """All hostile rows in one file: skipped and counted; the good ones are scored."""
    lines = ["labels,output_formatted,number_of_labels", "['happy'],['happy'],1", *BAD_PAPER_ROWS,
             "['sad'],['sad'],1"]
    path = write(workdir / "p.csv", "\n".join(lines) + "\n")
    result = run("evaluate", str(path), "--lexicon", str(paper_table), "--skip-bad-rows", "--json", "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n_rows"] == 2 and data["n_skipped"] == len(BAD_PAPER_ROWS) and data["acc_lexical"] == 1.0
    assert "skipped" in result.stderr
    strict = run("evaluate", str(path), "--lexicon", str(paper_table))
    assert_clean_failure(strict, str(path), "line 3", code=1)


def test_evaluate_reads_old_mac_line_ends(workdir):
    for name, data in (("pairs.csv", b"gold,predicted\rhappy,joyful\rsad,sad\r"),
                       ("paper.csv", b"labels,output_formatted\r['happy'],['sad']\r['sad'],INVALID OUTPUT\r")):
        result = run("evaluate", str(write(workdir / name, data)), "--json", "--bootstrap", "0")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["n_rows"] == 2


@pytest.mark.parametrize("make, names", [
    (lambda d: d / "missing.csv", ["missing.csv", "No such file"]),
    (lambda d: d, ["is a directory"]),
    (lambda d: Path("/dev/null"), ["/dev/null", "empty"]),
])
def test_evaluate_missing_or_unreadable_input(workdir, make, names):
    assert_clean_failure(run("evaluate", str(make(workdir))), *names, code=1)
    assert leftovers(workdir) == []


@pytest.mark.parametrize("content, names", [
    ("", ["empty"]),
    ("word,joy\nhappy,1\n", ["line 1", "anger"]),
    ("word," + ",".join(DIMENSIONS) + "\nhappy,0,0,0,0,1,0,0,1,1\n", ["line 2", "fields"]),
    ("word," + ",".join(DIMENSIONS) + "\nhappy,0,0,0,0,2,0,0,1,1,0\n", ["happy", "2"]),
    ("word," + ",".join(DIMENSIONS) + "\nhappy,0,0,0,0,yes,0,0,1,1,0\n", ["yes"]),
    (b"word,anger\n\xff\n", ["line 2", "UTF-8"]),
])
def test_evaluate_bad_lexicon_table(workdir, content, names):
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    table = write(workdir / "t.csv", content)
    assert_clean_failure(run("evaluate", str(preds), "--lexicon", str(table)), str(table), *names, code=1)
    assert_clean_failure(run("evaluate", str(preds), "--lexicon", str(workdir / "nope.csv")), "nope.csv", code=1)
    assert_clean_failure(run("evaluate", str(preds), "--lexicon", str(workdir)), str(workdir), code=1)


# --- evaluate / clean / decompose: unwritable output paths -----------------------------------------
def _bad_outputs(workdir: Path) -> list[tuple[str, str]]:
    (workdir / "a-dir").mkdir()
    write(workdir / "a-file", "x")
    return [
        ("/nonexistent/dir/x.json", "/nonexistent/dir/x.json"),
        (str(workdir / "a-dir"), "a-dir"),
        (str(workdir / "a-file" / "x.json"), "a-file"),
    ]


def test_evaluate_unwritable_out_leaves_nothing(workdir):
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    for out, name in _bad_outputs(workdir):
        before = leftovers(workdir)
        result = run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", out)
        assert_clean_failure(result, name, code=1)
        assert result.stdout == "" and leftovers(workdir) == before
        assert list((workdir / "a-dir").iterdir()) == []


def test_evaluate_read_only_directory(workdir):
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    locked = workdir / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(locked / "r.json"))
        assert_clean_failure(result, str(locked / "r.json"), "ermission", code=1)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("plot, names", [
    ("report.txt", ["'.txt'", "report.txt"]),
    ("report", ["no suffix"]),
    ("report.png.", ["report.png."]),
    ("/nonexistent/dir/r.png", ["/nonexistent/dir/r.png"]),
])
def test_evaluate_bad_plot_path(workdir, plot, names):
    pytest.importorskip("matplotlib")
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    result = run("evaluate", str(preds), "--bootstrap", "0", "--plot", plot, "--out", str(workdir / "r.txt"))
    assert_clean_failure(result, *names, code=1)
    assert leftovers(workdir) == ["p.csv"]  # neither the report nor a partial image


def test_evaluate_good_plot_is_not_written_when_out_fails(workdir):
    pytest.importorskip("matplotlib")
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    for out, name in _bad_outputs(workdir):
        result = run("evaluate", str(preds), "--bootstrap", "0", "--plot", str(workdir / "r.png"), "--out", out)
        assert_clean_failure(result, name, code=1)
        assert not (workdir / "r.png").exists()


def test_evaluate_refuses_to_overwrite_its_input(workdir, paper_table):
    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    before = preds.read_bytes()
    for target in (preds, workdir / "." / "p.csv", paper_table):
        result = run("evaluate", str(preds), "--lexicon", str(paper_table), "--json", "--out", str(target))
        assert_clean_failure(result, "--out", code=2)
    assert preds.read_bytes() == before


def test_out_to_devices_pipes_and_links(workdir):
    """/dev/null, a named pipe and a symbolic link are written through, never replaced (as
    root, renaming a temporary file over /dev/null would destroy the device)."""
    import threading

    preds = paper_csv(workdir / "p.csv", GOOD_ROWS)
    (workdir / "null-link").symlink_to("/dev/null")
    result = run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(workdir / "null-link"))
    assert result.exit_code == 0, result.output
    assert (workdir / "null-link").is_symlink() and Path("/dev/null").is_char_device()
    (workdir / "real").mkdir()
    (workdir / "report-link.json").symlink_to(workdir / "real" / "report.json")
    result = run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(workdir / "report-link.json"))
    assert result.exit_code == 0 and (workdir / "report-link.json").is_symlink()
    assert json.loads((workdir / "real" / "report.json").read_text())["n_rows"] == 2
    fifo = workdir / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = run("clean", str(paper_csv(workdir / "raw.csv", [["['happy']", "Happy."]], header=("labels", "output"))),
                 str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert received and "output_formatted" in received[0] and fifo.is_fifo()
    assert sorted(leftovers(workdir)) == ["null-link", "p.csv", "pipe", "raw.csv", "real", "report-link.json"]


@pytest.mark.parametrize("plot, names", [("x.txt", ["'.txt'"]), ("x", ["no suffix"]),
                                         ("/nonexistent/x.png", ["/nonexistent/x.png"])])
def test_decompose_and_compare_bad_plot_path(workdir, plot, names):
    pytest.importorskip("matplotlib")
    assert_clean_failure(run("decompose", "joy", "--plot", plot), *names, code=1)
    assert_clean_failure(run("compare", "joy", "sad", "--plot", plot), *names, code=1)
    assert leftovers(workdir) == []


def test_decompose_plot_is_not_written_when_a_term_is_bad(workdir):
    pytest.importorskip("matplotlib")
    result = run("decompose", "joy", "sad\x07", "--plot", str(workdir / "f.png"))
    assert_clean_failure(result, "argument 2", "f.png", code=1)
    assert leftovers(workdir) == []


CLEAN_FAILURES = ["empty", "blank", "header only", "latin-1", "utf-16", "binary", "nul bytes", "unterminated quote",
                  "truncated row", "ragged row", "no label column", "labels not a list", "labels a dict",
                  "labels of numbers", "nested list", "code in labels", "expression", "deep nesting", "huge field",
                  "empty gold list"]


@pytest.mark.parametrize("content", [h[2] for h in HOSTILE_FILES if h[0] in CLEAN_FAILURES],
                         ids=[h[0] for h in HOSTILE_FILES if h[0] in CLEAN_FAILURES])
def test_clean_hostile_input_writes_nothing(workdir, content):
    path = write(workdir / "raw.csv", content.replace("output_formatted", "output") if isinstance(content, str)
                 else content)
    out = workdir / "clean.csv"
    result = run("clean", str(path), str(out))
    assert_clean_failure(result, str(path), code=1)
    assert leftovers(workdir) == ["raw.csv"]


def test_clean_keeps_an_existing_output_and_never_runs_code(workdir):
    raw = paper_csv(workdir / "raw.csv", [["['happy']", f"[{CODE}]"], ["['sad']", CODE], ["['a', 'b']", "[a, b]"]],
                    header=("labels", "output"))
    result = run("clean", str(raw), str(workdir / "clean.csv"))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((workdir / "clean.csv").open(encoding="utf-8")))
    assert [r["output_formatted"] for r in rows] == ["INVALID OUTPUT", "INVALID OUTPUT", "['a', 'b']"]
    existing = write(workdir / "existing.csv", "keep me")
    bad = write(workdir / "bad.csv", "labels,output\nnot-a-list,x\n")
    assert_clean_failure(run("clean", str(bad), str(existing)), "bad.csv", "line 2", code=1)
    assert existing.read_text() == "keep me"
    for out, name in _bad_outputs(workdir):
        before = leftovers(workdir)
        assert_clean_failure(run("clean", str(raw), out), name, code=1)
        assert leftovers(workdir) == before


def test_clean_missing_and_directory_input(workdir):
    assert_clean_failure(run("clean", str(workdir / "nope.csv"), "o.csv"), "nope.csv", code=1)
    assert_clean_failure(run("clean", str(workdir), "o.csv"), "is a directory", code=1)
    assert leftovers(workdir) == []


# --- labels -------------------------------------------------------------------------------------
@pytest.mark.parametrize("content, names", [
    (f"labels\n\"{CODE}\"\n", ["line 2", "not a Python list literal"]),
    (f"labels\n\"[{CODE}]\"\n", ["line 2"]),
    ("labels\nhappy\n", ["line 2"]),
    ("labels\n\"{'a': 1}\"\n", ["line 2", "not a list"]),
    ("labels\n\"[1]\"\n", ["line 2"]),
    ("labels\n\"['']\"\n", ["line 2"]),
    ("labels\n\"['" + "[" * 5000 + "']\"\n", []),
    ("labels\n\"" + "[" * 5000 + "]" * 5000 + "\"\n", ["line 2"]),
    ("text\nx\n", ["'labels'"]),
    ("", ["'labels'"]),
    (b"labels\n['\xe9']\n", ["UTF-8"]),
    ("labels\n\"['ha\\x1b[2Jppy']\"\n", ["line 2", "control character"]),
    ("labels\n\"['a\\nb']\"\n", ["line 2", "control character"]),
])
def test_labels_hostile_file(workdir, content, names):
    path = write(workdir / "express.csv", content)
    result = run("labels", str(path))
    if not names:  # a legal (if odd) label: counted, and printed without raw escapes
        assert result.exit_code == 0
        return
    text = assert_clean_failure(result, str(path), *names, code=1)
    assert "\x1b[2J" not in text


def test_labels_missing_file_and_directory(workdir):
    assert_clean_failure(run("labels", str(workdir / "nope.csv")), "nope.csv", "no such file", code=1)
    assert_clean_failure(run("labels", str(workdir)), str(workdir), "directory", code=1)


# --- validate ------------------------------------------------------------------------------------
def test_validate_bad_directory_is_named(workdir):
    file = write(workdir / "file", "x")
    for directory in (workdir / "missing", file, workdir):
        assert_clean_failure(run("validate", "--dir", str(directory)), str(directory), "express-lexicon build")
    assert_clean_failure(run("validate", "--select", ",,,"), "--select", code=2)


# --- error messages never echo control characters raw ---------------------------------------------
def test_paths_with_control_characters_are_escaped(workdir):
    result = run("evaluate", "bad\x1b[2J.csv")
    text = assert_clean_failure(result, "bad\\x1b[2J.csv", code=1)
    assert "\x1b" not in text


def test_report_escapes_control_characters_of_the_data(workdir):
    path = write(workdir / "p.csv", 'gold,predicted\n"ha\x1b[31mppy","s\x1b[2Jad"\nsad,"line\nbreak"\n')
    result = run("evaluate", str(path), "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "line\\nbreak" in result.stdout
    assert "ha\\x1b[31mppy" in result.stdout
    data = json.loads(run("evaluate", str(path), "--bootstrap", "0", "--json").stdout)
    assert {s["label"] for s in data["per_label"]} == {"ha\x1b[31mppy", "sad"}  # the data itself is kept


@pytest.mark.parametrize("args, name", [
    (["clean", "raw\x00.csv", "o.csv"], "raw\\x00.csv"),
    (["clean", "raw.csv", "o\x00.csv"], "o\\x00.csv"),
    (["evaluate", "p\x00.csv"], "p\\x00.csv"),
    (["evaluate", "raw.csv", "--lexicon", "t\x00.csv"], "t\\x00.csv"),
    (["evaluate", "raw.csv", "--format", "paper", "--pred-column", "output", "--out", "o\x00.json"], "o\\x00.json"),
    (["labels", "l\x00.csv"], "l\\x00.csv"),
    (["validate", "--dir", "d\x00"], "d\\x00"),
    (["decompose", "joy", "--plot", "f\x00.png"], "f\\x00.png"),
], ids=["clean-in", "clean-out", "evaluate", "lexicon", "out", "labels", "validate", "plot"])
def test_nul_byte_in_a_path_is_named(workdir, args, name):
    """Python refuses paths with NUL (ValueError); the command says which one, without a traceback."""
    paper_csv(workdir / "raw.csv", [["['happy']", "happy"]], header=("labels", "output"))
    assert_clean_failure(run(*args), name, code=1)
    assert leftovers(workdir) == ["raw.csv"]


# --- a random fuzz: any argument in any position ----------------------------------------------------
COMMANDS = {
    "decompose": ["--json", "--csv", "--explain", "--strict", "--plot"],
    "compare": ["--json", "--plot"],
    "terms": ["--emotion", "--dyad", "--method", "--tier", "--source", "--min-confidence", "--limit"],
    "evaluate": ["--lexicon", "--gold-column", "--pred-column", "--format", "--skip-bad-rows", "--json", "--csv",
                 "--out", "--seed", "--sort-by", "--top", "--plot"],
    "clean": ["--output-column", "--label-column", "--skip-bad-rows"],
    "labels": ["--column", "--json"],
    "validate": ["--dir", "--select"],
    "info": ["--json"],
}


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(sorted(COMMANDS)).flatmap(lambda c: st.tuples(
    st.just(c), st.lists(st.one_of(st.sampled_from(HOSTILE_ARGS), st.sampled_from(COMMANDS[c]),
                                   st.text(max_size=8)), max_size=5))))
def test_random_arguments_never_crash(workdir, command_args):
    command, args = command_args
    before = set(leftovers(workdir))
    result = CliRunner().invoke(main, [command, *args], input=b"joy\n\xff\n")
    assert "Traceback" not in result.output and "internal error" not in result.output, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    if result.exit_code != 0:
        assert result.output.strip(), "a failure must say why"
    # nothing is written, except what a successful clean/evaluate --out/--plot asked for
    new = set(leftovers(workdir)) - before
    assert result.exit_code == 0 or not new, (args, new)
    assert not any(n.endswith(".tmp") for n in new)
    for name in new:
        p = workdir / name
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()


@pytest.fixture
def stocked(workdir: Path) -> Path:
    """``workdir`` holding one good file of every kind, a folder and a link to /dev/null."""
    paper_csv(workdir / "p.csv", GOOD_ROWS)
    paper_csv(workdir / "raw.csv", [["['happy']", "Happy."], ["['sad', 'angry']", "[sad, mad]"]], header=("labels", "output"))
    write(workdir / "pairs.csv", "gold,predicted\nhappy,joyful\nsad,\n")
    write(workdir / "p.jsonl", '{"gold": ["happy"], "predicted": ["joy"]}\n{"gold": "sad", "predicted": null}\n')
    write(workdir / "t.csv", "word," + ",".join(DIMENSIONS) + "\nhappy,0,0,0,0,1,0,0,1,1,0\n")
    (workdir / "adir").mkdir()
    (workdir / "null-link").symlink_to("/dev/null")
    return workdir


STOCK = ["p.csv", "raw.csv", "pairs.csv", "p.jsonl", "t.csv", "adir", "null-link", "missing.csv"]
OUTPUTS = ["o.json", "o.csv", "o.png", "o.svg", "o.txt", "o", "adir/o.json", "missing/o.json", "null-link"]


def _maybe(option: str, values) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [option, v]))


_good = st.sampled_from(["p.csv", "raw.csv", "pairs.csv", "p.jsonl"])
_anything = st.one_of(st.sampled_from(OUTPUTS), st.sampled_from(OUTPUTS), st.sampled_from(STOCK),
                      st.sampled_from(HOSTILE_ARGS))
_files = st.one_of(_good, _good, _good, st.sampled_from(STOCK), st.sampled_from(HOSTILE_ARGS))
_commands = st.one_of(
    st.tuples(st.just("evaluate"), st.lists(_files, min_size=1, max_size=2), _maybe("--lexicon", st.sampled_from(["t.csv", "t.csv", *STOCK, *HOSTILE_ARGS])),
              _maybe("--out", _anything), _maybe("--plot", _anything),
              st.lists(st.sampled_from(["--json", "--csv", "--skip-bad-rows"]), max_size=2, unique=True),
              _maybe("--format", st.sampled_from(["auto", "paper", "pairs", "jsonl", "xml"])),
              _maybe("--pred-column", st.sampled_from(["output", "predicted", "", "\x1b"])),
              _maybe("--bootstrap", st.sampled_from(["0", "5", "-1", "x", "99999999999"])),
              _maybe("--seed", st.sampled_from(["0", "-1", "1e3", "99999999999999999999999", "nan"])),
              _maybe("--top", st.sampled_from(["0", "-3", "999999999999"]))),
    st.tuples(st.just("clean"), st.lists(_anything, min_size=2, max_size=2),
              st.lists(st.sampled_from(["--skip-bad-rows"]), max_size=1),
              _maybe("--output-column", st.sampled_from(["output", "labels", "", "nope"]))),
    st.tuples(st.just("decompose"), st.lists(st.one_of(st.sampled_from(["joy", "-", "not happy"]),
                                                       st.sampled_from(HOSTILE_ARGS)), min_size=1, max_size=3),
              _maybe("--plot", _anything), st.lists(st.sampled_from(["--json", "--csv", "--explain", "--strict"]),
                                                    max_size=2, unique=True)),
    st.tuples(st.just("compare"), st.lists(st.sampled_from(["joy", "grief", "qwertyuiop", *HOSTILE_ARGS]),
                                           min_size=2, max_size=2), _maybe("--plot", _anything)),
    st.tuples(st.just("labels"), st.lists(_files, min_size=1, max_size=1),
              _maybe("--column", st.sampled_from(["labels", "output", "", "x"]))),
).map(lambda parts: [parts[0]] + [a for part in parts[1:] for a in part])


@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_commands)
def test_random_arguments_with_real_files_never_crash(stocked, argv):
    """Good files, bad files and output paths in any combination: a result or a clean error,
    and a failed command leaves every file as it was."""
    command, args = argv[0], argv[1:]
    before = {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else None) for p in stocked.iterdir()}
    result = CliRunner().invoke(main, [command, *args], input=b"joy\n\xff\n")
    assert "Traceback" not in result.output and "internal error" not in result.output, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert (stocked / "null-link").is_symlink() and Path("/dev/null").is_char_device()
    assert list((stocked / "adir").iterdir()) in ([], [stocked / "adir" / "o.json"])
    after = {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else None) for p in stocked.iterdir()}
    assert not any(name.endswith(".tmp") for name in after), after
    if result.exit_code != 0:
        assert after == before, (args, result.output)
    for name in set(after) - set(before):
        (stocked / name).unlink()
    for name, data in before.items():
        if data is not None:
            (stocked / name).write_bytes(data)
    for extra in (stocked / "adir").iterdir():
        extra.unlink()


# --- real processes: the console script (fast path) and python -m -----------------------------------
def _script() -> list[str]:
    beside = Path(sys.executable).with_name("express-lexicon")
    found = str(beside) if beside.exists() else shutil.which("express-lexicon")
    if not found:
        pytest.skip("the express-lexicon console script is not installed")
    return [found]


MODULE = [sys.executable, "-m", "express_lexicon"]


def process(command: list[str], args: list[str | bytes], *, stdin: bytes = b"", cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "EXPRESS_LEXICON_DEBUG"}
    environment.update(env or {})
    return subprocess.run([*command, *args], input=stdin, capture_output=True, timeout=120, cwd=cwd,
                          env=environment)


def assert_process_failure(proc: subprocess.CompletedProcess[bytes], *names: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode != 0, err
    assert "Traceback" not in err and "internal error" not in err, err
    for name in names:
        assert name in err, (name, err)
    return err


@pytest.mark.parametrize("command", [_script, lambda: MODULE], ids=["script", "python -m"])
def test_fast_path_output_equals_click(command):
    cmd = command()
    for terms in (["joy"], ["bittersweet", "not happy", "qwertyuiop"], ["Heartbroken!", "a mix of joy and fear"]):
        proc = process(cmd, ["decompose", *terms])
        assert proc.returncode == 0, proc.stderr
        clicked = run("decompose", *terms)
        assert ANSI.sub("", proc.stdout.decode("utf-8")) == ANSI.sub("", clicked.stdout)


@pytest.mark.parametrize("command", [_script, lambda: MODULE], ids=["script", "python -m"])
@pytest.mark.parametrize("term, what", [("", "empty"), (HUGE, "10050 characters"), ("sad\x07", "U+0007"),
                                        ("\x1b[2J", "U+001B"), (b"\xff\xfe", "U+DCFF")],
                         ids=["empty", "huge", "bell", "escape", "invalid-utf8"])
def test_fast_path_bad_argument(command, term, what):
    proc = process(command(), ["decompose", "joy", term])
    err = assert_process_failure(proc, "argument 2", what)
    assert proc.returncode == 1 and "\x1b[2J" not in err and len(err) < 1000
    clicked = run("decompose", "joy", term.decode("utf-8", "surrogateescape") if isinstance(term, bytes) else term)
    assert ANSI.sub("", proc.stdout.decode("utf-8")) == ANSI.sub("", clicked.stdout)
    assert process(command(), ["decompose", term]).stdout == b""  # nothing to print


@pytest.mark.parametrize("command", [_script, lambda: MODULE], ids=["script", "python -m"])
def test_process_invalid_utf8_on_stdin(command):
    proc = process(command(), ["decompose", "-"], stdin=b"joy\n\xff\xfe\n")
    assert_process_failure(proc, "stdin line 2", "UTF-8")
    assert proc.stdout == b""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_process_output_to_a_narrow_terminal_encoding(encoding):
    """Bars (█) and words a legacy encoding cannot show are replaced, not a traceback."""
    for args in (["decompose", "joy", "café"], ["decompose", "--explain", "joy"], ["compare", "joyé", "joy"]):
        proc = process(_script(), args, env={"PYTHONIOENCODING": encoding})
        err = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 0 and "Traceback" not in err and "internal error" not in err, (args, err)
        assert b"joy" in proc.stdout


def test_process_file_names_that_are_not_utf8(tmp_path):
    """Undecodable bytes in a file name (Python's surrogate escapes) never break the output,
    even on a strict UTF-8 stream (PYTHONIOENCODING=utf-8, as under an en_US.UTF-8 locale)."""
    try:
        (tmp_path / os.fsdecode(b"probe\xff")).touch()
    except OSError:
        pytest.skip("this file system only takes UTF-8 file names")
    raw = paper_csv(tmp_path / "raw.csv", [["['happy']", "Happy"]], header=("labels", "output"))
    env = {"PYTHONIOENCODING": "utf-8"}
    proc = process(_script(), ["clean", str(raw), b"o\xff.csv"], cwd=tmp_path, env=env)
    assert proc.returncode == 0 and b"o\\udcff.csv" in proc.stdout, proc.stderr
    assert (tmp_path / os.fsdecode(b"o\xff.csv")).exists()
    proc = process(_script(), ["evaluate", b"o\xff.csv", "--json", "--bootstrap", "0"], cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert b'"source": "o\xff.csv"' in proc.stdout  # the name as the bytes it came in as
    proc = process(_script(), ["evaluate", b"missing\xff.csv"], cwd=tmp_path, env=env)
    assert_process_failure(proc, "missing\\udcff.csv")


def test_process_never_runs_code_from_a_predictions_file(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", [["['happy']", CODE], [f"[{CODE}]", "['sad']"]])
    proc = process(_script(), ["evaluate", str(preds), "--skip-bad-rows", "--bootstrap", "0"], cwd=tmp_path)
    assert_process_failure(proc, "no usable rows", "line 2")
    proc = process(MODULE, ["labels", str(preds), "--column", "output_formatted"], cwd=tmp_path)
    assert_process_failure(proc, "line 2", "not a Python list literal")
    assert not (tmp_path / "PWNED").exists()


def test_process_unwritable_out(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", GOOD_ROWS)
    proc = process(_script(), ["evaluate", str(preds), "--json", "--out", "/nonexistent/dir/x.json"], cwd=tmp_path)
    assert_process_failure(proc, "/nonexistent/dir/x.json")
    assert proc.stdout == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


def test_query_file_path_with_a_nul_byte_is_a_usage_error():
    from click.testing import CliRunner

    from express_lexicon.cli import main

    result = CliRunner().invoke(main, ["query", "--file", "a\x00b.rq"])
    assert result.exit_code == 2 and "not a usable path" in result.output
    assert "Traceback" not in result.output
