"""The curated everyday expressions: slang, idioms, phrasal verbs and feeling senses that
lexicons miss (``stoked``, ``over the moon``, ``freaked out``, ``fed up``).

The resource ships as ``resources/everyday_expressions.csv`` (see ``resources/README.md``):
one row per written form, with the standard emotion term(s) it means in its emotional
sense, its kind and region, the dictionary sense it rests on (paraphrased) and the
dictionaries that record it. The ontology builder turns each row into ``means`` edges
(source ``curated``) from the expression to its target terms, so the knowledge stays in
the graph and ``--explain`` shows the step.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .._data import read_resource_table
from ..errors import InvalidTermError, ResourceFormatError
from ..text import normalize, printable

__all__ = ["EXPRESSIONS_FILE", "EverydayExpression", "everyday_expressions"]

EXPRESSIONS_FILE = "everyday_expressions.csv"
_COLUMNS = ("expression", "means", "kind", "region", "sense", "dictionary")
_KINDS = frozenset({"slang", "idiom", "phrasal-verb", "interjection", "negation", "sense"})


@dataclass(frozen=True, slots=True)
class EverydayExpression:
    """One curated expression: ``expression`` (its lookup key), the terms it ``means``
    (most central first), ``kind``, ``region``, the paraphrased dictionary ``sense`` and
    the ``dictionaries`` (codes such as ``MW``, ``CD``) that record it."""

    expression: str
    means: tuple[str, ...]
    kind: str
    region: str
    sense: str
    dictionaries: tuple[str, ...]


@lru_cache(maxsize=1)
def everyday_expressions() -> tuple[EverydayExpression, ...]:
    """Every row of the shipped resource, in file order.

    Raises :class:`ResourceFormatError` naming the file and row when the header is wrong,
    a column is missing, a kind is unknown, an expression repeats or a field is empty."""
    rows = read_resource_table(EXPRESSIONS_FILE, "everyday-expressions", 1)
    if rows and tuple(rows[0]) != _COLUMNS:
        raise ResourceFormatError(f"{EXPRESSIONS_FILE}: expected columns {','.join(_COLUMNS)}")
    out: list[EverydayExpression] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        where = f"{EXPRESSIONS_FILE}: data row {number}"
        try:
            key = normalize(row["expression"])
            means = tuple(normalize(t) for t in row["means"].split("|") if t.strip())
        except InvalidTermError as exc:
            raise ResourceFormatError(f"{where}: {exc}") from None
        if not means:
            raise ResourceFormatError(f"{where}: {printable(key)!r} means nothing")
        if row["kind"] not in _KINDS:
            raise ResourceFormatError(f"{where}: unknown kind {printable(row['kind'])!r}")
        if key in seen:
            raise ResourceFormatError(f"{where}: {printable(key)!r} is listed twice")
        seen.add(key)
        out.append(EverydayExpression(key, means, row["kind"], row["region"], row["sense"],
                                      tuple(d for d in row["dictionary"].split("|") if d)))
    return tuple(out)
