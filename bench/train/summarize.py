#!/usr/bin/python3
"""Summarizes bench/train/run.sh (Markdown): per cell, the median DJL/PyTorch ratio over interleaved pairs
with a bootstrap interval, each side's median epoch, GFLOP/s and fraction of the CPU's peak.

    summarize.py RESULTS_DIR     (writes RESULTS_DIR/summary.md, and all-runs.csv when it merges per-run CSVs)

Standard library only, so it runs with Debian's /usr/bin/python3 beside the benchmark."""
import csv
import glob
import os
import random
import re
import statistics
import subprocess
import sys

RESAMPLES = 10_000
SEED = 16  # fixed (issue #16): the same inputs always give the same interval
TRAIN_IMAGES = {"mnist": 8_000, "fashion": 60_000}  # training images per epoch (torch_bench.py, SpeedBenchmark)

# Multiply-adds of one forward pass of one 1×28×28 image, GEMMs and convolutions only (bias, ReLU, pooling,
# dropout, softmax and Adam are element-wise and not counted). Layer sizes from bench/train/torch_bench.py and
# ml.frontier.core.model.ModelZoo (valid 3×3 convolutions, no padding, as DJL's Conv2d default).
FORWARD_MACS = {
    # Dense 784→512, 512→512, 512→10
    "mlp": 784 * 512 + 512 * 512 + 512 * 10,
    # Conv 1→32 3×3 (26×26 out), Conv 32→64 3×3 (24×24 out), MaxPool 2 → 64×12×12, Dense 9216→128, Dense 128→10
    "cnn": 26 * 26 * 32 * (1 * 3 * 3) + 24 * 24 * 64 * (32 * 3 * 3) + 64 * 12 * 12 * 128 + 128 * 10,
}
# FLOP of one training epoch = images × 3 × 2 × MACs: 2 FLOP per multiply-add in the forward pass, and the
# backward pass ≈ 2× the forward (a GEMM each for the input and the weight gradient).
# The first layer's share of the MACs: its input gradient is not needed, so the 2× backward overcounts by 2·that.
FIRST_LAYER_MACS = {"mlp": 784 * 512, "cnn": 26 * 26 * 32 * 9}
FLOP_FORMULA = ("FLOP per epoch = images × 3 × 2 × MACs: 2 FLOP per multiply-add of each GEMM and convolution "
                "in the forward pass, backward ≈ 2× forward (input and weight gradients), so 3× in all")


def epoch_flop(data, model):
    n = TRAIN_IMAGES.get(data)
    macs = FORWARD_MACS.get(model)
    return n * 3 * 2 * macs if n and macs else float("nan")


def median(values):
    v = [float(x) for x in values if x not in ("", None)]
    return statistics.median(v) if v else float("nan")


def bootstrap(ratios, rng):
    """95% percentile interval of the median of `ratios`, resampled with replacement RESAMPLES times."""
    if len(ratios) < 2:
        return float("nan"), float("nan")
    meds = [statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(RESAMPLES)]
    q = statistics.quantiles(meds, n=40, method="inclusive")  # cut points at 2.5%, 5%, ..., 97.5%
    return q[0], q[-1]


