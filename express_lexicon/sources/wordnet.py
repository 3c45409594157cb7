"""WordNet 3.0 through nltk's reader, found wherever the user has it.

Search order (the first hit wins):

1. ``nltk_data`` -- nltk's data path, i.e. what ``python -m nltk.downloader wordnet``
   installs (``corpora/wordnet.zip`` or an unpacked ``corpora/wordnet/``). Read in place.
2. ``env`` -- a directory of WordNet dict files named by the environment variable
   ``EXPRESS_LEXICON_WORDNET`` (for example Princeton's ``WordNet-3.0/dict``).
3. ``system`` -- a system install such as Debian's ``wordnet-base`` in ``/usr/share/wordnet``
   (``index.sense`` comes from the separate ``wordnet-sense-index`` package).

nltk cannot read 2 and 3 where they lie: Debian's copy lacks the ``lexnames`` file nltk's
reader opens first, and nltk (3.9.x and later) refuses to open files outside its data
path -- it resolves symbolic links before checking, so a directory of links does not help
either. For those two origins :func:`load_wordnet` therefore assembles an nltk-readable
*copy* once per user in ``$XDG_CACHE_HOME/express-lexicon/wordnet`` (default
``~/.cache/express-lexicon/wordnet``): the WordNet files copied, a ``lexnames`` file
generated from :data:`LEXNAMES` when the source has none, and a stamp. The copy lives in a
directory named after a fingerprint of the source (paths, sizes, modification times), is
built in a private temporary directory and renamed into place, so concurrent processes
never see a half-written copy and an upgraded system WordNet gets a fresh copy. The cache
directory is then added to ``nltk.data.path`` (nltk's documented way of authorising a
data directory).

Nothing here imports nltk at module import time; loading WordNet takes a few seconds and
happens on the first call of :func:`load_wordnet`, whose result is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import WordNetNotFoundError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

__all__ = [
    "ENV_VAR",
    "SYSTEM_WORDNET_DIRS",
    "LEXNAMES",
    "INSTALL_HINT",
    "WordNetLocation",
    "locate_wordnet",
    "load_wordnet",
    "clear_wordnet_cache",
    "wordnet_cache_dir",
    "lexnames_text",
    "wordnet_info",
]

#: Environment variable naming a directory of WordNet dict files (search step 2).
ENV_VAR = "EXPRESS_LEXICON_WORDNET"

#: Directories searched, in order, for a system WordNet (search step 3). Debian and Ubuntu
#: install ``wordnet-base`` into the first; the others are common source-build prefixes.
SYSTEM_WORDNET_DIRS: tuple[str, ...] = (
    "/usr/share/wordnet",
    "/usr/local/share/wordnet",
    "/usr/local/WordNet-3.0/dict",
    "/opt/homebrew/share/wordnet",
)

Origin = Literal["nltk_data", "env", "system"]

#: The WordNet files nltk's reader opens, apart from ``lexnames`` (generated when absent).
_DATA_FILES: tuple[str, ...] = tuple(
    f"{kind}.{pos}" for kind in ("index", "data") for pos in ("noun", "verb", "adj", "adv")
) + tuple(f"{pos}.exc" for pos in ("noun", "verb", "adj", "adv"))
_REQUIRED_FILES: tuple[str, ...] = _DATA_FILES + ("index.sense", "cntlist.rev")

#: The 45 lexicographer files of WordNet 3.0: (number, name, syntactic category), where the
#: category is nltk's/WordNet's 1 noun, 2 verb, 3 adjective, 4 adverb. This is the content
#: of the ``lexnames`` file of the Princeton distribution (see ``lexnames(5WN)``), which
#: Debian's ``wordnet-base`` does not ship; the numbers are the ``lex_filenum`` field of
#: every synset line in the ``data.*`` files, so they must not be reordered.
LEXNAMES: tuple[tuple[int, str, int], ...] = (
    (0, "adj.all", 3),
    (1, "adj.pert", 3),
    (2, "adv.all", 4),
    (3, "noun.Tops", 1),
    (4, "noun.act", 1),
    (5, "noun.animal", 1),
    (6, "noun.artifact", 1),
    (7, "noun.attribute", 1),
    (8, "noun.body", 1),
    (9, "noun.cognition", 1),
    (10, "noun.communication", 1),
    (11, "noun.event", 1),
    (12, "noun.feeling", 1),
    (13, "noun.food", 1),
    (14, "noun.group", 1),
    (15, "noun.location", 1),
    (16, "noun.motive", 1),
    (17, "noun.object", 1),
    (18, "noun.person", 1),
    (19, "noun.phenomenon", 1),
    (20, "noun.plant", 1),
    (21, "noun.possession", 1),
    (22, "noun.process", 1),
    (23, "noun.quantity", 1),
    (24, "noun.relation", 1),
    (25, "noun.shape", 1),
    (26, "noun.state", 1),
    (27, "noun.substance", 1),
    (28, "noun.time", 1),
    (29, "verb.body", 2),
    (30, "verb.change", 2),
    (31, "verb.cognition", 2),
    (32, "verb.communication", 2),
    (33, "verb.competition", 2),
    (34, "verb.consumption", 2),
    (35, "verb.contact", 2),
    (36, "verb.creation", 2),
    (37, "verb.emotion", 2),
    (38, "verb.motion", 2),
    (39, "verb.perception", 2),
    (40, "verb.possession", 2),
    (41, "verb.social", 2),
    (42, "verb.stative", 2),
    (43, "verb.weather", 2),
    (44, "adj.ppl", 3),
)

#: How to install WordNet, quoted in :class:`WordNetNotFoundError` and by ``info``.
INSTALL_HINT = (
    "install WordNet 3.0 in one of two ways: "
    "(a) on Debian/Ubuntu: sudo apt-get install wordnet-base wordnet-sense-index; "
    "(b) with nltk: python -m nltk.downloader wordnet. "
    f"A directory of WordNet dict files can also be named with {ENV_VAR}=/path/to/dict"
)

_STAMP = "express-lexicon-stamp.json"
_COPY_FORMAT = 1
_VERSION_RE = re.compile(r"Word[nN]et (\d+\+?|\d+\.\d+) Copyright")


@dataclass(frozen=True, slots=True)
class WordNetLocation:
    """Where WordNet was found.

    ``path`` is the directory (or, for an nltk download left zipped, the ``wordnet.zip``
    file) holding the data; ``origin`` is the search step that found it; ``version`` is
    the version stated in the data files' licence header (``"3.0"``), or ``None`` when
    the header could not be read.
    """

    path: Path
    origin: Origin
    version: str | None

    def describe(self) -> str:
        """One line for people: ``WordNet 3.0 at /usr/share/wordnet (system)``."""
        return f"WordNet {self.version or '(unknown version)'} at {self.path} ({self.origin})"


def lexnames_text() -> str:
    """The text of a WordNet 3.0 ``lexnames`` file: ``NN<TAB>name<TAB>category`` lines."""
    return "".join(f"{number:02d}\t{name}\t{category}\n" for number, name, category in LEXNAMES)


def wordnet_cache_dir() -> Path:
    """The per-user directory holding assembled nltk-readable WordNet copies.

    ``$XDG_CACHE_HOME/express-lexicon/wordnet`` when ``XDG_CACHE_HOME`` is set to an
    absolute path, otherwise ``~/.cache/express-lexicon/wordnet``. Not created here.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "express-lexicon" / "wordnet"


