"""Property-based tests (hypothesis) over the public API.

What must hold for *any* input, valid or not:

- every decomposition has ten scores in [0, 1], a method of ``METHODS`` and a confidence
  in [0, 1]; ``unknown`` exactly when the profile is all zero with confidence 0; the only
  exception is :class:`InvalidTermError`, and only for the documented bad input (not a
  string, no letters, over 200 characters, control characters);
- decomposing is deterministic, within one lexicon and across a fresh ``Lexicon()``;
- ``compare(a, a)`` is a perfect match; cosine and wheel similarity are symmetric;
- "not X" never keeps X's strongest emotion as the strongest;
- every metric of ``evaluate`` stays in its documented range for arbitrary prediction
  files (adversarial CSV/JSONL included), with a tiny paper table and with the decomposer.

Examples per test are kept small so that the file runs in seconds; run
``EXPRESS_LEXICON_HYPOTHESIS=thorough pytest tests/test_properties.py`` for a longer search.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

import express_lexicon as xl
from express_lexicon.decomposer import METHODS, Lexicon
from express_lexicon.errors import InvalidTermError, PredictionsFormatError
from express_lexicon.evaluation import HEADLINE_METRICS, PAPER_METRICS, Report
from express_lexicon.predictions import INVALID
from express_lexicon.sources.paper_table import PaperTable
from express_lexicon.text import MAX_TERM_LENGTH, normalize
from express_lexicon.theory import DIMENSIONS, EMOTIONS

settings.register_profile(
    "quick", max_examples=40, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: The profile every test here runs with (not loaded globally, so other test files keep theirs).
PROFILE = settings.get_profile(os.environ.get("EXPRESS_LEXICON_HYPOTHESIS", "quick"))


def examples(n: int) -> settings:
    """The active profile, with ``n`` examples under the quick profile."""
    if PROFILE.max_examples >= 1000:
        return settings(PROFILE)
    return settings(PROFILE, max_examples=n)


VOCABULARY: list[str] = list(xl.default_lexicon())
OPPOSITE = {"anger": "fear", "fear": "anger", "anticipation": "surprise", "surprise": "anticipation",
            "disgust": "trust", "trust": "disgust", "joy": "sadness", "sadness": "joy"}
_WHITESPACE = "\t\n\r\x0b\x0c "

# --- strategies ----------------------------------------------------------------------------
vocabulary_terms = st.sampled_from(VOCABULARY)
# Real terms as people and models write them: case, punctuation, modifiers, phrases.
written_terms = st.one_of(
    vocabulary_terms,
    vocabulary_terms.map(str.upper),
    vocabulary_terms.map(lambda t: f'"{t}!"'),
    vocabulary_terms.map(lambda t: f"  {t}\t"),
    st.builds(lambda m, t: f"{m} {t}", st.sampled_from(["not", "very", "slightly", "a bit", "never", "so"]),
              vocabulary_terms),
    st.builds(lambda a, s, b: f"{a}{s}{b}", vocabulary_terms,
              st.sampled_from([" but ", " and ", ", ", "/", " with ", " yet "]), vocabulary_terms),
    vocabulary_terms.map(lambda t: t[:-1] if len(t) > 5 else t),          # misspelt
    vocabulary_terms.map(lambda t: t + "ness"),                           # derived
)
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=250),
    st.text(alphabet=st.sampled_from("\x00\x01\x07\x1b\x7f\u200b\u200d\ufeff\u2028\ue000 .,!?-'\"abc"),
            max_size=20),
    st.sampled_from(["", " ", "\t\n", "...", "!!!", "123", "__", "-", "'", "\u00a0", "\ufdfa" * 30,
                     "ﬃ", "İstanbul", "ǅ", "\U0001F600", "a" * MAX_TERM_LENGTH, "a" * (MAX_TERM_LENGTH + 1),
                     "a" * 10_000, "b " * 150, "not " * 60 + "happy", "\udcff"]),
    st.integers(1, 60).flatmap(lambda n: st.text(min_size=1, max_size=3).map(lambda s: s * n)),
)
any_term = st.one_of(written_terms, hostile_text)
non_strings = st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=10),
                        st.lists(st.text(max_size=5), max_size=3), st.booleans())


def _documented_bad(term: object) -> bool:
    """The input classes the docs allow :class:`InvalidTermError` for (see text.normalize)."""
    if not isinstance(term, str):
        return True
    text = unicodedata.normalize("NFKC", term)
    if any(c not in _WHITESPACE and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for c in text):
        return True
    if len(term) > 4 * MAX_TERM_LENGTH or len(text.casefold()) > MAX_TERM_LENGTH:
        return True  # too long once normalised ("´ß" is 4 characters after NFKC and case folding)
    return not any(c.isalpha() for c in text)


def check_decomposition(d: xl.Decomposition, term: str) -> None:
    assert isinstance(d.scores, tuple) and len(d.scores) == len(DIMENSIONS) == 10
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in d.scores), d.scores
    assert d.method in METHODS
    assert isinstance(d.confidence, float) and 0.0 <= d.confidence <= 1.0
    assert (d.method == "unknown") == (not any(d.scores) and d.confidence == 0.0), d
    assert d.known == (d.method != "unknown")
    assert d.term == term and d.key == normalize(term)
    assert set(d.dominant) <= set(EMOTIONS)
    assert d.tier in (None, "mild", "basic", "intense")
    assert (d.tier is None) == (not d.dominant) == (not any(d.scores[:8]))
    assert set(d.binary) <= {0, 1}
    json.dumps(d.to_dict(evidence=True), allow_nan=False)
    assert isinstance(d.describe(), str)


# --- decomposition -------------------------------------------------------------------------
@examples(300)
@given(any_term)
@example("´ß" * 51)  # 102 characters that normalise to 203
def test_any_text_decomposes_or_is_documented_bad_input(term):
    try:
        d = xl.decompose(term)
    except InvalidTermError as exc:
        assert _documented_bad(term), f"{term!r} rejected: {exc}"
        message = str(exc)
        assert message and "\n" not in message and len(message) < 1000  # one line, value clipped
        return
    check_decomposition(d, term)


@examples(30)
@given(non_strings)
def test_non_strings_are_invalid_terms(value):
    with pytest.raises(InvalidTermError, match="must be a string"):
        xl.decompose(value)
    assert value not in xl.default_lexicon()


@examples(80)
@given(any_term)
def test_decomposing_is_deterministic_and_independent_of_the_lexicon_instance(term):
    try:
        first = xl.decompose(term)
    except InvalidTermError:
        with pytest.raises(InvalidTermError):
            Lexicon().decompose(term)
        return
    assert xl.decompose(term) == first
    assert xl.decompose_many([term, term]) == [first, first]
    fresh = Lexicon()  # a new instance: lazy byte-level index, empty caches
    assert fresh.decompose(term) == first
    assert fresh.decompose(term) == first


@examples(200)
@given(st.text())
def test_printable_text_never_carries_control_characters(text):
    from express_lexicon.text import printable

    shown = printable(text)
    assert shown.isprintable()
    assert (shown == text) == text.isprintable()


def test_every_vocabulary_term_is_known_and_in_range():
    lexicon = Lexicon()
    for term in VOCABULARY:
        d = lexicon.decompose(term)
        check_decomposition(d, term)
        assert d.known, term
        assert d == xl.decompose(term)


@examples(80)
@given(vocabulary_terms)
def test_negation_never_keeps_the_strongest_emotion(term):
    d = xl.decompose(term)
    assume(d.dominant)
    top = d.dominant[0]
    # A profile (nearly) tied with its own opposite (bittersweet = joy + sadness, ambivalent
    # = trust + disgust) has no side to flip: negation weighs negative emotions less (0.4
    # against 0.5), so within 10% either may lead.
    assume(d[OPPOSITE[top]] < 0.9 * d[top])
    negated = xl.decompose(f"not {term}")
    assume(negated.method == "negation")
    # X's strongest emotion is gone or no longer leads; "not afraid" may have no emotion
    # left at all (the opposite of a negative emotion that is itself negative is dropped).
    assert negated[top] < d[top], (d.describe(), negated.describe())
    assert not negated.dominant or negated.dominant[0] != top


def test_negation_flips_every_eligible_vocabulary_term():
    flipped = 0
    for term in VOCABULARY:
        d = xl.decompose(term)
        if not d.dominant or d[OPPOSITE[d.dominant[0]]] >= 0.9 * d[d.dominant[0]]:
            continue
        negated = xl.decompose(f"not {term}")
        if negated.method != "negation":
            continue
        flipped += 1
        assert not negated.dominant or negated.dominant[0] != d.dominant[0], (d.describe(), negated.describe())
    assert flipped > 1000


# --- scoring ----------------------------------------------------------------------------------
@examples(60)
@given(st.one_of(vocabulary_terms, written_terms, hostile_text))
def test_compare_with_itself_is_a_perfect_match(term):
    try:
        a = xl.compare(term, term)
    except InvalidTermError:
        assert _documented_bad(term)
        return
    assert a.exact_match and a.lemma_match and a.synonym_match and a.vector_match
    assert a.cosine == 1.0 and a.wheel_similarity == 1.0
    assert a.intensity_difference == 0.0 and a.sentiment_agreement
    assert a.f1 == (1.0 if any(a.gold.binary) else 0.0)
    json.dumps(a.to_dict(), allow_nan=False)


@examples(60)
@given(st.one_of(vocabulary_terms, written_terms), st.one_of(vocabulary_terms, written_terms, hostile_text))
def test_similarity_is_symmetric_and_in_range(first, second):
    try:
        ab, ba = xl.compare(first, second), xl.compare(second, first)
    except InvalidTermError:
        assert _documented_bad(second)
        return
    assert ab.cosine == ba.cosine and ab.wheel_similarity == ba.wheel_similarity
    assert ab.exact_match == ba.exact_match and ab.vector_match == ba.vector_match
    assert ab.sentiment_agreement == ba.sentiment_agreement
    assert ab.intensity_difference == pytest.approx(-ba.intensity_difference, abs=1e-9)
    for a in (ab, ba):
        assert 0.0 <= a.cosine <= 1.0 and 0.0 <= a.wheel_similarity <= 1.0 and 0.0 <= a.f1 <= 1.0
        assert -1.0 <= a.intensity_difference <= 1.0
        assert a.explanation and "\n" not in a.explanation


# --- evaluation of arbitrary prediction files ----------------------------------------------------
TINY_TABLE = PaperTable.from_rows([
    ("happy", (0, 0, 0, 0, 1, 0, 0, 1, 1, 0)),
    ("sad", (0, 0, 0, 0, 0, 1, 0, 0, 0, 1)),
    ("angry", (1, 0, 1, 0, 0, 0, 0, 0, 0, 1)),
    ("scared", (1, 0, 0, 1, 0, 0, 0, 0, 0, 1)),
    ("meh", (0,) * 10),                     # a word the table lists with no dimension
    ("happy", (1,) * 10),                   # a duplicate: the first row wins
])
plain_words = st.sampled_from(["happy", "sad", "angry", "scared", "meh", "bittersweet", "not happy", "qwertyuiop",
                               "Happy", "joy", "grief", "heartbroken", "relieved but anxious"])
odd_words = st.one_of(
    st.sampled_from(["Happy", " happy", INVALID, "", "[", "]", "'", '"', ",", "\\", "None", "\x1b[2J",
                     "line\nbreak", "ha\x00ppy", "\u200bjoy", "é" * 300]),
    st.text(max_size=12),
)
#: Mostly words a model could write, sometimes anything at all.
words = st.one_of(plain_words, plain_words, vocabulary_terms, odd_words)
word_lists = st.lists(words, min_size=0, max_size=4)
hostile_literals = st.one_of(
    word_lists.map(lambda w: repr(tuple(w))),
    word_lists.map(lambda w: "[" + ", ".join(w) + "]"),          # unquoted
    word_lists.map(json.dumps),                                   # double quotes
    st.sampled_from(["[]", "[1, 2]", "[None]", "['a', ['b']]", "{'a': 1}", "'happy'", "happy", "",
                     "__import__('os').system('touch PWNED')", "[__import__('os').system('touch PWNED')]",
                     "['a'] + ['b']", "[" * 300 + "]" * 300, "['" + "x" * 200_001 + "']", INVALID,
                     "['happy',", "['sad'] #", "[\"sad\"]", "['\\x00']", "[b'sad']", "[f'{1}']"]),
    st.text(max_size=30),
)


def _sometimes(draw, good, bad, one_in: int = 8):
    """``good`` usually, ``bad`` one time in ``one_in``."""
    return draw(bad) if draw(st.integers(1, one_in)) == 1 else draw(good)


@st.composite
def paper_files(draw) -> bytes:
    """A paper-format CSV: list literals (valid or not), INVALID OUTPUT, any number_of_labels."""
    header = _sometimes(draw, st.just(["labels", "output_formatted", "number_of_labels"]), st.sampled_from([
        ["labels", "output_formatted"],
        ["output_formatted", "labels", "number_of_labels", "extra"],
        ["labels", "output", "number_of_labels"],        # raw answers, cleaned on the fly
        ["labels", "number_of_labels"],                  # no prediction column
        ["labels", "labels", "output_formatted"],        # a duplicate column
    ]), one_in=4)
    rows = []
    for _ in range(draw(st.integers(0, 10))):
        gold = draw(st.lists(words, min_size=1, max_size=3))
        kind = draw(st.integers(0, 9))
        if kind == 0:
            output = INVALID
        elif kind == 1:
            output = draw(hostile_literals)
        elif kind == 2:  # well formed but of the wrong length
            output = repr(draw(word_lists))
        else:
            output = repr(draw(st.lists(words, min_size=len(gold), max_size=len(gold))))
        labels = _sometimes(draw, st.just(repr(gold)), hostile_literals)
        number = _sometimes(draw, st.just(str(len(gold))),
                            st.sampled_from(["", "1.0", "nan", "inf", "x", "-1", "1e400", str(len(gold) + 1)]))
        values = {"labels": labels, "output_formatted": output, "output": output, "number_of_labels": number,
                  "extra": draw(st.text(max_size=5))}
        row = [values[h] for h in header]
        if draw(st.integers(0, 15)) == 0:  # a ragged row
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(st.text(max_size=5), max_size=2))
        rows.append(row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@st.composite
def jsonl_files(draw) -> bytes:
    odd_values = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), st.just([]),
                           st.lists(st.integers(), max_size=2),
                           st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
    lines = []
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.integers(0, 19))
        if kind == 0:
            lines.append(draw(st.text(max_size=20)))                              # not JSON
        elif kind == 1:
            lines.append(json.dumps(draw(st.lists(st.integers(), max_size=2))))  # not an object
        elif kind == 2:
            lines.append(json.dumps({"labels": draw(words)}))                     # a key missing
        else:
            gold = _sometimes(draw, st.one_of(words, st.lists(words, min_size=1, max_size=3)), odd_values)
            n = len(gold) if isinstance(gold, list) else 1
            pred = _sometimes(draw, st.one_of(st.lists(words, min_size=n, max_size=n), st.just(INVALID), st.none()),
                              st.one_of(odd_values, word_lists))
            if isinstance(pred, list) and len(pred) == 1 and draw(st.booleans()):
                pred = pred[0]  # a single word needs no list
            lines.append(json.dumps({"gold": gold, "predicted": pred}, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines).encode("utf-8")


@st.composite
def pairs_files(draw) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_sometimes(draw, st.sampled_from([["gold", "predicted"], ["gold", "prediction"]]),
                               st.sampled_from([["a", "b"], ["gold"], [], ["predicted", "gold", "gold"]])))
    for _ in range(draw(st.integers(0, 10))):
        writer.writerow(_sometimes(draw, st.lists(words, min_size=2, max_size=2),
                                   st.lists(words, min_size=0, max_size=3)))
    return buffer.getvalue().encode("utf-8")


@st.composite
def prediction_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["paper", "jsonl", "pairs"]))
    if kind == "jsonl":
        suffix, data = draw(st.sampled_from([".jsonl", ".ndjson", ".json", ".txt"])), draw(jsonl_files())
    else:
        suffix, data = ".csv", draw(paper_files() if kind == "paper" else pairs_files())
    damage = draw(st.integers(0, 14))
    if damage == 0 and data:      # truncated anywhere, even inside a quoted field or a UTF-8 sequence
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == 1:             # bytes that are not UTF-8
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\xc3", b"\x80\x80"])) + data[at:]
    elif damage == 2:             # a UTF-8 byte-order mark and stray NULs
        data = b"\xef\xbb\xbf" + data.replace(b",", b",\x00", 1)
    elif damage == 3:             # a UTF-16 file
        data = data.decode("utf-8").encode("utf-16")
    return suffix, data


def check_report(report: Report) -> None:
    assert isinstance(report, Report)
    assert report.n_rows >= 1 and report.n_masks >= report.n_rows
    assert 0 <= report.n_invalid <= report.n_rows
    assert 0 <= report.n_valid_masks <= report.n_masks
    assert report.n_skipped >= 0
    m = report.metrics
    assert set(m) == set(HEADLINE_METRICS)
    for name in ("vrate", "acc_lexical", "acc_vector"):  # denominators are never empty
        assert 0.0 <= m[name] <= 1.0, (name, m[name])
    for name in HEADLINE_METRICS:
        low, high = (-1.0, 1.0) if name == "intensity_bias" else (0.0, 1.0)
        value = m[name]
        if math.isnan(value):
            assert report.n_valid_masks == 0 and name not in ("vrate", "acc_lexical", "acc_vector"), name
        else:
            assert low - 1e-12 <= value <= high + 1e-12, (name, value)
        if name in report.ci:
            lo, hi = report.ci[name]
            if not (math.isnan(lo) or math.isnan(hi)):
                assert low <= lo <= hi <= high, (name, lo, hi)
    share_valid = report.n_valid_masks / report.n_masks
    assert m["vrate"] == pytest.approx(1 - report.n_invalid / report.n_rows)
    assert m["acc_lexical"] <= m["acc_vector"] + 1e-12 <= share_valid + 2e-12
    for d in report.per_dimension:
        assert 0.0 <= d.precision <= 1.0 and 0.0 <= d.recall <= 1.0 and 0.0 <= d.f1 <= 1.0
        assert 0 <= d.support <= report.n_valid_masks and 0 <= d.predicted <= report.n_valid_masks
    assert all(v >= 0 for row in report.confusion for v in row)
    assert sum(map(sum, report.confusion)) == pytest.approx(report.n_valid_masks, abs=1e-4)
    assert sum(s.count for s in report.per_label) == report.n_masks
    for s in report.per_label:
        assert 0.0 <= s.acc_lexical <= 1.0 and 0.0 <= s.acc_vector <= 1.0
        assert math.isnan(s.f1_vector) or 0.0 <= s.f1_vector <= 1.0
    data = report.to_dict()
    assert set(PAPER_METRICS) | {"n_rows", "n_masks", "n_invalid", "n_skipped", "ci"} <= set(data)
    json.dumps(data, allow_nan=False)
    assert sum(1 for _ in report.per_mask()) == report.n_masks
    assert isinstance(report.render(), str)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the generated files of this module (hypothesis reruns a test many times)."""
    return tmp_path_factory.mktemp("predictions")


