"""The README's Python examples and the modules' docstring examples run as written."""

import doctest
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.skipif(not README.exists(), reason="README.md is not next to the tests")
def test_readme_examples():
    result = doctest.testfile(str(README), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 5 and result.failed == 0


@pytest.mark.parametrize("module", ["express_lexicon", "express_lexicon.decomposer", "express_lexicon.scoring",
                                    "express_lexicon.robustness"])
def test_docstring_examples(module):
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def _readme_test_command() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("Run the tests"):]
    block = section[section.index("```\n") + 4:]
    return block[: block.index("\n```")].strip()


@pytest.mark.skipif(not README.exists(), reason="README.md is not next to the tests")
def test_readme_test_command_is_one_line_that_sets_itself_up_and_ci_runs_it():
    command = _readme_test_command()
    assert "\n" not in command
    assert command.startswith("python3 -m venv ") and 'pip install -q ".[test]"' in command
    assert command.endswith("pytest")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert f"TEST_COMMAND='{command}'" in ci and 'bash -c "$TEST_COMMAND"' in ci


@pytest.mark.skipif(not README.exists(), reason="README.md is not next to the tests")
def test_readme_says_how_to_run_the_skipped_tests():
    # The variable the fixtures read (conftest.py cannot be imported under importlib mode).
    conftest = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")
    REFERENCE_ENV = "EXPRESS_REFERENCE_DIR"
    assert f'REFERENCE_ENV = "{REFERENCE_ENV}"' in conftest
    text = README.read_text(encoding="utf-8")
    start = text.index("Run the tests")
    section = text[start:text.index("## Python", start)]
    assert REFERENCE_ENV in section and "EXPRESS_LEXICON_REQUIRE_WORDNET" in section
    assert "wordnet-base" in section and "nltk.downloader wordnet" in section
