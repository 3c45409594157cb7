"""Benchmark streaming and bounded work (issue 13, items 6 and 7).

Generates its inputs in a temporary directory and measures, each in a fresh process:

1. ``express-lexicon decompose --json --explain -`` over ``--lines`` lines of
   model-like text (distinct misspelt words, made-up words, phrases and known terms):
   the time until the first result reaches the pipe, the total time and the peak
   resident memory (target: the first result within about a second of starting, memory
   that does not grow with the input: the lexicon's cache is bounded, nothing else is kept);
2. ``express-lexicon evaluate --lexicon TABLE FILE --json --bootstrap 0`` of two
   paper-format files of about ``--evaluate-mib`` MiB (default 200): one dense with masks
   (short rows, ~7.8 million masks: memory is the per-mask data the report keeps, target
   < 1 GiB) and one of Reddit-like posts (a 2,000-character ``segment`` column: memory
   must not grow with the text, target < 160 MiB, about what the process needs anyway);
3. ``express-lexicon evaluate FILE --json --bootstrap 0`` with the project's decomposer
   over 200 rows whose predictions are ~190 characters of misspelt words (the spelling
   correction's worst case): time (target ≤ 3 s).

Prints a table with the targets beside the figures; always exits 0 (it reports, it does
not gate). Not part of the test run::

    python benchmarks/bench_streaming.py [--lines N] [--evaluate-mib N] [--table PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _table import print_table, row
from bench_evaluate import DEFAULT_TABLE, cli_command, emotion_words, synthesize_table, write_predictions

# Runs a command with stdin from a file, stdout into a pipe read here; prints the seconds
# to the first output byte, the total seconds and the child's peak RSS (MiB) as JSON.
_MEASURE = r"""
import json, resource, subprocess, sys, time
stdin = open(sys.argv[1], "rb") if sys.argv[1] != "-" else subprocess.DEVNULL
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
first = proc.stdout.read(1)
first_at = time.perf_counter() - start
size = len(first)
while True:
    chunk = proc.stdout.read(1 << 20)
    if not chunk:
        break
    size += len(chunk)
err = proc.stderr.read()
proc.wait()
total = time.perf_counter() - start
print(json.dumps({"first": first_at, "total": total, "bytes": size, "status": proc.returncode,
                  "stderr": err.decode("utf-8", "replace")[-500:],
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(stdin: Path | None, cmd: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(stdin) if stdin else "-", *cmd],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout)


def misspelt(word: str, rng: random.Random) -> str:
    """``word`` with one or two random edits (the kind of text a model's typo gives)."""
    chars = list(word)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[i] = rng.choice(string.ascii_lowercase)
        elif op < 0.7 and len(chars) > 3:
            del chars[i]
        else:
            chars.insert(i, rng.choice(string.ascii_lowercase))
    return "".join(chars)


def decompose_lines(path: Path, n: int, words: list[str], seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            kind = i % 4
            if kind == 0:
                line = misspelt(rng.choice(words), rng)
            elif kind == 1:
                line = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 12))) + str(i)
            elif kind == 2:
                line = f"{rng.choice(['very', 'not', 'slightly', 'a mix of'])} {rng.choice(words)} and {misspelt(rng.choice(words), rng)}"
            else:
                line = rng.choice(words)
            handle.write(line + "\n")


def pathological_file(path: Path, words: list[str], seed: int, rows: int = 200) -> None:
    """Paper-format rows whose one prediction is ~190 characters of misspelt words."""
    import csv

    rng = random.Random(seed)
    long_words = [w for w in words if len(w) >= 6] or words
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["labels", "output_formatted", "number_of_labels"])
        for _ in range(rows):
            parts: list[str] = []
            while sum(len(p) + 1 for p in parts) < 190:
                parts.append(misspelt(rng.choice(long_words), rng))
            writer.writerow([repr([rng.choice(words)]), repr([" ".join(parts)]), 1])


