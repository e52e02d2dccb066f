#!/usr/bin/env python3
"""Execute one notebook with Jupyter's own executor (nbclient) and the project
kernel, then export it to HTML with nbconvert.

Usage: nbexec.py IN.ipynb OUT.ipynb OUT.html [--inject FILE] [--timeout S] [--kernel NAME]

--inject FILE: TypeScript source of a cell to insert right after the cell tagged
`parameters` (papermill's convention; the cell is tagged `injected-parameters`).

Prints one JSON line on stdout: {"ok": bool, "seconds": float, "cells": int,
"error": {"cell": n, "firstLine": str, "text": str}}. The error text is read
from the executed cell's outputs (tslab sends type errors to stderr and
nbconvert's CellExecutionError message is empty).
"""
import argparse
import json
import os
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def cell_error_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            tb = out.get("traceback") or []
            parts.append("\n".join(tb) if tb else f"{out.get('ename', '')}: {out.get('evalue', '')}")
    return "".join(parts).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out_ipynb")
    ap.add_argument("out_html")
    ap.add_argument("--inject")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--kernel", default="tslab-study")
    ap.add_argument("--cwd", default=os.getcwd())
    args = ap.parse_args()

    nb = nbformat.read(args.src, as_version=4)
    if args.inject:
        with open(args.inject, encoding="utf-8") as f:
            source = f.read()
        idx = next((i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
        if idx is None:
            print(json.dumps({"ok": False, "seconds": 0, "cells": len(nb.cells),
                              "error": {"cell": None, "firstLine": "", "text": "no cell tagged 'parameters' to override"}}))
            return 1
        cell = nbformat.v4.new_code_cell(source=source)
        cell.metadata["tags"] = ["injected-parameters"]
        cell.pop("id", None)
        nb.cells.insert(idx + 1, cell)
    # stable cell ids keep repeated runs byte-identical
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i}"

    current = {"index": None}

    def on_cell_start(cell, cell_index, **kwargs):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=120,
        record_timing=False,
        resources={"metadata": {"path": args.cwd}},
        on_cell_start=on_cell_start,
    )
    def stop(signum, _frame):
        # Ctrl-C or the runner's SIGTERM: end the kernel first (jupyter_client starts it in a session of
        # its own, so a terminal's Ctrl-C never reaches it), wait until it is gone, then exit without
        # writing anything. Nothing of this notebook's run may be written after the runner cleans up.
        prov = getattr(client.km, "provisioner", None) if getattr(client, "km", None) else None
        pgid, proc = getattr(prov, "pgid", None), getattr(prov, "process", None)
        try:
            if pgid:
                os.killpg(pgid, signal.SIGKILL)
            elif proc is not None:
                proc.kill()
            if proc is not None:
                proc.wait(timeout=10)
        except (OSError, Exception):
            pass
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    t0 = time.monotonic()
    result = {"ok": True, "cells": len(nb.cells)}
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        i = current["index"]
        cell = nb.cells[i] if i is not None else None
        text = cell_error_text(cell) if cell is not None else ""
        if not text:
            text = str(e).strip() or type(e).__name__
        if isinstance(e, CellTimeoutError):
            text = f"cell timed out after {args.timeout} s\n{text}"
        first = next((ln for ln in (cell.source.splitlines() if cell is not None else []) if ln.strip()), "")
        result = {"ok": False, "cells": len(nb.cells),
                  "error": {"cell": i, "firstLine": first, "text": text,
                            "injected": bool(cell is not None and "injected-parameters" in cell.get("metadata", {}).get("tags", []))}}
    result["seconds"] = round(time.monotonic() - t0, 2)

    nb.metadata.pop("papermill", None)
    nbformat.write(nb, args.out_ipynb)
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="lab")
    html, _ = exporter.from_notebook_node(nb)
    with open(args.out_html, "w", encoding="utf-8") as f:
        f.write(html)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
