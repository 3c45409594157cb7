"""Turning raw strings into lookup keys, and the word-formation rules shared by build and lookup.

Everything here is pure string work (no data files), so both the ontology builder and the
decomposer use the same rules and a term that the builder linked by a rule is found by the
same rule at lookup time.

Normalisation (:func:`normalize`):

* Unicode NFKC (full-width letters, ligatures), then case-folded;
* typographic quotes and dashes become ASCII ``'`` and ``-``; underscores become spaces
  (WordNet writes ``mixed_up``);
* surrounding punctuation is stripped (``"sad!"`` is ``sad``), inner runs of whitespace
  (tabs and newlines included) become one space;
* any other control or format character (``U+0000``-``U+001F`` besides whitespace,
  ``U+007F``-``U+009F``, zero-width characters) makes the term invalid: it is more likely a
  corrupted file than an emotion word, so :class:`InvalidTermError` names it;
* a term longer than :data:`MAX_TERM_LENGTH` characters is invalid (a whole paragraph passed
  by mistake), as is one with no letter at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .errors import InvalidTermError

__all__ = [
    "MAX_TERM_LENGTH",
    "base_forms",
    "compound_forms",
    "edit_distance",
    "head_forms",
    "inflection_bases",
    "normalize",
    "printable",
    "spelling_matches",
]

#: Longest accepted term, in characters after stripping. Emotion phrases models write are
#: rarely above 60; 200 leaves room for "a complicated mix of relief, guilt and ...".
MAX_TERM_LENGTH = 200

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "_": " ",
    }
)
_WHITESPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}<>*-/\\|~`^@#$%&+=…"
_ALLOWED_WHITESPACE = frozenset("\t\n\r\x0b\x0c ")


def normalize(term: object) -> str:
    """Return the lookup key of ``term``: NFKC, case-folded, trimmed, single-spaced.

    Raises :class:`InvalidTermError` (naming the value) when ``term`` is not a string, is
    empty or only punctuation, is longer than :data:`MAX_TERM_LENGTH`, or holds a control
    character.
    """
    if not isinstance(term, str):
        raise InvalidTermError(f"a term must be a string, got {type(term).__name__}: {term!r:.60}")
    if len(term) > 4 * MAX_TERM_LENGTH:
        # Refuse before doing Unicode work on megabytes of text.
        raise InvalidTermError(
            f"term is {len(term)} characters long (at most {MAX_TERM_LENGTH}): {term[:40]!r}..."
        )
    text = unicodedata.normalize("NFKC", term)
    for char in text:
        if char in _ALLOWED_WHITESPACE:
            continue
        category = unicodedata.category(char)
        if category == "Cs":  # how Python passes on bytes of a command line that are not UTF-8
            raise InvalidTermError(
                f"term contains U+{ord(char):04X}, a byte that is not valid UTF-8: {term[:60]!r}"
            )
        if category in ("Cc", "Cf", "Co"):
            raise InvalidTermError(
                f"term contains control character U+{ord(char):04X}: {term[:60]!r}"
            )
    text = _WHITESPACE.sub(" ", text.translate(_TRANSLATE).casefold()).strip()
    text = text.strip(_EDGE_PUNCTUATION + " ")
    if not text:
        raise InvalidTermError(f"term is empty after normalisation: {term[:60]!r}")
    if len(text) > MAX_TERM_LENGTH:
        raise InvalidTermError(
            f"term is {len(text)} characters long (at most {MAX_TERM_LENGTH}): {text[:40]!r}..."
        )
    if not any(char.isalpha() for char in text):
        raise InvalidTermError(f"term has no letters: {term[:60]!r}")
    return text


def printable(text: str) -> str:
    """``text`` safe to show in a terminal: control, format and other non-printable
    characters (escape sequences, newlines, NUL, zero-width characters, undecodable bytes)
    appear as Python escapes (``\\x1b``, ``\\n``, ``\\u200b``); everything else is kept.

    Used for every value from a user's file or command line that goes into a message or a
    text report, so that data can never move the cursor, clear the screen or split a line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)


