"""Reading the files a user names, and writing output files so that they appear only when complete.

Every file the project writes (reports, cleaned predictions, RDF, images, the built
ontology) goes through here: the data goes to a temporary file in the target's folder,
which is renamed over the target only once everything is written. A failure half-way
leaves the previous file (or none), never a partial one.

What an existing output file keeps (:func:`atomic_writer`):

- its permission bits, and its owner and group where the user may set them;
- a read-only file (no write permission bit, or one the user may not write) is refused,
  as the shell's ``>`` refuses it, instead of being replaced silently;
- a file with several hard links is rewritten in place once the new content is complete
  (so that every link sees it), with SIGINT/SIGTERM/SIGHUP held back during the copy;
- through a symbolic link, the file it points to is written, as ``>`` does; a link in a
  sticky world-writable folder (``/tmp``) that belongs to another user is refused (what
  Linux's ``protected_symlinks`` does for ``>``);
- devices and named pipes (``/dev/null``, ``/dev/stdout``) are written straight through.

Temporary files and folders are named ``.NAME.PID-HOST.XXXXXXXX.tmp`` (folders
``.staging-PID-HOST.XXXXXXXX`` and the like): the writer's process id and a tag of its
host. When a later run writes the same target it removes those whose process has ended
(same host) or that are older than :data:`STALE_AFTER` seconds, so that a run killed by
SIGKILL or a power cut leaves nothing behind for good.

Reading (:func:`read_user_text`, :class:`UserText`): character and block devices
(``/dev/zero``, a terminal given by name) and sockets are refused; named pipes and
process substitution (``<(zcat preds.csv.gz)``) are read as streams; whole-file reads
are capped in size.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from .errors import ExpressLexiconError

__all__ = [
    "STALE_AFTER",
    "MAX_LINE_CHARS",
    "MAX_READ_BYTES",
    "atomic_writer",
    "read_user_text",
    "read_limited",
    "check_input_file",
    "UserText",
    "LineTooLong",
    "sweep_stale",
    "owner_tag",
    "write_files_atomically",
    "publish_version",
    "blocked_signals",
]

#: Age (seconds) after which a temporary file of another host, or of the project's older
#: naming, counts as abandoned.
STALE_AFTER = 24 * 3600.0
#: Longest line (characters) a streamed text file may have; longer lines are reported as
#: bad rows (skipped with ``--skip-bad-rows``) instead of being held in memory.
MAX_LINE_CHARS = 1 << 24
#: Largest file read whole into memory (lexicon tables, gold lists, SPARQL queries).
MAX_READ_BYTES = 1 << 30

_TEMP_SUFFIX = ".tmp"


# --- temporary names and sweeping -----------------------------------------------------------
def _host_tag() -> str:
    import zlib

    uname = getattr(os, "uname", None)
    if uname is not None:
        host = uname().nodename
    else:  # pragma: no cover - Windows
        import socket

        host = socket.gethostname()
    return f"{zlib.crc32(host.encode('utf-8', 'replace')):08x}"


def owner_tag() -> str:
    """``PID-HOST`` of this process: the part of a temporary name that says who writes it."""
    return f"{os.getpid()}-{_host_tag()}"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: alive, another user's
        return True
    return True


def _abandoned(rest: str, mtime: float, now: float) -> bool | None:
    """Whether a temporary entry is abandoned; ``None`` when ``rest`` is not one of ours."""
    import re

    match = re.fullmatch(r"(?:(\d{1,10})-([0-9a-f]{8})\.)?[a-z0-9_]{8}", rest)
    if match is None:
        return None
    pid, host = match.groups()
    if pid is not None and host == _host_tag():
        return not _pid_alive(int(pid))
    return now - mtime > STALE_AFTER


def sweep_stale(directory: str | os.PathLike[str], prefix: str, suffix: str = "") -> int:
    """Remove the project's abandoned temporary files and folders in ``directory``: those
    named ``{prefix}PID-HOST.XXXXXXXX{suffix}`` whose process has ended (on this host) or
    older than :data:`STALE_AFTER`, and ``{prefix}XXXXXXXX{suffix}`` (the older naming)
    older than that. Never follows links, never raises; returns how many were removed."""
    import time

    try:
        entries = os.scandir(directory)
    except (OSError, ValueError):
        return 0
    removed = 0
    now = time.time()
    with entries:
        for entry in entries:
            name = entry.name
            if not name.startswith(prefix) or not name.endswith(suffix):
                continue
            rest = name[len(prefix): len(name) - len(suffix)] if suffix else name[len(prefix):]
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not _abandoned(rest, info.st_mtime, now):
                continue
            try:
                if stat.S_ISDIR(info.st_mode):
                    import shutil

                    shutil.rmtree(entry.path)
                elif stat.S_ISREG(info.st_mode):
                    os.unlink(entry.path)
                else:
                    continue
            except OSError:
                continue
            removed += 1
    return removed


def _temporary_beside(target: str, error: type[ExpressLexiconError]) -> tuple[int, str]:
    import tempfile

    directory = os.path.dirname(os.path.abspath(target))
    base = os.path.basename(target)
    sweep_stale(directory, f".{base}.", _TEMP_SUFFIX)
    try:
        return tempfile.mkstemp(prefix=f".{base}.{owner_tag()}.", suffix=_TEMP_SUFFIX, dir=directory)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise error(f"{target}: cannot write output ({getattr(exc, 'strerror', None) or exc})") from None


# --- signals held back during the few steps that must not be cut in half ---------------------
_HELD = ("SIGINT", "SIGTERM", "SIGHUP")


@contextmanager
def blocked_signals() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP (delivered when the block ends) where the
    platform allows it; elsewhere, or outside the main thread, do nothing."""
    import signal

    mask = getattr(signal, "pthread_sigmask", None)
    signals = {getattr(signal, name) for name in _HELD if hasattr(signal, name)}
    if mask is None:  # pragma: no cover - Windows
        yield
        return
    previous = mask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


