"""Build the emotion ontology from its sources, and infer every term's decomposition.

``express-lexicon build`` runs :func:`build` and writes ``ontology/``; users never need to,
because the result is shipped. The build is deterministic: nodes, edges and terms are
sorted, numbers rounded, so two builds from the same inputs give identical files.

**Anchors.** A term is an *anchor* when it names a theory concept (method ``theory``:
its tier's level on its emotion) or a lexicon scores it (method ``lexicon``): the NRC
Emotion Intensity Lexicon's graded score for each emotion it lists, EmoLex's yes/no
association at :data:`EMOLEX_LEVEL` for a word the intensity lexicon lacks, and EmoLex's
positive/negative flags for the sentiments. A lexicon word that *is* a WordNet lemma but
has no emotional sense, or one too rare to be what the word means (``tree``, ``mother``,
``fire``: an association, not a meaning; see :func:`emotional_share`), is a
*connotation*: its profile is scaled below the binary threshold, its confidence is low, and
it is never evidence for another term.

**Emotional senses** (:func:`emotional_synsets`). WordNet enters only through emotional
synsets: the ``noun.feeling`` and ``verb.emotion`` synsets, those derivationally or
attribute-linked to them, the satellites of such linked adjective heads, and synsets whose
gloss names a feeling (a ``noun.feeling`` lemma that an emotion lexicon scores, such as
"tense with *excitement*"). Sense, synset and gloss edges are added only between emotional
synsets, so a word whose only link is a non-emotional sense (``airsick``, ``a la mode``) is
not an emotion term, and a word with both kinds resolves through the emotional one.

**Inference** (:func:`infer_terms`). Every other term is decomposed by *consensus*: a
best-first search over the graph collects every anchor whose best path from the term has a
weight (product of edge weights) of at least ``min_weight``, up to ``max_anchors`` of them
and ``max_hops`` edges; the profile is the mean of their profiles weighted by path weight
to the power ``sharpness`` (a path through ``antonym`` contributes the negated profile), so
that several agreeing paths outweigh one lucky one. Word-formation and curated ``means``
edges count only as a path's first step. The confidence is the best path's weight times
the anchor's confidence, scaled by how much of the evidence agrees on the strongest
emotion. All settings come from ``resources/propagation.json``, chosen by
``benchmarks/calibrate_propagation.py`` on hidden anchors. Terms that reach no anchor are
dropped and counted in the manifest.
"""

from __future__ import annotations

import heapq
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import theory
from ._data import ONTOLOGY_PACKAGE, RESOURCE_PACKAGE, read_text
from .errors import InvalidTermError, ResourceFormatError
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
from .text import base_forms, compound_forms, head_forms, inflection_bases, normalize, spelling_matches
from .vectors import DEFAULT_LEVEL, Vector, clip, negate, weighted_mean, with_polarity

__all__ = [
    "PropagationSettings",
    "load_settings",
    "build",
    "build_graph",
    "check_current",
    "emotional_synsets",
    "infer_terms",
    "anchors_of",
    "prune_unreached",
]

SETTINGS_FILE = "propagation.json"
SETTINGS_FORMAT = "express-lexicon propagation settings v1"
THEORY_CONFIDENCE = 1.0
INTENSITY_CONFIDENCE = 0.95
LEXICON_CONFIDENCE = 0.9
CONNOTATION_CONFIDENCE = 0.3
#: The level of a yes/no EmoLex association: the mean NRC Emotion Intensity score of the
#: EmoLex associations that both lexicons list (0.50-0.52 for each of the eight emotions,
#: 9,801 pairs), so a word the intensity lexicon lacks sits where an average listed word does.
EMOLEX_LEVEL = 0.5
#: The level of an EmoLex positive/negative flag when no emotion of that polarity says more.
SENTIMENT_FLAG_LEVEL = 0.5
EMOTION_LEXNAMES = ("noun.feeling", "verb.emotion")
# Edges from the project's own rules and the curated resource. The search follows them only
# as a path's first step: they say what the term itself is built from or means, and chained
# on a neighbour ("downcast" -> "dispirited" -> "dispirit" -> ...) they pile guess upon guess.
WORD_FORMATION = frozenset({"morphology", "compound", "spelling", "stem", "phrase_part", "means"})
# A Plutchik name sets a profile alone only when it is this close (edges): its own word
# form ("bored" -> boredom), or a synonym or derivation of the term's own sense
# ("heartbroken" -> brokenhearted -> grief), not a lemma of a neighbour's neighbour.
THEORY_REACH = 3
# Steps after which the term is still itself, only spelt otherwise ("hospit" is an EXPRESS
# stem of "hospitable", "bitter sweetness" a spelling of "bittersweetness"): one more
# word-formation step may follow them.
_SPELLING_STEPS = frozenset({"stem", "compound"})
# Words that carry no emotion of their own inside a multiword term.
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "to", "and", "or", "but", "with", "in", "on", "at", "by", "for", "from", "up", "out", "over", "feel", "feeling", "felt", "be", "being", "am", "is", "are", "was", "were", "so", "very", "really", "quite", "bit", "little", "sort", "kind"]
)
# A gloss word counts as naming a feeling only from this length ("awe" and "joy" are
# theory names and count anyway).
_MIN_GLOSS_WORD = 4


