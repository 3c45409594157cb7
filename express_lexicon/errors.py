"""The one exception hierarchy of express-lexicon.

Every error the library raises on purpose is an :class:`ExpressLexiconError`, so callers
(and the CLI) can catch one class. Messages are lower-case and name the offending value,
file or row.
"""

from __future__ import annotations

__all__ = [
    "ExpressLexiconError",
    "UnknownTermError",
    "InvalidTermError",
    "ResourceFormatError",
    "WordNetNotFoundError",
    "OntologyError",
    "PredictionsFormatError",
]


class ExpressLexiconError(Exception):
    """Base class of every error raised by express-lexicon."""


class UnknownTermError(ExpressLexiconError, LookupError):
    """A term could not be resolved and the caller asked for ``strict=True``."""


class InvalidTermError(ExpressLexiconError, ValueError):
    """A term is not usable input (not a string, empty, too long, control characters)."""


class ResourceFormatError(ExpressLexiconError, ValueError):
    """A data file (shipped resource or user-given lexicon) is malformed.

    The message names the file and, where there is one, the line.
    """


class WordNetNotFoundError(ExpressLexiconError, LookupError):
    """No usable WordNet 3.0 was found; the message says how to install one."""


class OntologyError(ExpressLexiconError):
    """The built ontology is missing, corrupted or fails validation."""


class PredictionsFormatError(ExpressLexiconError, ValueError):
    """A predictions file cannot be read; the message names the file and row."""
