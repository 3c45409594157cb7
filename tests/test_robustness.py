"""How robust a conclusion is to the decomposition source: tiny tables where numbers matter."""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from express_lexicon.cli import main
from express_lexicon.errors import ExpressLexiconError
from express_lexicon.evaluation import HEADLINE_METRICS, evaluate
from express_lexicon.predictions import INVALID
from express_lexicon.robustness import (
    RANKED_METRICS,
    SOURCE_INDEPENDENT,
    RobustnessReport,
    binary_decomposer,
    evaluate_robustness,
    kendall_tau_b,
)
from express_lexicon.sources.paper_table import PaperTable
from express_lexicon.theory import DIMENSIONS

HEADER = "word," + ",".join(DIMENSIONS)
JOY = "0,0,0,0,1,0,0,0,1,0"
SAD = "0,0,0,0,0,1,0,0,0,1"
# Table A reads "glad" as joy and "cheery" as sadness; table B the other way round.
TABLE_A = {"happy": JOY, "glad": JOY, "cheery": SAD}
TABLE_B = {"happy": JOY, "glad": SAD, "cheery": JOY}


def write_table(path: Path, rows: dict[str, str]) -> Path:
    path.write_text(HEADER + "\n" + "".join(f"{w},{v}\n" for w, v in rows.items()), encoding="utf-8")
    return path


def write_paper(path: Path, rows: list[tuple[list[str], list[str] | None]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["labels", "output_formatted", "number_of_labels"])
        for gold, pred in rows:
            w.writerow([repr(gold), INVALID if pred is None else repr(pred), len(gold)])
    return path


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    """Three models on ten 'happy' masks: x says glad, y cheery, z an unknown word."""
    return {
        "a": write_table(tmp_path / "a.csv", TABLE_A),
        "b": write_table(tmp_path / "b.csv", TABLE_B),
        "x": write_paper(tmp_path / "x.csv", [(["happy"], ["glad"])] * 10),
        "y": write_paper(tmp_path / "y.csv", [(["happy"], ["cheery"])] * 10),
        "z": write_paper(tmp_path / "z.csv", [(["happy"], ["meh"])] * 10),
    }


@pytest.fixture
def report(setup) -> RobustnessReport:
    return evaluate_robustness([setup["x"], setup["y"], setup["z"]], lexicons=[setup["a"], setup["b"]],
                               decomposer=False, binary=False, bootstrap=100)


# --- Kendall's tau-b ------------------------------------------------------------------------
def test_kendall_tau_b_known_values():
    assert kendall_tau_b([1, 2, 3], [1, 2, 3]) == 1.0
    assert kendall_tau_b([1, 2, 3], [3, 2, 1]) == -1.0
    assert kendall_tau_b([1, 2, 3], [1, 3, 2]) == pytest.approx(1 / 3)
    # The worked example of ties: x = (1, 0, 0), y = (0, 1, 0): C 0, D 1, one tie each side.
    assert kendall_tau_b([1, 0, 0], [0, 1, 0]) == pytest.approx(-0.5)


def test_kendall_tau_b_agrees_with_pandas_on_ties():
    rng = random.Random(1945)
    for _ in range(200):
        n = rng.randint(2, 9)
        x = [rng.choice([0.1, 0.2, 0.3, 0.4]) for _ in range(n)]
        y = [rng.choice([0.1, 0.2, 0.3]) for _ in range(n)]
        expected = pd.DataFrame({"x": x, "y": y}).corr(method="kendall").loc["x", "y"]
        got = kendall_tau_b(x, y)
        assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected), (x, y)


def test_kendall_tau_b_undefined_and_bad_input():
    assert math.isnan(kendall_tau_b([1], [2]))
    assert math.isnan(kendall_tau_b([1, 1, 1], [1, 2, 3]))  # every item tied on one side
    assert kendall_tau_b([1, 2, float("nan"), 3], [1, 2, 5, 3]) == 1.0  # NaN pairs left out
    with pytest.raises(ValueError, match="equal length"):
        kendall_tau_b([1, 2], [1])


