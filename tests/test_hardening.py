"""Issue 13: what a hostile or careless user could still break, one group of tests per item.

Where a signal, a terminal or a file system is involved the tests run real processes (a
pseudo-terminal for the terminal items). Nothing here is timed; where a process could hang
or eat the machine before the fix, it runs under a timeout and a memory limit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import express_lexicon as xl
from express_lexicon import _io
from express_lexicon.cli import main
from express_lexicon.errors import OntologyError, PredictionsFormatError
from express_lexicon.theory import DIMENSIONS

POSIX = os.name == "posix"
ROOT = POSIX and os.geteuid() == 0


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def script() -> list[str]:
    beside = Path(sys.executable).with_name("express-lexicon")
    found = str(beside) if beside.exists() else shutil.which("express-lexicon")
    return [found] if found else [sys.executable, "-m", "express_lexicon"]


def _child_setup() -> None:
    """In the child: default signal dispositions (a background test run may have inherited
    an ignored SIGINT) and a memory limit (a process that read /dev/zero before the fix
    must not take the machine down)."""
    import resource

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def process(args: list[str], *, stdin: bytes = b"", cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "EXPRESS_LEXICON_DEBUG"}
    environment.update(env or {})
    return subprocess.run([*script(), *args], input=stdin, capture_output=True, timeout=timeout, cwd=cwd,
                          env=environment, preexec_fn=_child_setup if POSIX else None)


def paper_csv(path: Path, rows: list[list[str]], header: tuple[str, ...] = ("labels", "output_formatted")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD = [["['happy']", "['joyful']"], ["['sad', 'angry']", "['sad', 'mad']"]]


def tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


# --- 1. clean never overwrites its own input -----------------------------------------------------
@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return paper_csv(tmp_path / "raw.csv", [["['Happy']", "Happy."], ["['sad']", "not a word list at all"],
                                            ["['x'", "broken"]], header=("labels", "output"))


def test_clean_refuses_to_overwrite_its_input_by_any_name(raw, tmp_path, monkeypatch):
    before = raw.read_bytes()
    (tmp_path / "link.csv").symlink_to(raw)
    os.link(raw, tmp_path / "hard.csv")
    monkeypatch.chdir(tmp_path)
    for out in ("raw.csv", "./raw.csv", str(raw), "link.csv", "hard.csv"):
        result = run("clean", "raw.csv", out, "--skip-bad-rows")
        assert result.exit_code == 2 and "refusing to overwrite" in result.output, (out, result.output)
        assert raw.read_bytes() == before
    with pytest.raises(PredictionsFormatError, match="is the input file"):
        xl.predictions.clean(raw, tmp_path / "link.csv", skip_bad_rows=True)
    assert raw.read_bytes() == before


# --- 2. a build switches all four files at once ----------------------------------------------------
_SAVE = r"""
import os, sys, time
from express_lexicon.build import build_graph, infer_terms, prune_unreached
from express_lexicon.ontology import save_ontology, terms_table

variant = sys.argv[2]
emolex = {"cheerful": ["joy", "positive"], "gloomy": ["sadness", "negative"]}
if variant == "b":
    emolex.update({"grumpy": ["anger", "negative"], "jolly": ["joy"]})
onto = build_graph(None, emolex, ["cheerfulness", "bittersweet"])
records, unreached = infer_terms(onto)
prune_unreached(onto, unreached)
if sys.argv[3] == "slow":  # widen every step of the switch, so that a kill lands inside it
    def slow(f):
        def g(*a, **k):
            time.sleep(0.03)
            return f(*a, **k)
        return g
    os.replace, os.rename, os.fsync = slow(os.replace), slow(os.rename), slow(os.fsync)
