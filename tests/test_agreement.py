"""Agreement with gold word lists: ties split credit, neutral words, bad rows named by line,
the side-by-side table, the CLI's text and JSON, and the shipped validation lists."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from express_lexicon import decomposer
from express_lexicon.agreement import GoldRow, agreement, parse_gold, read_gold
from express_lexicon.cli import main
from express_lexicon.decomposer import Lexicon
from express_lexicon.errors import ResourceFormatError
from express_lexicon.sources.paper_table import PaperTable
from express_lexicon.theory import EMOTIONS

DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "agreement_gold.tsv"
TABLE = DATA / "agreement_table.csv"
VALIDATION = Path(__file__).resolve().parents[1] / "benchmarks" / "validation"


@pytest.fixture
def lexicon() -> Lexicon:
    """A decomposer over eight hand-written terms (tests/data/agreement_terms.tsv), so the
    figures do not move when the shipped ontology is rebuilt."""
    return Lexicon.from_text((DATA / "agreement_terms.tsv").read_text("utf-8"), origin="agreement_terms.tsv")


@pytest.fixture
def fixture_default(lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> Lexicon:
    """The fixture lexicon stands in for the shipped one (what the CLI uses)."""
    monkeypatch.setattr(decomposer, "default_lexicon", lambda: lexicon)
    return lexicon


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write(tmp_path: Path, text: str, name: str = "gold.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the figures -------------------------------------------------------------------------
def test_fixture_figures(lexicon):
    report = agreement(GOLD, lexicon=lexicon)
    s = report.source("decomposer")
    assert (len(report.rows), s.n_emotion, s.n_neutral) == (10, 7, 3)
    # hungry has only a sentiment: known (method lexicon) but no strongest emotion
    assert s.n_known == 6 and s.coverage == pytest.approx(6 / 7)
    # joy 1 + rage 1 + love 0.5 (tie) + furious 1 (tie, both expected) + nostalgic 1 + hungry 0 + unknown 0
    assert s.agreement == pytest.approx(4.5 / 7)
    assert s.agreement_known == pytest.approx(4.5 / 6)
    assert (s.n_neutral_correct, s.neutral_agreement) == (2, pytest.approx(2 / 3))


def test_a_tie_at_the_top_splits_the_credit(lexicon):
    outcomes = {o.word: o for o in agreement(GOLD, lexicon=lexicon).source("decomposer").outcomes}
    assert outcomes["love"].strongest == ("joy", "trust")
    assert outcomes["love"].credit == 0.5
    assert outcomes["furious"].strongest == ("anger", "disgust")
    assert outcomes["furious"].credit == 1.0  # both tied emotions are expected
    assert outcomes["nostalgic"].strongest == ("sadness",)  # 0.7 beats joy's 0.5: no tie
    assert outcomes["nostalgic"].credit == 1.0


def test_unknown_and_emotionless_words_get_no_credit(lexicon):
    outcomes = {o.word: o for o in agreement(GOLD, lexicon=lexicon).source("decomposer").outcomes}
    unknown, hungry = outcomes["qwertyuiop"], outcomes["hungry"]
    assert (unknown.known, unknown.method, unknown.strongest, unknown.credit) == (False, "unknown", (), 0.0)
    assert (hungry.known, hungry.strongest, hungry.credit) == (True, (), 0.0)


def test_neutral_rows_agree_below_the_binary_threshold_or_when_unknown(lexicon):
    report = agreement(GOLD, lexicon=lexicon)
    outcomes = {o.word: o for o in report.source("decomposer").outcomes}
    assert report.threshold == 0.3
    assert outcomes["calm"].neutral and outcomes["calm"].agrees  # trust 0.2 < 0.3
    assert outcomes["zzyzx"].neutral and outcomes["zzyzx"].agrees  # empty expected, unknown word
    assert not outcomes["spoon"].agrees and outcomes["spoon"].present == ("joy",)  # joy 0.5
    assert [o.word for o in report.source("decomposer").misses] == ["love", "hungry", "qwertyuiop", "spoon"]


def test_the_table_scores_its_marked_emotions_as_tied(lexicon):
    report = agreement(GOLD, lexicon=lexicon, table=TABLE)
    assert [s.name for s in report.sources] == ["decomposer", "table"]
    t = report.source("table")
    outcomes = {o.word: o for o in t.outcomes}
    assert outcomes["joy"].strongest == ("anticipation", "joy", "trust")
    assert outcomes["joy"].credit == pytest.approx(1 / 3)
    assert outcomes["nostalgic"].method == "unknown" and not outcomes["nostalgic"].known
    assert t.n_known == 4 and t.coverage == pytest.approx(4 / 7)
    assert t.agreement == pytest.approx((1 / 3 + 3) / 7)
    assert t.neutral_agreement == 1.0  # calm: sentiment only; spoon: all zero; zzyzx: absent
    with pytest.raises(KeyError, match="no source 'other'"):
        report.source("other")


def test_rows_in_memory_and_normalised_table_lookup(lexicon):
    table = PaperTable.load(TABLE)
    report = agreement([("Rage", "ANGER"), ("love", ["joy", "trust"]), GoldRow("spoon", ()), ("calm", None)],
                       lexicon=lexicon, table=table)
    assert report.gold == "<rows>"
    assert [r.line for r in report.rows] == [1, 2, 3, 4]
    t = report.source("table")
    assert t.outcomes[0].strongest == ("anger",)  # "Rage" is not in the table; "rage" is
    assert report.source("decomposer").agreement == 1.0
    with pytest.raises(ResourceFormatError, match=r"<rows>, row 2: unknown emotion 'happy'"):
        agreement([("joy", "joy"), ("glad", "happy")], lexicon=lexicon)
    with pytest.raises(ResourceFormatError, match=r"<rows>, row 1: expected a GoldRow"):
        agreement([["joy", "joy"]], lexicon=lexicon)


def test_nothing_to_measure_is_undefined_not_zero(lexicon):
    s = agreement([("calm", "none")], lexicon=lexicon).source("decomposer")
    assert s.n_emotion == 0 and math.isnan(s.coverage) and math.isnan(s.agreement)
    assert s.to_dict()["coverage"] is None and s.neutral_agreement == 1.0


def test_the_shipped_decomposer_is_the_default():
    # Theory names and a non-word: stable whatever the next ontology build gives.
    s = agreement([("joy", "joy"), ("qwertyuiop", "fear")]).source("decomposer")
    assert (s.n_known, s.agreement) == (1, 0.5)


# --- reading gold files --------------------------------------------------------------------
def test_header_comments_and_blank_lines_are_skipped(tmp_path):
    rows = read_gold(write(tmp_path, "\ufeff# source\n\n  # indented comment\nnostalgic\tJoy | sadness\r\nchair\tnone\n"))
    assert rows == (GoldRow("nostalgic", ("joy", "sadness"), 4), GoldRow("chair", (), 5))
    assert parse_gold("Word\tExpected\njoy\tjoy\n")[0].line == 2


@pytest.mark.parametrize(("text", "message"), [
    ("joy\tjoy\nsad sadness\n", r"line 2: expected 2 tab-separated fields \(word<TAB>expected\), found 1"),
    ("joy\tjoy\textra\n", r"line 1: expected 2 tab-separated fields .*found 3"),
    ("# c\njoy\tjoy\nglad\thappy\n", r"line 3: unknown emotion 'happy' for 'glad'; expected one or more of anger"),
    ("joy\tjoy|none\n", r"line 1: 'none' cannot be combined with emotions \(joy\)"),
    ("joy\tjoy\n\x1b[2J\tjoy\n", r"line 2: term contains control character U\+001B"),
    ("joy\tjoy\n\tjoy\n", r"line 2: term is empty after normalisation"),
    ("joy\tjoy\n123\tjoy\n", r"line 2: term has no letters"),
    ("joy\tjoy\nJoy\tjoy\n", r"line 2: 'Joy' is already listed on line 1"),
    ("word\texpected\njoy\tjoy\nword\texpected\n", r"line 3: unknown emotion 'expected'"),
    ("# only a comment\n\n", r"no gold rows"),
])
def test_bad_rows_are_named_by_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ResourceFormatError, match=rf"^{str(path)!s}(, |: ){message}"):
        read_gold(path)


def test_unreadable_gold_files(tmp_path):
    with pytest.raises(ResourceFormatError, match="cannot read gold file"):
        read_gold(tmp_path / "missing.tsv")
    (tmp_path / "latin1.tsv").write_bytes(b"joy\tjoy\ncaf\xe9\tjoy\n")
    with pytest.raises(ResourceFormatError, match=r"latin1.tsv, line 2: not valid UTF-8"):
        read_gold(tmp_path / "latin1.tsv")


# --- the command ---------------------------------------------------------------------------
def test_cli_text_table(fixture_default):
    result = run("agreement", str(GOLD))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "10 rows: 7 with emotions, 3 neutral" in out
    coverage = next(line for line in out.splitlines() if line.startswith("coverage"))
    assert "6/7" in coverage and "0.8571" in coverage
    assert "0.6429" in next(line for line in out.splitlines() if line.startswith("strongest-emotion"))
    assert "2/3" in next(line for line in out.splitlines() if line.startswith("neutral rows"))
    misses = out[out.index("misses: decomposer"):]
    love = next(line for line in misses.splitlines() if " love " in line)
    assert love.split()[1:] == ["love", "joy", "joy|trust", "0.70", "theory", "0.50"]
    assert " spoon " in misses and " rage " not in misses
    assert "table" not in out


def test_cli_json_keys(fixture_default):
    result = run("agreement", str(GOLD), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["gold", "threshold", "n_rows", "n_emotion_rows", "n_neutral_rows", "sources"]
    assert list(data["sources"]) == ["decomposer"]
    d = data["sources"]["decomposer"]
    assert list(d) == ["description", "n_emotion_rows", "n_known", "coverage", "agreement", "agreement_known",
                       "n_neutral_rows", "n_neutral_correct", "neutral_agreement", "n_misses", "misses"]
    assert (d["n_known"], d["coverage"], d["agreement"]) == (6, round(6 / 7, 6), round(4.5 / 7, 6))
    assert d["misses"][0] == {"line": 7, "word": "love", "expected": ["joy"], "got": ["joy", "trust"],
                              "score": 0.7, "method": "theory", "credit": 0.5}
    assert d["misses"][-1]["expected"] == [] and d["misses"][-1]["word"] == "spoon"


def test_cli_lexicon_side_by_side(fixture_default):
    result = run("agreement", str(GOLD), "--lexicon", str(TABLE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    header = next(line for line in out.splitlines() if line.strip().startswith("decomposer"))
    assert header.split() == ["decomposer", "table"]
    coverage = next(line for line in out.splitlines() if line.startswith("coverage"))
    assert coverage.split()[-4:] == ["6/7", "0.8571", "4/7", "0.5714"]
    assert "misses: table (4 of 10 rows)" in out
    data = json.loads(run("agreement", str(GOLD), "--lexicon", str(TABLE), "--json").stdout)
    assert list(data["sources"]) == ["decomposer", "table"]
    assert data["sources"]["table"]["neutral_agreement"] == 1.0


def test_cli_bad_row_is_one_line_naming_the_line(tmp_path, fixture_default):
    path = write(tmp_path, "# header comment\njoy\tjoy\nglad\thappiness\n")
    result = run("agreement", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {path}, line 3: unknown emotion 'happiness'")


def test_cli_bad_inputs_exit_1_without_traceback(tmp_path, fixture_default):
    for args in (["agreement", str(tmp_path / "missing.tsv")],
                 ["agreement", str(GOLD), "--lexicon", str(tmp_path / "missing.csv")],
                 ["agreement", str(tmp_path)]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.output
    bad_table = write(tmp_path, "word,joy\nx,1\n", "table.csv")
    result = run("agreement", str(GOLD), "--lexicon", str(bad_table))
    assert result.exit_code == 1 and "header lacks column(s)" in result.stderr


def test_cli_shows_control_characters_escaped(tmp_path, fixture_default):
    path = write(tmp_path, "joy\tjoy\nqwerty\u200buiop\tfear\n")  # a zero-width space: invalid term
    result = run("agreement", str(path))
    assert result.exit_code == 1 and "\u200b" not in result.stderr and "line 2" in result.stderr


# --- the validation lists shipped in benchmarks/ ------------------------------------------
@pytest.mark.parametrize("name", ["shaver1987.tsv", "goemotions_ekman.tsv", "neutral_swadesh.tsv",
                                  "neutral_ogden.tsv"])
def test_validation_lists_are_well_formed_gold_files(name):
    path = VALIDATION / name
    rows = read_gold(path)
    head = path.read_text("utf-8").splitlines()[0]
    assert head.startswith("#")  # every list starts by naming its source
    if name.startswith("neutral"):
        assert all(r.neutral for r in rows)
    else:
        assert not any(r.neutral for r in rows if r.word != "neutral")
    expected_sizes = {"shaver1987.tsv": 135, "goemotions_ekman.tsv": 28, "neutral_ogden.tsv": 200}
    if name in expected_sizes:
        assert len(rows) == expected_sizes[name]


def test_intensity_pairs_are_well_formed():
    lines = [line for line in (VALIDATION / "intensity_pairs.tsv").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[0].split("\t") == ["weaker", "stronger", "emotion", "evidence"]
    pairs = [line.split("\t") for line in lines[1:]]
    assert all(len(p) == 4 and p[3].strip() for p in pairs)
    assert {p[2] for p in pairs} == set(EMOTIONS)  # every emotion is covered
    assert len({(p[0], p[1]) for p in pairs}) == len(pairs) >= 40