def posts_file(path: Path, mib: int, words: list[str], seed: int) -> int:
    """Paper-format rows with a long ``segment`` text beside the labels (~2 kB per row)."""
    import csv

    rng = random.Random(seed)
    filler = "I have been thinking about this for a long time and I still do not know what to say. "
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["segment", "labels", "output_formatted", "number_of_labels"])
        while handle.tell() < mib * 2**20:
            k = rng.randint(1, 3)
            gold = [rng.choice(words) for _ in range(k)]
            writer.writerow([filler * 23, repr(gold), repr([rng.choice(words) for _ in gold]), k])
            rows += 1
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=300_000, help="lines for decompose - (default 300,000)")
    parser.add_argument("--evaluate-mib", type=int, default=200, help="size of the evaluate file in MiB")
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="paper-style decomposition table")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for run_all.py)")
    args = parser.parse_args(argv)
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    cli = cli_command()
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-streaming-") as tmp:
        if not args.table.exists():
            log(f"table not found: {args.table}; using a synthetic 16,019-word table (pass --table PATH)")
            args.table = synthesize_table(Path(tmp) / "table.csv")
        words = emotion_words(args.table)

        lines = Path(tmp) / "lines.txt"
        decompose_lines(lines, args.lines, words, args.seed)
        log(f"generated {args.lines:,} lines for decompose -")
        m = measure(lines, [*cli, "decompose", "--json", "--explain", "-"])
        if m["status"] not in (0, 1):
            log(m["stderr"])
        label = f"decompose --json --explain -, {args.lines:,} lines"
        results.append(row(f"{label}: first result", round(m["first"], 2), "s", "<= 1.5 s", m["first"] <= 1.5))
        results.append(row(f"{label}: total", round(m["total"], 1), "s", "report", None))
        results.append(row(f"{label}: peak RSS", round(m["peak_rss_mib"]), "MiB", "< 384 MiB",
                           m["peak_rss_mib"] < 384))

        big = Path(tmp) / "big.csv"
        masks = max(1, args.evaluate_mib * 2**20 // 27)  # about 27 bytes per mask in this layout
        write_predictions(big, masks, words, args.seed + 1)
        size_mib = big.stat().st_size / 2**20
        log(f"generated {big.name}: {masks:,} masks, {size_mib:.0f} MiB")
        m = measure(None, [*cli, "evaluate", "--lexicon", str(args.table), str(big), "--json", "--bootstrap", "0"])
        if m["status"] != 0:
            log(m["stderr"])
        label = f"evaluate --lexicon, {size_mib:.0f} MiB of {masks / 1e6:.1f} M masks"
        results.append(row(f"{label}: total", round(m["total"], 1), "s", "report", None))
        results.append(row(f"{label}: peak RSS", round(m["peak_rss_mib"]), "MiB", "< 1024 MiB",
                           m["peak_rss_mib"] < 1024))
        big.unlink()

        posts = Path(tmp) / "posts.csv"
        n_posts = posts_file(posts, args.evaluate_mib, words, args.seed + 3)
        size_mib = posts.stat().st_size / 2**20
        log(f"generated {posts.name}: {n_posts:,} posts, {size_mib:.0f} MiB")
        m = measure(None, [*cli, "evaluate", "--lexicon", str(args.table), str(posts), "--json", "--bootstrap", "0"])
        if m["status"] != 0:
            log(m["stderr"])
        label = f"evaluate --lexicon, {size_mib:.0f} MiB of {n_posts:,} posts"
        results.append(row(f"{label}: total", round(m["total"], 1), "s", "report", None))
        results.append(row(f"{label}: peak RSS", round(m["peak_rss_mib"]), "MiB", "< 160 MiB",
                           m["peak_rss_mib"] < 160))
        posts.unlink()

        slow = Path(tmp) / "misspelt.csv"
        pathological_file(slow, words, args.seed + 2)
        m = measure(None, [*cli, "evaluate", str(slow), "--json", "--bootstrap", "0"])
        if m["status"] != 0:
            log(m["stderr"])
        results.append(row("evaluate, 200 rows of ~190 misspelt characters", round(m["total"], 2), "s",
                           "<= 3 s", m["total"] <= 3))
    if args.json:
        print(json.dumps(results))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
