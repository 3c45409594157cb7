"""Corpus evaluation: the paper's five numbers by hand, a cross-check with the paper's loop,
the project's graded metrics, confidence intervals, model comparison and the CLI."""

from __future__ import annotations

import ast
import csv
import json
import os
import random
import sys
import types
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from express_lexicon import evaluation as E
from express_lexicon.cli import main
from express_lexicon.errors import ExpressLexiconError, PredictionsFormatError, ResourceFormatError
from express_lexicon.evaluation import compare_reports, evaluate, evaluate_many
from express_lexicon.predictions import INVALID, Predictions
from express_lexicon.sources.paper_table import PaperTable
from express_lexicon.theory import DIMENSIONS

# The paper's table: in $EXPRESS_REFERENCE_DIR, else in shared/express-reference beside the
# checkout (as the ``reference_dir`` fixture of conftest.py finds the other reference files).
REFERENCE = Path(os.environ.get("EXPRESS_REFERENCE_DIR", "").strip()
                 or Path(__file__).resolve().parents[2] / "shared" / "express-reference") / "lexicon-decomposition.csv"

HEADER = "word," + ",".join(DIMENSIONS)
# anger,anticipation,disgust,fear,joy,sadness,surprise,trust,positive,negative
TABLE_ROWS = [
    "happy,0,1,0,0,1,0,0,1,1,0",          # anticipation joy trust positive
    "joyful,0.0,0.0,0.0,0.0,1.0,0.0,0.0,1.0,1.0,0.0",  # joy trust positive
    "sad,0,0,0,0,0,1,0,0,0,1",            # sadness negative
    "angry,1,0,1,0,0,0,0,0,0,1",          # anger disgust negative
    "furious,1,0,1,0,0,0,0,0,0,1",        # same vector as angry
    "scared,0,0,0,1,0,0,0,0,0,1",         # fear negative
]


def write_table(tmp_path: Path) -> Path:
    path = tmp_path / "table.csv"
    path.write_text(HEADER + "\n" + "\n".join(TABLE_ROWS) + "\n", encoding="utf-8")
    return path