@dataclass(frozen=True)
class PropagationSettings:
    """How evidence propagates (see the module docstring); read from
    ``resources/propagation.json`` by :func:`load_settings`."""

    relation_weights: Mapping[str, float]
    sense_decay: float = 0.85
    min_sense_weight: float = 0.4
    max_hops: int = 6
    min_weight: float = 0.3
    sharpness: float = 2.0
    max_anchors: int = 12
    connotation_cap: float = 0.25
    theory_band: float = 0.9

    def weight(self, relation: str) -> float:
        return float(self.relation_weights.get(relation, RELATIONS[relation].weight))

    def with_changes(self, **changes: Any) -> PropagationSettings:
        """A copy with some settings changed; ``relation_weights`` entries merge."""
        weights = dict(self.relation_weights)
        weights.update(changes.pop("relation_weights", {}))
        return replace(self, relation_weights=weights, **changes)

    def as_dict(self) -> dict[str, Any]:
        return {"relation_weights": dict(sorted(self.relation_weights.items())),
                "sense_decay": self.sense_decay, "min_sense_weight": self.min_sense_weight,
                "max_hops": self.max_hops, "min_weight": self.min_weight, "sharpness": self.sharpness,
                "max_anchors": self.max_anchors, "connotation_cap": self.connotation_cap,
                "theory_band": self.theory_band}


def load_settings(text: str | None = None) -> PropagationSettings:
    """The shipped propagation settings (or those in the JSON ``text``). Raises
    :class:`ResourceFormatError` naming the file on a wrong format line or bad value."""
    raw = text if text is not None else read_text(RESOURCE_PACKAGE, SETTINGS_FILE)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ResourceFormatError(f"{SETTINGS_FILE}: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        raise ResourceFormatError(f"{SETTINGS_FILE}: expected \"format\": {SETTINGS_FORMAT!r}")
    weights = data.get("relation_weights", {})
    if not isinstance(weights, dict) or any(k not in RELATIONS or not 0 < float(v) <= 1 for k, v in weights.items()):
        raise ResourceFormatError(f"{SETTINGS_FILE}: relation_weights must map relations to weights in (0, 1]")
    names = ("sense_decay", "min_sense_weight", "max_hops", "min_weight", "sharpness", "max_anchors",
             "connotation_cap", "theory_band")
    values = {n: data[n] for n in names if n in data}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ResourceFormatError(f"{SETTINGS_FILE}: {name} must be a non-negative number, got {value!r}")
    return PropagationSettings(relation_weights={k: float(v) for k, v in weights.items()},
                               **values)  # type: ignore[arg-type]


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


_PLAIN_NAME = re.compile(r"[a-z0-9](?:[a-z0-9 '.-]*[a-z0-9])?")


def _key(text: str) -> str | None:
    # WordNet's 150,000 lemma names are nearly all plain ASCII: lower-casing them is what
    # normalize() would do, at a tenth of the cost.
    simple = text.replace("_", " ").lower()
    if simple.isascii() and _PLAIN_NAME.fullmatch(simple) and "  " not in simple:
        return simple
    try:
        return normalize(text.replace("_", " "))
    except InvalidTermError:
        return None


def _all_synsets(wn: Any) -> list[Any]:
    """Every synset of ``wn``, read once per reader (a full pass costs seconds)."""
    cached = getattr(wn, "_express_lexicon_all_synsets", None)
    if cached is None:
        cached = list(wn.all_synsets())
        try:
            wn._express_lexicon_all_synsets = cached
        except AttributeError:  # pragma: no cover - a reader that refuses attributes
            pass
    return cached


def _sense_counts(wn: Any) -> dict[str, int]:
    """Lemma sense key -> SemCor tag count, from WordNet's ``cntlist.rev`` read once
    (nltk's ``Lemma.count`` searches the file anew for every lemma). Empty when the file
    is missing."""
    cached = getattr(wn, "_express_lexicon_counts", None)
    if cached is not None:
        return cached
    counts: dict[str, int] = {}
    try:
        with wn.open("cntlist.rev") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 3 and parts[2].isdigit():
                    counts[parts[0]] = int(parts[2])
    except (OSError, LookupError, ValueError):
        counts = {}
    try:
        wn._express_lexicon_counts = counts
    except AttributeError:  # pragma: no cover
        pass
    return counts


def _synset_id(synset: Any) -> str:
    return node_id("synset", synset.name())


_GLOSS_TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
# A gloss that defines by a feeling: "feeling and exhibiting concern and empathy for
# others" (caring), "a feeling of great happiness" (rejoicing).
_FEELING_GLOSS = re.compile(r"^(?:feeling|feelings)\b|\bfeelings? of\b", re.IGNORECASE)
# Lexicographer files whose synsets are things, places, people or quantities: a derivation
# from a feeling to one of them ("scare" -> "scarecrow", "love" -> "lover") does not make it
# an emotional sense.
_THING_LEXNAMES = frozenset({
    "noun.artifact", "noun.object", "noun.plant", "noun.animal", "noun.food", "noun.substance",
    "noun.body", "noun.location", "noun.quantity", "noun.time", "noun.shape", "noun.person",
    "noun.group", "noun.possession", "noun.relation", "noun.phenomenon",
})
#: How much evidence a term record keeps: the paths of its best anchors, to their
#: strongest dimensions.
EVIDENCE_ANCHORS = 2
EVIDENCE_PATHS_PER_ANCHOR = 3
#: A lexicon entry whose strongest emotion scores below this is a faint association (NRC's
#: "interested": sadness 0.11); a Plutchik name of the word's own family, close by, decides
#: instead ("interest": mild anticipation).
WEAK_ANCHOR_LEVEL = 0.25
#: How strongly a lexicon must score a feeling noun for it to mark a gloss as emotional.
FEELING_WORD_STRENGTH = 0.5
#: A lexicon word that WordNet knows is a connotation, not an emotion term, when its
#: emotional senses carry less than this share of its use (:func:`emotional_share`): "fire"
#: (ardor, 3% of use) and "kill" (to delight, under 1%) are not emotion words; "lonely"
#: (45%), "secure" (9%) and "bitter" (64%) are.
MIN_EMOTIONAL_SHARE = 0.05
#: A cluster head that no feeling links to is emotional when at least this share of its
#: satellites is ("dejected": downcast, gloomy, ...; not "ill", whose few feeling satellites
#: such as "nauseated" would otherwise bring "airsick" and "autistic").
SATELLITE_SHARE = 0.25