# Suffix rules (suffix, replacement) applied to one word to find the form a lexicon lists.
# Ordered from most to least specific; every rule is tried and all candidates are returned,
# the caller keeps the first that is a known term. Kept deliberately small and English-only:
# they reach "happiness" -> "happy", "frustrating" -> "frustrate", "relieved" -> "relieve",
# "angrily" -> "angry", "worries" -> "worry", "bittersweet" -> "bittersweetness" (reverse).
_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("iness", "y"),      # happiness -> happy
    ("ness", ""),        # sadness -> sad
    ("fulness", "ful"),  # hopefulness -> hopeful
    ("ily", "y"),        # angrily -> angry
    ("ly", ""),          # sadly -> sad
    ("ieved", "ief"),    # relieved -> relief, grieved -> grief
    ("ieving", "ief"),
    ("ieve", "ief"),
    ("ied", "y"),        # worried -> worry
    ("ies", "y"),        # worries -> worry
    ("ier", "y"),        # happier -> happy
    ("iest", "y"),       # happiest -> happy
    ("ing", ""),         # annoying -> annoy
    ("ing", "e"),        # frustrating -> frustrate
    ("ed", ""),          # annoyed -> annoy
    ("ed", "e"),         # relieved -> relieve
    ("d", ""),           # scared -> scare
    ("es", ""),          # rushes -> rush
    ("s", ""),           # fears -> fear
    ("er", ""),          # calmer -> calm
    ("est", ""),         # calmest -> calm
    ("ment", ""),        # amazement -> amaze (tried after the stem itself)
    ("ment", "e"),
    ("ation", "e"),      # frustration -> frustrate
    ("ation", ""),       # alienation -> alien
    ("ful", ""),         # fearful -> fear
)
# Forms to try in the other direction (adjective -> its -ness noun), for terms that only a
# theory name covers: "bittersweet" -> "bittersweetness", "ambivalent" -> "ambivalence".
_ADDITION_RULES: tuple[tuple[str, str], ...] = (
    ("", "ness"),
    ("y", "iness"),
    ("ent", "ence"),
    ("ant", "ance"),
    ("ive", "ion"),      # aversive -> aversion, apprehensive -> apprehension
    ("", "ful"),         # thank -> thankful
    ("ious", "y"),       # envious -> envy (non-words such as "cury" are simply not found)
    ("ful", ""),         # hopeful -> hope, shameful -> shame
    ("istic", "ism"),    # optimistic -> optimism, pessimistic -> pessimism
    ("ical", "icism"),   # cynical -> cynicism, sceptical -> scepticism
    ("ic", "icism"),     # cynic -> cynicism
    ("ious", "iosity"),  # curious -> curiosity
    ("ed", ""),          # awed -> awe
    ("ed", "edom"),      # bored -> boredom (the tier name; WordNet links only "boring")
    ("d", ""),
    ("id", "or"),        # horrid -> horror (terror words)
    ("ified", "or"),     # terrified -> terror, horrified -> horror
    ("ifying", "or"),    # terrifying -> terror
    ("ing", ""),
)
_DOUBLED_CONSONANT = re.compile(r"([bdfgklmnprstvz])\1$")


def base_forms(word: str) -> list[str]:
    """Candidate dictionary forms of an inflected or derived ``word``, most likely first.

    ``word`` must already be normalised. The word itself is not in the list. Candidates
    may be non-words; the caller keeps those that are known terms. Words of three letters
    get only the "-ness" forms (``sad`` -> ``sadness``); shorter words and phrases get none.
    """
    if len(word) < 3 or " " in word:
        return []
    rules = _SUFFIX_RULES + _ADDITION_RULES if len(word) > 3 else (("", "ness"),)
    seen: dict[str, None] = {}
    for suffix, replacement in rules:
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        if len(stem) < 3 or (suffix and len(stem) < 4 and not replacement):
            continue
        candidate = stem + replacement
        if candidate != word:
            seen.setdefault(candidate, None)
        # "upsetting" -> "upsett" -> "upset"; "stunned" -> "stunn" -> "stun"
        if _DOUBLED_CONSONANT.search(stem) and not replacement:
            seen.setdefault(stem[:-1], None)
    return list(seen)


