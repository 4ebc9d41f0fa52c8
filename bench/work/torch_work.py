#!/usr/bin/python3
"""PyTorch reference for bench/work/run.sh: the same unit of work as `frontier lab work`, in PyTorch.

    torch_work.py --task keygen  --weights DIR --out FILE.csv     FGSM key, k true adversaries + k/2 anchors
    torch_work.py --task markers --weights DIR --out FILE.csv     100 markers, Frontier's 'portfolio' strategy
    torch_work.py --task mdgan   --out FILE.csv                   MD-GAN iterations per second (MNIST-MLP ACGAN)
    torch_work.py --task check   --weights DIR                    logits against the ones Frontier exported

Written from the papers and from Frontier's Java code (ml.frontier.watermark.KeyGenerator,
ml.frontier.tamper.strategy.* (PortfolioStrategy: Sensitive, Entropy, Bisection, Boundary; ProjectedAscent,
FrontierApproach), ml.frontier.tamper.MarginSensitivity,
ml.frontier.gan.mdgan.*): the same candidates (java.util.Random reproduced bit for bit, so both sides
shuffle the same images in the same order), chunk sizes, step counts, acceptance rules and passes per
step. Java's random draws are memoised: the warm-up unit makes them in Python, the timed unit reads them
(java.util.Random costs microseconds in Java and milliseconds in a Python loop). The model's weights are the ones Frontier saved (`frontier lab work --task export`: one .npy per
parameter). Each task runs once untimed (warm-up), then once timed, as on the Java side.

Runs offline with Debian's python3-torch; run it with /usr/bin/python3 (run.sh sets OpenBLAS).
"""
import argparse
import csv
import hashlib
import math
import os
import secrets
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "train"))
import torch_bench  # noqa: E402  (bench/train: the embedded MNIST reader and the zoo's mlp / cnn)

PASSES = {"forward": 0, "input-gradient": 0, "margin-sensitivity": 0}  # batched calls, as Frontier counts them
COLUMNS = ["side", "task", "model", "variant", "repeat", "seconds", "cpu_s", "units", "units_per_s", "result"]
MASK48 = (1 << 48) - 1


class JavaRandom:
    """java.util.Random: the 48-bit LCG, nextInt(bound), nextGaussian (Frontier's seeded draws)."""

    def __init__(self, seed):
        self.s = (seed ^ 0x5DEECE66D) & MASK48
        self.spare = None

    def next(self, bits):
        self.s = (self.s * 0x5DEECE66D + 0xB) & MASK48
        r = self.s >> (48 - bits)
        return r - (1 << 32) if r >= 1 << 31 else r  # Java's (int) cast of the top bits

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        r = u % bound
        while u - r + m >= 1 << 31:  # Java: u - r + m < 0 after int overflow
            u = self.next(31)
            r = u % bound
        return r

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53

    def next_gaussian(self):
        """The legacy polar method java.util.Random still uses."""
        if self.spare is not None:
            g, self.spare = self.spare, None
            return g
        while True:
            v1, v2 = 2 * self.next_double() - 1, 2 * self.next_double() - 1
            q = v1 * v1 + v2 * v2
            if 0 < q < 1:
                break
        f = math.sqrt(-2 * math.log(q) / q)
        self.spare = v2 * f
        return v1 * f


_DRAWS = {}  # Java's draws by (what, seed, n): the warm-up unit fills it, the timed unit reads it (see README)


def memo(key, make):
    if key not in _DRAWS:
        _DRAWS[key] = make()
    return _DRAWS[key]


def permutation(n, rng):
    """ml.frontier.core.data.Dataset.permutation: Fisher-Yates from the top, nextInt(i + 1)."""
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.next_int(i + 1)
        p[i], p[j] = p[j], p[i]
    return p


# ---------------------------------------------------------------- the classifier Frontier saved