def _gloss_words(synset: Any) -> list[str]:
    return [w for w in _GLOSS_TOKEN.findall(synset.definition().lower()) if w not in STOPWORDS]


def feeling_words(wn: Any, strengths: Mapping[str, float]) -> frozenset[str]:
    """Words that name a feeling when they occur in a gloss: the single-word lemmas whose
    most frequent noun sense is a ``noun.feeling`` synset and that an emotion lexicon scores
    at :data:`FEELING_WORD_STRENGTH` or more (``strengths``: word -> strongest emotion
    score). "fire", "heart" and "suffering" do not qualify: their first senses are not
    feelings; nor does "confusion" ("confusion of yellow and blue" is no feeling)."""
    words = {k for s in _all_synsets(wn) if s.lexname() == "noun.feeling"
             for k in (_key(n) for n in s.lemma_names()) if k and " " not in k}
    chosen = set()
    for word in words:
        if len(word) < _MIN_GLOSS_WORD or strengths.get(word, 0.0) < FEELING_WORD_STRENGTH:
            continue
        first = wn.synsets(word, pos="n")
        if first and first[0].lexname() == "noun.feeling":
            chosen.add(word)
    return frozenset(chosen)


def emotional_synsets(wn: Any, feeling: Collection[str] = ()) -> set[Any]:
    """The WordNet synsets that carry an emotional sense (see the module docstring).

    ``feeling`` are the words that make a gloss emotional (:func:`feeling_words`); with
    none, only the lexicographer-file and link rules apply."""
    everything = _all_synsets(wn)
    core = {s for s in everything if s.lexname() in EMOTION_LEXNAMES}
    linked = set(core)
    for synset in core:
        related = list(synset.attributes())
        for lemma in synset.lemmas():
            related += [d.synset() for d in lemma.derivationally_related_forms()]
        linked.update(r for r in related if r.lexname() not in _THING_LEXNAMES)
    if feeling:
        wanted = frozenset(feeling)
        for synset in everything:
            if (synset not in linked and synset.lexname() not in _THING_LEXNAMES
                    and (_FEELING_GLOSS.search(synset.definition()) or any(w in wanted for w in _gloss_words(synset)))):
                linked.add(synset)
    emotional = set(linked)
    # Whole adjective clusters of emotional heads: a linked head, or one whose satellites
    # are emotional often enough (see SATELLITE_SHARE).
    heads = {s for s in linked if s.pos() == "a"}
    heads.update(h for s in linked if s.pos() == "s" for h in s.similar_tos())
    for head in heads:
        satellites = head.similar_tos()
        share = sum(1 for s in satellites if s in linked) / len(satellites) if satellites else 0.0
        if head in linked or share >= SATELLITE_SHARE:
            emotional.add(head)
            emotional.update(satellites)
    return emotional


def emotional_share(wn: Any, key: str, emotional: Collection[Any]) -> float:
    """The share of ``key``'s use that falls on its emotional senses: the SemCor tag counts
    of its senses (each + 0.5, so untagged senses count a little), emotional over all.
    0 when WordNet does not know the word."""
    counts = _sense_counts(wn)
    total = emotional_count = 0.0
    for synset in wn.synsets(key.replace(" ", "_")):
        for lemma in synset.lemmas():
            if _key(lemma.name()) == key:
                count = counts.get(lemma.key(), 0) + 0.5
                total += count
                if synset in emotional:
                    emotional_count += count
    return emotional_count / total if total else 0.0


