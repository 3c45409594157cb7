"""Coded checks over a built ontology; ``express-lexicon validate`` runs them.

Errors (the ontology is wrong; the command exits non-zero):

* **E101** a term does not reach any basic emotion (no decomposition, or all emotions zero)
* **E102** a dyad does not have exactly its two theory components
* **E103** an edge weight, a score or a confidence lies outside its range
* **E104** an edge has no known provenance (unknown ``source`` or ``relation``)
* **E105** a node id has an unknown kind, or an edge ends in a missing node
* **E106** the term table and the graph disagree on which terms exist
* **E107** an evidence path uses a step that is not an edge of the graph
* **E108** a decomposition has an unknown method

Warnings (Plutchik sanity a user would check; printed, exit status unaffected):

* **W201** a basic emotion's own name is not strongest on itself
* **W202** a dyad name does not have its two components as its top two emotions
* **W203** a tier name does not land on its tier
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import theory
from .ontology import (
    NODE_KINDS,
    RELATIONS,
    SOURCES,
    EmotionOntology,
    TermRecord,
    load_ontology,
    parse_terms_line,
    read_terms_text,
)
from .vectors import tier_of

__all__ = ["CHECKS", "Finding", "validate", "validate_directory"]

CHECKS: dict[str, str] = {
    "E101": "every term reaches a basic emotion",
    "E102": "dyad components are valid",
    "E103": "weights, scores and confidences are in range",
    "E104": "every edge has known provenance",
    "E105": "node ids are typed and edges end in existing nodes",
    "E106": "term table and graph agree",
    "E107": "evidence paths follow graph edges",
    "E108": "methods are known",
    "W201": "basic emotion names are strongest on themselves",
    "W202": "dyad names have their components as top two",
    "W203": "tier names land on their tier",
}
_METHODS = ("theory", "lexicon", "expression", "derivation", "wordnet", "phrase", "negation")
_MAX_PER_CHECK = 20


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed check: its code (``E101``), and a message naming the node or term."""

    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def describe(self) -> str:
        return f"{self.code} {self.message}"


def validate(ontology: EmotionOntology, records: Iterable[TermRecord],
             select: Iterable[str] | None = None) -> list[Finding]:
    """Run the checks (all, or the codes in ``select``) and return what failed, at most 20
    findings per check. Raises :class:`KeyError` naming an unknown code in ``select``."""
    chosen = set(select) if select is not None else set(CHECKS)
    unknown = chosen - set(CHECKS)
    if unknown:
        raise KeyError(f"unknown check code(s): {', '.join(sorted(unknown))}")
    graph = ontology.graph
    by_key = {r.key: r for r in records}
    findings: list[Finding] = []

    def report(code: str, message: str) -> None:
        if code in chosen and sum(f.code == code for f in findings) < _MAX_PER_CHECK:
            findings.append(Finding(code, message))

    term_nodes = {n[5:] for n in graph.nodes if n.startswith("term:")}
    for node in graph.nodes:
        if node.partition(":")[0] not in NODE_KINDS or ":" not in node:
            report("E105", f"node {node!r} has no known kind")
    for u, v, key, data in graph.edges(keys=True, data=True):
        if key not in RELATIONS or data.get("source") not in SOURCES:
            report("E104", f"edge {u} -> {v} has relation {key!r} and source {data.get('source')!r}")
        weight = data.get("weight")
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            report("E103", f"edge {u} -{key}-> {v} has weight {weight!r}")
    for dyad in theory.dyads():
        node = f"dyad:{dyad.name}"
        components = sorted(v[8:] for _, v, k in graph.out_edges(node, keys=True) if k == "component") \
            if node in graph else []
        if components != sorted(dyad.components):
            report("E102", f"dyad {dyad.name!r} has components {components}, expected {sorted(dyad.components)}")

    for key in sorted(term_nodes - set(by_key)):
        report("E106", f"term {key!r} is in the graph but not in the term table")
    for key in sorted(set(by_key) - term_nodes):
        report("E106", f"term {key!r} is in the term table but not in the graph")
    for key, record in sorted(by_key.items()):
        if not any(record.scores[:8]):
            report("E101", f"term {key!r} reaches no basic emotion")
        if any(not 0 <= v <= 1 for v in record.scores) or not 0 <= record.confidence <= 1:
            report("E103", f"term {key!r} has scores or confidence out of [0, 1]")
        if record.method not in _METHODS:
            report("E108", f"term {key!r} has method {record.method!r}")
        if "E107" in chosen:
            for path in record.paths:
                bad = _bad_step(graph, path)
                if bad:
                    report("E107", f"evidence of {key!r}: {bad}")
                    break

    for emotion in theory.emotions():
        basic = by_key.get(emotion.name)
        if basic is None or max(range(8), key=basic.scores.__getitem__) != emotion.index:
            report("W201", f"{emotion.name!r} is not strongest on {emotion.name}")
    for dyad in theory.dyads():
        for label in dyad.labels:
            named = by_key.get(label)
            top = sorted(range(8), key=lambda i: -named.scores[i])[:2] if named else []
            if sorted(theory.EMOTIONS[i] for i in top) != sorted(dyad.components):
                report("W202", f"dyad name {label!r} does not have {' + '.join(dyad.components)} on top")
    for tier_term in theory.tier_terms():
        tiered = by_key.get(tier_term.name)
        if tiered is None or tier_of(tiered.scores) != tier_term.tier:
            report("W203", f"{tier_term.name!r} does not land on the {tier_term.tier} tier")
    return findings


def _bad_step(graph: object, path: tuple[str, ...]) -> str | None:
    for i in range(1, len(path) - 1, 2):
        source, label, target = path[i - 1], path[i], path[i + 1]
        relation = label.partition("/")[0]
        if relation == "lemma":  # the inverse of a sense edge
            source, target, relation = target, source, "sense"
        if not graph.has_edge(source, target, key=relation):  # type: ignore[attr-defined]
            return f"no {relation} edge {source} -> {target}"
    return None


def validate_directory(directory: str | Path | None = None,
                       select: Iterable[str] | None = None) -> list[Finding]:
    """Load the ontology (shipped, or built into ``directory``) and :func:`validate` it.

    Raises :class:`OntologyError` when the files are missing or corrupted.
    """
    path = Path(directory) if directory is not None else None
    ontology = load_ontology(path)
    text = read_terms_text(path)
    records = [parse_terms_line(line) for line in text.split("\n")[1:] if line]
    return validate(ontology, records, select)
