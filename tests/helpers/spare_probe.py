#!/usr/bin/env python3
"""Start one project kernel through jupyter_client and probe it (tests/study/jupyter/kernel-spare.test.ts).

Usage: spare_probe.py ROOT [--interrupt] [--kill]
Prints one JSON line: {"launcher": pid Jupyter started, "kernel": pid that runs the cells, "probe": $STUDY_PROBE
as the kernel sees it, "groups": runStudy's group count, "interrupted": the first line an infinite loop cell
printed when Jupyter interrupted it, "kernelGone": whether the kernel process ended within 5 s of the launcher's SIGKILL}.
"""
import json
import os
import signal
import sys
import time

from jupyter_client.manager import start_new_kernel


def run(kc, code, timeout=120, msg_id=None):
    msg_id = msg_id or kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            out.append(msg["content"].get("text", ""))
        elif msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            break
    return "".join(out).strip()


def alive(pid):
    """Running (a zombie, exited but not yet reaped by its parent, is not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    root = sys.argv[1]
    km, kc = start_new_kernel(kernel_name="tslab-study", cwd=root, startup_timeout=120)
    res = {"launcher": km.provisioner.process.pid}
    try:
        pid, probe = run(kc, "console.log(process.pid, process.env.STUDY_PROBE)").split(" ", 1)
        res.update(kernel=int(pid), probe=probe)
        run(kc, "import * as study from './lib/index.js'")
        res["groups"] = run(kc, "console.log(study.runStudy({ dataSource: 'synthetic' }).partition.length)")
        if "--interrupt" in sys.argv:
            loop = kc.execute("let spins = 0; while (true) { spins++; }")
            time.sleep(1.5)
            km.interrupt_kernel()
            # the loop cell ends with tslab's interrupt message (a kernel that missed the signal would spin on: timeout)
            res["interrupted"] = run(kc, None, timeout=30, msg_id=loop).splitlines()[0]
        if "--kill" in sys.argv:
            os.kill(res["launcher"], signal.SIGKILL)
            t0 = time.monotonic()
            while alive(res["kernel"]) and time.monotonic() - t0 < 5:
                time.sleep(0.05)
            res["kernelGone"] = not alive(res["kernel"])
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass
    print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