def build_graph(
    wn: Any,
    emolex: Mapping[str, Collection[str]],
    express_terms: Iterable[str],
    intensity: Mapping[str, Mapping[str, float]] | None = None,
    express_stems: Mapping[str, Collection[str]] | None = None,
    expressions: Iterable[Any] = (),
    settings: PropagationSettings | None = None,
) -> EmotionOntology:
    """The ontology graph from WordNet (an nltk reader, or ``None`` for a graph of the
    theory and lexicons alone, as tests use), EmoLex (word -> dimensions), the
    EXPRESS vocabulary terms, NRC Emotion Intensity (word -> emotion -> score), the EXPRESS
    stems with the words they stand for (``admir`` -> admire, admiration...) and the curated
    everyday expressions (:class:`~express_lexicon.sources.expressions.EverydayExpression`).

    Terms that reach no emotion are still in this graph; :func:`infer_terms` finds them and
    :func:`prune_unreached` removes them. The graph's ``plain_words`` attribute lists the
    WordNet lemmas that are not terms (English words without an emotional sense).
    """
    import networkx as nx

    settings = settings or load_settings()
    graph = nx.MultiDiGraph()
    _theory_nodes(graph)
    dimensions = set(theory.DIMENSIONS)

    origins: dict[str, set[str]] = {}

    def add_term(key: str | None, origin: str) -> str | None:
        if key is None:
            return None
        origins.setdefault(key, set()).add(origin)
        return key

    theory_names = _theory_names()
    # A variant label (alarm) names its dyad (awe) like the preferred name does; the dyad
    # node lists its variants as alt_labels.
    for key, target in theory_names.items():
        add_term(key, "plutchik")
        graph.add_edge(node_id("term", key), target, key="names", relation="names", weight=1.0,
                       source="plutchik")

    # Lexicon associations: graded NRC intensity scores for the emotions, EmoLex for the
    # sentiments (and for the emotions of a word the intensity lexicon lacks).
    scored: set[str] = set()
    for word, dims in sorted(emolex.items()):
        lexicon_key = _key(word)
        if lexicon_key is None or not any(d in theory.EMOTIONS for d in dims):
            continue
        add_term(lexicon_key, "nrc-emolex")
        scored.add(lexicon_key)
        for dim in sorted(set(dims) & dimensions):
            graph.add_edge(node_id("term", lexicon_key), _dimension_node(dim), key="evokes",
                           relation="evokes", weight=1.0, source="nrc-emolex")
    for word, scores in sorted((intensity or {}).items()):
        key = _key(word)
        if key is None or not any(v > 0 for e, v in scores.items() if e in theory.EMOTIONS):
            continue
        add_term(key, "nrc-intensity")
        scored.add(key)
        for emotion, score in sorted(scores.items()):
            if emotion in theory.EMOTIONS and score > 0:
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
    curated: dict[str, list[str]] = {}
    for expression in expressions:
        curated[expression.expression] = list(expression.means)
        add_term(expression.expression, "curated")
        for target in expression.means:
            add_term(target, "curated")

    # WordNet: every lemma of an emotional synset.
    wordnet_lemmas: set[str] = set()
    emotional: set[Any] = set()
    if wn is not None:
        strengths = {k: max((v for e, v in scores.items() if e in theory.EMOTIONS), default=0.0)
                     for word, scores in (intensity or {}).items() if (k := _key(word))}
        emotional = emotional_synsets(wn, feeling_words(wn, strengths))
        for synset in emotional:
            for lemma in synset.lemma_names():
                add_term(_key(lemma), "wordnet")
        wordnet_lemmas = {k for k in (_key(n) for n in wn.all_lemma_names()) if k}
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

    # A lexicon word that WordNet knows only in non-emotional senses is a connotation
    # ("tree" -> trust): kept, but weak and never evidence for others. EXPRESS entries,
    # theory names and curated targets are emotion words by construction.
    protected = set(express_keys) | set(theory_names) | {t for ts in curated.values() for t in ts}
    # The same holds for any WordNet word whose emotional senses are a small part of its
    # use ("walk", "eat": to walk on air, to eat at someone): it is known, but weakly.
    connotations = {key for key in origins if key in wordnet_lemmas and key not in protected
                    and emotional_share(wn, key, emotional) < MIN_EMOTIONAL_SHARE}
    # WordNet words built on an emotion term by a meaning-preserving suffix ("annoying" on
    # annoy, "sadly" on sad) are terms too, even where WordNet has no emotional sense for them.
    derived: dict[str, str] = {}
    if wn is not None:
        for key in sorted(wordnet_lemmas.difference(origins)):
            base = next((b for b in inflection_bases(key) if b in origins and b not in connotations), None)
            if base is not None:
                derived[key] = derived.get(base, base)  # "annoyingly" -> annoy, not -> annoying
                add_term(key, "wordnet")
    for key in sorted(origins):
        attributes: dict[str, Any] = {"label": key, "origins": sorted(origins[key])}
        if key in connotations:
            attributes["connotation"] = True
        graph.add_node(node_id("term", key), **attributes)
    if wn is not None:
        # An EXPRESS entry is an emotion word by construction (writers used it for their
        # feeling), so all its senses count; they reach anchors through emotional synsets.
        express_senses = {s for key in express_keys for s in wn.synsets(key.replace(" ", "_"))
                          if key in {_key(n) for n in s.lemma_names()}} - emotional
        _add_wordnet_edges(graph, wn, sorted(origins), emotional, settings, express_senses, set(express_keys))
        _add_gloss_edges(graph, emotional, set(origins), settings)

    for stem, words in sorted(stems.items()):
        for word in words:
            if word in origins and word != stem:
                graph.add_edge(node_id("term", stem), node_id("term", word), key="stem", relation="stem",
                               weight=settings.weight("stem"), source="express")
    for expression, targets in sorted(curated.items()):
        for target in targets:
            if target != expression:
                graph.add_edge(node_id("term", expression), node_id("term", target), key="means",
                               relation="means", weight=settings.weight("means"), source="curated")
    for key, base in sorted(derived.items()):
        graph.add_edge(node_id("term", key), node_id("term", base), key="morphology", relation="morphology",
                       weight=settings.weight("morphology"), source="morphology")
    _add_word_formation_edges(graph, sorted(set(origins).difference(derived)), settings, exclude=set(stems),
                              wordnet_lemmas=wordnet_lemmas, express=set(express_keys),
                              theory_names=set(theory_names), curated=set(curated))
    _add_spelling_edges(graph, express_keys, settings, wordnet_lemmas)
    graph.graph["plain_words"] = sorted(wordnet_lemmas.difference(origins))
    return EmotionOntology(graph)


