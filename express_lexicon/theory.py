"""Plutchik's model of emotion as typed, immutable facts.

The facts live in ``resources/plutchik_emotions.csv`` and ``resources/plutchik_dyads.csv``;
this module loads them once (on first use, not at import) and offers lookups that accept
any name variant: ``dyad("alarm")`` is awe, ``emotion("Ecstasy")`` is joy.

Vector order everywhere in the project is the EmoLex / EXPRESS order of :data:`EMOTIONS`
followed by the sentiments, :data:`DIMENSIONS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ._data import read_resource_table
from .errors import ResourceFormatError

__all__ = [
    "EMOTIONS",
    "SENTIMENTS",
    "DIMENSIONS",
    "TIERS",
    "TIER_LEVELS",
    "Emotion",
    "Dyad",
    "TierTerm",
    "emotions",
    "emotion",
    "wheel_order",
    "dyads",
    "dyad",
    "dyad_for",
    "tier_terms",
    "tier_term",
    "lookup",
    "wheel_distance",
]

#: The eight basic emotions in vector order (EmoLex / EXPRESS column order).
EMOTIONS: tuple[str, ...] = (
    "anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust",
)
#: The two sentiments that follow the emotions in every 10-dimensional vector.
SENTIMENTS: tuple[str, ...] = ("positive", "negative")
#: All ten dimensions, in order.
DIMENSIONS: tuple[str, ...] = EMOTIONS + SENTIMENTS

Tier = Literal["mild", "basic", "intense"]
#: Intensity tiers from weakest to strongest.
TIERS: tuple[Tier, ...] = ("mild", "basic", "intense")
#: The intensity each tier's own name carries in a decomposition (documented in README).
TIER_LEVELS: dict[str, float] = {"mild": 0.4, "basic": 0.7, "intense": 1.0}

DyadKind = Literal["primary", "secondary", "tertiary", "opposite"]


@dataclass(frozen=True, slots=True)
class Emotion:
    """A basic emotion: its vector index, place on the wheel, opposite and tier names."""

    name: str
    index: int
    wheel_index: int
    opposite: str
    mild: str
    intense: str
    colour: str

    @property
    def angle(self) -> float:
        """Angle on the wheel in degrees (joy at 0, 45 degrees per petal)."""
        return 45.0 * self.wheel_index

    @property
    def tiers(self) -> tuple[str, str, str]:
        """The names of the mild, basic and intense tiers (``serenity, joy, ecstasy``)."""
        return (self.mild, self.name, self.intense)

    def describe(self) -> str:
        return f"{self.name}: {self.mild} < {self.name} < {self.intense}; opposite {self.opposite}"


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two basic emotions felt together, with the dyad's kind and alternative names."""

    name: str
    kind: DyadKind
    components: tuple[str, str]
    alt_labels: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The preferred name followed by every alternative label."""
        return (self.name, *self.alt_labels)

    def describe(self) -> str:
        alt = f" (also {', '.join(self.alt_labels)})" if self.alt_labels else ""
        return f"{self.name}{alt} = {self.components[0]} + {self.components[1]} [{self.kind}]"


@dataclass(frozen=True, slots=True)
class TierTerm:
    """A name on the intensity scale of one emotion: ``ecstasy`` is joy at the intense tier."""

    name: str
    emotion: str
    tier: Tier

    @property
    def level(self) -> float:
        """The intensity this name carries (see :data:`TIER_LEVELS`)."""
        return TIER_LEVELS[self.tier]


@dataclass(frozen=True, slots=True)
class _Theory:
    emotions: dict[str, Emotion]
    dyads: dict[str, Dyad]
    dyad_by_label: dict[str, Dyad]
    dyad_by_pair: dict[frozenset[str], Dyad]
    tier_terms: dict[str, TierTerm]


@lru_cache(maxsize=1)
def _theory() -> _Theory:
    emotion_rows = read_resource_table("plutchik_emotions.csv", "plutchik-emotions", 1)
    emotions: dict[str, Emotion] = {}
    for row in emotion_rows:
        emotions[row["name"]] = Emotion(
            name=row["name"],
            index=int(row["vector_index"]),
            wheel_index=int(row["wheel_index"]),
            opposite=row["opposite"],
            mild=row["mild"],
            intense=row["intense"],
            colour=row["colour"],
        )
    if tuple(sorted(emotions, key=lambda n: emotions[n].index)) != EMOTIONS:
        raise ResourceFormatError("plutchik_emotions.csv: emotions or their vector order are wrong")

    dyads: dict[str, Dyad] = {}
    for row in read_resource_table("plutchik_dyads.csv", "plutchik-dyads", 1):
        first, second = row["first"], row["second"]
        if first not in emotions or second not in emotions:
            raise ResourceFormatError(f"plutchik_dyads.csv: dyad {row['name']!r} names an unknown emotion")
        alt = tuple(label for label in row["alt_labels"].split(";") if label)
        dyads[row["name"]] = Dyad(row["name"], row["kind"], (first, second), alt)  # type: ignore[arg-type]
    dyad_by_label = {label: d for d in dyads.values() for label in d.labels}
    dyad_by_pair = {frozenset(d.components): d for d in dyads.values()}
    if len(dyad_by_pair) != 28:
        raise ResourceFormatError("plutchik_dyads.csv: expected 28 dyads over distinct emotion pairs")

    tier_terms: dict[str, TierTerm] = {}
    for e in emotions.values():
        for tier, name in zip(TIERS, e.tiers):
            tier_terms[name] = TierTerm(name, e.name, tier)
    return _Theory(emotions, dyads, dyad_by_label, dyad_by_pair, tier_terms)


def emotions() -> tuple[Emotion, ...]:
    """The eight basic emotions in vector order."""
    t = _theory()
    return tuple(t.emotions[name] for name in EMOTIONS)


def wheel_order() -> tuple[Emotion, ...]:
    """The eight basic emotions going round the wheel: joy, trust, fear, surprise, ..."""
    return tuple(sorted(emotions(), key=lambda e: e.wheel_index))


def _shown(name: object, limit: int = 60) -> str:
    """``name`` quoted for a message, clipped so that a pasted paragraph is not echoed whole."""
    text = repr(name)
    return text if len(text) <= limit else text[:limit] + "..."


def emotion(name: str) -> Emotion:
    """The basic emotion called ``name`` or whose tier is called ``name`` (``rage`` → anger).

    Raises :class:`KeyError` naming the value when it is neither.
    """
    t = _theory()
    key = _key(name) if isinstance(name, str) else None
    if key in t.emotions:
        return t.emotions[key]
    if key in t.tier_terms:
        return t.emotions[t.tier_terms[key].emotion]
    raise KeyError(f"not a basic emotion or tier name: {_shown(name)}")


def dyads(kind: DyadKind | None = None) -> tuple[Dyad, ...]:
    """The 28 dyads (or those of one ``kind``) in the order of the resource file."""
    return tuple(d for d in _theory().dyads.values() if kind is None or d.kind == kind)


def dyad(name: str) -> Dyad:
    """The dyad called ``name`` or any of its alternative labels (``alarm`` → awe).

    Raises :class:`KeyError` naming the value when no dyad has that label.
    """
    try:
        return _theory().dyad_by_label[_key(name)]
    except KeyError:
        raise KeyError(f"not a dyad name: {_shown(name)}") from None


def dyad_for(first: str, second: str) -> Dyad:
    """The dyad made of two distinct basic emotions, in either order."""
    pair = frozenset((emotion(first).name, emotion(second).name))
    if len(pair) != 2:
        raise KeyError(f"a dyad needs two different emotions, got {first!r} and {second!r}")
    return _theory().dyad_by_pair[pair]


def tier_terms() -> tuple[TierTerm, ...]:
    """All 24 tier names (three per emotion, the basic tier being the emotion's own name)."""
    return tuple(_theory().tier_terms.values())


def tier_term(name: str) -> TierTerm:
    """The tier name ``name`` (``serenity`` → joy, mild). Raises :class:`KeyError` otherwise."""
    try:
        return _theory().tier_terms[_key(name)]
    except KeyError:
        raise KeyError(f"not an intensity tier name: {_shown(name)}") from None


def lookup(name: str) -> Emotion | TierTerm | Dyad | None:
    """Whatever theory concept ``name`` names: a tier term (which covers the basic names),
    a dyad, or ``None``. Basic names return their :class:`TierTerm` at the basic tier."""
    key = _key(name)
    t = _theory()
    return t.tier_terms.get(key) or t.dyad_by_label.get(key)


def wheel_distance(first: str, second: str) -> int:
    """Steps between two basic emotions round the wheel: 0 (same) to 4 (opposites)."""
    a, b = emotion(first).wheel_index, emotion(second).wheel_index
    steps = abs(a - b) % 8
    return min(steps, 8 - steps)


def _key(name: str) -> str:
    if not isinstance(name, str):  # terms(dyad=5): a KeyError naming the value, not AttributeError
        raise KeyError(f"not a name: {_shown(name)}")
    return name.strip().lower()


# Angle helper used by geometry code: kept here so every layer shares one definition.
def unit_vector(name: str) -> tuple[float, float]:
    """The (x, y) unit vector of a basic emotion's petal on the wheel."""
    angle = math.radians(emotion(name).angle)
    return (math.cos(angle), math.sin(angle))
