#!/usr/bin/env python3
"""Learned vs fixed random vs no synaptic delays on a timing-only task (the DCLS ordering, issue 12 / E3).

    "$(tools/venv.sh)" tools/delay_learning.py --out out/delay_learning [--seeds 0 1 2] [--quick]

Task (SEED_PAPERS §2.3): 32 input channels, 10 classes; class c is a permutation of the channels over 32 time
steps (each channel fires once per motif, so rates carry no information), ±1-step jitter, 1 % background noise
per channel-step, random onset in a 96-step trial. Model: 10 non-spiking leaky integrators
V_c[t] = β·V_c[t−1] + Σ_i w_ci·(g_ci ∗ x_i)[t], one synapse per (class, channel) with a weight w_ci and a
Gaussian-interpolated delay position p_ci ∈ [0, K−1] (K = 33; g_ci[k] ∝ exp(−½((k − p_ci)/σ)²), normalised, so
kernel index k is a delay of k steps), soft max-over-time pooling (log-sum-exp over t), cross-entropy, Adam, manual
gradients. σ falls geometrically from K/2 to 0.5 over the first half of the epochs, then stays; at test the
positions are rounded to integer delays d_ci (weights to Float32, as SwiftSNN stores them) and the class is argmax_c max_t V_c[t]. Baselines train the weights
only, with fixed random integer delays or with all delays 0.

The learned network is exported to a SwiftSNN config (spike_generator of 32 neurons holding every test trial one
after another, 10 `readout_integrator` neurons (or, with --readout iaf_psc_delta, iaf_psc_delta with E_L = 0 and an
unreachable V_th), both an exact leaky integrator V ← V·exp(−dt/τ_m) + Σ w, and explicit synapses with delay d_ci + 1 ms, since SwiftSNN delays are ≥ dt; dt = 1 ms
so a step is a time bin). The NumPy test-time model is defined as exactly that: a spike in bin s reaches the
integrator in bin s + d + 1. acc_simulator classifies the recorded V_m the same way.

Writes OUT/metrics.json and OUT/delay_learning.png; exits 1 unless (means over seeds) learned ≥ 85 %,
learned ≥ random + 20 pp, random ≥ none + 5 pp, and the simulator's accuracy equals the NumPy model's per seed.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
CHANNELS, CLASSES, MOTIF, TRIAL, K = 32, 10, 32, 96, 33
T_OUT = TRIAL + K  # bins of the readout: the last input bin plus the largest delay (+1 at test) fit
GAP = 300          # silent bins between test trials in the simulator run: β^GAP underflows any residue


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def dataset(perms: np.ndarray, n: int, rng: np.random.Generator, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """n trials (n, CHANNELS, TRIAL) of 0/1 and their labels."""
    y = rng.integers(0, CLASSES, n)
    x = (rng.random((n, CHANNELS, TRIAL)) < noise).astype(np.float64)
    onset = rng.integers(1, TRIAL - MOTIF, n)  # jitter stays inside the trial
    t = onset[:, None] + perms[y] + rng.integers(-1, 2, (n, CHANNELS))
    x[np.arange(n)[:, None], np.arange(CHANNELS)[None, :], t] = 1.0
    return x, y


FFT_N = 256  # ≥ T_OUT + TRIAL: neither the convolution nor the correlation below wraps around


def spectra(x: np.ndarray) -> np.ndarray:
    """Real FFT of each trial's channels, zero-padded to FFT_N."""
    return np.fft.rfft(x, FFT_N, axis=-1)


def leak_matrix(beta: float) -> np.ndarray:
    """M[t', t] = β^(t − t') for t ≥ t': V = I @ M."""
    idx = np.arange(T_OUT)
    diff = idx[None, :] - idx[:, None]
    return np.where(diff >= 0, beta ** np.maximum(diff, 0), 0.0)


def kernels(w, p, sigma):
    """Per-synapse normalised Gaussian over delays (ĝ, shape (C, I, K)) and the weighted kernel w·ĝ."""
    k = np.arange(K)
    g = np.exp(-0.5 * ((k - p[..., None]) / sigma) ** 2)
    gh = g / g.sum(-1, keepdims=True)
    return gh, w[..., None] * gh


def one_hot(d: np.ndarray) -> np.ndarray:
    return (np.arange(K) == d[..., None]).astype(np.float64)