def load_model(weights):
    """The zoo model named in DIR/params.txt with the parameters Frontier exported, in eval mode, frozen."""
    with open(os.path.join(weights, "params.txt")) as f:
        lines = f.read().split("\n")
    arch = lines[0].strip()
    files = [ln.split()[0] for ln in lines[1:] if ln.strip()]
    model = torch_bench.MODELS[arch]()
    params = list(model.parameters())
    if len(params) != len(files):
        sys.exit(f"{weights}: {len(files)} parameters for a {arch} of {len(params)}")
    with torch.no_grad():
        for p, name in zip(params, files):
            a = torch.from_numpy(np.load(os.path.join(weights, name)).astype(np.float32))
            if tuple(a.shape) != tuple(p.shape):
                sys.exit(f"{weights}/{name}: shape {tuple(a.shape)}, {arch} wants {tuple(p.shape)}")
            p.copy_(a)
    model.eval()  # DjlClassifier runs the network with training=false: no dropout
    for p in model.parameters():
        p.requires_grad_(False)  # DjlClassifier.gradient freezes the parameters (ParameterFreeze)
    return arch, model


def check(model, weights, vx):
    """Max |logit difference| against Frontier's logits of the first 16 test images."""
    ref = np.load(os.path.join(weights, "ref-logits.npy"))
    with torch.no_grad():
        got = model(vx[:16]).numpy()
    return float(np.abs(got - ref).max())


def logits(model, x, max_batch=512):
    """DjlClassifier.logits: no gradients, in batches of at most 512."""
    PASSES["forward"] += 1
    with torch.no_grad():
        return torch.cat([model(x[i:i + max_batch]) for i in range(0, x.shape[0], max_batch)])


def input_gradient(model, x, objective):
    """DjlClassifier.gradient: d objective(logits) / d x, the parameters frozen."""
    PASSES["input-gradient"] += 1
    x = x.detach().clone().requires_grad_(True)
    return torch.autograd.grad(objective(model(x)), x)[0]


def params_sha256(model):
    """What the key's provenance records of the source model (Frontier hashes its serialised parameters)."""
    h = hashlib.sha256()
    for p in model.parameters():
        h.update(p.detach().numpy().tobytes())
    return h.hexdigest()


# ---------------------------------------------------------------- FGSM key generation (KeyGenerator, coin scheme)

CHUNK = 256


def keygen(model, tx, ty, k=100, anchors=50, eps=0.1, candidate_factor=50, seed=1):
    """k true adversaries (FGSM flips the label) and up to `anchors` false ones (it does not), from the training
    images in the seed's order, chunk by chunk of 256: predict, keep the correct ones (at most 50·k candidates in
    all), one FGSM gradient pass over them, predict again. Then the key order and the coins."""
    order = torch.tensor(memo(("perm", seed, tx.shape[0]), lambda: permutation(tx.shape[0], JavaRandom(seed))))
    xs, ys = tx[order], ty[order]
    true_adv, false_adv = [], []
    candidates, max_candidates = 0, candidate_factor * k
    for start in range(0, xs.shape[0], CHUNK):
        if candidates >= max_candidates or (len(true_adv) >= k and len(false_adv) >= anchors):
            break
        x, y = xs[start:start + CHUNK], ys[start:start + CHUNK]
        correct = (logits(model, x).argmax(1) == y).nonzero().flatten()[:max_candidates - candidates]
        if correct.numel() == 0:
            continue
        candidates += correct.numel()
        gx, gy = x[correct], y[correct]
        # loss = -sum(log_softmax · onehot) as DjlClassifier.lossGradient (a sum: sign(∇) is that of the mean)
        g = input_gradient(model, gx, lambda z: -(z.log_softmax(1).gather(1, gy.view(-1, 1))).sum())
        adv = (gx + eps * g.sign()).clamp(0, 1)
        pred = logits(model, adv).argmax(1)
        for i in range(adv.shape[0]):
            yi, ai = int(gy[i]), int(pred[i])
            kind, want = (true_adv, k) if ai != yi else (false_adv, anchors)
            if len(kind) < want:
                kind.append((adv[i], yi, ai))
    if len(true_adv) < k:
        sys.exit(f"keygen: only {len(true_adv)} true adversaries among {candidates} candidates")
    every = true_adv + false_adv
    key_order = memo(("perm", seed ^ 0x5DEECE66D, len(every)),
                     lambda: permutation(len(every), JavaRandom(seed ^ 0x5DEECE66D)))
    images = torch.stack([every[j][0] for j in key_order])
    labels = [every[j][1] for j in key_order]
    coins = secrets.SystemRandom()  # Frontier's default: a SecureRandom
    for j, jj in enumerate(key_order):
        if every[jj][2] != every[jj][1] and not coins.random() < 0.5:
            labels[j] = every[jj][2]
    sha = params_sha256(model)
    return images, labels, f"{len(true_adv)} true + {len(false_adv)} anchors", sha


