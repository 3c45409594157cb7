"""Benchmark ``express-lexicon compare`` as a process against ``express-lexicon decompose``.

The researcher's-desk issue (14) holds a ``compare`` process to twice a ``decompose``
process. Both run alternately in one session (so they see the same machine load), each
``--runs`` times after a warm-up, and their medians are compared:

- ``express-lexicon decompose bittersweet``
- ``express-lexicon compare heartbroken brokenhearted`` (a synonym pair: the sense check
  runs) and ``express-lexicon compare nostalgic bittersweet`` (no shared synset);
- in-process, the first ``compare`` on a fresh lexicon (sense index read) and a warm one.

Not part of the test run; always exits 0 (it reports, it does not gate)::

    python benchmarks/bench_compare.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import express_lexicon as xl
from _table import print_table, row


def _script() -> list[str]:
    beside = Path(sys.executable).with_name("express-lexicon")
    script = str(beside) if beside.exists() else shutil.which("express-lexicon")
    return [script] if script else [sys.executable, "-m", "express_lexicon"]


def _time_process(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def processes(runs: int) -> list[dict]:
    base = _script()
    commands = {
        "decompose bittersweet": base + ["decompose", "bittersweet"],
        "compare heartbroken brokenhearted": base + ["compare", "heartbroken", "brokenhearted"],
        "compare nostalgic bittersweet": base + ["compare", "nostalgic", "bittersweet"],
    }
    for cmd in commands.values():  # warm the OS file cache once
        _time_process(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # alternate so every command sees the same load
        for name, cmd in commands.items():
            times[name].append(_time_process(cmd))
    medians = {name: statistics.median(values) for name, values in times.items()}
    decompose = medians["decompose bittersweet"]
    rows = [row(f"process: express-lexicon {name}", round(value, 3), "s") for name, value in medians.items()]
    for name in list(commands)[1:]:
        ratio = medians[name] / decompose
        rows.append(row(f"ratio {name.split()[0]} {' '.join(name.split()[1:])} / decompose", round(ratio, 2), "x",
                        "<= 2", ratio <= 2.0))
    return rows


def in_process() -> list[dict]:
    from express_lexicon.decomposer import Lexicon

    lexicon = Lexicon()
    start = time.perf_counter()
    first = xl.compare("heartbroken", "brokenhearted", lexicon=lexicon)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(1000):
        xl.compare("heartbroken", "brokenhearted", lexicon=lexicon)
    warm = (time.perf_counter() - start) / 1000
    assert first.synonym_match
    return [
        row("first compare on a fresh Lexicon (reads the sense index)", round(cold * 1000, 1), "ms"),
        row("warm compare", round(warm * 1e6, 1), "µs"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="process runs per command")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = processes(args.runs) + in_process()
    if args.json:
        print(json.dumps(rows))
    else:
        print_table(rows)
        print(f"\npython {sys.version.split()[0]}; {Path(xl.__file__).parent}")
        if "site-packages" not in xl.__file__:
            print("note: express-lexicon is not a regular install here (editable or checkout): start-up figures are "
                  "slower than users see; measure in a venv with `pip install .`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
