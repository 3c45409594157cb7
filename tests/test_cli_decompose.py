"""The decompose, terms, compare, build and validate commands, as a user runs them."""

import csv
import io
import json

from click.testing import CliRunner

from express_lexicon.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_decompose_table_shows_dyad_tier_method_and_bars():
    result = run("decompose", "bittersweet")
    assert result.exit_code == 0
    assert "bittersweetness (joy + sadness)" in result.output
    assert "method      expression" in result.output and "█" in result.output


def test_decompose_explain_shows_evidence_with_sources():
    result = run("decompose", "--explain", "heartbroken")
    assert result.exit_code == 0
    assert "evidence" in result.output and "[wordnet]" in result.output and "grief" in result.output


def test_decompose_json_and_csv():
    result = run("decompose", "--json", "grief", "not happy")
    data = json.loads(result.output)
    assert [d["term"] for d in data] == ["grief", "not happy"]
    assert data[0]["tier"] == "intense" and data[1]["method"] == "negation"
    rows = list(csv.DictReader(io.StringIO(run("decompose", "--csv", "joy", "awe").output)))
    assert rows[0]["joy"] == "0.7" and rows[1]["dyad"] == "awe"


def test_decompose_reads_stdin():
    result = run("decompose", "--json", "-", input="joy\n\nrage\n")
    assert [d["term"] for d in json.loads(result.output)] == ["joy", "rage"]


def test_decompose_bad_input_names_it_and_exits_nonzero():
    result = run("decompose", "joy", "sad\x07")
    assert result.exit_code == 1
    assert "argument 2" in result.output and "U+0007" in result.output
    assert "Traceback" not in result.output
    result = run("decompose", "-", input=b"joy\n\xff\xfe\n")
    assert result.exit_code != 0 and "line 2" in result.output and "UTF-8" in result.output


def test_decompose_strict_fails_on_unknown():
    assert run("decompose", "qwertyuiop").exit_code == 0
    result = run("decompose", "--strict", "qwertyuiop")
    assert result.exit_code == 1 and "unknown emotion term" in result.output


def test_terms_filters_and_errors():
    result = run("terms", "--dyad", "remorse", "--limit", "5")
    assert result.exit_code == 0 and result.output.strip()
    result = run("terms", "--emotion", "blorp")
    assert result.exit_code == 2 and "blorp" in result.output


def test_compare_command():
    result = run("compare", "--json", "nostalgic", "bittersweet")
    data = json.loads(result.output)
    assert data["gold"] == "bittersweet" and 0 <= data["wheel_similarity"] <= 1
    assert "gold" in run("compare", "sad", "grief").output


def test_validate_command_passes_on_shipped_ontology():
    result = run("validate")
    assert result.exit_code == 0 and "0 errors" in result.output
    assert run("validate", "--select", "E999").exit_code == 2


def test_missing_ontology_directory_is_a_clean_error(tmp_path):
    result = run("validate", "--dir", str(tmp_path))
    assert result.exit_code == 1 and "express-lexicon build" in result.output
    assert "Traceback" not in result.output


def test_decompose_table_has_no_trailing_spaces_on_either_path():
    """Zero-length bars used to leave 'anger        0.00 ' with a space at the end."""
    import subprocess
    import sys

    slow = run("decompose", "awe", "qwertyuiop", "--explain")
    fast = subprocess.run([sys.executable, "-c", "from express_lexicon._entry import run; run()",
                           "decompose", "awe", "joy"], capture_output=True, text=True)
    assert slow.exit_code == 0 and fast.returncode == 0
    for text in (slow.output, fast.stdout):
        assert "anger" in text
        assert [line for line in text.splitlines() if line != line.rstrip()] == []
