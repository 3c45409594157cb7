"""The ontology as linked data: export, import, SPARQL and the export/query commands.

A tiny WordNet-free ontology built over hostile term strings round-trips through every
RDF format; a subset of the shipped ontology (the EXPRESS vocabulary) shows that an
imported lexicon decomposes exactly as the original and carries the README's queries;
the shipped ``ontology.nt.gz`` is checked against what the lexicon's own mapping gives.
The whole shipped ontology is timed by ``benchmarks/bench_rdf.py``, not here.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, SKOS

import pyoxigraph as ox

from express_lexicon import rdf
from express_lexicon.build import build_graph, infer_terms, prune_unreached
from express_lexicon.cli import main
from express_lexicon.decomposer import Lexicon, default_lexicon
from express_lexicon.errors import ExpressLexiconError, OntologyError, ResourceFormatError, UnknownTermError
from express_lexicon.ontology import (RELATIONS, EmotionOntology, TermRecord, parse_terms_line, read_manifest,
                                     save_ontology, terms_table)
from express_lexicon.rdf import EXL, LIME, ONTOLEX, ONYX
from express_lexicon.rdf.export import _lexicon_records

FORMATS = list(rdf.FORMATS)

# rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

#: Terms a linked-data export must survive: spaces, quotes, characters illegal in IRIs,
#: "#", "%", emoji, combining marks, right-to-left letters, backslashes.
HOSTILE_TERMS = [
    "heart broken", 'say "cheese" sad', "it's sad", "a<b>c angry", "c#tag joy", "100% sad",
    "😢 sad", "café", "cafe\u0301 joy", "حزين", "עצוב joy", "back\\slash fear", "curly{brace} joy",
    "pipe|bar anger", "caret^hat fear", "tilde~x joy", "q?mark joy", "slash/sad joy", "x\u0338 fear",
    "niño triste sad",
]
EMOLEX = {
    "sad": ["sadness", "negative"], "joy": ["joy", "positive"], "angry": ["anger", "negative"],
    "fear": ["fear", "negative"], "broken": ["sadness", "negative"], "café": ["joy", "positive"],
    "حزين": ["sadness", "negative"], "100% sad": ["sadness"],
}
#: Characters each of which some fixture term key must contain.
HOSTILE_CHARS = [" ", '"', "'", "<", ">", "#", "%", "😢", "é", "ح", "ע", "\\", "{", "}", "|", "^", "~", "?",
                 "/", "\u0338", "ñ"]


@pytest.fixture(scope="module")
def fixture_ontology() -> tuple[EmotionOntology, list[TermRecord]]:
    ontology = build_graph(None, EMOLEX, HOSTILE_TERMS)
    records, unreached = infer_terms(ontology)
    prune_unreached(ontology, unreached)
    ontology.metadata = {"inputs": {"note": "hostile fixture ✓", "terms": len(HOSTILE_TERMS)}}
    return ontology, records


@pytest.fixture(scope="module")
def fixture_graph(fixture_ontology) -> Graph:
    return rdf.ontology_to_rdf(*fixture_ontology)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch) -> Path:
    """Every test's SPARQL stores go to a cache folder of its own, never the user's."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(rdf.CACHE_ENV, str(cache))
    return cache


@pytest.fixture(scope="module")
def fixture_build(fixture_ontology, tmp_path_factory) -> Path:
    """The hostile fixture saved as a build, with its ontology.nt.gz, as ``build`` saves one."""
    ontology, records = fixture_ontology
    folder = tmp_path_factory.mktemp("fixture-build")
    save_ontology(ontology, terms_table(records), folder, {"fixture": True},
                  extra_files=rdf.shipped_files(ontology, records))
    return folder


@pytest.fixture(scope="module")
def express_subset():
    """The shipped ontology restricted to the EXPRESS vocabulary (plus a few README terms)."""
    from express_lexicon.sources.express import express_terms

    lexicon = default_lexicon()
    keys = sorted(k for k in express_terms() if k in lexicon)
    keys += ["remorse", "terror", "terrified", "heartbroken", "sad", "grief", "awe", "alarm", "abandon"]
    return lexicon, keys, rdf.lexicon_to_rdf(lexicon, terms=keys)


def ntriples_graph(data: bytes) -> Graph:
    """The gzipped N-Triples ``data`` parsed by rdflib (the other engine)."""
    return Graph().parse(data=gzip.decompress(data).decode("utf-8"), format="nt")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


# -- identifiers ----------------------------------------------------------------------------


def test_fixture_really_is_hostile(fixture_ontology):
    keys = [r.key for r in fixture_ontology[1]]
    for char in HOSTILE_CHARS:
        assert any(char in key for key in keys), f"no fixture term contains {char!r}"


@pytest.mark.parametrize("name", ["heart broken", 'say "cheese"', "a<b>c", "c#tag", "100%", "😢", "حزين",
                                  "back\\slash", "x~y", "a/b", "ill_will.n.01", "e\u0301"])
def test_node_iris_are_plain_ascii_and_read_back(name):
    iri = rdf.node_iri(f"term:{name}")
    assert iri.isascii() and not re.search(r"[\s<>\"{}|^`\\#?~]", iri[len("https://"):])
    assert rdf.iri_node(iri) == f"term:{name}"