def _add_wordnet_edges(graph: Any, wn: Any, keys: list[str], emotional: set[Any],
                       settings: PropagationSettings, express_senses: Collection[Any] = (),
                       express_keys: Collection[str] = ()) -> None:
    """Sense edges from every term to its emotional synsets (weighted by sense rank among
    all the word's senses of that part of speech), the synset nodes, and the relations
    between emotional synsets. ``express_senses`` (the other senses of EXPRESS entries) get
    sense edges from those entries and relations into emotional synsets."""
    extra = set(express_senses)
    for key in keys:
        by_pos: dict[str, int] = {}
        for synset in wn.synsets(key.replace(" ", "_")):
            if key not in {_key(n) for n in synset.lemma_names()}:
                continue  # reached through morphy; the morphology edge covers it
            pos = "a" if synset.pos() == "s" else synset.pos()
            rank = by_pos.get(pos, 0)
            by_pos[pos] = rank + 1
            # The other senses of an EXPRESS entry count for the entry (only), one step
            # away from the emotional synsets.
            if synset not in emotional and not (synset in extra and key in express_keys):
                continue
            weight = round(max(settings.min_sense_weight, settings.sense_decay**rank), 4)
            graph.add_edge(node_id("term", key), _synset_id(synset), key="sense", relation="sense",
                           weight=weight, source="wordnet", rank=rank)
    for synset in sorted(emotional | extra, key=lambda s: s.name()):
        graph.add_node(_synset_id(synset), pos=synset.pos(), lexname=synset.lexname(),
                       gloss=synset.definition())
    for synset in emotional | extra:
        related: list[tuple[str, Any]] = []
        related += [("similar_to", s) for s in synset.similar_tos()]
        related += [("also_see", s) for s in synset.also_sees()]
        related += [("attribute", s) for s in synset.attributes()]
        for lemma in synset.lemmas():
            related += [("derivation", d.synset()) for d in lemma.derivationally_related_forms()]
            related += [("antonym", a.synset()) for a in lemma.antonyms()]
        related += [("hypernym", s) for s in synset.hypernyms()]
        related += [("hyponym", s) for s in synset.hyponyms()]
        for relation, target in related:
            if target in emotional and target != synset:
                graph.add_edge(_synset_id(synset), _synset_id(target), key=relation, relation=relation,
                               weight=settings.weight(relation), source="wordnet")


def _dimension_node(dim: str) -> str:
    return node_id("sentiment" if dim in theory.SENTIMENTS else "emotion", dim)


def _add_word_formation_edges(graph: Any, keys: list[str], settings: PropagationSettings,
                              exclude: Collection[str] = (), wordnet_lemmas: Collection[str] = (),
                              express: Collection[str] = (), theory_names: Collection[str] = (),
                              curated: Collection[str] = ()) -> None:
    """Compound, phrase-part and morphology edges; ``exclude`` (the EXPRESS stems) are never
    targets: "relieved" is built on "relief", not on the stem "reliev".

    WordNet's own derivation links are curated, so suffix rules link a WordNet lemma only
    when it is an EXPRESS entry or the target is a theory name ("bittersweet" ->
    "bittersweetness"): "toaster" is not built on "toast". Head-word guessing
    ("claustrophobia" -> "phobia") applies only to strings WordNet does not know."""
    known = set(keys).difference(exclude)
    for key in keys:
        source = node_id("term", key)
        if key in curated:
            continue  # the curated meaning says what it means; its words do not
        in_wordnet = key in wordnet_lemmas
        if " " in key or "-" in key:
            closed = [f for f in compound_forms(key) if f in known]
            if closed:
                graph.add_edge(source, node_id("term", closed[0]), key="compound", relation="compound",
                               weight=settings.weight("compound"), source="morphology")
            if in_wordnet:
                continue  # a WordNet compound means what its senses say ("straw man")
            for part in key.replace("-", " ").split():
                if part in known and part not in STOPWORDS:
                    graph.add_edge(source, node_id("term", part), key="phrase_part",
                                   relation="phrase_part", weight=settings.weight("phrase_part"),
                                   source="phrase")
            continue
        candidates = [b for b in base_forms(key) if b in known]
        if in_wordnet and key not in express:
            candidates = [b for b in candidates if b in theory_names]
        # A Plutchik name is the most specific base there is: "bored" -> "boredom", not "bore".
        candidates.sort(key=lambda b: b not in theory_names)
        base = candidates[0] if candidates else None
        if base is None and not in_wordnet and not graph.out_degree(source):
            # Only for words nothing else explains and WordNet does not know.
            base = next((h for h in head_forms(key) if h in known), None)
        if base is not None:
            graph.add_edge(source, node_id("term", base), key="morphology", relation="morphology",
                           weight=settings.weight("morphology"), source="morphology")


def _add_gloss_edges(graph: Any, emotional: set[Any], known: set[str], settings: PropagationSettings) -> None:
    """Link emotional synsets to the known words of their glosses: weak evidence that
    matters where WordNet has no closer link (``claustrophobia``: "a morbid fear of being
    closed in a confined space"; ``pumped-up``: "tense with excitement and enthusiasm")."""
    for synset in emotional:
        lemmas = {_key(n) for n in synset.lemma_names()}
        for raw in _gloss_words(synset):
            if len(raw) < 3 or raw in lemmas:
                continue
            word: str | None = raw
            if word not in known:
                word = next((b for b in base_forms(raw) if b in known), None)
            if word and word not in lemmas:
                graph.add_edge(_synset_id(synset), node_id("term", word), key="gloss", relation="gloss",
                               weight=settings.weight("gloss"), source="wordnet")


def _add_spelling_edges(graph: Any, express_keys: list[str], settings: PropagationSettings,
                        wordnet_lemmas: Collection[str] = ()) -> None:
    """Link EXPRESS entries that nothing else explains, and that are not English words, to
    the known term they misspell (the paper's vocabulary has ``embarrased``, ``overwhlemed``)."""
    explained = {n[5:] for n in graph.nodes if n.startswith("term:") and graph.out_degree(n)}
    for key in express_keys:
        if key in explained or key in wordnet_lemmas:
            continue
        match = next(iter(spelling_matches(key, explained)), None)
        if match is not None:
            graph.add_edge(node_id("term", key), node_id("term", match), key="spelling", relation="spelling",
                           weight=settings.weight("spelling"), source="morphology")


# --------------------------------------------------------------------------------------
# inference


def _step(relation: str, source: str) -> str:
    return f"{relation}/{source}"


@dataclass(frozen=True)
class Anchor:
    """A term whose profile the sources give directly."""

    vector: Vector
    confidence: float
    method: str
    paths: tuple[tuple[str, ...], ...]
    connotation: bool = False
    dyad: bool = False


