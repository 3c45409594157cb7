"""Benchmark what the shipped ontology knows, against word lists from published sources.

Measures, and prints (reported figures: the lists have no agreed targets yet):

1. distinctness: the share of ontology terms (dyad names left out: they name two emotions
   on purpose) whose strongest emotion is unique, a single maximum among the eight;
2. agreement with the emotion lists of ``validation/`` (Shaver et al. 1987; GoEmotions'
   Ekman grouping): coverage and strongest-emotion agreement, through
   :func:`express_lexicon.agreement.agreement` (a tie at the top splits its credit);
3. restraint on the neutral lists (Swadesh 207, Ogden's 200 picturable things): the share
   of words with no emotion at or above the binary threshold (0.3);
4. intensity order on ``validation/intensity_pairs.tsv``: the share of pairs whose stronger
   word scores higher than the weaker one on the pair's emotion.

With ``--lexicon PATH`` (a paper-style table such as the EXPRESS paper's
``lexicon-decomposition.csv``), 2 and 3 are also given for the table, beside the
decomposer's figures (4 needs graded scores, which a binary table does not have). The
validation lists are never used for calibration (see ``validation/README.md``).

Not part of the test run; takes a few seconds; exits 0 unless an input file is unusable::

    python benchmarks/bench_knowledge.py [--lexicon PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from _table import print_table, row
from express_lexicon import theory
from express_lexicon.agreement import agreement
from express_lexicon.decomposer import Lexicon, default_lexicon
from express_lexicon.errors import ExpressLexiconError
from express_lexicon.text import normalize

HERE = Path(__file__).resolve().parent
VALIDATION = HERE / "validation"
EMOTION_LISTS = ("shaver1987.tsv", "goemotions_ekman.tsv")
NEUTRAL_LISTS = ("neutral_swadesh.tsv", "neutral_ogden.tsv")
PAIRS = "intensity_pairs.tsv"
_TIE = 1e-9


def _pct(share: float) -> float:
    return round(100.0 * share, 1)


def distinctness(lexicon: Lexicon) -> list[dict]:
    dyad_names = {normalize(label) for d in theory.dyads() for label in d.labels}
    terms = [t for t in lexicon if t not in dyad_names]
    unique = no_emotion = 0
    for term in terms:
        values = lexicon.decompose(term).emotions.values()
        top = max(values)
        if top <= 0:
            no_emotion += 1
        elif sum(v >= top - _TIE for v in values) == 1:
            unique += 1
    return [
        row(f"ontology terms with a unique strongest emotion (of {len(terms):,}, dyad names excluded)",
            _pct(unique / len(terms)), "%", "report"),
        row("ontology terms with no emotion at all (sentiment only)", no_emotion, "terms", "report"),
    ]


def emotion_lists(lexicon: Lexicon, table: object) -> list[dict]:
    rows = []
    for name in EMOTION_LISTS:
        report = agreement(VALIDATION / name, lexicon=lexicon, table=table)
        stem = name.removesuffix(".tsv")
        for source in report.sources:
            who = "decomposer" if source.name == "decomposer" else "paper table"
            rows.append(row(f"{stem}: coverage ({who}, {source.n_emotion} words)", _pct(source.coverage), "%",
                            "report"))
            rows.append(row(f"{stem}: strongest-emotion agreement ({who})", _pct(source.agreement), "%", "report"))
            rows.append(row(f"{stem}: agreement among known words ({who})", _pct(source.agreement_known), "%",
                            "report"))
    return rows


def neutral_lists(lexicon: Lexicon, table: object) -> list[dict]:
    rows = []
    for name in NEUTRAL_LISTS:
        report = agreement(VALIDATION / name, lexicon=lexicon, table=table)
        stem = name.removesuffix(".tsv")
        for source in report.sources:
            who = "decomposer" if source.name == "decomposer" else "paper table"
            rows.append(row(f"{stem}: words without emotion >= {report.threshold:g} ({who}, {source.n_neutral} words)",
                            _pct(source.neutral_agreement), "%", "report"))
    return rows


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """``(weaker, stronger, emotion)`` from the pairs file; raises ValueError naming the line."""
    pairs = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[:3] == ["weaker", "stronger", "emotion"]:
            continue
        if len(fields) < 3 or fields[2] not in theory.EMOTIONS:
            raise ValueError(f"{path}, line {number}: expected weaker<TAB>stronger<TAB>emotion[<TAB>evidence]")
        pairs.append((fields[0], fields[1], fields[2]))
    return pairs


def intensity_pairs(lexicon: Lexicon) -> list[dict]:
    pairs = read_pairs(VALIDATION / PAIRS)
    higher = ties = unknown = 0
    for weaker, stronger, emotion in pairs:
        w, s = lexicon.decompose(weaker), lexicon.decompose(stronger)
        if not (w.known and s.known):
            unknown += 1
        elif s[emotion] > w[emotion] + _TIE:
            higher += 1
        elif abs(s[emotion] - w[emotion]) <= _TIE:
            ties += 1
    return [
        row(f"intensity pairs: stronger word higher on the emotion (of {len(pairs)})", _pct(higher / len(pairs)), "%",
            "report"),
        row("intensity pairs: equal scores", ties, "pairs", "report"),
        row("intensity pairs: a word unknown", unknown, "pairs", "report"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", metavar="PATH",
                        help="a paper-style table (word + 10 binary columns) to report beside the decomposer")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    lexicon = default_lexicon()
    try:
        table = None
        if args.lexicon:
            from express_lexicon.sources.paper_table import PaperTable

            table = PaperTable.load(args.lexicon)
        rows = distinctness(lexicon) + emotion_lists(lexicon, table) + neutral_lists(lexicon, table) + \
            intensity_pairs(lexicon)
    except (ExpressLexiconError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    if args.json:
        print(json.dumps(rows))
    else:
        print_table(rows)
        print(f"\n{elapsed:.1f} s; lists in {VALIDATION}; misses of one list: "
              "express-lexicon agreement benchmarks/validation/NAME.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
