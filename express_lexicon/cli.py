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
        except (BrokenPipeError, KeyboardInterrupt):
            # Output piped into `head` or interrupted: end quietly, as Unix tools do.
            sys.stderr.close()
            ctx.exit(1)
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


@main.command("evaluate")
@click.argument("predictions", nargs=-1, required=True)
@click.option("--lexicon", "lexicon_path", metavar="PATH",
              help="Paper-style decomposition table (word + 10 binary columns): the paper's exact "
                   "semantics. Default: the project's own decomposer.")
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
              help="Hardest gold labels shown in the table.")
@click.option("--plot", "plot_path", metavar="FILE",
              help="Also draw precision/recall, the confusion heat map and the hardest labels into FILE.")
def evaluate_command(predictions, lexicon_path, gold_column, pred_column, fmt, skip_bad_rows, as_json,
                     as_csv, out_path, seed, bootstrap, sort_by, top, plot_path) -> None:
    """Score PREDICTIONS file(s) with the EXPRESS paper's metrics and graded ones.

    Reads the paper's CSV (labels, output_formatted, number_of_labels), a gold,predicted
    CSV or JSONL. With several files, ranks the models side by side.
    """
    import json

    from .evaluation import compare_reports, evaluate, resolve_lexicon, write_per_mask_csv
    from ._io import atomic_writer

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    _check_outputs({"--out": out_path, "--plot": plot_path}, [*predictions, lexicon_path])
    source = resolve_lexicon(lexicon_path)
    show_progress = sys.stderr.isatty()
    reports = []
    for path in predictions:
        bar = None

        def progress(done: int, total: int, _name: str = path) -> None:
            nonlocal bar
            if bar is None:
                if total < 200_000:
                    return
                bar = click.progressbar(length=total, label=f"reading {_name}", file=sys.stderr)
                bar.__enter__()
            bar.update(max(0, done - bar.pos))

        try:
            report = evaluate(path, lexicon=source, format=fmt, gold_column=gold_column, pred_column=pred_column,
                              skip_bad_rows=skip_bad_rows, bootstrap=bootstrap, seed=seed,
                              progress=progress if show_progress else None)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
        if report.n_skipped:
            click.echo(f"warning: {printable(path)}: skipped {report.n_skipped:,} bad row(s)", err=True)
        reports.append(report)
    comparison = compare_reports(reports, sort_by=sort_by) if len(reports) > 1 else None

    def write(handle) -> None:
        if as_csv:
            write_per_mask_csv(reports, handle)
        elif as_json:
            data = comparison.to_dict() if comparison is not None else reports[0].to_dict()
            handle.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        elif comparison is not None:
            handle.write(comparison.render() + "\n")
        else:
            handle.write(reports[0].render(top=top) + "\n")

    def plot() -> None:
        from .plot import save_report_plot

        save_report_plot(comparison if comparison is not None else reports[0], plot_path, top=top)

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


@main.command("clean")
@click.argument("in_path", metavar="IN")
@click.argument("out_path", metavar="OUT")
@click.option("--output-column", default="output", show_default=True, help="Column of the raw model answers.")
@click.option("--label-column", default="labels", show_default=True, help="Column of the gold label lists.")
@click.option("--skip-bad-rows", is_flag=True, help="Leave out rows with unparsable labels and count them.")
def clean_command(in_path, out_path, output_column, label_column, skip_bad_rows) -> None:
    """Clean raw model answers in IN the way the EXPRESS paper does; write OUT atomically.

    Adds output_formatted (a list literal or INVALID OUTPUT) and number_of_labels.
    """
    from .predictions import clean

    summary = clean(in_path, out_path, output_column=output_column, label_column=label_column,
                    skip_bad_rows=skip_bad_rows)
    skipped = f", {summary.n_skipped:,} bad row(s) skipped" if summary.n_skipped else ""
    click.echo(f"cleaned {summary.n_rows:,} row(s) into {printable(out_path)}: "
               f"{summary.n_invalid:,} INVALID OUTPUT{skipped}")


# --- info / labels: what is installed, and the label set of an EXPRESS file (issue 2) ----
@main.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys.")
def info_command(as_json: bool) -> None:
    """Show what is installed and found: version, theory, WordNet, EmoLex, NRC files, ontology."""
    import json

    from .sources import installation_info

    info = installation_info()
    if as_json:
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return

    def line(name: str, text: str) -> None:
        click.echo(f"{name:<13} {text}")

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


