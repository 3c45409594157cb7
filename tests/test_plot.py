"""Pictures: real images rendered headless (Agg), checked as files and as pixels."""

from __future__ import annotations

import itertools
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from click.testing import CliRunner  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from express_lexicon import plot as P  # noqa: E402
from express_lexicon.cli import main  # noqa: E402
from express_lexicon.decomposer import Decomposition, decompose  # noqa: E402
from express_lexicon.errors import ExpressLexiconError  # noqa: E402
from express_lexicon.evaluation import compare_reports, evaluate  # noqa: E402
from express_lexicon.predictions import Predictions  # noqa: E402
from express_lexicon.sources.paper_table import PaperTable  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the PNG signature."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    length, chunk = struct.unpack(">I4s", data[8:16])
    assert chunk == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def pixels(path: Path):
    import matplotlib.image

    return matplotlib.image.imread(str(path))


def expected_px(inches: float) -> int:
    return round(inches * P.PNG_DPI)


def profile(term: str, values: dict[str, float], method: str = "lexicon", confidence: float = 0.9) -> Decomposition:
    from express_lexicon.theory import DIMENSIONS

    return Decomposition(term=term, key=term, scores=tuple(values.get(d, 0.0) for d in DIMENSIONS),
                         method=method, confidence=confidence)


def all_text(fig: Figure) -> str:
    parts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        parts += [t.get_text() for t in ax.texts]
    for sub in getattr(fig, "subfigs", []):
        parts += [t.get_text() for t in sub.texts]
        if sub._suptitle is not None:
            parts.append(sub._suptitle.get_text())
    if fig._suptitle is not None:
        parts.append(fig._suptitle.get_text())
    return "\n".join(parts)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --- flowers ---------------------------------------------------------------------------------
def test_one_flower_is_a_png_of_the_fixed_panel_size(tmp_path: Path) -> None:
    out = tmp_path / "bittersweet.png"
    assert P.save_decompositions_plot([decompose("bittersweet")], out) == str(out)
    width, height = P.FLOWER_SIZE
    assert png_size(out) == (expected_px(width), expected_px(height))
    assert leftovers(tmp_path) == []


def test_several_terms_sit_side_by_side_and_wrap_after_four(tmp_path: Path) -> None:
    width, height = P.FLOWER_SIZE
    three = tmp_path / "three.png"
    P.save_decompositions_plot([decompose(t) for t in ("heartbroken", "grief", "sorrow")], three)
    assert png_size(three) == (expected_px(3 * width), expected_px(height))
    five = tmp_path / "five.png"
    P.save_decompositions_plot(["joy", "trust", "fear", "surprise", "sadness"], five)
    assert png_size(five) == (expected_px(4 * width), expected_px(2 * height))


def test_two_different_terms_give_different_pixels_and_the_same_term_the_same(tmp_path: Path) -> None:
    paths = {}
    for name, term in (("a", "joy"), ("b", "sadness"), ("c", "joy")):
        paths[name] = tmp_path / f"{name}.png"
        P.save_decompositions_plot([term], paths[name])
    a, b, c = (pixels(paths[n]) for n in "abc")
    assert a.shape == b.shape
    assert (a != b).any()
    assert (a == c).all()


def test_the_flower_names_the_dyad_tier_and_method() -> None:
    fig = P.plot_decompositions([decompose("bittersweet")])
    text = all_text(fig)
    assert "bittersweet" in text
    assert "bittersweetness = joy + sadness (opposite dyad)" in text
    assert "basic tier" in text
    assert decompose("bittersweet").method in text
    assert "mild" in text and "basic" in text and "intense" in text  # the tier rings


def test_a_petal_is_labelled_with_its_value_and_tier_name() -> None:
    fig = P.plot_decompositions([profile("sad-ish", {"sadness": 0.45, "negative": 0.45})])
    text = all_text(fig)
    assert "0.45" in text and "pensiveness" in text
    assert "positive 0.00 · negative 0.45" in text


