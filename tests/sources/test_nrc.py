"""NRC lexicons: the EmoLex bundled with NRCLex, and the official file formats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from express_lexicon.errors import ResourceFormatError
from express_lexicon.sources import nrc
from express_lexicon.sources.nrc import (
    EmoLex,
    VADScores,
    bundled_emolex_path,
    load_emolex,
    load_intensity,
    load_vad,
    nrc_files,
)
from express_lexicon.theory import DIMENSIONS

EMOLEX_LINES = [
    # word, emotion, flag for the 10 dimensions of "abandon", "joyful" and a neutral word.
    *(f"abandon\t{d}\t{int(d in {'fear', 'negative', 'sadness'})}" for d in sorted(DIMENSIONS)),
    *(f"joyful\t{d}\t{int(d in {'joy', 'positive', 'trust'})}" for d in sorted(DIMENSIONS)),
    *(f"aardvark\t{d}\t0" for d in sorted(DIMENSIONS)),
]


def write(tmp_path: Path, name: str, lines: list[str] | str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    text = lines if isinstance(lines, str) else "\n".join(lines) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture(autouse=True)
def _no_user_files(monkeypatch):
    for env in nrc.NRC_ENV_VARS.values():
        monkeypatch.delenv(env, raising=False)


# --- EmoLex bundled with NRCLex ---------------------------------------------------------------


def test_bundled_emolex_is_read_without_importing_nrclex() -> None:
    code = (
        "import sys\n"
        "from express_lexicon.sources.nrc import load_emolex\n"
        "e = load_emolex()\n"
        "assert len(e) > 6000, len(e)\n"
        "bad = [m for m in ('nrclex', 'textblob') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_bundled_emolex_content() -> None:
    if bundled_emolex_path() is None:
        pytest.skip("NRCLex is not installed")
    emolex = load_emolex()
    assert isinstance(emolex, EmoLex)
    assert "NRCLex" in emolex.source and emolex.version.startswith("nrclex-")
    assert len(emolex) == emolex.emotional_word_count > 6000  # NRCLex keeps associated words only
    assert emolex.dimensions("abandon") == {"fear", "negative", "sadness"}
    assert emolex.dimensions("ABANDON ") == {"fear", "negative", "sadness"}
    assert emolex.vector("abandon") == (0, 0, 0, 1, 0, 1, 0, 0, 0, 1)
    assert emolex.vector("bittersweet") == (0,) * 10
    assert "abandon" in emolex and "bittersweet" not in emolex and 3 not in emolex
    every = set().union(*emolex.words.values())
    assert every == set(DIMENSIONS)
    assert load_emolex() is emolex  # cached


def test_emolex_records_are_immutable() -> None:
    emolex = load_emolex()
    with pytest.raises(AttributeError):
        emolex.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        emolex.words["new"] = frozenset()  # type: ignore[index]


# --- EmoLex official word-level file ------------------------------------------------------


def test_official_wordlevel_file(tmp_path) -> None:
    path = write(tmp_path, "NRC-Emotion-Lexicon-Wordlevel-v0.92.txt", EMOLEX_LINES)
    emolex = load_emolex(path)
    assert len(emolex) == 3
    assert emolex.emotional_word_count == 2
    assert emolex.dimensions("joyful") == {"joy", "positive", "trust"}
    assert emolex.dimensions("aardvark") == frozenset() and "aardvark" in emolex
    assert emolex.version == "v0.92"
    assert str(path) in emolex.source


def test_official_file_with_header_crlf_and_bom(tmp_path) -> None:
    text = "\ufeffword\temotion\tassociation\r\n" + "\r\n".join(EMOLEX_LINES) + "\r\n"
    emolex = load_emolex(write(tmp_path, "emolex.txt", text))
    assert emolex.dimensions("abandon") == {"fear", "negative", "sadness"}
    assert emolex.version == "unknown"


def test_emolex_from_environment_variable(tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "emolex.txt", EMOLEX_LINES)
    monkeypatch.setenv(nrc.EMOLEX_ENV, str(path))
    assert load_emolex().dimensions("joyful") == {"joy", "positive", "trust"}
    assert nrc_files()["emolex"] == {"env": nrc.EMOLEX_ENV, "path": str(path), "status": "found"}


def test_emolex_json_in_nrclex_format(tmp_path) -> None:
    path = write(tmp_path, "lex.json", '{"glad": ["joy", "positive"], "Gloom": ["sadness"]}')
    emolex = load_emolex(path)
    assert emolex.dimensions("gloom") == {"sadness"}


def test_user_file_is_reread_after_it_changes(tmp_path) -> None:
    path = write(tmp_path, "emolex.txt", EMOLEX_LINES)
    first = load_emolex(path)
    assert load_emolex(path) is first
    write(tmp_path, "emolex.txt", [*EMOLEX_LINES, "zest\tjoy\t1", "zest\tpositive\t1"])
    second = load_emolex(path)
    assert second is not first and second.dimensions("zest") == {"joy", "positive"}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["abandon\tfear\t1", "abandon\tfear"], r"line 2 has 2 tab-separated fields, expected 3"),
        (["abandon\tfear\t1", "", "abandon\tjealousy\t1"], r"line 3: unknown emotion 'jealousy'"),
        (["abandon\tfear\tyes"], r"line 1: association 'yes' is not 0 or 1"),
        (["abandon fear 1"], r"line 1 has 1 tab-separated fields"),
        (["\tfear\t1"], r"line 1: empty word"),
        ([""], r"no EmoLex entries"),
    ],
)
def test_malformed_emolex_names_file_and_line(tmp_path, lines, expected) -> None:
    path = write(tmp_path, "emolex.txt", lines)
    with pytest.raises(ResourceFormatError, match=expected) as info:
        load_emolex(path)
    assert str(path) in str(info.value)


def test_non_utf8_file_names_the_line(tmp_path) -> None:
    path = tmp_path / "emolex.txt"
    path.write_bytes(b"abandon\tfear\t1\ncaf\xe9\tjoy\t1\n")
    with pytest.raises(ResourceFormatError, match=r"emolex\.txt: line 2 is not valid UTF-8 \(byte 0xe9"):
        load_emolex(path)


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ResourceFormatError, match=r"missing\.txt: NRC EmoLex file not found"):
        load_emolex(tmp_path / "missing.txt")


def test_bad_json_names_the_entry(tmp_path) -> None:
    with pytest.raises(ResourceFormatError, match=r"entry 'glad': unknown emotion 'glee'"):
        load_emolex(write(tmp_path, "lex.json", '{"glad": ["glee"]}'))
    with pytest.raises(ResourceFormatError, match=r"line 1: not valid JSON"):
        load_emolex(write(tmp_path, "lex2.json", '{"glad": '))


# --- NRC Emotion Intensity -------------------------------------------------------------------


def test_intensity_file(tmp_path) -> None:
    path = write(tmp_path, "NRC-Emotion-Intensity-Lexicon-v1.txt", [
        "word\temotion\temotion-intensity-score",
        "outraged\tanger\t0.964",
        "outraged\tdisgust\t0.5",
        "grief\tsadness\t1",
        "calm\tjoy\t0",
    ])
    lexicon = load_intensity(path)
    assert len(lexicon) == 3
    assert dict(lexicon.intensities("Outraged")) == {"anger": 0.964, "disgust": 0.5}
    assert lexicon.intensities("grief")["sadness"] == 1.0
    assert dict(lexicon.intensities("unknown")) == {}
    assert lexicon.version == "v1" and "outraged" in lexicon


def test_intensity_file_in_the_2017_affect_intensity_column_order(tmp_path) -> None:
    path = write(tmp_path, "affect.txt", ["term\tscore\tAffectDimension", "outraged\t0.964\tanger"])
    assert load_intensity(path).intensities("outraged") == {"anger": 0.964}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("grief\tsadness\thigh", r"line 2: score 'high' is not a number"),
        ("grief\tsadness\t1.5", r"line 2: score 1.5 is outside \[0, 1\]"),
        ("grief\tsadness\t-0.1", r"line 2: score -0.1 is outside \[0, 1\]"),
        ("grief\tsadness\tnan", r"line 2: score nan is outside \[0, 1\]"),
        ("grief\tpositive\t0.5", r"line 2: unknown emotion 'positive'"),
        ("grief\t0.5", r"line 2 has 2 tab-separated fields, expected 3"),
    ],
)
def test_malformed_intensity_names_file_and_line(tmp_path, line, expected) -> None:
    path = write(tmp_path, "intensity.txt", ["calm\tjoy\t0.2", line])
    with pytest.raises(ResourceFormatError, match=expected) as info:
        load_intensity(path)
    assert str(path) in str(info.value)


def test_intensity_without_a_file_says_how_to_give_one(monkeypatch, tmp_path) -> None:
    with pytest.raises(ResourceFormatError, match=nrc.INTENSITY_ENV):
        load_intensity()
    path = write(tmp_path, "i.txt", ["calm\tjoy\t0.2"])
    monkeypatch.setenv(nrc.INTENSITY_ENV, str(path))
    assert load_intensity().intensities("calm") == {"joy": 0.2}


# --- NRC VAD ----------------------------------------------------------------------------------


def test_vad_file_v1_scale(tmp_path) -> None:
    path = write(tmp_path, "NRC-VAD-Lexicon.txt", [
        "Word\tValence\tArousal\tDominance",
        "aardvark\t0.427\t0.490\t0.437",
        "joy\t0.980\t0.824\t0.794",
    ])
    lexicon = load_vad(path)
    assert len(lexicon) == 2 and lexicon.scale == "0..1"
    assert lexicon.get("JOY") == VADScores(0.98, 0.824, 0.794)
    assert lexicon.get("missing") is None


def test_vad_file_v2_scale(tmp_path) -> None:
    path = write(tmp_path, "NRC-VAD-Lexicon-v2.1.txt", ["term\tvalence\tarousal\tdominance", "grief\t-0.9\t0.3\t-0.4"])
    lexicon = load_vad(path)
    assert lexicon.scale == "-1..1" and lexicon.version == "v2.1"
    assert lexicon.get("grief") == VADScores(-0.9, 0.3, -0.4)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("joy\t0.9\t0.8", r"line 3 has 3 tab-separated fields, expected 4"),
        ("joy\t0.9\tlots\t0.1", r"line 3: arousal 'lots' is not a number"),
        ("joy\t0.9\t0.8\t1.2", r"line 3: dominance 1.2 is outside \[-1, 1\]"),
    ],
)
def test_malformed_vad_names_file_and_line(tmp_path, line, expected) -> None:
    path = write(tmp_path, "vad.txt", ["Word\tValence\tArousal\tDominance", "calm\t0.8\t0.1\t0.5", line])
    with pytest.raises(ResourceFormatError, match=expected):
        load_vad(path)


# --- environment report ---------------------------------------------------------------------


def test_nrc_files_reports_unset_found_and_missing(tmp_path, monkeypatch) -> None:
    present = write(tmp_path, "vad.txt", ["joy\t1\t1\t1"])
    monkeypatch.setenv(nrc.VAD_ENV, str(present))
    monkeypatch.setenv(nrc.INTENSITY_ENV, str(tmp_path / "nope.txt"))
    report = nrc_files()
    assert report["emolex"]["status"] == "unset"
    assert report["intensity"] == {"env": nrc.INTENSITY_ENV, "path": str(tmp_path / "nope.txt"), "status": "missing"}
    assert report["vad"]["status"] == "found"


def test_bundled_intensity_is_read_as_data_and_has_the_published_size():
    import sys

    from express_lexicon.sources.nrc import INTENSITY_PAIRS, INTENSITY_WORDS, load_bundled_intensity

    lexicon = load_bundled_intensity()
    if lexicon is None:
        pytest.skip("emotion-nrc-affect-lex is not installed (pip install --no-deps emotion-nrc-affect-lex)")
    assert "emotion" not in sys.modules  # read with ast, never imported
    assert len(lexicon) == INTENSITY_WORDS
    assert sum(len(v) for v in lexicon.scores.values()) == INTENSITY_PAIRS
    assert lexicon.intensities("furious")["anger"] > lexicon.intensities("annoyed")["anger"]
    assert lexicon.version.startswith("emotion-nrc-affect-lex-")


def test_bundled_intensity_of_the_wrong_size_is_refused(tmp_path):
    from express_lexicon.sources.nrc import _parse_intensity_module

    module = tmp_path / "emotion.py"
    module.write_text("class Emo:\n    lexicon = {'happy': {'joy': 0.8}}\n", encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="9921"):
        _parse_intensity_module(module)
    module.write_text("lexicon = {'happy': {'glee': 0.8}}\n", encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="unknown emotion"):
        _parse_intensity_module(module)
    module.write_text("lexicon = __import__('os').system('true')\n", encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="not plain data"):
        _parse_intensity_module(module)