def write_paper(path: Path, rows: Sequence[tuple[list[str], list[str] | None]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["labels", "output_formatted", "number_of_labels"])
        for gold, pred in rows:
            w.writerow([repr(gold), INVALID if pred is None else repr(pred), len(gold)])
    return path


HAND_ROWS: list[tuple[list[str], list[str] | None]] = [
    (["happy", "scared"], ["joyful", "scared"]),
    (["sad"], None),
    (["angry"], ["furious"]),
    (["bored", "sad"], ["meh", "happy"]),  # 'bored' and 'meh' are not in the table
]


@pytest.fixture
def table_path(tmp_path: Path) -> Path:
    return write_table(tmp_path)


@pytest.fixture
def hand_file(tmp_path: Path) -> Path:
    return write_paper(tmp_path / "hand.csv", HAND_ROWS)


def test_the_five_paper_numbers_by_hand(hand_file: Path, table_path: Path) -> None:
    r = evaluate(hand_file, lexicon=table_path)
    # 4 rows, 6 masks; row 2 is INVALID OUTPUT.
    assert (r.n_rows, r.n_masks, r.n_invalid, r.n_valid_masks) == (4, 6, 1, 5)
    # VRate = 3 valid rows / 4 rows
    assert r.vrate == pytest.approx(3 / 4, abs=1e-15)
    # AccL: only scared==scared matches lexically -> 1 / 6 masks (the invalid row's mask counts as wrong)
    assert r.acc_lexical == pytest.approx(1 / 6, abs=1e-15)
    # AccV: scared/scared, angry/furious (same vector) and bored/meh (both unknown -> both all-zero,
    # the paper's weakness) have identical vectors -> 3 / 6
    assert r.acc_vector == pytest.approx(3 / 6, abs=1e-15)
    # F1V over the 5 masks of valid rows:
    #   happy/joyful: TP 3, FP 0, FN 1 -> 6/7;  scared/scared 1;  angry/furious 1;
    #   bored/meh: gold empty -> 0;  sad/happy: TP 0 -> 0
    #   (6/7 + 1 + 1 + 0 + 0) / 5 = (20/7) / 5 = 4/7
    assert r.f1_vector == pytest.approx(4 / 7, abs=1e-15)
    # AccV-2 over the same 5 masks: happy/joyful differ on anticipation only -> 0.9;
    #   scared 1.0; angry/furious 1.0; bored/meh 1.0;
    #   sad/happy differ on anticipation, joy, sadness, trust, positive, negative -> 0.4
    #   (0.9 + 1 + 1 + 1 + 0.4) / 5 = 4.3 / 5 = 0.86
    assert r.acc_vector_dims == pytest.approx(0.86, abs=1e-15)


def paper_reference_loop(pred_path: Path, table_path: Path) -> dict[str, float]:
    """A plain re-implementation of the paper's evaluation loop (no numpy, no sklearn).

    Like the paper's code, it scans the whole table for every word.
    """
    with table_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        table = [(row[0], [int(float(x)) for x in row[1:11]]) for row in reader]

    def lookup(word: str) -> list[int]:
        for w, v in table:
            if w == word:
                return v
        return [0] * 10

    def f1(gold: list[int], pred: list[int]) -> float:  # sklearn f1_score, zero_division=0
        tp = sum(1 for g, p in zip(gold, pred) if g and p)
        fp = sum(1 for g, p in zip(gold, pred) if not g and p)
        fn = sum(1 for g, p in zip(gold, pred) if g and not p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    rows = valid_rows = masks = lex = vec = 0
    f1s: list[float] = []
    dims: list[float] = []
    with pred_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels = ast.literal_eval(row["labels"])
            rows += 1
            masks += len(labels)
            if row["output_formatted"] == "INVALID OUTPUT":
                continue
            valid_rows += 1
            outputs = ast.literal_eval(row["output_formatted"])
            for gold_word, pred_word in zip(labels, outputs):
                g, p = lookup(gold_word), lookup(pred_word)
                lex += gold_word == pred_word
                vec += g == p
                f1s.append(f1(g, p))
                dims.append(sum(1 for a, b in zip(g, p) if a == b) / 10)
    return {
        "vrate": valid_rows / rows,
        "acc_lexical": lex / masks,
        "acc_vector": vec / masks,
        "f1_vector": sum(f1s) / len(f1s),
        "acc_vector_dims": sum(dims) / len(dims),
    }


def test_reference_loop_agrees_with_the_hand_numbers(hand_file: Path, table_path: Path) -> None:
    ref = paper_reference_loop(hand_file, table_path)
    r = evaluate(hand_file, lexicon=table_path)
    for key, value in ref.items():
        assert r.metrics[key] == pytest.approx(value, rel=1e-12, abs=1e-15), key


@pytest.mark.skipif(not REFERENCE.exists(), reason="EXPRESS reference table not found (set EXPRESS_REFERENCE_DIR)")
def test_paper_numbers_match_the_paper_loop_on_the_reference_table(tmp_path: Path) -> None:
    with REFERENCE.open(encoding="utf-8") as handle:
        words = [line.split(",", 1)[0] for line in handle][1:]
    rng = random.Random(2024)
    pool = words[:600] + ["notaword", "Happy", "bitter sweet"]
    rows: list[tuple[list[str], list[str] | None]] = []
    for _ in range(120):
        gold = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.1:
            rows.append((gold, None))
        else:
            rows.append((gold, [g if rng.random() < 0.3 else rng.choice(pool) for g in gold]))
    path = write_paper(tmp_path / "random.csv", rows)
    ref = paper_reference_loop(path, REFERENCE)
    r = evaluate(path, lexicon=REFERENCE)
    for key, value in ref.items():
        assert r.metrics[key] == pytest.approx(value, rel=1e-12, abs=1e-15), key


# --- the project's own metrics and vector sources --------------------------------------------
class FakeLexicon:
    """A stand-in for the project's decomposer: graded vectors, binarised at 0.5."""

    def __init__(self) -> None:
        def v(**kw: float) -> np.ndarray:
            a = np.zeros(10)
            for k, x in kw.items():
                a[DIMENSIONS.index(k)] = x
            return a

        self.table = {
            "annoyed": v(anger=0.4, negative=0.4),
            "furious": v(anger=1.0, negative=1.0),
            "glad": v(joy=0.7, positive=0.7),
            "content": v(joy=0.4, trust=0.4, positive=0.4),
            "gloomy": v(sadness=0.7, negative=0.7),
        }

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        return np.array([self.table.get(w, np.zeros(10)) for w in words]).reshape(len(words), 10)

    def binary_vectors(self, words: Sequence[str]) -> np.ndarray:
        return self.vectors(words) >= 0.5


def test_graded_metrics_use_the_sources_intensities(tmp_path: Path) -> None:
    path = write_paper(tmp_path / "p.csv", [(["annoyed"], ["furious"]), (["glad"], ["gloomy"])])
    r = evaluate(path, lexicon=FakeLexicon())
    # annoyed (anger 0.4) vs furious (anger 1.0): same direction, different intensity
    # glad (joy) vs gloomy (sadness): opposite petals
    assert r.metrics["cosine_similarity"] == pytest.approx((1.0 + 0.0) / 2)
    assert r.metrics["wheel_similarity"] == pytest.approx((1.0 + 0.0) / 2)
    assert r.metrics["intensity_abs_diff"] == pytest.approx((0.6 + 0.0) / 2)
    assert r.metrics["intensity_bias"] == pytest.approx((0.6 + 0.0) / 2)
    assert r.metrics["sentiment_agreement"] == pytest.approx(0.5)
    assert r.metrics["dominant_agreement"] == pytest.approx(0.5)
    # binary: annoyed has no dimension >= 0.5 -> F1 0; glad/gloomy share nothing -> 0
    assert r.f1_vector == 0.0
    assert r.lexicon == "FakeLexicon"


def test_default_lexicon_comes_from_the_decomposer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = types.ModuleType("express_lexicon.decomposer")
    fake.default_lexicon = FakeLexicon  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "express_lexicon.decomposer", fake)
    path = write_paper(tmp_path / "p.csv", [(["glad"], ["glad"])])
    r = evaluate(path)
    assert r.lexicon == "express-lexicon decomposer"
    assert r.acc_vector == 1.0


def test_missing_decomposer_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "express_lexicon.decomposer", None)
    path = write_paper(tmp_path / "p.csv", [(["glad"], ["glad"])])
    with pytest.raises(ExpressLexiconError, match="--lexicon"):
        evaluate(path)


