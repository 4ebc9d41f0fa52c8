#!/usr/bin/python3
"""Writes the TorchScript helper through which core's Adam reaches libtorch's fused CPU Adam.

Run with Debian's python3-torch (1.13): /usr/bin/python3 tools/make-fused-adam.py OUT.pt
The output (under 2 kB) is committed as a resource of frontier-core; nothing at run time needs
Python. The module holds no weights: its forward takes the parameters, their gradients, both
moments, the step counts and a clipping bound, clips the gradients in place (when the bound is
positive), calls aten::_fused_adam_ once, which updates the parameters and moments in place in
one pass per tensor, and zeroes the gradients for the next backward pass. The op's schema is the same in the
libtorch DJL ships (2.7.1), where it has a CPU kernel; 1.13 only needs it to compile the call.
"""
import sys
from typing import List

import torch


class FusedAdam(torch.nn.Module):
    def forward(self, params: List[torch.Tensor], grads: List[torch.Tensor], exp_avgs: List[torch.Tensor],
                exp_avg_sqs: List[torch.Tensor], steps: List[torch.Tensor], lr: float, beta1: float,
                beta2: float, eps: float, clip: float) -> int:
        if clip > 0:
            for g in grads:
                g.clamp_(-clip, clip)
        torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                           weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
        torch._foreach_zero_(grads)
        return len(params)


def main(path):
    torch.jit.script(FusedAdam()).save(path)
    print("wrote", path, "with torch", torch.__version__)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fused-adam.pt")