def test_foreign_iris_are_not_nodes():
    assert rdf.iri_node(URIRef("http://example.org/term/joy")) is None
    assert rdf.iri_node(URIRef(rdf.ID_BASE + "association/term_joy_names_emotion_joy")) is None
    assert rdf.iri_node(Literal("term:joy")) is None
    with pytest.raises(ValueError):
        rdf.node_iri("joy")


# -- round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_in_every_format(fixture_ontology, fixture_graph, fmt):
    ontology, records = fixture_ontology
    text = rdf.serialize(fixture_graph, fmt)
    parsed = Graph().parse(data=text, format=fmt)
    assert isomorphic(parsed, fixture_graph)
    imported, imported_records = rdf.ontology_from_rdf(parsed)
    assert imported.to_json() == ontology.to_json()
    assert terms_table(imported_records) == terms_table(records)
    assert isomorphic(rdf.ontology_to_rdf(imported, imported_records), fixture_graph)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_terms_are_valid_rdf_in_every_file_format(fixture_graph, fixture_ontology, tmp_path, fmt):
    path = tmp_path / f"fixture{rdf.FORMATS[fmt]}"
    assert rdf.write_rdf(fixture_graph, path, fmt) == len(fixture_graph)
    parsed = rdf.read_graph(path)
    labels = {str(o) for o in parsed.objects(None, ONTOLEX.writtenRep)}
    assert {r.key for r in fixture_ontology[1]} <= labels  # labels are literals, exactly as given
    if fmt == "nt":
        for line in path.read_text("utf-8").splitlines():
            for iri in re.findall(r"<([^>]*)>", line):
                assert iri.isascii() and " " not in iri


def test_imported_lexicon_decomposes_the_fixture_identically(fixture_ontology, fixture_graph):
    ontology, records = fixture_ontology
    original = Lexicon.from_text(terms_table(records))
    imported = rdf.lexicon_from_rdf(Graph().parse(data=rdf.serialize(fixture_graph, "nt"), format="nt"))
    assert imported.ontology.to_json() == ontology.to_json()
    terms = [r.key for r in records] + ["very sad", "not angry", "sad but joy", "caféé", "HEART-BROKEN"]
    for term in terms:
        assert imported.decompose(term).to_dict(evidence=True) == original.decompose(term).to_dict(evidence=True)


def test_shipped_sample_round_trips_and_decomposes_identically(express_subset, tmp_path):
    lexicon, keys, graph = express_subset
    path = tmp_path / "express.ttl"
    rdf.write_rdf(graph, path, "turtle")
    imported = rdf.lexicon_from_rdf(path)
    assert isomorphic(rdf.lexicon_to_rdf(imported), graph)
    sub, _ = rdf.subset(lexicon.ontology, _lexicon_records(lexicon), keys)
    assert imported.ontology.to_json() == sub.to_json()
    assert sorted(imported) == sorted(set(keys))
    for key in keys:
        assert imported.decompose(key).to_dict(evidence=True) == lexicon.decompose(key).to_dict(evidence=True)


def test_attributes_without_a_property_travel_as_json():
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("emotion:joy", name="joy", index=4, level=0.7, colour="#f7d117")
    graph.add_node("dyad:awe", name="awe", dyad_kind="primary", alt_labels=["zeta", "alarm"])
    graph.add_node("dyad:love", name="love", dyad_kind="primary", alt_labels=[])
    graph.add_node("term:odd", label="odd", origins=["wordnet", "express"], rank=3)
    graph.add_node("term:bare")
    graph.add_node("synset:odd.a.01", pos="a", lexname="adj.all", gloss="strange", extra=[1, 2])
    graph.add_edge("term:odd", "emotion:joy", key="evokes", relation="evokes", weight=0.123456789, source="mine")
    graph.add_edge("term:odd", "synset:odd.a.01", key="sense", relation="sense", weight=1.0, source="wordnet")
    ontology = EmotionOntology(graph, {"nested": {"a": [1, 2.5, None]}})
    records = [TermRecord("odd", (0.0,) * 4 + (0.123456789,) + (0.0,) * 5, "lexicon", 0.9,
                          (("term:odd", "evokes/mine", "emotion:joy"),), ("wordnet", "express")),
               TermRecord("ghost", (0.0,) * 10, "unknown", 0.0)]
    exported = rdf.ontology_to_rdf(ontology, records, schema=False)
    for fmt in FORMATS:
        parsed = Graph().parse(data=rdf.serialize(exported, fmt), format=fmt)
        imported, imported_records = rdf.ontology_from_rdf(parsed)
        assert imported.to_json() == ontology.to_json()
        assert imported_records == sorted(records, key=lambda r: r.key)


# -- vocabulary ------------------------------------------------------------------------------


def test_schema_file_is_current():
    committed = rdf.read_schema()
    assert isomorphic(committed, rdf.schema_graph()), (
        "ontology/schema.ttl is stale: python -c \"from express_lexicon.rdf import write_schema; write_schema()\"")


def test_every_vocabulary_term_is_defined_and_typos_fail():
    schema = rdf.schema_graph()
    for name in EXL.__annotations__:
        term = EXL[name]
        assert (term, SKOS.prefLabel, None) not in schema
        assert schema.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) is not None, name
        assert schema.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")) is not None, name
    for relation in RELATIONS:
        assert relation in rdf.RELATION_PREDICATES
    with pytest.raises(AttributeError):
        EXL.evoke  # noqa: B018
    with pytest.raises(AttributeError):
        ONYX.hasEmotionIntensty  # noqa: B018


