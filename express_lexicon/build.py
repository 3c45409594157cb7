"""Build the emotion ontology from its sources, and infer every term's decomposition.

``express-lexicon build`` runs :func:`build` and writes ``ontology/``; users never need to,
because the result is shipped. The build is deterministic: nodes, edges and terms are
sorted, numbers rounded, so two builds from the same inputs give identical files.

**Scope.** The graph holds the theory nodes (8 emotions, 2 sentiments, 16 mild/intense tier
names, 28 dyads); as terms: every theory name and variant label, every EmoLex word with at
least one emotion, every EXPRESS vocabulary word and phrase, and every lemma of a synset in
the *emotion region* of WordNet: the ``noun.feeling`` and ``verb.emotion`` synsets, the
synsets derivationally or attribute-linked to them, and the whole adjective clusters
(head and satellites, ``similar_to``) of those adjectives. Synsets of any term are included so that synonymy
outside the region still links terms; hypernym/hyponym edges stay within the region.

**Inference** (:func:`infer_terms`). A term is an *anchor* when it names a theory concept
(method ``theory``) or a lexicon lists emotions for it (method ``lexicon``). Any other term
is decomposed by a best-first search over the graph (``sense``, its inverse ``lemma``,
synset relations, ``morphology``, ``compound``, ``phrase_part``) towards anchors, scoring a
path by the product of its edge weights (:data:`ontology.RELATIONS`; sense edges by sense
rank, :data:`SENSE_DECAY` per rank); word-formation edges (:data:`WORD_FORMATION`) count
only as a path's first step. The profile is the weight-averaged profile of the
anchors found within :data:`BAND` of the best path (only the theory-name anchors among them
when there are any: a Plutchik name is the most specific evidence) (a path through an ``antonym`` edge
contributes the negated profile), and the confidence is the best path's weight times the
anchor's own confidence (1.0 for a theory name, 0.9 for a yes/no lexicon entry, 0.95 for
an intensity score), which also ranks the anchors. Paths are limited to :data:`MAX_HOPS` edges and weights above
:data:`MIN_WEIGHT`; terms that reach no anchor are dropped from the ontology and counted
in the manifest.
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from pathlib import Path
from typing import Any
from collections.abc import Collection, Iterable, Mapping

from . import theory
from .errors import InvalidTermError
from ._data import ONTOLOGY_PACKAGE
from .ontology import (
    RELATIONS,
    EmotionOntology,
    TermRecord,
    node_id,
    opposite_node,
    read_manifest,
    save_ontology,
    terms_table,
)
from .text import base_forms, compound_forms, head_forms, normalize, spelling_matches
from .vectors import DEFAULT_LEVEL, Vector, clip, negate, weighted_mean, with_polarity

__all__ = ["build", "build_graph", "check_current", "emotion_region", "infer_terms", "prune_unreached"]

SENSE_DECAY = 0.85
MIN_SENSE_WEIGHT = 0.4
MAX_HOPS = 6
MIN_WEIGHT = 0.2
BAND = 0.9
MAX_ANCHORS = 6
THEORY_CONFIDENCE = 1.0
LEXICON_CONFIDENCE = 0.9
INTENSITY_CONFIDENCE = 0.95
EMOTION_LEXNAMES = ("noun.feeling", "verb.emotion")
# Edges from the project's own rules. The search follows them only as a path's first step:
# they say what the term itself is built from, and chained on a neighbour ("downcast" ->
# "dispirited" -> "dispirit" -> ...) they pile guess upon guess.
WORD_FORMATION = frozenset({"morphology", "compound", "spelling", "stem", "phrase_part"})
# Words that carry no emotion of their own inside a multiword term.
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "to", "and", "or", "but", "with", "in", "on", "at", "by", "for", "from", "up", "out", "over", "feel", "feeling", "felt", "be", "being", "am", "is", "are", "was", "were", "so", "very", "really", "quite", "bit", "little", "sort", "kind"]
)


# --------------------------------------------------------------------------------------
# graph construction


OPPOSITE_STEP = "opposite/plutchik"


def _theory_nodes(graph: Any) -> None:
    for emotion in theory.emotions():
        graph.add_node(node_id("emotion", emotion.name), name=emotion.name, index=emotion.index,
                       level=theory.TIER_LEVELS["basic"])
    for sentiment in theory.SENTIMENTS:
        graph.add_node(node_id("sentiment", sentiment), name=sentiment)
    for first, second in (("positive", "negative"), ("negative", "positive")):
        graph.add_edge(node_id("sentiment", first), node_id("sentiment", second), key="opposite",
                       relation="opposite", weight=1.0, source="plutchik")
    for emotion in theory.emotions():
        graph.add_edge(node_id("emotion", emotion.name), node_id("emotion", emotion.opposite),
                       key="opposite", relation="opposite", weight=1.0, source="plutchik")
    polarity = {"joy": "positive", "trust": "positive", "anger": "negative", "disgust": "negative",
                "fear": "negative", "sadness": "negative"}
    for name, sentiment in polarity.items():
        graph.add_edge(node_id("emotion", name), node_id("sentiment", sentiment),
                       key="polarity", relation="polarity", weight=1.0, source="plutchik")
    for tier_term in theory.tier_terms():
        if tier_term.tier == "basic":
            continue
        tier_node = node_id("tier", tier_term.name)
        graph.add_node(tier_node, name=tier_term.name, emotion=tier_term.emotion,
                       tier=tier_term.tier, level=tier_term.level)
        graph.add_edge(tier_node, node_id("emotion", tier_term.emotion), key="intensity_of",
                       relation="intensity_of", weight=tier_term.level, source="plutchik")
    for dyad in theory.dyads():
        dyad_node = node_id("dyad", dyad.name)
        graph.add_node(dyad_node, name=dyad.name, dyad_kind=dyad.kind, alt_labels=list(dyad.alt_labels))
        for component in dyad.components:
            graph.add_edge(dyad_node, node_id("emotion", component), key="component",
                           relation="component", weight=1.0, source="plutchik")


def _theory_names() -> dict[str, str]:
    """Term key -> the theory node it names (every basic, tier and dyad name and variant)."""
    names: dict[str, str] = {}
    for tier_term in theory.tier_terms():
        kind = "emotion" if tier_term.tier == "basic" else "tier"
        names[tier_term.name] = node_id(kind, tier_term.name)
    for dyad in theory.dyads():
        for label in dyad.labels:
            names[label] = node_id("dyad", dyad.name)
    return names


def _key(text: str) -> str | None:
    try:
        return normalize(text.replace("_", " "))
    except InvalidTermError:
        return None


def _synset_id(synset: Any) -> str:
    return node_id("synset", synset.name())


def emotion_region(wn: Any) -> set[Any]:
    """The WordNet synsets of the emotion region (see module docstring)."""
    core = {s for pos in ("n", "v") for s in wn.all_synsets(pos) if s.lexname() in EMOTION_LEXNAMES}
    region = set(core)
    for synset in core:
        region.update(synset.attributes())
        for lemma in synset.lemmas():
            region.update(d.synset() for d in lemma.derivationally_related_forms())
    # Whole adjective clusters: the head of every linked adjective and all its satellites
    # ("dejected" brings "crestfallen", "downcast", "heavyhearted"...).
    adjectives = [s for s in region if s.pos() in ("a", "s")]
    heads = {s for s in adjectives if s.pos() == "a"}
    heads.update(h for s in adjectives if s.pos() == "s" for h in s.similar_tos())
    for head in heads:
        region.add(head)
        region.update(head.similar_tos())
    return region


def build_graph(
    wn: Any,
    emolex: Mapping[str, Collection[str]],
    express_terms: Iterable[str],
    intensity: Mapping[str, Mapping[str, float]] | None = None,
    express_stems: Mapping[str, Collection[str]] | None = None,
) -> EmotionOntology:
    """The ontology graph from WordNet (an nltk reader, or ``None`` for a graph of the
    theory and lexicons alone, as tests use), EmoLex (word -> dimensions), the
    EXPRESS vocabulary terms, optionally NRC Emotion Intensity (word -> emotion -> score),
    and the EXPRESS stems with the words they stand for (``admir`` -> admire, admiration...).

    Terms that reach no emotion are still in this graph; :func:`infer_terms` finds them and
    :func:`prune_unreached` removes them.
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    _theory_nodes(graph)
    dimensions = set(theory.DIMENSIONS)

    origins: dict[str, set[str]] = {}

    def add_term(key: str | None, origin: str) -> str | None:
        if key is None:
            return None
        origins.setdefault(key, set()).add(origin)
        return key

    # Theory names.
    theory_names = _theory_names()
    # A variant label (alarm) names its dyad (awe) like the preferred name does; the dyad
    # node lists its variants as alt_labels.
    for key, target in theory_names.items():
        add_term(key, "plutchik")
        graph.add_edge(node_id("term", key), target, key="names", relation="names", weight=1.0,
                       source="plutchik")

    # Lexicon associations: NRC intensity where supplied, EmoLex otherwise.
    for word, dims in sorted(emolex.items()):
        lexicon_key = _key(word)
        emotions = [d for d in dims if d in theory.EMOTIONS]
        if lexicon_key is None or not emotions:
            continue
        add_term(lexicon_key, "nrc-emolex")
        for dim in sorted(set(dims) & dimensions):
            graph.add_edge(node_id("term", lexicon_key), _dimension_node(dim), key="evokes",
                           relation="evokes", weight=1.0, source="nrc-emolex")
    for word, scores in sorted((intensity or {}).items()):
        intensity_key = _key(word)
        if intensity_key is None:
            continue
        key = intensity_key
        add_term(key, "nrc-intensity")
        for emotion, score in sorted(scores.items()):
            if emotion in theory.EMOTIONS and score > 0:
                # An intensity score refines the yes/no association: it replaces EmoLex's edge.
                graph.add_edge(node_id("term", key), node_id("emotion", emotion), key="evokes",
                               relation="evokes", weight=round(float(score), 4), source="nrc-intensity")

    express_keys = sorted({k for k in (_key(t) for t in express_terms) if k})
    for key in express_keys:
        add_term(key, "express")
    stems: dict[str, list[str]] = {}
    for raw_stem, words in (express_stems or {}).items():
        stem = _key(raw_stem)
        if stem:
            stems[stem] = sorted({w for w in (_key(x) for x in words) if w})
    for stem in sorted(stems):
        add_term(stem, "express")

    # WordNet: the emotion region, then every synset any term is a lemma of.
    region: set[Any] = emotion_region(wn) if wn is not None else set()
    for synset in region:
        for lemma in synset.lemma_names():
            add_term(_key(lemma), "wordnet")
    if wn is not None:
        # Spelling variants and WordNet base forms of EXPRESS entries join the terms when
        # WordNet knows them ("mixed up" -> "mixed-up", "relieved" -> "relieve").
        for key in express_keys:
            for form in compound_forms(key):
                if wn.synsets(form.replace(" ", "_")):
                    add_term(form, "wordnet")
            for pos in ("a", "v", "n"):
                base = wn.morphy(key.replace(" ", "_"), pos)
                if base:
                    add_term(_key(base), "wordnet")

    for key in sorted(origins):
        graph.add_node(node_id("term", key), label=key, origins=sorted(origins[key]))
    if wn is not None:
        _add_wordnet_edges(graph, wn, sorted(origins), region)
        _add_gloss_edges(graph, wn, express_keys, set(origins))

    for stem, words in sorted(stems.items()):
        for word in words:
            if word in origins and word != stem:
                graph.add_edge(node_id("term", stem), node_id("term", word), key="stem", relation="stem",
                               weight=RELATIONS["stem"].weight, source="express")
    _add_word_formation_edges(graph, sorted(origins), exclude=set(stems))
    _add_spelling_edges(graph, express_keys)
    return EmotionOntology(graph)


