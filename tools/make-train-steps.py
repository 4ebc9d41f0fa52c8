#!/usr/bin/python3
"""Writes the scripted training steps of the zoo's `mlp` and `cnn` that core's ClassifierTrainer runs.

Run with Debian's python3-torch (1.13): /usr/bin/python3 tools/make-train-steps.py OUT_DIR
The outputs (a few kB each, no weights) are committed as resources of frontier-core; nothing at
run time needs Python. Each module's method `step` takes the batch, the model's own parameters
(the live tensors DJL holds, in the zoo's order), Adam's moments and step count, and the
hyper-parameters, and in one call does what the eager loop does in about forty: the zoo
network's forward pass (the layers of ml.frontier.core.model.ModelZoo, any widths), the
cross-entropy as log-softmax gathered at the label, torch.autograd.grad, element-wise clipping
when asked, and libtorch's fused Adam, in place. It returns [mean loss, number correct].

hyper = [lr, beta1, beta2, eps, clip (0: none), dropout1, dropout2, training (1/0)]
"""
import os
import sys
from typing import List

import torch
import torch.nn.functional as F


def update(loss: torch.Tensor, params: List[torch.Tensor], exp_avg: List[torch.Tensor],
           exp_avg_sq: List[torch.Tensor], step: torch.Tensor, hyper: torch.Tensor):
    grads = torch.autograd.grad([loss], params)
    gs: List[torch.Tensor] = []
    clip = float(hyper[4])
    for g in grads:
        assert g is not None
        if clip > 0:
            g = g.clamp(-clip, clip)
        gs.append(g)
    with torch.no_grad():
        steps = [step for _ in params]
        torch._fused_adam_(params, gs, exp_avg, exp_avg_sq, [], steps, lr=float(hyper[0]), beta1=float(hyper[1]),
                           beta2=float(hyper[2]), weight_decay=0.0, eps=float(hyper[3]), amsgrad=False,
                           maximize=False)


def stats(logits: torch.Tensor, y: torch.Tensor):
    loss = -logits.log_softmax(1).gather(1, y.view(-1, 1)).mean()
    correct = (logits.argmax(1) == y).sum().to(torch.float32)
    return loss, correct


class MlpStep(torch.nn.Module):
    """Dense ReLU Dropout, Dense ReLU Dropout, Dense: params w1 b1 w2 b2 w3 b3."""

    @torch.jit.export
    def step(self, x: torch.Tensor, y: torch.Tensor, params: List[torch.Tensor], exp_avg: List[torch.Tensor],
             exp_avg_sq: List[torch.Tensor], step: torch.Tensor, hyper: torch.Tensor) -> torch.Tensor:
        training = bool(hyper[7] > 0.5)
        p = float(hyper[5])
        h = F.dropout(F.relu(F.linear(x.flatten(1), params[0], params[1])), p, training)
        h = F.dropout(F.relu(F.linear(h, params[2], params[3])), p, training)
        loss, correct = stats(F.linear(h, params[4], params[5]), y)
        update(loss, params, exp_avg, exp_avg_sq, step, hyper)
        return torch.stack([loss.detach(), correct])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


class CnnStep(torch.nn.Module):
    """Conv 3x3 ReLU, Conv 3x3 ReLU, MaxPool 2, Dropout, Dense ReLU, Dropout, Dense: params in that order."""

    @torch.jit.export
    def step(self, x: torch.Tensor, y: torch.Tensor, params: List[torch.Tensor], exp_avg: List[torch.Tensor],
             exp_avg_sq: List[torch.Tensor], step: torch.Tensor, hyper: torch.Tensor) -> torch.Tensor:
        training = bool(hyper[7] > 0.5)
        h = F.relu(F.conv2d(x, params[0], params[1]))
        h = F.max_pool2d(F.relu(F.conv2d(h, params[2], params[3])), 2)
        h = F.dropout(h, float(hyper[5]), training).flatten(1)
        h = F.dropout(F.relu(F.linear(h, params[4], params[5])), float(hyper[6]), training)
        loss, correct = stats(F.linear(h, params[6], params[7]), y)
        update(loss, params, exp_avg, exp_avg_sq, step, hyper)
        return torch.stack([loss.detach(), correct])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, cls in (("mlp", MlpStep), ("cnn", CnnStep)):
        path = os.path.join(out, "step-" + name + ".pt")
        torch.jit.script(cls()).save(path + ".tmp")
        os.replace(path + ".tmp", path)
        print("wrote", path, "with torch", torch.__version__)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