def read_rows(out):
    """Per-run CSVs merged into all-runs.csv when both sides' are there; else all-runs.csv as committed."""
    torch_files = sorted(glob.glob(os.path.join(out, "torch-r*.csv")))
    djl_files = sorted(glob.glob(os.path.join(out, "djl-r*", "runs.csv")))
    merged = os.path.join(out, "all-runs.csv")
    rows = []
    if torch_files and djl_files:
        for path in sorted(torch_files + djl_files):  # djl-r0/…, djl-r1/…, torch-r0, …: the order all-runs.csv has
            with open(path, newline="") as f:
                rows.extend(csv.DictReader(f))
        with open(merged, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    elif os.path.exists(merged):  # committed results keep only the merged file: never overwrite it with half
        with open(merged, newline="") as f:
            rows.extend(csv.DictReader(f))
    if not rows:
        sys.exit(f"no results under {out}")
    return rows


def threads_of(out):
    """The intra-op thread count run.sh recorded (DJL's num_threads; PyTorch's is the same --threads)."""
    try:
        with open(os.path.join(out, "provenance.txt")) as f:
            m = re.search(r"num_threads=(\d+)", f.read())
        return int(m.group(1)) if m else None
    except OSError:
        return None


def lscpu_text(out):
    """lscpu as run.sh recorded it beside the results, else of the machine running this script."""
    path = os.path.join(out, "lscpu.txt")
    if os.path.exists(path):
        with open(path) as f:
            return f.read(), "recorded by run.sh (lscpu.txt)"
    try:
        return subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout, \
            "read now by summarize.py on this machine (the run recorded no lscpu.txt)"
    except (OSError, subprocess.CalledProcessError):
        return "", "not available"


def peak(out, threads):
    """(GFLOP/s, notes): FP32 FLOP/cycle/core × cores used × clock, assuming one FMA unit per core."""
    text, source = lscpu_text(out)
    field = lambda name: (re.search(rf"^{name}:\s*(.+)$", text, re.M) or [None, None])[1]
    flags = set((field("Flags") or "").split())
    cpus = int(field(r"CPU\(s\)") or os.cpu_count() or 1)
    mhz, clock_src = None, None
    for name in ("CPU max MHz", "CPU MHz"):  # lscpu's maximum if it gives one, else its current clock
        if field(name):
            mhz, clock_src = float(field(name)), f"lscpu '{name}'"
            break
    if mhz is None:
        try:
            with open("/proc/cpuinfo") as f:
                m = re.search(r"^cpu MHz\s*:\s*([\d.]+)", f.read(), re.M)
            if m:
                mhz, clock_src = float(m.group(1)), "/proc/cpuinfo 'cpu MHz', lscpu gives no MHz"
        except OSError:
            pass
    if "avx512f" in flags and "fma" in flags:
        per_cycle, isa = 32, "AVX-512 with FMA: 16 FP32 lanes × 2 FLOP per FMA × one FMA unit"
    elif "avx2" in flags and "fma" in flags:
        per_cycle, isa = 16, "AVX2 with FMA: 8 FP32 lanes × 2 FLOP per FMA × one FMA unit"
    else:
        per_cycle, isa = 8, "no FMA in the flags: 8 lanes × 1 FLOP"
    cpu = f"CPU: {field('Model name') or 'unknown'}, {cpus} online; lscpu {source}"
    if mhz is None or threads is None:
        return float("nan"), [f"Peak unknown (clock {mhz} MHz, threads {threads}).", cpu + "."]
    cores = min(threads, cpus)
    g = per_cycle * cores * mhz / 1000
    return g, [f"Peak {g:.1f} GFLOP/s = {per_cycle} FP32 FLOP/cycle/core × {cores} cores used (--threads {threads}) "
               f"× {mhz:.0f} MHz ({clock_src}).",
               f"Assumed: {isa} per core. Whether this CPU has a second FMA unit per core is not established; if it "
               "has, the peak doubles and every % of peak halves.",
               cpu + "."]


def ratio_cells(rows):
    """One dict per DJL variant cell: pairs, each side's median, the median pair ratio and its interval."""
    by = {}
    for r in rows:
        by.setdefault((r["data"], r["model"], int(r["batch"]), r["side"], r["variant"]), {})[int(r["repeat"])] = r
    cells = []
    for (data, model, batch, side, variant), runs in sorted(by.items(), key=lambda kv: (
            kv[0][0], kv[0][1] != "mlp", kv[0][1], kv[0][2], kv[0][4] != "core", kv[0][4])):
        if side != "djl":
            continue
        pt = by.get((data, model, batch, "pytorch", "torch"), {})
        pairs = sorted(set(runs) & set(pt))  # repeat i: the DJL and PyTorch processes run back to back
        if not pairs:
            continue
        ratios = [float(runs[i]["epoch_s"]) / float(pt[i]["epoch_s"]) for i in pairs]
        cpu = [float(runs[i]["epoch_cpu_s"]) / float(pt[i]["epoch_cpu_s"]) for i in pairs]
        lo, hi = bootstrap(ratios, random.Random(SEED))  # a generator per cell: its interval ignores the others
        cells.append({"data": data, "model": model, "batch": batch, "variant": variant, "pairs": len(pairs),
                      "pt": median([pt[i]["epoch_s"] for i in pairs]), "djl": median([runs[i]["epoch_s"] for i in pairs]),
                      "ratio": statistics.median(ratios), "lo": lo, "hi": hi, "cpu": statistics.median(cpu)})
    return cells


def main(out):
    rows = read_rows(out)
    threads = threads_of(out)
    t = "?" if threads is None else str(threads)
    peak_g, peak_notes = peak(out, threads)
    cells = ratio_cells(rows)

    lines = ["Training epoch, wall clock. DJL/PyTorch is the median over pairs of DJL_i / PyTorch_i, pair i being the "
             "two processes run.sh ran back to back (repeat i); the 95% interval is the bootstrap percentile interval "
             f"of that median ({RESAMPLES:,} resamples of the pairs, seed {SEED}). The medians of each side are over "
             "the same runs; their ratio is shown for comparison with earlier summaries. CPU: median over pairs of "
             "the ratio of process CPU seconds.", "",
             "| data | model | batch | threads | variant | pairs | PyTorch s/epoch | DJL s/epoch | **DJL/PyTorch** | "
             "95% interval | ratio of medians | CPU DJL/PyTorch |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for c in cells:
        lines.append(f"| {c['data']} | {c['model']} | {c['batch']} | {t} | {c['variant']} | {c['pairs']} | "
                     f"{c['pt']:.3f} | {c['djl']:.3f} | **{c['ratio']:.2f}×** | {c['lo']:.2f}–{c['hi']:.2f}× | "
                     f"{c['djl'] / c['pt']:.2f}× | {c['cpu']:.2f}× |")

    lines += ["", "Arithmetic rate: GFLOP of one training epoch over each side's median epoch time.", "",
              f"- {FLOP_FORMULA}. Element-wise work (bias, ReLU, pooling, dropout, loss, Adam) is not counted.",
              "- Multiply-adds per image, forward: mlp 784·512 + 512·512 + 512·10 = "
              f"{FORWARD_MACS['mlp']:,}; cnn 26·26·32·9 + 24·24·64·288 + 9216·128 + 128·10 = {FORWARD_MACS['cnn']:,}; "
              "training images per epoch: " + ", ".join(f"{n:,} ({d})" for d, n in TRAIN_IMAGES.items()) + ".",
              "- The images take no gradient, so neither engine needs the first layer's input gradient: the count "
              "is high by " + ", ".join(f"{2 * FIRST_LAYER_MACS[m] / (6 * FORWARD_MACS[m]):.1%} ({m})"
                                          for m in FORWARD_MACS) + "."]
    lines += [f"- {n}" for n in peak_notes]
    lines += ["", "| data | model | batch | threads | side | variant | GFLOP/epoch | s/epoch | GFLOP/s | % of peak |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    seen = set()
    for c in cells:
        flop = epoch_flop(c["data"], c["model"]) / 1e9
        sides = [("pytorch", "torch", c["pt"])] if (c["data"], c["model"], c["batch"]) not in seen else []
        seen.add((c["data"], c["model"], c["batch"]))
        for side, variant, secs in sides + [("djl", c["variant"], c["djl"])]:
            rate = flop / secs
            lines.append(f"| {c['data']} | {c['model']} | {c['batch']} | {t} | {side} | {variant} | {flop:.2f} | "
                         f"{secs:.3f} | {rate:.1f} | {100 * rate / peak_g:.1f}% |")

    groups = {}
    for r in rows:
        groups.setdefault((r["data"], r["model"], int(r["batch"]), r["side"], r["variant"]), []).append(r)
    med = {k: {c: median([r[c] for r in g]) for c in ("infer_ips", "train_acc", "t_batch", "t_forward",
                                                        "t_backward", "t_optim", "t_other")}
           for k, g in groups.items()}
    infer_batch = "/".join(sorted({r["infer_batch"] for r in rows}, key=int))
    lines += ["", f"Inference, test images per second at batch {infer_batch} (medians; DJL: median over its variants, "
              "which share DjlClassifier):", "",
              "| data | model | batch | infer img/s PyTorch | infer img/s DJL | DJL/PyTorch infer |", "|---|---|---|---|---|---|"]
    for (data, model, batch) in sorted({k[:3] for k in groups}, key=lambda k: (k[0], k[1] != "mlp", k[1], k[2])):
        pt = med.get((data, model, batch, "pytorch", "torch"))
        djl = [m["infer_ips"] for k, m in med.items()
               if k[:4] == (data, model, batch, "djl") and m["infer_ips"] == m["infer_ips"]]  # torchscript: none
        if pt is None or not djl:
            continue
        ips = statistics.median(djl)
        lines.append(f"| {data} | {model} | {batch} | {pt['infer_ips']:.0f} | {ips:.0f} | {ips / pt['infer_ips']:.2f}× |")

    lines += ["", "Per-phase medians: CPU seconds of the training thread per epoch (batch preparation, forward+loss, "
              "backward, optimizer, rest; with --threads 1 all compute runs on that thread):", "",
              "| data | model | batch | side | variant | batch | forward | backward | optimizer | other | total | train acc |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for k in sorted(med, key=lambda k: (k[0], k[1] != "mlp", k[1], k[2], k[3] != "pytorch", k[4])):
        m = med[k]
        if m["t_batch"] != m["t_batch"]:  # NaN: no phase timers (results made before core had them)
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
