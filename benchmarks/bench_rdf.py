"""Benchmark the RDF export and import of the whole shipped ontology (issue 5).

Measures, in this process:

1. building the RDF graph of the whole ontology (:func:`express_lexicon.rdf.lexicon_to_rdf`)
   and its triple count;
2. writing it as Turtle (``write_rdf``) and reading it back: parsing the file with rdflib
   and rebuilding the ontology and term records (``ontology_from_rdf``) -- export and
   import time as the closing note of the issue asks for them;
3. a loss check: the imported graph's ``to_json()`` equals the shipped one's, the term
   table is identical, and exporting the import again gives the same triples;
4. with ``--formats`` (default all), writing and parsing back N-Triples, JSON-LD and
   RDF/XML, each parse checked to give the same triple count.

Prints a table (or the rows as JSON with ``--json``, for ``run_all.py``). Takes several
minutes and a few GB of memory; not part of the test run; always exits 0::

    python benchmarks/bench_rdf.py [--formats turtle,nt,json-ld,xml] [--json] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from _table import print_table, row


def peak_memory_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", default="turtle,nt,json-ld,xml",
                        help="comma-separated formats to write and parse back (turtle is always measured)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--keep", metavar="DIR", help="write the files into DIR and keep them")
    args = parser.parse_args(argv)

    from express_lexicon import rdf
    from express_lexicon.decomposer import default_lexicon
    from express_lexicon.ontology import terms_table

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    rows: list[dict] = []
    lexicon = default_lexicon()
    ontology = lexicon.ontology
    records = rdf._lexicon_records(lexicon)
    rows.append(row("ontology: terms / synsets / edges",
                    f"{len(records):,} / {sum(1 for _ in ontology.nodes('synset')):,} / "
                    f"{ontology.graph.number_of_edges():,}", ""))

    start = time.perf_counter()
    graph = rdf.ontology_to_rdf(ontology, records)
    build = time.perf_counter() - start
    rows.append(row("triples", f"{len(graph):,}", ""))
    rows.append(row("build the RDF graph", round(build, 1), "s"))
    log(f"built {len(graph):,} triples in {build:.1f} s")

    tmp = tempfile.TemporaryDirectory()
    folder = Path(args.keep) if args.keep else Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)

    turtle = folder / "express-lexicon.ttl"
    start = time.perf_counter()
    rdf.write_rdf(graph, turtle, "turtle")
    write = time.perf_counter() - start
    rows.append(row("write Turtle", round(write, 1), "s"))
    rows.append(row("export as Turtle (build + write)", round(build + write, 1), "s"))
    rows.append(row("Turtle file size", round(turtle.stat().st_size / 1e6, 1), "MB"))
    log(f"wrote Turtle in {write:.1f} s")

    start = time.perf_counter()
    parsed = rdf.read_graph(turtle)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    imported, imported_records = rdf.ontology_from_rdf(parsed)
    rebuild = time.perf_counter() - start
    rows.append(row("parse Turtle", round(parse, 1), "s"))
    rows.append(row("rebuild ontology + records", round(rebuild, 1), "s"))
    rows.append(row("import from Turtle (parse + rebuild)", round(parse + rebuild, 1), "s"))
    log(f"parsed Turtle in {parse:.1f} s, rebuilt in {rebuild:.1f} s")

    same_graph = imported.to_json() == ontology.to_json()
    same_terms = terms_table(imported_records) == terms_table(records)
    rows.append(row("Turtle parses back to the same triple count", len(parsed) == len(graph), "",
                    "True", len(parsed) == len(graph)))
    rows.append(row("imported graph == shipped graph", same_graph, "", "True", same_graph))
    rows.append(row("imported terms.tsv == shipped terms.tsv", same_terms, "", "True", same_terms))
    again = rdf.ontology_to_rdf(imported, imported_records)
    # No blank nodes anywhere, so isomorphism is set equality (rdflib's isomorphic()
    # hashes every triple and would take minutes here).
    same_export = set(again) == set(graph)
    rows.append(row("export of the import == export", same_export, "", "True", same_export))
    del parsed, imported, imported_records, again
    gc.collect()

    for fmt in [f.strip() for f in args.formats.split(",") if f.strip() and f.strip() != "turtle"]:
        path = folder / f"express-lexicon{rdf.FORMATS[fmt]}"
        start = time.perf_counter()
        rdf.write_rdf(graph, path, fmt)
        write = time.perf_counter() - start
        start = time.perf_counter()
        back = rdf.read_graph(path)
        parse = time.perf_counter() - start
        ok = len(back) == len(graph)
        rows.append(row(f"{fmt}: write / parse", f"{write:.1f} / {parse:.1f}", "s"))
        rows.append(row(f"{fmt}: file size", round(path.stat().st_size / 1e6, 1), "MB"))
        rows.append(row(f"{fmt}: parses back to the same triple count", ok, "", "True", ok))
        log(f"{fmt}: wrote in {write:.1f} s, parsed in {parse:.1f} s, {len(back):,} triples")
        del back
        gc.collect()
        if not args.keep:
            path.unlink()
    rows.append(row("peak memory", peak_memory_mb(), "MB"))
    tmp.cleanup()

    if args.json:
        print(json.dumps(rows))
        return 0
    print_table(rows)
    print(f"\npython {sys.version.split()[0]}, rdflib {__import__('rdflib').__version__}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