def test_bad_lexicon_arguments(hand_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ExpressLexiconError, match="lexicon must be"):
        evaluate(hand_file, lexicon=42)
    with pytest.raises(ResourceFormatError, match="nope.csv"):
        evaluate(hand_file, lexicon=tmp_path / "nope.csv")


def test_in_memory_predictions_and_table() -> None:
    table = PaperTable.from_rows([("glad", [0, 0, 0, 0, 1, 0, 0, 0, 1, 0]), ("sad", [0, 0, 0, 0, 0, 1, 0, 0, 0, 1])])
    preds = Predictions.from_rows([("glad", "glad"), ("sad", "glad"), ("sad", None)])
    r = evaluate(preds, lexicon=table)
    assert (r.n_rows, r.n_masks, r.n_invalid) == (3, 3, 1)
    assert r.acc_lexical == pytest.approx(1 / 3)


# --- report contents -------------------------------------------------------------------------
def test_report_dict_has_the_stable_keys(hand_file: Path, table_path: Path) -> None:
    d = evaluate(hand_file, lexicon=table_path).to_dict()
    for key in ("vrate", "acc_lexical", "acc_vector", "f1_vector", "acc_vector_dims", "n_rows", "n_masks",
                "n_invalid", "n_skipped", "cosine_similarity", "wheel_similarity", "intensity_abs_diff",
                "sentiment_agreement", "ci", "per_dimension", "per_label", "confusion"):
        assert key in d, key
    assert set(d["ci"]) == set(E.HEADLINE_METRICS)
    assert list(d["per_dimension"]) == list(DIMENSIONS)
    json.dumps(d, allow_nan=False)  # strictly valid JSON