def test_nearest_dyad_when_one_emotion_leads_and_another_follows() -> None:
    d = profile("uneasy", {"fear": 0.8, "surprise": 0.4})
    assert d.dyad is None
    assert "nearest dyad awe = fear + surprise" in all_text(P.plot_decompositions(d))


def test_an_unknown_term_is_an_empty_flower_saying_unknown(tmp_path: Path) -> None:
    d = decompose("qwzzyx")
    assert not d.known
    fig = P.plot_decompositions([d])
    assert "unknown" in all_text(fig)
    out = tmp_path / "unknown.png"
    P.save_figure(fig, out)
    assert png_size(out) == (expected_px(P.FLOWER_SIZE[0]), expected_px(P.FLOWER_SIZE[1]))


def test_terms_may_be_given_as_strings() -> None:
    assert "heartbroken" in all_text(P.plot_decompositions("heartbroken"))


def test_labels_stay_inside_the_figure_and_never_overlap() -> None:
    # The longest tier names on every petal at once, and a long term.
    crowded = [profile(name, {e: level for e in ("anger", "anticipation", "disgust", "fear", "joy",
                                                 "sadness", "surprise", "trust")})
               for name, level in (("mild everywhere", 0.45), ("intense everywhere", 0.95))]
    crowded.append(profile("x" * 200, {}, method="unknown", confidence=0.0))
    fig = P.plot_decompositions(crowded, title="crowded")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    width, height = fig.bbox.width, fig.bbox.height
    boxes = [(t.get_text(), t.get_window_extent(renderer))
             for t in [*fig.texts, *(t for ax in fig.axes for t in ax.texts)] if t.get_text()]
    assert len(boxes) > 30
    for text, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (a, b)


def test_decomposition_plot_returns_a_figure() -> None:
    fig = decompose("heartbroken").plot()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 1


def test_drawing_into_a_given_axes() -> None:
    fig = Figure(figsize=(8, 4))
    left, right = fig.subplots(1, 2)
    assert decompose("grief").plot(ax=right) is fig
    assert isinstance(right, Axes) and right.patches and not left.patches
    assert "grief" in "\n".join(t.get_text() for t in right.texts)
    with pytest.raises(P.PlotError, match="one decomposition"):
        P.plot_decompositions(["joy", "grief"], ax=left)


def test_figures_stay_out_of_pyplot_and_show_in_notebooks() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = P.plot_decompositions(["joy"])
    assert plt.get_fignums() == before  # nothing to close, no display needed
    assert fig._repr_png_()[:8] == PNG_SIGNATURE


def test_bad_input_to_the_flowers() -> None:
    with pytest.raises(P.PlotError, match="nothing to draw"):
        P.plot_decompositions([])
    with pytest.raises(P.PlotError, match="42"):
        P.plot_decompositions([42])
    with pytest.raises(P.PlotError, match="too many"):
        P.plot_decompositions(["joy"] * (P.MAX_FLOWERS + 1))


# --- comparison ------------------------------------------------------------------------------
def test_comparison_overlays_two_flowers_with_a_legend_and_similarities(tmp_path: Path) -> None:
    from express_lexicon.scoring import compare

    predicted, gold = decompose("nostalgic"), decompose("bittersweet")
    fig = P.plot_comparison(predicted, gold)
    text = all_text(fig)
    legend = "\n".join(t.get_text() for t in fig.legends[0].get_texts())
    assert "gold: bittersweet" in legend and "predicted: nostalgic" in legend
    alignment = compare("nostalgic", "bittersweet")
    assert f"cosine {alignment.cosine:.2f}" in text
    assert f"wheel similarity {alignment.wheel_similarity:.2f}" in text
    assert f"binary F1 {alignment.f1:.2f}" in text
    out = tmp_path / "compare.png"
    assert P.save_comparison_plot(predicted, gold, out) == str(out)
    width, height = P.COMPARISON_SIZE
    assert png_size(out) == (expected_px(width), expected_px(height))
    other = tmp_path / "other.png"
    P.save_comparison_plot("joy", "bittersweet", other)
    assert (pixels(out) != pixels(other)).any()


