#!/usr/bin/env python3
"""Validate ``resources/everyday_expressions.csv`` (the curated everyday-expressions resource).

    python tools/check_everyday_expressions.py [PATH] [--min-rows N] [--no-wordnet] [--overlap]

Checks, for every data row (reported with its line number in the file):

- the first line is ``# express-lexicon resource: everyday-expressions v1`` and the column
  header is ``expression,means,kind,region,sense,dictionary``;
- every row has six fields, the ``sense`` field is quoted and the row is written the way
  :mod:`csv` writes it (no stray spaces or quotes);
- ``expression`` is lower case, already normalised (:func:`express_lexicon.text.normalize`
  leaves it unchanged, single spaces) and not a duplicate of an earlier row;
- ``means`` is one or more ``|``-separated targets, each lower case, not repeated, not the
  expression itself nor another expression of the file (no chaining), and resolvable: a word
  of the NRC Emotion Intensity Lexicon (read from the ``emotion`` module of the
  ``emotion-nrc-affect-lex`` package by parsing it, never importing it), a word of NRC EmoLex
  with at least one of the eight emotions, or a Plutchik name (emotion, tier name, dyad name
  or alternative dyad label);
- ``kind``, ``region`` and ``dictionary`` use only the allowed values (dictionary codes
  joined by ``|``, no repeats), and ``sense`` is a real paraphrase (at least 12 characters);
- a ``WN`` code is given only when WordNet 3.0 has a synset for the expression (skipped with
  ``--no-wordnet`` or when WordNet is not installed);
- the file has at least ``--min-rows`` rows (400 by default).

Prints a summary (rows by kind, region and dictionary) and exits 1 after listing every bad
row, 0 when the file passes. ``--overlap`` also lists expressions that are themselves single
words of the NRC lexicons (not an error: a ``sense`` row may be such a word).
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib.util
import io
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_PATH = REPO / "resources" / "everyday_expressions.csv"
FIRST_LINE = "# express-lexicon resource: everyday-expressions v1"
COLUMNS = ["expression", "means", "kind", "region", "sense", "dictionary"]
KINDS = ("slang", "idiom", "phrasal-verb", "interjection", "negation", "sense")
REGIONS = ("general", "US", "UK", "AU", "internet")
DICTIONARIES = ("MW", "CD", "OED", "CO", "WN", "WK")
MIN_SENSE_LENGTH = 12


def load_intensity_words() -> dict[str, dict[str, float]]:
    """The NRC Emotion Intensity Lexicon as carried by ``emotion-nrc-affect-lex``.

    The package's module ``emotion.py`` holds a dict literal ``lexicon = {...}`` (inside
    ``class Emo``); the file is parsed with :mod:`ast` and the literal evaluated, so that
    the module itself is never imported.
    """
    spec = importlib.util.find_spec("emotion")
    if spec is None or not spec.origin:
        raise SystemExit("error: the package emotion-nrc-affect-lex (module 'emotion') is not installed")
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "lexicon" for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, dict) and value:
                return value
    raise SystemExit(f"error: no 'lexicon = {{...}}' dict literal found in {spec.origin}")


class Resolver:
    """Decides whether a ``means`` target is a known emotion term."""

    def __init__(self) -> None:
        from express_lexicon import theory
        from express_lexicon.sources.nrc import load_emolex

        self.intensity = load_intensity_words()
        emotions = frozenset(theory.EMOTIONS)
        self.emolex = {word: dims for word, dims in load_emolex().words.items() if dims & emotions}
        names = {e.name for e in theory.emotions()}
        names |= {t.name for t in theory.tier_terms()}
        for dyad in theory.dyads():
            names |= set(dyad.labels)
        self.plutchik = frozenset(names)

    def source(self, term: str) -> str | None:
        if term in self.plutchik:
            return "plutchik"
        if term in self.intensity:
            return "intensity"
        if term in self.emolex:
            return "emolex"
        return None

    def is_lexicon_word(self, term: str) -> bool:
        return term in self.intensity or term in self.emolex


def wordnet_reader(enabled: bool):  # -> WordNetCorpusReader | None
    if not enabled:
        return None
    try:
        from express_lexicon.sources.wordnet import load_wordnet

        return load_wordnet()
    except Exception as exc:  # WordNet is optional for this check
        print(f"note: WordNet not available ({exc}); WN codes not checked", file=sys.stderr)
        return None


def canonical_line(row: list[str]) -> str:
    """How the row should be written: csv quoting for every field, the sense always quoted."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row[:4])
    head = out.getvalue()
    sense = '"' + row[4].replace('"', '""') + '"'
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row[5:])
    return f"{head},{sense},{out.getvalue()}"


