"""Benchmark the linked-data layer on the whole ontology: pyoxigraph and rdflib side by side (issue 12).

Every figure with a target is a whole process (``python -m express_lexicon ...``: start-up,
imports and work), its time the median of ``--runs`` runs and its memory the largest peak
resident size of those runs:

1. the ontology's triples, lean (only edges with a weight or source of their own reified)
   and as before (every edge reified), and the time the build spends writing
   ``ontology.nt.gz``;
2. ``export`` of the whole ontology in Turtle, N-Triples, JSON-LD and RDF/XML (streamed
   from ``ontology.nt.gz`` by pyoxigraph), and a check that all four parse back to the
   same triples; the rdflib path (``write_rdf(lexicon_to_rdf())``, what ``export`` did
   before) for the formats of ``--rdflib-formats``, checked to give the same triples;
3. ``query`` over the shipped ontology: the first use, which builds the store in an
   empty cache folder, then the README's three queries and a COUNT over all triples; the
   rdflib path (``lexicon_to_rdf()`` and rdflib's SPARQL engine) on the same queries in
   one process, whose rows must equal pyoxigraph's;
4. ``query --data`` on the whole Turtle export, and rdflib parsing that file;
5. the figures per million triples.

``--ontology DIR`` measures the ontology built into DIR (``express-lexicon build --out
DIR``) instead of the shipped one, by running the commands from a shadow copy of the
package whose data folder is DIR. Takes several minutes with the rdflib path
(``--skip-rdflib`` leaves it out); not part of the test run; always exits 0::

    python benchmarks/bench_rdf.py [--runs 3] [--rdflib-formats turtle,nt,json-ld,xml]
                                   [--skip-rdflib] [--ontology DIR] [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _table import print_table, row

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
FORMATS = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "xml": ".rdf"}
COUNT = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"


def readme_queries() -> dict[str, str]:
    """The README's three queries, as tests/test_rdf.py holds them."""
    text = (HERE.parent / "tests" / "test_rdf.py").read_text(encoding="utf-8")
    namespace: dict[str, str] = {}
    for name in ("QUERY_FEAR_INTENSE", "QUERY_REMORSE", "QUERY_SADNESS_WORDNET"):
        start = text.index(f'{name} = """')
        end = text.index('"""', start + len(name) + 7)
        namespace[name] = text[start + len(name) + 7:end]
    return {"fear at the terror tier": namespace["QUERY_FEAR_INTENSE"],
            "names or decomposes into remorse": namespace["QUERY_REMORSE"],
            "sadness only through WordNet": namespace["QUERY_SADNESS_WORDNET"],
            "COUNT over all triples": COUNT}


def timed(command: list[str], env: dict[str, str], runs: int, stdout: int | None = subprocess.DEVNULL
          ) -> tuple[float, float, bytes]:
    times, peaks, out = [], [], b""
    for _ in range(runs):
        elapsed, peak, out = _run_measured(command, env, stdout)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks), out


# Runs a command and reports its exit status, time and peak memory. The measured process is
# started from this small launcher, not from the benchmark: a child's peak memory counts the
# memory of the process it was forked from.
LAUNCHER = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
            "status = subprocess.run(sys.argv[2:]).returncode; elapsed = time.perf_counter() - start; "
            "open(sys.argv[1], 'w').write(f'{status} {elapsed} '"
            "f'{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')")


def _run_measured(command: list[str], env: dict[str, str], stdout: int | None) -> tuple[float, float, bytes]:
    """One process: ``(seconds, peak resident MB, its stdout when stdout is None)``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".stats") as stats:
        subprocess.run([sys.executable, "-c", LAUNCHER, stats.name, *command], env=env,
                       stdout=out if stdout is None else stdout, stderr=err, check=False)
        status, elapsed, peak = Path(stats.name).read_text().split()
        out.seek(0)
        err.seek(0)
        if int(status):
            raise RuntimeError(f"{' '.join(command[:8])} failed ({status}): {err.read().decode()[-2000:]}")
        return float(elapsed), int(peak) / 1024, out.read()


def shadow_package(ontology: Path, folder: Path) -> str:
    """A folder to put first on PYTHONPATH: the package's modules, linked, with ``ontology``
    as its data folder."""
    import express_lexicon

    package = Path(express_lexicon.__file__).resolve().parent
    shadow = folder / "shadow" / "express_lexicon"
    shadow.mkdir(parents=True)
    for entry in package.iterdir():
        if entry.name != "__pycache__":
            (shadow / entry.name).symlink_to(entry)
    data = shadow / "ontology_data"  # the build's files, and the schema as shipped
    data.mkdir()
    for entry in ontology.resolve().iterdir():
        (data / entry.name).symlink_to(entry)
    shipped = Path(rdf_schema_path())
    if not (data / shipped.name).exists():
        (data / shipped.name).symlink_to(shipped)
    return str(shadow.parent)


def rdf_schema_path() -> str:
    from express_lexicon.build import default_ontology_directory
    from express_lexicon.rdf import SCHEMA_FILE

    return str(default_ontology_directory() / SCHEMA_FILE)


def canonical(path: Path, fmt: str) -> set[bytes]:
    """The triples of an RDF file as canonical N-Triples lines (pyoxigraph)."""
    import pyoxigraph as ox

    kind = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
            "xml": ox.RdfFormat.RDF_XML}[fmt]
    data = ox.serialize(ox.parse(path=str(path), format=kind), format=ox.RdfFormat.N_TRIPLES)
    return set(data.splitlines())


def sparql_values(document: dict) -> list[tuple]:
    """SPARQL JSON rows as sorted tuples of plain values (numbers compared as numbers: a
    store writes the decimal 1.0 as 1)."""
    names = document["head"]["vars"]
    rows = []
    for binding in document["results"]["bindings"]:
        values = []
        for name in names:
            cell = binding.get(name)
            if cell is None:
                values.append(None)
            elif cell.get("datatype", "").endswith(("#decimal", "#double", "#integer", "#float")):
                values.append(round(float(cell["value"]), 9))
            else:
                values.append(cell["value"])
        rows.append(tuple(values))
    return sorted(rows, key=repr)


RDFLIB_QUERIES = r"""
import json, sys, time
from express_lexicon.rdf import PREFIXES, lexicon_to_rdf
from rdflib.plugins.sparql import prepareQuery
start = time.perf_counter()
graph = lexicon_to_rdf()
report = {"build": time.perf_counter() - start, "triples": len(graph), "queries": {}}
for name, text in json.loads(sys.argv[1]).items():
    start = time.perf_counter()
    result = graph.query(prepareQuery(text, initNs=PREFIXES))
    document = json.loads(result.serialize(format="json"))
    report["queries"][name] = {"seconds": time.perf_counter() - start, "result": document}