# ---------------------------------------------------------------- markers: the 'boundary' strategy

U = 2.0 ** -11  # ml.frontier.tamper.benign.Rounding.UNIT_ROUNDOFF (FP16 / TF32)


def runner_up(z, y):
    """Index of the largest logit other than y, per row."""
    return z.scatter(1, y.view(-1, 1), float("-inf")).argmax(1)


def signed_margins(z, y):
    """z_y − the largest other logit (negative once the label changed)."""
    return z.gather(1, y.view(-1, 1)).flatten() - z.scatter(1, y.view(-1, 1), float("-inf")).max(1).values


def top_margins(z):
    """Top minus runner-up logit (Margins.of)."""
    t = z.topk(2, 1).values
    return t[:, 0] - t[:, 1]


def descend(model, start, min_m=0.002, max_m=0.01, steps=100, max_step=0.5):
    """BoundaryStrategy.descend: DeepFool-like steps shrinking the margin into [min_m, max_m], never across it;
    one input-gradient pass and one forward pass over the still-active images per step."""
    n = start.shape[0]
    x = start.clone()
    z = logits(model, start)
    y = z.argmax(1)
    margin = signed_margins(z, y).double()
    scale = torch.ones(n, dtype=torch.float64)
    done = torch.zeros(n, dtype=torch.bool)
    dead = torch.zeros(n, dtype=torch.bool)
    target = (min_m + max_m) / 2
    for _ in range(steps):
        live = ~done & ~dead
        done |= live & (margin <= max_m) & (margin >= min_m)
        idx = (live & ~done).nonzero().flatten()
        if idx.numel() == 0:
            break
        act, ya = x[idx], y[idx]
        ta = runner_up(z[idx], ya)
        w = torch.zeros(idx.numel(), z.shape[1])
        w[torch.arange(idx.numel()), ya] = 1.0
        w[torch.arange(idx.numel()), ta] = -1.0
        g = input_gradient(model, act, lambda out: (out * w).sum())
        # mask the components that would push a pixel out of [0,1] when stepping by -g, then the L2 norm
        g = torch.where(((act <= 0) & (g > 0)) | ((act >= 1) & (g < 0)), torch.zeros_like(g), g)
        norm = g.flatten(1).double().norm(dim=1)
        now_dead = norm <= 1e-12
        dist = torch.clamp((margin[idx] - target) / norm, min=0).clamp(max=max_step) * scale[idx]
        f = torch.where(now_dead, torch.zeros_like(norm), -dist / norm)
        trial = (act.double() + f.view(-1, 1, 1, 1) * g.double()).clamp(0, 1).float()
        dead[idx[now_dead]] = True
        tl = logits(model, trial)
        tm = signed_margins(tl, ya).double()
        ok = ~now_dead & (tm >= min_m)
        bad = ~now_dead & ~ok
        acc = idx[ok]
        x[acc], z[acc], margin[acc] = trial[ok], tl[ok], tm[ok]
        scale[acc] = torch.clamp(scale[acc] * 2, max=1.0)
        rej = idx[bad]
        scale[rej] = scale[rej] / 2
        dead[rej[scale[rej] < 1e-4]] = True
    done = ~dead & (margin <= max_m) & (margin >= min_m)
    return x, y, done


def margin_sensitivity(model, x):
    """MarginSensitivity.of: per image, one backward pass of m = z_top − z_runnerUp into the parameters and the
    input; returns (margin, label, runner-up, Σ(θ·∂m/∂θ)² + Σ(x·∂m/∂x)²) per image."""
    params = list(model.parameters())
    for p in params:
        p.requires_grad_(True)  # ParameterFreeze.unfrozen
    out = []
    try:
        for i in range(x.shape[0]):
            PASSES["margin-sensitivity"] += 1
            xi = x[i:i + 1].detach().clone().requires_grad_(True)
            z = model(xi)[0]
            top2 = z.detach().topk(2).indices
            y, r = int(top2[0]), int(top2[1])
            m = z[y] - z[r]
            grads = torch.autograd.grad(m, params + [xi])
            sq = wfo = prod_sq = 0.0
            for p, g in zip(params, grads[:-1]):
                gw = g * p
                sq += float(g.square().sum())
                wfo += float(gw.abs().sum())
                prod_sq += float(gw.square().sum())
            gx = grads[-1] * xi
            float(gx.abs().sum())  # the input's first-order term (Frontier computes it too)
            prod_sq += float(gx.square().sum())
            out.append((float(m), y, r, prod_sq, math.sqrt(sq)))
    finally:
        for p in params:
            p.requires_grad_(False)
    return out