def _add_wordnet_edges(graph: Any, wn: Any, keys: list[str], region: set[Any]) -> None:
    """Sense edges from every term to the synsets it is a lemma of, the synset nodes, and
    the relations between included synsets (hypernymy only within the region)."""
    synsets: set[Any] = set(region)
    for key in keys:
        by_pos: dict[str, int] = {}
        for synset in wn.synsets(key.replace(" ", "_")):
            if key not in {_key(n) for n in synset.lemma_names()}:
                continue  # reached through morphy; the morphology edge covers it
            rank = by_pos.get(synset.pos(), 0)
            by_pos[synset.pos()] = rank + 1
            weight = round(max(MIN_SENSE_WEIGHT, SENSE_DECAY**rank), 4)
            synsets.add(synset)
            graph.add_edge(node_id("term", key), _synset_id(synset), key="sense", relation="sense",
                           weight=weight, source="wordnet")
    for synset in sorted(synsets, key=lambda s: s.name()):
        graph.add_node(_synset_id(synset), pos=synset.pos(), lexname=synset.lexname(),
                       gloss=synset.definition())
    for synset in synsets:
        related: list[tuple[str, Any]] = []
        related += [("similar_to", s) for s in synset.similar_tos()]
        related += [("also_see", s) for s in synset.also_sees()]
        related += [("attribute", s) for s in synset.attributes()]
        for lemma in synset.lemmas():
            related += [("derivation", d.synset()) for d in lemma.derivationally_related_forms()]
            related += [("antonym", a.synset()) for a in lemma.antonyms()]
        if synset in region:
            related += [("hypernym", s) for s in synset.hypernyms() if s in region]
            related += [("hyponym", s) for s in synset.hyponyms() if s in region]
        for relation, target in related:
            if target in synsets and target != synset:
                graph.add_edge(_synset_id(synset), _synset_id(target), key=relation, relation=relation,
                               weight=RELATIONS[relation].weight, source="wordnet")


