#!/usr/bin/python3
"""Summarizes bench/work/run.sh (Markdown): per task and model, the median over interleaved pairs of
DJL seconds / PyTorch seconds for the same unit of work, with a 95% bootstrap interval.

    summarize.py RESULTS_DIR     (writes RESULTS_DIR/summary.md, and all-runs.csv when it merges per-run CSVs)

Standard library only; the median and the bootstrap are bench/train/summarize.py's (imported, not copied)."""
import csv
import glob
import os
import random
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "train"))
from summarize import RESAMPLES, SEED, bootstrap, median  # noqa: E402  (bench/train/summarize.py)

UNITS = {"keygen": "keys", "markers": "markers", "mdgan": "iterations"}


def read_rows(out):
    """torch-*.csv and djl-*/runs.csv merged into all-runs.csv; else all-runs.csv as committed."""
    files = sorted(glob.glob(os.path.join(out, "torch-*.csv")) + glob.glob(os.path.join(out, "djl-*", "runs.csv")))
    merged = os.path.join(out, "all-runs.csv")
    rows = []
    if any("torch-" in f for f in files) and any("djl-" in f for f in files):
        for path in files:
            with open(path, newline="") as f:
                rows.extend(csv.DictReader(f))
        with open(merged, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    elif os.path.exists(merged):
        with open(merged, newline="") as f:
            rows.extend(csv.DictReader(f))
    if not rows:
        sys.exit(f"no results under {out}")
    return rows


def main(out):
    rows = read_rows(out)
    by = {}
    for r in rows:
        by.setdefault((r["task"], r["model"], r["variant"], r["side"]), {})[int(r["repeat"])] = r
    lines = ["Same unit of work on both sides, wall clock of the timed unit only (after one untimed warm-up unit in "
             "the same process; JVM start, Python start, data and model loading excluded). DJL/PyTorch is the median "
             "over pairs of DJL_i / PyTorch_i seconds, pair i being the two fresh processes run.sh ran back to back; "
             f"the 95% interval is the bootstrap percentile interval of that median ({RESAMPLES:,} resamples of the "
             f"pairs, seed {SEED}). Below 1: Frontier is faster. CPU: median over pairs of the ratio of process CPU "
             "seconds.", "",
             "| task | model | variant | pairs | units | PyTorch s | DJL s | PyTorch units/s | DJL units/s | "
             "**DJL/PyTorch time** | 95% interval | CPU DJL/PyTorch | result (DJL; PyTorch) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    order = {"keygen": 0, "markers": 1, "mdgan": 2}
    for (task, model, variant, side) in sorted(by, key=lambda k: (order.get(k[0], 9), k[1] != "mlp", k[1], k[2])):
        if side != "djl":
            continue
        djl, pt = by[(task, model, variant, "djl")], by.get((task, model, variant, "pytorch"), {})
        pairs = sorted(set(djl) & set(pt))
        if not pairs:
            continue
        ratios = [float(djl[i]["seconds"]) / float(pt[i]["seconds"]) for i in pairs]
        cpu = [float(djl[i]["cpu_s"]) / float(pt[i]["cpu_s"]) for i in pairs]
        lo, hi = bootstrap(ratios, random.Random(SEED))
        ds, ps = median([djl[i]["seconds"] for i in pairs]), median([pt[i]["seconds"] for i in pairs])
        units = djl[pairs[0]]["units"]
        lines.append(f"| {task} | {model} | {variant} | {len(pairs)} | {units} {UNITS.get(task, '')} | {ps:.3f} | "
                     f"{ds:.3f} | {median([pt[i]['units_per_s'] for i in pairs]):.2f} | "
                     f"{median([djl[i]['units_per_s'] for i in pairs]):.2f} | **{statistics.median(ratios):.2f}×** | "
                     f"{lo:.2f}–{hi:.2f}× | {statistics.median(cpu):.2f}× | {djl[pairs[-1]]['result']}; "
                     f"{pt[pairs[-1]]['result']} |")
    java_only = [k for k in by if k[3] == "djl" and (k[0], k[1], k[2], "pytorch") not in by]
    if java_only:
        lines += ["", "DJL only (no PyTorch counterpart):", "", "| task | model | variant | runs | median s | median units/s |",
                  "|---|---|---|---|---|---|"]
        for k in sorted(java_only):
            runs = by[k].values()
            lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {len(runs)} | {median([r['seconds'] for r in runs]):.3f} | "
                         f"{median([r['units_per_s'] for r in runs]):.2f} |")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/bench-work")