def floor(prod_sq):
    """MarginFloor.defaults: max(1e-4, 2 · 6 · u · sqrt(squares / 3))."""
    return max(1e-4, 2 * 6 * U * math.sqrt(prod_sq / 3))


def approach(model, x, target=1.5, max_distance=3.0, bisections=24):
    """FrontierApproach.run: along the normalised input gradient of z_runnerUp − z_top, the farthest point
    (bisection on the signed step, 24 forward passes) whose margin stays ≥ 1.5 × the image's own floor."""
    n = x.shape[0]
    s = margin_sensitivity(model, x)
    goal = torch.tensor([target * floor(e[3]) for e in s], dtype=torch.float64)
    label = torch.tensor([e[1] for e in s])
    runner = torch.tensor([e[2] for e in s])
    margin = torch.tensor([e[0] for e in s], dtype=torch.float64)
    sign = torch.zeros(n, 10)
    sign[torch.arange(n), runner] = 1.0
    sign[torch.arange(n), label] = -1.0
    d = input_gradient(model, x, lambda out: (out * sign).sum()).double()
    norm = d.flatten(1).norm(dim=1).view(-1, 1, 1, 1)
    d = torch.where(norm > 0, d / norm, torch.zeros_like(d)).float()
    lo = torch.zeros(n, dtype=torch.float64)
    hi = torch.full((n,), max_distance, dtype=torch.float64)
    close = ~(margin >= goal)
    lo[close], hi[close] = -max_distance, 0.0
    moved = lambda t: (x.double() + t.view(-1, 1, 1, 1) * d.double()).clamp(0, 1).float()
    for _ in range(bisections):
        t = (lo + hi) / 2
        z = logits(model, moved(t))
        ok = (z.argmax(1) == label) & (top_margins(z).double() >= goal)
        lo = torch.where(ok, t, lo)
        hi = torch.where(ok, hi, t)
    return moved(lo)


def boundary_markers(model, pool, count=100, seed=1, oversample=1.5):
    """BoundaryStrategy.generate: ⌈1.5·count⌉ pool images in the seed's order, descended chunk by chunk of 256
    until `count` converge, then moved to 1.5 × their floor and labelled by the model."""
    cand = draw(pool, math.ceil(count * oversample), seed)
    kept = []
    for start in range(0, cand.shape[0], CHUNK):
        if len(kept) >= count:
            break
        x, _, done = descend(model, cand[start:start + CHUNK])
        kept.extend(x[i] for i in done.nonzero().flatten().tolist()[:count - len(kept)])
    out = approach_all(model, torch.stack(kept))
    return out, predict_all(model, out, 256)


def draw(pool, n, seed):
    """Candidates.draw: the first n of the pool in the seed's permutation."""
    p = memo(("perm", seed, pool.shape[0]), lambda: permutation(pool.shape[0], JavaRandom(seed)))
    return pool[torch.tensor(p[:min(n, pool.shape[0])])]


def top(scores, count):
    """ProjectedAscent.top: indices of the `count` highest finite scores, best first (a stable sort)."""
    finite = [i for i in range(len(scores)) if scores[i] > float("-inf")]
    return sorted(finite, key=lambda i: -scores[i])[:count]


def features_and_logits(model, x):
    """Forward.withFeatures: the input of the last layer and the logits."""
    h = model.net[:-1](x)
    return h, model.net[-1](h)