def _theory_anchor(graph: Any, term: str, names: list[tuple[str, dict[str, Any]]]) -> Anchor:
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
    dyad = any(target.startswith("dyad:") for target, _ in names)
    return Anchor(vector, THEORY_CONFIDENCE, "theory", tuple(sorted(set(paths))), dyad=dyad)


def _anchor(graph: Any, term: str, settings: PropagationSettings) -> Anchor | None:
    """The direct profile of an anchor term, or ``None`` when ``term`` is not an anchor."""
    out_edges = list(graph.out_edges(term, keys=True, data=True))
    names = [(v, d) for _, v, k, d in out_edges if k == "names"]
    if names:
        return _theory_anchor(graph, term, names)
    if any(k == "means" for _, _, k, _ in out_edges):
        return None  # a curated expression is resolved through what it means
    evokes = [(v, d) for _, v, k, d in out_edges if k == "evokes"]
    graded = {v: d for v, d in evokes if d["source"] == "nrc-intensity"}
    emotions = [0.0] * len(theory.EMOTIONS)
    paths: list[tuple[str, ...]] = []
    flags: dict[str, tuple[str, ...]] = {}
    for target, data in evokes:
        kind, _, name = target.partition(":")
        step = (term, _step("evokes", data["source"]), target)
        if kind == "sentiment":
            flags[name] = step
            continue
        if graded and data["source"] != "nrc-intensity":
            continue  # the intensity lexicon's grade supersedes the yes/no association
        level = data["weight"] if data["source"] == "nrc-intensity" else EMOLEX_LEVEL
        index = theory.EMOTIONS.index(name)
        emotions[index] = max(emotions[index], level)
        paths.append(step)
    if not any(emotions):
        return None
    values = list(with_polarity(emotions))
    for sentiment, step in flags.items():
        index = theory.DIMENSIONS.index(sentiment)
        values[index] = max(values[index], SENTIMENT_FLAG_LEVEL)
        paths.append(step)
    confidence = INTENSITY_CONFIDENCE if graded else LEXICON_CONFIDENCE
    if graph.nodes[term].get("connotation"):
        strongest = max(values)
        factor = min(1.0, settings.connotation_cap / strongest) if strongest > 0 else 1.0
        return Anchor(clip(v * factor for v in values), CONNOTATION_CONFIDENCE, "lexicon",
                      tuple(sorted(paths)), connotation=True)
    return Anchor(clip(values), confidence, "lexicon", tuple(sorted(paths)))


def _dimension_index(node: str) -> int:
    name = node.partition(":")[2]
    return theory.DIMENSIONS.index(name) if name in theory.DIMENSIONS else 0


def anchors_of(ontology: EmotionOntology, settings: PropagationSettings | None = None) -> dict[str, Anchor]:
    """Every anchor term of the graph (node id -> :class:`Anchor`), connotations included."""
    settings = settings or load_settings()
    graph = ontology.graph
    return {t: a for t in sorted(graph.nodes) if t.startswith("term:")
            and (a := _anchor(graph, t, settings)) is not None}


Adjacency = Mapping[str, list[tuple[str, str, float, bool]]]


def traversal(ontology: EmotionOntology, settings: PropagationSettings | None = None
              ) -> dict[str, list[tuple[str, str, float, bool]]]:
    """node -> [(neighbour, step label, weight, negates)] for the inference search. With
    ``settings``, edge weights are recomputed from them (as calibration needs) instead of
    read from the graph."""
    adjacency: dict[str, list[tuple[str, str, float, bool]]] = {}
    for u, v, key, data in ontology.graph.edges(keys=True, data=True):
        weight, source = data["weight"], data["source"]
        if settings is not None and key in RELATIONS:
            if key == "sense" and "rank" in data:
                weight = max(settings.min_sense_weight, settings.sense_decay ** data["rank"])
            elif key in settings.relation_weights:
                weight = settings.weight(key)
        if key == "sense":
            adjacency.setdefault(u, []).append((v, _step("sense", source), weight, False))
            adjacency.setdefault(v, []).append((u, _step("lemma", source), weight, False))
        elif u.startswith("synset:") or key in WORD_FORMATION:
            adjacency.setdefault(u, []).append((v, _step(key, source), weight, RELATIONS[key].negates))
    for neighbours in adjacency.values():
        neighbours.sort()
    return adjacency


