#!/usr/bin/python3
"""Channels-last against the default (contiguous NCHW) layout for the CNN's training step, in
PyTorch (Debian python3-torch 1.13), interleaved within one process: DJL has no memory-format
API, so this says whether a scripted channels-last step would be worth building.

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 bench/train/conv_layout.py [--steps 60 --pairs 7]
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_bench  # noqa: E402  (the benchmark's own CNN)


def steps(model, opt, x, y, n, batch):
    t0 = time.perf_counter()
    for i in range(n):
        s = (i * batch) % (x.shape[0] - batch)
        loss = F.cross_entropy(model(x[s:s + batch]), y[s:s + batch])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return time.perf_counter() - t0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--pairs", type=int, default=7)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    tx, ty, _, _ = torch_bench.load("mnist")
    runs = {}
    for layout in ("contiguous", "channels_last"):
        torch.manual_seed(1)
        m = torch_bench.Cnn()
        x = tx
        if layout == "channels_last":
            m = m.to(memory_format=torch.channels_last)
            x = tx.contiguous(memory_format=torch.channels_last)
        opt = torch.optim.Adam(m.parameters(), 1e-3)
        steps(m, opt, x, ty, 10, a.batch)  # warm-up
        runs[layout] = (m, opt, x)
    ratios = []
    for i in range(a.pairs):
        order = ("contiguous", "channels_last") if i % 2 == 0 else ("channels_last", "contiguous")
        t = {k: steps(*runs[k][:2], runs[k][2], ty, a.steps, a.batch) for k in order}
        ratios.append(t["channels_last"] / t["contiguous"])
        print(f"pair {i}: contiguous {t['contiguous']:.3f} s, channels_last {t['channels_last']:.3f} s "
              f"({a.steps} steps, batch {a.batch})", flush=True)
    print(f"channels_last / contiguous, median of {a.pairs} pair ratios: {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f}); torch {torch.__version__}, {a.threads} threads")


if __name__ == "__main__":
    main()
