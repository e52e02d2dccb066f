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
import re
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from kernelspecs import ProjectKernelManager  # scripts/jupyter/kernelspecs.py: no IPython import


ANSI = re.compile(r"\x1b\[[0-9;]*m")
# the line that says what went wrong: a thrown error ("Error: …", "TypeError: …") or a compiler error ("3:7 - …");
# tslab prints a thrown error's stack on stderr, starting with its location ("evalmachine.<anonymous>:2")
MESSAGE = re.compile(r"^(?:(?:[A-Za-z_$][\w$.]*)?(?:Error|Exception)\b.*|Uncaught\b.*|\d+:\d+ - .*)$")


def error_text(cell):
    """The error's message first (the first line that says what went wrong), then the rest of its output."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    text = ANSI.sub("", "".join(parts)).strip()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    messages = [ln for ln in lines if MESSAGE.match(ln)]
    if messages and lines[0] != messages[0]:
        text = "\n".join(messages) + "\n" + text
    return text


# tslab cancels ("abort") every request that arrives within 200 ms after a cell's error
# (execQueue.reset(200) in tslab/dist/jupyter.js): after an error the next cell waits this long, and a cell
# that is answered "abort" anyway is sent again
AFTER_ERROR_S = 0.3
RESENDS = 3


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
    replies = {}

    def on_executed(cell, cell_index, execute_reply, **kwargs):
        replies[cell_index] = (execute_reply or {}).get("content", {}).get("status")

    client = NotebookClient(nb, kernel_name=args.kernel, kernel_manager_class=ProjectKernelManager, timeout=max(1, int(args.limit)), startup_timeout=120, allow_errors=False,
                            record_timing=False, shutdown_kernel="immediate", on_cell_executed=on_executed,
                            resources={"metadata": {"path": args.cwd}})
    running = None
    try:
        with client.setup_kernel():
            # the limit counts the submission's cells, not the kernel's start (a busy machine must not cost a
            # student time); the start has its own limit (startup_timeout)
            deadline = time.monotonic() + args.limit
            last_failed = False
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                running = i
                for attempt in range(RESENDS + 1):
                    if last_failed:
                        time.sleep(AFTER_ERROR_S)
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise CellTimeoutError(f"time limit of {args.limit:g} s reached before cell {i}")
                    client.timeout = max(1, int(left + 0.999))
                    replies.pop(i, None)
                    try:
                        client.execute_cell(cell, i)
                        last_failed = False
                    except CellExecutionError as e:
                        # tslab reports type errors on stderr with an error reply: record and go on to the next cell
                        result["errors"].append({"cell": i, "text": (error_text(cell) or str(e))[:2000]})
                        last_failed = True
                    if replies.get(i) != "abort":
                        break
                    last_failed = True  # cancelled by the kernel after an earlier error: wait, then send it again
                else:
                    result["errors"].append({"cell": i, "text": f"the kernel refused to run this cell ({RESENDS + 1} tries)"})
                result["stoppedAt"] = i
                running = None
    except CellTimeoutError as e:
        at = running if running is not None else ((result["stoppedAt"] + 1) if result["stoppedAt"] is not None else 0)
        result.update(outcome="timeout", stoppedAt=at, detail=f"the notebook ran past its time limit of {args.limit:g} s (in cell {at})")
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
