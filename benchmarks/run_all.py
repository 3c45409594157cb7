"""Run every benchmark and print one table of figures with their targets.

Each ``bench_*.py`` script runs in its own process (so one's imports and caches do not
flatter another's start-up figures) with ``--json``; this script gathers their rows::

    python benchmarks/run_all.py [--quick]

``--quick`` passes fewer runs and skips the one-million-mask file. Measure in a regular
install (``pip install .`` into a virtual environment): an editable install starts slower.
Not part of the test run; always exits 0 (it reports, it does not gate).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from _table import print_table

HERE = Path(__file__).resolve().parent
BENCHMARKS = {
    "decompose": ["bench_decompose.py"],
    "knowledge": ["bench_knowledge.py"],
    "vocabulary": ["bench_vocabulary.py"],
    "compare": ["bench_compare.py"],
    "evaluate": ["bench_evaluate.py"],
    "streaming": ["bench_streaming.py"],
    "rdf": ["bench_rdf.py"],
}
QUICK = {"decompose": ["--runs", "7", "--passes", "2"], "knowledge": [], "vocabulary": [], "compare": ["--runs", "7"], "evaluate": ["--runs", "3", "--skip-large"],
         "streaming": ["--lines", "30000", "--evaluate-mib", "50"], "rdf": []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no one-million-mask file")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    for name, command in BENCHMARKS.items():
        script = HERE / command[0]
        if not script.exists():
            continue
        extra = QUICK[name] if args.quick else []
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script), "--json", *extra], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        print(f"ran {script.name} in {elapsed:.0f} s", file=sys.stderr)
        if proc.returncode != 0 or not proc.stdout.strip():
            rows.append({"name": f"{name}: benchmark failed", "value": proc.returncode, "unit": "",
                         "target": "", "ok": False, "group": name})
            print(proc.stderr[-2000:], file=sys.stderr)
            continue
        for row in json.loads(proc.stdout.strip().splitlines()[-1]):
            rows.append({**row, "group": name})
    print_table(rows)
    print(f"\npython {sys.version.split()[0]} ({sys.executable})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
