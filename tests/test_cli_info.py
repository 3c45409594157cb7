"""``express-lexicon info`` and ``express-lexicon labels``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from express_lexicon._version import __version__
from express_lexicon.cli import main
from express_lexicon.sources import installation_info, nrc


@pytest.fixture(autouse=True)
def _no_user_nrc_files(monkeypatch):
    for env in nrc.NRC_ENV_VARS.values():
        monkeypatch.delenv(env, raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --- info -------------------------------------------------------------------------------------


def test_info_text() -> None:
    code, out, _ = run("info")
    assert code == 0
    assert f"express-lexicon {__version__}" in out
    assert "8 basic emotions, 24 tier names, 28 dyads" in out
    assert "emolex" in out and "words" in out
    assert "EXPRESS_LEXICON_EMOLEX: unset" in out
    assert "ontology" in out


def test_info_json_has_stable_keys() -> None:
    code, out, _ = run("info", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"version", "python", "theory", "wordnet", "emolex", "intensity", "nrc_files", "express_vocabulary", "ontology"}
    assert data["version"] == __version__
    assert data["theory"]["emotions"] == 8
    assert data["theory"]["tier_names"] == 24
    assert data["theory"]["dyads"] == 28
    assert data["theory"]["dyads_by_kind"] == {"primary": 8, "secondary": 8, "tertiary": 8, "opposite": 4}
    assert data["emolex"]["words"] > 6000
    assert data["emolex"]["words_with_emotion"] <= data["emolex"]["words"]
    assert set(data["nrc_files"]) == {"emolex", "intensity", "vad"}
    assert data["express_vocabulary"]["entries"] >= 684
    assert isinstance(data["ontology"]["built"], bool)
    assert isinstance(data["wordnet"]["found"], bool)


def test_info_reports_wordnet_when_found(tmp_nltk_data, fake_wordnet_dir, tmp_cache, monkeypatch) -> None:
    monkeypatch.setenv("EXPRESS_LEXICON_WORDNET", str(fake_wordnet_dir))
    code, out, _ = run("info")
    assert code == 0
    assert f"WordNet 3.0 at {fake_wordnet_dir.resolve()} (env)" in out
    data = json.loads(run("info", "--json")[1])
    assert data["wordnet"]["origin"] == "env" and data["wordnet"]["version"] == "3.0"


def test_info_without_wordnet_prints_the_install_hint(no_wordnet) -> None:
    code, out, _ = run("info")
    assert code == 0
    assert "NOT FOUND" in out
    assert "apt-get install wordnet-base wordnet-sense-index" in out
    assert "python -m nltk.downloader wordnet" in out
    data = json.loads(run("info", "--json")[1])
    assert data["wordnet"]["found"] is False
    assert "nltk.downloader" in data["wordnet"]["install_hint"]


def test_info_reports_user_nrc_files(tmp_path, monkeypatch) -> None:
    lexicon = tmp_path / "emolex.txt"
    lexicon.write_text("joyful\tjoy\t1\njoyful\tpositive\t1\ncalm\tjoy\t0\n", encoding="utf-8")
    monkeypatch.setenv(nrc.EMOLEX_ENV, str(lexicon))
    monkeypatch.setenv(nrc.VAD_ENV, str(tmp_path / "missing-vad.txt"))
    data = installation_info()
    assert data["nrc_files"]["emolex"]["status"] == "found"
    assert data["nrc_files"]["vad"]["status"] == "missing"
    assert data["nrc_files"]["intensity"]["status"] == "unset"
    assert data["emolex"]["words"] == 2 and data["emolex"]["words_with_emotion"] == 1
    assert str(lexicon) in data["emolex"]["source"]
    code, out, _ = run("info")
    assert code == 0
    assert f"EXPRESS_LEXICON_VAD: missing {tmp_path / 'missing-vad.txt'}" in out


def test_info_survives_a_broken_emolex_file(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("joyful\tjoy\n", encoding="utf-8")
    monkeypatch.setenv(nrc.EMOLEX_ENV, str(broken))
    code, out, _ = run("info")
    assert code == 0
    assert "emolex" in out and "ERROR" in out and "line 1" in out
    assert "line 1" in installation_info()["emolex"]["error"]


def test_info_reports_the_built_ontology(monkeypatch) -> None:
    onto = installation_info()["ontology"]
    assert onto["built"] is True and onto["terms"] > 5000 and onto["edges"] > onto["terms"]
    assert f"{onto['terms']:,} terms" in run("info")[1]

    from express_lexicon import ontology
    from express_lexicon.errors import OntologyError

    def missing(directory=None):
        raise OntologyError("the built ontology has no readable manifest.json")

    monkeypatch.setattr(ontology, "read_manifest", missing)
    broken = installation_info()["ontology"]
    assert broken["built"] is False and "manifest.json" in broken["error"]
    assert "manifest.json" in run("info")[1]


def test_info_runs_as_a_module_and_does_not_load_wordnet() -> None:
    code = (
        "import sys\n"
        "from express_lexicon.cli import main\n"
        "try:\n"
        "    main(['info', '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "from express_lexicon.sources import wordnet\n"
        "assert not wordnet._readers, 'info loaded WordNet'\n"
        "assert 'textblob' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["theory"]["dyads"] == 28


# --- labels -----------------------------------------------------------------------------------


@pytest.fixture
def express_csv(tmp_path: Path) -> Path:
    path = tmp_path / "express.csv"
    path.write_text(
        "id,text,labels,number_of_labels\n"
        "1,\"I was [MASK] and [MASK]\",\"['happy', 'scared']\",2\n"
        "2,\"so [MASK]\",\"['happy']\",1\n"
        "3,\"[MASK]\",\"['anxious']\",1\n"
        "4,\"[MASK] [MASK]\",\"['anxious', 'happy']\",2\n",
        encoding="utf-8",
    )
    return path


def test_labels_prints_counts_most_frequent_first(express_csv) -> None:
    code, out, err = run("labels", str(express_csv))
    assert code == 0
    assert out.splitlines() == ["3\thappy", "2\tanxious", "1\tscared"]
    assert "3 distinct labels, 6 in all" in err


def test_labels_json(express_csv) -> None:
    code, out, _ = run("labels", str(express_csv), "--json")
    assert code == 0
    data = json.loads(out)
    assert data == {
        "file": str(express_csv),
        "column": "labels",
        "distinct": 3,
        "total": 6,
        "labels": [
            {"label": "happy", "count": 3},
            {"label": "anxious", "count": 2},
            {"label": "scared", "count": 1},
        ],
    }


def test_labels_bad_row_is_a_clean_error(tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("labels\n\"['happy']\"\nnot a list\n", encoding="utf-8")
    code, out, err = run("labels", str(path))
    assert code == 1
    assert out == ""
    assert err.startswith("error: ") and "row 2" in err and "Traceback" not in err


def test_labels_missing_file_is_a_clean_error(tmp_path) -> None:
    code, _, err = run("labels", str(tmp_path / "nope.csv"))
    assert code == 1 and "no such file" in err
