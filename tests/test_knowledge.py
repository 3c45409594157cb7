"""What a user notices about the shipped knowledge: grades instead of ties, no invented
emotions, emotional senses only, intensity that orders, negation that reads right, and the
everyday vocabulary people and models write."""

import pytest

import express_lexicon as xl
from express_lexicon import theory
from express_lexicon.decomposer import BINARY_THRESHOLD

EMOTIONS = theory.EMOTIONS


def strongest(term: str) -> str:
    d = xl.decompose(term)
    assert d.known, term
    return max(EMOTIONS, key=lambda e: d[e])


def test_basic_names_and_dyads():
    assert strongest("joy") == "joy"
    assert set(xl.decompose("remorse").dominant) == {"sadness", "disgust"}


@pytest.mark.parametrize("word", ["lonely", "miserable", "depressed", "crushed", "grumpy", "mad", "insecure"])
def test_common_words_have_a_unique_strongest_emotion(word):
    d = xl.decompose(word)
    values = sorted((d[e] for e in EMOTIONS), reverse=True)
    assert values[0] > values[1], (word, d.emotions)


@pytest.mark.parametrize("word", ["chair", "window", "bridge", "spoon", "keyboard", "toaster", "triangle",
                                  "parking lot", "chairs", "windows", "bird-scarer", "straw man", "a la mode",
                                  "autistic", "airsick"])
def test_ordinary_words_get_no_emotion(word):
    d = xl.decompose(word)
    assert not d.known or max(d[e] for e in EMOTIONS) < BINARY_THRESHOLD, (word, d.describe())


def test_connotations_stay_below_the_binary_threshold():
    d = xl.decompose("tree")  # NRC associates it with trust; it is not an emotion word
    assert max(d[e] for e in EMOTIONS) < BINARY_THRESHOLD and d.confidence <= 0.3


@pytest.mark.parametrize("word", ["chill", "secure", "giddy", "pumped", "crushed"])
def test_words_with_an_emotional_sense_resolve_through_it(word):
    d = xl.decompose(word)
    assert d.known and max(d[e] for e in EMOTIONS) > 0, word


def test_chill_and_secure_are_not_fear():
    assert strongest("secure") == "trust"
    assert strongest("chill") in ("joy", "trust")


@pytest.mark.parametrize("words,emotion", [
    (("furious", "angry", "annoyed"), "anger"),
    (("terrified", "scared", "nervous"), "fear"),
    (("ecstatic", "happy", "pleased"), "joy"),
    (("devastated", "sad"), "sadness"),
])
def test_intensity_orders_synonyms(words, emotion):
    values = [xl.decompose(w)[emotion] for w in words]
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values), dict(zip(words, values))


@pytest.mark.parametrize("noun,adjective", [("anger", "angry"), ("annoyance", "annoyed"),
                                            ("boredom", "bored"), ("sadness", "sad"), ("interest", "interested")])
def test_derivational_families_agree(noun, adjective):
    assert strongest(noun) == strongest(adjective)
    emotion = strongest(noun)
    assert abs(xl.decompose(noun)[emotion] - xl.decompose(adjective)[emotion]) <= 0.15


@pytest.mark.parametrize("word", ["happy", "furious", "annoyed", "terrified", "heartbroken", "bored"])
def test_the_tier_names_the_strongest_emotion(word):
    d = xl.decompose(word)
    assert d.tier_term in theory.emotion(strongest(word)).tiers


def test_nostalgic_reads_as_joy_and_sadness():
    d = xl.decompose("nostalgic")
    assert d.joy > 0 and d.sadness > 0
    assert xl.compare("nostalgic", "bittersweet").f1 >= 0.5


# -- negation -------------------------------------------------------------------------------

def test_not_happy_is_sadness_and_never_joy():
    d = xl.decompose("not happy")
    assert d.joy == 0 and strongest("not happy") == "sadness"


def test_not_bad_is_mildly_positive():
    d = xl.decompose("not bad")
    assert all(d[e] < 0.3 for e in ("anger", "disgust", "fear", "sadness"))
    assert d.positive > d.negative


