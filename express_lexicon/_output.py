"""Output that is safe for the terminal, for JSON readers and for spreadsheets.

Data from users' files (gold and predicted words, paths, SPARQL results over an RDF file)
must never drive a terminal or a spreadsheet:

- **text** for a terminal goes through :func:`terminal_text`: control, format and other
  non-printable characters are shown as Python escapes (``\\x1b``), line by line, so an
  escape sequence cannot clear the screen, set a window title or colour the output;
- **JSON** (and Turtle) goes through :func:`escape_controls` (or :func:`dumps`): C0 and C1
  control characters, DEL, the bidirectional overrides and isolates
  (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) and the line/paragraph separators
  (U+2028/9) are written as ``\\uXXXX`` escapes -- the same data for a JSON parser, and
  nothing raw for a terminal that shows the file (a file name that is not UTF-8 keeps
  going out as the bytes it came in as);
- **CSV cells** go through :func:`csv_cell`: non-printable characters escaped as for the
  terminal, and a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a leading ``'`` (OWASP's advice against CSV formula injection), so that a
  spreadsheet shows the text instead of evaluating it. Numbers the project computes are
  written as numbers (``-0.25`` stays a number); ``raw=True`` (the CLI's ``--raw-csv``)
  writes every cell exactly as it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .text import printable

__all__ = ["FORMULA_STARTS", "escape_controls", "dumps", "terminal_text", "csv_cell", "csv_row"]

#: First characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2028\u2029\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every character that could drive a terminal written as ``\\uXXXX``
    (newlines, tabs and carriage returns are kept: in JSON and Turtle they can only be
    structure, inside strings the serialisers have escaped them already)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """``json.dumps`` (UTF-8 text, not ASCII escapes) with :func:`escape_controls` applied."""
    return escape_controls(json.dumps(data, indent=indent, ensure_ascii=False))


def terminal_text(text: str) -> str:
    """``text`` with non-printable characters escaped line by line (the line breaks stay)."""
    if text.isprintable():
        return text
    return "\n".join(printable(line) for line in text.split("\n"))


def csv_cell(value: Any, raw: bool = False) -> Any:
    """One CSV cell made safe (see the module docstring); non-strings pass unchanged."""
    if raw or not isinstance(value, str):
        return value
    text = printable(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(values: Any, raw: bool = False) -> list[Any]:
    """:func:`csv_cell` of every value of a row."""
    return [csv_cell(v, raw) for v in values]