def _evaluate_bytes(workdir: Path, suffix: str, data: bytes, lexicon: object, skip: bool) -> Report | None:
    path = workdir / f"predictions{suffix}"
    path.write_bytes(data)
    marker = workdir / "PWNED"
    cwd = os.getcwd()
    os.chdir(workdir)  # a literal that ran "touch PWNED" would leave the marker here
    try:
        report = xl.evaluate(path, lexicon=lexicon, skip_bad_rows=skip, bootstrap=25, seed=1)
    except PredictionsFormatError as exc:
        message = str(exc)
        assert str(path) in message and "Traceback" not in message
        assert len(message) < 2000
        event("rejected: " + message.split(": ", 1)[-1].split(" (")[0].split(";")[0][:40])
        return None
    finally:
        os.chdir(cwd)
        assert not marker.exists(), "a list literal was executed"
    event(f"report: {'some' if report.n_valid_masks else 'no'} valid masks, "
          f"{'some' if report.n_skipped else 'no'} skipped")
    check_report(report)
    return report


@examples(150)
@given(prediction_files(), st.booleans())
def test_evaluate_metrics_stay_in_range_with_a_paper_table(workdir, file, skip):
    _evaluate_bytes(workdir, *file, lexicon=TINY_TABLE, skip=skip)