@main.command("labels")
@click.argument("express_csv", metavar="EXPRESS_CSV")
@click.option("--column", default="labels", show_default=True, help="Column holding the label lists.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys.")
def labels_command(express_csv: str, column: str, as_json: bool) -> None:
    """Print the exact label set of a full EXPRESS data file with counts, most frequent first."""
    import json

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
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for label, n in ranked:
        click.echo(f"{n}\t{label}")
    click.echo(f"{len(ranked):,} distinct labels, {total:,} in all", err=True)


# --- decompose, terms: the decomposer -------------------------------------------------

def _read_terms(terms: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(origin, term)`` pairs from the arguments; ``-`` reads one term per line of stdin."""
    out: list[tuple[str, str]] = []
    for position, term in enumerate(terms, start=1):
        if term != "-":
            out.append((f"argument {position}", term))
            continue
        stdin = sys.stdin
        data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise click.UsageError(f"stdin line {line} is not valid UTF-8") from None
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                out.append((f"stdin line {number}", line))
    return out


@main.command("decompose")
@click.argument("terms", nargs=-1, required=True)
@click.option("--explain", is_flag=True, help="Show the evidence paths through the ontology.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list with stable keys.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: one row per term, one column per dimension.")
@click.option("--rdf", "as_rdf", is_flag=True, help="Print the decompositions as RDF onyx:EmotionSets.")
@click.option("--rdf-format", type=click.Choice(["turtle", "json-ld", "nt", "xml"]), default="turtle",
              show_default=True, help="The RDF serialisation for --rdf.")
@click.option("--strict", is_flag=True, help="Fail on terms that cannot be resolved.")
@click.option("--plot", "plot_path", metavar="FILE", help="Draw Plutchik flowers into FILE (.png, .svg, .pdf).")
def decompose_command(terms, explain, as_json, as_csv, as_rdf, rdf_format, strict, plot_path) -> None:
    """Decompose emotion TERMS into Plutchik's emotions (use - to read terms from stdin)."""
    from .decomposer import default_lexicon
    from .errors import InvalidTermError, UnknownTermError

    lexicon = default_lexicon()
    results = []
    failed = False
    for origin, term in _read_terms(terms):
        try:
            results.append(lexicon.decompose(term, strict=strict))
        except (InvalidTermError, UnknownTermError) as exc:
            click.echo(f"error: {origin}: {exc}", err=True)
            failed = True
    if plot_path and failed:
        click.echo(f"error: {printable(plot_path)} not written: fix or remove the terms above", err=True)
    elif plot_path:
        from .plot import save_decompositions_plot

        save_decompositions_plot(results, plot_path)
        click.echo(f"wrote {printable(plot_path)}", err=True)
    elif as_rdf:
        from .rdf import decompositions_to_rdf, serialize

        click.echo(serialize(decompositions_to_rdf(results), rdf_format))
    elif as_json:
        import json

        click.echo(json.dumps([d.to_dict(evidence=explain) for d in results], indent=2, ensure_ascii=False))
    elif as_csv:
        import csv
        import io

        from .theory import DIMENSIONS

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["term", *DIMENSIONS, "dominant", "dyad", "tier", "method", "confidence"])
        for d in results:
            writer.writerow([d.term, *d.scores, ";".join(d.dominant), d.dyad or "", d.tier or "",
                             d.method, d.confidence])
        click.echo(buffer.getvalue(), nl=False)
    else:
        from ._render import decomposition_table

        if results:  # nothing at all when every term was bad (the fast path in _entry.py agrees)
            click.echo("\n\n".join(decomposition_table(d, explain, bold=True) for d in results))
    if failed:
        sys.exit(1)


@main.command("terms")
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
    """List or filter the terms of the ontology."""
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
        import json

        payload = [lexicon.decompose(t).to_dict() for t in selected] if scores else selected
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for term in selected:
        click.echo(lexicon.decompose(term).describe() if scores else term)


# --- build, validate: the ontology ------------------------------------------------------


@main.command("build")
@click.option("--out", "out_dir", metavar="DIR", help="Write the ontology here (default: the package's ontology/).")
@click.option("--emolex", "emolex_path", metavar="PATH", help="An official EmoLex word-level file instead of NRCLex's copy.")
@click.option("--intensity", "intensity_path", metavar="PATH", help="An NRC Emotion Intensity file to refine intensities.")
@click.option("--check", is_flag=True, help="Rebuild in a temporary folder and fail if the shipped ontology differs.")
def build_command(out_dir, emolex_path, intensity_path, check) -> None:
    """Rebuild the ontology from WordNet, EmoLex and the EXPRESS vocabulary."""
    from .build import build, check_current

    if check:
        stale = check_current(out_dir, emolex_path=emolex_path, intensity_path=intensity_path)
        if stale:
            click.echo(f"error: the ontology is not current ({', '.join(stale)} differ); "
                       "run `express-lexicon build` and commit ontology/", err=True)
            sys.exit(1)
        click.echo("ontology is current")
        return
    manifest = build(out_dir, emolex_path=emolex_path, intensity_path=intensity_path)
    counts = manifest["counts"]
    click.echo(f"built {manifest['terms']} terms, {counts.get('nodes.synset', 0)} synsets, "
               f"{sum(v for k, v in counts.items() if k.startswith('edges.'))} edges "
               f"({manifest['inputs']['unreached_terms']} terms reached no emotion and were left out)")


