"""NRC lexicons: EmoLex (bundled through NRCLex, or the official file), Emotion Intensity, VAD.

The NRC lexicons are free for research use only; the package never ships them. By default
:func:`load_emolex` reads the copy of EmoLex that the NRCLex package carries
(``nrclex/data/nrc_en.json``: every EmoLex word with at least one association). The file
is located with :func:`importlib.util.find_spec`, which does not import NRCLex (whose
``NRCLex`` class pulls in TextBlob).

Users who have downloaded the official NRC files can read them from a path, or name them
in environment variables (``EXPRESS_LEXICON_EMOLEX``, ``EXPRESS_LEXICON_INTENSITY``,
``EXPRESS_LEXICON_VAD``) so that every command picks them up:

- EmoLex word level (``NRC-Emotion-Lexicon-Wordlevel-v0.92.txt``): ``word<TAB>emotion<TAB>0|1``
- NRC Emotion Intensity (``NRC-Emotion-Intensity-Lexicon-v1.txt``): ``word<TAB>emotion<TAB>score``
- NRC VAD (``NRC-VAD-Lexicon.txt``): ``word<TAB>valence<TAB>arousal<TAB>dominance``

A header line (first field ``word`` or ``term``) is tolerated in all three. Any malformed
line raises :class:`ResourceFormatError` naming the file and the line number. Readers
cache by path, size and modification time, so re-reading an unchanged file is free.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources, util
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from ..errors import ResourceFormatError
from ..theory import DIMENSIONS, EMOTIONS

__all__ = [
    "EMOLEX_ENV",
    "INTENSITY_ENV",
    "VAD_ENV",
    "NRC_ENV_VARS",
    "EmoLex",
    "EmotionIntensity",
    "VADScores",
    "VADLexicon",
    "load_emolex",
    "load_intensity",
    "bundled_intensity_path",
    "load_bundled_intensity",
    "INTENSITY_PAIRS",
    "INTENSITY_WORDS",
    "load_vad",
    "bundled_emolex_path",
    "nrc_files",
    "clear_nrc_cache",
]

#: Environment variables naming user-supplied official NRC files.
EMOLEX_ENV = "EXPRESS_LEXICON_EMOLEX"
INTENSITY_ENV = "EXPRESS_LEXICON_INTENSITY"
VAD_ENV = "EXPRESS_LEXICON_VAD"
NRC_ENV_VARS: dict[str, str] = {"emolex": EMOLEX_ENV, "intensity": INTENSITY_ENV, "vad": VAD_ENV}

_DIMENSION_SET = frozenset(DIMENSIONS)
_EMOTION_SET = frozenset(EMOTIONS)
#: Spellings of dimension names found in some NRC releases, mapped to ours.
_ALIASES = {"anticip": "anticipation", "pos": "positive", "neg": "negative"}
_HEADER_FIRST_FIELDS = frozenset({"word", "term", "english word", "english (en)"})
_MAX_ERROR_VALUE = 60


def _frozen_map(data: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(data)


@dataclass(frozen=True, eq=False)
class EmoLex:
    """NRC EmoLex: each word mapped to the set of its dimensions (of the 10 in vector order).

    ``words`` maps a lower-case word to a frozenset of dimension names (empty for an
    official-file word with no association). ``source`` says where the data came from
    (a path and a description), ``version`` which release it is.
    """

    words: Mapping[str, frozenset[str]] = field(repr=False)
    source: str
    version: str

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def dimensions(self, word: str) -> frozenset[str]:
        """The dimensions of ``word`` (case-insensitive); empty when it is not listed."""
        return self.words.get(word.strip().lower(), frozenset())

    def vector(self, word: str) -> tuple[int, ...]:
        """The 10-dimensional 0/1 vector of ``word`` in :data:`~express_lexicon.theory.DIMENSIONS`
        order; all zeros when it is not listed."""
        dims = self.dimensions(word)
        return tuple(int(d in dims) for d in DIMENSIONS)

    @property
    def emotional_word_count(self) -> int:
        """How many words have at least one emotion or sentiment."""
        return sum(1 for dims in self.words.values() if dims)


@dataclass(frozen=True, eq=False)
class EmotionIntensity:
    """NRC Emotion Intensity: word → {emotion: score in [0, 1]} for the 8 basic emotions."""

    scores: Mapping[str, Mapping[str, float]] = field(repr=False)
    source: str
    version: str

    def __len__(self) -> int:
        return len(self.scores)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.scores

    def intensities(self, word: str) -> Mapping[str, float]:
        """The emotion scores of ``word`` (case-insensitive); empty when it is not listed."""
        return self.scores.get(word.strip().lower(), _frozen_map({}))


@dataclass(frozen=True, slots=True)
class VADScores:
    """Valence, arousal and dominance of one word, on the scale of the file it came from."""

    valence: float
    arousal: float
    dominance: float


@dataclass(frozen=True, eq=False)
class VADLexicon:
    """NRC VAD: word → :class:`VADScores`.

    ``scale`` is ``"0..1"`` (NRC VAD v1, 2018) or ``"-1..1"`` (v2, 2025), detected from the
    values: any negative value means the v2 scale.
    """

    scores: Mapping[str, VADScores] = field(repr=False)
    source: str
    version: str
    scale: Literal["0..1", "-1..1"]

    def __len__(self) -> int:
        return len(self.scores)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.scores

    def get(self, word: str) -> VADScores | None:
        """The scores of ``word`` (case-insensitive), or ``None`` when it is not listed."""
        return self.scores.get(word.strip().lower())


# --- reading lines ------------------------------------------------------------------------


def _short(value: str) -> str:
    return repr(value if len(value) <= _MAX_ERROR_VALUE else value[:_MAX_ERROR_VALUE] + "...")


def _resolve_path(path: str | os.PathLike[str], what: str) -> Path:
    p = Path(path).expanduser()
    if not p.is_file():
        raise ResourceFormatError(f"{p}: {what} file not found (or not a regular file)")
    return p


def _tab_lines(path: Path, fields: int | tuple[int, ...]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, fields)`` of a tab-separated file, skipping blank lines.

    Raises :class:`ResourceFormatError` naming file and line for non-UTF-8 bytes or a
    wrong number of fields.
    """
    allowed = (fields,) if isinstance(fields, int) else fields
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ResourceFormatError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as exc:
            raise ResourceFormatError(
                f"{path}: line {number} is not valid UTF-8 (byte {raw[exc.start]:#04x} at column {exc.start + 1})"
            ) from None
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) not in allowed:
            expected = " or ".join(str(n) for n in allowed)
            raise ResourceFormatError(
                f"{path}: line {number} has {len(parts)} tab-separated fields, expected {expected}: {_short(line)}"
            )
        yield number, parts