@examples(80)
@given(prediction_files(), st.booleans())
@example((".txt", b"\xef\xbb\xbf\r0\n"), False)  # old Mac line ends crashed format detection
def test_evaluate_metrics_stay_in_range_with_the_decomposer(workdir, file, skip):
    _evaluate_bytes(workdir, *file, lexicon=None, skip=skip)


@examples(40)
@given(paper_files())
def test_skipping_bad_rows_never_loses_good_ones(workdir, data):
    """With ``skip_bad_rows`` a file reads iff some row is usable, and every row is counted."""
    strict = _evaluate_bytes(workdir, ".csv", data, TINY_TABLE, skip=False)
    lenient = _evaluate_bytes(workdir, ".csv", data, TINY_TABLE, skip=True)
    if strict is not None:
        assert lenient is not None and lenient.n_skipped == 0
        assert lenient.to_dict() == strict.to_dict()


# --- a damaged ontology is detected on load ------------------------------------------------------
ONTOLOGY_FILES = ("graph.json.gz", "terms.tsv", "plain_words.txt.gz", "manifest.json")


@pytest.fixture(scope="module")
def pristine() -> dict[str, bytes]:
    from express_lexicon.ontology import data_directory

    source = data_directory()  # the current build of the shipped ontology
    return {name: (source / name).read_bytes() for name in ONTOLOGY_FILES}