# --- the analysis ---------------------------------------------------------------------------
def test_values_under_each_source_and_the_reversed_pair(report: RobustnessReport):
    assert report.sources == ("a.csv", "b.csv") and report.models == ("x.csv", "y.csv", "z.csv")
    f1 = report.values("f1_vector")
    assert f1["a.csv"] == {"x.csv": 1.0, "y.csv": 0.0, "z.csv": 0.0}
    assert f1["b.csv"] == {"x.csv": 0.0, "y.csv": 1.0, "z.csv": 0.0}
    assert report.ranking("f1_vector", "a.csv")[0] == "x.csv"
    assert report.ranking("f1_vector", "b.csv")[0] == "y.csv"
    agreement = report.agreement("f1_vector", "a.csv", "b.csv")
    assert agreement.kendall_tau == pytest.approx(-0.5)
    assert agreement.swapped == (("x.csv", "y.csv"),)
    assert set(agreement.tied) == {("x.csv", "z.csv"), ("y.csv", "z.csv")}
    assert not report.stable("f1_vector") and report.stable("acc_lexical")


def test_source_independent_metrics_are_equal_under_every_source(report: RobustnessReport):
    for metric in SOURCE_INDEPENDENT:
        values = report.values(metric)
        assert values["a.csv"] == values["b.csv"]
    assert set(report.vector_metrics) == set(HEADLINE_METRICS) - SOURCE_INDEPENDENT - {"intensity_bias"}


def test_json_has_stable_keys(report: RobustnessReport):
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert set(data) == {"sort_by", "reference", "sources", "models", "metrics"}
    assert data["reference"] == "a.csv" and [s["name"] for s in data["sources"]] == ["a.csv", "b.csv"]
    assert set(data["models"][0]) == {"name", "source", "n_rows", "n_masks", "n_invalid"}
    assert set(data["metrics"]) == set(RANKED_METRICS) == set(HEADLINE_METRICS) - {"intensity_bias"}
    f1 = data["metrics"]["f1_vector"]
    assert set(f1) == {"depends_on_source", "higher_is_better", "values", "ci", "ranking", "agreement", "stable"}
    assert f1["values"]["b.csv"]["y.csv"] == 1.0 and f1["ranking"]["b.csv"][0] == "y.csv"
    (pair,) = f1["agreement"]
    assert pair["sources"] == ["a.csv", "b.csv"] and pair["kendall_tau"] == pytest.approx(-0.5)
    assert pair["swapped"] == [["x.csv", "y.csv"]] and f1["stable"] is False
    assert data["metrics"]["vrate"]["depends_on_source"] is False
    assert len(f1["ci"]["a.csv"]["x.csv"]) == 2


def test_text_table_shows_values_tau_and_swaps(report: RobustnessReport):
    text = report.render()
    assert "2 decomposition sources" in text and "[1]  a.csv" in text and "[2]  b.csv" in text
    assert "ranking by F1V changes from a.csv under b.csv (τ = -0.50; reversed x.csv ↔ y.csv" in text
    block = text[text.index("F1V (vector F1"):].split("\n\n")[0].splitlines()
    assert block[2].split() == ["x.csv", "1.0000", "0.0000"]
    assert block[3].split() == ["y.csv", "0.0000", "1.0000"]
    assert "Kendall τ with [1]" in block[5] and block[5].split()[-1] == "-0.50"
    assert "changes under [2]: reversed x.csv ↔ y.csv; tied under one source only: " in block[6]
    assert [li for li in text.splitlines() if li != li.rstrip()] == []
    assert str(report) == text and "<pre" in report._repr_html_()


