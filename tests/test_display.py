"""What a notebook user sees: print(), rich display, and decompositions as a DataFrame."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import express_lexicon as xl
from express_lexicon import theory
from express_lexicon.decomposer import Lexicon

# A tiny term table (tests/conftest.py style: numbers that matter come from a fixture).
TERMS = """# express-lexicon ontology terms v1
glum\t0,0,0,0,0,0.7,0,0,0,0.7\tlexicon\t0.9\tnrc-emolex\t[]
jolly\t0,0,0,0,0.7,0,0,0.35,0.7,0\tlexicon\t0.9\tnrc-emolex\t[]
wary\t0,0.4,0,0.7,0,0,0,0,0,0.7\twordnet\t0.6\twordnet\t[]
"""


@pytest.fixture
def tiny() -> Lexicon:
    return Lexicon.from_text(TERMS)


def test_print_shows_the_table_not_a_dataclass_repr():
    d = xl.decompose("awe")
    text = str(d)
    assert text.startswith("awe\n") and "Decomposition(" not in text
    assert "  dyad        awe (fear + surprise)" in text
    for name in theory.DIMENSIONS:
        assert f"  {name}" in text
    assert "█" in text
    assert repr(d).startswith("Decomposition(")  # repr stays the record


def test_table_lines_have_no_trailing_spaces():
    for term in ("awe", "bittersweet", "qwertyuiop", "not happy"):
        lines = str(xl.decompose(term)).splitlines()
        assert [li for li in lines if li != li.rstrip()] == [], term


def test_notebook_display_has_bars_and_the_flower():
    html = xl.decompose("bittersweet")._repr_html_()
    assert html.startswith('<div class="express-lexicon"') and "<table" in html
    assert "bittersweetness (joy + sadness)" in html
    joy = theory.emotion("joy").colour
    assert f"background:{joy}" in html  # a bar in the wheel's colour
    assert "<svg" in html and "<?xml" not in html  # the flower, inline


def test_notebook_display_without_matplotlib_says_how_to_get_the_flower(monkeypatch):
    from express_lexicon import plot

    def missing(*args, **kwargs):
        raise plot.PlotDependencyError("no matplotlib")

    monkeypatch.setattr(plot, "plot_decompositions", missing)
    html = xl.decompose("bittersweet")._repr_html_()
    assert "<svg" not in html and 'pip install "express-lexicon[plot]"'.replace('"', "&quot;") in html


def test_notebook_display_escapes_the_term():
    html = xl.decompose("<b>happy</b>")._repr_html_()
    assert "<b>happy</b>" not in html and "&lt;b&gt;happy&lt;/b&gt;" in html


def test_words_to_a_frame_with_one_column_per_dimension(tiny):
    frame = tiny.to_frame(["jolly", "glum", "qwertyuiop"])
    assert list(frame.index) == ["jolly", "glum", "qwertyuiop"]
    assert list(frame.columns) == [*theory.DIMENSIONS, "dominant", "dyad", "tier", "method", "confidence"]
    assert frame.loc["jolly", "joy"] == 0.7 and frame.loc["glum", "dominant"] == "sadness"
    assert frame.loc["glum", "tier"] == "basic"
    assert frame.loc["qwertyuiop", "method"] == "unknown" and frame.loc["qwertyuiop", "confidence"] == 0.0
    assert frame["joy"].dtype == float


def test_a_series_keeps_its_index_and_missing_values_stay_missing(tiny):
    words = pd.Series(["glum", None, float("nan"), "jolly"], index=["r1", "r2", "r3", "r4"])
    frame = tiny.to_frame(words)
    assert list(frame.index) == ["r1", "r2", "r3", "r4"]
    assert list(frame["term"][["r1", "r4"]]) == ["glum", "jolly"]
    assert math.isnan(frame.loc["r2", "joy"]) and math.isnan(frame.loc["r3", "confidence"])
    joined = pd.DataFrame({"word": words}).join(tiny.to_frame(words))
    assert joined.loc["r4", "joy"] == 0.7


def test_to_frame_without_terms_is_the_whole_vocabulary(tiny):
    frame = tiny.to_frame()
    assert list(frame.index) == ["glum", "jolly", "wary"]
    assert frame.loc["wary", "method"] == "wordnet"
    whole = xl.to_frame()
    assert len(whole) == len(xl.default_lexicon()) and whole.index.is_monotonic_increasing


def test_module_to_frame_uses_the_default_lexicon():
    frame = xl.to_frame(["joy", "rage"])
    assert frame.loc["joy", "joy"] > frame.loc["joy", "anger"]
    assert frame.loc["rage", "dominant"] == "anger"
    assert len(xl.to_frame("joy")) == 1  # a single string is one word, not its letters
