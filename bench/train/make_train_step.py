#!/usr/bin/python3
"""TorchScript training steps for the like-for-like reference of bench/train/run.sh.

Writes <out>/mlp.pt and <out>/cnn.pt: Frontier's `mlp` and `cnn` (the layers of torch_bench.py)
with Adam folded into one scripted forward, `forward(x, y) -> [mean loss, correct]`: forward,
cross-entropy, torch.autograd.grad, and libtorch's fused Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8),
all in one call. `frontier lab speed --variants torchscript --train-steps <out>` drives them from
Java through the libtorch DJL ships (2.7.1), one native call per batch: what the engine itself
costs, without DJL's per-operation calls. Made with Debian's python3-torch 1.13, which compiles
the call to aten::_fused_adam_ (its CPU kernel exists in 2.7.1 only, so the files are not meant
to run in Python 1.13). The files hold the weights and both Adam moments (8 MB and 14 MB): generated, not committed.

    /usr/bin/python3 bench/train/make_train_step.py OUT_DIR [--seed 1]
"""
import argparse
import os
from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F


class Step(nn.Module):
    """Adam state and the scripted step as forward(x, y) (DJL runs other methods with autograd
    off); subclasses define logits() and params()."""

    def init_state(self):
        self.exp_avg: List[torch.Tensor] = [torch.zeros_like(p) for p in self.parameters()]
        self.exp_avg_sq: List[torch.Tensor] = [torch.zeros_like(p) for p in self.parameters()]
        self.step = torch.zeros(1)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        params = self.params()
        logits = self.logits(x)
        loss = F.cross_entropy(logits, y)
        grads = torch.autograd.grad([loss], params)
        gs: List[torch.Tensor] = []
        for g in grads:
            assert g is not None
            gs.append(g)
        with torch.no_grad():
            self.step.add_(1)
            steps = [self.step for _ in params]
            torch._fused_adam_(params, gs, self.exp_avg, self.exp_avg_sq, [], steps, lr=1e-3, beta1=0.9,
                               beta2=0.999, weight_decay=0.0, eps=1e-8, amsgrad=False, maximize=False)
            correct = (logits.argmax(1) == y).sum().to(torch.float32)
        return torch.stack([loss.detach(), correct])


def take(layer, name, module):
    """Copies a layer's default-initialised weight and bias into plain parameters of `module`
    (a scripted list of nn.Conv2d biases would be typed Optional)."""
    module.register_parameter(name + "_w", nn.Parameter(layer.weight.detach().clone()))
    module.register_parameter(name + "_b", nn.Parameter(layer.bias.detach().clone()))


class MlpStep(Step):
    def __init__(self):
        super().__init__()
        for name, layer in (("fc1", nn.Linear(784, 512)), ("fc2", nn.Linear(512, 512)), ("fc3", nn.Linear(512, 10))):
            take(layer, name, self)
        self.init_state()

    def params(self) -> List[torch.Tensor]:
        return [self.fc1_w, self.fc1_b, self.fc2_w, self.fc2_b, self.fc3_w, self.fc3_b]

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        x = F.dropout(F.relu(F.linear(x.flatten(1), self.fc1_w, self.fc1_b)), 0.2, self.training)
        x = F.dropout(F.relu(F.linear(x, self.fc2_w, self.fc2_b)), 0.2, self.training)
        return F.linear(x, self.fc3_w, self.fc3_b)


class CnnStep(Step):
    def __init__(self):
        super().__init__()
        for name, layer in (("conv1", nn.Conv2d(1, 32, 3)), ("conv2", nn.Conv2d(32, 64, 3)),
                            ("fc1", nn.Linear(64 * 12 * 12, 128)), ("fc2", nn.Linear(128, 10))):
            take(layer, name, self)
        self.init_state()

    def params(self) -> List[torch.Tensor]:
        return [self.conv1_w, self.conv1_b, self.conv2_w, self.conv2_b, self.fc1_w, self.fc1_b, self.fc2_w, self.fc2_b]

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(F.conv2d(F.relu(F.conv2d(x, self.conv1_w, self.conv1_b)), self.conv2_w, self.conv2_b))
        x = F.dropout(F.max_pool2d(x, 2), 0.25, self.training).flatten(1)
        x = F.dropout(F.relu(F.linear(x, self.fc1_w, self.fc1_b)), 0.5, self.training)
        return F.linear(x, self.fc2_w, self.fc2_b)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name, cls in (("mlp", MlpStep), ("cnn", CnnStep)):
        torch.manual_seed(a.seed)
        m = cls()
        m.train()
        path = os.path.join(a.out, name + ".pt")
        torch.jit.script(m).save(path + ".tmp")
        os.replace(path + ".tmp", path)
        print("wrote", path, "with torch", torch.__version__)


if __name__ == "__main__":
    main()