def _dimension_node(dim: str) -> str:
    return node_id("sentiment" if dim in theory.SENTIMENTS else "emotion", dim)


def _add_word_formation_edges(graph: Any, keys: list[str], exclude: Collection[str] = ()) -> None:
    """Compound, phrase-part and morphology edges; ``exclude`` (the EXPRESS stems) are never
    targets: "relieved" is built on "relief", not on the stem "reliev"."""
    known = set(keys).difference(exclude)
    for key in keys:
        source = node_id("term", key)
        if " " in key or "-" in key:
            closed = [f for f in compound_forms(key) if f in known]
            if closed:
                graph.add_edge(source, node_id("term", closed[0]), key="compound", relation="compound",
                               weight=RELATIONS["compound"].weight, source="morphology")
            for part in key.replace("-", " ").split():
                if part in known and part not in STOPWORDS:
                    graph.add_edge(source, node_id("term", part), key="phrase_part",
                                   relation="phrase_part", weight=RELATIONS["phrase_part"].weight,
                                   source="phrase")
            continue
        base = next((b for b in base_forms(key) if b in known), None)
        if base is None and not graph.out_degree(source):
            # Only for words nothing else explains: "claustrophobia" -> "phobia".
            base = next((h for h in head_forms(key) if h in known), None)
        if base is not None:
            graph.add_edge(source, node_id("term", base), key="morphology", relation="morphology",
                           weight=RELATIONS["morphology"].weight, source="morphology")