def test_export_reuses_skos_onyx_ontolex_and_prov(express_subset):
    _, _, g = express_subset
    emotion = rdf.node_iri("emotion:joy")
    assert (emotion, RDF.type, ONYX.EmotionCategory) in g
    assert (rdf.PLUTCHIK_MODEL, ONYX.hasEmotionCategory, emotion) in g
    assert (emotion, SKOS.closeMatch, URIRef("http://purl.obolibrary.org/obo/MFOEM_000034")) in g
    assert (emotion, SKOS.closeMatch, URIRef(rdf.WNA_NS + "joy")) in g
    assert len(list(g.objects(rdf.SCHEME_IRI, SKOS.hasTopConcept))) == 8
    awe = rdf.node_iri("dyad:awe")
    assert (awe, SKOS.altLabel, Literal("alarm", lang="en")) in g
    remorse = rdf.node_iri("dyad:remorse")
    assert {(remorse, SKOS.related, rdf.node_iri(f"emotion:{e}")) for e in ("sadness", "disgust")} <= set(g)
    assert (rdf.node_iri("tier:ecstasy"), SKOS.broader, emotion) in g
    assert (rdf.node_iri("emotion:fear"), SKOS.related, rdf.node_iri("emotion:anger")) in g  # opposites
    entry = rdf.term_iri("heartbroken")
    assert (entry, RDF.type, ONTOLEX.LexicalEntry) in g and (rdf.LEXICON_IRI, LIME.entry, entry) in g
    synsets = list(g.objects(entry, ONTOLEX.evokes))
    assert synsets and all((s, SKOS.definition, None) in g for s in synsets)
    sense = next(g.objects(entry, ONTOLEX.sense))
    assert (sense, RDF.type, ONTOLEX.LexicalSense) in g and (sense, ONTOLEX.isLexicalizedSenseOf, None) in g
    # a weighted, sourced association is a resource of its own, next to the plain triple
    abandon = rdf.term_iri("abandon")  # EmoLex: fear, sadness, negative
    assert (abandon, EXL.evokes, rdf.node_iri("emotion:sadness")) in g
    associations = [a for a in g.subjects(RDF.subject, abandon)
                    if g.value(a, RDF.object) == rdf.node_iri("emotion:sadness")]
    assert all(g.value(a, RDF.predicate) == EXL.evokes for a in associations)
    assert all(g.value(a, EXL.weight).toPython() > 0 for a in associations)
    # the intensity lexicon's grade supersedes EmoLex's yes/no for the emotion...
    assert {g.value(a, PROV.wasDerivedFrom) for a in associations} == {URIRef(rdf.ID_BASE + "source/nrc-intensity")}
    # ... and EmoLex gives the sentiment: a plain triple, as its weight and source are the
    # defaults its relation states once
    negative = [a for a in g.subjects(RDF.subject, abandon) if g.value(a, RDF.object) == rdf.node_iri("sentiment:negative")]
    assert negative == [] and (abandon, EXL.evokes, rdf.node_iri("sentiment:negative")) in g
    assert g.value(EXL.evokes, EXL.defaultSource) == URIRef(rdf.ID_BASE + "source/nrc-emolex")
    assert g.value(EXL.evokes, EXL.defaultWeight).toPython() == 1
    # the decomposition is an Onyx emotion set
    dset = g.value(rdf.term_iri("grief"), ONYX.hasEmotionSet)
    assert (dset, RDF.type, ONYX.EmotionSet) in g
    categories = {g.value(e, ONYX.hasEmotionCategory) for e in g.objects(dset, ONYX.hasEmotion)}
    assert rdf.node_iri("emotion:sadness") in categories
    assert g.value(dset, EXL.tierConcept) == rdf.node_iri("tier:grief")


# -- decompositions ------------------------------------------------------------------------------


def test_decompositions_as_emotion_sets_in_every_format():
    lexicon = default_lexicon()
    decompositions = lexicon.decompose_many(["heartbroken", "Not happy", "qwertyuiop", "😢 ça"])
    graph = rdf.decompositions_to_rdf(decompositions)
    sets = set(graph.subjects(RDF.type, ONYX.EmotionSet))
    assert len(sets) == 4
    for fmt in FORMATS:
        assert isomorphic(Graph().parse(data=rdf.serialize(graph, fmt), format=fmt), graph)
    unknown = graph.value(rdf.term_iri("qwertyuiop"), ONYX.hasEmotionSet)
    assert str(graph.value(unknown, EXL.method)) == "unknown" and (unknown, ONYX.hasEmotion, None) not in graph
    negated = graph.value(rdf.term_iri("not happy"), ONYX.hasEmotionSet)
    assert str(graph.value(negated, ONYX.emotionText)) == "Not happy"
    assert Literal("not") in set(graph.objects(negated, EXL.modifier))
    assert (negated, EXL.matchedTerm, rdf.term_iri("happy")) in graph
    assert rdf.decompositions_to_rdf(decompositions[0]).isomorphic(
        rdf.decompositions_to_rdf([decompositions[0]]))
    with pytest.raises(TypeError):
        rdf.decompositions_to_rdf(["heartbroken"])


