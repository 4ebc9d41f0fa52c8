#!/usr/bin/python3
"""Writes the reference fixture for TransposedConv2dTest with PyTorch's own ConvTranspose2d.

Run with Debian's python3-torch (1.13): /usr/bin/python3 tools/make-tconv-fixture.py
The output is committed; the Java tests never need Python. Each case is a header line
"case <name> n c h w out k stride padding output_padding" followed by lines
"input ...", "weight ...", "bias ...", "output ...", "grad_weight ..." (floats, row-major;
the weight in ConvTranspose2d's in x out x k x k layout; grad_weight is d sum(output * R)/d weight
for R = 0.01 * (index mod 7 - 3), a fixed upstream gradient).
"""
import sys
import torch

CASES = [
    ("generator-5x5", 2, 3, 4, 3, 2, 5, 2, 2, 1),
    ("3x3-s2-p1", 1, 2, 3, 3, 3, 3, 2, 1, 0),
    ("4x4-s2-p1", 1, 2, 2, 2, 2, 4, 2, 1, 0),
]


def fmt(t):
    return " ".join("%.9g" % v for v in t.detach().reshape(-1).tolist())


def main(path):
    torch.manual_seed(15)
    lines = ["# made by tools/make-tconv-fixture.py with torch " + torch.__version__]
    for name, n, c, h, w, out, k, s, p, op in CASES:
        conv = torch.nn.ConvTranspose2d(c, out, k, stride=s, padding=p, output_padding=op).double()
        x = torch.randn(n, c, h, w, dtype=torch.float64)
        y = conv(x)
        r = (torch.arange(y.numel(), dtype=torch.float64) % 7 - 3).reshape(y.shape) * 0.01
        (y * r).sum().backward()
        lines.append("case %s %d %d %d %d %d %d %d %d %d" % (name, n, c, h, w, out, k, s, p, op))
        lines.append("input " + fmt(x))
        lines.append("weight " + fmt(conv.weight))
        lines.append("bias " + fmt(conv.bias))
        lines.append("output " + fmt(y))
        lines.append("grad_weight " + fmt(conv.weight.grad))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "frontier-gan/src/test/resources/tconv-fixture.txt")
