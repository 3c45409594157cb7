"""Loading the shipped ontology and detecting damaged files."""

import shutil

import pytest

from express_lexicon.decomposer import Lexicon
from express_lexicon.errors import OntologyError
from express_lexicon.ontology import data_directory, load_ontology, read_manifest
from express_lexicon.validate import CHECKS, validate_directory


@pytest.fixture
def copied(tmp_path):
    source = data_directory()  # the current build of the shipped ontology
    for name in ("graph.json.gz", "terms.tsv", "plain_words.txt.gz", "manifest.json"):
        shutil.copy(source / name, tmp_path / name)
    return tmp_path


def test_shipped_ontology_loads_without_wordnet():
    ontology = load_ontology()
    counts = ontology.counts()
    assert counts["nodes.term"] > 10000 and counts["nodes.synset"] > 3000
    manifest = read_manifest()
    assert manifest["inputs"]["wordnet"]["version"] == "3.0"
    assert manifest["terms"] == counts["nodes.term"]


def test_shipped_ontology_passes_every_check():
    assert validate_directory() == []


def test_truncated_terms_file_is_detected_with_rebuild_hint(copied):
    path = copied / "terms.tsv"
    path.write_bytes(path.read_bytes()[:-5000])
    with pytest.raises(OntologyError, match="express-lexicon build"):
        Lexicon(copied)


def test_corrupted_graph_is_detected(copied):
    path = copied / "graph.json.gz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(OntologyError, match="graph.json.gz"):
        load_ontology(copied)


def test_missing_files_are_reported(copied):
    (copied / "manifest.json").unlink()
    with pytest.raises(OntologyError, match="manifest.json"):
        Lexicon(copied)
    (copied / "terms.tsv").unlink()
    with pytest.raises(OntologyError, match="terms.tsv"):
        Lexicon(copied)


def test_validate_detects_a_broken_dyad(copied):
    from express_lexicon.ontology import parse_terms_line, read_terms_text
    from express_lexicon.validate import validate

    ontology = load_ontology(copied)
    ontology.graph.remove_edge("dyad:love", "emotion:trust", key="component")
    records = [parse_terms_line(line) for line in read_terms_text(copied).split("\n")[1:] if line]
    codes = {f.code for f in validate(ontology, records)}
    assert "E102" in codes and "E107" in codes
    with pytest.raises(KeyError, match="E999"):
        validate(ontology, records, select=["E999"])
    assert set(CHECKS) >= codes