@pytest.mark.parametrize("args", [["heartbroken", "--rdf"], ["--rdf", "heartbroken"],
                                  ["--rdf", "--rdf-format=json-ld", "heartbroken"],
                                  ["heartbroken", "--rdf", "--rdf-format", "xml"]])
def test_decompose_rdf_command(args):
    result = run("decompose", *args)
    assert result.exit_code == 0, result.output
    fmt = "json-ld" if "--rdf-format=json-ld" in args else "xml" if "xml" in args else "turtle"
    graph = Graph().parse(data=result.output, format=fmt)
    assert (None, RDF.type, ONYX.EmotionSet) in graph


# -- the README's queries -------------------------------------------------------------------------

QUERY_FEAR_INTENSE = """
SELECT ?term ?fear ?method WHERE {
  ?set exl:tierConcept tier:terror ;
       exl:method ?method .
  ?entry onyx:hasEmotionSet ?set ;
         ontolex:canonicalForm/ontolex:writtenRep ?term .
  ?set onyx:hasEmotion [ onyx:hasEmotionCategory emotion:fear ;
                         onyx:hasEmotionIntensity ?fear ] .
}
ORDER BY DESC(?fear) ?term
"""
QUERY_REMORSE = """
SELECT DISTINCT ?term ?method WHERE {
  { ?entry exl:names dyad:remorse ;
           ontolex:canonicalForm/ontolex:writtenRep ?term }
  UNION
  { ?set exl:dyad dyad:remorse .
    ?entry onyx:hasEmotionSet ?set ;
           ontolex:canonicalForm/ontolex:writtenRep ?term }
  OPTIONAL { ?entry onyx:hasEmotionSet/exl:method ?method }
}
ORDER BY ?term
"""
QUERY_SADNESS_WORDNET = """
SELECT ?term ?sadness WHERE {
  {
    SELECT ?set WHERE {
      ?path exl:endsIn emotion:sadness .
      ?set exl:hasEvidence ?path .
      BIND (EXISTS { ?path exl:usesSource source:wordnet } AS ?throughWordNet)
    }
    GROUP BY ?set
    HAVING (MIN(?throughWordNet))
  }
  ?entry onyx:hasEmotionSet ?set ;
         ontolex:canonicalForm/ontolex:writtenRep ?term .
  ?set onyx:hasEmotion ?emotion .
  ?emotion onyx:hasEmotionCategory ?category ;
           onyx:hasEmotionIntensity ?sadness .
  FILTER (?category = emotion:sadness)
}
ORDER BY DESC(?sadness) ?term
"""


def _rows(result) -> list[dict[str, object]]:
    return result.to_python()


def test_readme_queries_on_the_shipped_ontology(express_subset):
    lexicon, _, graph = express_subset
    fear = _rows(rdf.query(QUERY_FEAR_INTENSE, graph))
    terms = {r["term"] for r in fear}
    assert {"terror", "terrified"} <= terms
    assert all(r["fear"] >= 0.85 and lexicon.decompose(r["term"]).dominant[0] == "fear" for r in fear)
    remorse = {r["term"] for r in _rows(rdf.query(QUERY_REMORSE, graph))}
    assert "remorse" in remorse
    assert all(lexicon.decompose(t).dyad == "remorse" or t == "remorse" for t in remorse)
    sad = {r["term"]: r["sadness"] for r in _rows(rdf.query(QUERY_SADNESS_WORDNET, graph))}
    assert "heartbroken" in sad and "sad" not in sad and "grief" not in sad
    assert all(lexicon.decompose(t).method in ("wordnet", "derivation", "phrase") for t in sad)


# -- query -----------------------------------------------------------------------------------------


def test_query_errors_are_clear(fixture_graph):
    with pytest.raises(rdf.QueryError, match="bad sparql query") as info:
        rdf.query("SELECT ?x WHERE { ?x a }", fixture_graph)
    assert isinstance(info.value, ExpressLexiconError)
    with pytest.raises(rdf.QueryError, match="empty"):
        rdf.query("   ", fixture_graph)
    with pytest.raises(rdf.QueryError, match="bad sparql query"):
        rdf.query("INSERT DATA { <a:b> <a:c> <a:d> }", fixture_graph)


def test_query_result_formats(fixture_graph):
    select = rdf.query("SELECT ?name WHERE { ?d a exl:Dyad ; skos:prefLabel ?name } ORDER BY ?name", fixture_graph)
    table = rdf.format_result(select, "table").splitlines()
    assert table[0].strip() == "name" and table[2] == "aggressiveness" and table[-1] == "(28 rows)"
    assert rdf.format_result(select, "csv").splitlines()[:2] == ["name", "aggressiveness"]
    data = json.loads(rdf.format_result(select, "json"))
    assert len(data["results"]["bindings"]) == 28
    iris = rdf.format_result(rdf.query("SELECT ?e WHERE { ?e a exl:BasicEmotion } ORDER BY ?e", fixture_graph))
    assert "emotion:anger" in iris
    assert rdf.format_result(rdf.query("ASK { dyad:awe skos:altLabel 'alarm'@en }", fixture_graph)) == "true"
    construct = rdf.query("CONSTRUCT { ?d skos:related ?e } WHERE { ?d a exl:Dyad ; skos:related ?e }", fixture_graph)
    assert len(Graph().parse(data=rdf.format_result(construct, "table"), format="turtle")) == 56
    with pytest.raises(ValueError):
        rdf.format_result(select, "yaml")


