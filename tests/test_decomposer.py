"""What a researcher decomposing emotion words notices, on the shipped ontology."""

import math

import pytest

import express_lexicon as xl
from express_lexicon import theory
from express_lexicon.decomposer import METHODS, Lexicon
from express_lexicon.errors import InvalidTermError, UnknownTermError


def top(d, n=1):
    return [e for e, _ in sorted(d.emotions.items(), key=lambda kv: -kv[1])[:n]]


@pytest.mark.parametrize("emotion", theory.EMOTIONS)
def test_each_basic_emotion_is_strongest_on_itself(emotion):
    d = xl.decompose(emotion)
    assert d.method == "theory" and top(d) == [emotion] and d.dominant == (emotion,)


@pytest.mark.parametrize("dyad", [d.name for d in theory.dyads()])
def test_each_dyad_name_has_its_components_on_top(dyad):
    d = xl.decompose(dyad)
    assert sorted(top(d, 2)) == sorted(theory.dyad(dyad).components)
    assert d.dyad == dyad


@pytest.mark.parametrize("name", [t.name for t in theory.tier_terms()])
def test_tier_names_land_on_their_tier(name):
    tier_term = theory.tier_term(name)
    d = xl.decompose(name)
    assert d.tier == tier_term.tier and d.dominant[0] == tier_term.emotion and d.tier_term == name


def test_ecstasy_is_intense_joy_and_serenity_mild_joy():
    assert xl.decompose("ecstasy").tier == "intense"
    assert xl.decompose("serenity").tier == "mild"
    assert xl.decompose("serenity").joy < xl.decompose("joy").joy < xl.decompose("ecstasy").joy


@pytest.mark.parametrize("variant,dyad", [("awe", "awe"), ("alarm", "awe"), ("bittersweetness", "bittersweetness"),
                                          ("disappointment", "disapproval"), ("shock", "unbelief")])
def test_dyad_variants(variant, dyad):
    assert xl.decompose(variant).dyad == dyad


def test_bittersweet_is_joy_plus_sadness_with_evidence():
    d = xl.decompose("bittersweet")
    assert d.dyad == "bittersweetness" and set(d.dominant) == {"joy", "sadness"}
    # The NRC intensity lexicon has only its sadness; the curated dictionary sense
    # ("pleasant and sad at once") names the dyad.
    assert d.method == "expression" and 0 < d.confidence <= 1
    ends = {p.dimension for p in d.evidence}
    assert {"joy", "sadness"} <= ends
    assert all(p.steps[0].source == "term:bittersweet" for p in d.evidence)
    assert "plutchik" in d.evidence[0].resources


def test_heartbroken_is_sadness_at_the_intense_tier_through_wordnet():
    d = xl.decompose("heartbroken")
    assert d.dominant[0] == "sadness" and d.tier == "intense" and d.tier_term == "grief"
    assert d.method == "wordnet"
    assert any("wordnet" in p.resources for p in d.evidence)


def test_remorse_mixes_sadness_and_disgust():
    assert set(xl.decompose("remorse").dominant) == {"sadness", "disgust"}


@pytest.mark.parametrize("word,base_emotion", [("relieved", None), ("frustrating", "anger"),
                                                ("happiness", "joy"), ("annoyingly", "anger")])
def test_inflections_and_derivations_resolve(word, base_emotion):
    d = xl.decompose(word)
    assert d.known and d.method in ("derivation", "wordnet", "lexicon")
    if base_emotion:
        assert base_emotion in d.dominant


def test_express_stems_and_phrases():
    assert xl.decompose("bitter sweetness").dyad == "bittersweetness"
    assert xl.decompose("mixed up").known
    assert xl.decompose("frustrat").dominant[0] == "anger"


def test_wordnet_only_words_reach_emotions():
    """Words no lexicon lists, reached through WordNet links to words one does."""
    for word in ("brokenhearted", "crestfallen", "downcast"):
        d = xl.decompose(word)
        assert d.method == "wordnet", word
        assert d.dominant[0] == "sadness", word


def test_multiword_predictions():
    d = xl.decompose("relieved but anxious")
    assert d.method == "phrase" and "fear" in d.dominant
    mix = xl.decompose("a mix of joy and fear")
    assert set(mix.dominant) == {"joy", "fear"} and mix.dyad == "guilt"
    dread = xl.decompose("sense of dread")
    assert dread.scores == xl.decompose("dread").scores


