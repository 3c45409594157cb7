"""Benchmark the decomposer against the targets of the decomposer issue.

Measures, and prints with the targets beside them:

1. coverage: EXPRESS vocabulary entries (and the words their stems stand for) and observed
   labels that decompose with a method other than ``unknown`` (target 100%); WordNet
   ``noun.feeling`` lemmas covered (reported; needs WordNet, skipped without it);
2. sanity: basic names strongest on themselves, dyad names with their components on top,
   tier names on their tier (target: all);
3. cold start: ``express-lexicon decompose bittersweet`` as a whole process against a fresh
   process that looks one word up with NRCLex, run alternately, medians compared
   (target: at most 1.3 times);
4. ontology load time (``Lexicon()``: read and verify the term table) and graph load time;
5. warm throughput: all ontology terms, and the WordNet-only ones, decomposed in-process
   after a first pass (targets 100,000/s and 5,000/s); the first, cold-cache pass too.

Not part of the test run; always exits 0 (it reports, it does not gate)::

    python benchmarks/bench_decompose.py [--runs N] [--json]
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
from express_lexicon import theory
from express_lexicon.decomposer import Lexicon
from express_lexicon.sources.express import express_vocabulary, observed_labels


def coverage() -> list[dict]:
    lexicon = xl.default_lexicon()
    entries = express_vocabulary()
    entry_known = sum(lexicon.decompose(e.entry).known for e in entries)
    words = sorted({w for e in entries for w in e.words})
    word_known = sum(lexicon.decompose(w).known for w in words)
    labels = sorted(observed_labels())
    label_known = sum(lexicon.decompose(w).known for w in labels)
    rows = [
        row("coverage: EXPRESS vocabulary entries", f"{entry_known}/{len(entries)}", "", "100%",
            entry_known == len(entries)),
        row("coverage: words the entries stand for", f"{word_known}/{len(words)}", "", "100%",
            word_known == len(words)),
        row("coverage: observed labels", f"{label_known}/{len(labels)}", "", "100%", label_known == len(labels)),
    ]
    try:
        from express_lexicon.sources.wordnet import load_wordnet

        wn = load_wordnet()
    except xl.ExpressLexiconError as exc:
        rows.append(row("coverage: WordNet noun.feeling lemmas", "skipped", "", "report", None))
        print(f"(noun.feeling coverage skipped: {exc})", file=sys.stderr)
        return rows
    lemmas = sorted({name.replace("_", " ").lower() for s in wn.all_synsets("n") if s.lexname() == "noun.feeling"
                     for name in s.lemma_names()})
    in_ontology = sum(1 for lemma in lemmas if lemma in lexicon)
    known = sum(1 for lemma in lemmas if lexicon.decompose(lemma).known)
    rows.append(row("coverage: noun.feeling lemmas in the ontology", f"{in_ontology}/{len(lemmas)}", "",
                    "report", None))
    rows.append(row("coverage: noun.feeling lemmas decomposed", f"{known}/{len(lemmas)}", "", "report", None))
    return rows


def sanity() -> list[dict]:
    basic_ok = sum(xl.decompose(e).dominant[:1] == (e,) for e in theory.EMOTIONS)
    dyad_labels = [label for d in theory.dyads() for label in d.labels]
    dyad_ok = 0
    for label in dyad_labels:
        d = xl.decompose(label)
        top2 = sorted(d.emotions, key=lambda e: -d.emotions[e])[:2]
        dyad_ok += sorted(top2) == sorted(theory.dyad(label).components)
    tiers = theory.tier_terms()
    tier_ok = sum(xl.decompose(t.name).tier == t.tier for t in tiers)
    return [
        row("sanity: basic names strongest on themselves", f"{basic_ok}/8", "", "all", basic_ok == 8),
        row("sanity: dyad names with components on top", f"{dyad_ok}/{len(dyad_labels)}", "", "all",
            dyad_ok == len(dyad_labels)),
        row("sanity: tier names on their tier", f"{tier_ok}/{len(tiers)}", "", "all", tier_ok == len(tiers)),
    ]


def _time_process(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_start(runs: int) -> list[dict]:
    # The console script of the interpreter running this benchmark, not whichever is first on PATH.
    beside = Path(sys.executable).with_name("express-lexicon")
    script = str(beside) if beside.exists() else shutil.which("express-lexicon")
    ours = [script, "decompose", "bittersweet"] if script else \
        [sys.executable, "-m", "express_lexicon", "decompose", "bittersweet"]
    nrclex = [sys.executable, "-c",
              "from nrclex import NRCLex; n = NRCLex(); n.load_token_list(['bittersweet']); n.affect_frequencies"]
    for cmd in (ours, nrclex):  # warm the OS file cache once
        _time_process(cmd)
    ours_times, nrc_times = [], []
    for _ in range(runs):  # alternate so both see the same machine load
        ours_times.append(_time_process(ours))
        nrc_times.append(_time_process(nrclex))
    ours_median, nrc_median = statistics.median(ours_times), statistics.median(nrc_times)
    ratio = ours_median / nrc_median
    return [
        row("cold start: express-lexicon decompose bittersweet", round(ours_median, 3), "s", "", None),
        row("cold start: fresh NRCLex one-word lookup", round(nrc_median, 3), "s", "", None),
        row("cold start ratio (ours / NRCLex)", round(ratio, 2), "x", "<= 1.3", ratio <= 1.3),
    ]


def loading(runs: int) -> list[dict]:
    from express_lexicon.ontology import load_ontology

    lexicon_times, graph_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        Lexicon().decompose("bittersweet")
        lexicon_times.append(time.perf_counter() - start)
    for _ in range(max(1, runs // 3)):
        start = time.perf_counter()
        load_ontology()
        graph_times.append(time.perf_counter() - start)
    return [
        row("ontology load: Lexicon() + first decompose", round(statistics.median(lexicon_times) * 1000, 1), "ms",
            "fast, no WordNet", None),
        row("ontology load: full networkx graph", round(statistics.median(graph_times), 3), "s", "report", None),
    ]


def throughput(passes: int) -> list[dict]:
    """Cold: a fresh Lexicon's first pass (parse each entry, build its Decomposition).
    Warm: later passes, answered from the lexicon's cache of Decompositions."""
    terms = list(Lexicon())
    wordnet_only = [t for t in terms if xl.decompose(t).method == "wordnet"]

    def rates(items: list[str]) -> tuple[float, float]:
        lexicon = Lexicon()
        list(lexicon)  # the key index, as any caller iterating the vocabulary builds it
        start = time.perf_counter()
        for item in items:
            lexicon.decompose(item)
        cold = len(items) / (time.perf_counter() - start)
        start = time.perf_counter()
        for _ in range(passes):
            for item in items:
                lexicon.decompose(item)
        return cold, passes * len(items) / (time.perf_counter() - start)

    vocabulary_cold, vocabulary_warm = rates(terms)
    wordnet_cold, wordnet_warm = rates(wordnet_only)
    return [
        row(f"cold (first pass): {len(terms):,} ontology terms", round(vocabulary_cold), "terms/s", "report", None),
        row("warm: ontology terms", round(vocabulary_warm), "terms/s", ">= 100,000", vocabulary_warm >= 100_000),
        row(f"cold (first pass): {len(wordnet_only):,} WordNet-only terms", round(wordnet_cold), "terms/s",
            ">= 5,000", wordnet_cold >= 5_000),
        row("warm: WordNet-only terms", round(wordnet_warm), "terms/s", ">= 5,000", wordnet_warm >= 5_000),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="process runs per side for the cold start")
    parser.add_argument("--passes", type=int, default=5, help="passes over the terms for throughput")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    rows = coverage() + sanity() + cold_start(args.runs) + loading(5) + throughput(args.passes)
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
