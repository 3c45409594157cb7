"""The curated everyday expressions resource."""

from express_lexicon import theory
from express_lexicon.sources.expressions import everyday_expressions


def test_the_resource_is_large_documented_and_unique():
    rows = everyday_expressions()
    assert len(rows) >= 400
    assert len({r.expression for r in rows}) == len(rows)
    assert all(r.sense and r.dictionaries and r.means for r in rows)
    kinds = {r.kind for r in rows}
    assert {"slang", "idiom", "phrasal-verb"} <= kinds


def test_it_covers_what_people_write():
    keys = {r.expression for r in everyday_expressions()}
    for expression in ("stoked", "bummed out", "pissed off", "fed up", "freaked out", "grossed out", "on edge",
                       "over the moon", "on cloud nine", "down in the dumps", "taken aback", "blown away",
                       "gutted", "chuffed", "gobsmacked", "hangry", "salty", "shook", "triggered", "meh"):
        assert expression in keys, expression


def test_every_expression_decomposes_through_the_curated_step():
    import express_lexicon as xl

    unknown = [r.expression for r in everyday_expressions() if not xl.decompose(r.expression).known]
    assert unknown == []
    assert xl.decompose("gobsmacked").method == "expression"
    assert theory.emotion("surprise").name in xl.decompose("gobsmacked").dominant