# -- files and errors ----------------------------------------------------------------------------------


def test_write_failure_leaves_no_partial_file(fixture_graph, tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    target.write_text("previous", encoding="utf-8")

    def broken(*args, destination=None, **kwargs):
        destination.write(b"@prefix half")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(fixture_graph, "serialize", broken)
    with pytest.raises(RuntimeError):
        rdf.write_rdf(fixture_graph, target, "turtle")
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]
    with pytest.raises(ExpressLexiconError, match="cannot write"):
        rdf.write_rdf(Graph(), tmp_path / "missing" / "x.ttl")
    with pytest.raises(ValueError):
        rdf.write_rdf(Graph(), tmp_path / "x.ttl", "yaml")


def test_reading_bad_files(tmp_path):
    with pytest.raises(OntologyError, match="no such"):
        rdf.read_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is < not turtle", encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="bad.ttl"):
        rdf.read_graph(bad)
    with pytest.raises(ResourceFormatError, match="suffix"):
        rdf.read_graph(tmp_path / "data.csv")
    empty = Graph()
    empty.add((URIRef("http://example.org/a"), RDF.type, SKOS.Concept))
    with pytest.raises(OntologyError, match="no express-lexicon ontology"):
        rdf.ontology_from_rdf(empty)


def test_subset_rejects_terms_outside_the_ontology():
    lexicon = default_lexicon()
    with pytest.raises(UnknownTermError, match="qwertyuiop"):
        rdf.lexicon_to_rdf(lexicon, terms=["joy", "qwertyuiop"])


# -- the commands ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_command_writes_a_parseable_subset(tmp_path, fmt):
    out = tmp_path / f"sub{rdf.FORMATS[fmt]}"
    result = run("export", "--format", fmt, "-o", str(out), "--terms", "heartbroken", "--terms", "Bittersweet")
    assert result.exit_code == 0, result.output
    assert "triples" in result.output
    imported = rdf.lexicon_from_rdf(out)
    assert sorted(imported) == ["bittersweet", "heartbroken"]
    assert imported.decompose("heartbroken").to_dict(evidence=True) == \
        default_lexicon().decompose("heartbroken").to_dict(evidence=True)


def test_export_command_to_stdout_and_without_schema():
    result = run("export", "--terms", "awe", "--no-schema")
    assert result.exit_code == 0
    graph = Graph().parse(data=result.output, format="turtle")
    assert (rdf.node_iri("dyad:awe"), SKOS.altLabel, Literal("alarm", lang="en")) in graph
    assert (EXL.Association, None, None) not in graph


def test_export_command_errors(tmp_path):
    result = run("export", "--format", "yaml", "--terms", "joy")
    assert result.exit_code == 2 and "yaml" in result.output
    for target in (tmp_path / "missing" / "x.ttl", tmp_path):
        result = run("export", "--terms", "joy", "-o", str(target))
        assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    result = run("export", "--terms", "qwertyuiop")
    assert result.exit_code == 1 and "not a term of the ontology" in result.output


@pytest.fixture(scope="module")
def subset_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rdf") / "some-terms.nt"
    graph = rdf.lexicon_to_rdf(terms=["remorse", "terror", "terrified", "heartbroken", "sad", "awe"])
    rdf.write_rdf(graph, path, "nt")
    return path


def test_query_command_formats(subset_file, tmp_path):
    result = run("query", "--data", str(subset_file), QUERY_REMORSE)
    assert result.exit_code == 0, result.output
    assert re.search(r"^remorse\s+theory$", result.output, re.M) and "(1 row)" in result.output
    result = run("query", "--data", str(subset_file), "--format", "csv", QUERY_FEAR_INTENSE)
    assert result.output.splitlines()[0] == "term,fear,method" and "terror," in result.output
    rq = tmp_path / "q.rq"
    rq.write_text(QUERY_SADNESS_WORDNET, encoding="utf-8")
    result = run("query", "--data", str(subset_file), "--file", str(rq), "--format", "json")
    terms = [b["term"]["value"] for b in json.loads(result.output)["results"]["bindings"]]
    assert "heartbroken" in terms


def test_query_command_errors(subset_file, tmp_path):
    result = run("query", "--data", str(subset_file), "SELECT ?x WHERE { ?x a }")
    assert result.exit_code == 1 and "bad sparql query" in result.output and "Traceback" not in result.output
    assert run("query").exit_code == 2
    rq = tmp_path / "q.rq"
    rq.write_text("ASK {}", encoding="utf-8")
    assert run("query", "--file", str(rq), "ASK {}").exit_code == 2
    result = run("query", "--file", str(tmp_path / "missing.rq"))
    assert result.exit_code == 1 and "missing.rq" in result.output
    result = run("query", "--data", str(tmp_path / "missing.ttl"), "ASK {}")
    assert result.exit_code == 1 and "missing.ttl" in result.output
    assert run("query", "--data", str(subset_file), "ASK { dyad:awe skos:altLabel 'alarm'@en }").output.strip() == "true"


# -- the build's RDF file and the lean associations -------------------------------------------------


