#!/usr/bin/env python3
"""Derive ``resources/express_vocabulary.csv`` from the EXPRESS reference files.

    python tools/make_express_vocabulary.py \\
        --masking ../shared/express-reference/masking-vocabulary.txt \\
        --observed ../shared/express-reference/observed-labels.txt

One row per masking-vocabulary entry (in the file's order), then one row of kind
``label`` for every observed label the masking vocabulary lacks. Columns:

- ``entry``: the entry exactly as the paper lists it (lower case);
- ``kind``: ``phrase`` (contains a space), ``word`` (a word: a WordNet lemma or regular
  inflection, an EmoLex word, an observed label, a hyphenated compound, or a token that is
  no word's prefix -- the paper's misspellings such as ``embarrased`` stay words because
  they occur in the data), ``stem`` (not a word, but the prefix or Porter stem of emotion
  words: ``admir``, ``frustrat``, ``agoni``) or ``label``;
- ``words``: ``;``-separated full words the entry stands for -- the entry itself, except
  for a stem, whose words are found by prefix (and by Porter stem, so ``agoni`` finds
  ``agony``) among the other vocabulary entries, the observed labels, WordNet lemmas and
  EmoLex words, and kept only when plausible emotion words (:func:`plausible`) after the
  reviewed corrections in :data:`STEM_EXCLUDE` / :data:`STEM_INCLUDE`;
- ``observed``: 1 when the entry (for a stem: one of its words) is an observed label.

Needs WordNet (see ``express-lexicon info``) and NRCLex. ``--check`` compares with the
existing output instead of writing it (exit status 1 on a difference).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "resources" / "express_vocabulary.csv"

#: Lexicographer files whose synsets are emotions (WordNet's own classification).
EMOTION_LEXNAMES = frozenset({"noun.feeling", "verb.emotion"})
#: Noun lexnames that can hold an emotional attribute or state ("laziness", "suspicion").
STATE_LEXNAMES = frozenset({"noun.attribute", "noun.state"})
#: Noun lexnames that never name an emotion (people, things, places, organisms, ...).
NON_EMOTION_NOUNS = frozenset({
    "noun.person", "noun.animal", "noun.artifact", "noun.location", "noun.plant",
    "noun.food", "noun.object", "noun.substance", "noun.body", "noun.group", "noun.time",
    "noun.Tops", "noun.shape", "noun.quantity",
})
EIGHT_EMOTIONS = frozenset({
    "anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust",
})

# Reviewed corrections of the automatic rule (read the output after every change).
#: Words the rule keeps that are not what the stem stands for.
STEM_EXCLUDE: dict[str, frozenset[str]] = {
    "confid": frozenset({"confidential"}),  # secrecy, not confidence
    "determin": frozenset({"determinate"}),  # "fixed", not determined
    "domin": frozenset({"dominion"}),  # a territory or rule
    "hospit": frozenset({"hospital"}),  # a vocabulary entry, but not what hospit- means
    "polit": frozenset({"politic"}),  # "prudent", not polite
    "suspens": frozenset({"suspension"}),  # mechanical/legal sense
    "excit": frozenset({"excitation", "excitant"}),  # physiological stimulation
    "piti": frozenset({"pitiless", "pitilessness"}),  # the absence of pity
}
#: Emotion words the rule misses (WordNet lacks the emotion link, EmoLex the word).
STEM_INCLUDE: dict[str, frozenset[str]] = {
    "ador": frozenset({"adoring"}),
    "empathi": frozenset({"empathic", "empathetic"}),
    "frustrat": frozenset({"frustrating"}),
    "intrigu": frozenset({"intriguing"}),
    "obstin": frozenset({"obstinacy"}),
    "outrag": frozenset({"outraged"}),
    "remors": frozenset({"remorseful"}),
    "veng": frozenset({"vengeance"}),
    "worthi": frozenset({"worthiness"}),
}
#: Stems whose prefix matches are mostly unrelated: their words are given outright.
STEM_ONLY: dict[str, tuple[str, ...]] = {
    # Porter stem of negative/negativity; neglect(ed) are separate vocabulary entries.
    "neg": ("negative", "negativeness", "negativity"),
}


def read_list(path: Path) -> list[str]:
    """Non-blank lines of ``path``, stripped and lower-cased, duplicates dropped (first kept)."""
    seen: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = " ".join(line.strip().lower().split())
        if entry:
            seen.setdefault(entry, None)
    return list(seen)


class Lexicons:
    """WordNet, EmoLex and a Porter stemmer, with the lookups the rule needs."""

    def __init__(self) -> None:
        from nltk.stem import PorterStemmer

        from express_lexicon.sources.nrc import load_emolex
        from express_lexicon.sources.wordnet import load_wordnet

        self.wn = load_wordnet()
        self.emolex = load_emolex()
        self.stemmer = PorterStemmer()
        self.lemmas = frozenset(name.lower() for name in self.wn.all_lemma_names())

    def lemma_senses(self, word: str) -> list[tuple[object, object]]:
        """(synset, lemma) pairs where ``word`` itself is the lemma (no morphy)."""
        pairs = []
        for synset in self.wn.synsets(word):
            for lemma in synset.lemmas():
                if lemma.name().lower() == word:
                    pairs.append((synset, lemma))
        return pairs

    def is_word(self, entry: str, observed: frozenset[str]) -> bool:
        if " " in entry or "-" in entry or entry in observed:
            return True
        if entry in self.lemmas or entry in self.emolex:
            return True
        # Regular inflections ("enjoyed", "disliking"), not plurals: "pleas" is a stem.
        if entry.endswith(("ed", "ing")):
            return bool(self.wn.morphy(entry, "v") or self.wn.morphy(entry, "a"))
        return False

    def emolex_emotions(self, word: str) -> frozenset[str]:
        return self.emolex.dimensions(word) & EIGHT_EMOTIONS


def plausible(word: str, lex: Lexicons, vocabulary_words: frozenset[str], observed: frozenset[str]) -> bool:
    """Is ``word`` an emotion word (the automatic part of the stem resolution)?

    Yes when it is a vocabulary word or observed label; or WordNet files one of its senses
    under noun.feeling / verb.emotion; or it is an adjective or verb derivationally linked
    to such a sense (or an adjective EmoLex associates with one of the 8 emotions); or a
    noun of attribute/state that EmoLex associates with an emotion. Adverbs, people,
    things, places and organisms are never emotion words.
    """
    if word in vocabulary_words or word in observed:
        return True
    senses = lex.lemma_senses(word)
    if not senses:
        return bool(lex.emolex_emotions(word))
    lexnames = {synset.lexname() for synset, _ in senses}
    if lexnames & EMOTION_LEXNAMES:
        return True
    content = [(s, lemma) for s, lemma in senses if s.pos() != "r" and s.lexname() not in NON_EMOTION_NOUNS]
    if not content:
        return False
    emotions = lex.emolex_emotions(word)
    for synset, lemma in content:
        related = lemma.derivationally_related_forms() + lemma.pertainyms()
        linked = any(r.synset().lexname() in EMOTION_LEXNAMES for r in related) or any(
            a.lexname() in EMOTION_LEXNAMES for a in synset.attributes()
        )
        if synset.pos() in ("a", "s") and (linked or emotions):
            return True
        if synset.pos() == "v" and linked:
            return True
        if synset.pos() == "n" and synset.lexname() in STATE_LEXNAMES and emotions:
            return True
    return False


def resolve_stems(
    entries: list[str], observed: frozenset[str], lex: Lexicons
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Return (kind of each entry, words of each entry)."""
    kinds: dict[str, str] = {}
    non_words = []
    for entry in entries:
        if " " in entry:
            kinds[entry] = "phrase"
        elif lex.is_word(entry, observed):
            kinds[entry] = "word"
        else:
            non_words.append(entry)
    # Full words a stem can stand for: real words only (the paper's misspelt entries are
    # not words and keep their own rows).
    real_vocabulary = frozenset(e for e, k in kinds.items() if k == "word")
    pool = {w for w in lex.lemmas if w.replace("-", "").isalpha()}
    pool |= set(lex.emolex) | real_vocabulary | observed
    by_porter: dict[str, set[str]] = {}
    for word in pool:
        by_porter.setdefault(lex.stemmer.stem(word), set()).add(word)

    words: dict[str, tuple[str, ...]] = {}
    for entry in non_words:
        if entry in STEM_ONLY:
            found = set(STEM_ONLY[entry])
        else:
            candidates = {w for w in pool if w.startswith(entry) and w != entry}
            candidates |= by_porter.get(entry, set()) - {entry}
            found = {w for w in candidates if plausible(w, lex, real_vocabulary, observed)}
            found -= STEM_EXCLUDE.get(entry, frozenset())
            found |= STEM_INCLUDE.get(entry, frozenset())
        if found:
            kinds[entry] = "stem"
            words[entry] = tuple(sorted(found))
        else:
            kinds[entry] = "word"  # a misspelling or rare derivation, kept as it occurs
    for entry in entries:
        words.setdefault(entry, (entry,))
    corrected = set().union(*(STEM_EXCLUDE, STEM_INCLUDE, STEM_ONLY)) & set(entries)
    unknown = {e for e in corrected if kinds[e] != "stem"}
    if unknown:  # a correction that no longer applies: review the tables
        raise SystemExit(f"corrections name entries that are not stems: {', '.join(sorted(unknown))}")
    return kinds, words


