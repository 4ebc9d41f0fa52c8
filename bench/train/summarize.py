#!/usr/bin/python3
"""Merges the CSVs of bench/train/run.sh and prints medians and DJL/PyTorch ratios (Markdown)."""
import csv
import glob
import os
import statistics
import sys


def median(values):
    v = [float(x) for x in values if x not in ("", None)]
    return statistics.median(v) if v else float("nan")


def main(out):
    rows = []
    for path in sorted(glob.glob(os.path.join(out, "torch-r*.csv")) + glob.glob(os.path.join(out, "djl-r*", "runs.csv"))):
        with open(path, newline="") as f:
            rows.extend(csv.DictReader(f))
    if not rows:
        sys.exit(f"no results under {out}")
    with open(os.path.join(out, "all-runs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    groups = {}
    for r in rows:
        groups.setdefault((r["data"], r["model"], int(r["batch"]), r["side"], r["variant"]), []).append(r)
    med = {k: {c: median([r[c] for r in g]) for c in ("epoch_s", "epoch_cpu_s", "infer_ips", "train_acc",
                                                        "t_batch", "t_forward", "t_backward", "t_optim", "t_other")}
           | {"n": len(g)} for k, g in groups.items()}
    variants = sorted({k[4] for k in groups if k[3] == "djl"}, key=lambda v: (v != "core", v))
    lines = []
    head = "| data | model | batch | runs | PyTorch s/epoch |"
    sep = "|---|---|---|---|---|"
    for v in variants:
        head += f" DJL {v} s | {v}/PyTorch | {v}/PyTorch CPU |"
        sep += "---|---|---|"
    head += " infer img/s PyTorch | infer img/s DJL | DJL/PyTorch infer |"
    sep += "---|---|---|"
    lines += [head, sep]
    for (data, model, batch) in sorted({k[:3] for k in groups}, key=lambda k: (k[0], k[1] != "mlp", k[1], k[2])):
        pt = med.get((data, model, batch, "pytorch", "torch"))
        if pt is None:
            continue
        line = f"| {data} | {model} | {batch} | {pt['n']} | {pt['epoch_s']:.3f} |"
        djl_ips = []
        for v in variants:
            d = med.get((data, model, batch, "djl", v))
            if d is None:
                line += " – | – | – |"
                continue
            djl_ips.append(d["infer_ips"])
            line += (f" {d['epoch_s']:.3f} | **{d['epoch_s'] / pt['epoch_s']:.2f}×** |"
                     f" {d['epoch_cpu_s'] / pt['epoch_cpu_s']:.2f}× |")
        ips = statistics.median(djl_ips) if djl_ips else float("nan")
        line += f" {pt['infer_ips']:.0f} | {ips:.0f} | {pt['infer_ips'] and ips / pt['infer_ips']:.2f}× |"
        lines.append(line)
    lines += ["", "Per-phase medians: CPU seconds of the training thread per epoch (batch preparation, forward+loss, "
              "backward, optimizer, rest; with --threads 1 all compute runs on that thread):", "",
              "| data | model | batch | side | variant | batch | forward | backward | optimizer | other | total | train acc |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for k in sorted(med, key=lambda k: (k[0], k[1] != "mlp", k[1], k[2], k[3] != "pytorch", k[4])):
        m = med[k]
        if m["t_batch"] != m["t_batch"]:  # NaN: the core loop has no phase timers
            continue
        lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | {k[4]} | {m['t_batch']:.3f} | {m['t_forward']:.3f} | "
                     f"{m['t_backward']:.3f} | {m['t_optim']:.3f} | {m['t_other']:.3f} | "
                     f"{m['t_batch'] + m['t_forward'] + m['t_backward'] + m['t_optim'] + m['t_other']:.3f} | {m['train_acc']:.3f} |")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/bench-train")