def consensus(
    start: str,
    adjacency: Adjacency,
    anchors: Mapping[str, Anchor],
    settings: PropagationSettings,
) -> TermRecord | None:
    """The consensus decomposition of ``start`` from the anchors it reaches (see the module
    docstring), or ``None`` when no anchor is reached with enough weight."""
    key = start.partition(":")[2]
    neighbours_of_start = adjacency.get(start, ())
    # A curated expression means what the resource says, and only that: its other senses
    # ("chill" as cold) and its words ("blown" + "away") are not evidence. Likewise a
    # spelling variant is its closed or hyphenated form ("bitter sweetness" is
    # "bittersweetness", not bitter + sweetness), and an EXPRESS stem the words it stands for.
    curated = [n for n in neighbours_of_start if n[1].startswith("means/")]
    exclusive = curated or [n for n in neighbours_of_start if n[1].startswith("compound/")] \
        or [n for n in neighbours_of_start if n[1].startswith("stem/")]
    if exclusive:
        adjacency = {**adjacency, start: exclusive}
    # Max-heap on path weight; ties broken by path for determinism. A best-first search
    # pops every state at its best weight, so each anchor is found through its best path.
    heap: list[tuple[float, tuple[str, ...], bool]] = [(-1.0, (start,), False)]
    best: dict[tuple[str, bool], float] = {}
    found: dict[str, tuple[float, tuple[str, ...], bool]] = {}
    while heap and len(found) < settings.max_anchors:
        negative_weight, path, negated = heapq.heappop(heap)
        weight = -negative_weight
        node = path[-1]
        if best.get((node, negated), 0.0) > weight:
            continue
        if node != start and node in anchors:
            if node not in found:
                found[node] = (weight * anchors[node].confidence, path, negated)
            continue  # anchors are sinks: their own profile is the evidence
        if len(path) // 2 >= settings.max_hops:
            continue
        for neighbour, step, edge_weight, negates in adjacency.get(node, ()):
            if (node != start and step.partition("/")[0] in WORD_FORMATION
                    and not all(label.partition("/")[0] in _SPELLING_STEPS for label in path[1::2])):
                continue  # word-formation rules explain the term itself, not its neighbours
            new_weight = weight * edge_weight
            state = (neighbour, negated ^ negates)
            if new_weight < settings.min_weight or best.get(state, 0.0) >= new_weight or neighbour in path:
                continue
            best[state] = new_weight
            heapq.heappush(heap, (-new_weight, path + (step, neighbour), negated ^ negates))
    if not found:
        return None
    ranked = sorted(found.values(), key=lambda f: (-f[0], f[1]))
    # A Plutchik name close to the best evidence is the most specific evidence there is: it
    # alone sets the profile, so "bored" -> boredom keeps boredom's emotion and tier instead
    # of being outvoted by looser lexicon neighbours ("derivational families agree").
    # Dyad names are left to the consensus: their two equal halves are a construct of the
    # theory ("proud" is not anger + joy), and their neighbours say which half leads.
    theory_found = [f for f in ranked if anchors[f[1][-1]].method == "theory" and not anchors[f[1][-1]].dyad
                    and len(f[1]) // 2 <= THEORY_REACH and f[0] >= settings.theory_band * ranked[0][0]
                    ] if settings.theory_band > 0 and not curated else []
    ranked = theory_found or ranked
    vectors, weights = [], []
    for weight, path, negated in ranked:
        vector = anchors[path[-1]].vector
        vectors.append(negate(vector) if negated else vector)
        weights.append(weight ** settings.sharpness)
    profile = weighted_mean(vectors, weights)
    if max(profile[: len(theory.EMOTIONS)]) <= 0:
        return None  # only a sentiment reached (through a negation): no emotion to decompose into
    # How much of the evidence agrees on the consensus's strongest emotion.
    top = max(range(len(theory.EMOTIONS)), key=lambda i: profile[i])
    agreeing = sum(w for v, w in zip(vectors, weights)
                   if max(v[: len(theory.EMOTIONS)]) > 0 and v[top] == max(v[: len(theory.EMOTIONS)]))
    agreement = agreeing / sum(weights)
    best_weight, best_path, best_negated = ranked[0]
    paths: list[tuple[str, ...]] = []
    # The strongest evidence is what --explain shows: the paths of the best anchors to
    # their strongest dimensions (the full list would triple the term table's size).
    for weight, path, negated in ranked[:EVIDENCE_ANCHORS]:
        anchor = anchors[path[-1]]
        # Emotions first: the sentiments follow from them (or from EmoLex's flags).
        own = sorted(anchor.paths, key=lambda p: (p[-1].startswith("sentiment:"),
                                                  -anchor.vector[_dimension_index(p[-1])], p))
        for anchor_path in own[:EVIDENCE_PATHS_PER_ANCHOR]:
            full = path + anchor_path[1:]
            # Through an antonym the evidence lands on the opposite emotion or sentiment.
            paths.append(full + (OPPOSITE_STEP, opposite_node(full[-1])) if negated else full)
    steps = {label.partition("/")[0] for label in best_path[1::2]}
    if best_negated:
        method = "negation"
    elif "means" in steps:
        method = "expression"
    elif steps <= {"morphology", "compound", "spelling", "stem"}:
        method = "derivation"
    elif "phrase_part" in steps:
        method = "phrase"
    else:
        method = "wordnet"
    confidence = round(best_weight * (0.5 + 0.5 * agreement), 4)
    return TermRecord(key, profile, method, confidence, tuple(sorted(set(paths))))


def _as_connotation(record: TermRecord, settings: PropagationSettings) -> TermRecord:
    """A record scaled below the binary threshold with a low confidence: the word's
    emotional senses are a small part of what it means."""
    strongest = max(record.scores)
    factor = min(1.0, settings.connotation_cap / strongest) if strongest > 0 else 1.0
    return replace(record, scores=clip(v * factor for v in record.scores),
                   confidence=round(min(record.confidence, CONNOTATION_CONFIDENCE), 4))