# --- locating -----------------------------------------------------------------------------


def _missing_files(directory: Path) -> list[str]:
    return [name for name in _REQUIRED_FILES if not (directory / name).is_file()]


def _version_from_lines(lines: Any) -> str | None:
    for number, line in enumerate(lines):
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        match = _VERSION_RE.search(line)
        if match:
            return match.group(1)
        if number > 60:  # the licence header is 29 lines long
            break
    return None


def _version_of_dir(directory: Path) -> str | None:
    try:
        with open(directory / "data.adj", "rb") as handle:
            return _version_from_lines(handle)
    except OSError:
        return None


def _version_of_pointer(pointer: Any) -> str | None:
    try:
        with pointer.join("data.adj").open() as handle:
            return _version_from_lines(handle)
    except (OSError, ValueError, LookupError):
        return None


def _nltk_pointer() -> Any:
    """nltk's path pointer to its own WordNet, found the way ``nltk.corpus.wordnet`` does,
    or ``None``. Our own cache directory is not an nltk data root for this purpose."""
    import nltk.data

    try:
        from nltk.corpus.util import TRY_ZIPFILE_FIRST
    except ImportError:  # pragma: no cover - older nltk
        TRY_ZIPFILE_FIRST = False
    cache = str(wordnet_cache_dir())
    paths = [p for p in nltk.data.path if str(p) != cache]
    names = ["corpora/wordnet", "corpora/wordnet.zip/wordnet/"]
    if TRY_ZIPFILE_FIRST:
        names.reverse()
    for name in names:
        try:
            return nltk.data.find(name, paths=paths)
        except (LookupError, OSError, ValueError):
            continue
    return None


