"""The ``express-lexicon`` command line: thin click commands over the public Python API.

Each command parses its options, calls one public function and formats the result. No
logic lives only here. Errors of the library (:class:`ExpressLexiconError`) become a
one-line message on stderr and exit status 1 or 2, never a traceback.

Imports of heavy modules (numpy, pandas, networkx, rdflib, nltk) happen inside the
commands that need them so that ``express-lexicon decompose`` starts fast.
"""

from __future__ import annotations

import sys

import click

from ._version import __version__
from .errors import ExpressLexiconError


class _Group(click.Group):
    """Turns library errors into clean messages instead of tracebacks."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ExpressLexiconError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except (BrokenPipeError, KeyboardInterrupt):
            # Output piped into `head` or interrupted: end quietly, as Unix tools do.
            sys.stderr.close()
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="express-lexicon")
def main() -> None:
    """Decompose emotion words into Plutchik's emotions and score predicted vs gold terms."""


# --- commands are added below, one block per capability --------------------------------