@st.composite
def damages(draw):
    """One way an installed or copied ontology gets damaged."""
    name = draw(st.sampled_from(ONTOLOGY_FILES))
    kind = draw(st.sampled_from(["truncate", "flip", "zero", "delete", "directory", "replace"]))
    return name, kind, draw(st.floats(0.0, 1.0)), draw(st.integers(1, 255)), draw(st.one_of(
        st.binary(max_size=50),
        st.sampled_from([b"", b"[]", b"null", b"{}", b'{"format_version": 1}', b'{"format_version": 1, "digests": []}',
                         b'{"format_version": 1, "digests": {"terms.tsv": 5}}', b"\x1f\x8b\x08\x00", b"\xff\xfe"]),
        st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                     lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                     max_leaves=6).map(lambda v: json.dumps(v).encode()),
    ))


def _damage(directory: Path, pristine: dict[str, bytes], damage) -> None:
    import shutil

    for name, data in pristine.items():
        path = directory / name
        if path.is_dir():
            shutil.rmtree(path)
        path.write_bytes(data)
    name, kind, where, byte, replacement = damage
    path, data = directory / name, pristine[name]
    at = min(int(where * len(data)), len(data) - 1)
    if kind == "truncate":
        path.write_bytes(data[:at])
    elif kind == "flip":
        path.write_bytes(data[:at] + bytes([data[at] ^ byte]) + data[at + 1:])
    elif kind == "zero":
        path.write_bytes(data[:at] + b"\x00" * 64 + data[at + 64:])
    elif kind == "delete":
        path.unlink()
    elif kind == "directory":
        path.unlink()
        path.mkdir()
    else:
        path.write_bytes(replacement)