# --- writing ---------------------------------------------------------------------------------
def _is_device_or_pipe(target: str) -> bool:
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _check_link(link: str, error: type[ExpressLexiconError]) -> None:
    """Refuse to follow a link that another user planted in a sticky world-writable folder."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # pragma: no cover - Windows
        return
    try:
        info = os.lstat(link)
        folder = os.stat(os.path.dirname(os.path.abspath(link)))
    except (OSError, ValueError):
        return
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and info.st_uid not in (geteuid(), folder.st_uid):
        raise error(f"{link}: a symbolic link of another user in a shared folder; not writing through it")


def _existing_file(target: str, error: type[ExpressLexiconError]) -> os.stat_result | None:
    """The status of the regular file at ``target`` (``None`` when there is none); refuses
    a read-only one."""
    try:
        info = os.stat(target)
    except (OSError, ValueError):  # missing (or a NUL byte: reported when the temporary is made)
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise error(f"{target}: is read-only; not replacing it (make it writable or remove it first)")
    return info


def _publish(tmp: str, target: str, existing: os.stat_result | None = None) -> None:
    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file 0600; give it the usual mode
        os.replace(tmp, target)
        return
    if existing.st_nlink > 1:
        # Renaming would cut the other links off: copy the finished content in place.
        _copy_into(tmp, target)
        os.unlink(tmp)
        return
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid) and hasattr(os, "chown"):
        try:
            os.chown(tmp, existing.st_uid, existing.st_gid)
        except OSError:
            with suppress(OSError):
                os.chown(tmp, -1, existing.st_gid)
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))  # after chown, which clears set-id bits
    os.replace(tmp, target)


def _copy_into(source: str, target: str) -> None:
    import shutil

    with blocked_signals(), open(source, "rb") as src, open(target, "r+b") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.truncate()
        dst.flush()
        os.fsync(dst.fileno())


@contextmanager
def atomic_writer(path: str | os.PathLike[str], *, binary: bool = False, newline: str | None = None,
                  error: type[ExpressLexiconError] = ExpressLexiconError) -> Iterator[IO[Any]]:
    """Open ``path`` for writing (UTF-8 text, or bytes with ``binary``) so that it appears
    only when the ``with`` block ends normally.

    Raises ``error`` (an :class:`ExpressLexiconError` subclass) naming the path when the
    folder is missing or not writable, the file is read-only, or the write fails; any
    exception (a signal included) removes the temporary file and leaves ``path`` as it was.
    An existing file keeps its mode (and owner and group where allowed); one with several
    hard links is rewritten in place once the new content is complete. A device or named
    pipe (``/dev/null``, ``/dev/stdout``) is written to directly; through a symbolic link,
    the file it points to is written, not the link (see the module docstring).
    """
    target = os.fspath(path)
    if not target:
        raise error("no output file given (the path is empty)")
    if os.path.isdir(target):
        raise error(f"{target}: is a directory, cannot write output there")
    if os.path.islink(target):
        _check_link(target, error)
    if _is_device_or_pipe(target):
        # /dev/null, /dev/stdout, a named pipe: there is no file to replace (and renaming a
        # temporary file over a device node would destroy it), so write straight through.
        try:
            with open(target, "wb") if binary else open(target, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
        except OSError as exc:
            raise error(f"{target}: cannot write output ({exc.strerror or exc})") from None
        return
    if os.path.islink(target):  # write the file the link points to, not the link
        target = os.path.realpath(target)
    existing = _existing_file(target, error)
    fd, tmp = _temporary_beside(target, error)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _publish(tmp, target, existing)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise error(f"{target}: cannot write output ({exc.strerror or exc})") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_files_atomically(directory: Path, files: dict[str, bytes]) -> None:
    """Write several files into ``directory``, each staged as a temporary file first and
    renamed into place once every one is written. (Each rename is atomic, the set is not:
    :func:`publish_version` switches a whole set at once.)"""
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


# --- a set of files switched at once: versioned folders behind one pointer -------------------
_STAGING = ".staging-"
_TRASH = ".trash-"


def _fsync_directory(directory: Path) -> None:
    with suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def _directory_lock(directory: Path) -> Iterator[None]:
    """An advisory lock on ``directory`` itself (flock on its descriptor): serialises the
    switch and the pruning of two builds into one folder. Best effort where unsupported."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def publish_version(directory: Path, version: str, files: dict[str, bytes], *, pointer: str,
                    version_pattern: str, keep: int = 1, superseded: tuple[str, ...] = ()) -> Path:
    """Write ``files`` into the folder ``directory/version`` and make it current, all or
    nothing: the files are staged in a temporary folder, which is renamed to ``version``,
    and then the pointer file ``directory/pointer`` (one line: the version's name) is
    replaced atomically. A reader that resolves the pointer once sees either the previous
    set or the new one, never a mix; a kill at any moment leaves the previous set current.

    Afterwards the ``keep`` most recent versions stay (by default only the new one, so that
    a repository or a wheel never carries two; with ``keep=2`` also the one it replaced);
    older folders named like ``version_pattern`` (a regular expression) that hold only
    such files, the files named in ``superseded`` (a flat layout this replaces) and
    abandoned staging folders are removed. Returns the version's folder. Raises
    :class:`OSError` when the folder cannot be written.
    """
    import shutil
    import tempfile

    directory.mkdir(parents=True, exist_ok=True)
    for prefix in (_STAGING, _TRASH):
        sweep_stale(directory, prefix)
    sweep_stale(directory, f".{pointer}.", _TEMP_SUFFIX)
    staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{owner_tag()}.", dir=directory))
    final = directory / version
    try:
        for name, payload in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        for name in files:
            os.chmod(staging / name, 0o666 & ~umask)
        os.chmod(staging, 0o777 & ~umask)
        _fsync_directory(staging)
        with _directory_lock(directory):
            if final.is_dir() and not final.is_symlink():
                if all(_same_bytes(final / name, payload) for name, payload in files.items()):
                    shutil.rmtree(staging)  # an identical build is already there
                else:  # a damaged or edited copy under the same name: move it aside
                    trash = Path(tempfile.mkdtemp(prefix=f"{_TRASH}{owner_tag()}.", dir=directory))
                    os.rename(final, trash / version)
                    os.rename(staging, final)
                    shutil.rmtree(trash, ignore_errors=True)
            else:
                os.rename(staging, final)
            previous = _read_pointer(directory / pointer)
            fd, tmp = tempfile.mkstemp(prefix=f".{pointer}.{owner_tag()}.", suffix=_TEMP_SUFFIX, dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write(version + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(tmp, 0o666 & ~umask)
                os.replace(tmp, directory / pointer)
            except BaseException:
                with suppress(OSError):
                    os.unlink(tmp)
                raise
            _fsync_directory(directory)
            _prune_versions(directory, version, previous, keep, files, version_pattern, superseded)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def _same_bytes(path: Path, payload: bytes) -> bool:
    try:
        return path.stat().st_size == len(payload) and path.read_bytes() == payload
    except OSError:
        return False


def _read_pointer(path: Path) -> str | None:
    try:
        return path.read_text("ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _prune_versions(directory: Path, current: str, previous: str | None, keep: int,
                    files: dict[str, bytes], version_pattern: str, superseded: tuple[str, ...]) -> None:
    """Remove version folders beyond the ``keep`` newest (by modification time; the current
    and, with ``keep > 1``, the previous one always stay). Only folders whose name matches
    ``version_pattern`` and that hold nothing but the files of a version are touched."""
    import re
    import shutil

    kept = {current} | ({previous} if previous and keep > 1 else set())
    candidates = []
    for entry in directory.iterdir():
        if entry.name in kept or not re.fullmatch(version_pattern, entry.name):
            continue
        if entry.is_symlink() or not entry.is_dir():
            continue
        try:
            names = {p.name for p in entry.iterdir()}
            mtime = entry.stat().st_mtime
        except OSError:
            continue
        if names <= set(files):
            candidates.append((mtime, entry))
    candidates.sort(reverse=True)
    for _, entry in candidates[max(0, keep - len(kept)):]:
        shutil.rmtree(entry, ignore_errors=True)
    for name in superseded:
        path = directory / name
        if path.is_file() and not path.is_symlink():
            with suppress(OSError):
                path.unlink()


# --- reading ---------------------------------------------------------------------------------
_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def check_input_file(name: str, what: str, error: type[ExpressLexiconError]) -> os.stat_result:
    """The status of the file the user named as ``what``; raises ``error`` naming it when
    the path is empty, missing, unreadable, or not a regular file or named pipe (a
    directory, ``/dev/zero``, a terminal, a socket; ``/dev/null`` reads as an empty file)."""
    if not name:
        raise error(f"no {what} given (the path is empty)")
    try:
        info = os.stat(name)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise error(f"{name}: cannot read {what} ({getattr(exc, 'strerror', None) or exc})") from None
    for test, kind in _KINDS:
        if test(info.st_mode) and not _is_devnull(info):
            raise error(f"{name}: is {kind}, not a {what}")
    return info


def _is_devnull(info: os.stat_result) -> bool:
    """``/dev/null`` (by any name): a device, but one that reads as an empty file."""
    if not stat.S_ISCHR(info.st_mode):
        return False
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(null.st_mode) and info.st_rdev == null.st_rdev


def read_limited(name: str, limit: int, what: str, error: type[ExpressLexiconError]) -> bytes:
    """The bytes of the regular file or pipe ``name`` (see :func:`check_input_file`), at
    most ``limit`` of them: a larger file raises ``error`` naming it, before it is read."""
    info = check_input_file(name, what, error)
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise error(f"{name}: {info.st_size:,} bytes, larger than a {what} may be ({limit:,} bytes)")
    try:
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise error(f"{name}: is a directory, not a {what}") from None
    except OSError as exc:
        raise error(f"{name}: cannot read {what} ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise error(f"{name}: larger than a {what} may be ({limit:,} bytes)")
    return data


def read_user_text(path: str | os.PathLike[str], what: str, error: type[ExpressLexiconError],
                   *, limit: int = MAX_READ_BYTES) -> str:
    """The text of a file the user named (UTF-8, a byte-order mark allowed).

    ``what`` names the kind of file in messages ("predictions file"). Raises ``error``
    naming the path for an empty path, a directory, a device (``/dev/zero``) or socket, a
    missing or unreadable file, a NUL byte in the path or a file over ``limit`` bytes, and
    naming the line for bytes that are not UTF-8.
    """
    name = os.fspath(path)
    data = read_limited(name, limit, what, error)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{name}, line {line}: not valid UTF-8 (byte {data[exc.start]:#04x}); "
                    "save the file as UTF-8") from None


class LineTooLong(Exception):
    """A line over the limit of a :class:`UserText` (see there). ``line`` is its 1-based number."""

    def __init__(self, line: int, limit: int) -> None:
        super().__init__(f"line is longer than {limit:,} characters")
        self.line = line


class UserText:
    """The lines of a text file the user named (or ``-``: standard input), read as a
    stream: memory holds one line, never the file.

    Iterating gives the lines with their endings. ``newline=""`` splits at ``\\n``,
    ``\\r\\n`` and a lone ``\\r`` (what the csv module wants); ``newline="\\n"`` only at
    ``\\n``. A line longer than ``max_line`` characters is not held: its rest is skipped,
    its number goes into :attr:`too_long` and :attr:`OVERLONG` stands in its place (one
    shared string of ``max_line + 1`` characters, so that a csv reader whose field limit is
    ``max_line`` reports that record as an error and reads on; :meth:`check` turns it into
    :class:`LineTooLong`). Bytes that are not UTF-8 raise ``error`` naming the line.
    Opening checks the path as :func:`check_input_file` does. ``size`` is the file's size
    in bytes (0 when unknown: a pipe), :meth:`position` how many bytes were read so far,
    :attr:`line` the number of the line handed out last.
    """

    _overlong: dict[int, str] = {}

    def __init__(self, path: str | os.PathLike[str], what: str, error: type[ExpressLexiconError], *,
                 newline: str = "", max_line: int = MAX_LINE_CHARS) -> None:
        import io

        self.name = os.fspath(path)
        self._what, self._error, self._max = what, error, max_line
        self.line = 0  # lines read so far
        self.error_line = 0  # the line of the first byte that is not UTF-8, once found
        self.too_long: list[int] = []
        if self.name == "-":
            raw = getattr(sys.stdin, "buffer", None)
            if raw is None:  # a text stream without bytes (tests, embedding): encode it back
                raw = io.BytesIO(sys.stdin.read().encode("utf-8"))
            self.size = 0
            self._close = False
            self._seekable = False
        else:
            info = check_input_file(self.name, what, error)
            try:
                raw = open(self.name, "rb", buffering=1 << 20)
            except OSError as exc:
                raise error(f"{self.name}: cannot read {what} ({exc.strerror or exc})") from None
            self.size = info.st_size if stat.S_ISREG(info.st_mode) else 0
            self._close = True
            self._seekable = stat.S_ISREG(info.st_mode)
        self._raw = raw
        self._text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline=newline)
        self._text._CHUNK_SIZE = 1 << 16  # type: ignore[attr-defined]  # fewer, larger decodes
        marker = UserText._overlong.get(max_line)
        if marker is None:
            marker = UserText._overlong[max_line] = "x" * (max_line + 1)
        self.OVERLONG = marker
        self._lines = self._generate()

    def position(self) -> int:
        """Bytes read from the file so far (ahead of the lines handed out by a buffer)."""
        try:
            return self._raw.tell() if self._seekable else 0
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def __next__(self) -> str:
        return next(self._lines)

    def check(self, line: str) -> str:
        """``line``, or :class:`LineTooLong` raised for the stand-in of an over-long line."""
        if line is self.OVERLONG:
            raise LineTooLong(self.line, self._max)
        return line

    def _generate(self) -> Iterator[str]:
        readline = self._text.readline
        limit = self._max + 1
        while True:
            try:
                line = readline(limit)
            except UnicodeDecodeError as exc:
                raise self._utf8_error(exc) from None
            if not line:
                return
            self.line += 1
            if len(line) > self._max:
                while line and line[-1] not in "\n\r":  # skip the rest of the line
                    try:
                        line = readline(self._max)
                    except UnicodeDecodeError as exc:
                        raise self._utf8_error(exc) from None
                self.too_long.append(self.line)
                yield self.OVERLONG
                continue
            yield line

    def _utf8_error(self, exc: UnicodeDecodeError) -> ExpressLexiconError:
        where = self._locate_bad_byte() if self._seekable else None
        if where is None:
            data = exc.object if isinstance(exc.object, (bytes, bytearray)) else b""
            line = self.line + bytes(data[: exc.start]).count(b"\n") + 1
            byte = data[exc.start] if exc.start < len(data) else 0
        else:
            line, byte = where
        self.error_line = line
        return self._error(f"{self.name}, line {line}: not valid UTF-8 (byte {byte:#04x}); save the file as UTF-8")

    def _locate_bad_byte(self) -> tuple[int, int] | None:
        """The line and value of the first byte that is not UTF-8 (rereads the file)."""
        import codecs

        decoder = codecs.getincrementaldecoder("utf-8")()
        newlines = 0
        try:
            with open(self.name, "rb") as handle:
                while True:
                    chunk = handle.read(1 << 20)
                    pending = decoder.getstate()[0]
                    try:
                        decoder.decode(chunk, final=not chunk)
                    except UnicodeDecodeError as exc:
                        data = pending + chunk
                        return newlines + data[: exc.start].count(b"\n") + 1, data[exc.start]
                    if not chunk:
                        return None
                    newlines += chunk.count(b"\n")
        except OSError:
            return None

    def close(self) -> None:
        if self._close:
            with suppress(OSError):
                self._text.close()
        else:
            with suppress(Exception):
                self._text.detach()  # leave standard input open

    def __enter__(self) -> UserText:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