def test_shipped_rdf_file_is_what_the_lexicons_own_mapping_exports():
    """ontology.nt.gz, written once by the build, holds exactly the triples that the RDF
    mapping gives for the shipped lexicon (graph and term table as loaded)."""
    from express_lexicon.ontology import data_directory

    manifest = read_manifest()
    assert rdf.RDF_FILE in manifest["digests"], (
        "the shipped ontology was built without ontology.nt.gz: rebuild it with `express-lexicon build`")
    shipped = (data_directory() / rdf.RDF_FILE).read_bytes()
    lexicon = default_lexicon()
    mine = rdf.ontology_ntriples(lexicon.ontology, _lexicon_records(lexicon))
    assert gzip.decompress(shipped) == gzip.decompress(mine)


def test_pyoxigraph_and_rdflib_write_the_same_triples(fixture_ontology, express_subset):
    ontology, records = fixture_ontology
    data = rdf.ontology_ntriples(ontology, records)
    assert set(ntriples_graph(data)) == set(rdf.ontology_to_rdf(ontology, records, schema=False))
    lexicon, keys, _ = express_subset
    sub, sub_records = rdf.subset(lexicon.ontology, _lexicon_records(lexicon), keys)
    data = rdf.ontology_ntriples(sub, sub_records)
    assert set(ntriples_graph(data)) == set(rdf.ontology_to_rdf(sub, sub_records, schema=False))
    # numbers keep the form they were written in (a store would make "1.0" into "1")
    assert b'"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in gzip.decompress(data)


def test_ntriples_are_deterministic_and_grouped_by_subject(fixture_ontology):
    ontology, records = fixture_ontology
    data = rdf.ontology_ntriples(ontology, records)
    reloaded = EmotionOntology.from_json(ontology.to_json())
    assert rdf.ontology_ntriples(reloaded, list(reversed(records))) == data
    assert data[4:8] == b"\0\0\0\0"  # gzip without a timestamp
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    subjects = [line.split(" ", 1)[0] for line in lines]
    runs = sum(1 for i, s in enumerate(subjects) if i == 0 or subjects[i - 1] != s)
    assert runs == len(set(subjects)) and len(lines) == len(set(lines))
    # what a build ships: the records as terms.tsv rounds them
    saved = [parse_terms_line(line) for line in terms_table(records).splitlines()[1:]]
    assert rdf.shipped_files(ontology, records) == {rdf.RDF_FILE: rdf.ontology_ntriples(reloaded, saved)}


def test_build_ships_the_rdf_beside_graph_and_terms(fixture_ontology, fixture_build):
    from express_lexicon.ontology import data_directory

    folder = data_directory(fixture_build)
    manifest = read_manifest(fixture_build)
    raw = (folder / rdf.RDF_FILE).read_bytes()
    assert manifest["stored"][rdf.RDF_FILE] == {"bytes": len(raw), "digest": manifest["digests"][rdf.RDF_FILE]}
    lexicon = Lexicon(fixture_build)
    assert raw == rdf.ontology_ntriples(lexicon.ontology, _lexicon_records(lexicon))
    with pytest.raises(ValueError, match="plain file name"):
        save_ontology(*fixture_ontology[:1], "", fixture_build, {}, extra_files={"../x": b""})
    with pytest.raises(ValueError, match="plain file name"):
        save_ontology(*fixture_ontology[:1], "", fixture_build, {}, extra_files={"terms.tsv": b""})


def test_only_edges_with_a_weight_or_source_of_their_own_are_reified(fixture_ontology, fixture_graph):
    ontology, _ = fixture_ontology
    defaults = rdf.edge_defaults(ontology)
    assert defaults["evokes"] == (1.0, "nrc-emolex") and "intensity_of" not in defaults  # tier levels differ
    g = fixture_graph
    predicates = {p: r for r, p in rdf.RELATION_PREDICATES.items()}
    reified = {(rdf.iri_node(g.value(a, RDF.subject)), predicates[g.value(a, RDF.predicate)],
                rdf.iri_node(g.value(a, RDF.object))) for a in g.subjects(RDF.type, EXL.Association)}
    for u, v, relation, data in ontology.graph.edges(keys=True, data=True):
        assert (rdf.node_iri(u), rdf.RELATION_PREDICATES[relation], rdf.node_iri(v)) in g
        assert ((u, relation, v) in reified) == (defaults.get(relation) != (data["weight"], data["source"]))
    for relation, (weight, source) in defaults.items():
        assert float(g.value(rdf.RELATION_PREDICATES[relation], EXL.defaultWeight)) == weight
        assert g.value(rdf.RELATION_PREDICATES[relation], EXL.defaultSource) == URIRef(rdf.ID_BASE + f"source/{source}")