@examples(20)
@given(damages())
@example(("manifest.json", "replace", 0.0, 1, b"[]"))                 # JSON, but not an object
@example(("manifest.json", "replace", 0.0, 1, b"[" * 100_000))        # nested past the recursion limit
@example(("graph.json.gz", "zero", 1e-05, 1, b""))                     # a broken deflate block (zlib.error)
def test_a_damaged_ontology_is_detected_on_load(tmp_path_factory, pristine, damage):
    from express_lexicon.errors import OntologyError
    from express_lexicon.validate import validate_directory

    directory = tmp_path_factory.mktemp("ontology")
    _damage(directory, pristine, damage)
    # The term table: checked against the manifest when the lexicon loads.
    try:
        lexicon = Lexicon(directory)
    except OntologyError as exc:
        assert "express-lexicon build" in str(exc), exc
    else:
        for term in ("joy", "heartbroken", "not happy", "bittersweet", VOCABULARY[-1], "chairs"):
            try:
                assert lexicon.decompose(term) == xl.decompose(term)
            except OntologyError as exc:
                # The plain-word list is read on the first miss ("chairs"), and checked then.
                assert damage[0] == "plain_words.txt.gz" and "express-lexicon build" in str(exc), exc
    # The graph and the coded checks.
    try:
        findings = validate_directory(directory)
    except OntologyError as exc:
        assert "express-lexicon build" in str(exc), exc
    else:
        assert all(f.code[0] in "EW" for f in findings)


@examples(60)
@given(vocabulary_terms, st.integers(0, 400), st.sampled_from(b"0123456789.,-\t\n[]\"x\xff\x00"))
def test_a_damaged_term_entry_never_yields_an_out_of_range_decomposition(tmp_path_factory, pristine, term, offset, byte):
    """One byte of a term's line changed: the checksum refuses the table; with ``verify=False``
    the entry is still either reported (with the rebuild hint) or a valid decomposition."""
    from express_lexicon.errors import OntologyError

    data = pristine["terms.tsv"]
    start = data.index(b"\n" + term.encode("utf-8") + b"\t") + 1
    at = min(start + offset, data.index(b"\n", start) - 1)
    assume(data[at] != byte)
    directory = tmp_path_factory.mktemp("ontology")
    (directory / "manifest.json").write_bytes(pristine["manifest.json"])
    (directory / "terms.tsv").write_bytes(data[:at] + bytes([byte]) + data[at + 1:])
    with pytest.raises(OntologyError, match="express-lexicon build"):
        Lexicon(directory)
    loose = Lexicon(directory, verify=False)
    try:
        d = loose.decompose(term)
    except OntologyError as exc:
        assert "express-lexicon build" in str(exc)
    else:
        check_decomposition(d, term)
