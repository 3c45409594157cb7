"""The command line's help and its refusal of contradictory options (issue 14)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from express_lexicon.cli import main


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), terminal_width=80)


def test_top_level_help_shows_whole_summaries():
    out = invoke("--help").output
    commands = out[out.index("Commands:"):].splitlines()[1:]
    assert len(commands) == len(main.commands)
    for line in commands:
        name, summary = line.split(None, 1)
        assert not summary.endswith("..."), line
        assert summary == main.commands[name].get_short_help_str(limit=1000), line


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_help_has_an_example(command):
    out = invoke(command, "--help").output
    assert "Example" in out, command
    examples = [li.strip() for li in out.splitlines() if li.strip().startswith("express-lexicon ")]
    assert examples and all(ex.split()[1] == command for ex in examples), command


@pytest.mark.parametrize("args, message", [
    (["decompose", "joy", "--json", "--csv"], "choose one of --json, --csv and --rdf"),
    (["decompose", "joy", "--rdf", "--json"], "choose one of --json, --csv and --rdf"),
    (["decompose", "joy", "--rdf-format", "json-ld"], "--rdf-format needs --rdf"),
    (["decompose", "joy", "--rdf-format", "turtle", "--json"], "--rdf-format needs --rdf"),
    (["decompose", "joy", "--explain", "--csv"], "--explain shows evidence in the table or in --json"),
])
def test_contradictory_options_are_usage_errors(args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_compatible_options_still_work(tmp_path):
    assert invoke("decompose", "joy", "--rdf", "--rdf-format", "nt").exit_code == 0
    assert invoke("decompose", "joy", "--explain", "--json").exit_code == 0
    picture = tmp_path / "joy.svg"
    result = invoke("decompose", "joy", "--json", "--plot", str(picture))
    assert result.exit_code == 0 and picture.exists() and '"term": "joy"' in result.output


def test_evaluate_json_with_csv_is_a_usage_error(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("gold,predicted\njoy,joy\n", encoding="utf-8")
    result = invoke("evaluate", str(path), "--json", "--csv")
    assert result.exit_code == 2 and "choose one of --json and --csv" in result.output