def test_per_label_breakdown_names_the_hardest_labels(hand_file: Path, table_path: Path) -> None:
    r = evaluate(hand_file, lexicon=table_path)
    by_label = {s.label: s for s in r.per_label}
    assert by_label["sad"].count == 2 and by_label["sad"].n_invalid == 1
    assert by_label["sad"].top_prediction == "happy"
    assert by_label["bored"].gold_vector_empty
    assert by_label["scared"].f1_vector == 1.0
    f1s = [s.f1_vector for s in r.per_label if not np.isnan(s.f1_vector)]
    assert f1s == sorted(f1s), "hardest (lowest F1) first"
    assert r.hardest_labels(1)[0].f1_vector == 0.0


def test_per_emotion_scores_and_confusion(hand_file: Path, table_path: Path) -> None:
    r = evaluate(hand_file, lexicon=table_path)
    joy = next(d for d in r.per_emotion if d.name == "joy")
    # gold joy: happy (row 1); predicted joy: joyful (row 1) and happy (row 4) -> P 1/2, R 1
    assert (joy.precision, joy.recall, joy.support, joy.predicted) == (0.5, 1.0, 1, 2)
    confusion = np.array(r.confusion)
    assert confusion.sum() == pytest.approx(r.n_valid_masks)
    assert r.confusion_labels[-1] == "none"
    assert confusion[-1, -1] == pytest.approx(1.0)  # bored/meh: both without emotion


def test_per_mask_rows(hand_file: Path, table_path: Path) -> None:
    rows = list(evaluate(hand_file, lexicon=table_path).per_mask())
    assert len(rows) == 6
    assert rows[0]["gold"] == "happy" and rows[0]["predicted"] == "joyful" and rows[0]["f1"] == pytest.approx(6 / 7, abs=1e-6)
    assert rows[2]["valid"] is False and rows[2]["f1"] is None and rows[2]["line"] == 3
    assert (rows[5]["row"], rows[5]["mask"]) == (4, 2)


def test_text_rendering_shows_the_numbers(hand_file: Path, table_path: Path) -> None:
    text = str(evaluate(hand_file, lexicon=table_path))
    for needle in ("VRate", "0.7500", "AccV-2", "0.8600", "hardest gold labels", "confusion", "95% CI"):
        assert needle in text