def _pointer_path(pointer: Any) -> Path:
    zip_file = getattr(pointer, "zipfile", None)
    if zip_file is not None:
        return Path(zip_file.filename)
    return Path(str(getattr(pointer, "path", pointer)))


def _locate() -> tuple[WordNetLocation, Any]:
    pointer = _nltk_pointer()
    if pointer is not None:
        location = WordNetLocation(_pointer_path(pointer), "nltk_data", _version_of_pointer(pointer))
        return location, pointer

    env_value = os.environ.get(ENV_VAR, "").strip()
    if env_value:
        directory = Path(env_value).expanduser()
        if not directory.is_dir():
            raise WordNetNotFoundError(
                f"{ENV_VAR}={env_value!r} is not a directory; point it at a directory of "
                f"WordNet dict files (index.noun, data.noun, ...) or unset it. {INSTALL_HINT}"
            )
        missing = _missing_files(directory)
        if missing:
            raise WordNetNotFoundError(
                f"{ENV_VAR}={env_value!r} is not a complete WordNet dict directory: "
                f"it lacks {', '.join(missing)}. {INSTALL_HINT}"
            )
        return WordNetLocation(directory.resolve(), "env", _version_of_dir(directory)), None

    problems = []
    for name in SYSTEM_WORDNET_DIRS:
        directory = Path(name)
        if not (directory / "data.noun").is_file():
            continue
        missing = _missing_files(directory)
        if not missing:
            return WordNetLocation(directory, "system", _version_of_dir(directory)), None
        hint = " (apt-get install wordnet-sense-index)" if "index.sense" in missing else ""
        problems.append(f"{directory} lacks {', '.join(missing)}{hint}")

    found = f" Found but incomplete: {'; '.join(problems)}." if problems else ""
    raise WordNetNotFoundError(
        "wordnet 3.0 was not found in nltk's data path, in "
        f"{ENV_VAR}, or in {', '.join(SYSTEM_WORDNET_DIRS)}.{found} {INSTALL_HINT}"
    )


def locate_wordnet() -> WordNetLocation:
    """Find WordNet without loading it (fast; imports ``nltk.data``).

    Returns the first :class:`WordNetLocation` in the search order of this module.
    Raises :class:`WordNetNotFoundError` whose message says how to install WordNet (both
    the ``apt-get`` and the ``nltk.downloader`` way) when none is found, when
    ``EXPRESS_LEXICON_WORDNET`` names something that is not a complete WordNet directory,
    or when a system copy lacks files (for example ``index.sense``).
    """
    return _locate()[0]


# --- the nltk-readable copy -----------------------------------------------------------------


def _fingerprint(source: Path) -> dict[str, Any]:
    files = {}
    for name in (*_REQUIRED_FILES, "lexnames"):
        path = source / name
        if path.is_file():
            st = path.stat()
            files[name] = [st.st_size, st.st_mtime_ns]
    return {"format": _COPY_FORMAT, "source": str(source.resolve()), "files": files}


