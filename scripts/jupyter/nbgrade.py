#!/usr/bin/env python3
"""Execute one submitted notebook for grading: cell by cell with nbclient and the given kernel, in the given
working folder, continuing after a failing cell (a student's error in one exercise does not hide the others),
and stopping at a total time limit.

Usage: nbgrade.py IN.ipynb OUT.ipynb --cwd DIR --limit SECONDS [--kernel NAME]

Prints one JSON line on stdout: {"outcome": "ok" | "timeout" | "dead" | "unreadable", "seconds": float,
"errors": [{"cell": n, "text": str}], "stoppedAt": n | null, "detail": str}. OUT.ipynb holds the executed cells.
"""
import argparse
import json
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from kernelspecs import ProjectKernelManager  # scripts/jupyter/kernelspecs.py: no IPython import


def error_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    return "".join(parts).strip()


class Stop(Exception):
    pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--cwd", required=True)
    ap.add_argument("--limit", type=float, default=180)
    ap.add_argument("--kernel", default="tslab-study")
    args = ap.parse_args()

    def on_term(signum, frame):
        raise Stop()

    signal.signal(signal.SIGTERM, on_term)
    t0 = time.monotonic()
    result = {"outcome": "ok", "errors": [], "stoppedAt": None, "detail": ""}
    try:
        nb = nbformat.read(args.src, as_version=4)
    except Exception as e:  # not JSON, not a notebook
        result.update(outcome="unreadable", detail=f"{type(e).__name__}: {e}"[:500], seconds=0)
        print(json.dumps(result))
        return 0
    client = NotebookClient(nb, kernel_name=args.kernel, kernel_manager_class=ProjectKernelManager, timeout=max(1, int(args.limit)), startup_timeout=120, allow_errors=False,
                            record_timing=False, shutdown_kernel="immediate",
                            resources={"metadata": {"path": args.cwd}})
    try:
        with client.setup_kernel():
            # the limit counts the submission's cells, not the kernel's start (a busy machine must not cost a
            # student time); the start has its own limit (startup_timeout)
            deadline = time.monotonic() + args.limit
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CellTimeoutError(f"time limit of {args.limit:g} s reached before cell {i}")
                client.timeout = max(1, int(left + 0.999))
                try:
                    client.execute_cell(cell, i)
                except CellExecutionError as e:
                    # tslab reports type errors on stderr with an error reply: record and go on to the next cell
                    result["errors"].append({"cell": i, "text": (error_text(cell) or str(e))[:2000]})
                result["stoppedAt"] = i
    except CellTimeoutError as e:
        result.update(outcome="timeout", detail=f"the notebook ran past its time limit of {args.limit:g} s (in cell {result['stoppedAt'] + 1 if result['stoppedAt'] is not None else 0})")
        result["stoppedAt"] = (result["stoppedAt"] + 1) if result["stoppedAt"] is not None else 0
    except DeadKernelError as e:
        result.update(outcome="dead", detail=f"the kernel died: {e}"[:500])
    except Stop:
        result.update(outcome="timeout", detail=f"stopped by the grader after its time limit")
    except Exception as e:
        result.update(outcome="dead", detail=f"{type(e).__name__}: {e}"[:500])
    finally:
        try:
            if client.km is not None:
                client.km.shutdown_kernel(now=True)
        except Exception:
            pass
    result["seconds"] = round(time.monotonic() - t0, 2)
    try:
        nbformat.write(nb, args.out)
    except Exception as e:
        result["detail"] += f" (executed notebook not written: {e})"
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