def test_skipped_rows_are_counted_in_the_report(tmp_path: Path, table_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("labels,output_formatted\n['sad'],['sad']\n['sad',['sad']\n", encoding="utf-8")
    with pytest.raises(PredictionsFormatError, match="line 3"):
        evaluate(path, lexicon=table_path)
    r = evaluate(path, lexicon=table_path, skip_bad_rows=True)
    assert (r.n_rows, r.n_skipped) == (1, 1) and "line 3" in r.skipped[0]


# --- confidence intervals --------------------------------------------------------------------
def test_bootstrap_is_seeded_and_contains_the_estimate(tmp_path: Path, table_path: Path) -> None:
    rng = random.Random(1)
    words = ["happy", "joyful", "sad", "angry", "furious", "scared", "meh"]
    rows = [([rng.choice(words)], [rng.choice(words)] if rng.random() > 0.1 else None) for _ in range(200)]
    path = write_paper(tmp_path / "p.csv", rows)
    a = evaluate(path, lexicon=table_path, seed=3, bootstrap=300)
    b = evaluate(path, lexicon=table_path, seed=3, bootstrap=300)
    c = evaluate(path, lexicon=table_path, seed=4, bootstrap=300)
    assert a.ci == b.ci and a.ci_method == "bootstrap"
    assert a.ci != c.ci
    for name in E.PAPER_METRICS:
        lo, hi = a.ci[name]
        assert lo <= a.metrics[name] <= hi and hi - lo < 0.3
    assert evaluate(path, lexicon=table_path, bootstrap=0).ci == {}


def test_large_inputs_use_the_normal_approximation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, table_path: Path) -> None:
    rng = random.Random(2)
    words = ["happy", "joyful", "sad", "angry", "scared"]
    rows = [([rng.choice(words)], [rng.choice(words)]) for _ in range(400)]
    path = write_paper(tmp_path / "p.csv", rows)
    boot = evaluate(path, lexicon=table_path, bootstrap=2000)
    monkeypatch.setattr(E, "BOOTSTRAP_MAX_WORK", 10)
    normal = evaluate(path, lexicon=table_path, bootstrap=2000)
    assert normal.ci_method == "normal"
    for name in ("acc_lexical", "acc_vector", "f1_vector"):
        assert normal.ci[name][0] == pytest.approx(boot.ci[name][0], abs=0.02)
        assert normal.ci[name][1] == pytest.approx(boot.ci[name][1], abs=0.02)


# --- comparing models ------------------------------------------------------------------------
def test_compare_reports_ranks_models_with_paired_differences(tmp_path: Path, table_path: Path) -> None:
    gold = [["happy"], ["sad"], ["angry"], ["scared"]] * 10
    good = write_paper(tmp_path / "good.csv", [(g, g) for g in gold])
    bad = write_paper(tmp_path / "bad.csv", [(g, ["sad"]) for g in gold])
    reports = evaluate_many([bad, good], lexicon=table_path)
    cmp = compare_reports(reports)
    assert [Path(r.source).name for r in cmp.reports] == ["good.csv", "bad.csv"]
    assert cmp.same_gold
    d, lo, hi = cmp.differences[1]
    # 'bad' always answers sad: F1 happy/sad 0, sad/sad 1, angry/sad 2*1/(2+1+2) = 0.4,
    # scared/sad 2*1/(2+1+1) = 0.5 -> mean 0.475; 'good' scores 1 -> difference 0.525
    assert d == pytest.approx(0.525) and 0 < lo <= d <= hi
    text = cmp.render()
    assert text.index("good.csv") < text.index("bad.csv") and "paired difference" in text
    assert cmp.to_dict()["models"][0]["rank"] == 1
    with pytest.raises(ExpressLexiconError, match="unknown metric"):
        compare_reports(reports, sort_by="nope")


def test_compare_reports_on_different_test_sets_is_unpaired(tmp_path: Path, table_path: Path) -> None:
    a = write_paper(tmp_path / "a.csv", [(["happy"], ["happy"])])
    b = write_paper(tmp_path / "b.csv", [(["sad"], ["happy"])])
    cmp = compare_reports(evaluate_many([a, b], lexicon=table_path))
    assert not cmp.same_gold and cmp.differences == (None, None)
    assert "no paired differences" in cmp.render()


# --- the command line ------------------------------------------------------------------------
def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_evaluate_table(hand_file: Path, table_path: Path) -> None:
    result = run("evaluate", "--lexicon", str(table_path), str(hand_file))
    assert result.exit_code == 0, result.output
    assert "F1V" in result.output and "0.5714" in result.output


def test_cli_evaluate_json(hand_file: Path, table_path: Path) -> None:
    result = run("evaluate", "--lexicon", str(table_path), str(hand_file), "--json", "--seed", "1", "--bootstrap", "50")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["acc_vector_dims"] == pytest.approx(0.86)
    assert (data["n_rows"], data["n_masks"], data["n_invalid"]) == (4, 6, 1)
    assert data["bootstrap"] == 50 and data["seed"] == 1