def check(path: Path, min_rows: int, use_wordnet: bool, overlap: bool) -> int:
    from express_lexicon.errors import InvalidTermError
    from express_lexicon.text import normalize

    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {path}: {exc}")
        return 1
    problems: list[tuple[int, str]] = []
    if not lines or lines[0].rstrip("\r") != FIRST_LINE:
        problems.append((1, f"first line must be {FIRST_LINE!r}"))

    header_seen = False
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line or line.startswith("#"):
            if not line and number != len(lines):
                problems.append((number, "blank line"))
            continue
        fields = next(csv.reader([line]))
        if not header_seen:
            header_seen = True
            if fields != COLUMNS:
                problems.append((number, f"column header must be {','.join(COLUMNS)}, found {line[:80]!r}"))
            continue
        if len(fields) != len(COLUMNS):
            problems.append((number, f"{len(fields)} fields, expected {len(COLUMNS)}: {line[:80]!r}"))
            continue
        if line != canonical_line(fields):
            problems.append((number, "not written the csv way (quote the sense, nothing else unless needed; no stray spaces)"))
        rows.append((number, fields))
    if not header_seen:
        problems.append((len(lines), "no column header"))

    resolver = Resolver()
    wn = wordnet_reader(use_wordnet)
    expressions = {fields[0] for _, fields in rows}
    seen: dict[str, int] = {}
    counts: dict[str, Counter[str]] = {"kind": Counter(), "region": Counter(), "dictionary": Counter()}
    target_sources: Counter[str] = Counter()
    overlaps: list[str] = []

    for number, (expression, means, kind, region, sense, dictionary) in rows:
        bad: list[str] = []
        if not expression:
            bad.append("empty expression")
        else:
            if expression != expression.lower():
                bad.append(f"expression {expression!r} is not lower case")
            try:
                if normalize(expression) != expression:
                    bad.append(f"expression {expression!r} is not normalised (normalize gives {normalize(expression)!r})")
            except InvalidTermError as exc:
                bad.append(f"expression {expression!r} is not a valid term: {exc}")
            if expression in seen:
                bad.append(f"duplicate expression {expression!r} (first on line {seen[expression]})")
            else:
                seen[expression] = number
            if overlap and " " not in expression and resolver.is_lexicon_word(expression):
                overlaps.append(f"line {number}: {expression} ({kind})")

        targets = means.split("|")
        if not means or any(not t for t in targets):
            bad.append(f"means {means!r} has an empty target")
        if len(set(targets)) != len(targets):
            bad.append(f"means {means!r} repeats a target")
        for target in filter(None, targets):
            if target != target.strip() or target != target.lower():
                bad.append(f"target {target!r} must be lower case without spaces around it")
                continue
            if target == expression:
                bad.append(f"target {target!r} is the expression itself")
            elif target in expressions:
                bad.append(f"target {target!r} is another expression of the file (no chaining)")
            found = resolver.source(target)
            if found is None:
                bad.append(f"target {target!r} is not resolvable (not an NRC intensity word, an EmoLex emotion word or a Plutchik name)")
            else:
                target_sources[found] += 1

        if kind not in KINDS:
            bad.append(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        if region not in REGIONS:
            bad.append(f"region {region!r} is not one of {', '.join(REGIONS)}")
        if len(sense.strip()) < MIN_SENSE_LENGTH or sense != sense.strip():
            bad.append(f"sense {sense!r} is too short or has surrounding spaces")
        codes = dictionary.split("|")
        if not dictionary or any(code not in DICTIONARIES for code in codes):
            bad.append(f"dictionary {dictionary!r}: codes must be among {', '.join(DICTIONARIES)}, joined by '|'")
        elif len(set(codes)) != len(codes):
            bad.append(f"dictionary {dictionary!r} repeats a code")
        elif "WN" in codes and wn is not None and expression and not wn.synsets(expression.replace(" ", "_")):
            bad.append(f"WN named but WordNet 3.0 has no synset for {expression!r}")

        for message in bad:
            problems.append((number, message))
        counts["kind"][kind] += 1
        counts["region"][region] += 1
        for code in codes:
            counts["dictionary"][code] += 1

    if len(rows) < min_rows:
        problems.append((len(lines), f"only {len(rows)} rows, at least {min_rows} required"))

    print(f"{path}: {len(rows)} rows, {len(seen)} distinct expressions")
    for name in ("kind", "region", "dictionary"):
        shown = ", ".join(f"{key} {value}" for key, value in counts[name].most_common())
        print(f"  by {name}: {shown}")
    shown = ", ".join(f"{key} {value}" for key, value in target_sources.most_common())
    print(f"  targets resolved through: {shown}")
    if overlaps:
        print(f"  {len(overlaps)} expressions are also single words of the NRC lexicons:")
        for item in overlaps:
            print(f"    {item}")
    if problems:
        print(f"FAILED: {len(problems)} problems")
        for number, message in sorted(problems):
            print(f"  line {number}: {message}")
        return 1
    print("OK")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--min-rows", type=int, default=400)
    parser.add_argument("--no-wordnet", action="store_true", help="do not check WN codes against WordNet")
    parser.add_argument("--overlap", action="store_true", help="list expressions that are NRC lexicon words")
    args = parser.parse_args(argv)
    return check(args.path, args.min_rows, not args.no_wordnet, args.overlap)


if __name__ == "__main__":
    sys.exit(main())