def _add_gloss_edges(graph: Any, wn: Any, express_keys: list[str], known: set[str]) -> None:
    """Link the synsets of EXPRESS words to the known words of their glosses: weak
    evidence (weight 0.5) that matters only where WordNet has no closer link
    (``claustrophobia``: "a morbid fear of being closed in a confined space")."""
    for key in express_keys:
        for synset in wn.synsets(key.replace(" ", "_")):
            if key not in {_key(n) for n in synset.lemma_names()}:
                continue
            for raw in synset.definition().replace(";", " ").replace(",", " ").split():
                word = _key(raw)
                if not word or len(word) < 3 or word in STOPWORDS or word == key:
                    continue
                if word not in known:
                    word = next((b for b in base_forms(word) if b in known), None)
                if word:
                    graph.add_edge(_synset_id(synset), node_id("term", word), key="gloss", relation="gloss",
                                   weight=RELATIONS["gloss"].weight, source="wordnet")


def _add_spelling_edges(graph: Any, express_keys: list[str]) -> None:
    """Link EXPRESS entries that nothing else explains to the known term they misspell
    (the paper's vocabulary has ``embarrased``, ``overwhlemed``...)."""
    explained = {n[5:] for n in graph.nodes if n.startswith("term:") and graph.out_degree(n)}
    for key in express_keys:
        if key in explained:
            continue
        match = next(iter(spelling_matches(key, explained)), None)
        if match is not None:
            graph.add_edge(node_id("term", key), node_id("term", match), key="spelling", relation="spelling",
                           weight=RELATIONS["spelling"].weight, source="morphology")