def _valid_lexnames(path: Path) -> bool:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return bool(lines) and all(
            int(line.split()[0]) == number and len(line.split()) == 3 for number, line in enumerate(lines)
        )
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return False


def _copy_is_valid(directory: Path, stamp: dict[str, Any]) -> bool:
    try:
        on_disk = json.loads((directory / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return on_disk == stamp and all((directory / name).is_file() for name in (*_REQUIRED_FILES, "lexnames"))


def _copy_target(source: Path, cache: Path) -> tuple[Path, dict[str, Any]]:
    """The directory the copy of ``source`` gets (named by its fingerprint) and the stamp."""
    stamp = _fingerprint(source)
    digest = hashlib.sha256(json.dumps(stamp, sort_keys=True).encode()).hexdigest()[:16]
    return cache / f"wn-{digest}", stamp


def _assemble(source: Path, cache: Path) -> Path:
    """Return a complete nltk-readable copy of ``source`` under ``cache``, building it if
    needed. Safe against concurrent callers: each builds privately and renames."""
    from .._io import owner_tag, sweep_stale

    target, stamp = _copy_target(source, cache)
    if _copy_is_valid(target, stamp):
        return target

    cache.mkdir(parents=True, exist_ok=True)
    # Half-built copies of runs that were killed (their process is gone) go first.
    sweep_stale(cache, ".building-")
    sweep_stale(cache, ".stale-")
    building = Path(tempfile.mkdtemp(prefix=f".building-{owner_tag()}.", dir=cache))
    try:
        for name in _REQUIRED_FILES:
            shutil.copyfile(source / name, building / name)
        lexnames = building / "lexnames"
        if (source / "lexnames").is_file() and _valid_lexnames(source / "lexnames"):
            shutil.copyfile(source / "lexnames", lexnames)
        else:
            lexnames.write_text(lexnames_text(), encoding="utf-8")
        (building / _STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
        # nltk refuses files that others could write: make the modes explicit, not umask's.
        for entry in building.iterdir():
            entry.chmod(0o644)
        building.chmod(0o755)
        for _attempt in range(2):
            try:
                os.rename(building, target)
                _prune_copies(cache, source, keep=target)
                return target
            except OSError:
                if _copy_is_valid(target, stamp):  # another process finished first
                    return target
                # A damaged copy from an interrupted manual edit: move it aside, retry.
                trash = Path(tempfile.mkdtemp(prefix=f".stale-{owner_tag()}.", dir=cache))
                try:
                    os.rename(target, trash / "old")
                except OSError:
                    pass
                shutil.rmtree(trash, ignore_errors=True)
        if _copy_is_valid(target, stamp):
            return target
        raise OSError(f"could not move {building} to {target}")
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)


def _prune_copies(cache: Path, source: Path, keep: Path) -> None:
    """Remove the copies of ``source`` that an earlier fingerprint (other timestamps or
    sizes of the same files) made: each is 35 MB, and only the newest is read again.
    Copies of other WordNet folders stay."""
    wanted = str(source.resolve())
    for entry in cache.glob("wn-*"):
        if entry == keep or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            stamp = json.loads((entry / _STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(stamp, dict) and stamp.get("source") == wanted:
            shutil.rmtree(entry, ignore_errors=True)


def _authorise(directory: Path) -> None:
    """Add ``directory`` to ``nltk.data.path`` (the documented way to let nltk read it)."""
    import nltk.data

    if str(directory) not in [str(p) for p in nltk.data.path]:
        nltk.data.path.append(str(directory))


# --- loading ----------------------------------------------------------------------------------

_lock = threading.Lock()
_readers: dict[tuple[WordNetLocation, Path | None], WordNetCorpusReader] = {}
_reader_class: type | None = None


def _reader_cls() -> type:
    """nltk's ``WordNetCorpusReader`` with one fix, built on first use (imports nltk).

    On construction nltk maps the loaded WordNet onto "the" nltk ``wordnet`` corpus (for
    Open Multilingual Wordnet data, which is keyed to 3.0) by loading that corpus a second
    time -- which fails when WordNet came from anywhere but nltk's data path, and doubles
    the load time when it did. For WordNet 3.0 that mapping is the identity, which nltk
    represents as ``None``; the subclass returns that directly.
    """
    global _reader_class
    if _reader_class is None:
        from nltk.corpus.reader.wordnet import WordNetCorpusReader

        class WordNet30CorpusReader(WordNetCorpusReader):
            """nltk's WordNet reader that knows WordNet 3.0 needs no mapping to itself."""

            def map_wn(self, version: str = "wordnet") -> Any:
                if version == "wordnet" and self.get_version() == "3.0":
                    return None
                try:
                    return super().map_wn(version)
                except LookupError:  # no nltk WordNet to map from: OMW offsets taken as-is
                    return None

        WordNet30CorpusReader.__qualname__ = "WordNet30CorpusReader"
        WordNet30CorpusReader.__module__ = __name__
        _reader_class = WordNet30CorpusReader
    return _reader_class


def load_wordnet() -> WordNetCorpusReader:
    """Return nltk's ``WordNetCorpusReader`` over the first WordNet found (cached).

    The first call takes a few seconds (nltk indexes the lemmas) and, for an ``env`` or
    ``system`` WordNet, may copy about 36 MB into the per-user cache once (see the module
    docstring). Later calls return the same reader as long as the same WordNet is found.
    Raises :class:`WordNetNotFoundError` with installation instructions when no WordNet
    exists, or when the copy cannot be written (it then names the cache directory and
    suggests a writable ``XDG_CACHE_HOME``).
    """
    location, pointer = _locate()
    cache = None if pointer is not None else wordnet_cache_dir()
    key = (location, cache)
    with _lock:
        reader = _readers.get(key)
        if reader is not None:
            if cache is not None:
                _authorise(cache)  # in case nltk.data.path was reset since
            return reader
        if cache is None:
            root: Any = pointer
        else:
            try:
                root = str(_assemble(location.path, cache))
            except OSError as exc:
                raise WordNetNotFoundError(
                    f"found {location.describe()} but could not prepare an nltk-readable copy "
                    f"in {cache}: {exc}; set XDG_CACHE_HOME to a writable directory"
                ) from exc
            _authorise(cache)
        with warnings.catch_warnings():
            # "The multilingual functions are not available": expected, no OMW is loaded.
            warnings.filterwarnings("ignore", message=".*multilingual.*", category=UserWarning)
            try:
                reader = _reader_cls()(root, None)
            except (OSError, ValueError, AssertionError) as exc:
                raise WordNetNotFoundError(
                    f"{location.describe()} could not be read by nltk: {exc}. {INSTALL_HINT}"
                ) from exc
        _readers[key] = reader
        return reader


def clear_wordnet_cache() -> None:
    """Forget the readers :func:`load_wordnet` has cached (the on-disk copy stays), so the
    next call finds and loads WordNet again."""
    with _lock:
        _readers.clear()


def wordnet_info() -> dict[str, Any]:
    """What ``express-lexicon info`` reports about WordNet; never raises, never loads it.

    Returns ``{"found": True, "path", "origin", "version", "readable_copy"}`` (the last is
    the cache copy nltk reads for ``env``/``system`` origins, or ``None`` when it is not
    built yet or not needed) or ``{"found": False, "error", "install_hint"}``.
    """
    try:
        location = locate_wordnet()
    except WordNetNotFoundError as exc:
        return {"found": False, "error": str(exc), "install_hint": INSTALL_HINT}
    except Exception as exc:  # info must report, not crash (e.g. nltk broken)
        return {"found": False, "error": f"{type(exc).__name__}: {exc}", "install_hint": INSTALL_HINT}
    copy = None
    if location.origin != "nltk_data":
        try:
            candidate, stamp = _copy_target(location.path, wordnet_cache_dir())
            copy = str(candidate) if _copy_is_valid(candidate, stamp) else None
        except OSError:
            copy = None
    return {
        "found": True,
        "path": str(location.path),
        "origin": location.origin,
        "version": location.version,
        "readable_copy": copy,
    }