def test_lean_edges_read_back_exactly_and_senses_stay_reified():
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("emotion:joy", name="joy", index=4, level=0.7)
    graph.add_node("synset:glad.a.01", pos="a")
    for name in ("glad", "happy", "merry", "jolly"):
        graph.add_node(f"term:{name}", label=name, origins=["nrc-emolex"])
    for name in ("glad", "happy", "merry"):  # EmoLex's yes/no: one weight, the relation's default
        graph.add_edge(f"term:{name}", "emotion:joy", key="evokes", relation="evokes", weight=1.0, source="nrc-emolex")
    graph.add_edge("term:jolly", "emotion:joy", key="evokes", relation="evokes", weight=0.61, source="nrc-intensity")
    graph.add_edge("term:glad", "synset:glad.a.01", key="sense", relation="sense", weight=1.0, source="wordnet")
    ontology = EmotionOntology(graph)
    assert rdf.edge_defaults(ontology) == {"evokes": (1.0, "nrc-emolex")}
    exported = rdf.ontology_to_rdf(ontology, [], schema=False)
    associations = set(exported.subjects(RDF.type, EXL.Association))
    assert len(associations) == 2  # jolly's graded edge and the sense
    assert any((a, RDF.type, ONTOLEX.LexicalSense) in exported for a in associations)
    for fmt in FORMATS:
        parsed = Graph().parse(data=rdf.serialize(exported, fmt), format=fmt)
        assert rdf.ontology_from_rdf(parsed)[0].to_json() == ontology.to_json()
    exported.remove((EXL.evokes, EXL.defaultSource, None))
    with pytest.raises(OntologyError, match="default weight or source but not both"):
        rdf.ontology_from_rdf(exported)


# -- exporting the whole ontology -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_streams_the_build_in_every_format(fixture_build, tmp_path, fmt):
    out = tmp_path / f"whole{rdf.FORMATS[fmt]}"
    count = rdf.export_ontology(out, fmt, directory=fixture_build)
    parsed = Graph().parse(str(out), format=fmt)
    expected = rdf.lexicon_to_rdf(Lexicon(fixture_build))
    assert set(parsed) == set(expected) and count == len(expected)
    if fmt == "nt":  # literals exactly as the build wrote them
        assert '"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in out.read_text("utf-8")
    without = rdf.export_ontology(tmp_path / f"no-schema{rdf.FORMATS[fmt]}", fmt, schema=False, directory=fixture_build)
    assert without == count - len(rdf.schema_graph())


def test_export_command_streams_the_whole_shipped_ontology(tmp_path):
    out = tmp_path / "whole.ttl"
    result = run("export", "-o", str(out))
    assert result.exit_code == 0, result.output
    count = int(re.search(r"wrote ([\d,]+) triples", result.output).group(1).replace(",", ""))
    assert sum(1 for _ in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)) == count > 500_000
    result = run("export", "-o", str(tmp_path / "missing" / "whole.ttl"))
    assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output


# -- the SPARQL store -------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"


def test_the_store_is_built_once_into_the_cache_and_then_read_only(fixture_build, private_cache):
    store = rdf.shipped_store(fixture_build)
    stores = [p for p in private_cache.iterdir() if p.is_dir()]
    assert len(stores) == 1 and stores[0].name.startswith("sparql-")
    assert not [p for p in private_cache.iterdir() if p.name.endswith(".tmp")]
    expected = rdf.export_ontology(private_cache.parent / "x.nt", "nt", directory=fixture_build)
    assert rdf.query(COUNT, store).to_python() == [{"triples": expected}]
    with pytest.raises((OSError, RuntimeError), match="read-write"):
        store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
    assert rdf.shipped_store(fixture_build) is store  # kept for the process


def test_two_first_queries_at_once_share_one_store(fixture_build, private_cache):
    code = ("import sys; from express_lexicon.rdf import query, shipped_store; "
            f"print(query({COUNT!r}, shipped_store(sys.argv[1])).to_python()[0]['triples'])")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(fixture_build)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env={**os.environ, rdf.CACHE_ENV: str(private_cache)})
             for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert len({out.strip() for out, _ in outputs}) == 1
    assert [p.name.startswith("sparql-") for p in private_cache.iterdir() if p.is_dir()] == [True]
    assert not [p for p in private_cache.iterdir() if p.name.endswith(".tmp")]


def test_query_command_over_the_shipped_ontology(private_cache):
    result = run("query", "--format", "csv", COUNT)
    assert result.exit_code == 0, result.output
    assert int(result.output.splitlines()[1]) > 500_000
    if rdf.RDF_FILE in read_manifest()["digests"]:  # else an older build: its RDF is computed, in memory
        assert [p.name[:7] for p in private_cache.iterdir() if p.is_dir()] == ["sparql-"]
    result = run("query", QUERY_REMORSE)
    assert result.exit_code == 0 and re.search(r"^remorse\s+theory$", result.output, re.M)


@pytest.mark.parametrize("suffix", [".ttl", ".nt.gz", ".jsonld", ".rdf", ".owl"])
def test_query_data_in_every_format(subset_file, tmp_path, suffix):
    graph = rdf.read_graph(subset_file)
    path = tmp_path / f"data{suffix}"
    fmt = {".ttl": "turtle", ".nt.gz": "nt", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}[suffix]
    text = rdf.serialize(graph, fmt).encode("utf-8")
    path.write_bytes(gzip.compress(text) if suffix.endswith(".gz") else text)
    rows = rdf.query(QUERY_FEAR_INTENSE, path).to_python()
    assert rows == rdf.query(QUERY_FEAR_INTENSE, subset_file).to_python() and rows
    result = run("query", "--data", str(path), "--format", "csv", QUERY_FEAR_INTENSE)
    assert result.exit_code == 0 and "terror," in result.output