def test_comparison_with_an_unknown_side_says_so() -> None:
    assert "prediction unknown" in all_text(P.plot_comparison("qwzzyx", "joy"))


# --- reports ---------------------------------------------------------------------------------
TABLE = PaperTable.from_rows([
    ("glad", [0, 0, 0, 0, 1, 0, 0, 0, 1, 0]),
    ("happy", [0, 1, 0, 0, 1, 0, 0, 1, 1, 0]),
    ("sad", [0, 0, 0, 0, 0, 1, 0, 0, 0, 1]),
    ("scared", [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]),
    ("angry", [1, 0, 1, 0, 0, 0, 0, 0, 0, 1]),
])


def report(rows, source: str):
    return evaluate(Predictions.from_rows(rows, source=source), lexicon=TABLE, bootstrap=0)


@pytest.fixture
def two_reports():
    good = report([("glad", "glad"), ("sad", "sad"), ("scared", "sad"), ("angry", "angry"), ("happy", "glad"),
                   ("sad", None)], "good-model.csv")
    poor = report([("glad", "sad"), ("sad", "glad"), ("scared", "angry"), ("angry", "meh"), ("happy", "sad"),
                   ("sad", "sad")], "poor-model.csv")
    return good, poor


def test_report_plot_has_bars_confusion_and_hardest_labels(tmp_path: Path, two_reports) -> None:
    good, _ = two_reports
    fig = P.plot_report(good)
    assert isinstance(fig, Figure)
    titles = " | ".join(ax.get_title() for ax in fig.axes)
    assert "per dimension" in titles and "confusion" in titles and "hardest gold labels" in titles
    text = all_text(fig)
    assert "good-model.csv" in text and f"F1V {good.f1_vector:.3f}" in text
    out = tmp_path / "report.png"
    P.save_report_plot(good, out)
    assert png_size(out) == (expected_px(P.REPORT_COLUMN_WIDTH), expected_px(P.REPORT_HEIGHT))


def test_several_reports_side_by_side(tmp_path: Path, two_reports) -> None:
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    P.save_report_plot(two_reports[0], one)
    P.save_report_plot(list(two_reports), two)
    assert png_size(two) == (expected_px(2 * P.REPORT_COLUMN_WIDTH), expected_px(P.REPORT_HEIGHT))
    text = all_text(P.plot_report(compare_reports(list(two_reports))))
    assert "good-model.csv" in text and "poor-model.csv" in text


def test_report_plot_takes_the_to_dict_form(two_reports) -> None:
    stub = two_reports[1].to_dict()
    fig = P.plot_report([stub, {**stub, "source": "elsewhere/poor-model.csv", "per_label": []}])
    text = all_text(fig)
    assert "no per-label data" in text
    assert "poor-model.csv" in text and "elsewhere/poor-model.csv" in text  # same file name: full paths


def test_report_plot_rejects_what_is_not_a_report() -> None:
    with pytest.raises(P.PlotError, match="not an evaluation report"):
        P.plot_report({"f1_vector": 0.5})
    with pytest.raises(P.PlotError, match="nothing to draw"):
        P.plot_report([])
    with pytest.raises(P.PlotError):
        P.plot_report("report.json")


# --- files -----------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".pdf", b"%PDF-"), (".PNG", PNG_SIGNATURE)])
def test_svg_pdf_and_upper_case_suffixes(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"flower{suffix}"
    P.save_decompositions_plot(["heartbroken"], out)
    assert out.read_bytes().startswith(magic)
    if suffix == ".svg":
        assert b"<svg" in out.read_bytes()


@pytest.mark.parametrize("suffix", [".svg", ".pdf"])
def test_vector_output_is_reproducible(tmp_path: Path, suffix: str) -> None:
    fig = P.plot_decompositions(["bittersweet"])
    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    P.save_figure(fig, a)
    P.save_figure(fig, b)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("name, needle", [("flower.jpg", "'.jpg'"), ("flower", "no suffix"), ("flower.png.bak", "'.bak'")])
def test_a_bad_suffix_is_a_clear_error_and_writes_nothing(tmp_path: Path, name: str, needle: str) -> None:
    with pytest.raises(P.PlotError, match=needle) as info:
        P.save_decompositions_plot(["joy"], tmp_path / name)
    assert ".png, .svg, .pdf" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_a_clear_error_and_leaves_no_partial_file(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "flower.png"
    with pytest.raises(P.PlotOutputError, match="flower.png"):
        P.save_decompositions_plot(["joy"], missing)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ExpressLexiconError, match="cannot write"):
        P.save_decompositions_plot(["joy"], a_file / "flower.png")
    a_dir = tmp_path / "taken.png"
    a_dir.mkdir()
    with pytest.raises(P.PlotOutputError, match="taken.png"):
        P.save_decompositions_plot(["joy"], a_dir)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "taken.png"]
    assert list(a_dir.iterdir()) == []