_NEGATING_PREFIXES = ("un", "in", "im", "ir", "il", "dis", "non", "a")


# The suffix rules whose base keeps the word's meaning: inflections and the -ly / -ness
# derivations ("annoying" is what annoys; "sadly" is how the sad feel). Agent and
# instrument suffixes (-er: "toaster") and -ment/-ation are left out: their base is often
# not their meaning.
_MEANING_PRESERVING = frozenset({"iness", "ness", "ily", "ly", "ieved", "ieving", "ied", "ies", "ier", "iest",
                                 "ing", "ed", "d"})


def inflection_bases(word: str) -> list[str]:
    """The candidates of :func:`base_forms` reached by a meaning-preserving suffix rule
    (inflections, -ly, -ness), most likely first."""
    if len(word) < 4 or " " in word:
        return []
    seen: dict[str, None] = {}
    for suffix, replacement in _SUFFIX_RULES:
        if suffix not in _MEANING_PRESERVING or not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)]
        if len(stem) < 3 or (len(stem) < 4 and not replacement):
            continue
        seen.setdefault(stem + replacement, None)
        if _DOUBLED_CONSONANT.search(stem) and not replacement:
            seen.setdefault(stem[:-1], None)
    return [c for c in seen if c != word]


def head_forms(word: str) -> list[str]:
    """Endings of ``word`` that may be the word it is built on, longest first:
    ``claustrophobia`` -> ``rophobia``, ``ophobia``, ``phobia``. Endings are at least five
    letters and leave at least three in front; none are given when the front is a negating
    prefix (``unhappy`` must not resolve to ``happy``)."""
    if " " in word:
        return []
    forms = []
    for start in range(3, len(word) - 4):
        if word[:start] in _NEGATING_PREFIXES:
            continue
        forms.append(word[start:])
    return forms


def compound_forms(phrase: str) -> list[str]:
    """Other spellings of a multiword ``phrase``: closed (``bitter sweetness`` ->
    ``bittersweetness``) and hyphenated (``mixed up`` -> ``mixed-up``), and the reverse for
    a hyphenated word. ``phrase`` must already be normalised."""
    forms: list[str] = []
    if " " in phrase:
        forms.append(phrase.replace(" ", ""))
        forms.append(phrase.replace(" ", "-"))
    if "-" in phrase:
        forms.append(phrase.replace("-", ""))
        forms.append(phrase.replace("-", " "))
    return [f for f in dict.fromkeys(forms) if f != phrase]


def edit_distance(first: str, second: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
    adjacent letters), or ``limit`` when it is at least ``limit``."""
    if abs(len(first) - len(second)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return min(previous[-1], limit)


def spelling_matches(word: str, known: Iterable[str]) -> list[str]:
    """Known words within one edit of ``word`` (two for words of eight letters or more),
    nearest first, then alphabetically. Only words of five letters or more are corrected,
    and only against words with the same first letter: short words have too many neighbours.

    Distances are rapidfuzz's optimal-string-alignment distance (C speed, cut off at the
    limit), so the work per word stays bounded however long the candidate list is."""
    if len(word) < 5 or " " in word:
        return []
    from rapidfuzz.distance import OSA

    limit = 3 if len(word) >= 8 else 2
    scored = []
    for candidate in known:
        if candidate[:1] != word[:1] or candidate == word or abs(len(candidate) - len(word)) >= limit:
            continue
        distance = OSA.distance(word, candidate, score_cutoff=limit - 1)
        if distance < limit:
            scored.append((distance, candidate))
    return [c for _, c in sorted(scored)]