def ascend(model, start, objective, scores, steps, step_size, radius, min_margin):
    """ProjectedAscent.run over chunks of 256: `steps` normalised L2 steps of the objective (one input-gradient
    pass each), projected onto the L2 ball around the start and [0,1], one forward pass per iterate (and what the
    score needs); each image keeps its best iterate whose margin is ≥ min_margin."""
    imgs, labs, scs = [], [], []
    for c in range(0, start.shape[0], CHUNK):
        centre = start[c:c + CHUNK]
        n = centre.shape[0]
        x = centre.clone()
        best, best_score = centre.clone(), torch.full((n,), float("-inf"), dtype=torch.float64)
        best_label = torch.zeros(n, dtype=torch.long)

        def keep(x, z):
            sc = scores(x, z)
            ok = (top_margins(z).double() >= min_margin) & (sc > best_score)
            best_score[ok], best_label[ok], best[ok] = sc[ok], z.argmax(1)[ok], x[ok]

        z = logits(model, centre)
        keep(x, z)
        for _ in range(steps):
            PASSES["input-gradient"] += 1
            xg = x.detach().clone().requires_grad_(True)
            h, out = features_and_logits(model, xg)
            g = torch.autograd.grad(objective(z, h, out), xg)[0]
            g = torch.where(((x <= 0) & (g < 0)) | ((x >= 1) & (g > 0)), torch.zeros_like(g), g)
            norm = g.flatten(1).double().norm(dim=1).view(-1, 1, 1, 1)
            f = torch.where(norm > 0, step_size / norm, torch.zeros_like(norm))
            nxt = (x.double() + f * g.double()).clamp(0, 1).float()
            d = (nxt.double() - centre.double()).flatten(1).norm(dim=1).view(-1, 1, 1, 1)
            k = torch.where(d > radius, radius / d, torch.ones_like(d))
            x = (centre.double() + k * (nxt.double() - centre.double())).clamp(0, 1).float()
            z = logits(model, x)
            keep(x, z)
        imgs.append(best)
        labs.append(best_label)
        scs.append(best_score)
    return torch.cat(imgs), torch.cat(labs), torch.cat(scs)


def approach_all(model, x):
    """StrategySupport.approach: FrontierApproach chunk by chunk of 256."""
    if x.shape[0] == 0:
        return x
    return torch.cat([approach(model, x[i:i + CHUNK]) for i in range(0, x.shape[0], CHUNK)])


def predict_all(model, x, batch):
    return torch.cat([logits(model, x[i:i + batch]).argmax(1) for i in range(0, x.shape[0], batch)])


def sensitive_markers(model, pool, count, seed, steps=40, step_size=0.1, radius=1.5, min_margin=0.002, oversample=2):
    """SensitiveStrategy: ascent of ‖1 − K·softmax(z)‖² · (‖h‖² + 1) (the last layer's weight-gradient norm),
    every candidate moved to 1.5 × its floor, the `count` smallest weight-space margins kept."""
    cand = draw(pool, math.ceil(count * oversample), seed)
    k = 10

    def objective(_, h, out):
        a = (out.softmax(1) * -k + 1).square().sum(1)
        return (a * (h.flatten(1).square().sum(1) + 1)).sum()

    def scores(x, z):
        PASSES["forward"] += 1  # DjlClassifier.features: one more forward pass
        with torch.no_grad():
            h = model.net[:-1](x).flatten(1).double()
        a = (1 - k * z.double().softmax(1)).square().sum(1)
        return a * (h.square().sum(1) + 1)

    imgs, _, _ = ascend(model, cand, objective, scores, steps, step_size, radius, min_margin)
    near = approach_all(model, imgs)
    s = margin_sensitivity(model, near)
    closeness = [float(np.float32(-(e[0] / e[4]) if e[4] > 0 else float("-inf"))) for e in s]
    best = near[torch.tensor(top(closeness, count), dtype=torch.long)]
    return best, predict_all(model, best, 256)


def top_mask(z, top_k=2):
    return torch.zeros_like(z).scatter(1, z.topk(top_k, 1).indices, 1.0)


def entropy_markers(model, pool, count, seed, top_k=2, steps=100, step_size=0.05, radius=2.0, min_margin=0.002,
                    oversample=1.5):
    """EntropyStrategy (IBSF): ascent of the entropy of the renormalised top-2 probabilities, the `count` of
    highest entropy moved to 1.5 × their floor."""
    cand = draw(pool, math.ceil(count * oversample), seed)

    def objective(z, _, out):
        mask = top_mask(z, top_k)
        lp = (out + (mask - 1) * 1e4).log_softmax(1)
        return -(lp.exp() * lp * mask).sum()

    def scores(_, z):
        mask = top_mask(z, top_k).bool()
        lp = z.double().masked_fill(~mask, float("-inf")).log_softmax(1)
        p = lp.exp()
        return -(torch.where(mask & (p > 0), p * lp, torch.zeros_like(p))).sum(1)

    imgs, _, sc = ascend(model, cand, objective, scores, steps, step_size, radius, min_margin)
    best = approach_all(model, imgs[torch.tensor(top(sc.tolist(), count), dtype=torch.long)])
    return best, predict_all(model, best, 256)


