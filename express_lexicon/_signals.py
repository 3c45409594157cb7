"""Signals that end a run: SIGINT, SIGTERM and SIGHUP clean up as an exception would.

Python dies at once on SIGTERM and SIGHUP (``timeout``, SLURM's time limit, a closed
terminal), so no ``finally`` runs and temporary files (``.report.json.…tmp``, a half-built
WordNet copy, a staged ontology build) stay behind. :func:`install` turns the three
signals into :class:`Interrupted` (a :class:`KeyboardInterrupt`), so that every
``with``/``finally`` on the way out removes what it made; the command line then prints one
line and exits with ``128 + signal`` (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP). A
signal the parent set to be ignored (``nohup``, a background job) stays ignored.
"""

from __future__ import annotations

import signal
import sys

__all__ = ["Interrupted", "install", "report"]

_NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


class Interrupted(KeyboardInterrupt):
    """The run was ended by ``signum`` (SIGINT, SIGTERM or SIGHUP)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def install() -> None:
    """Make SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread
    (a signal that is ignored stays ignored). Does nothing outside the main thread."""
    for name in _NAMES:
        number = getattr(signal, name, None)
        if number is None:  # pragma: no cover - SIGHUP on Windows
            continue
        try:
            if signal.getsignal(number) is signal.SIG_IGN:
                continue
            signal.signal(number, _raise)
        except (ValueError, OSError):  # not the main thread, or an embedded interpreter
            return


def report(exc: BaseException) -> int:
    """Print the one-line message for an interruption and return the exit status."""
    number = getattr(exc, "signum", signal.SIGINT)
    try:
        name = signal.Signals(number).name
    except ValueError:  # pragma: no cover
        name = f"signal {number}"
    try:
        sys.stderr.write(f"error: interrupted by {name}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed (a pipe that went away)
        pass
    return 128 + int(number)