def train(x, y, seed, mode, args, M):
    """mode 'learned' (weights + positions), 'random' (weights, fixed random delays) or 'none' (delays 0).
    Returns weights and integer delays."""
    rng = np.random.default_rng(1000 + seed)
    w = rng.normal(0.0, 0.1, (CLASSES, CHANNELS))
    p = rng.uniform(0, K - 1, (CLASSES, CHANNELS))
    if mode == "random":
        p = np.round(p)
    elif mode == "none":
        p = np.zeros((CLASSES, CHANNELS))
    adam = {n: [np.zeros_like(v), np.zeros_like(v)] for n, v in (("w", w), ("p", p))}
    step = 0
    sigma0, sigma1, anneal = K / 2, 0.5, max(1, args.epochs // 2)
    n = len(y)
    xf_all = spectra(x)
    for epoch in range(args.epochs):
        sigma = sigma0 * (sigma1 / sigma0) ** min(epoch / anneal, 1.0)
        order = rng.permutation(n)
        for start in range(0, n, args.batch):
            idx = order[start:start + args.batch]
            xf = xf_all[idx]
            if mode == "learned":
                gh, ker = kernels(w, p, sigma)
            else:
                gh = one_hot(p.astype(int))
                ker = w[..., None] * gh
            kf = np.fft.rfft(ker, FFT_N, axis=-1)
            current = np.fft.irfft(np.einsum("bif,cif->bcf", xf, kf, optimize=True), FFT_N, axis=-1)[..., :T_OUT]
            v = current @ M
            z = v / args.pool_temp
            z = z - z.max(-1, keepdims=True)
            ez = np.exp(z)
            soft_t = ez / ez.sum(-1, keepdims=True)
            pooled = args.pool_temp * (np.log(ez.sum(-1)) ) + v.max(-1)
            logits = pooled - pooled.max(-1, keepdims=True)
            prob = np.exp(logits)
            prob /= prob.sum(-1, keepdims=True)
            dpooled = prob.copy()
            dpooled[np.arange(len(idx)), y[idx]] -= 1.0
            dpooled /= len(idx)
            dv = dpooled[..., None] * soft_t
            dcur = dv @ M.T
            df = np.fft.rfft(dcur, FFT_N, axis=-1)
            dker = np.fft.irfft(np.einsum("bcf,bif->cif", df, np.conj(xf), optimize=True), FFT_N, axis=-1)[..., :K]
            grads = {"w": (dker * gh).sum(-1)}
            if mode == "learned":
                u = (np.arange(K) - p[..., None]) / sigma ** 2
                ubar = (gh * u).sum(-1, keepdims=True)
                grads["p"] = w * (dker * gh * (u - ubar)).sum(-1)
            step += 1
            for name, g in grads.items():
                m, s = adam[name]
                m[:] = 0.9 * m + 0.1 * g
                s[:] = 0.999 * s + 0.001 * g * g
                # cosine annealing of both learning rates over the run (DCLS anneals the positions' rate)
                lr = (args.lr_w if name == "w" else args.lr_p) * 0.5 * (1 + np.cos(np.pi * epoch / args.epochs))
                upd = lr * (m / (1 - 0.9 ** step)) / (np.sqrt(s / (1 - 0.999 ** step)) + 1e-8)
                if name == "w":
                    w -= upd
                else:
                    p -= upd
                    np.clip(p, 0, K - 1, out=p)
    # SwiftSNN stores synaptic weights as Float32; the test-time model uses the same rounded values.
    return w.astype(np.float32).astype(np.float64), np.round(p).astype(int)


def test_voltages(x, w, d, beta):
    """The test-time model, exactly what the simulator computes: a spike in bin s of a trial adds w_ci to V_c
    in bin s + d_ci + 1, V_c[t] = β·V_c[t−1] + input[t]; returns V (n, C, T_OUT + 1)."""
    n = len(x)
    cur = np.zeros((n, CLASSES, T_OUT + 1))
    for c in range(CLASSES):
        for i in range(CHANNELS):
            s = d[c, i] + 1
            cur[:, c, s:s + TRIAL] += w[c, i] * x[:, i, :]
    v = np.zeros_like(cur)
    acc = np.zeros((n, CLASSES))
    for t in range(T_OUT + 1):
        acc = acc * beta + cur[:, :, t]
        v[:, :, t] = acc
    return v


READOUTS = {  # two exact leaky integrators, V ← V·exp(−dt/τ_m) + Σ w, never firing
    "readout_integrator": {"tau_m": None},
    "iaf_psc_delta": {"E_L": 0.0, "V_th": 1e12, "V_reset": 0.0, "tau_m": None, "t_ref": 0.0, "I_e": 0.0},
}


def simulate(snn: Path, directory: Path, x, w, d, tau_m, readout: str = "readout_integrator") -> np.ndarray:
    """Runs the test set in SwiftSNN; returns V_m per trial (n, C, T_OUT + 1), aligned like test_voltages."""
    directory.mkdir(parents=True, exist_ok=True)
    n = len(x)
    period = T_OUT + 1 + GAP
    # bin s of trial j is the step [j·period + s, j·period + s + 1) ms; a spike_generator time t ms is emitted
    # in the step ending at t, so the spike of bin s has time j·period + s + 1.
    times = [[] for _ in range(CHANNELS)]
    trial_idx, ch, s = np.nonzero(x)
    for j, i, b in zip(trial_idx, ch, s):
        times[i].append(float(j * period + b + 1))
    for t in times:
        t.sort()
    sources = [int(i) for c in range(CLASSES) for i in range(CHANNELS)]
    targets = [int(c) for c in range(CLASSES) for i in range(CHANNELS)]
    spec = {
        "simulation": {"duration_ms": float(n * period), "dt_ms": 1, "seed": 1, "engine": "clock", "threads": 1},
        "populations": [
            {"name": "in", "size": CHANNELS, "model": "spike_generator", "params": {"spike_times": times}},
            {"name": "out", "size": CLASSES, "model": readout,
             "params": {k: (tau_m if v is None else v) for k, v in READOUTS[readout].items()},
             "initial": {"V_m": 0.0}},
        ],
        "projections": [{
            "source": "in", "target": "out",
            "connectivity": {"rule": "explicit", "sources": sources, "targets": targets},
            "synapse": {"weight": {"array": [float(w[c, i]) for c in range(CLASSES) for i in range(CHANNELS)]},
                        "delay_ms": {"array": [float(d[c, i] + 1) for c in range(CLASSES) for i in range(CHANNELS)]}},
        }],
        "recorders": [{"name": "v", "type": "state", "population": "out", "variables": ["V_m"], "interval_ms": 1}],
    }
    (directory / "net.json").write_text(json.dumps(spec))
    subprocess.run([str(snn), "run", str(directory / "net.json"), "--out", str(directory)], check=True,
                   stdout=subprocess.DEVNULL)
    v = np.load(directory / "v.npy")[:, :, 0]  # (steps, C): sample k is V_m at the end of step k (time k + 1)
    v = v[:n * period].reshape(n, period, CLASSES)[:, :T_OUT + 1, :]
    return np.transpose(v, (0, 2, 1))


def accuracy(v, y) -> float:
    return float((v.max(-1).argmax(-1) == y).mean())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--snn", type=Path, default=REPO / ".build/release/snn")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--quick", action="store_true", help="smoke run: few trials and epochs (acceptance not meaningful)")
    ap.add_argument("--train", type=int, default=2000)
    ap.add_argument("--test", type=int, default=1000)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--lr-w", type=float, default=0.01)
    ap.add_argument("--lr-p", type=float, default=0.5)
    ap.add_argument("--tau-m", type=float, default=0.2,
                    help="integrator time constant, ms (dt 1 ms: β = exp(−1/τ) = 0.0067; DCLS readout keeps 0.005)")
    ap.add_argument("--pool-temp", type=float, default=1.0, help="temperature of the log-sum-exp time pooling")
    ap.add_argument("--noise", type=float, default=0.01)
    ap.add_argument("--readout", choices=sorted(READOUTS), default="readout_integrator",
                    help="SwiftSNN model of the 10 integrators (both compute the same V_m)")
    args = ap.parse_args()
    if args.quick:
        args.train, args.test, args.epochs = 300, 200, 6
    if not args.snn.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "snn"], cwd=REPO, check=True)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    beta = float(np.exp(-1.0 / args.tau_m))
    M = leak_matrix(beta)
    per_seed: dict = {}
    delays_learned = []
    for seed in args.seeds:
        rng = np.random.default_rng(seed)
        perms = np.array([rng.permutation(MOTIF) for _ in range(CLASSES)])
        xtr, ytr = dataset(perms, args.train, rng, args.noise)
        xte, yte = dataset(perms, args.test, rng, args.noise)
        r: dict = {}
        for mode in ["learned", "random", "none"]:
            ts = time.time()
            w, d = train(xtr, ytr, seed, mode, args, M)
            v = test_voltages(xte, w, d, beta)
            r[f"acc_{mode}"] = accuracy(v, yte)
            r[f"train_s_{mode}"] = time.time() - ts
            print(f"seed {seed} {mode}: test accuracy {r[f'acc_{mode}']:.3f} ({r[f'train_s_{mode}']:.0f} s)", flush=True)
            if mode == "learned":
                v_sim = simulate(args.snn, args.out / f"sim_seed{seed}", xte, w, d, args.tau_m, args.readout)
                r["acc_simulator"] = accuracy(v_sim, yte)
                r["max_abs_v_diff"] = float(np.abs(v_sim - v).max())
                r["prediction_mismatches"] = int((v_sim.max(-1).argmax(-1) != v.max(-1).argmax(-1)).sum())
                delays_learned.append(d.ravel())
                np.save(args.out / f"learned_seed{seed}_weights.npy", w)
                np.save(args.out / f"learned_seed{seed}_delays.npy", d)
                print(f"seed {seed} simulator: accuracy {r['acc_simulator']:.3f}, max |ΔV| {r['max_abs_v_diff']:.2e}",
                      flush=True)
        per_seed[str(seed)] = r
    keys = ["acc_learned", "acc_random", "acc_none", "acc_simulator"]
    mean = {k: float(np.mean([per_seed[s][k] for s in per_seed])) for k in keys}
    metrics = {
        "acc_learned": mean["acc_learned"], "acc_random_delays": mean["acc_random"],
        "acc_no_delays": mean["acc_none"], "acc_simulator": mean["acc_simulator"],
        "per_seed": per_seed,
        "acceptance": {
            "learned >= 85 %": mean["acc_learned"] >= 0.85,
            "learned >= random + 20 pp": mean["acc_learned"] >= mean["acc_random"] + 0.20,
            "random >= none + 5 pp": mean["acc_random"] >= mean["acc_none"] + 0.05,
            "simulator accuracy == NumPy accuracy (every seed)":
                all(per_seed[s]["acc_simulator"] == per_seed[s]["acc_learned"] for s in per_seed),
        },
        "parameters": {"channels": CHANNELS, "classes": CLASSES, "motif_steps": MOTIF, "trial_steps": TRIAL,
                       "K": K, "readout_bins": T_OUT + 1, "sim_gap_bins": GAP, "seeds": args.seeds,
                       "train": args.train, "test": args.test, "epochs": args.epochs, "batch": args.batch,
                       "lr_w": args.lr_w, "lr_p": args.lr_p, "tau_m_ms": args.tau_m, "pool_temp": args.pool_temp,
                       "noise": args.noise, "sigma": "K/2 -> 0.5 geometric over epochs/2", "quick": args.quick,
                       "readout_model": args.readout, "sim_delay": "d + 1 ms, dt 1 ms"},
        "cpu": cpu_model(), "wall_s": time.time() - t0,
    }
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    names = [("acc_none", "no delays"), ("acc_random", "random delays"), ("acc_learned", "learned delays"),
             ("acc_simulator", "learned (SwiftSNN)")]
    vals = [[per_seed[s][k] for s in per_seed] for k, _ in names]
    a.bar(range(len(names)), [np.mean(v) for v in vals], color=["gray", "tab:orange", "tab:green", "tab:blue"])
    for j, v in enumerate(vals):
        a.scatter([j] * len(v), v, color="k", s=10, zorder=3)
    a.axhline(0.1, ls=":", color="k")
    a.set_xticks(range(len(names)), [n for _, n in names], fontsize=8)
    a.set_ylabel("test accuracy")
    a.set_ylim(0, 1)
    b.hist(np.concatenate(delays_learned), bins=np.arange(K + 1) - 0.5, color="tab:green")
    b.set_xlabel("learned delay d (steps; simulator delay d + 1 ms)")
    b.set_ylabel("synapses")
    fig.tight_layout()
    fig.savefig(args.out / "delay_learning.png", dpi=120)
    for name, ok in metrics["acceptance"].items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(metrics["acceptance"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