def _is_header(parts: list[str], seen_data: bool) -> bool:
    return not seen_data and parts[0].lower() in _HEADER_FIRST_FIELDS


def _number(path: Path, number: int, text: str, what: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ResourceFormatError(f"{path}: line {number}: {what} {_short(text)} is not a number") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ResourceFormatError(f"{path}: line {number}: {what} {text} is outside [{low:g}, {high:g}]")
    return value


def _word(path: Path, number: int, text: str) -> str:
    word = text.strip().lower()
    if not word:
        raise ResourceFormatError(f"{path}: line {number}: empty word")
    return word


def _dimension(path: Path, number: int, text: str, allowed: frozenset[str]) -> str:
    name = text.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in allowed:
        raise ResourceFormatError(
            f"{path}: line {number}: unknown emotion {_short(text)}; expected one of {', '.join(sorted(allowed))}"
        )
    return name


def _release(path: Path) -> str:
    stem = path.stem
    for marker in ("-v", "_v"):
        if marker in stem:
            tail = stem.rsplit(marker, 1)[1]
            if tail[:1].isdigit():
                return "v" + tail
    return "unknown"


# --- parsers ---------------------------------------------------------------------------------


def _parse_emolex_wordlevel(path: Path) -> EmoLex:
    words: dict[str, set[str]] = {}
    seen_data = False
    for number, parts in _tab_lines(path, 3):
        if _is_header(parts, seen_data):
            continue
        seen_data = True
        word = _word(path, number, parts[0])
        dim = _dimension(path, number, parts[1], _DIMENSION_SET)
        flag = parts[2]
        if flag not in ("0", "1"):
            raise ResourceFormatError(f"{path}: line {number}: association {_short(flag)} is not 0 or 1")
        dims = words.setdefault(word, set())
        if flag == "1":
            dims.add(dim)
    if not words:
        raise ResourceFormatError(f"{path}: no EmoLex entries (expected word<TAB>emotion<TAB>0|1 lines)")
    frozen = {word: frozenset(dims) for word, dims in words.items()}
    return EmoLex(_frozen_map(frozen), f"NRC EmoLex word-level file {path}", _release(path))


def _parse_emolex_json(path: Path, text: str, source: str, version: str) -> EmoLex:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResourceFormatError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ResourceFormatError(f"{path}: expected a JSON object mapping words to lists of emotions")
    words: dict[str, frozenset[str]] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not key.strip():
            raise ResourceFormatError(f"{path}: entry {_short(str(key))}: empty word")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ResourceFormatError(f"{path}: entry {_short(key)}: expected a list of emotion names")
        dims = set()
        for name in value:
            norm = _ALIASES.get(name.strip().lower(), name.strip().lower())
            if norm not in _DIMENSION_SET:
                raise ResourceFormatError(f"{path}: entry {_short(key)}: unknown emotion {_short(name)}")
            dims.add(norm)
        word = key.strip().lower()
        words[word] = words.get(word, frozenset()) | frozenset(dims)
    if not words:
        raise ResourceFormatError(f"{path}: no EmoLex entries")
    return EmoLex(_frozen_map(words), source, version)


def _parse_intensity(path: Path) -> EmotionIntensity:
    scores: dict[str, dict[str, float]] = {}
    seen_data = False
    # The 2017 "NRC Affect Intensity" release has the columns term, score, AffectDimension;
    # its header says so, and then the score comes second.
    emotion_column, score_column = 1, 2
    for number, parts in _tab_lines(path, 3):
        if _is_header(parts, seen_data):
            if parts[1].lower() == "score":
                emotion_column, score_column = 2, 1
            continue
        seen_data = True
        word = _word(path, number, parts[0])
        emotion = _dimension(path, number, parts[emotion_column], _EMOTION_SET)
        scores.setdefault(word, {})[emotion] = _number(path, number, parts[score_column], "score", 0.0, 1.0)
    if not scores:
        raise ResourceFormatError(f"{path}: no NRC Emotion Intensity entries (expected word<TAB>emotion<TAB>score lines)")
    frozen = {word: _frozen_map(values) for word, values in scores.items()}
    return EmotionIntensity(_frozen_map(frozen), f"NRC Emotion Intensity file {path}", _release(path))


def _parse_vad(path: Path) -> VADLexicon:
    scores: dict[str, VADScores] = {}
    seen_data = False
    negative = False
    for number, parts in _tab_lines(path, 4):
        if _is_header(parts, seen_data):
            continue
        seen_data = True
        word = _word(path, number, parts[0])
        v, a, d = (
            _number(path, number, text, name, -1.0, 1.0)
            for text, name in zip(parts[1:], ("valence", "arousal", "dominance"))
        )
        negative = negative or min(v, a, d) < 0
        scores[word] = VADScores(v, a, d)
    if not scores:
        raise ResourceFormatError(f"{path}: no NRC VAD entries (expected word<TAB>valence<TAB>arousal<TAB>dominance lines)")
    return VADLexicon(_frozen_map(scores), f"NRC VAD file {path}", _release(path), "-1..1" if negative else "0..1")


# --- public loaders with a cache ------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[tuple[str, str, int, int], Any] = {}


def _cached(kind: str, path: Path, parse: Any) -> Any:
    st = path.stat()
    key = (kind, str(path.resolve()), st.st_size, st.st_mtime_ns)
    with _lock:
        if key in _cache:
            return _cache[key]
    value = parse(path)
    with _lock:
        _cache[key] = value
    return value


def clear_nrc_cache() -> None:
    """Forget every lexicon read so far (the next load reads the files again)."""
    with _lock:
        _cache.clear()


def bundled_emolex_path() -> Path | None:
    """The path of the EmoLex JSON that NRCLex ships, without importing NRCLex; ``None``
    when NRCLex is not installed or the file is missing."""
    try:
        spec = util.find_spec("nrclex")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    for location in spec.submodule_search_locations or ():
        candidate = Path(location) / "data" / "nrc_en.json"
        if candidate.is_file():
            return candidate
    return None


def _nrclex_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("NRCLex")
    except metadata.PackageNotFoundError:
        return "unknown"


def _load_bundled() -> EmoLex:
    version = f"nrclex-{_nrclex_version()}"
    path = bundled_emolex_path()
    if path is not None:
        source = f"NRC EmoLex as bundled by NRCLex {_nrclex_version()} ({path})"

        def parse(p: Path) -> EmoLex:
            try:
                text = p.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise ResourceFormatError(f"{p}: not valid UTF-8 (byte offset {exc.start})") from None
            return _parse_emolex_json(p, text, source, version)

        return _cached("emolex-json", path, parse)
    # Unusual installs (zipped packages): fall back to importlib.resources, which imports
    # nrclex/__init__.py (and nrclex.core, standard library only) but not TextBlob.
    try:
        resource = resources.files("nrclex.data").joinpath("nrc_en.json")
        text = resource.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise ResourceFormatError(
            "the EmoLex data of the NRCLex package (nrclex/data/nrc_en.json) was not found; "
            f"pip install NRCLex, or pass the official EmoLex file (or set {EMOLEX_ENV})"
        ) from exc
    return _parse_emolex_json(Path(str(resource)), text, f"NRC EmoLex as bundled by NRCLex ({resource})", version)


def load_emolex(path: str | os.PathLike[str] | None = None) -> EmoLex:
    """Return NRC EmoLex.

    With ``path``: the official word-level file (``word<TAB>emotion<TAB>0|1``; every word,
    including those with no association) or a ``.json`` object in NRCLex's format
    (word → list of dimensions). Without: the file named by ``EXPRESS_LEXICON_EMOLEX`` if
    that is set, else the EmoLex data NRCLex ships (6,468 words, all with at least one
    association). Raises :class:`ResourceFormatError` naming the file and line on a
    missing file, wrong field count, unknown emotion, a flag other than 0/1 or non-UTF-8
    bytes. Cached per file.
    """
    if path is None:
        env = os.environ.get(EMOLEX_ENV, "").strip()
        if not env:
            return _load_bundled()
        path = env
    p = _resolve_path(path, "NRC EmoLex")
    if p.suffix.lower() == ".json":
        def parse(q: Path) -> EmoLex:
            try:
                text = q.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise ResourceFormatError(f"{q}: not valid UTF-8 (byte offset {exc.start})") from None
            return _parse_emolex_json(q, text, f"NRC EmoLex JSON file {q}", _release(q))

        return _cached("emolex-json", p, parse)
    return _cached("emolex", p, _parse_emolex_wordlevel)


def _user_path(path: str | os.PathLike[str] | None, env: str, what: str) -> Path:
    if path is None:
        value = os.environ.get(env, "").strip()
        if not value:
            raise ResourceFormatError(
                f"no {what} file given: pass its path or set {env} (the NRC lexicons are "
                "downloaded from https://saifmohammad.com/WebPages/lexicons.html)"
            )
        path = value
    return _resolve_path(path, what)


#: Published size of the NRC Emotion Intensity Lexicon as carried by ``emotion-nrc-affect-lex``
#: 0.0.3: word-emotion scores and distinct words. The bundled reader checks both.
INTENSITY_PAIRS = 9921
INTENSITY_WORDS = 5975
_INTENSITY_CARRIER = "emotion-nrc-affect-lex"


def bundled_intensity_path() -> Path | None:
    """The module file ``emotion.py`` of the ``emotion-nrc-affect-lex`` package, which holds
    the NRC Emotion Intensity Lexicon as a dict literal; ``None`` when it is not installed.

    Located with :func:`importlib.util.find_spec`, which does not import the module: it
    imports TextBlob and pins an old pandas, so the package is installed with
    ``pip install --no-deps`` and only ever read as data."""
    try:
        spec = util.find_spec("emotion")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    path = Path(spec.origin)
    return path if path.is_file() else None


def _carrier_version() -> str:
    from importlib import metadata

    try:
        return metadata.version(_INTENSITY_CARRIER)
    except metadata.PackageNotFoundError:
        return "unknown"


def _parse_intensity_module(path: Path) -> EmotionIntensity:
    """The ``lexicon = {word: {emotion: score}}`` literal of the carrier module, read with
    :mod:`ast` (never executed). Raises :class:`ResourceFormatError` when the literal is
    missing, malformed, or not the published size."""
    import ast

    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (UnicodeDecodeError, SyntaxError, ValueError) as exc:
        raise ResourceFormatError(f"{path}: not a readable Python module ({exc})") from None
    literal = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "lexicon" for t in node.targets):
            literal = node.value
            break
    if literal is None:
        raise ResourceFormatError(f"{path}: no `lexicon = {{...}}` literal (not the {_INTENSITY_CARRIER} module?)")
    try:
        data = ast.literal_eval(literal)
    except (ValueError, TypeError, SyntaxError, RecursionError) as exc:
        raise ResourceFormatError(f"{path}: the lexicon literal is not plain data ({exc})") from None
    if not isinstance(data, dict):
        raise ResourceFormatError(f"{path}: the lexicon literal is not a dict")
    scores: dict[str, Mapping[str, float]] = {}
    pairs = 0
    for word, values in data.items():
        if not isinstance(word, str) or not isinstance(values, dict):
            raise ResourceFormatError(f"{path}: entry {_short(repr(word))} is not word -> {{emotion: score}}")
        entry: dict[str, float] = {}
        for emotion, score in values.items():
            if emotion not in _EMOTION_SET:
                raise ResourceFormatError(f"{path}: entry {_short(word)}: unknown emotion {_short(repr(emotion))}")
            if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0.0 <= score <= 1.0:
                raise ResourceFormatError(f"{path}: entry {_short(word)}: score {_short(repr(score))} is not in [0, 1]")
            # The carrier stores binary floats such as 0.9640000000000001; the lexicon has 3 decimals.
            entry[emotion] = round(float(score), 3)
            pairs += 1
        scores[word.strip().lower()] = _frozen_map(entry)
    if pairs != INTENSITY_PAIRS or len(scores) != INTENSITY_WORDS:
        raise ResourceFormatError(
            f"{path}: {pairs} word-emotion scores for {len(scores)} words, but the NRC Emotion Intensity "
            f"Lexicon has {INTENSITY_PAIRS} for {INTENSITY_WORDS}; reinstall {_INTENSITY_CARRIER}==0.0.3 "
            "(pip install --no-deps) or pass the official file"
        )
    version = f"{_INTENSITY_CARRIER}-{_carrier_version()}"
    return EmotionIntensity(_frozen_map(scores), f"NRC Emotion Intensity as carried by {_INTENSITY_CARRIER} ({path})", version)