def test_not_afraid_and_not_sad_drop_the_emotion():
    assert xl.decompose("not afraid").fear == 0
    assert xl.decompose("not sad").sadness == 0


def test_not_sure_is_mild_fear_or_anticipation():
    d = xl.decompose("not sure")
    assert strongest("not sure") in ("fear", "anticipation") and max(d[e] for e in EMOTIONS) < 0.55


def test_double_negation_is_a_faint_echo():
    happy, echo = xl.decompose("happy"), xl.decompose("not not happy")
    assert strongest("not not happy") == "joy" and 0 < echo.joy < happy.joy / 2
    assert echo.sadness == 0


# -- everyday vocabulary ------------------------------------------------------------------

@pytest.mark.parametrize("expression,emotion", [
    ("stoked", "joy"), ("over the moon", "joy"), ("on cloud nine", "joy"), ("chuffed", "joy"),
    ("pissed off", "anger"), ("fed up", "anger"), ("hangry", "anger"), ("salty", "anger"),
    ("freaked out", "fear"), ("on edge", "fear"), ("petrified", "fear"),
    ("down in the dumps", "sadness"), ("gutted", "sadness"), ("bummed out", "sadness"),
    ("taken aback", "surprise"), ("gobsmacked", "surprise"), ("blown away", "surprise"),
    ("grossed out", "disgust"),
])
def test_slang_and_idioms(expression, emotion):
    d = xl.decompose(expression)
    assert d.method == "expression", (expression, d.method)
    assert emotion in d.dominant, (expression, d.describe())


def test_expressions_explain_the_curated_step():
    d = xl.decompose("over the moon")
    assert any(step.relation == "means" and step.resource == "curated" for p in d.evidence for step in p.steps)


def test_a_whole_expression_beats_composition():
    assert xl.decompose("blown away").sadness < 0.3


# -- phrase rules ------------------------------------------------------------------------

def test_contrast_weighs_the_second_part():
    d = xl.decompose("tired but happy")
    assert strongest("tired but happy") == "joy"
    relieved = xl.decompose("relieved but anxious")
    assert relieved.joy > 0 and relieved.fear > 0


def test_and_keeps_both():
    d = xl.decompose("happy and sad")
    assert d.joy > 0.3 and d.sadness > 0.3


@pytest.mark.parametrize("softened", ["a bit sad", "kinda sad", "sort of sad", "lowkey sad", "slightly sad"])
def test_softeners(softened):
    assert 0 < xl.decompose(softened).sadness < xl.decompose("sad").sadness


@pytest.mark.parametrize("strengthened", ["so sad", "super sad", "extremely sad", "sad af", "very sad"])
def test_intensifiers(strengthened):
    assert xl.decompose(strengthened).sadness > xl.decompose("sad").sadness


def test_more_x_than_y():
    d = xl.decompose("more angry than sad")
    assert d.anger > d.sadness > 0


def test_half_x_half_y():
    d = xl.decompose("half happy half sad")
    assert d.joy > 0 and d.sadness > 0 and d.joy < xl.decompose("happy").joy


# -- non-feelings stay unknown -----------------------------------------------------------

@pytest.mark.parametrize("word", ["told", "support", "involved", "done"])
def test_words_that_are_not_feelings(word):
    d = xl.decompose(word)
    assert not d.known or max(d[e] for e in EMOTIONS) < BINARY_THRESHOLD, (word, d.describe())


def test_intensifiers_keep_the_order_of_emotions():
    base, strong = xl.decompose("excited"), xl.decompose("highkey excited")
    order = sorted(EMOTIONS, key=lambda e: -base[e])
    assert sorted(EMOTIONS, key=lambda e: -strong[e]) == order
    assert strong[order[0]] > strong[order[1]]  # no tie at 1


@pytest.mark.parametrize("phrase", ["never been happier", "couldn't be happier"])
def test_a_negated_comparative_is_a_superlative(phrase):
    d = xl.decompose(phrase)
    assert strongest(phrase) == "joy" and d.joy > xl.decompose("happy").joy and d.sadness == 0