@main.command("validate")
@click.option("--dir", "directory", metavar="DIR", help="Validate the ontology built into DIR instead of the shipped one.")
@click.option("--select", metavar="CODES", help="Comma-separated check codes to run (default: all).")
def validate_command(directory, select) -> None:
    """Run the coded checks over the ontology; exit 1 when an error check fails."""
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


@main.command("compare")
@click.argument("predicted")
@click.argument("gold")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with stable keys.")
@click.option("--plot", "plot_path", metavar="FILE", help="Draw both flowers overlaid into FILE (.png, .svg, .pdf).")
def compare_command(predicted, gold, as_json, plot_path) -> None:
    """Score how well a PREDICTED emotion term aligns with a GOLD one."""
    from .scoring import compare

    alignment = compare(predicted, gold)
    if plot_path:
        from .plot import save_comparison_plot

        save_comparison_plot(alignment.predicted, alignment.gold, plot_path)
        click.echo(f"wrote {printable(plot_path)}", err=True)
    if as_json:
        import json

        click.echo(json.dumps(alignment.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(alignment.describe())


# --- export, query: the ontology as linked data (issue 5) ------------------------------


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["turtle", "json-ld", "nt", "xml"]), default="turtle",
              show_default=True, help="RDF serialisation.")
@click.option("-o", "--output", "output", metavar="FILE",
              help="Write to FILE (atomically: a complete file or none) instead of stdout.")
@click.option("--terms", "terms", multiple=True, metavar="TERM",
              help="Export only TERM with its decomposition, associations and the theory "
                   "(repeat for several terms). Default: the whole ontology.")
@click.option("--no-schema", is_flag=True, help="Leave out the express-lexicon vocabulary (ontology/schema.ttl).")
def export_command(fmt, output, terms, no_schema) -> None:
    """Export the ontology as RDF: SKOS, Onyx, OntoLex-Lemon and PROV (see express_lexicon.rdf)."""
    from .rdf import lexicon_to_rdf, serialize, write_rdf

    graph = lexicon_to_rdf(terms=list(terms) if terms else None, schema=not no_schema)
    if output:
        count = write_rdf(graph, output, fmt)
        click.echo(f"wrote {count:,} triples to {output}", err=True)
    else:
        click.echo(serialize(graph, fmt), nl=False)


@main.command("query")
@click.argument("sparql", required=False)
@click.option("--file", "query_file", metavar="FILE", help="Read the SPARQL query from FILE (e.g. q.rq).")
@click.option("--data", "data_path", metavar="FILE",
              help="Query this RDF file (.ttl, .nt, .jsonld, .rdf) instead of the shipped ontology.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output of SELECT and ASK queries (CONSTRUCT gives Turtle).")
def query_command(sparql, query_file, data_path, fmt) -> None:
    """Run a SPARQL query over the ontology exported as RDF.

    Prefixes exl, emotion, sentiment, tier, dyad, term, synset, source, onyx, ontolex,
    lime, skos, prov, rdf, rdfs, owl, xsd, wna and obo are declared. Example:

      express-lexicon query 'SELECT ?t WHERE { ?e exl:names dyad:awe ;
      ontolex:canonicalForm/ontolex:writtenRep ?t }'
    """
    from .rdf import format_result, query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give a SPARQL query or --file FILE (one of them)")
    if query_file is not None:
        try:
            with open(query_file, encoding="utf-8") as handle:
                sparql = handle.read()
        except UnicodeDecodeError:
            raise click.UsageError(f"{query_file}: not UTF-8 text") from None
        except ValueError as exc:  # a NUL byte in the path
            raise click.UsageError(f"{query_file!r}: not a usable path ({exc})") from None
    result = query(sparql, data_path)
    click.echo(format_result(result, fmt).rstrip("\n"))


# --- agreement: decompositions against gold lists of expected emotions ------------------


@main.command("agreement")
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
    """
    from .agreement import agreement

    report = agreement(gold, table=lexicon_path)
    if as_json:
        import json

        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.render())
