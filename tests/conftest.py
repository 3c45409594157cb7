"""Shared pytest fixtures.

Keep these generic: they hide or fake external resources (the EXPRESS reference files,
nltk's data path, WordNet, the per-user cache) so that every test states what it needs.
Add fixtures for other layers below the existing ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Environment variable naming the EXPRESS reference directory (masking-vocabulary.txt, ...).
REFERENCE_ENV = "EXPRESS_REFERENCE_DIR"
#: Where the reference files live next to a checkout (``../shared/express-reference``).
DEFAULT_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "express-reference"

# A licence header like the one in real WordNet data files (nltk reads the version from it).
_FAKE_WORDNET_HEADER = (
    "  1 A tiny fake WordNet for express-lexicon's tests.  \n"
    "  2 WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.  \n"
)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The EXPRESS reference directory; skips the test when it is absent.

    ``$EXPRESS_REFERENCE_DIR`` if set, else ``../shared/express-reference`` next to the
    repository.
    """
    value = os.environ.get(REFERENCE_ENV, "").strip()
    path = Path(value) if value else DEFAULT_REFERENCE_DIR
    if not (path / "masking-vocabulary.txt").is_file():
        pytest.skip(f"EXPRESS reference files not found in {path} (set {REFERENCE_ENV})")
    return path


@pytest.fixture
def tmp_nltk_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory that is, for this test, nltk's only data directory."""
    import nltk.data

    root = tmp_path / "nltk_data"
    root.mkdir()
    monkeypatch.delenv("NLTK_DATA", raising=False)
    monkeypatch.setattr(nltk.data, "path", [str(root)])
    return root


@pytest.fixture
def tmp_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private ``XDG_CACHE_HOME`` for this test (where WordNet copies are assembled)."""
    cache = tmp_path / "xdg-cache"
    cache.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture
def no_wordnet(tmp_nltk_data: Path, tmp_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide every WordNet: empty nltk data path, no ``EXPRESS_LEXICON_WORDNET``, no
    system directories."""
    from express_lexicon.sources import wordnet

    monkeypatch.delenv(wordnet.ENV_VAR, raising=False)
    monkeypatch.setattr(wordnet, "SYSTEM_WORDNET_DIRS", (str(tmp_path / "no-system-wordnet"),))


def make_fake_wordnet(directory: Path, *, lexnames: bool = False) -> Path:
    """Write a tiny WordNet 3.0 dict directory that nltk can read: one synset,
    ``grief.n.01`` in lexicographer file 12 (noun.feeling), with its sense key and count.
    Like Debian's copy it has no ``lexnames`` file unless ``lexnames`` is true."""
    directory.mkdir(parents=True, exist_ok=True)
    offset = len(_FAKE_WORDNET_HEADER.encode())
    (directory / "data.noun").write_text(
        _FAKE_WORDNET_HEADER + f"{offset:08d} 12 n 01 grief 0 000 | intense sorrow  \n", encoding="utf-8"
    )
    (directory / "index.noun").write_text(_FAKE_WORDNET_HEADER + f"grief n 1 0 1 0 {offset:08d}  \n", encoding="utf-8")
    for pos in ("verb", "adj", "adv"):
        (directory / f"data.{pos}").write_text(_FAKE_WORDNET_HEADER, encoding="utf-8")
        (directory / f"index.{pos}").write_text(_FAKE_WORDNET_HEADER, encoding="utf-8")
    for pos in ("noun", "verb", "adj", "adv"):
        (directory / f"{pos}.exc").write_text("", encoding="utf-8")
    (directory / "index.sense").write_text(f"grief%1:12:00:: {offset:08d} 1 5\n", encoding="utf-8")
    (directory / "cntlist.rev").write_text("grief%1:12:00:: 1 5\n", encoding="utf-8")
    if lexnames:
        from express_lexicon.sources.wordnet import lexnames_text

        (directory / "lexnames").write_text(lexnames_text(), encoding="utf-8")
    return directory


@pytest.fixture
def fake_wordnet_dir(tmp_path: Path) -> Path:
    """A tiny nltk-readable WordNet dict directory without ``lexnames`` (see
    :func:`make_fake_wordnet`)."""
    return make_fake_wordnet(tmp_path / "fake-wordnet")


@pytest.fixture
def fake_wordnet_factory():
    """:func:`make_fake_wordnet` itself, for tests that need several or custom copies."""
    return make_fake_wordnet


@pytest.fixture(scope="session")
def wordnet() -> Iterator[object]:
    """The real WordNet reader (``load_wordnet()``); skips when WordNet is not installed."""
    from express_lexicon.errors import WordNetNotFoundError
    from express_lexicon.sources.wordnet import load_wordnet

    try:
        yield load_wordnet()
    except WordNetNotFoundError as exc:
        pytest.skip(f"WordNet not installed: {exc}")


@pytest.fixture(scope="session")
def require_wordnet() -> object:
    """Real WordNet for tests that rebuild the ontology. Skips without it, except when
    ``EXPRESS_LEXICON_REQUIRE_WORDNET=1`` (CI sets it): then a missing WordNet fails."""
    from express_lexicon.errors import WordNetNotFoundError
    from express_lexicon.sources.wordnet import load_wordnet

    try:
        return load_wordnet()
    except WordNetNotFoundError as exc:
        if os.environ.get("EXPRESS_LEXICON_REQUIRE_WORDNET") == "1":
            pytest.fail(f"WordNet is required here but missing: {exc}")
        pytest.skip(f"WordNet not installed: {exc}")