def load_bundled_intensity() -> EmotionIntensity | None:
    """The NRC Emotion Intensity Lexicon from the ``emotion-nrc-affect-lex`` package, or
    ``None`` when that package is not installed. Raises :class:`ResourceFormatError` when
    the file is there but damaged or of another size than the published lexicon."""
    path = bundled_intensity_path()
    if path is None:
        return None
    return _cached("intensity-module", path, _parse_intensity_module)


def load_intensity(path: str | os.PathLike[str] | None = None) -> EmotionIntensity:
    """Return the NRC Emotion Intensity lexicon from ``path`` (or ``EXPRESS_LEXICON_INTENSITY``).

    Lines are ``word<TAB>emotion<TAB>score`` with one of the 8 basic emotions and a score
    in [0, 1]; a header line is skipped. Raises :class:`ResourceFormatError` naming the
    file and line on a wrong field count, unknown emotion, a score that is not a number or
    lies outside [0, 1], non-UTF-8 bytes, or when no file is given. Cached per file.
    """
    return _cached("intensity", _user_path(path, INTENSITY_ENV, "NRC Emotion Intensity"), _parse_intensity)


def load_vad(path: str | os.PathLike[str] | None = None) -> VADLexicon:
    """Return the NRC VAD lexicon from ``path`` (or ``EXPRESS_LEXICON_VAD``).

    Lines are ``word<TAB>valence<TAB>arousal<TAB>dominance``; a header line is skipped.
    Scores must be numbers in [0, 1] (v1) or [-1, 1] (v2); see :attr:`VADLexicon.scale`.
    Raises :class:`ResourceFormatError` naming the file and line on a wrong field count, a
    value that is not a number or out of range, non-UTF-8 bytes, or when no file is
    given. Cached per file.
    """
    return _cached("vad", _user_path(path, VAD_ENV, "NRC VAD"), _parse_vad)


def nrc_files() -> dict[str, dict[str, Any]]:
    """Status of the optional user NRC files named by the environment variables.

    Returns ``{"emolex"|"intensity"|"vad": {"env": NAME, "path": str|None, "status":
    "unset"|"found"|"missing"}}``. Only checks that the file exists; never raises.
    """
    report: dict[str, dict[str, Any]] = {}
    for key, env in NRC_ENV_VARS.items():
        value = os.environ.get(env, "").strip()
        if not value:
            report[key] = {"env": env, "path": None, "status": "unset"}
        else:
            found = Path(value).expanduser().is_file()
            report[key] = {"env": env, "path": value, "status": "found" if found else "missing"}
    return report
