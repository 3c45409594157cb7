"""Normalisation and word-formation rules."""

import re

import pytest

from express_lexicon.errors import InvalidTermError
from express_lexicon.text import (
    MAX_TERM_LENGTH,
    base_forms,
    compound_forms,
    edit_distance,
    head_forms,
    normalize,
    spelling_matches,
)


@pytest.mark.parametrize("raw,key", [
    ("Happy", "happy"), ("  sad!!  ", "sad"), ("ＪＯＹ", "joy"), ("mixed_up", "mixed up"),
    ("bitter\tsweet\nness", "bitter sweet ness"), ("“anxious”", "anxious"), ("Straße", "strasse"),
    ("heart–broken", "heart-broken"), ("don’t", "don't"),
])
def test_normalize(raw, key):
    assert normalize(raw) == key


@pytest.mark.parametrize("bad,message", [
    (None, "must be a string"), (42, "must be a string"), ("", "empty"), ("   ", "empty"),
    ("!!!", "empty"), ("123", "no letters"), ("sad\x00", "U+0000"), ("joy\u200b", "U+200B"),
    ("x" * (MAX_TERM_LENGTH + 1), "characters long"), ("x" * 10_000, "10000 characters"),
])
def test_normalize_rejects_bad_input_naming_it(bad, message):
    with pytest.raises(InvalidTermError, match=re.escape(message)):
        normalize(bad)


def test_base_forms_reach_the_dictionary_form():
    assert "happy" in base_forms("happiness")
    assert "frustrate" in base_forms("frustrating")
    assert "relieve" in base_forms("relieved")
    assert "worry" in base_forms("worried")
    assert "upset" in base_forms("upsetting")
    assert "bittersweetness" in base_forms("bittersweet")
    assert "aversion" in base_forms("aversive")
    assert base_forms("sad") == ["sadness"]
    assert base_forms("ok") == [] and base_forms("two words") == []


def test_compound_and_head_forms():
    assert compound_forms("bitter sweetness")[0] == "bittersweetness"
    assert "mixed-up" in compound_forms("mixed up")
    assert "phobia" in head_forms("claustrophobia")
    assert "happy" not in head_forms("unhappy")  # a negating prefix is not a head


def test_spelling():
    assert edit_distance("embarrased", "embarrassed") == 1
    assert edit_distance("teh", "the") == 1  # adjacent swap counts once
    assert spelling_matches("overwhlemed", ["overwhelmed", "overworked"]) == ["overwhelmed"]
    assert spelling_matches("sadd", ["sad"]) == []  # short words are not corrected