def test_negation_does_not_score_as_joy():
    happy, not_happy = xl.decompose("happy"), xl.decompose("not happy")
    assert not_happy.method == "negation" and "not" in not_happy.modifiers
    assert not_happy.joy == 0 and not_happy.positive == 0
    assert not_happy.sadness > 0 and not_happy.negative > 0
    assert xl.compare("not happy", "happy").cosine < 0.5
    assert happy.joy > 0
    assert xl.decompose("don't feel sad").sadness == 0


def test_intensifiers_and_softeners():
    assert xl.decompose("very sad").sadness > xl.decompose("sad").sadness
    assert xl.decompose("extremely sad").tier == "intense"
    assert xl.decompose("slightly annoyed").anger < xl.decompose("annoyed").anger
    assert xl.decompose("a bit scared").fear < xl.decompose("scared").fear


@pytest.mark.parametrize("variant", ["Joy", " JOY ", "joy!", "“joy”", "ＪＯＹ", "joy\n"])
def test_case_whitespace_punctuation_unicode(variant):
    assert xl.decompose(variant).scores == xl.decompose("joy").scores


def test_unknown_terms_are_not_errors_unless_strict():
    d = xl.decompose("qwertyuiop")
    assert d.method == "unknown" and d.confidence == 0 and not any(d.scores) and not d.known
    assert d.dyad is None and d.tier is None and d.dominant == ()
    with pytest.raises(UnknownTermError, match="qwertyuiop"):
        xl.decompose("qwertyuiop", strict=True)


@pytest.mark.parametrize("bad", [None, 3, "", "   ", "x" * 10_000, "sad\x00", b"sad"])
def test_bad_input_gets_a_clear_error(bad):
    with pytest.raises(InvalidTermError):
        xl.decompose(bad)


def test_decomposition_record_api():
    d = xl.decompose("grief")
    assert d["sadness"] == d.sadness == d.scores[5]
    assert list(d.as_dict()) == list(theory.DIMENSIONS)
    assert d.as_array().shape == (10,)
    assert d.binary[5] == 1 and set(d.binary) <= {0, 1}
    payload = d.to_dict(evidence=True)
    assert set(payload) >= {"term", "scores", "method", "confidence", "dominant", "dyad", "tier", "evidence"}
    with pytest.raises(KeyError, match="wrath"):
        d["wrath"]
    with pytest.raises(AttributeError):
        d.wrath  # noqa: B018
    assert "grief" in d.describe()


def test_every_value_in_range_and_method_known_for_all_vocabulary():
    lexicon = xl.default_lexicon()
    for term in list(lexicon)[:3000]:
        d = lexicon.decompose(term)
        assert d.method in METHODS and d.method != "unknown"
        assert all(0 <= v <= 1 for v in d.scores) and 0 <= d.confidence <= 1
        assert not math.isnan(sum(d.scores))


def test_batch_forms():
    rows = xl.decompose_many(["joy", "grief", "zzzzqq"])
    assert [r.method for r in rows] == ["theory", "theory", "unknown"]
    frame = xl.default_lexicon().to_frame(["joy", "grief"])
    assert list(frame.columns[:10]) == list(theory.DIMENSIONS)
    assert frame.loc["grief", "sadness"] == 1.0
    vectors = xl.default_lexicon().vectors(["joy", "", "zzzzqq"])
    assert vectors.shape == (3, 10) and vectors[1].sum() == 0


def test_terms_filters():
    sad_terms = xl.terms(emotion="sadness", method="lexicon")
    assert "grief" not in sad_terms and "sorrow" in sad_terms  # grief is a theory name
    assert "remorse" in xl.terms(dyad="remorse")
    assert "alarm" in xl.terms(dyad="alarm")  # variant labels filter like the dyad
    assert all(xl.decompose(t).tier == "intense" for t in xl.terms(tier="intense")[:50])
    assert "bitter sweetness" in xl.terms(source="express") and "crestfallen" not in xl.terms(source="express")
    with pytest.raises(KeyError, match="blorp"):
        xl.terms(emotion="blorp")


def test_dyad_of():
    assert xl.dyad_of("bittersweet").name == "bittersweetness"
    assert xl.dyad_of("grief") is None


def test_express_vocabulary_is_fully_covered():
    from express_lexicon.sources.express import express_vocabulary, observed_labels

    for entry in express_vocabulary():
        for term in (entry.entry, *entry.words):
            assert xl.decompose(term).known, term
    assert all(xl.decompose(label).known for label in observed_labels())


def test_lexicon_over_a_directory_and_its_repr(tmp_path):
    lexicon = Lexicon()
    assert "shipped" in repr(lexicon) and "joy" in lexicon and "qwertyuiop" not in lexicon
    assert lexicon.decompose("joy") is lexicon.decompose("joy")  # cached
