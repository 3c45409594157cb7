"""The Plutchik facts as a user of the theory layer sees them."""

import pytest

from express_lexicon import theory
from express_lexicon._data import parse_resource_table
from express_lexicon.errors import ResourceFormatError


def test_vector_order_is_the_emolex_order():
    assert theory.EMOTIONS == ("anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust")
    assert theory.DIMENSIONS[-2:] == ("positive", "negative")
    assert [e.name for e in theory.emotions()] == list(theory.EMOTIONS)


def test_wheel_order_and_angles():
    wheel = theory.wheel_order()
    assert [e.name for e in wheel] == ["joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"]
    assert [e.angle for e in wheel] == [0, 45, 90, 135, 180, 225, 270, 315]


@pytest.mark.parametrize("a,b", [("joy", "sadness"), ("trust", "disgust"), ("fear", "anger"),
                                 ("surprise", "anticipation")])
def test_opposites_are_four_steps_apart_both_ways(a, b):
    assert theory.emotion(a).opposite == b and theory.emotion(b).opposite == a
    assert theory.wheel_distance(a, b) == 4


def test_intensity_tiers():
    joy = theory.emotion("joy")
    assert joy.tiers == ("serenity", "joy", "ecstasy")
    assert theory.tier_term("ecstasy").tier == "intense"
    assert theory.tier_term("serenity").level < theory.tier_term("joy").level < theory.tier_term("ecstasy").level
    assert theory.emotion("rage").name == "anger"
    assert len(theory.tier_terms()) == 24


def test_twenty_eight_dyads_by_kind():
    assert len(theory.dyads()) == 28
    counts = {kind: len(theory.dyads(kind)) for kind in ("primary", "secondary", "tertiary", "opposite")}
    assert counts == {"primary": 8, "secondary": 8, "tertiary": 8, "opposite": 4}


def test_dyads_by_any_label_and_by_pair():
    assert theory.dyad("alarm").name == "awe"
    assert theory.dyad("Disappointment").name == "disapproval"
    assert theory.dyad("shock").name == "unbelief"
    assert theory.dyad("aggression").name == "aggressiveness"
    assert theory.dyad_for("sadness", "joy").name == "bittersweetness"
    assert theory.dyad_for("joy", "trust").name == "love"
    assert theory.dyad("remorse").components == ("sadness", "disgust")
    # variants are labels of one dyad, never dyads of their own
    assert all(d.name != "alarm" for d in theory.dyads())


def test_dyad_kind_follows_wheel_distance():
    expected = {"primary": 1, "secondary": 2, "tertiary": 3, "opposite": 4}
    for d in theory.dyads():
        assert theory.wheel_distance(*d.components) == expected[d.kind], d


def test_unknown_names_raise_key_error_naming_them():
    with pytest.raises(KeyError, match="blorp"):
        theory.dyad("blorp")
    with pytest.raises(KeyError, match="blorp"):
        theory.emotion("blorp")
    assert theory.lookup("blorp") is None


def test_resource_reader_checks_header_and_rows():
    good = "# express-lexicon resource: demo v1\n# comment\na,b\n1,2\n"
    assert parse_resource_table(good, "demo.csv", "demo", 1) == [{"a": "1", "b": "2"}]
    with pytest.raises(ResourceFormatError, match="demo.csv: expected first line"):
        parse_resource_table("a,b\n1,2\n", "demo.csv", "demo", 1)
    with pytest.raises(ResourceFormatError, match="demo.csv: data row 3"):
        parse_resource_table(good + "1,2,3\n", "demo.csv", "demo", 1)