def test_query_result_objects(fixture_graph):
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o)))
                 for s, p, o in fixture_graph.triples((None, SKOS.related, None)))
    select = rdf.query("SELECT ?d ?e WHERE { ?d skos:related ?e } ORDER BY ?d ?e LIMIT 2", store)
    assert select.type == "SELECT" and select.vars == ("d", "e") and len(select) == 2
    assert isinstance(list(select)[0][0], ox.NamedNode) and select.bindings[0]["d"] == select.rows[0][0]
    assert select.to_python()[0]["d"].startswith(rdf.ID_BASE)
    ask = rdf.query("ASK { dyad:awe skos:related emotion:fear }", store)
    assert ask.type == "ASK" and ask.answer is True and bool(ask)
    assert not rdf.query("ASK { dyad:awe skos:related emotion:joy }", store)
    construct = rdf.query("CONSTRUCT { ?e skos:related ?d } WHERE { ?d skos:related ?e }", store)
    assert construct.type == "CONSTRUCT" and len(construct.triples) == len(construct) > 0
    assert rdf.query("DESCRIBE dyad:awe", store).type == "DESCRIBE"
    optional = rdf.query("SELECT ?d ?x WHERE { ?d skos:related emotion:fear OPTIONAL { ?d rdfs:label ?x } }", store)
    assert all(row[1] is None for row in optional.rows) and all("x" not in b for b in optional.bindings)
    # a result of rdflib's own engine still formats
    assert "aggressiveness" in rdf.format_result(fixture_graph.query(
        "SELECT ?n WHERE { ?d a <https://w3id.org/express-lexicon/ns#Dyad> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"))


# -- nothing from the network, no entity bombs --------------------------------------------------------


@pytest.fixture
def listener():
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)

    def connected() -> bool:
        try:
            server.accept()[0].close()
            return True
        except BlockingIOError:
            return False

    yield f"http://127.0.0.1:{server.getsockname()[1]}/", connected
    server.close()


def test_service_clauses_are_refused_before_anything_is_sent(fixture_graph, listener):
    url, connected = listener
    for sparql in (f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
                   f"select * {{ service silent <{url}sparql> {{ ?s ?p ?o }} }}",
                   f"SELECT * WHERE {{ \\u0053ERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
                   f"SELECT * WHERE {{ ?s ?p ?o . SERVICE ?endpoint {{ ?s ?p ?o }} VALUES ?endpoint {{ <{url}> }} }}",
                   f"SELECT * WHERE {{ ?s ?p ?o.SERVICE <{url}> {{ ?s ?p ?o }} }}"):
        with pytest.raises(rdf.QueryError, match="SERVICE"):
            rdf.query(sparql, fixture_graph)
        result = run("query", "--data", str(Path(__file__)), sparql)  # refused before the file is read
        assert result.exit_code == 1 and "SERVICE" in result.output
    assert not connected()
    # the word elsewhere is fine: a variable, a string, a comment, an IRI
    sparql = ('SELECT ?service WHERE { ?service skos:prefLabel ?n FILTER (?n != "SERVICE") '
              f'FILTER (?service != <{url}SERVICE>) }} # SERVICE')
    assert len(rdf.query(sparql, fixture_graph)) > 0


def test_remote_jsonld_contexts_are_never_fetched(tmp_path, listener):
    url, connected = listener
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": f"{url}context.jsonld", "@id": "http://example.org/a",
                                "name": "x"}), encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="never fetches remote contexts"):
        rdf.query("ASK {}", path)
    with pytest.raises(ResourceFormatError, match="never fetches remote contexts"):
        rdf.read_graph(path)
    result = run("query", "--data", str(path), "ASK {}")
    assert result.exit_code == 1 and "remote.jsonld" in result.output and "Traceback" not in result.output
    assert not connected()


def _xml(doctype: str, body: str) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{doctype}\n]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
            f'<rdf:Description rdf:about="http://example.org/a">{body}</rdf:Description>\n</rdf:RDF>\n')


def test_xml_entity_expansion_is_capped(tmp_path, listener):
    url, connected = listener
    laughs = "\n".join(['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 11)])
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_xml(laughs, "<ex:p>&l10;</ex:p>"), encoding="utf-8")
    for attempt in (lambda: rdf.query("ASK {}", bomb), lambda: rdf.read_graph(bomb)):
        with pytest.raises(ResourceFormatError, match="would expand to more than"):
            attempt()
    external = tmp_path / "external.rdf"
    external.write_text(_xml(f'<!ENTITY x SYSTEM "{url}x.txt">', "<ex:p>&x;</ex:p>"), encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="external XML entity"):
        rdf.query("ASK {}", external)
    assert not connected()
    recursive = tmp_path / "recursive.rdf"
    recursive.write_text(_xml('<!ENTITY a "&b;">\n<!ENTITY b "&a;">', "<ex:p>&a;</ex:p>"), encoding="utf-8")
    with pytest.raises(ResourceFormatError, match="refers to itself"):
        rdf.query("ASK {}", recursive)
    fine = tmp_path / "fine.rdf"  # entities as OWL files use them for namespaces
    fine.write_text(_xml('<!ENTITY ex "http://example.org/">', '<ex:p rdf:resource="&ex;b"/>'), encoding="utf-8")
    assert rdf.query("ASK { <http://example.org/a> <http://example.org/p> <http://example.org/b> }", fine)
