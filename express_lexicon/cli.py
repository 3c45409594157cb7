"""The ``express-lexicon`` command line: thin click commands over the public Python API.

Each command parses its options, calls one public function and formats the result. No
logic lives only here. Errors of the library (:class:`ExpressLexiconError`) become a
one-line message on stderr and exit status 1 or 2, never a traceback.

Imports of heavy modules (numpy, pandas, networkx, rdflib, nltk) happen inside the
commands that need them so that ``express-lexicon decompose`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import click

from ._version import __version__
from .errors import ExpressLexiconError
from .text import printable


class _Group(click.Group):
    """Turns library errors into clean messages instead of tracebacks."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ExpressLexiconError as exc:
            click.echo(f"error: {_clip(printable(str(exc)))}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # Output piped into `head`: end quietly, as Unix tools do.
            sys.stderr.close()
            ctx.exit(1)
        except KeyboardInterrupt as exc:
            # Ctrl-C, or SIGTERM/SIGHUP (see _signals): temporary files are gone by now.
            from ._signals import report

            ctx.exit(report(exc))
        except OSError as exc:
            # Missing files, unwritable output paths: the message names the path.
            message = f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
            click.echo(f"error: {_clip(printable(message))}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: say so in one line, unless debugging
            if os.environ.get("EXPRESS_LEXICON_DEBUG"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {printable(str(exc))} "
                       "(set EXPRESS_LEXICON_DEBUG=1 for the traceback and please report it)", err=True)
            ctx.exit(70)


def _given(name: str) -> bool:
    """Whether the option ``name`` of the running command was set by the user (not its default)."""
    from click.core import ParameterSource

    source = click.get_current_context().get_parameter_source(name)
    return source not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _dumps(data: object) -> str:
    """JSON for stdout or a report file: indented UTF-8 with every control character,
    bidirectional override and lone surrogate as a ``\\u`` escape (see _output)."""
    from ._output import dumps

    return dumps(data)


def _clip(message: str, limit: int = 1000) -> str:
    """A message that names a pasted paragraph or a 10,000-character path keeps its start
    and its end (where the reason is) and drops the middle."""
    if len(message) <= limit:
        return message
    return f"{message[: limit // 2]} [... {len(message) - limit:,} characters ...] {message[-limit // 2:]}"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="express-lexicon")
def main() -> None:
    """Decompose emotion words into Plutchik's emotions and score predicted vs gold terms."""


# --- commands are added below, one block per capability --------------------------------


# --- evaluate / clean: corpus scoring of predictions files (issue 4) ---------------------
_EVAL_METRICS = (
    "vrate", "acc_lexical", "acc_vector", "f1_vector", "acc_vector_dims", "cosine_similarity",
    "wheel_similarity", "intensity_abs_diff", "sentiment_agreement", "dominant_agreement",
)


@main.command("evaluate", short_help="Score predictions with the paper's metrics and graded ones.")
@click.argument("predictions", nargs=-1, required=True)
@click.option("--lexicon", "lexicon_paths", metavar="PATH", multiple=True,
              help="Paper-style decomposition table (word + 10 binary columns): the paper's exact "
                   "semantics. Default: the project's own decomposer. Given twice or more, scores "
                   "under every source (see --robustness).")
@click.option("--robustness", is_flag=True,
              help="Score under several decomposition sources at once: the project's decomposer, its "
                   "binary form and every --lexicon table; per metric, each model's value under each "
                   "source, Kendall's tau between the rankings and the pairs of models that swap.")
@click.option("--gold-column", metavar="NAME", help="Column (JSONL key) of the gold words.")
@click.option("--pred-column", metavar="NAME", help="Column (JSONL key) of the predicted words.")
@click.option("--format", "fmt", type=click.Choice(["auto", "paper", "pairs", "jsonl"]), default="auto",
              show_default=True, help="Layout of the predictions file(s).")
@click.option("--skip-bad-rows", is_flag=True, help="Skip malformed rows and count them instead of failing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys instead of a table.")
@click.option("--csv", "as_csv", is_flag=True, help="Print one CSV row per mask instead of a table.")
@click.option("--out", "out_path", metavar="FILE", help="Write the output to FILE (atomically) instead of stdout.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the bootstrap resampling.")
@click.option("--bootstrap", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Bootstrap resamples for the 95% confidence intervals (0: none).")
@click.option("--sort-by", type=click.Choice(_EVAL_METRICS), default="f1_vector", show_default=True,
              help="Metric that ranks several models.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="Hardest gold labels shown per model in the table and the plot (0: none in the table).")
@click.option("--plot", "plot_path", metavar="FILE",
              help="Also draw precision/recall, the confusion heat map and the hardest labels into FILE "
                   "(with several sources: each metric under each source).")
@click.option("--raw-csv", is_flag=True,
              help="With --csv: write cells exactly as they are. By default control characters are escaped "
                   "and a cell starting with = + - @, a tab or CR gets a leading ' (against formula injection "
                   "when the CSV is opened in a spreadsheet).")
def evaluate_command(predictions, lexicon_paths, robustness, gold_column, pred_column, fmt, skip_bad_rows,
                     as_json, as_csv, out_path, seed, bootstrap, sort_by, top, plot_path, raw_csv) -> None:
    """Score PREDICTIONS file(s) with the EXPRESS paper's metrics and graded ones.

    Reads the paper's CSV (labels, output_formatted, number_of_labels), a gold,predicted
    CSV or JSONL. With several files, ranks the models side by side: each model's
    difference to the first-ranked (the reference), then per model its metrics and
    hardest gold labels. With several decomposition sources (--robustness, or --lexicon
    given twice or more), says whether the ranking holds under each of them.

    \b
    Examples:
      express-lexicon evaluate preds.csv --lexicon lexicon-decomposition.csv
      express-lexicon evaluate gpt4.csv llama.csv --top 5
      express-lexicon evaluate gpt4.csv llama.csv --lexicon a.csv --lexicon b.csv --json
    """
    from ._io import atomic_writer
    from ._progress import counter, reporting

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    if list(predictions).count("-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    if raw_csv and not as_csv:
        raise click.UsageError("--raw-csv needs --csv")
    several_sources = robustness or len(lexicon_paths) > 1
    _check_outputs({"--out": out_path, "--plot": plot_path}, [*predictions, *lexicon_paths])
    options = dict(format=fmt, gold_column=gold_column, pred_column=pred_column, skip_bad_rows=skip_bad_rows,
                   bootstrap=bootstrap, seed=seed)
    with reporting():
        if several_sources:
            from .robustness import evaluate_robustness

            with counter("reading predictions", unit="B", unit_scale=True) as progress:
                result = evaluate_robustness(predictions, lexicons=lexicon_paths, sort_by=sort_by,
                                             progress=lambda _path, done, total: progress(done, total), **options)
            reports = list(result.reports[0])
        else:
            from .evaluation import compare_reports, evaluate, resolve_lexicon

            source = resolve_lexicon(lexicon_paths[0] if lexicon_paths else None)
            reports = []
            for path in predictions:
                with counter(f"reading {printable(os.path.basename(path))}", unit="B", unit_scale=True) as progress:
                    reports.append(evaluate(path, lexicon=source, progress=progress, **options))
            result = compare_reports(reports, sort_by=sort_by) if len(reports) > 1 else reports[0]
    for report in reports:
        if report.n_skipped:
            click.echo(f"warning: {printable(report.source)}: skipped {report.n_skipped:,} bad row(s)", err=True)

    def write(handle) -> None:
        if as_csv:
            if several_sources:
                from .robustness import write_per_mask_csv
            else:
                from .evaluation import write_per_mask_csv
            if several_sources:
                write_per_mask_csv(result, handle, raw=raw_csv)
            else:
                write_per_mask_csv(reports, handle, raw=raw_csv)
        elif as_json:
            handle.write(_dumps(result.to_dict()) + "\n")
        elif several_sources:
            handle.write(result.render() + "\n")
        else:
            handle.write(result.render(top=top) + "\n")

    def plot() -> None:
        if several_sources:
            from .plot import save_robustness_plot

            save_robustness_plot(result, plot_path)
        else:
            from .plot import save_report_plot

            save_report_plot(result, plot_path, top=max(top, 1))

    if out_path:
        # The image is drawn while the report's temporary file is open: a report that
        # cannot be written leaves no image behind, and a failed image no report.
        with atomic_writer(out_path, newline="" if as_csv else None) as handle:
            write(handle)
            if plot_path:
                plot()
        if plot_path:
            click.echo(f"wrote {printable(plot_path)}", err=True)
        click.echo(f"wrote {printable(out_path)}", err=True)
    else:
        if plot_path:
            plot()
            click.echo(f"wrote {printable(plot_path)}", err=True)
        write(sys.stdout)


def _check_outputs(outputs: dict[str, str | None], inputs: list[str | None]) -> None:
    """Refuse output paths that are directories or would overwrite an input (or each other)."""
    from .errors import ExpressLexiconError

    given = {option: path for option, path in outputs.items() if path}
    for option, path in given.items():
        if os.path.isdir(path):
            raise ExpressLexiconError(f"{path}: is a directory; give {option} a file name")
        for other in [*inputs, *(p for o, p in given.items() if o != option)]:
            if other and os.path.exists(path) and os.path.exists(other) and os.path.samefile(path, other):
                raise click.BadParameter(f"{path} is also an input or output of this command; "
                                         "refusing to overwrite it", param_hint=option)


@main.command("clean", short_help="Clean raw model answers the way the EXPRESS paper does.")
@click.argument("in_path", metavar="IN")
@click.argument("out_path", metavar="OUT")
@click.option("--output-column", default="output", show_default=True, help="Column of the raw model answers.")
@click.option("--label-column", default="labels", show_default=True, help="Column of the gold label lists.")
@click.option("--skip-bad-rows", is_flag=True, help="Leave out rows with unparsable labels and count them.")
def clean_command(in_path, out_path, output_column, label_column, skip_bad_rows) -> None:
    """Clean raw model answers in IN the way the EXPRESS paper does; write OUT atomically.

    Adds output_formatted (a list literal or INVALID OUTPUT) and number_of_labels.

    \b
    Example:
      express-lexicon clean raw_answers.csv predictions.csv
    """
    from .predictions import clean

    _check_outputs({"OUT": out_path}, [in_path])
    summary = clean(in_path, out_path, output_column=output_column, label_column=label_column,
                    skip_bad_rows=skip_bad_rows)
    skipped = f", {summary.n_skipped:,} bad row(s) skipped" if summary.n_skipped else ""
    click.echo(f"cleaned {summary.n_rows:,} row(s) into {printable(out_path)}: "
               f"{summary.n_invalid:,} INVALID OUTPUT{skipped}")


# --- info / labels: what is installed, and the label set of an EXPRESS file (issue 2) ----
@main.command("info", short_help="Show the version and what is installed and found.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys.")
def info_command(as_json: bool) -> None:
    """Show what is installed and found: version, theory, WordNet, EmoLex, NRC files, ontology.

    \b
    Examples:
      express-lexicon info
      express-lexicon info --json
    """
    from .sources import installation_info

    info = installation_info()
    if as_json:
        click.echo(_dumps(info))
        return

    def line(name: str, text: str) -> None:
        click.echo(f"{name:<13} {printable(text)}")  # paths from the environment: never raw

    click.echo(f"express-lexicon {info['version']} (Python {info['python']})")
    theory = info["theory"]
    if "error" in theory:
        line("theory", f"ERROR {theory['error']}")
    else:
        kinds = ", ".join(f"{n} {kind}" for kind, n in theory["dyads_by_kind"].items())
        line("theory", f"{theory['emotions']} basic emotions, {theory['tier_names']} tier names, "
                       f"{theory['dyads']} dyads ({kinds})")
    wn = info["wordnet"]
    if wn["found"]:
        copy = f"; nltk reads the copy in {wn['readable_copy']}" if wn.get("readable_copy") else ""
        line("wordnet", f"WordNet {wn['version'] or '(unknown version)'} at {wn['path']} ({wn['origin']}){copy}")
    else:
        line("wordnet", f"NOT FOUND: {wn['error']}")
    emolex = info["emolex"]
    if "error" in emolex:
        line("emolex", f"ERROR {emolex['error']}")
    else:
        line("emolex", f"{emolex['words']:,} words ({emolex['words_with_emotion']:,} with at least one "
                       f"emotion or sentiment), {emolex['version']}: {emolex['source']}")
    intensity = info.get("intensity", {})
    if "error" in intensity:
        line("intensity", f"ERROR {intensity['error']}")
    elif intensity.get("found"):
        line("intensity", f"{intensity['scores']:,} scores for {intensity['words']:,} words, "
                          f"{intensity['version']}: {intensity['source']}")
    else:
        line("intensity", f"not installed: {intensity.get('hint', '')}")
    for key, status in info["nrc_files"].items():
        where = f" {status['path']}" if status["path"] else ""
        line(f"nrc {key}", f"{status['env']}: {status['status']}{where}")
    vocab = info["express_vocabulary"]
    if "error" in vocab:
        line("vocabulary", f"ERROR {vocab['error']}")
    else:
        kinds = ", ".join(f"{n} {kind}" for kind, n in vocab["by_kind"].items())
        line("vocabulary", f"{vocab['entries']} EXPRESS entries ({kinds}), {vocab['terms']} terms, "
                           f"{vocab['observed_labels']} observed labels")
    onto = info["ontology"]
    if "error" in onto:
        line("ontology", f"ERROR {onto['error']}")
    else:
        line("ontology", f"{onto['terms']:,} terms, {onto['synsets']:,} synsets, {onto['edges']:,} edges"
             if onto["built"] else "not built (no manifest.json)")


@main.command("labels", short_help="Print the label set of an EXPRESS data file with counts.")
@click.argument("express_csv", metavar="EXPRESS_CSV")
@click.option("--column", default="labels", show_default=True, help="Column holding the label lists.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys.")
def labels_command(express_csv: str, column: str, as_json: bool) -> None:
    """Print the exact label set of a full EXPRESS data file with counts, most frequent first.

    \b
    Example:
      express-lexicon labels express.csv --json
    """
    from .sources.express import label_counts

    counts = label_counts(express_csv, column=column)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    total = sum(counts.values())
    if as_json:
        data = {
            "file": express_csv,
            "column": column,
            "distinct": len(ranked),
            "total": total,
            "labels": [{"label": label, "count": n} for label, n in ranked],
        }
        click.echo(_dumps(data))
        return
    for label, n in ranked:
        click.echo(f"{n}\t{label}")
    click.echo(f"{len(ranked):,} distinct labels, {total:,} in all", err=True)


# --- decompose, terms: the decomposer -------------------------------------------------

def _iter_terms(terms: tuple[str, ...]) -> Iterator[tuple[str, str | Exception]]:
    """``(origin, term)`` pairs from the arguments as they come; ``-`` reads one term per
    line of stdin, as the lines arrive (a line over the length limit comes as its error)."""
    from ._io import MAX_LINE_CHARS, UserText

    for position, term in enumerate(terms, start=1):
        if term != "-":
            yield f"argument {position}", term
            continue
        with UserText("-", "standard input", ExpressLexiconError) as lines:
            try:
                for line in lines:
                    if line is lines.OVERLONG:
                        yield f"stdin line {lines.line}", ValueError(f"line is longer than {MAX_LINE_CHARS:,} characters")
                        continue
                    line = line.rstrip("\r\n")
                    if line.strip():
                        yield f"stdin line {lines.line}", line
            except ExpressLexiconError:
                raise click.UsageError(f"stdin line {lines.error_line} is not valid UTF-8") from None


class _Stream:
    """Writes decompositions to stdout one at a time (flushed), in the same bytes as
    formatting the whole list at once would give: a table per term, a JSON list, or CSV."""

    def __init__(self, kind: str, explain: bool, raw_csv: bool) -> None:
        self.kind, self.explain, self.raw_csv = kind, explain, raw_csv
        self.count = 0

    def add(self, d) -> None:  # type: ignore[no-untyped-def]
        if self.kind == "json":
            from ._output import dumps

            item = "\n".join("  " + line for line in dumps(d.to_dict(evidence=self.explain)).split("\n"))
            click.echo(("[\n" if not self.count else ",\n") + item, nl=False)
        elif self.kind == "csv":
            import csv
            import io

            from ._output import csv_row
            from .theory import DIMENSIONS

            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            if not self.count:
                writer.writerow(["term", *DIMENSIONS, "dominant", "dyad", "tier", "method", "confidence"])
            writer.writerow(csv_row([d.term, *d.scores, ";".join(d.dominant), d.dyad or "", d.tier or "",
                                     d.method, d.confidence], self.raw_csv))
            click.echo(buffer.getvalue(), nl=False)
        else:
            from ._render import decomposition_table

            click.echo(("\n" if self.count else "") + decomposition_table(d, self.explain, bold=True))
        self.count += 1

    def close(self) -> None:
        if self.kind == "json":
            click.echo("\n]" if self.count else "[]")
        elif self.kind == "csv" and not self.count:  # the header alone, as for an empty list
            from .theory import DIMENSIONS

            click.echo(",".join(["term", *DIMENSIONS, "dominant", "dyad", "tier", "method", "confidence"]))


@main.command("decompose", short_help="Decompose emotion terms into Plutchik's emotions.")
@click.argument("terms", nargs=-1, required=True)
@click.option("--explain", is_flag=True, help="Show the evidence paths through the ontology.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list with stable keys.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: one row per term, one column per dimension.")
@click.option("--rdf", "as_rdf", is_flag=True, help="Print the decompositions as RDF onyx:EmotionSets.")
@click.option("--rdf-format", type=click.Choice(["turtle", "json-ld", "nt", "xml"]), default="turtle",
              show_default=True, help="The RDF serialisation for --rdf.")
@click.option("--strict", is_flag=True, help="Fail on terms that cannot be resolved.")
@click.option("--plot", "plot_path", metavar="FILE", help="Draw Plutchik flowers into FILE (.png, .svg, .pdf).")
@click.option("--raw-csv", is_flag=True,
              help="With --csv: write cells exactly as they are (no escaping of control characters, no ' "
                   "before cells that start with = + - @).")
def decompose_command(terms, explain, as_json, as_csv, as_rdf, rdf_format, strict, plot_path, raw_csv) -> None:
    """Decompose emotion TERMS into Plutchik's emotions (use - to read terms from stdin).

    Prints a table per term, or one of --json, --csv and --rdf; --plot draws the
    flowers into a file as well. Tables, --json and --csv are printed as the terms come:
    `-` reads stdin line by line, so a long stream shows results at once, in flat memory.

    \b
    Examples:
      express-lexicon decompose bittersweet "not happy"
      express-lexicon decompose --explain heartbroken
      express-lexicon decompose heartbroken grief --csv > profiles.csv
      express-lexicon decompose heartbroken --rdf --rdf-format json-ld
    """
    from .decomposer import default_lexicon
    from .errors import InvalidTermError, UnknownTermError

    chosen = [flag for flag, on in (("--json", as_json), ("--csv", as_csv), ("--rdf", as_rdf)) if on]
    if len(chosen) > 1:
        raise click.UsageError(f"choose one of --json, --csv and --rdf (got {' and '.join(chosen)})")
    if _given("rdf_format") and not as_rdf:
        raise click.UsageError("--rdf-format needs --rdf")
    if raw_csv and not as_csv:
        raise click.UsageError("--raw-csv needs --csv")
    if explain and (as_csv or as_rdf):
        raise click.UsageError(f"--explain shows evidence in the table or in --json, not with {chosen[0]}")

    lexicon = default_lexicon()
    results = []
    failed = False
    # Tables, JSON and CSV go out as the terms come (stdin is read line by line, memory
    # stays flat); a plot or RDF needs every term first.
    stream = None if (plot_path or as_rdf) else _Stream("json" if as_json else "csv" if as_csv else "table",
                                                         explain, raw_csv)
    for origin, term in _iter_terms(terms):
        try:
            if isinstance(term, Exception):
                raise InvalidTermError(str(term))
            d = lexicon.decompose(term, strict=strict)
        except (InvalidTermError, UnknownTermError) as exc:
            click.echo(f"error: {origin}: {printable(str(exc))}", err=True)
            failed = True
            continue
        if stream is None:
            results.append(d)
        else:
            stream.add(d)
    if stream is not None:  # (an interrupted JSON list stays unclosed: visibly incomplete)
        stream.close()
        if failed:
            sys.exit(1)
        return
    if plot_path and failed:
        click.echo(f"error: {printable(plot_path)} not written: fix or remove the terms above", err=True)
    elif plot_path:
        from .plot import save_decompositions_plot

        save_decompositions_plot(results, plot_path)
        click.echo(f"wrote {printable(plot_path)}", err=True)
    if as_rdf:
        from .rdf import decompositions_to_rdf, serialize

        click.echo(serialize(decompositions_to_rdf(results), rdf_format))
    elif as_json or as_csv:  # beside --plot
        out = _Stream("json" if as_json else "csv", explain, raw_csv)
        for d in results:
            out.add(d)
        out.close()
    elif not plot_path:  # with --plot alone the picture is the output
        from ._render import decomposition_table

        if results:  # nothing at all when every term was bad (the fast path in _entry.py agrees)
            click.echo("\n\n".join(decomposition_table(d, explain, bold=True) for d in results))
    if failed:
        sys.exit(1)


@main.command("terms", short_help="List or filter the terms of the ontology.")
@click.option("--emotion", help="Keep terms whose dominant emotions include EMOTION (or a tier name).")
@click.option("--dyad", help="Keep terms that decompose into DYAD (any of its names).")
@click.option("--method", help="Keep terms found by METHOD (theory, lexicon, wordnet, ...).")
@click.option("--tier", type=click.Choice(["mild", "basic", "intense"]), help="Keep terms at this tier.")
@click.option("--source", type=click.Choice(["plutchik", "nrc-emolex", "nrc-intensity", "express", "wordnet"]),
              help="Keep terms that come from this resource.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, help="Keep terms at least this confident.")
@click.option("--scores", is_flag=True, help="Print each term's one-line decomposition, not just the term.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--limit", type=click.IntRange(min=0), default=0, help="Print at most this many (0: all).")
def terms_command(emotion, dyad, method, tier, source, min_confidence, scores, as_json, limit) -> None:
    """List or filter the terms of the ontology.

    \b
    Examples:
      express-lexicon terms --emotion fear --tier intense
      express-lexicon terms --dyad remorse --scores
    """
    from .decomposer import default_lexicon

    if min_confidence != min_confidence:  # NaN passes click's FloatRange
        raise click.BadParameter("not a number: nan", param_hint="--min-confidence")
    lexicon = default_lexicon()
    try:
        selected = lexicon.terms(emotion=emotion, dyad=dyad, method=method, tier=tier,
                                 min_confidence=min_confidence, source=source)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0])) from None
    if limit:
        selected = selected[:limit]
    if as_json:
        payload = [lexicon.decompose(t).to_dict() for t in selected] if scores else selected
        click.echo(_dumps(payload))
        return
    for term in selected:
        click.echo(lexicon.decompose(term).describe() if scores else term)


# --- build, validate: the ontology ------------------------------------------------------


@main.command("build", short_help="Rebuild the ontology from WordNet, EmoLex and EXPRESS.")
@click.option("--out", "out_dir", metavar="DIR", help="Write the ontology here (default: the package's ontology/).")
@click.option("--emolex", "emolex_path", metavar="PATH", help="An official EmoLex word-level file instead of NRCLex's copy.")
@click.option("--intensity", "intensity_path", metavar="PATH", help="An NRC Emotion Intensity file to refine intensities.")
@click.option("--check", is_flag=True, help="Rebuild in a temporary folder and fail if the shipped ontology differs.")
def build_command(out_dir, emolex_path, intensity_path, check) -> None:
    """Rebuild the ontology from WordNet, EmoLex and the EXPRESS vocabulary.

    Takes about a minute; on a terminal its phases are shown on stderr.

    \b
    Examples:
      express-lexicon build --check
      express-lexicon build --intensity NRC-Emotion-Intensity-Lexicon.txt --out my-ontology/
    """
    from ._progress import reporting
    from .build import build, check_current

    if check:
        with reporting():
            stale = check_current(out_dir, emolex_path=emolex_path, intensity_path=intensity_path)
        if stale:
            click.echo(f"error: the ontology is not current ({', '.join(stale)} differ); "
                       "run `express-lexicon build` and commit ontology/", err=True)
            sys.exit(1)
        click.echo("ontology is current")
        return
    with reporting():
        manifest = build(out_dir, emolex_path=emolex_path, intensity_path=intensity_path)
    counts = manifest["counts"]
    click.echo(f"built {manifest['terms']} terms, {counts.get('nodes.synset', 0)} synsets, "
               f"{sum(v for k, v in counts.items() if k.startswith('edges.'))} edges "
               f"({manifest['inputs']['unreached_terms']} terms reached no emotion and were left out)")


@main.command("validate", short_help="Run the coded checks over the ontology.")
@click.option("--dir", "directory", metavar="DIR", help="Validate the ontology built into DIR instead of the shipped one.")
@click.option("--select", metavar="CODES", help="Comma-separated check codes to run (default: all).")
def validate_command(directory, select) -> None:
    """Run the coded checks over the ontology; exit 1 when an error check fails.

    \b
    Examples:
      express-lexicon validate
      express-lexicon validate --dir my-ontology/ --select E101,W201
    """
    from .validate import CHECKS, validate_directory

    codes = [c.strip().upper() for c in select.split(",") if c.strip()] if select is not None else None
    if codes == []:
        raise click.BadParameter("no check codes given (e.g. E101,W201)", param_hint="--select")
    try:
        findings = validate_directory(directory, codes)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--select") from None
    for finding in findings:
        click.echo(finding.describe())
    errors = sum(f.is_error for f in findings)
    ran = len(codes) if codes else len(CHECKS)
    click.echo(f"{ran} checks, {errors} errors, {len(findings) - errors} warnings")
    if errors:
        sys.exit(1)


# --- compare: the pairwise scoring ------------------------------------------------------


@main.command("compare", short_help="Score how well a PREDICTED term aligns with a GOLD one.")
@click.argument("predicted")
@click.argument("gold")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys.")
@click.option("--plot", "plot_path", metavar="FILE", help="Draw both flowers overlaid into FILE (.png, .svg, .pdf).")
def compare_command(predicted, gold, as_json, plot_path) -> None:
    """Score how well a PREDICTED emotion term aligns with a GOLD one.

    \b
    Examples:
      express-lexicon compare nostalgic bittersweet
      express-lexicon compare sorrow remorse --json
      express-lexicon compare nostalgic bittersweet --plot compare.svg
    """
    from .scoring import compare

    alignment = compare(predicted, gold)
    if plot_path:
        from .plot import save_comparison_plot

        save_comparison_plot(alignment.predicted, alignment.gold, plot_path)
        click.echo(f"wrote {printable(plot_path)}", err=True)
    if as_json:
        click.echo(_dumps(alignment.to_dict()))
    else:
        click.echo(alignment.describe())


# --- export, query: the ontology as linked data (issue 5) ------------------------------


@main.command("export", short_help="Export the ontology as RDF (SKOS, Onyx, OntoLex, PROV).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "json-ld", "nt", "xml"]), default="turtle",
              show_default=True, help="RDF serialisation.")
@click.option("-o", "--output", "output", metavar="FILE",
              help="Write to FILE (atomically: a complete file or none) instead of stdout.")
@click.option("--terms", "terms", multiple=True, metavar="TERM",
              help="Export only TERM with its decomposition, associations and the theory "
                   "(repeat for several terms). Default: the whole ontology.")
@click.option("--no-schema", is_flag=True, help="Leave out the express-lexicon vocabulary (ontology/schema.ttl).")
def export_command(fmt, output, terms, no_schema) -> None:
    """Export the ontology as RDF: SKOS, Onyx, OntoLex-Lemon and PROV (see express_lexicon.rdf).

    The whole ontology streams from the build's ontology.nt.gz in a few seconds; --terms
    builds the subset's graph with rdflib.

    \b
    Examples:
      express-lexicon export --format turtle -o express-lexicon.ttl
      express-lexicon export --format json-ld --terms heartbroken --terms bittersweet
    """
    from ._progress import reporting, step

    if not terms:
        from .rdf import export_ontology

        with reporting():
            count = export_ontology(output if output else click.get_binary_stream("stdout"), fmt,
                                    schema=not no_schema)
        if output:
            click.echo(f"wrote {count:,} triples to {output}", err=True)
        return
    from .rdf import lexicon_to_rdf, serialize, write_rdf

    with reporting():
        graph = lexicon_to_rdf(terms=list(terms), schema=not no_schema)
        step(f"writing {len(graph):,} triples as {fmt}")
        if output:
            count = write_rdf(graph, output, fmt)
        else:
            text = serialize(graph, fmt)
    if output:
        click.echo(f"wrote {count:,} triples to {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command("query", short_help="Run a SPARQL query over the ontology as RDF.")
@click.argument("sparql", required=False)
@click.option("--file", "query_file", metavar="FILE", help="Read the SPARQL query from FILE (e.g. q.rq).")
@click.option("--data", "data_path", metavar="FILE",
              help="Query this RDF file (.ttl, .nt, .jsonld, .rdf, each also .gz) instead of the shipped ontology.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output of SELECT and ASK queries (CONSTRUCT gives Turtle).")
@click.option("--raw-csv", is_flag=True,
              help="With --format csv: write cells exactly as they are (see evaluate --raw-csv).")
def query_command(sparql, query_file, data_path, fmt, raw_csv) -> None:
    """Run a SPARQL query over the ontology as RDF (pyoxigraph).

    Prefixes exl, emotion, sentiment, tier, dyad, term, synset, source, onyx, ontolex,
    lime, skos, prov, rdf, rdfs, owl, xsd, wna and obo are declared. The first query after
    a build loads the ontology into a store in the user's cache folder (a few seconds,
    once); later ones open it in milliseconds. SERVICE clauses are refused: nothing is
    fetched from the network. Example:

      express-lexicon query 'SELECT ?t WHERE { ?e exl:names dyad:awe ;
      ontolex:canonicalForm/ontolex:writtenRep ?t }'
    """
    from .rdf import format_result, query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give a SPARQL query or --file FILE (one of them)")
    if raw_csv and fmt != "csv":
        raise click.UsageError("--raw-csv needs --format csv")
    if query_file is not None:
        from ._io import read_limited

        if "\x00" in query_file:
            raise click.UsageError(f"{query_file!r}: not a usable path (embedded null byte)")
        data = read_limited(query_file, 1 << 24, "SPARQL query file", ExpressLexiconError)  # not /dev/zero
        try:
            sparql = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise click.UsageError(f"{query_file}: not UTF-8 text") from None
    from ._progress import reporting, step

    with reporting():
        if data_path is not None:
            step(f"reading {printable(data_path)}")
        result = query(sparql, data_path)
    click.echo(_safe_query_output(format_result(result, fmt).rstrip("\n"), fmt, result.type, raw_csv))


def _safe_query_output(text: str, fmt: str, kind: str, raw_csv: bool) -> str:
    """Query results from any RDF file, made safe: JSON and Turtle with ``\\u`` escapes, a
    table with escaped characters, CSV cells as evaluate writes them (see _output)."""
    from ._output import csv_row, escape_controls, terminal_text

    if kind in ("CONSTRUCT", "DESCRIBE") or fmt == "json":
        return escape_controls(text)
    if fmt == "csv" and kind == "SELECT":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # the W3C SPARQL CSV line ends
        rows = csv.reader(io.StringIO(text, newline=""))
        for number, row in enumerate(rows):
            writer.writerow(row if number == 0 else csv_row(row, raw_csv))
        return out.getvalue().rstrip("\r\n")
    return terminal_text(text)


# --- agreement: decompositions against gold lists of expected emotions ------------------


@main.command("agreement", short_help="Check decompositions against a gold list of expected emotions.")
@click.argument("gold", metavar="GOLD.tsv")
@click.option("--lexicon", "lexicon_path", metavar="TABLE.csv",
              help="Also score a paper-style decomposition table (word + 10 binary columns), "
                   "side by side with the project's decomposer.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys instead of a table.")
def agreement_command(gold, lexicon_path, as_json) -> None:
    """Check decompositions against GOLD.tsv: lines of word<TAB>expected.

    EXPECTED is one or more of the 8 emotions joined by | (nostalgic<TAB>joy|sadness), or
    none for a word that should have no emotion. Reports coverage, strongest-emotion
    agreement (ties split the credit), neutral words without emotion, and the misses.

    \b
    Examples:
      express-lexicon agreement gold.tsv
      express-lexicon agreement gold.tsv --lexicon lexicon-decomposition.csv --json
    """
    from .agreement import agreement

    report = agreement(gold, table=lexicon_path)
    if as_json:
        click.echo(_dumps(report.to_dict()))
    else:
        click.echo(report.render())
