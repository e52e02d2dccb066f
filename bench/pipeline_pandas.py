#!/usr/bin/env python3
"""The same pipeline in pandas, on the same file, for bench/run.ts:
read the tidy panel CSV → sum partner rows per code × month → V (sample SD /
mean) and G (linear weights, base = the first month, x₁: the printed formula and the library's default) over
2015-01..2024-12 → pattern with the study's default thresholds and the
semiconductor rule (codes 8486*, 8541*, 8542*). Prints one JSON line."""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
df = pd.read_csv(path, comment="#", dtype={"code": str, "level": str, "month": str, "value_usd": "float64", "partner": str},
                 usecols=["code", "month", "value_usd"])
rows = len(df)
panel = df.groupby(["code", "month"], sort=True)["value_usd"].sum().unstack("month")
t1 = time.perf_counter()
window = [m for m in panel.columns if "2015-01" <= m <= "2024-12"]
x = panel[window].to_numpy()
T = x.shape[1]
mean = np.nanmean(x, axis=1)
sd = np.nanstd(x, axis=1, ddof=1)
V = sd / mean
base = x[:, 0]
w = np.arange(1, T + 1, dtype=float)
with np.errstate(divide="ignore", invalid="ignore"):
    xp = (x - base[:, None]) / base[:, None]
    G = (xp * w).sum(axis=1) / w.sum()
t2 = time.perf_counter()
codes = panel.index.to_numpy()
semi = np.array([c.startswith(("8486", "8541", "8542")) for c in codes])
ok = np.isfinite(G) & np.isfinite(V) & (base > 0)
high_g = G > 0.5
high_v = V > 0.3
stock = ok & high_g & (high_v | semi)
noeff = ok & high_g & ~(high_v | semi)
subst = ok & ~high_g
t3 = time.perf_counter()
print(json.dumps({
    "rows": rows,
    "codes": int(len(codes)),
    "months": int(panel.shape[1]),
    "importAggregateSeconds": t1 - t0,
    "indicesSeconds": t2 - t1,
    "partitionSeconds": t3 - t2,
    "totalSeconds": t3 - t0,
    "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "patterns": {"substitution": int(subst.sum()), "no effect": int(noeff.sum()), "stockpiling": int(stock.sum()),
                 "skipped": int((~ok).sum()), "total": int(len(codes))},
    "pandas": pd.__version__,
}))
