"""Writing output files so that they appear only when complete.

Every file the project writes (reports, cleaned predictions, RDF, images, the built
ontology) goes through here: the data goes to a temporary file in the target's folder,
which is renamed over the target only once everything is written. A failure half-way
leaves the previous file (or none), never a partial one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from .errors import ExpressLexiconError

__all__ = ["atomic_writer", "read_user_text", "write_files_atomically"]


def _temporary_beside(target: str, error: type[ExpressLexiconError]) -> tuple[int, str]:
    directory = os.path.dirname(os.path.abspath(target))
    try:
        return tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise error(f"{target}: cannot write output ({getattr(exc, 'strerror', None) or exc})") from None


def _publish(tmp: str, target: str) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file 0600; give it the usual mode
    os.replace(tmp, target)


def _is_device_or_pipe(target: str) -> bool:
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def atomic_writer(path: str | os.PathLike[str], *, binary: bool = False, newline: str | None = None,
                  error: type[ExpressLexiconError] = ExpressLexiconError) -> Iterator[IO[Any]]:
    """Open ``path`` for writing (UTF-8 text, or bytes with ``binary``) so that it appears
    only when the ``with`` block ends normally.

    Raises ``error`` (an :class:`ExpressLexiconError` subclass) naming the path when the
    folder is missing or not writable, or the write fails; any exception removes the
    temporary file and leaves ``path`` as it was. A device or named pipe (``/dev/null``,
    ``/dev/stdout``) is written to directly; through a symbolic link, the file it points to
    is replaced, not the link.
    """
    target = os.fspath(path)
    if not target:
        raise error("no output file given (the path is empty)")
    if os.path.isdir(target):
        raise error(f"{target}: is a directory, cannot write output there")
    if _is_device_or_pipe(target):
        # /dev/null, /dev/stdout, a named pipe: there is no file to replace (and renaming a
        # temporary file over a device node would destroy it), so write straight through.
        try:
            with open(target, "wb") if binary else open(target, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
        except OSError as exc:
            raise error(f"{target}: cannot write output ({exc.strerror or exc})") from None
        return
    if os.path.islink(target):  # replace the file the link points to, not the link
        target = os.path.realpath(target)
    fd, tmp = _temporary_beside(target, error)
    try:
        if binary:
            with os.fdopen(fd, "wb") as handle:
                yield handle
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
        _publish(tmp, target)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise error(f"{target}: cannot write output ({exc.strerror or exc})") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_files_atomically(directory: Path, files: dict[str, bytes]) -> None:
    """Write several files into ``directory``, all or none: each is staged as a temporary
    file first, and they are renamed into place only once every one is written."""
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, str]] = []
    try:
        for name, payload in files.items():
            target = str(directory / name)
            fd, tmp = _temporary_beside(target, ExpressLexiconError)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        _publish(tmp, target)


def read_user_text(path: str | os.PathLike[str], what: str, error: type[ExpressLexiconError]) -> str:
    """The text of a file the user named (UTF-8, a byte-order mark allowed).

    ``what`` names the kind of file in messages ("predictions file"). Raises ``error``
    naming the path for an empty path, a directory, a missing or unreadable file or a NUL
    byte in the path, and naming the line for bytes that are not UTF-8.
    """
    name = os.fspath(path)
    if not name:
        raise error(f"no {what} given (the path is empty)")
    try:
        data = Path(name).read_bytes()
    except IsADirectoryError:
        raise error(f"{name}: is a directory, not a {what}") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise error(f"{name}: cannot read {what} ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{name}, line {line}: not valid UTF-8 (byte {data[exc.start]:#04x}); "
                    "save the file as UTF-8") from None