RADII = [0.5, 1, 2, 4, 8, 12, 16]


def bisection_markers(model, pool, count, seed, tolerance=1e-2, pool_factor=4):
    """BisectionStrategy: a random direction per natural image, the first radius at which the label changes, the
    nearest `pairs` bisected to the tolerance (forward passes at batch 64), both ends kept, then moved to 1.5 ×
    their floor."""
    pairs = (count + 1) // 2
    cand = draw(pool, math.ceil(pairs * pool_factor), seed)
    n, size = cand.shape[0], cand[0].numel()
    y = predict_all(model, cand, 64)

    def directions():
        rng = JavaRandom(seed ^ 0x5DEECE66D)
        d = np.empty((n, size), dtype=np.float32)
        for i in range(n):
            d[i] = [rng.next_gaussian() for _ in range(size)]
            d[i] /= np.float32(math.sqrt(float((d[i].astype(np.float64) ** 2).sum())))
        return torch.from_numpy(d).view_as(cand)

    direction = memo(("gauss", seed ^ 0x5DEECE66D, n, size), directions)
    along = lambda idx, t: (cand[idx].double() + t.view(-1, 1, 1, 1) * direction[idx].double()).clamp(0, 1).float()
    reach = torch.full((n,), float("inf"), dtype=torch.float64)
    for r in RADII:
        idx = torch.isinf(reach).nonzero().flatten()
        if idx.numel() == 0:
            break
        got = predict_all(model, along(idx, torch.full((idx.numel(),), float(r), dtype=torch.float64)), 64)
        flip = idx[got != y[idx]]
        reach[flip] = float(r)
    finite = [i for i in range(n) if math.isfinite(reach[i])]
    near = torch.tensor(sorted(finite, key=lambda i: float(reach[i]))[:pairs], dtype=torch.long)
    lo, hi = torch.zeros(n, dtype=torch.float64), reach.clone()
    for _ in range(64):
        idx = near[(hi[near] - lo[near]) > tolerance]
        if idx.numel() == 0:
            break
        mid = (lo[idx] + hi[idx]) / 2
        same = predict_all(model, along(idx, mid), 64) == y[idx]
        lo[idx[same]] = mid[same]
        hi[idx[~same]] = mid[~same]
    both = near.repeat_interleave(2)
    ends = torch.stack([lo[near], hi[near]], 1).flatten()
    markers = along(both, ends)[:count]
    markers = approach_all(model, markers)
    return markers, predict_all(model, markers, 64)


def boundary_pair(model, pool, count, seed):
    return boundary_markers(model, pool, count=count, seed=seed)


