"""Long work shows progress on stderr when it is a terminal, and stays silent otherwise."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from express_lexicon import _progress
from express_lexicon.cli import main

MARK = "express-lexicon: ["


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_steps_and_bars_appear_only_while_reporting_to_a_terminal():
    screen = FakeTerminal()
    with _progress.reporting(stream=screen, delay=0.0):
        _progress.step("reading WordNet")
        assert list(_progress.track(range(5), total=5, description="nodes")) == [0, 1, 2, 3, 4]
        with _progress.counter("reading p.csv") as progress:
            progress(10, 100)
            progress(100, 100)
    text = screen.getvalue()
    assert f"{MARK}" in text and "reading WordNet" in text
    assert "nodes" in text and "reading p.csv" in text

    quiet = io.StringIO()  # a file or a pipe: not a terminal
    with _progress.reporting(stream=quiet, delay=0.0):
        _progress.step("reading WordNet")
        items = [1, 2]
        assert _progress.track(items) is items
        with _progress.counter("x") as progress:
            progress(1, 2)
    assert quiet.getvalue() == ""


def test_library_code_is_silent_unless_a_caller_asks():
    screen = FakeTerminal()
    items = [1, 2, 3]
    assert _progress.track(items) is items  # no reporting block: the iterable itself
    _progress.step("nothing to see")
    assert screen.getvalue() == ""


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the command line believe that stderr is a terminal (CliRunner captures it)."""
    monkeypatch.setattr(_progress, "is_terminal", lambda stream: True)


def test_build_shows_its_phases_on_a_terminal(terminal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from express_lexicon import build
    from express_lexicon.errors import WordNetNotFoundError

    def no_wordnet(*args, **kwargs):
        raise WordNetNotFoundError("WordNet 3.0 not found (test)")

    monkeypatch.setattr(build, "load_inputs", no_wordnet)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "onto")])
    assert result.exit_code == 1
    assert f"{MARK}" in result.output and "reading WordNet, NRC EmoLex" in result.output
    assert "error: WordNet 3.0 not found" in result.output


def test_build_is_silent_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from express_lexicon import build
    from express_lexicon.errors import WordNetNotFoundError

    def no_wordnet(*args, **kwargs):
        raise WordNetNotFoundError("WordNet 3.0 not found (test)")

    monkeypatch.setattr(build, "load_inputs", no_wordnet)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "onto")])
    assert MARK not in result.output


def test_export_shows_progress_on_a_terminal(terminal, tmp_path: Path):
    out = tmp_path / "joy.ttl"
    result = CliRunner().invoke(main, ["export", "--terms", "joy", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "triples as turtle" in result.output and out.exists()


def test_export_is_silent_when_stderr_is_not_a_terminal(tmp_path: Path):
    result = CliRunner().invoke(main, ["export", "--terms", "joy", "-o", str(tmp_path / "joy.ttl")])
    assert result.exit_code == 0 and MARK not in result.output


def test_query_of_a_file_says_it_is_reading_it(terminal, tmp_path: Path):
    data = tmp_path / "tiny.ttl"
    data.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "SELECT ?s WHERE { ?s ?p ?o }", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "reading " in result.output and "tiny.ttl" in result.output


def _run_with_terminal_stderr(args: list[str]) -> tuple[int, str, str]:
    """Run the console script with stderr on a pseudo-terminal; return (status, stdout, stderr)."""
    import pty

    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a sized terminal
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-c", "from express_lexicon._entry import run; run()", *args],
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    stdout = proc.stdout.read().decode() if proc.stdout else ""
    status = proc.wait()
    os.close(master)
    return status, stdout, screen.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")
def test_evaluate_of_a_large_file_shows_a_bar_on_a_real_terminal(tmp_path: Path):
    table = tmp_path / "table.csv"
    table.write_text("word,anger,anticipation,disgust,fear,joy,sadness,surprise,trust,positive,negative\n"
                     "happy,0,0,0,0,1,0,0,0,1,0\nsad,0,0,0,0,0,1,0,0,0,1\n", encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_text("gold,predicted\n" + "happy,sad\nsad,sad\n" * 100_000, encoding="utf-8")
    status, stdout, screen = _run_with_terminal_stderr(
        ["evaluate", str(big), "--lexicon", str(table), "--bootstrap", "0"])
    assert status == 0 and "F1V" in stdout
    assert "reading big.csv" in screen and "%|" in screen  # tqdm's bar, on the terminal only
    assert "reading big.csv" not in stdout

    piped = subprocess.run([sys.executable, "-c", "from express_lexicon._entry import run; run()", "evaluate",
                            str(big), "--lexicon", str(table), "--bootstrap", "0"], capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""
