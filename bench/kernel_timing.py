#!/usr/bin/env python3
"""Time the project kernel (tslab-study) the way Jupyter drives it: start a
fresh kernel with jupyter_client, then run the notebooks' import line and a
tweaked runStudy cell.

Usage: kernel_timing.py ROOT [--runs N] [--kernel NAME]
JUPYTER_PATH must point at ROOT/jupyter (bench/run.ts and the tests set it).
Prints one JSON line per run: {"start": s, "import": s, "cell": s (the first tweaked
cell), "cell2": s (a second one, same kernel), "value": the cell's output,
"load": [1, 5, 15 min] before the run, "eval0": output of the first --eval cell, ...}.
"""
import argparse
import json
import os
import sys
import time

from jupyter_client.manager import start_new_kernel

IMPORT = "import * as study from './lib/index.js'"
CELL2 = "const run2 = study.runStudy({ dataSource: 'synthetic', choices: { growth: 0.45 } }); console.log(run2.partition.length)"
CELL = "const run = study.runStudy({ dataSource: 'synthetic', choices: { growth: 0.4 } }); console.log(run.partition.length)"


def execute(kc, code, timeout=300):
    t0 = time.monotonic()
    msg_id = kc.execute(code)
    errors = []
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        c = msg["content"]
        if t == "error":
            errors.append(f"{c.get('ename')}: {c.get('evalue')}")
        elif t == "stream" and c.get("name") == "stderr":
            errors.append(c.get("text", ""))
        elif t == "stream" and c.get("name") == "stdout":
            result = (result or "") + c.get("text", "")
        elif t == "execute_result":
            result = c.get("data", {}).get("text/plain")
        elif t == "status" and c.get("execution_state") == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    secs = time.monotonic() - t0
    if reply["content"].get("status") != "ok" or errors:
        raise RuntimeError(f"cell failed: {code!r}: {''.join(errors)} {reply['content']}")
    return secs, result


def one_run(root, kernel, cell, extra):
    load = list(os.getloadavg())
    t0 = time.monotonic()
    km, kc = start_new_kernel(kernel_name=kernel, cwd=root, startup_timeout=180)
    start = time.monotonic() - t0
    try:
        imp, _ = execute(kc, IMPORT)
        c, value = execute(kc, cell)
        c2, _ = execute(kc, CELL2)
        out = {"start": round(start, 3), "import": round(imp, 3), "cell": round(c, 3), "cell2": round(c2, 3), "value": value.strip() if isinstance(value, str) else value, "load": [round(x, 2) for x in load]}
        for i, code in enumerate(extra):
            _, value = execute(kc, code)
            out[f"eval{i}"] = value.strip() if isinstance(value, str) else value
        return out
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--kernel", default="tslab-study")
    ap.add_argument("--cell", default=CELL)
    ap.add_argument("--eval", action="append", default=[], help="extra cell(s) run after the timed ones; their output (console.log or value) is reported")
    args = ap.parse_args()
    for _ in range(args.runs):
        print(json.dumps(one_run(os.path.abspath(args.root), args.kernel, args.cell, args.eval)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
