"""The ``express-lexicon`` console script.

A plain ``express-lexicon decompose TERM...`` (terms only, no options) and a plain
``express-lexicon compare PREDICTED GOLD`` are answered here without importing click: on a
2-core machine click's import alone costs about as much as the whole one-word lookup; the
decomposer issue holds a one-word run to 1.5 times a fresh NRCLex lookup
(``benchmarks/bench_decompose.py``) and issue 14 a comparison to twice a decomposition
(``benchmarks/bench_compare.py``). The output, messages and exit statuses are those of
the click commands, which handle every other invocation.
"""

from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> None:
    """Entry point: dispatch to the fast path or to the click application."""
    from ._signals import install, report

    args = sys.argv[1:] if argv is None else list(argv)
    _tolerate_narrow_encodings()
    install()  # SIGTERM/SIGHUP clean up like SIGINT (see _signals)
    try:
        if len(args) > 1 and args[0] == "decompose" and not any(a.startswith("-") for a in args[1:]):
            sys.exit(_decompose_plain(args[1:]))
        if len(args) == 3 and args[0] == "compare" and not any(a.startswith("-") for a in args[1:]):
            sys.exit(_compare_plain(args[1], args[2]))
        from .cli import main

        main(args=args, prog_name="express-lexicon")
    except KeyboardInterrupt as exc:
        sys.exit(report(exc))


def _tolerate_narrow_encodings() -> None:
    """Never fail half-way with UnicodeEncodeError: on a UTF-8 stream, file names that are
    not UTF-8 (Python's surrogate escapes) go out as the bytes they came in as; an ASCII or
    Latin-1 terminal shows what it cannot encode (the bars' █, other scripts) as ``?``."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) != "strict":
            continue
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        try:
            stream.reconfigure(errors="surrogateescape" if encoding in ("utf-8", "utf8") else "replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a TextIOWrapper: leave it
            pass


def _decompose_plain(terms: list[str]) -> int:
    from ._render import decomposition_table
    from .decomposer import default_lexicon
    from .errors import ExpressLexiconError, InvalidTermError

    try:
        lexicon = default_lexicon()
        results, status = [], 0
        for position, term in enumerate(terms, start=1):
            try:
                results.append(lexicon.decompose(term))
            except InvalidTermError as exc:
                print(f"error: argument {position}: {exc}", file=sys.stderr)
                status = 1
        bold = sys.stdout.isatty()
        if results:  # nothing at all when every term was bad, as the click command does
            print("\n\n".join(decomposition_table(d, bold=bold) for d in results))
    except ExpressLexiconError as exc:
        from .text import printable

        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    return status


def _compare_plain(predicted: str, gold: str) -> int:
    from .errors import ExpressLexiconError
    from .scoring import compare
    from .text import printable

    try:
        print(compare(predicted, gold).describe())
    except ExpressLexiconError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    return 0