def build_rows(masking: list[str], observed_list: list[str], lex: Lexicons) -> list[dict[str, str]]:
    """The rows of the vocabulary file."""
    observed = frozenset(observed_list)
    kinds, words = resolve_stems(masking, observed, lex)
    rows = []
    for entry in masking:
        is_observed = entry in observed or any(w in observed for w in words[entry])
        rows.append({
            "entry": entry,
            "kind": kinds[entry],
            "words": ";".join(words[entry]),
            "observed": "1" if is_observed else "0",
        })
    present = set(masking)
    for label in observed_list:
        if label not in present:
            rows.append({"entry": label, "kind": "label", "words": label, "observed": "1"})
    return rows


def render(rows: Iterable[dict[str, str]], masking_count: int, observed_count: int) -> str:
    rows = list(rows)
    counts = {kind: sum(1 for r in rows if r["kind"] == kind) for kind in ("word", "stem", "phrase", "label")}
    header = [
        "# express-lexicon resource: express-vocabulary v1",
        "# The emotion vocabulary of the EXPRESS benchmark: the entries the paper used to find and",
        "# mask self-reported emotion words, with stems resolved to full words and observed labels flagged.",
        f"# Source: masking-vocabulary.txt ({masking_count} entries) and observed-labels.txt"
        f" ({observed_count} labels) of the public",
        '#   code release of "Fluent but Unfeeling: The Emotional Blind Spots of Language Models" (ICWSM 2026).',
        "# Derived by tools/make_express_vocabulary.py with WordNet 3.0 (Princeton University) and",
        "#   NRC EmoLex (Mohammad & Turney 2013, via NRCLex; research use only). Do not edit by hand.",
        "# Columns: entry (as the paper lists it); kind = word | stem | phrase | label (an observed label",
        "#   missing from the masking list); words = ;-separated full words the entry stands for (the entry",
        "#   itself unless it is a stem); observed = 1 when the entry or one of its words is an observed label.",
        f"# Counts: {len(rows)} rows: {counts['word']} word, {counts['stem']} stem, {counts['phrase']} phrase,"
        f" {counts['label']} label; {sum(1 for r in rows if r['observed'] == '1')} observed.",
    ]
    out = io.StringIO()
    out.write("\n".join(header) + "\n")
    writer = csv.DictWriter(out, fieldnames=["entry", "kind", "words", "observed"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--masking", type=Path, required=True, help="masking-vocabulary.txt")
    parser.add_argument("--observed", type=Path, required=True, help="observed-labels.txt")
    parser.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, help="CSV to write")
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing")
    args = parser.parse_args(argv)

    masking = read_list(args.masking)
    observed = read_list(args.observed)
    text = render(build_rows(masking, observed, Lexicons()), len(masking), len(observed))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; rerun without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.output.parent, prefix=".tmp-", suffix=".csv")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(tmp, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
