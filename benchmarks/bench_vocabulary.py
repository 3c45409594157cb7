"""Benchmark the everyday vocabulary against the targets of the everyday-vocabulary issue.

Measures, and prints with the targets beside them:

1. real model output: the distinct predicted words of a predictions file (``--predictions
   FILE``, e.g. ``results/context-length-evaluation/gpt_4o_shorter_context.csv`` of the
   EXPRESS release) that decompose with a method other than ``unknown``; every word left
   unknown must be one this script lists as not a feeling, with the reason. Without a file
   it uses the 23 words that were ``unknown`` in that GPT-4o file when the issue was filed
   (65 masks), which is what the issue measured;
2. coverage of the curated resource: every expression decomposes through it
   (method ``expression``; target 100%);
3. coverage of WordNet lemmas with an emotional sense (needs WordNet; skipped without it):
   every lemma of an emotional synset is a term, or one of the few that reach no graded
   term (reported, with examples);
4. size: terms, the ontology folder on disk, and the wheel (``--wheel`` builds one with
   ``pip wheel --no-deps``).

Not part of the test run; always exits 0::

    python benchmarks/bench_vocabulary.py [--predictions FILE] [--wheel] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import express_lexicon as xl
from _table import print_table, row
from express_lexicon.sources.expressions import everyday_expressions

ROOT = Path(__file__).resolve().parent.parent

#: Words of the issue's GPT-4o measurement that were unknown on main then (65 masks).
ISSUE_UNKNOWN_WORDS = (
    "trapped", "violated", "willing", "empowered", "ignored", "invested", "involved", "energized",
    "naive", "support", "free", "fixated", "petrified", "sane", "flattered", "fed up", "done",
    "validated", "fine", "receptive", "volatile", "told", "pressured",
)

#: Predicted words that are not feelings, decided as a lexicographer would; they stay unknown.
NOT_FEELINGS = {
    "told": "a verb of speech (\"I was told\"): reports what happened, names no feeling",
    "support": "an action or a thing one gives or gets; the feeling is 'supported', not 'support'",
    "involved": "taking part in something; no dictionary gives it a feeling sense",
    "done": "finished; 'I'm done' can voice exasperation, but the word itself names no feeling",
    "willing": "readiness to act, a disposition rather than a feeling",
    "naive": "a trait (lacking experience), not a feeling",
    "sane": "a mental state of soundness, not a feeling",
    "fixated": "an obsessive preoccupation, a cognitive state; no emotion term renders it faithfully",
}


def predicted_words(path: str) -> tuple[list[str], dict[str, int]]:
    from express_lexicon.predictions import read_predictions

    predictions = read_predictions(path, skip_bad_rows=True)
    counts: dict[str, int] = {}
    for index in predictions.pred_ids.tolist():
        if index >= 0:
            word = predictions.vocab[index]
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts), counts


def model_output(path: str | None) -> list[dict]:
    if path:
        words, counts = predicted_words(path)
        source = f"distinct predicted words of {Path(path).name}"
    else:
        words, counts = list(ISSUE_UNKNOWN_WORDS), {}
        source = "the issue's 23 GPT-4o words"
    known, unknown = [], []
    for word in words:
        try:
            d = xl.decompose(word)
        except xl.InvalidTermError:
            unknown.append(word)
            continue
        (known if d.known else unknown).append(word)
    unexplained = [w for w in unknown if w not in NOT_FEELINGS]
    feelings = [w for w in words if w not in NOT_FEELINGS]
    decomposed = sum(1 for w in feelings if w in known)
    rows = [
        row(f"{source}: decomposed", len(known), f"of {len(words)}", "report", None),
        row(f"{source}: with an emotional sense, decomposed", round(100 * decomposed / max(1, len(feelings)), 1),
            "%", "100%", decomposed == len(feelings)),
        row(f"{source}: unknown and not listed as a non-feeling", len(unexplained), "words", "0", not unexplained),
    ]
    if counts:
        masks = sum(counts[w] for w in unknown)
        rows.append(row(f"{source}: masks whose prediction stays unknown", masks, "masks", "report", None))
    return rows + [{"name": "_unknown", "words": unknown}]


def curated() -> list[dict]:
    rows = everyday_expressions()
    through = sum(1 for r in rows if xl.decompose(r.expression).method == "expression")
    return [row("curated expressions resolved through the resource", round(100 * through / len(rows), 1),
                f"% of {len(rows)}", "100%", through == len(rows))]


def wordnet_lemmas() -> list[dict]:
    try:
        from express_lexicon import build as B
        from express_lexicon.sources.nrc import load_bundled_intensity
        from express_lexicon.sources.wordnet import load_wordnet

        wn = load_wordnet()
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not gate
        return [row(f"WordNet lemmas with an emotional sense (skipped: {type(exc).__name__})", "-", "", "100%", None)]
    intensity = load_bundled_intensity()
    strengths = {w: max(v.values()) for w, v in (intensity.scores if intensity else {}).items()}
    synsets = B.emotional_synsets(wn, B.feeling_words(wn, strengths))
    lemmas = sorted({k for s in synsets for k in (B._key(n) for n in s.lemma_names()) if k})
    lexicon = xl.default_lexicon()
    missing = [k for k in lemmas if k not in lexicon]
    covered = len(lemmas) - len(missing)
    return [
        row("WordNet lemmas with an emotional sense: terms", round(100 * covered / len(lemmas), 1),
            f"% of {len(lemmas)}", "report", None),
        row("  ... left out: they reach no graded term", len(missing), "lemmas", "report", None),
        {"name": "_missing", "words": missing[:25]},
    ]


def sizes(wheel: bool) -> list[dict]:
    from express_lexicon._data import ONTOLOGY_PACKAGE, package_directory

    folder = package_directory(ONTOLOGY_PACKAGE)
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder else 0
    rows = [row("ontology terms", len(xl.default_lexicon()), "terms", "report", None),
            row("ontology/ on disk", round(total / 2**20, 1), "MiB", "report", None)]
    if wheel:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp, str(ROOT)],
                           check=True, capture_output=True)
            built = next(Path(tmp).glob("*.whl"))
            rows.append(row("wheel", round(built.stat().st_size / 2**20, 1), "MiB", "report", None))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--predictions", help="a predictions file whose distinct predicted words to check")
    parser.add_argument("--wheel", action="store_true", help="build a wheel and report its size")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = model_output(args.predictions) + curated() + wordnet_lemmas() + sizes(args.wheel)
    extras = {r["name"]: r["words"] for r in rows if r["name"].startswith("_")}
    rows = [r for r in rows if not r["name"].startswith("_")]
    if args.json:
        print(json.dumps(rows))  # one line, as run_all.py reads it
        return 0
    print_table(rows)
    for word in extras.get("_unknown", []):
        print(f"  unknown: {word}: {NOT_FEELINGS.get(word, 'NOT LISTED as a non-feeling')}")
    if extras.get("_missing"):
        print("  WordNet lemmas left out, e.g.: " + ", ".join(extras["_missing"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
