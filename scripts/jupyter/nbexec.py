#!/usr/bin/env python3
"""Execute notebooks with Jupyter's own executor (nbclient) and the project
kernel, then export each to HTML with nbconvert: one Python process for a whole
run, `--jobs` kernels at a time (the imports and the HTML template are loaded
once, not once per notebook).

Usage: nbexec.py JOBS.json [--jobs N] [--timeout S] [--kernel NAME] [--cwd DIR]

JOBS.json: a list of {"src", "out_ipynb", "out_html", "inject": str|null,
"env": {name: value}}. "inject" is TypeScript source of a cell to insert right
after the cell tagged `parameters` (papermill's convention; the cell is tagged
`injected-parameters`); "env" is added to the kernel's environment.

Prints one JSON line per notebook as it finishes: {"job": i, "ok": bool,
"seconds": float, "cells": int, "error": {"cell": n, "firstLine": str,
"text": str}}. The error text is read from the executed cell's outputs (tslab
sends type errors to stderr and nbconvert's CellExecutionError message is
empty). A notebook whose kernel cannot start gets "ok": false with the reason;
the others still run. Exit code 0 when every notebook ran without error.

SIGINT/SIGTERM (Ctrl-C, or the runner stopping the run): every kernel is
killed (jupyter_client starts each in a session of its own, so a terminal's
Ctrl-C never reaches it) and waited for, then the process exits without
writing anything more.
"""
import argparse
import asyncio
import json
import os
import signal
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from kernelspecs import ProjectKernelManager  # scripts/jupyter/kernelspecs.py: no IPython import


def cell_error_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            tb = out.get("traceback") or []
            parts.append("\n".join(tb) if tb else f"{out.get('ename', '')}: {out.get('evalue', '')}")
    return "".join(parts).strip()


def failure(cells, text, cell=None, first="", injected=False):
    return {"ok": False, "cells": cells, "error": {"cell": cell, "firstLine": first, "text": text, "injected": injected}}


def prepare(job):
    """The notebook to execute, with the injected parameters cell; None and a reason when it cannot be."""
    nb = nbformat.read(job["src"], as_version=4)
    if job.get("inject"):
        idx = next((i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
        if idx is None:
            return nb, "no cell tagged 'parameters' to override"
        cell = nbformat.v4.new_code_cell(source=job["inject"])
        cell.metadata["tags"] = ["injected-parameters"]
        cell.pop("id", None)
        nb.cells.insert(idx + 1, cell)
    # stable cell ids keep repeated runs byte-identical
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i}"
    return nb, None


class Run:
    def __init__(self, args):
        self.args = args
        self.clients = set()
        self._exporter = None
        self.export_lock = threading.Lock()

    def exporter(self):
        if self._exporter is None:
            from nbconvert import HTMLExporter

            self._exporter = HTMLExporter(template_name="lab")
        return self._exporter

    def kill_kernels(self):
        for client in list(self.clients):
            prov = getattr(getattr(client, "km", None), "provisioner", None)
            pgid, proc = getattr(prov, "pgid", None), getattr(prov, "process", None)
            try:
                if pgid:
                    os.killpg(pgid, signal.SIGKILL)
                elif proc is not None:
                    proc.kill()
                if proc is not None:
                    proc.wait(timeout=10)
            except Exception:
                pass

    async def execute(self, job):
        nb, problem = prepare(job)
        if problem:
            return nb, failure(len(nb.cells), problem)
        current = {"index": None}

        def on_cell_start(cell, cell_index, **kwargs):
            current["index"] = cell_index

        client = NotebookClient(
            nb,
            kernel_name=self.args.kernel,
            kernel_manager_class=ProjectKernelManager,
            timeout=self.args.timeout,
            startup_timeout=120,
            record_timing=False,
            resources={"metadata": {"path": self.args.cwd}},
            on_cell_start=on_cell_start,
        )
        self.clients.add(client)
        result = {"ok": True, "cells": len(nb.cells)}
        try:
            await client.async_execute(env={**os.environ, **job.get("env", {})})
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
            i = current["index"]
            cell = nb.cells[i] if i is not None else None
            text = cell_error_text(cell) if cell is not None else ""
            if not text:
                text = str(e).strip() or type(e).__name__
            if isinstance(e, CellTimeoutError):
                text = f"cell timed out after {self.args.timeout} s\n{text}"
            first = next((ln for ln in (cell.source.splitlines() if cell is not None else []) if ln.strip()), "")
            injected = bool(cell is not None and "injected-parameters" in cell.get("metadata", {}).get("tags", []))
            result = failure(len(nb.cells), text, i, first, injected)
        except Exception as e:  # the kernel did not start, or the executor failed: this notebook only
            result = failure(len(nb.cells), f"the executor failed: {type(e).__name__}: {e}".strip())
        finally:
            self.clients.discard(client)
        return nb, result

    def write(self, nb, job):
        nb.metadata.pop("papermill", None)
        nbformat.write(nb, job["out_ipynb"])
        with self.export_lock:  # one exporter, one notebook at a time
            html, _ = self.exporter().from_notebook_node(nb)
        with open(job["out_html"], "w", encoding="utf-8") as f:
            f.write(html)

    async def one(self, i, job, slots):
        async with slots:
            t0 = time.monotonic()
            nb, result = await self.execute(job)
            result["seconds"] = round(time.monotonic() - t0, 2)
        # the kernel is gone and its slot free: the next notebook's kernel starts while this one is exported
        # (in a thread, so the event loop goes on serving the running kernels)
        try:
            await asyncio.to_thread(self.write, nb, job)
        except Exception as e:  # this notebook's files only: the others go on
            result = failure(result["cells"], f"writing {job['out_ipynb']} or its HTML failed: {type(e).__name__}: {e}") | {"seconds": result["seconds"]}
        print(json.dumps({"job": i, **result}), flush=True)
        return result["ok"]

    async def all(self, jobs):
        slots = asyncio.Semaphore(max(1, self.args.jobs))
        return await asyncio.gather(*(self.one(i, job, slots) for i, job in enumerate(jobs)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jobs_file")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--kernel", default="tslab-study")
    ap.add_argument("--cwd", default=os.getcwd())
    args = ap.parse_args()
    with open(args.jobs_file, encoding="utf-8") as f:
        jobs = json.load(f)
    run = Run(args)

    def stop(signum, _frame):
        run.kill_kernels()
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    oks = asyncio.run(run.all(jobs))
    return 0 if all(oks) else 1


if __name__ == "__main__":
    sys.exit(main())