def infer_terms(
    ontology: EmotionOntology,
    settings: PropagationSettings | None = None,
    *,
    hidden: Collection[str] = (),
) -> tuple[list[TermRecord], list[str]]:
    """Decompose every term of the graph. Returns the records (sorted by key) and the keys
    of terms that reach no emotion. ``hidden`` anchors (node ids) are treated as unknown:
    their own lexicon entry is ignored, as calibration needs."""
    settings = settings or load_settings()
    graph = ontology.graph
    terms = [n for n in sorted(graph.nodes) if n.startswith("term:")]
    every_anchor = anchors_of(ontology, settings)
    hidden = frozenset(hidden)
    evidence = {t: a for t, a in every_anchor.items() if not a.connotation and t not in hidden}
    adjacency = traversal(ontology)
    records: list[TermRecord] = []
    unreached: list[str] = []
    for term in terms:
        anchor = every_anchor.get(term) if term not in hidden else None
        record: TermRecord | None = None
        if anchor is not None and anchor.method == "lexicon" and not anchor.connotation \
                and max(anchor.vector[: len(theory.EMOTIONS)]) < WEAK_ANCHOR_LEVEL:
            # The lexicon says the word is barely associated with any emotion ("interested":
            # sadness 0.11); the Plutchik name of its own word family says more ("interest").
            found = consensus(term, adjacency, evidence, settings)
            if (found is not None and found.paths and all("names/plutchik" in p for p in found.paths)
                    and max(found.scores[: len(theory.EMOTIONS)]) > max(anchor.vector[: len(theory.EMOTIONS)])):
                anchor, record = None, found
        if anchor is not None:
            record = TermRecord(term[5:], anchor.vector, anchor.method, anchor.confidence, anchor.paths)
        else:
            if record is None:
                record = consensus(term, adjacency, evidence, settings)
            if record is not None and graph.nodes[term].get("connotation"):
                record = _as_connotation(record, settings)
        if record is None:
            unreached.append(term[5:])
        else:
            records.append(replace(record, origins=tuple(graph.nodes[term].get("origins", ()))))
    return records, unreached


def prune_unreached(ontology: EmotionOntology, unreached: Iterable[str],
                    records: Iterable[TermRecord] = ()) -> None:
    """Remove terms that reach no emotion, then synsets left without any term, except those
    an evidence path of ``records`` passes through (a synset reached by ``similar_to`` whose
    own lemmas are no terms, say)."""
    graph = ontology.graph
    graph.remove_nodes_from(node_id("term", key) for key in unreached)
    used = {node for record in records for path in record.paths for node in path[::2] if node.startswith("synset:")}
    orphans = [n for n in graph.nodes if n.startswith("synset:") and n not in used
               and not any(u.startswith("term:") for u in graph.predecessors(n))]
    graph.remove_nodes_from(orphans)


# --------------------------------------------------------------------------------------
# the whole build


def load_inputs(emolex_path: str | Path | None = None, intensity_path: str | Path | None = None) -> dict[str, Any]:
    """Read every source of the build: WordNet, EmoLex (NRCLex's copy unless
    ``emolex_path``), NRC Emotion Intensity (the ``emotion-nrc-affect-lex`` copy unless
    ``intensity_path``), the EXPRESS vocabulary and the curated everyday expressions.

    Raises :class:`WordNetNotFoundError` when WordNet is missing and
    :class:`ResourceFormatError` for malformed or missing lexicon files."""
    from .sources.express import express_terms, express_vocabulary
    from .sources.expressions import everyday_expressions
    from .sources.nrc import load_bundled_intensity, load_emolex, load_intensity
    from .sources.wordnet import load_wordnet

    wn = load_wordnet()
    emolex = load_emolex(emolex_path)
    intensity = load_intensity(intensity_path) if intensity_path is not None else load_bundled_intensity()
    if intensity is None:
        raise ResourceFormatError(
            "the NRC Emotion Intensity Lexicon was not found: pip install --no-deps "
            "emotion-nrc-affect-lex==0.0.3, or pass the official file with --intensity"
        )
    return {"wordnet": wn, "emolex": emolex, "intensity": intensity,
            "express": sorted(express_terms()),
            "stems": {e.entry: e.words for e in express_vocabulary() if e.kind == "stem"},
            "expressions": everyday_expressions()}


def build(
    directory: str | Path | None = None,
    *,
    emolex_path: str | Path | None = None,
    intensity_path: str | Path | None = None,
) -> dict[str, Any]:
    """Build the ontology from its sources (see :func:`load_inputs`) and write it to
    ``directory`` (default: the package's ontology folder). Returns the manifest.

    Raises :class:`WordNetNotFoundError` when WordNet is missing and
    :class:`ResourceFormatError` for malformed lexicon files; nothing is written then.
    """
    from ._progress import step as announce  # phases shown on a terminal (the CLI turns it on)

    settings = load_settings()
    announce("reading WordNet, NRC EmoLex, NRC Emotion Intensity and the EXPRESS vocabulary")
    inputs_data = load_inputs(emolex_path, intensity_path)
    wn, emolex, intensity = inputs_data["wordnet"], inputs_data["emolex"], inputs_data["intensity"]
    announce("linking terms, WordNet synsets and Plutchik's emotions")
    ontology = build_graph(wn, emolex.words, inputs_data["express"], intensity.scores,
                           inputs_data["stems"], inputs_data["expressions"], settings)
    announce("decomposing every term")
    records, unreached = infer_terms(ontology, settings)
    prune_unreached(ontology, unreached, records)
    plain = ontology.graph.graph.pop("plain_words", [])
    pairs = sum(len(v) for v in intensity.scores.values())
    inputs = {
        "wordnet": {"version": wn.get_version()},
        "nrc-emolex": {"version": emolex.version, "words": len(emolex)},
        "nrc-intensity": {"version": intensity.version, "words": len(intensity), "scores": pairs},
        "express": {"terms": len(inputs_data["express"]), "stems": len(inputs_data["stems"])},
        "curated": {"expressions": len(inputs_data["expressions"])},
        "unreached_terms": len(unreached),
        "connotation_terms": sum(1 for _, d in ontology.graph.nodes(data=True) if d.get("connotation")),
        "plain_words": len(plain),
        "parameters": settings.as_dict(),
    }
    target = Path(directory) if directory is not None else default_ontology_directory()
    ontology.metadata = {"inputs": inputs}
    announce(f"writing {target}")
    from .rdf import shipped_files  # the ontology as RDF, written once per build (issue 12)

    return save_ontology(ontology, terms_table(records), target, inputs, plain_words=plain,
                         extra_files=shipped_files(ontology, records))


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