print("ready", flush=True)
save_ontology(onto, terms_table(records), sys.argv[1], {"variant": variant}, plain_words=["chair", variant])
print("done", flush=True)
"""


def _save(directory: Path, variant: str, slow: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _SAVE, str(directory), variant, "slow" if slow else "fast"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _consistent_variant(directory: Path) -> str:
    """The variant the folder holds, after checking that all four files belong together."""
    from express_lexicon.decomposer import Lexicon
    from express_lexicon.ontology import load_ontology, read_manifest, read_plain_words

    lexicon = Lexicon(directory)  # the term table against the manifest
    load_ontology(directory)  # the graph against the same manifest
    variant = read_manifest(directory)["inputs"]["variant"]
    assert read_plain_words(directory) == {"chair", variant}
    assert ("jolly" in lexicon) == (variant == "b")
    return variant


def test_a_build_killed_at_any_moment_leaves_one_whole_ontology(tmp_path):
    folder = tmp_path / "onto"
    proc = _save(folder, "a")
    assert proc.wait(timeout=120) == 0, proc.stderr.read()
    assert _consistent_variant(folder) == "a"
    seen = set()
    for delay in (0.0, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4, 0.6):
        proc = _save(folder, "b" if _consistent_variant(folder) == "a" else "a", slow=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.kill()
        proc.wait(timeout=60)
        seen.add(_consistent_variant(folder))
    assert seen <= {"a", "b"}
    # A later build removes what the killed ones left (their processes are gone).
    proc = _save(folder, "a")
    assert proc.wait(timeout=120) == 0, proc.stderr.read()
    assert _consistent_variant(folder) == "a"
    entries = sorted(p.name for p in folder.iterdir())
    assert entries[0] == "CURRENT" and len(entries) == 2 and re.fullmatch(r"build-[0-9a-f]{12}", entries[1]), entries


def test_readers_never_see_a_mix_while_builds_switch(tmp_path):
    folder = tmp_path / "onto"
    assert _save(folder, "a").wait(timeout=120) == 0
    reader = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from express_lexicon.decomposer import Lexicon\n"
        "from express_lexicon.ontology import load_ontology, read_manifest\n"
        "end = time.time() + 6\n"
        "n = 0\n"
        "while time.time() < end:\n"
        "    lexicon = Lexicon(sys.argv[1]); load_ontology(sys.argv[1]); n += 1\n"
        "print(n)\n"), str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    variant = "b"
    while reader.poll() is None:
        assert _save(folder, variant).wait(timeout=120) == 0
        variant = "a" if variant == "b" else "b"
    out, err = reader.communicate()
    assert reader.returncode == 0 and int(out) > 0, err


def test_the_shipped_loaders_follow_the_pointer(tmp_path):
    from express_lexicon.decomposer import Lexicon
    from express_lexicon.ontology import POINTER_FILE, data_directory

    folder = tmp_path / "onto"
    assert _save(folder, "a").wait(timeout=120) == 0
    build = data_directory(folder)
    assert build.parent == folder and (folder / POINTER_FILE).read_text().strip() == build.name
    assert {p.name for p in build.iterdir()} == {"graph.json.gz", "terms.tsv", "plain_words.txt.gz", "manifest.json"}
    assert data_directory().name.startswith("build-") or (data_directory() / "terms.tsv").is_file()
    (folder / POINTER_FILE).write_text("../../etc\n")
    with pytest.raises(OntologyError, match="CURRENT is damaged"):
        Lexicon(folder)


# --- 3. an output file keeps its mode, links and read-only protection ----------------------------
def test_rewriting_a_report_keeps_its_mode_and_links(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", GOOD)
    report = tmp_path / "report.json"
    report.write_text("old")
    report.chmod(0o600)
    os.link(report, tmp_path / "other-name.json")
    assert run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(report)).exit_code == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert json.loads((tmp_path / "other-name.json").read_text())["n_rows"] == 2  # the link sees the new report
    assert report.stat().st_ino == (tmp_path / "other-name.json").stat().st_ino
    # Through a symbolic link the file it points to is written, with its own mode kept.
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "r.json"
    target.write_text("old")
    target.chmod(0o640)
    (tmp_path / "link.json").symlink_to(target)
    assert run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(tmp_path / "link.json")).exit_code == 0
    assert (tmp_path / "link.json").is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text())["n_rows"] == 2
    assert tmp_files(tmp_path) == [] and tmp_files(tmp_path / "real") == []


def test_a_read_only_output_is_refused_not_replaced(tmp_path, raw):
    preds = paper_csv(tmp_path / "p.csv", GOOD)
    locked = tmp_path / "locked.json"
    locked.write_text("keep me")
    locked.chmod(0o444)
    result = run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(locked))
    assert result.exit_code == 1 and "read-only" in result.output and str(locked) in result.output
    result = run("clean", str(raw), str(locked), "--skip-bad-rows")
    assert result.exit_code == 1 and "read-only" in result.output
    assert locked.read_text() == "keep me" and stat.S_IMODE(locked.stat().st_mode) == 0o444


@pytest.mark.skipif(not ROOT, reason="needs root to plant another user's link")
def test_a_link_planted_by_another_user_in_a_shared_folder_is_not_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = shared / "report.json"
    link.symlink_to(victim)
    os.lchown(link, 54321, 54321)
    preds = paper_csv(tmp_path / "p.csv", GOOD)
    result = run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(link))
    assert result.exit_code == 1 and "another user" in result.output
    assert victim.read_text() == "precious"


# --- 4. signals clean up; stale temporaries are swept ---------------------------------------------
@pytest.mark.skipif(not POSIX, reason="POSIX signals")
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path, signum, status):
    pytest.importorskip("matplotlib")
    preds = paper_csv(tmp_path / "p.csv", GOOD * 50)
    # The plot is drawn while the report's temporary file is open: a window of a second or so.
    proc = subprocess.Popen([*script(), "evaluate", str(preds), "--bootstrap", "0", "--json",
                             "--plot", str(tmp_path / "r.png"), "--out", str(tmp_path / "r.json")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "MPLBACKEND": "Agg"},
                            preexec_fn=_child_setup)
    deadline = time.time() + 120
    while not any(n.startswith(".r.json.") for n in os.listdir(tmp_path)):
        assert proc.poll() is None and time.time() < deadline, proc.stderr.read()
        time.sleep(0.005)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    lines = err.decode().strip().splitlines()
    assert lines == [f"error: interrupted by {signal.Signals(signum).name}"], err
    assert sorted(os.listdir(tmp_path)) == ["p.csv"]  # no report, no image, no temporary file


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
def test_sigterm_while_streaming_stdin_exits_143_with_one_line(tmp_path):
    proc = subprocess.Popen([*script(), "decompose", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_child_setup)
    proc.stdin.write(b"joy\n")
    proc.stdin.flush()
    assert b"joy" in _read_until(proc.stdout, b"confidence")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and err.decode().strip() == "error: interrupted by SIGTERM"


def test_abandoned_temporary_files_of_our_naming_are_swept(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", GOOD)
    tag = _io.owner_tag().split("-", 1)[1]
    dead = _dead_pid()
    stale = [f".r.json.{dead}-{tag}.abcd1234.tmp", ".r.json.zz99yy88.tmp"]  # a dead writer; the older naming
    kept = [".r.json.backup.tmp", ".r.json.4242-00000000.efgh5678.tmp", ".other.json.qq11ww22.tmp"]
    for name in stale + kept:
        (tmp_path / name).write_text("x")
    old = time.time() - _io.STALE_AFTER - 60
    os.utime(tmp_path / ".r.json.zz99yy88.tmp", (old, old))
    os.utime(tmp_path / ".other.json.qq11ww22.tmp", (old, old))  # another target's: not this run's business
    assert run("evaluate", str(preds), "--json", "--bootstrap", "0", "--out", str(tmp_path / "r.json")).exit_code == 0
    left = set(os.listdir(tmp_path))
    assert not left & set(stale) and left >= set(kept), left


def test_abandoned_building_folders_and_stale_wordnet_copies_are_removed(fake_wordnet_dir, tmp_path):
    from express_lexicon.sources import wordnet as wnmod

    cache = tmp_path / "cache"
    cache.mkdir()
    abandoned = cache / f".building-{_dead_pid()}-{_io.owner_tag().split('-', 1)[1]}.k2j3h4g5"
    abandoned.mkdir()
    (abandoned / "data.noun").write_text("half a copy")
    first = wnmod._assemble(fake_wordnet_dir, cache)
    assert not abandoned.exists()
    with open(fake_wordnet_dir / "noun.exc", "a", encoding="utf-8") as handle:  # new timestamps
        handle.write("griefs grief\n")
    second = wnmod._assemble(fake_wordnet_dir, cache)
    assert second != first and not first.exists()  # item 12: the old 35 MB copy is pruned
    assert sorted(p.name for p in cache.iterdir()) == [second.name]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- 5. a field over 131,072 characters is read, or at worst skipped and counted -------------------
def test_long_fields_in_any_column_are_read(tmp_path):
    long_answer = "I think the answer is " + "really " * 40_000 + "happy"
    rows = [["['happy']", long_answer, "x" * 300_000], ["['sad']", "Sad.", "a post"]]
    raw = paper_csv(tmp_path / "raw.csv", rows, header=("labels", "output", "segment"))
    result = run("clean", str(raw), str(tmp_path / "clean.csv"))
    assert result.exit_code == 0 and "cleaned 2 row(s)" in result.output, result.output
    result = run("evaluate", str(raw), "--json", "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n_rows"] == 2 and report["n_invalid"] == 1 and report["n_skipped"] == 0


def test_a_line_beyond_the_limit_is_skipped_and_counted(tmp_path):
    huge = "y" * (_io.MAX_LINE_CHARS + 10)
    path = tmp_path / "p.csv"
    path.write_text(f"labels,output_formatted,segment\n['happy'],['joy'],{huge}\n['sad'],['sad'],post\n",
                    encoding="utf-8")
    result = run("evaluate", str(path), "--json", "--bootstrap", "0")
    assert result.exit_code == 1 and "line 2" in result.output and "longer than" in result.output
    result = run("evaluate", str(path), "--json", "--bootstrap", "0", "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n_rows"] == 1 and report["n_skipped"] == 1 and "line 2" in report["skipped"][0]
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text(json.dumps({"gold": "happy", "predicted": huge}) + "\n"
                     + json.dumps({"gold": "sad", "predicted": "sad"}) + "\n", encoding="utf-8")
    report = json.loads(run("evaluate", str(jsonl), "--json", "--bootstrap", "0", "--skip-bad-rows").stdout)
    assert report["n_rows"] == 1 and report["n_skipped"] == 1


# --- 6. misspelt text costs bounded work per token ---------------------------------------------------
def test_spelling_correction_compares_each_token_with_a_bounded_pool(monkeypatch):
    from express_lexicon import decomposer

    lexicon = decomposer.Lexicon()
    seen: list[int] = []
    real = decomposer.spelling_matches

    def counting(word, known):
        known = list(known)
        seen.append(len(known))
        return real(word, known)

    monkeypatch.setattr(decomposer, "spelling_matches", counting)
    text = "frustartedd anxiuos embarased hapiness dissapointed lonelyness nervus excitd overwelmed greatful"
    lexicon.decompose(text * 1)
    assert seen and max(seen) <= 8, seen  # only words already within the edit limit reach it
    # ... and the corrections are those of comparing with every known word of that letter.
    keys = list(lexicon._index.keys())
    for word in text.split():
        pool = [k for k in keys if k[:1] == word[:1]]
        assert lexicon._spelling_candidates(word) == real(word, pool), word


# --- 7. streaming: decompose - answers as lines arrive; reading keeps ids, not text ---------------
def _read_until(stream, marker: bytes, timeout: float = 60) -> bytes:
    data = b""
    end = time.time() + timeout
    while marker not in data:
        ready, _, _ = select.select([stream], [], [], max(0.0, end - time.time()))
        assert ready, f"no output within {timeout} s: {data!r}"
        chunk = os.read(stream.fileno(), 65536)
        assert chunk, data
        data += chunk
    return data


@pytest.mark.skipif(not POSIX, reason="select on pipes")
@pytest.mark.parametrize("fmt", [[], ["--json"], ["--csv"]], ids=["table", "json", "csv"])
def test_decompose_stdin_answers_each_line_as_it_arrives(fmt):
    proc = subprocess.Popen([*script(), "decompose", *fmt, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out = b""
    for word in (b"joy", b"grief", b"not happy"):
        proc.stdin.write(word + b"\n")
        proc.stdin.flush()
        out += _read_until(proc.stdout, word)  # stdin is still open: the answer came first
    rest, err = proc.communicate(b"rage\n", timeout=60)
    out += rest
    assert proc.returncode == 0, err
    click_out = run("decompose", *fmt, "-", input="joy\ngrief\nnot happy\nrage\n").stdout
    assert out.decode("utf-8").replace("\x1b[1m", "").replace("\x1b[0m", "") == click_out.replace(
        "\x1b[1m", "").replace("\x1b[0m", "")
    if fmt == ["--json"]:
        assert [d["term"] for d in json.loads(out)] == ["joy", "grief", "not happy", "rage"]


def test_reading_predictions_holds_word_ids_not_the_file(tmp_path):
    import tracemalloc

    from express_lexicon.predictions import read_predictions

    post = "a long Reddit post " * 150
    rows = [[repr(["happy", "sad"]), repr(["joyful", "sad"]), post] for _ in range(12_000)]
    path = paper_csv(tmp_path / "posts.csv", rows, header=("labels", "output_formatted", "segment"))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        predictions = read_predictions(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert predictions.n_masks == 24_000 and predictions.vocab == ("happy", "sad", "joyful")
    assert peak < size / 4, (peak, size)  # the text of the file is never held whole


def test_evaluate_reads_standard_input(tmp_path):
    data = paper_csv(tmp_path / "p.csv", GOOD).read_bytes()
    proc = process(["evaluate", "-", "--json", "--bootstrap", "0"], stdin=data)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["source"] == "<stdin>" and report["n_masks"] == 3
    assert report == json.loads(run("evaluate", str(tmp_path / "p.csv"), "--json", "--bootstrap", "0").stdout) | {
        "source": "<stdin>"}
    result = run("evaluate", "-", "-", input=data)
    assert result.exit_code == 2 and "only once" in result.output


# --- 8. devices, bombs and oversize files are refused with the project's errors --------------------
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused_wherever_a_file_is_meant(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", GOOD)
    for args, what in ((["evaluate", "/dev/zero"], "predictions file"),
                       (["evaluate", str(preds), "--lexicon", "/dev/zero"], "decomposition table"),
                       (["clean", "/dev/zero", str(tmp_path / "o.csv")], "predictions file"),
                       (["query", "--file", "/dev/zero"], "SPARQL query file")):
        proc = process(args, timeout=60)
        err = proc.stderr.decode()
        assert proc.returncode == 1 and "/dev/zero" in err and "character device" in err and what in err, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture
def ontology_copy(tmp_path) -> Path:
    """A copy of the files of the shipped ontology's current build."""
    from express_lexicon import ontology

    source = ontology.data_directory() if hasattr(ontology, "data_directory") else ontology._data.package_directory(
        ontology._data.ONTOLOGY_PACKAGE)  # (the flat layout, before issue 13)
    target = tmp_path / "onto"
    target.mkdir()
    for name in ("graph.json.gz", "terms.tsv", "manifest.json", "plain_words.txt.gz"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    return target


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("name", ["graph.json.gz", "terms.tsv", "manifest.json", "plain_words.txt.gz"])
def test_an_ontology_file_linked_to_dev_zero_is_an_ontology_error(ontology_copy, name):
    from express_lexicon.decomposer import Lexicon
    from express_lexicon.ontology import load_ontology, read_plain_words

    (ontology_copy / name).unlink()
    (ontology_copy / name).symlink_to("/dev/zero")
    with pytest.raises(OntologyError, match="not a regular file"):
        Lexicon(ontology_copy)
        load_ontology(ontology_copy)
        read_plain_words(ontology_copy)


def _gzip_bomb(inflated: int) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1 << 22)
    return b"".join(co.compress(block) for _ in range(inflated // len(block))) + co.flush()


def test_a_gzip_bomb_is_checked_before_it_is_inflated(ontology_copy, monkeypatch):
    from express_lexicon import ontology
    from express_lexicon.decomposer import Lexicon

    manifest = json.loads((ontology_copy / "manifest.json").read_text())
    assert "stored" in manifest  # a current build records the compressed bytes' digest
    (ontology_copy / "graph.json.gz").write_bytes(_gzip_bomb(64 << 20))

    def never(*args, **kwargs):
        raise AssertionError("inflated a file that does not match the manifest")

    monkeypatch.setattr(ontology, "_inflate", never)
    with pytest.raises(OntologyError, match="graph.json.gz does not match the checksum"):
        Lexicon(ontology_copy).ontology


def test_a_gzip_bomb_stops_at_the_inflation_limit_without_a_manifest(ontology_copy, monkeypatch):
    from express_lexicon import ontology

    monkeypatch.setattr(ontology, "MAX_INFLATED_BYTES", 8 << 20)
    (ontology_copy / "graph.json.gz").write_bytes(_gzip_bomb(64 << 20))
    with pytest.raises(OntologyError, match="inflates to more than 8,388,608 bytes"):
        ontology.load_ontology(ontology_copy, verify=False)


def test_a_memory_error_while_reading_the_graph_is_an_ontology_error(monkeypatch):
    from express_lexicon.ontology import EmotionOntology

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(json, "loads", no_memory)
    with pytest.raises(OntologyError, match="not enough memory"):
        EmotionOntology.from_json("{}")


# --- 9. nothing from a data file reaches the terminal raw -------------------------------------------
NASTY = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\x9b\u202e"


def _pty_run(args: list[str], env: dict[str, str] | None = None) -> bytes:
    """Run the console script with its stdout on a pseudo-terminal; all it wrote there."""
    import pty

    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([*script(), *args], stdout=child_fd, stderr=child_fd, stdin=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    os.close(child_fd)
    data = b""
    while True:
        try:
            ready, _, _ = select.select([main_fd], [], [], 120)
            if not ready:
                break
            chunk = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    proc.wait(timeout=120)
    os.close(main_fd)
    return data


def _assert_no_raw_controls(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    for seq in ("\x1b[2J", "\x1b]0;", "\x07", "\x1b[31m", "\x9b", "\u202e"):
        assert seq not in text, (seq, text[:2000])


@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
def test_evaluate_csv_on_a_terminal_shows_data_escaped(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", [[repr([f"happy{NASTY}"]), repr([f"sad{NASTY}"])], *GOOD])
    data = _pty_run(["evaluate", str(preds), "--csv", "--bootstrap", "0"])
    assert b"happy" in data and b"\\x1b[2J" in data
    _assert_no_raw_controls(data)


@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_output_on_a_terminal_shows_data_escaped(tmp_path, fmt):
    data_file = tmp_path / "d.ttl"  # ASCII Turtle whose literal holds the raw characters once parsed
    literal = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\u{ord(c):04x}" for c in NASTY)
    data_file.write_text(f'<urn:a> <urn:b> "evil{literal}" .\n', encoding="ascii")
    out = _pty_run(["query", "SELECT ?o WHERE { ?s ?p ?o }", "--data", str(data_file), "--format", fmt])
    assert b"evil" in out, out
    _assert_no_raw_controls(out)


@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
def test_info_shows_an_environment_path_escaped(tmp_path):
    out = _pty_run(["info"], env={"EXPRESS_LEXICON_EMOLEX": str(tmp_path / f"emo{NASTY}.txt")})
    assert b"emo" in out
    _assert_no_raw_controls(out)


def test_evaluate_json_escapes_c1_controls_and_bidi_overrides(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", [[repr(["a\x9bb\u202ec\x7f"]), repr(["x\x85y"])]])
    out = run("evaluate", str(preds), "--json", "--bootstrap", "0").stdout
    for raw in ("\x9b", "\u202e", "\x7f", "\x85"):
        assert raw not in out
    assert "\\u009b" in out and "\\u202e" in out
    assert json.loads(out)["per_label"][0]["label"] == "a\x9bb\u202ec\x7f"  # the same data for a parser


# --- 10. CSV cells cannot become spreadsheet formulas ------------------------------------------------
FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_evaluate_csv_neutralises_formula_cells(tmp_path):
    rows = [[repr([f]), repr([f])] for f in FORMULAS]
    preds = paper_csv(tmp_path / "p.csv", rows, header=("labels", "output_formatted"))
    out = run("evaluate", str(preds), "--csv", "--bootstrap", "0").stdout
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == len(FORMULAS)
    for row in table:
        for cell in (row["gold"], row["predicted"]):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
        for cell in row.values():  # numbers may be negative; nothing else may start a formula
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
    assert {r["gold"] for r in table} >= {"'=HYPERLINK(\"http://x\")", "'+1+1", "'-2+3", "'@SUM(A1)"}
    raw_out = run("evaluate", str(preds), "--csv", "--bootstrap", "0", "--raw-csv").stdout_bytes.decode()
    for formula in FORMULAS:  # --raw-csv: every cell as it is
        assert "," + formula.replace('"', '""') in raw_out or ',"' + formula.replace('"', '""') in raw_out, formula


def test_numbers_stay_numbers_in_csv(tmp_path):
    preds = paper_csv(tmp_path / "p.csv", [["['ecstasy']", "['serenity']"], ["['serenity']", "['ecstasy']"]])
    table = list(csv.DictReader(io.StringIO(run("evaluate", str(preds), "--csv", "--bootstrap", "0").stdout)))
    diffs = sorted(float(r["intensity_diff"]) for r in table)  # a negative number is not quoted
    assert diffs[0] < 0 < diffs[1]
    out = run("decompose", "--csv", "=cmd|' /C calc'!A0", "joy").stdout
    assert "\n'=cmd" in out and "\njoy," in out


# --- 11. the decomposition cache cannot be poisoned by a str subclass -------------------------------
def test_a_str_subclass_cannot_poison_the_cache():
    class Evil(str):
        def __hash__(self):
            return hash("happy")

        def __eq__(self, other):
            return True

    class S(str):
        pass

    lexicon, fresh = xl.Lexicon(), xl.Lexicon()
    assert lexicon.decompose(Evil("furious")).scores == fresh.decompose("furious").scores
    assert lexicon.decompose("happy") == fresh.decompose("happy")  # not furious
    assert type(lexicon.decompose(S("sad")).term) is str
    assert type(xl.decompose(S("sad")).term) is str


# --- 12. API edges ---------------------------------------------------------------------------------
@pytest.mark.parametrize("filters", [{"dyad": 5}, {"emotion": 123}, {"emotion": ["joy"]}, {"tier": 3.5, "dyad": 7}])
def test_terms_filters_that_are_not_strings_raise_key_error(filters):
    with pytest.raises(KeyError, match="not a"):
        xl.terms(**filters)