def test_a_failed_draw_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "flower.png"
    out.write_bytes(b"old")
    fig = P.plot_decompositions(["joy"])

    def broken(handle, **kwargs):
        handle.write(b"\x89PNG half")
        raise RuntimeError("renderer crashed")

    fig.savefig = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="crashed"):
        P.save_figure(fig, out)
    assert out.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "flower.png"
    P.save_decompositions_plot(["joy"], out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


# --- without matplotlib ----------------------------------------------------------------------
def hide_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)


def test_missing_matplotlib_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    d = decompose("joy")
    hide_matplotlib(monkeypatch)
    for call in (lambda: d.plot(), lambda: P.plot_comparison(d, d), lambda: P.plot_report([]),
                 lambda: P.save_decompositions_plot([d], tmp_path / "x.png")):
        with pytest.raises(P.PlotDependencyError) as info:
            call()
        assert 'pip install "express-lexicon[plot]"' in str(info.value)
        assert isinstance(info.value, ExpressLexiconError)
    assert list(tmp_path.iterdir()) == []


def test_missing_matplotlib_on_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hide_matplotlib(monkeypatch)
    result = CliRunner().invoke(main, ["decompose", "joy", "--plot", str(tmp_path / "x.png")])
    assert result.exit_code == 1
    assert 'pip install "express-lexicon[plot]"' in result.output
    assert "Traceback" not in result.output


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import sys, express_lexicon.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- command line ----------------------------------------------------------------------------
def test_decompose_plot_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "flowers.png"
    result = CliRunner().invoke(main, ["decompose", "heartbroken", "grief", "sorrow", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    width, height = P.FLOWER_SIZE
    assert png_size(out) == (expected_px(3 * width), expected_px(height))


def test_decompose_plot_with_a_bad_suffix_on_the_command_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["decompose", "joy", "--plot", str(tmp_path / "x.gif")])
    assert result.exit_code == 1
    assert "'.gif'" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_figures_pickle() -> None:
    import pickle

    fig = pickle.loads(pickle.dumps(P.plot_decompositions(["joy", "grief"])))
    assert isinstance(fig, Figure) and len(fig.axes) == 2


# --- issue 14: public figure class, hardest labels that are hard --------------------------------
def test_figures_are_a_public_class_that_displays_inline() -> None:
    fig = P.plot_decompositions(["joy"])
    cls = type(fig)
    assert cls.__name__ == "InlineFigure" and cls.__module__ == "express_lexicon.plot"
    assert cls is P.InlineFigure and "InlineFigure" in P.__all__
    assert isinstance(fig, Figure) and fig._repr_png_().startswith(b"\x89PNG")


def test_report_plot_leaves_perfect_labels_out_of_the_hardest(two_reports) -> None:
    good, _ = two_reports
    perfect = {s.label for s in good.per_label if s.f1_vector >= 1.0}
    assert perfect  # the fixture has labels the model always gets right
    fig = P.plot_report(good, top=10)
    panel = next(ax for ax in fig.axes if ax.get_title().startswith("hardest gold labels"))
    shown = {t.get_text() for t in panel.get_yticklabels()}
    assert shown and not shown & perfect
    assert "below 1.00" in panel.get_title()