print(json.dumps(report))
"""
RDFLIB_EXPORT = ("import sys; from express_lexicon.rdf import lexicon_to_rdf, write_rdf; "
                 "print(write_rdf(lexicon_to_rdf(), sys.argv[1], sys.argv[2]))")
RDFLIB_PARSE = ("import sys, time; from rdflib import Graph; start = time.perf_counter(); "
                "graph = Graph().parse(sys.argv[1], format='turtle'); "
                "print(len(graph), time.perf_counter() - start)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timed pyoxigraph process (median)")
    parser.add_argument("--rdflib-formats", default="turtle,nt,json-ld,xml",
                        help="formats to export the rdflib way too (slow: about a minute each)")
    parser.add_argument("--skip-rdflib", action="store_true", help="leave the rdflib path out")
    parser.add_argument("--ontology", metavar="DIR", help="measure the ontology built into DIR")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--keep", metavar="DIR", help="write the exported files into DIR and keep them")
    args = parser.parse_args(argv)

    from express_lexicon import rdf
    from express_lexicon.decomposer import Lexicon, default_lexicon
    from express_lexicon.ontology import read_manifest
    from express_lexicon.rdf import export as rdf_export

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    tmp = tempfile.TemporaryDirectory()
    work = Path(tmp.name)
    folder = Path(args.keep) if args.keep else work / "files"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, rdf.CACHE_ENV: str(work / "cache")}
    env.pop("EXPRESS_LEXICON_DEBUG", None)
    if args.ontology:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [shadow_package(Path(args.ontology), work),
                                                          env.get("PYTHONPATH")]))
    python = [sys.executable]
    cli = [*python, "-m", "express_lexicon"]
    rows: list[dict] = []

    # 1. the triples
    lexicon = Lexicon(args.ontology) if args.ontology else default_lexicon()
    ontology, records = lexicon.ontology, rdf_export._lexicon_records(lexicon)
    manifest = read_manifest(Path(args.ontology) if args.ontology else None)
    if rdf.RDF_FILE not in manifest["digests"]:
        log(f"note: this ontology was built without {rdf.RDF_FILE}; export and query compute its RDF first "
            "(rebuild it, or measure a fresh build with --ontology DIR)")
    start = time.perf_counter()
    data = rdf.ontology_ntriples(ontology, records)
    write = time.perf_counter() - start
    lean = gzip.decompress(data).count(b"\n")
    original = rdf_export.edge_defaults
    rdf_export.edge_defaults = lambda ontology: {}  # every edge reified, as before issue 12
    try:
        before = gzip.decompress(rdf.ontology_ntriples(ontology, records)).count(b"\n")
    finally:
        rdf_export.edge_defaults = original
    schema = len(rdf.schema_graph())
    millions = (lean + schema) / 1e6
    rows.append(row("ontology: terms / synsets / edges",
                    f"{len(records):,} / {sum(1 for _ in ontology.nodes('synset')):,} / "
                    f"{ontology.graph.number_of_edges():,}", ""))
    rows.append(row("triples: every edge reified (before) -> lean (now)", f"{before:,} -> {lean:,}", "",
                    "report"))
    rows.append(row("triples with the schema", f"{lean + schema:,}", ""))
    rows.append(row("build: write ontology.nt.gz (in-process)", round(write, 1), "s", "report"))
    rows.append(row("ontology.nt.gz size", round(len(data) / 1e6, 1), "MB", "report"))
    log(f"{before:,} triples before, {lean:,} now; ontology.nt.gz written in {write:.1f} s")
    del data

    # 2. export
    exported: dict[str, Path] = {}
    export_seconds: list[float] = []
    for fmt, suffix in FORMATS.items():
        path = folder / f"express-lexicon{suffix}"
        seconds, peak, _ = timed([*cli, "export", "--format", fmt, "-o", str(path)], env, args.runs)
        exported[fmt] = path
        export_seconds.append(seconds)
        ok = seconds <= 5 and peak < 300
        rows.append(row(f"pyoxigraph: export --format {fmt} (process) / peak memory",
                        f"{seconds:.2f} s / {peak:.0f} MB", "", "<= 5 s, < 300 MB", ok))
        rows.append(row(f"{fmt}: file size", round(path.stat().st_size / 1e6, 1), "MB"))
        log(f"export {fmt}: {seconds:.2f} s, {peak:.0f} MB")
    reference = canonical(exported["nt"], "nt")
    same = all(canonical(path, fmt) == reference for fmt, path in exported.items() if fmt != "nt")
    rows.append(row("all four exports parse back to the same triples", same, "", "True", same))
    rows.append(row("triples exported", f"{len(reference):,}", ""))
    if not args.skip_rdflib:
        for fmt in [f.strip() for f in args.rdflib_formats.split(",") if f.strip()]:
            path = work / f"rdflib{FORMATS[fmt]}"
            seconds, peak, _ = _run_measured([*python, "-c", RDFLIB_EXPORT, str(path), fmt], env, subprocess.DEVNULL)
            same_as = canonical(path, fmt) == reference
            rows.append(row(f"rdflib: export --format {fmt} (process) / peak memory",
                            f"{seconds:.1f} s / {peak:.0f} MB", "", "report"))
            rows.append(row(f"rdflib {fmt} export has the same triples", same_as, "", "True", same_as))
            log(f"rdflib export {fmt}: {seconds:.1f} s, {peak:.0f} MB, same triples: {same_as}")
            path.unlink()

    # 3. query over the shipped ontology
    queries = readme_queries()
    seconds, peak, _ = _run_measured([*cli, "query", COUNT], env, subprocess.DEVNULL)
    rows.append(row("pyoxigraph: first query (builds the store) / peak memory", f"{seconds:.1f} s / {peak:.0f} MB",
                    "", "<= 15 s", seconds <= 15))
    log(f"first query, building the store: {seconds:.1f} s")
    results: dict[str, list[tuple]] = {}
    query_seconds: list[float] = []
    for name, text in queries.items():
        seconds, peak, out = timed([*cli, "query", "--format", "json", text], env, args.runs, stdout=None)
        results[name] = sparql_values(json.loads(out))
        query_seconds.append(seconds)
        rows.append(row(f"pyoxigraph: query {name!r} (process) / peak memory",
                        f"{seconds:.2f} s / {peak:.0f} MB", "", "<= 1 s", seconds <= 1))
        rows.append(row("  rows", len(results[name]), ""))
        log(f"query {name}: {seconds:.2f} s, {len(results[name])} rows")
    if not args.skip_rdflib:
        seconds, peak, out = _run_measured([*python, "-c", RDFLIB_QUERIES, json.dumps(queries)], env, None)
        report = json.loads(out)
        rows.append(row("rdflib: build the graph in-process (lexicon_to_rdf) / process peak",
                        f"{report['build']:.1f} s / {peak:.0f} MB", "", "report"))
        for name, entry in report["queries"].items():
            same = sparql_values(entry["result"]) == results[name]
            rows.append(row(f"rdflib: query {name!r} after the build", round(entry["seconds"], 2), "s", "report"))
            rows.append(row("  same rows as pyoxigraph", same, "", "True", same))
            log(f"rdflib query {name}: {entry['seconds']:.1f} s, same rows: {same}")

    # 4. query --data on the whole Turtle export
    turtle = exported["turtle"]
    seconds, peak, out = timed([*cli, "query", "--format", "csv", "--data", str(turtle), COUNT], env, args.runs,
                               stdout=None)
    rows.append(row("pyoxigraph: query --data (whole Turtle export) / peak memory",
                    f"{seconds:.1f} s / {peak:.0f} MB", "", "<= 8 s", seconds <= 8))
    log(f"query --data: {seconds:.1f} s")
    if not args.skip_rdflib:
        seconds, peak, out = _run_measured([*python, "-c", RDFLIB_PARSE, str(turtle)], env, None)
        rows.append(row("rdflib: parse the whole Turtle export (process) / peak memory",
                        f"{seconds:.1f} s / {peak:.0f} MB", "", "report"))

    # 5. per million triples
    rows.append(row("per million triples: export (slowest format) / query (slowest)",
                    f"{max(export_seconds) / millions:.2f} s / {max(query_seconds) / millions:.2f} s", "", "report"))
    if not args.keep:
        tmp.cleanup()

    if args.json:
        print(json.dumps(rows))
        return 0
    print_table(rows)
    import pyoxigraph
    import rdflib

    print(f"\npython {sys.version.split()[0]}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
