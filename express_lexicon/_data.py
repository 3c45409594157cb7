"""Read the versioned data files shipped inside the package.

Every shipped file starts with ``# express-lexicon resource: NAME vN``; the reader checks
that line so that a file from another version (or a truncated one) fails loudly instead
of silently giving wrong numbers.
"""

from __future__ import annotations

import csv
import io
from importlib.util import find_spec
from pathlib import Path

from .errors import ResourceFormatError

RESOURCE_PACKAGE = "express_lexicon.resources"
ONTOLOGY_PACKAGE = "express_lexicon.ontology_data"
_CHECKOUT_FOLDERS = {RESOURCE_PACKAGE: "resources", ONTOLOGY_PACKAGE: "ontology"}


def read_text(package: str, filename: str) -> str:
    """Return the text of a file shipped in ``package``.

    Raises :class:`ResourceFormatError` when the file is missing, so that a broken
    install says which file it lacks.
    """
    try:
        return read_bytes(package, filename).decode("utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise ResourceFormatError(
            f"shipped data file {filename!r} is missing from {package}; reinstall express-lexicon"
        ) from exc


def package_directory(package: str) -> Path | None:
    """The folder of a data package when it is a plain directory (wheel or editable
    install), else ``None`` (a zipped install, read through importlib.resources)."""
    try:
        spec = find_spec(package)
    except ModuleNotFoundError:
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    if locations and Path(locations[0]).is_dir():
        return Path(locations[0])
    # Imported from a source checkout (``python cli.py``, or ``python -m express_lexicon``
    # in the repository root): the data folders sit next to the package folder.
    checkout = Path(__file__).resolve().parent.parent / _CHECKOUT_FOLDERS.get(package, "")
    return checkout if checkout != Path(__file__).resolve().parent.parent and checkout.is_dir() else None


def read_bytes(package: str, filename: str) -> bytes:
    """The bytes of a file shipped in ``package``. Raises :class:`OSError` when missing.

    Reads the folder directly when it is one: importing importlib.resources costs more
    than a one-word ``express-lexicon decompose`` may spend on start-up.
    """
    directory = package_directory(package)
    if directory is not None:
        return (directory / filename).read_bytes()
    from importlib import resources

    return resources.files(package).joinpath(filename).read_bytes()


def read_resource_table(filename: str, name: str, version: int) -> list[dict[str, str]]:
    """Return the rows of a shipped CSV resource as dicts keyed by its header.

    The first line must be ``# express-lexicon resource: {name} v{version}``; other lines
    starting with ``#`` are documentation and skipped. Raises
    :class:`ResourceFormatError` naming the file on a wrong header or a ragged row.
    """
    text = read_text(RESOURCE_PACKAGE, filename)
    return parse_resource_table(text, filename, name, version)


def parse_resource_table(text: str, filename: str, name: str, version: int) -> list[dict[str, str]]:
    """Parse the text of a versioned resource CSV (see :func:`read_resource_table`)."""
    first_line = text.split("\n", 1)[0].strip()
    expected = f"# express-lexicon resource: {name} v{version}"
    if first_line != expected:
        raise ResourceFormatError(
            f"{filename}: expected first line {expected!r}, found {first_line[:80]!r}"
        )
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)))
    try:
        header = next(reader)
    except StopIteration:
        raise ResourceFormatError(f"{filename}: no header row") from None
    rows = []
    for line_number, row in enumerate(reader, start=2):
        if len(row) != len(header):
            raise ResourceFormatError(
                f"{filename}: data row {line_number} has {len(row)} fields, expected {len(header)}"
            )
        rows.append(dict(zip(header, row)))
    return rows
