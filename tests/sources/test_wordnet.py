"""WordNet: locating it, the missing-WordNet error, the assembled nltk-readable copy."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from express_lexicon.errors import WordNetNotFoundError
from express_lexicon.sources import wordnet as wnmod
from express_lexicon.sources.wordnet import (
    LEXNAMES,
    WordNetLocation,
    lexnames_text,
    load_wordnet,
    locate_wordnet,
    wordnet_cache_dir,
    wordnet_info,
)


@pytest.fixture
def clean_readers():
    """Drop readers a test loaded from temporary copies (they would dangle afterwards)."""
    before = dict(wnmod._readers)
    yield
    with wnmod._lock:
        wnmod._readers.clear()
        wnmod._readers.update(before)


# --- lexnames -------------------------------------------------------------------------------


def test_lexnames_are_the_45_wordnet_30_files_in_order() -> None:
    assert [number for number, _, _ in LEXNAMES] == list(range(45))
    names = {name: (number, category) for number, name, category in LEXNAMES}
    assert names["noun.feeling"] == (12, 1)
    assert names["verb.emotion"] == (37, 2)
    assert names["adj.all"] == (0, 3)
    assert names["adj.ppl"] == (44, 3)
    assert names["adv.all"] == (2, 4)
    assert len(names) == 45
    for _number, name, category in LEXNAMES:
        expected = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}[name.split(".")[0]]
        assert category == expected, name


def test_lexnames_text_has_the_format_nltk_parses() -> None:
    lines = lexnames_text().splitlines()
    assert len(lines) == 45
    assert lines[0] == "00\tadj.all\t3"
    assert lines[12] == "12\tnoun.feeling\t1"
    assert lines[44] == "44\tadj.ppl\t3"
    for i, line in enumerate(lines):  # what nltk's reader does with each line
        index, lexname, _category = line.split()
        assert int(index) == i


def test_lexnames_agree_with_the_data_files_of_a_real_wordnet() -> None:
    """Every synset's lex_filenum must name a file of its own part of speech."""
    directory = next((Path(d) for d in wnmod.SYSTEM_WORDNET_DIRS if (Path(d) / "data.noun").is_file()), None)
    if directory is None:
        pytest.skip("no system WordNet to compare with")
    category = {number: cat for number, _, cat in LEXNAMES}
    expected = {"n": 1, "v": 2, "a": 3, "s": 3, "r": 4}
    for name in ("data.noun", "data.verb", "data.adj", "data.adv"):
        with open(directory / name, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("  "):
                    continue
                _offset, lex_filenum, ss_type = line.split(" ", 3)[:3]
                assert category[int(lex_filenum)] == expected[ss_type], (name, line[:40])


# --- locating -------------------------------------------------------------------------------


def test_env_var_directory_is_found(tmp_nltk_data, fake_wordnet_dir, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(wnmod, "SYSTEM_WORDNET_DIRS", (str(tmp_path / "none"),))
    monkeypatch.setenv(wnmod.ENV_VAR, str(fake_wordnet_dir))
    location = locate_wordnet()
    assert location == WordNetLocation(fake_wordnet_dir.resolve(), "env", "3.0")
    assert "(env)" in location.describe()


def test_nltk_data_comes_before_the_env_var(
    tmp_nltk_data, fake_wordnet_factory, fake_wordnet_dir, tmp_cache, monkeypatch, clean_readers
) -> None:
    installed = fake_wordnet_factory(tmp_nltk_data / "corpora" / "wordnet", lexnames=True)
    monkeypatch.setenv(wnmod.ENV_VAR, str(fake_wordnet_dir))
    location = locate_wordnet()
    assert location.origin == "nltk_data"
    assert location.path == installed
    assert location.version == "3.0"
    assert load_wordnet().synsets("grief")[0].lexname() == "noun.feeling"
    assert not (tmp_cache / "express-lexicon").exists()  # read in place, no copy


def test_system_directory_is_found_last(tmp_nltk_data, fake_wordnet_dir, monkeypatch) -> None:
    monkeypatch.delenv(wnmod.ENV_VAR, raising=False)
    monkeypatch.setattr(wnmod, "SYSTEM_WORDNET_DIRS", ("/nonexistent/wordnet", str(fake_wordnet_dir)))
    assert locate_wordnet() == WordNetLocation(fake_wordnet_dir, "system", "3.0")


def test_env_var_naming_an_incomplete_directory_says_what_is_missing(tmp_nltk_data, fake_wordnet_dir, monkeypatch) -> None:
    (fake_wordnet_dir / "index.sense").unlink()
    (fake_wordnet_dir / "data.verb").unlink()
    monkeypatch.setenv(wnmod.ENV_VAR, str(fake_wordnet_dir))
    with pytest.raises(WordNetNotFoundError, match=r"lacks data\.verb, index\.sense"):
        locate_wordnet()


def test_env_var_naming_no_directory_is_an_error(tmp_nltk_data, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(wnmod.ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(WordNetNotFoundError, match="is not a directory"):
        locate_wordnet()


def test_missing_wordnet_error_says_how_to_install_both_ways(no_wordnet) -> None:
    with pytest.raises(WordNetNotFoundError) as info:
        locate_wordnet()
    message = str(info.value)
    assert "apt-get install wordnet-base wordnet-sense-index" in message
    assert "python -m nltk.downloader wordnet" in message
    assert wnmod.ENV_VAR in message
    assert message[0].islower()
    with pytest.raises(WordNetNotFoundError, match="nltk.downloader"):
        load_wordnet()


def test_system_copy_without_sense_index_names_the_package(no_wordnet, fake_wordnet_dir, monkeypatch) -> None:
    (fake_wordnet_dir / "index.sense").unlink()
    monkeypatch.setattr(wnmod, "SYSTEM_WORDNET_DIRS", (str(fake_wordnet_dir),))
    with pytest.raises(WordNetNotFoundError, match=r"lacks index\.sense \(apt-get install wordnet-sense-index\)"):
        locate_wordnet()


def test_wordnet_info_never_raises(no_wordnet) -> None:
    info = wordnet_info()
    assert info["found"] is False
    assert "apt-get install" in info["error"] and "nltk.downloader" in info["install_hint"]


def test_wordnet_info_reports_location(tmp_nltk_data, fake_wordnet_dir, tmp_cache, monkeypatch) -> None:
    monkeypatch.setenv(wnmod.ENV_VAR, str(fake_wordnet_dir))
    info = wordnet_info()
    assert info == {
        "found": True,
        "path": str(fake_wordnet_dir.resolve()),
        "origin": "env",
        "version": "3.0",
        "readable_copy": None,
    }


def test_cache_dir_follows_xdg_cache_home(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert wordnet_cache_dir() == tmp_path / "express-lexicon" / "wordnet"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the spec says
    assert wordnet_cache_dir() == Path.home() / ".cache" / "express-lexicon" / "wordnet"


# --- the assembled copy ---------------------------------------------------------------------


def test_debian_like_copy_is_assembled_and_read_by_nltk(
    tmp_nltk_data, fake_wordnet_dir, tmp_cache, monkeypatch, clean_readers
) -> None:
    monkeypatch.setenv(wnmod.ENV_VAR, str(fake_wordnet_dir))
    wn = load_wordnet()
    assert load_wordnet() is wn  # cached
    (synset,) = wn.synsets("grief")
    assert synset.lexname() == "noun.feeling"
    lemma = synset.lemmas()[0]
    assert lemma.key() == "grief%1:12:00::"
    assert lemma.count() == 5
    assert wn.lemma_from_key("grief%1:12:00::") == lemma
    assert wn.get_version() == "3.0"

    (copy,) = (tmp_cache / "express-lexicon" / "wordnet").glob("wn-*")
    assert (copy / "lexnames").read_text(encoding="utf-8") == lexnames_text()
    assert not (fake_wordnet_dir / "lexnames").exists()  # the source is never written to
    for entry in copy.iterdir():
        assert not entry.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH), entry
    stamp = json.loads((copy / "express-lexicon-stamp.json").read_text(encoding="utf-8"))
    assert stamp["source"] == str(fake_wordnet_dir.resolve())
    assert wordnet_info()["readable_copy"] == str(copy)


def test_copy_is_reused_and_rebuilt_when_the_source_changes(fake_wordnet_dir, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = wnmod._assemble(fake_wordnet_dir, cache)
    built = (first / "data.noun").stat().st_mtime_ns
    assert wnmod._assemble(fake_wordnet_dir, cache) == first
    assert (first / "data.noun").stat().st_mtime_ns == built
    with open(fake_wordnet_dir / "noun.exc", "a", encoding="utf-8") as handle:
        handle.write("griefs grief\n")
    second = wnmod._assemble(fake_wordnet_dir, cache)
    assert second != first
    assert (second / "noun.exc").read_text(encoding="utf-8") == "griefs grief\n"
    assert not list(cache.glob(".building-*"))


def test_a_valid_source_lexnames_file_is_copied(fake_wordnet_factory, tmp_path) -> None:
    source = fake_wordnet_factory(tmp_path / "wn", lexnames=True)
    (source / "lexnames").write_text("00\tadj.all\t3\n01\tadj.pert\t3\n", encoding="utf-8")
    copy = wnmod._assemble(source, tmp_path / "cache")
    assert (copy / "lexnames").read_text(encoding="utf-8") == "00\tadj.all\t3\n01\tadj.pert\t3\n"


def test_concurrent_processes_assemble_one_complete_copy(fake_wordnet_dir, tmp_path) -> None:
    cache = tmp_path / "cache"
    go = tmp_path / "go"
    script = (
        "import sys, time, pathlib\n"
        "from express_lexicon.sources import wordnet as w\n"
        f"go = pathlib.Path({str(go)!r})\n"
        "while not go.exists(): time.sleep(0.001)\n"
        f"print(w._assemble(pathlib.Path({str(fake_wordnet_dir)!r}), pathlib.Path({str(cache)!r})))\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    go.touch()
    results = [proc.communicate(timeout=60) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), [err for _, err in results]
    paths = {out.strip() for out, _ in results}
    assert len(paths) == 1
    (copy,) = cache.glob("wn-*")
    assert str(copy) in paths
    assert (copy / "lexnames").is_file() and (copy / "express-lexicon-stamp.json").is_file()
    assert not list(cache.glob(".*"))  # no leftover temporary directories


def test_unwritable_cache_gives_a_clear_error(tmp_nltk_data, fake_wordnet_dir, tmp_path, monkeypatch, clean_readers) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setenv(wnmod.ENV_VAR, str(fake_wordnet_dir))
    with pytest.raises(WordNetNotFoundError, match="could not prepare an nltk-readable copy.*XDG_CACHE_HOME"):
        load_wordnet()


def test_zipped_nltk_download_is_read_in_place(tmp_nltk_data, fake_wordnet_factory, tmp_path, clean_readers) -> None:
    source = fake_wordnet_factory(tmp_path / "src", lexnames=True)
    corpora = tmp_nltk_data / "corpora"
    corpora.mkdir()
    with zipfile.ZipFile(corpora / "wordnet.zip", "w") as archive:
        archive.writestr("wordnet/", "")
        for entry in sorted(source.iterdir()):
            archive.write(entry, f"wordnet/{entry.name}")
    location = locate_wordnet()
    assert location.origin == "nltk_data"
    assert location.path == corpora / "wordnet.zip"
    assert location.version == "3.0"
    assert load_wordnet().synsets("grief")[0].lexname() == "noun.feeling"


# --- the real WordNet, through the assembled copy ------------------------------------------


def _real_dict_dir() -> Path | None:
    value = os.environ.get(wnmod.ENV_VAR, "")
    candidates = [value] if value else []
    candidates += list(wnmod.SYSTEM_WORDNET_DIRS)
    for candidate in candidates:
        if candidate and (Path(candidate) / "index.sense").is_file() and (Path(candidate) / "data.noun").is_file():
            return Path(candidate)
    return None


def test_real_system_wordnet_works_through_the_assembled_copy(tmp_nltk_data, tmp_cache, monkeypatch, clean_readers) -> None:
    source = _real_dict_dir()
    if source is None:
        pytest.skip("no system WordNet (apt-get install wordnet-base wordnet-sense-index)")
    monkeypatch.setenv(wnmod.ENV_VAR, str(source))
    wn = load_wordnet()
    assert wn.get_version() == "3.0"

    grief = wn.synsets("grief")
    assert grief and grief[0].name() == "grief.n.01"
    assert grief[0].lexname() == "noun.feeling"
    assert wn.synset("fear.v.01").lexname() == "verb.emotion"
    lemma = grief[0].lemmas()[0]
    assert lemma.key() == "grief%1:12:00::"
    assert lemma.count() > 0
    assert wn.lemma_from_key("grief%1:12:00::") == lemma
    admire = next(lm for lm in wn.synset("admire.v.01").lemmas() if lm.name() == "admire")
    assert "admiration" in {form.name() for form in admire.derivationally_related_forms()}
    happy = wn.synset("happy.a.01")
    assert wn.synset("blissful.s.01") in happy.similar_tos()
    assert wn.synset("cheerful.a.01") in happy.also_sees()
    assert wn.synset("happiness.n.01") in happy.attributes()
    assert wn.morphy("grieved", "v") == "grieve"