# --------------------------------------------------------------------------------------
# inference


def _step(relation: str, source: str) -> str:
    return f"{relation}/{source}"


def _anchor(graph: Any, term: str) -> tuple[Vector, float, str, list[tuple[str, ...]]] | None:
    """The direct profile of an anchor term, or ``None`` when ``term`` is not an anchor."""
    out_edges = list(graph.out_edges(term, keys=True, data=True))
    names = [(v, d) for _, v, k, d in out_edges if k == "names"]
    if names:
        emotions = [0.0] * len(theory.EMOTIONS)
        paths: list[tuple[str, ...]] = []
        for target, data in names:
            head = (term, _step("names", data["source"]), target)
            kind = target.partition(":")[0]
            if kind == "emotion":
                index = graph.nodes[target]["index"]
                emotions[index] = max(emotions[index], DEFAULT_LEVEL)
                paths.append(head)
            else:
                relation = "intensity_of" if kind == "tier" else "component"
                for _, emotion_node, k, edge in graph.out_edges(target, keys=True, data=True):
                    if k != relation:
                        continue
                    index = graph.nodes[emotion_node]["index"]
                    level = edge["weight"] if kind == "tier" else DEFAULT_LEVEL
                    emotions[index] = max(emotions[index], level)
                    paths.append(head + (_step(relation, "plutchik"), emotion_node))
        vector = with_polarity(emotions)
        for emotion_path in list(paths):
            emotion_node = emotion_path[-1]
            for _, sentiment, k in graph.out_edges(emotion_node, keys=True):
                if k == "polarity":
                    paths.append(emotion_path + (_step("polarity", "plutchik"), sentiment))
        return vector, THEORY_CONFIDENCE, "theory", sorted(set(paths))
    evokes = [(v, d) for _, v, k, d in out_edges if k == "evokes"]
    if not evokes:
        return None
    values = [0.0] * len(theory.DIMENSIONS)
    paths = []
    has_intensity = any(d["source"] == "nrc-intensity" for _, d in evokes)
    for target, data in evokes:
        if has_intensity and data["source"] == "nrc-emolex" and target.startswith("emotion:"):
            continue  # the intensity lexicon's score supersedes the yes/no association
        name = target.partition(":")[2]
        level = data["weight"] if data["source"] == "nrc-intensity" else data["weight"] * DEFAULT_LEVEL
        values[theory.DIMENSIONS.index(name)] = max(values[theory.DIMENSIONS.index(name)], level)
        paths.append((term, _step("evokes", data["source"]), target))
    if not any(values[: len(theory.EMOTIONS)]):
        return None
    confidence = INTENSITY_CONFIDENCE if has_intensity else LEXICON_CONFIDENCE
    return clip(values), confidence, "lexicon", sorted(paths)