def test_cli_evaluate_csv_and_out_file(hand_file: Path, table_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "masks.csv"
    result = run("evaluate", "--lexicon", str(table_path), str(hand_file), "--csv", "--out", str(out))
    assert result.exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 and rows[0]["gold"] == "happy" and rows[2]["valid"] == "False"


def test_cli_evaluate_several_models(hand_file: Path, table_path: Path, tmp_path: Path) -> None:
    other = write_paper(tmp_path / "other.csv", [(g, g) for g, _ in HAND_ROWS])
    result = run("evaluate", "--lexicon", str(table_path), str(hand_file), str(other))
    assert result.exit_code == 0
    assert result.output.index("other.csv") < result.output.index("hand.csv")
    result = run("evaluate", "--lexicon", str(table_path), str(hand_file), str(other), "--json")
    assert [m["rank"] for m in json.loads(result.output)["models"]] == [1, 2]


def test_cli_errors_are_one_line_and_leave_no_output(tmp_path: Path, table_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("labels,output_formatted\n['a'],['b']\n['a',['b']\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["evaluate", "--lexicon", str(table_path), str(bad), "--json", "--out", str(out)])
    assert result.exit_code == 1
    assert "error:" in result.output and "bad.csv, line 3" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    result = CliRunner().invoke(main, ["evaluate", "--lexicon", str(table_path), str(bad), "--skip-bad-rows"])
    assert result.exit_code == 0 and "skipped 1 bad row" in result.output
    result = CliRunner().invoke(main, ["evaluate", "--lexicon", str(table_path), str(bad), "--json", "--csv"])
    assert result.exit_code == 2


def test_cli_clean(tmp_path: Path) -> None:
    src = tmp_path / "raw.csv"
    src.write_text('labels,output\n"[\'Happy\']",Joyful\n"[\'sad\']",no idea\n', encoding="utf-8")
    out = tmp_path / "clean.csv"
    result = run("clean", str(src), str(out))
    assert result.exit_code == 0 and "1 INVALID OUTPUT" in result.output
    assert "['joyful']" in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(main, ["clean", str(tmp_path / "nope.csv"), str(tmp_path / "x.csv")])
    assert missing.exit_code == 1 and "nope.csv" in missing.output
    assert not (tmp_path / "x.csv").exists()


def test_all_rows_invalid_gives_zero_accuracy_and_undefined_f1(tmp_path: Path, table_path: Path) -> None:
    path = write_paper(tmp_path / "p.csv", [(["happy"], None), (["sad", "angry"], None)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = evaluate(path, lexicon=table_path, bootstrap=100)
    assert (r.vrate, r.acc_lexical, r.acc_vector) == (0.0, 0.0, 0.0)
    assert np.isnan(r.f1_vector) and np.isnan(r.acc_vector_dims)
    d = r.to_dict()
    assert d["f1_vector"] is None and d["vrate"] == 0.0
    assert "n/a" in r.render()
    json.dumps(d, allow_nan=False)


# --- what a researcher reads (issue 14) ----------------------------------------------------------
@pytest.fixture
def better_worse(tmp_path: Path, table_path: Path) -> tuple[Path, Path]:
    gold = [["happy"], ["sad"], ["angry"], ["scared"]] * 10
    better = write_paper(tmp_path / "better.csv", [(g, g) for g in gold])
    worse = write_paper(tmp_path / "worse.csv", [(g, ["sad"]) for g in gold])
    return better, worse


def test_paired_difference_reads_model_minus_reference(better_worse, table_path: Path) -> None:
    """`evaluate worse.csv better.csv` must not read as "worse.csv is better by 0.5"."""
    better, worse = better_worse
    cmp = compare_reports(evaluate_many([worse, better], lexicon=table_path))
    text = cmp.render()
    assert "each model − better.csv (the reference, ranked first)" in text
    line = next(li for li in text.splitlines() if li.strip().startswith("worse.csv") and "[" in li)
    d, lo, hi = cmp.differences_to_reference[1]
    assert d == pytest.approx(-0.525) and lo <= d <= hi < 0
    assert "-0.5250" in line and line.rstrip().endswith("*")
    assert "negative: the model does worse than the reference" in text
    data = cmp.to_dict()
    assert data["reference"].endswith("better.csv")
    first, second = data["models"]
    assert first["difference_to_reference"] is None and first["difference_to_best"] is None
    assert second["difference_to_reference"][0] == pytest.approx(-0.525)
    assert second["difference_to_best"][0] == pytest.approx(0.525)  # kept: reference − model
    assert second["difference_to_reference"][1] == pytest.approx(-second["difference_to_best"][2])


def test_lower_is_better_metric_says_positive_is_worse(better_worse, table_path: Path) -> None:
    better, worse = better_worse
    text = compare_reports(evaluate_many([worse, better], lexicon=table_path), sort_by="intensity_abs_diff").render()
    assert "lower is better" in text


def test_several_models_show_metrics_and_hardest_labels_per_model(better_worse, table_path: Path) -> None:
    better, worse = better_worse
    result = run("evaluate", "--lexicon", str(table_path), str(better), str(worse), "--top", "2")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "== 1. better.csv ==" in out and "== 2. worse.csv ==" in out
    section = out[out.index("== 2. worse.csv =="):]
    for needle in ("VRate", "AccL", "F1V", "AccV-2", "cosine", "wheel", "95% CI", "hardest gold labels"):
        assert needle in section
    hardest = section[section.index("hardest gold labels"):].splitlines()[2:]
    shown = [li.split()[0] for li in hardest if li.startswith("    ") and li.split()[0] in ("happy", "angry", "scared")]
    assert shown == ["happy", "angry"]  # --top 2 has a visible effect
    assert "express-lexicon evaluate FILE" in out  # where per-dimension scores are
    none = run("evaluate", "--lexicon", str(table_path), str(better), str(worse), "--top", "0")
    assert "hardest gold labels" not in none.output


def test_hardest_labels_never_list_perfect_labels(tmp_path: Path, table_path: Path) -> None:
    # Two labels, one always right: with --top 10 only the one that falls short is hard.
    path = write_paper(tmp_path / "p.csv", [(["happy"], ["happy"]), (["sad"], ["happy"])] * 3)
    r = evaluate(path, lexicon=table_path, bootstrap=0)
    assert [s.label for s in r.hardest_labels(10)] == ["sad"]
    assert [s.label for s in r.hardest_labels(10, include_perfect=True)] == ["sad", "happy"]
    text = r.render(top=10)
    section = text[text.index("hardest gold labels"):text.index("dominant emotion confusion")].strip().splitlines()
    assert "1 of 2 labels below 1.00" in section[0]
    assert [li.split()[0] for li in section[2:]] == ["sad"]
    perfect = evaluate(write_paper(tmp_path / "q.csv", [(["happy"], ["happy"])]), lexicon=table_path, bootstrap=0)
    assert "hardest gold labels: none" in perfect.render() and "F1 1.00" in perfect.render()


def test_text_output_has_no_trailing_spaces(better_worse, hand_file: Path, table_path: Path) -> None:
    better, worse = better_worse
    for args in ([str(hand_file)], [str(better), str(worse)], [str(hand_file), "--bootstrap", "0"]):
        result = run("evaluate", "--lexicon", str(table_path), *args)
        assert result.exit_code == 0
        assert [li for li in result.output.splitlines() if li != li.rstrip()] == []


def test_report_and_comparison_display_in_a_notebook(better_worse, table_path: Path) -> None:
    better, worse = better_worse
    reports = evaluate_many([worse, better], lexicon=table_path)
    html = reports[0]._repr_html_()
    assert "<table" in html and "F1V" in html and "hardest gold labels" in html and "confusion" in html
    assert "width:" in html  # bars
    cmp_html = compare_reports(reports)._repr_html_()
    assert "better.csv" in cmp_html and "model − reference" in cmp_html and "-0.5250" in cmp_html
    assert str(compare_reports(reports)) == compare_reports(reports).render()
