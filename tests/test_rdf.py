"""The ontology as linked data: export, import, SPARQL and the export/query commands.

A tiny WordNet-free ontology built over hostile term strings round-trips through every
RDF format; a subset of the shipped ontology (the EXPRESS vocabulary) shows that an
imported lexicon decomposes exactly as the original and carries the README's queries.
The whole shipped ontology is measured by ``benchmarks/bench_rdf.py``, not here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, SKOS

from express_lexicon import rdf
from express_lexicon.build import build_graph, infer_terms, prune_unreached
from express_lexicon.cli import main
from express_lexicon.decomposer import Lexicon, default_lexicon
from express_lexicon.errors import ExpressLexiconError, OntologyError, ResourceFormatError, UnknownTermError
from express_lexicon.ontology import RELATIONS, EmotionOntology, TermRecord, terms_table
from express_lexicon.rdf import EXL, LIME, ONTOLEX, ONYX

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


@pytest.fixture(scope="module")
def express_subset():
    """The shipped ontology restricted to the EXPRESS vocabulary (plus a few README terms)."""
    from express_lexicon.sources.express import express_terms

    lexicon = default_lexicon()
    keys = sorted(k for k in express_terms() if k in lexicon)
    keys += ["remorse", "terror", "terrified", "heartbroken", "sad", "grief", "awe", "alarm", "abandon"]
    return lexicon, keys, rdf.lexicon_to_rdf(lexicon, terms=keys)


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
    sub, _ = rdf.subset(lexicon.ontology, rdf._lexicon_records(lexicon), keys)
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
    # ... and EmoLex gives the sentiment
    negative = [a for a in g.subjects(RDF.subject, abandon) if g.value(a, RDF.object) == rdf.node_iri("sentiment:negative")]
    assert {g.value(a, PROV.wasDerivedFrom) for a in negative} == {URIRef(rdf.ID_BASE + "source/nrc-emolex")}
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
  { ?entry exl:names dyad:remorse }
  UNION
  { ?set exl:dyad dyad:remorse . ?entry onyx:hasEmotionSet ?set }
  ?entry ontolex:canonicalForm/ontolex:writtenRep ?term .
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
    return [{str(k): v.toPython() for k, v in row.asdict().items()} for row in result]


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