def _traversal(graph: Any) -> dict[str, list[tuple[str, str, float, bool]]]:
    """node -> [(neighbour, step label, weight, negates)] for the inference search."""
    adjacency: dict[str, list[tuple[str, str, float, bool]]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        weight, source = data["weight"], data["source"]
        if key == "sense":
            adjacency.setdefault(u, []).append((v, _step("sense", source), weight, False))
            adjacency.setdefault(v, []).append((u, _step("lemma", source), weight, False))
        elif u.startswith("synset:") or key in ("morphology", "compound", "spelling", "stem", "phrase_part"):
            adjacency.setdefault(u, []).append((v, _step(key, source), weight, RELATIONS[key].negates))
    for neighbours in adjacency.values():
        neighbours.sort()
    return adjacency


def _search(
    start: str,
    adjacency: Mapping[str, list[tuple[str, str, float, bool]]],
    anchors: Mapping[str, tuple[Vector, float, str, list[tuple[str, ...]]]],
) -> TermRecord | None:
    key = start.partition(":")[2]
    # Max-heap on path weight; ties broken by path for determinism.
    heap: list[tuple[float, tuple[str, ...], bool]] = [(-1.0, (start,), False)]
    best: dict[tuple[str, bool], float] = {}
    found: list[tuple[float, tuple[str, ...], bool]] = []
    best_weight = 0.0
    while heap:
        negative_weight, path, negated = heapq.heappop(heap)
        weight = -negative_weight
        node = path[-1]
        # Weights only fall along a path, so nothing left can enter the band any more.
        if weight < best_weight * BAND or len(found) >= MAX_ANCHORS:
            break
        if best.get((node, negated), 0.0) > weight:
            continue
        if node != start and node in anchors:
            weight *= anchors[node][1]  # a theory name is firmer evidence than a lexicon entry
            best_weight = max(best_weight, weight)
            found.append((weight, path, negated))
            continue  # anchors are sinks: their own profile is the evidence
        if (len(path) - 1) // 2 >= MAX_HOPS:
            continue
        for neighbour, step, edge_weight, negates in adjacency.get(node, ()):
            if node != start and step.partition("/")[0] in WORD_FORMATION:
                continue  # word-formation rules explain the term itself, not its neighbours
            new_weight = weight * edge_weight
            state = (neighbour, negated ^ negates)
            if new_weight < MIN_WEIGHT or best.get(state, 0.0) >= new_weight or neighbour in path:
                continue
            best[state] = new_weight
            heapq.heappush(heap, (-new_weight, path + (step, neighbour), negated ^ negates))
    found = sorted((f for f in found if f[0] >= best_weight * BAND), key=lambda f: (-f[0], f[1]))
    if not found:
        return None
    # A Plutchik name in the band is the most specific evidence there is: it alone sets the
    # profile, so "heartbroken" -> grief keeps grief's intense tier instead of being averaged
    # down by yes/no lexicon synonyms.
    theory_found = [f for f in found if anchors[f[1][-1]][2] == "theory"]
    found = theory_found or found
    vectors, weights, paths = [], [], []
    for weight, path, negated in found:
        vector, _, _, anchor_paths = anchors[path[-1]]
        vectors.append(negate(vector) if negated else vector)
        weights.append(weight)
        for anchor_path in anchor_paths:
            full = path + anchor_path[1:]
            # Through an antonym the evidence lands on the opposite emotion or sentiment.
            paths.append(full + (OPPOSITE_STEP, opposite_node(full[-1])) if negated else full)
    best_path_weight, best_path, best_negated = found[0]
    steps = {label.partition("/")[0] for label in best_path[1::2]}
    if best_negated:
        method = "negation"
    elif steps <= {"morphology", "compound", "spelling", "stem"}:
        method = "derivation"
    elif "phrase_part" in steps:
        method = "phrase"
    else:
        method = "wordnet"
    confidence = round(best_path_weight, 4)
    return TermRecord(key, weighted_mean(vectors, weights), method, confidence, tuple(sorted(set(paths))))


def infer_terms(ontology: EmotionOntology) -> tuple[list[TermRecord], list[str]]:
    """Decompose every term of the graph. Returns the records (sorted by key) and the keys
    of terms that reach no emotion."""
    graph = ontology.graph
    terms = [n for n in sorted(graph.nodes) if n.startswith("term:")]
    anchors = {t: a for t in terms if (a := _anchor(graph, t)) is not None}
    adjacency = _traversal(graph)
    records: list[TermRecord] = []
    unreached: list[str] = []
    for term in terms:
        if term in anchors:
            vector, confidence, method, paths = anchors[term]
            record: TermRecord | None = TermRecord(term[5:], vector, method, confidence, tuple(paths))
        else:
            record = _search(term, adjacency, anchors)
        if record is None:
            unreached.append(term[5:])
        else:
            records.append(replace(record, origins=tuple(graph.nodes[term].get("origins", ()))))
    return records, unreached


def prune_unreached(ontology: EmotionOntology, unreached: Iterable[str]) -> None:
    """Remove terms that reach no emotion, then synsets left without any term."""
    graph = ontology.graph
    graph.remove_nodes_from(node_id("term", key) for key in unreached)
    orphans = [n for n in graph.nodes if n.startswith("synset:")
               and not any(u.startswith("term:") for u in graph.predecessors(n))]
    graph.remove_nodes_from(orphans)


# --------------------------------------------------------------------------------------
# the whole build


def build(
    directory: str | Path | None = None,
    *,
    emolex_path: str | Path | None = None,
    intensity_path: str | Path | None = None,
) -> dict[str, Any]:
    """Build the ontology from WordNet, EmoLex (NRCLex's copy unless ``emolex_path``), the
    shipped EXPRESS vocabulary and optionally an NRC Emotion Intensity file, and write it to
    ``directory`` (default: the package's ontology folder). Returns the manifest.

    Raises :class:`WordNetNotFoundError` when WordNet is missing and
    :class:`ResourceFormatError` for malformed lexicon files; nothing is written then.
    """
    from .sources.express import express_terms, express_vocabulary
    from .sources.nrc import load_emolex, load_intensity
    from .sources.wordnet import load_wordnet

    wn = load_wordnet()
    emolex = load_emolex(emolex_path)
    intensity = load_intensity(intensity_path) if intensity_path is not None else None
    express = sorted(express_terms())
    stems = {e.entry: e.words for e in express_vocabulary() if e.kind == "stem"}
    ontology = build_graph(wn, emolex.words, express, intensity.scores if intensity else None, stems)
    records, unreached = infer_terms(ontology)
    prune_unreached(ontology, unreached)
    inputs = {
        "wordnet": {"version": wn.get_version()},
        "nrc-emolex": {"version": emolex.version, "words": len(emolex)},
        "nrc-intensity": {"version": intensity.version, "words": len(intensity)} if intensity else None,
        "express": {"terms": len(express), "stems": len(stems)},
        "unreached_terms": len(unreached),
        "parameters": {"sense_decay": SENSE_DECAY, "max_hops": MAX_HOPS, "min_weight": MIN_WEIGHT,
                       "band": BAND, "max_anchors": MAX_ANCHORS},
    }
    target = Path(directory) if directory is not None else default_ontology_directory()
    ontology.metadata = {"inputs": inputs}
    return save_ontology(ontology, terms_table(records), target, inputs)


def default_ontology_directory() -> Path:
    """Where the package's own ontology lives (``ontology/`` in a checkout)."""
    from importlib import resources

    from ._data import package_directory

    return package_directory(ONTOLOGY_PACKAGE) or Path(str(resources.files(ONTOLOGY_PACKAGE)))


def check_current(directory: str | Path | None = None, **sources: Any) -> list[str]:
    """Rebuild into a temporary directory and compare with the ontology in ``directory``
    (default: the shipped one). Returns the names of the files whose content differs;
    an empty list means the committed ontology is current."""
    import tempfile

    current = read_manifest(Path(directory) if directory is not None else None)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build(tmp, **sources)
    return sorted(name for name, digest in fresh["digests"].items()
                  if current.get("digests", {}).get(name) != digest)