def portfolio_markers(model, pool, count=100, seed=1):
    """PortfolioStrategy.defaults: sensitive, entropy, bisection, boundary, ⌈count/4⌉ each (seed + 7919·p)."""
    share = -(-count // 4)
    parts = [sensitive_markers, entropy_markers, bisection_markers, boundary_pair]
    got = [f(model, pool, share, seed + 7919 * p) for p, f in enumerate(parts)]
    return torch.cat([g[0] for g in got]), torch.cat([g[1] for g in got])


# ---------------------------------------------------------------- MD-GAN (in process, MNIST-MLP ACGAN)

LATENT, CLASSES = 100, 10


def generator_net():
    """MNIST-MLP G: FC 512, 512, 784, LeakyReLU 0.2, sigmoid out, reshaped to 1×28×28 (716,560 parameters)."""
    return nn.Sequential(nn.Linear(LATENT, 512), nn.LeakyReLU(0.2), nn.Linear(512, 512), nn.LeakyReLU(0.2),
                         nn.Linear(512, 784), nn.Sigmoid(), nn.Unflatten(1, (1, 28, 28)))


def discriminator_net():
    """MNIST-MLP D: FC 512, 512, 1 + 10, LeakyReLU 0.2 (670,219 parameters)."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 512), nn.LeakyReLU(0.2),
                         nn.Linear(512, 1 + CLASSES))


def d_loss(real_out, real_y, fake_out, fake_y):
    """ACGAN discriminator loss: BCE(real, 1) + CE(class | real) + BCE(fake, 0) + CE(class | fake), batch means."""
    return (F.binary_cross_entropy_with_logits(real_out[:, 0], torch.ones(real_out.shape[0]))
            + F.cross_entropy(real_out[:, 1:], real_y)
            + F.binary_cross_entropy_with_logits(fake_out[:, 0], torch.zeros(fake_out.shape[0]))
            + F.cross_entropy(fake_out[:, 1:], fake_y))


def g_loss(fake_out, fake_y):
    """Non-saturating generator loss: BCE(D(G(z)), 1) + CE(y | G(z))."""
    return F.binary_cross_entropy_with_logits(fake_out[:, 0], torch.ones(fake_out.shape[0])) \
        + F.cross_entropy(fake_out[:, 1:], fake_y)


class MdGan:
    """N workers, each a D with its Adam and a shard; one G on the server. An iteration (k = 1, L = 1): G
    generates one batch; every worker takes one D step on a real batch and that batch, then computes the
    feedback ∂(generator loss)/∂x on it (D frozen); the server backpropagates sum(G(z)·ΣF)/N through G and takes
    one Adam step. Every ⌈m/b⌉ iterations the Ds move along a random cyclic permutation (parameters only)."""

    def __init__(self, train_x, train_y, workers=3, batch=32, seed=1):
        torch.manual_seed(seed)
        self.b, self.n = batch, workers
        self.g = generator_net()
        self.g_opt = torch.optim.Adam(self.g.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
        d0 = discriminator_net()  # Frontier seeds every worker's D alike
        self.ds, self.d_opts = [], []
        for _ in range(workers):
            d = discriminator_net()
            d.load_state_dict(d0.state_dict())
            self.ds.append(d)
            self.d_opts.append(torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8))
        self.codes = torch.randn(CLASSES, LATENT, generator=torch.Generator().manual_seed(0x4D4447414E))
        self.rng = torch.Generator().manual_seed(seed)
        perm = torch.randperm(train_x.shape[0], generator=self.rng)
        m = train_x.shape[0] // workers
        self.shards = [(train_x[perm[i * m:(i + 1) * m]], train_y[perm[i * m:(i + 1) * m]]) for i in range(workers)]
        self.order = [torch.randperm(m, generator=self.rng).tolist() for _ in range(workers)]
        self.next = [0] * workers
        self.per_round = max(1, -(-m // batch))  # ⌈m·E/b⌉ with E = 1
        self.swap_rng = np.random.default_rng(seed)

    def real(self, w):
        """The next b images of worker w's shard, without replacement, reshuffled each epoch (RealSampler)."""
        x, y = self.shards[w]
        idx = []
        for _ in range(self.b):
            if self.next[w] == x.shape[0]:
                self.order[w] = torch.randperm(x.shape[0], generator=self.rng).tolist()
                self.next[w] = 0
            idx.append(self.order[w][self.next[w]])
            self.next[w] += 1
        idx = torch.tensor(idx)
        return x[idx], y[idx]

    def iterate(self, it):
        z = torch.randn(self.b, LATENT, generator=self.rng)
        y = torch.randint(0, CLASSES, (self.b,), generator=self.rng)
        g_in = z + self.codes[y]  # class code added to the noise (ClassCode: no parameters)
        with torch.no_grad():
            fake = self.g(g_in)
        feedback = torch.zeros_like(fake)
        for w, (d, opt) in enumerate(zip(self.ds, self.d_opts)):
            xr, yr = self.real(w)
            opt.zero_grad()
            d_loss(d(xr), yr, d(fake), y).backward()
            opt.step()
            for p in d.parameters():
                p.requires_grad_(False)
            xs = fake.clone().requires_grad_(True)
            feedback += torch.autograd.grad(g_loss(d(xs), y), xs)[0]
            for p in d.parameters():
                p.requires_grad_(True)
        self.g_opt.zero_grad()
        ((self.g(g_in) * feedback).sum() / self.n).backward()
        self.g_opt.step()
        if self.n > 1 and it % self.per_round == 0:
            states = [{k: v.clone() for k, v in d.state_dict().items()} for d in self.ds]
            p = list(range(self.n))
            for i in range(self.n - 1, 0, -1):  # Sattolo: a random cyclic permutation
                j = int(self.swap_rng.integers(i))
                p[i], p[j] = p[j], p[i]
            for src, dst in enumerate(p):
                self.ds[dst].load_state_dict(states[src])


# ---------------------------------------------------------------- main

def compare(got, java_dir, task):
    """How close this side's images (and labels) are to Frontier's, in the same order."""
    ji = np.load(os.path.join(java_dir, "images.npy"))
    jl = np.load(os.path.join(java_dir, "labels.npy"))
    images = got[0].numpy()
    labels = np.array(got[1] if task == "markers" else [0] * len(jl))
    if images.shape != ji.shape:
        print(f"compare: shapes differ, PyTorch {images.shape} vs Frontier {ji.shape}")
        return
    d = np.abs(images - ji).reshape(len(ji), -1)
    same = (d.max(1) < 1e-3).sum()
    lab = f", labels agree on {(labels == jl).sum()}/{len(jl)}" if task == "markers" else ""
    print(f"compare with {java_dir}: {same}/{len(ji)} images within 1e-3 of Frontier's (max |diff| {d.max():.2e}, "
          f"mean {d.mean():.2e}){lab}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--task", required=True, choices=["keygen", "markers", "mdgan", "check"])
    ap.add_argument("--weights", help="directory written by `frontier lab work --task export`")
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--eps", type=float, default=0.1)
    ap.add_argument("--markers", type=int, default=100)
    ap.add_argument("--strategy", default="portfolio", choices=["boundary", "portfolio", "sensitive", "entropy",
                                                                "bisection"])
    ap.add_argument("--iterations", type=int, default=50)
    ap.add_argument("--warmup-iterations", type=int, default=10)
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--no-warmup", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=0)
    ap.add_argument("--out", help="CSV file to write")
    ap.add_argument("--compare", metavar="DIR", help="keygen, markers: compare the timed run's images with the ones "
                    "`frontier lab work --dump` wrote to DIR")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    tx, ty, vx, _ = torch_bench.load("mnist")
    row = None
    if a.task in ("keygen", "markers", "check"):
        if not a.weights:
            sys.exit(f"--task {a.task} needs --weights DIR")
        arch, model = load_model(a.weights)
        diff = check(model, a.weights, vx)
        print(f"pytorch {torch.__version__}, {torch.get_num_threads()} threads: {arch} from {a.weights}, "
              f"max |logit - Frontier's| on 16 test images {diff:.2e}", flush=True)
        if diff > 1e-3:
            sys.exit("the weights do not reproduce Frontier's logits: the comparison would be meaningless")
        if a.task == "check":
            return
        if a.task == "keygen":
            work = lambda: keygen(model, tx, ty, k=a.keys, anchors=a.keys // 2, eps=a.eps, seed=a.seed)
        else:
            make = {"boundary": boundary_markers, "portfolio": portfolio_markers, "sensitive": sensitive_markers,
                    "entropy": entropy_markers, "bisection": bisection_markers}[a.strategy]
            work = lambda: make(model, vx, a.markers, a.seed)
        if not a.no_warmup:
            work()
        for k in PASSES:
            PASSES[k] = 0
        t0, c0 = time.perf_counter(), time.process_time()
        got = work()
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        print("timed unit's batched passes: " + ", ".join(f"{k} {v}" for k, v in PASSES.items()), flush=True)
        if a.compare:
            compare(got, a.compare, a.task)
        if a.task == "keygen":
            row = ["keygen", arch, "coin", a.repeat, secs, cpu, a.keys, got[2]]
        else:
            row = ["markers", arch, a.strategy, a.repeat, secs, cpu, got[0].shape[0], f"{got[0].shape[0]} markers"]
    else:
        gan = MdGan(tx, ty, workers=a.workers, batch=a.batch, seed=a.seed)
        it = 1
        for _ in range(a.warmup_iterations):
            gan.iterate(it)
            it += 1
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(a.iterations):
            gan.iterate(it)
            it += 1
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        row = ["mdgan", "mnist-mlp-gan", f"N{a.workers}-b{a.batch}-k1-L1", a.repeat, secs, cpu, a.iterations,
               f"iterations {a.warmup_iterations + 1}..{it - 1}; swap every {gan.per_round}"]
    task, model_name, variant, rep, secs, cpu, units, result = row
    line = ["pytorch", task, model_name, variant, rep, "%.6g" % secs, "%.6g" % cpu, units, "%.6g" % (units / secs), result]
    print("pytorch " + ",".join(str(v) for v in line[1:]), flush=True)
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out + ".tmp", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            w.writerow(line)
        os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
