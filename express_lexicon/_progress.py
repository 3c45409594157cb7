"""Progress of long work on stderr, shown only when someone is watching a terminal.

Library code marks its long loops with :func:`track` and its phases with :func:`step`;
both do nothing (``track`` hands back the iterable itself) unless a caller turned
reporting on with :func:`reporting`. The command line does that for ``build``,
``export``, ``query`` and ``evaluate`` when stderr is a terminal, so piped or redirected
output, scripts, tests and the Python API stay silent. Bars are drawn by tqdm.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

__all__ = ["reporting", "step", "track", "counter", "is_terminal"]

T = TypeVar("T")


@dataclass
class _Reporter:
    stream: TextIO
    delay: float
    label: str
    started: float = field(default_factory=time.monotonic)


_ACTIVE: ContextVar[_Reporter | None] = ContextVar("express_lexicon_progress", default=None)


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is an interactive terminal (False for files, pipes, test capture)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return False


@contextmanager
def reporting(enabled: bool | None = None, *, stream: TextIO | None = None, delay: float = 0.5,
              label: str = "express-lexicon") -> Iterator[None]:
    """Show the progress of the work inside the block on ``stream`` (default stderr).

    ``enabled=None`` means: when ``stream`` is a terminal. Bars of loops shorter than
    ``delay`` seconds never appear.
    """
    stream = stream if stream is not None else sys.stderr
    on = is_terminal(stream) if enabled is None else enabled
    token = _ACTIVE.set(_Reporter(stream, delay, label) if on else None)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def _bar_options(reporter: _Reporter) -> dict[str, Any]:
    """tqdm's options: on our stream, gone when done, after the delay; the terminal's
    size, or 80 × 24 when it reports none (a pseudo-terminal nobody sized says 0 × 0, and
    tqdm then draws nothing)."""
    import os

    options: dict[str, Any] = {"file": reporter.stream, "leave": False, "delay": reporter.delay,
                               "mininterval": 0.25}
    try:
        size = os.get_terminal_size(reporter.stream.fileno())
    except (AttributeError, ValueError, OSError):  # not a real terminal (a test's fake one)
        size = os.terminal_size((80, 24))
    if size.columns > 0 and size.lines > 0:
        options["dynamic_ncols"] = True
    else:  # tqdm hides a bar beyond a height of 0 lines
        options.update(ncols=80, nrows=24)
    return options


def step(description: str) -> None:
    """Announce a phase of long work (``reading WordNet``) with the time since reporting began."""
    reporter = _ACTIVE.get()
    if reporter is None:
        return
    elapsed = time.monotonic() - reporter.started
    reporter.stream.write(f"{reporter.label}: [{elapsed:6.1f} s] {description}\n")
    reporter.stream.flush()


def track(iterable: Iterable[T], *, total: int | None = None, description: str = "",
          unit: str = "it") -> Iterable[T]:
    """``iterable`` itself, or wrapped in a tqdm bar while reporting is on."""
    reporter = _ACTIVE.get()
    if reporter is None:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=description, unit=unit, **_bar_options(reporter))


@contextmanager
def counter(description: str, *, unit: str = "it", unit_scale: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback (as :func:`~express_lexicon.predictions.read_predictions`
    takes) that moves a tqdm bar while reporting is on, and does nothing otherwise. The
    bar's clock starts here, so work longer than the delay shows however rarely it reports."""
    reporter = _ACTIVE.get()
    if reporter is None:
        yield lambda done, total: None
        return
    from tqdm import tqdm

    bar = tqdm(total=None, desc=description, unit=unit, unit_scale=unit_scale, **_bar_options(reporter))

    def update(done: int, total: int) -> None:
        if total and total != bar.total:
            bar.total = total
        bar.update(max(0, done - bar.n))

    try:
        yield update
    finally:
        bar.close()