def test_a_stable_ranking_says_so(setup, tmp_path: Path):
    same = write_table(tmp_path / "same.csv", TABLE_A)
    r = evaluate_robustness([setup["x"], setup["y"]], lexicons=[setup["a"], same], decomposer=False,
                            binary=False, bootstrap=0)
    assert r.verdict() == "ranking by F1V: the same under every source"
    assert all(r.stable(m) for m in RANKED_METRICS)


def test_default_sources_are_the_decomposer_and_its_binary_form(setup):
    r = evaluate_robustness([setup["x"], setup["y"]], lexicons=[setup["a"]], bootstrap=0)
    assert r.sources == ("decomposer", "decomposer-binary", "a.csv")
    assert "binary" in r.descriptions[1]
    # The binary source scores like a paper table made of the decomposer's 0/1 vectors.
    binary = binary_decomposer()
    words = ["happy", "glad", "cheery"]
    table = PaperTable.from_rows(zip(words, np.asarray(binary.binary_vectors(words), dtype=int).tolist()))
    expected = evaluate(setup["x"], lexicon=table, bootstrap=0)
    for metric in RANKED_METRICS:
        got, want = r.values(metric)["decomposer-binary"]["x.csv"], expected.metrics[metric]
        assert got == pytest.approx(want) or (math.isnan(got) and math.isnan(want)), metric


def test_bad_arguments(setup):
    with pytest.raises(ExpressLexiconError, match="at least two decomposition sources"):
        evaluate_robustness([setup["x"]], lexicons=[setup["a"]], decomposer=False, binary=False)
    with pytest.raises(ExpressLexiconError, match="unknown metric"):
        evaluate_robustness([setup["x"]], sort_by="nope")
    with pytest.raises(ExpressLexiconError, match="no predictions"):
        evaluate_robustness([])


def test_plot_has_a_panel_per_metric_with_a_line_per_model(report: RobustnessReport, tmp_path: Path):
    pytest.importorskip("matplotlib")
    fig = report.plot()
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titles) == len(report.vector_metrics)
    f1_panel = next(ax for ax in fig.axes if ax.get_title().startswith("F1V"))
    assert "the order changes" in f1_panel.get_title() and "min τ -0.50" in f1_panel.get_title()
    assert len(f1_panel.get_lines()) >= len(report.models)
    assert [t.get_text() for t in f1_panel.get_xticklabels()] == ["a.csv", "b.csv"]


# --- the command line -----------------------------------------------------------------------
def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_lexicon_twice_scores_under_every_source(setup, tmp_path: Path):
    args = [str(setup["x"]), str(setup["y"]), "--lexicon", str(setup["a"]), "--lexicon", str(setup["b"]),
            "--bootstrap", "50"]
    result = run("evaluate", *args)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "robustness of conclusions: 2 model(s) under 4 decomposition sources" in out
    assert "[1]  decomposer" in out and "[2]  decomposer-binary" in out and "[4]  b.csv" in out
    assert "x.csv ↔ y.csv" in out
    data = json.loads(run("evaluate", *args, "--json").output)
    assert [s["name"] for s in data["sources"]] == ["decomposer", "decomposer-binary", "a.csv", "b.csv"]
    pair = next(a for a in data["metrics"]["f1_vector"]["agreement"] if a["sources"] == ["a.csv", "b.csv"])
    assert pair["kendall_tau"] == -1.0 and pair["swapped"] == [["x.csv", "y.csv"]]
    rows = list(csv.DictReader(run("evaluate", *args, "--csv").output.splitlines()))
    assert {r["lexicon"] for r in rows} == {"decomposer", "decomposer-binary", "a.csv", "b.csv"}
    assert len(rows) == 4 * 20


def test_cli_robustness_flag_and_plot(setup, tmp_path: Path):
    pytest.importorskip("matplotlib")
    picture = tmp_path / "robust.png"
    result = run("evaluate", str(setup["x"]), str(setup["y"]), "--robustness", "--plot", str(picture),
                 "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    assert "under 2 decomposition sources" in result.output and picture.stat().st_size > 1000
