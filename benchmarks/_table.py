"""The row format every benchmark reports and the one table printer they share.

A row is a dict: ``name``, ``value``, ``unit``, ``target`` (text, empty when the figure is
only reported) and ``ok`` (True/False against the target, None when there is none);
``run_all.py`` adds ``group``.
"""

from __future__ import annotations


def row(name: str, value: float | str, unit: str, target: str = "", ok: bool | None = None) -> dict:
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok}


def print_table(rows: list[dict]) -> None:
    """One line per measurement: (group,) name, figure with unit, target, yes/NO."""
    grouped = any("group" in r for r in rows)
    width = max(len(r["name"]) for r in rows)
    figures = [f"{r['value']} {r['unit']}".strip() for r in rows]
    figure_width = max(14, *(len(f) for f in figures))
    head = f"{'group':<10} " if grouped else ""
    print(f"{head}{'measurement':<{width}}  {'figure':>{figure_width}}  {'target':<16} ok")
    print(f"{'-' * 10 + ' ' if grouped else ''}{'-' * width}  {'-' * figure_width}  {'-' * 16} --")
    for r, figure in zip(rows, figures):
        ok = {True: "yes", False: "NO", None: ""}[r["ok"]]
        group = f"{r.get('group', ''):<10} " if grouped else ""
        print(f"{group}{r['name']:<{width}}  {figure:>{figure_width}}  {r['target']:<16} {ok}")
