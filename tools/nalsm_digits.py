#!/usr/bin/env python3
"""NALSM (Ivanov & Michmizos, NeurIPS 2021) at CPU scale on scikit-learn's 8×8 digits, simulated by SwiftSNN.

    "$(tools/venv.sh)" tools/nalsm_digits.py --out out/nalsm            # full run (2 network seeds)
    "$(tools/venv.sh)" tools/nalsm_digits.py --out out/nalsm --quick    # 1 seed, fewer digits: a smoke run

The liquid is built by SwiftSNN from a JSON config this script writes (../shared/design/SEED_PAPERS.md §1):
a 10×10×10 grid layout (800 `nalsm_lif` excitatory, 200 inhibitory, random assignment), distance_bernoulli
connectivity P = C·exp(−(D/λ)²) with C_EE 0.2, C_EI 0.1, C_IE 0.3, C_II 0.05, λ 3, no autapses, every weight at
W_max = 3 with the sign of its source (inputs: random sign, 15 % of input × liquid pairs); 64 input neurons
(`nalsm_lif`, driven by `bernoulli_input` at the digit's normalised pixel intensities with current 100 in one
step, NALSM's encoding). Plasticity: `stdp_signed` on every projection into the liquid (bounds [0, 3] from
excitatory, [−3, 0] from inhibitory, [−3, 3] from input neurons), A₊ = 0.15 and NALSM's trace jump a = 0.1,
so Aplus = 0.015; for NALSM, A₋ follows an `astrocyte_integrator` (τ 100 ms, bias 0.15, +w_astro per liquid
spike, −w_astro per input spike); for LSM+STDP A₋ = A₊. Protocol (§1.6) with `snn trials`: liquid
initialisation over --init-digits random digits × 20 ms with weights kept, then every digit × 250 ms from the
initialised weights with A₊, the astrocyte's bias and weights fading ×0.99 per ms; features = liquid spike
counts, readout = multinomial logistic regression on a stratified 70/30 split. Static LSM baselines: every
|w| the same, no plasticity. Branching factor as §1.7 over the first 20 digits' rasters; kernel rank = rank of
the liquid × 1000 matrix of counts of 100 digits per class.

Known differences from NALSM's code: PSCs of one source add where NALSM keeps the latest (≤ 5 % of one PSC),
and pairs in the same step count as causal (NALSM's traces update after weights). In feature extraction the
astrocyte's state fades ×0.99 per ms with its bias and weights (`"fade"`), as NALSM's does.

Writes OUT/metrics.json (bf_nalsm, bf_stdp, bf_static {w: bf}, bf_vs_w_astro {w: bf}, acc_nalsm, acc_stdp,
acc_pixels, kernel_rank, rate_nalsm_hz, rate_stdp_hz, plus per-run details) and OUT/nalsm.png, and exits 1
unless the issue's acceptance lines hold:
* static LSM BF rises monotonically with |w| and crosses 1 between |w| = 0.8 and 1.0;
* NALSM BF ∈ [1.15, 1.35]; LSM+STDP supercritical: BF ≥ NALSM + 0.05 and liquid rate ≥ 3× NALSM's;
* BF falls monotonically over w_astro ∈ {0.015, 0.05, 0.1, 0.2} and lies in [0.9, 1.1] at 0.1;
* NALSM accuracy ≥ LSM+STDP's and ≥ raw-pixel logistic regression − 1.5 pp; kernel rank ≥ 950 of 1000.
--quick (300 digits, 500 init digits, one seed) is a smoke run: its accuracies have ±3 pp of noise and its rank
is of 300 digits (checked at 95 % of that).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
W_MAX = 3.0
C = {("exc", "exc"): 0.2, ("exc", "inh"): 0.1, ("inh", "exc"): 0.3, ("inh", "inh"): 0.05}


def digits():
    """Images as NALSM normalises them: each by its pixel sum, then all by the largest normalised pixel."""
    from sklearn.datasets import load_digits
    d = load_digits()
    x = d.data / d.data.sum(axis=1, keepdims=True)
    return x / x.max(), d.target, d.data


def config(kind: str, seed: int, w_astro: float = 0.015, weight: float = W_MAX, fading: bool = False,
           weight_files: dict | None = None, side: int = 10, input_gain: float = 1) -> dict:
    """The network of `kind` ('nalsm', 'stdp' or 'static') on a side³ liquid; `fading`: the feature-extraction
    schedules; `input_gain` scales the input → liquid weights (tools/astro_controller.py)."""
    plastic = kind != "static"
    liquid = side ** 3
    n_exc = liquid * 4 // 5
    sizes = {"exc": n_exc, "inh": liquid - n_exc}

    def fade(x):
        return {"initial": x, "factor": 0.99, "every_ms": 1} if fading else x

    populations = [
        {"name": "drive", "size": 64, "model": "bernoulli_input", "params": {"p": 0.0}},
        # Input neurons take the drive's current 100 in one step: tau_u 1e-3 ms injects w·dt/tau_u = 1000·w and
        # leaves e^-1000 of it for the next step.
        {"name": "input", "size": 64, "model": "nalsm_lif", "params": {"tau_u": 1e-3}},
        {"name": "exc", "size": sizes["exc"], "model": "nalsm_lif"},
        {"name": "inh", "size": sizes["inh"], "model": "nalsm_lif"},
    ]
    projections = [{"source": "drive", "target": "input", "connectivity": {"rule": "one_to_one"},
                    "synapse": {"weight": 0.1, "delay_ms": 1}}]
    bounds = {"exc": (0, W_MAX), "inh": (-W_MAX, 0), "input": (-W_MAX, W_MAX)}
    for source in ["input", "exc", "inh"]:
        for target in ["exc", "inh"]:
            if source == "input":
                n = int(64 * sizes[target] * 0.15)
                connectivity = {"rule": "fixed_total_number", "N": n, "allow_multapses": False}
                w = {"choice": [-weight * input_gain, weight * input_gain]}
            else:
                connectivity = {"rule": "distance_bernoulli", "C": C[(source, target)], "lambda": 3,
                                "allow_autapses": False}
                w = weight if source == "exc" else -weight
            index = len(projections)
            if weight_files and index in weight_files:
                w = {"file": weight_files[index]}
            p = {"source": source, "target": target, "connectivity": connectivity, "synapse": {"weight": w, "delay_ms": 1}}
            if plastic:
                scale = input_gain if source == "input" else 1
                params = {"Aplus": fade(0.015), "tau_plus": 10, "tau_minus": 10,
                          "w_min": bounds[source][0] * scale, "w_max": bounds[source][1] * scale}
                params["Aminus"] = {"modulator": "astro", "scale": 0.1} if kind == "nalsm" else fade(0.015)
                p["plasticity"] = {"rule": "stdp_signed", "params": params}
            projections.append(p)
    spec = {
        "simulation": {"duration_ms": 20, "dt_ms": 1, "seed": seed, "threads": 1},
        "populations": populations,
        "layouts": [{"name": "liquid", "grid": [side, side, side], "populations": ["exc", "inh"]}],
        "projections": projections,
        "recorders": [{"name": "spikes_exc", "type": "spikes", "population": "exc"},
                      {"name": "spikes_inh", "type": "spikes", "population": "inh"},
                      {"name": "spikes_input", "type": "spikes", "population": "input"}],
    }
    if kind == "nalsm":
        spec["modulators"] = [{"name": "astro", "type": "astrocyte_integrator", "tau_ms": 100, "bias": fade(0.15),
                               "initial": 0.15,
                               "inputs": [{"population": "exc", "weight": fade(w_astro)},
                                          {"population": "inh", "weight": fade(w_astro)},
                                          {"population": "input", "weight": fade(-w_astro)}]}]
        if fading:
            spec["modulators"][0]["fade"] = {"factor": 0.99, "every_ms": 1}
    return spec


def trials(snn: Path, spec: dict, directory: Path, inputs: np.ndarray, trial_ms: float, weights: str,
           extra: list[str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "net.json").write_text(json.dumps(spec))
    np.save(directory / "p.npy", inputs.astype(np.float64))
    subprocess.run([str(snn), "trials", str(directory / "net.json"), "--trial-ms", str(trial_ms), "--inputs",
                    str(directory / "p.npy"), "--input-population", "drive", "--weights", weights, "--out",
                    str(directory)] + extra, check=True, stdout=subprocess.DEVNULL)


def liquid_counts(directory: Path) -> np.ndarray:
    return np.hstack([np.load(directory / "spikes_exc_counts.npy"), np.load(directory / "spikes_inh_counts.npy")])


def branching_factor(directory: Path, samples: int) -> float:
    """SEED_PAPERS §1.7: per liquid neuron spike at t (buffers of 25 + 4 ms), post = spikes of its postsynaptic
    liquid neurons in [t+1, t+5), pre = spikes of its presynaptic ones in [t−4, t); ratio post / max(pre, 1)."""
    offsets = {"exc": 0, "inh": 800}
    pre_of = [[] for _ in range(1000)]
    post_of = [[] for _ in range(1000)]
    projections = json.loads((directory / "net.json").read_text())["projections"]
    for i, p in enumerate(projections):
        if p["source"] in offsets and p["target"] in offsets:
            pairs = np.load(directory / f"synapses_projection{i}.npy").astype(int)
            for s, t in pairs:
                s, t = s + offsets[p["source"]], t + offsets[p["target"]]
                post_of[s].append(t)
                pre_of[t].append(s)
    bfs = []
    for k in range(samples):
        raster = np.zeros((1000, 251), dtype=np.int32)
        for name, offset in offsets.items():
            s = np.load(directory / f"spikes_{name}_trial{k}.npy")
            np.add.at(raster, (s["id"].astype(int) + offset, np.rint(s["t"]).astype(int)), 1)
        per_neuron = []
        for n in range(1000):
            times = np.nonzero(raster[n, 29:221])[0] + 29
            if len(times) == 0:
                continue
            ratios = []
            for t in times:
                pre = raster[pre_of[n], t - 4:t].sum() if pre_of[n] else 0
                post = raster[post_of[n], t + 1:t + 5].sum() if post_of[n] else 0
                ratios.append(post / max(pre, 1))
            per_neuron.append(np.mean(ratios))
        bfs.append(np.mean(per_neuron) if per_neuron else np.nan)
    return float(np.nanmean(bfs))


def accuracy(features: np.ndarray, labels: np.ndarray, seed: int) -> float:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    x = features / np.maximum(features.sum(axis=1, keepdims=True), 1)
    x = x / max(x.max(), 1e-12)
    xtr, xte, ytr, yte = train_test_split(x, labels, test_size=0.3, stratify=labels, random_state=seed)
    model = LogisticRegression(max_iter=5000, C=100).fit(xtr, ytr)
    return float(model.score(xte, yte))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--snn", type=Path, default=REPO / ".build/release/snn")
    ap.add_argument("--quick", action="store_true", help="one seed, 300 digits, 500 init digits")
    ap.add_argument("--seeds", type=int, nargs="+", default=None)
    ap.add_argument("--init-digits", type=int, default=3000)
    args = ap.parse_args()
    if not args.snn.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "snn"], cwd=REPO, check=True)
    seeds = args.seeds or ([0] if args.quick else [0, 1])
    p, labels, pixels = digits()
    if args.quick:
        keep = np.concatenate([np.nonzero(labels == c)[0][:30] for c in range(10)])
        p, labels, pixels = p[keep], labels[keep], pixels[keep]
        args.init_digits = min(args.init_digits, 500)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    runs: dict = {}
    record = ["--record-trials", "20", "--save-synapses"]

    def run(name: str, kind: str, seed: int, **kw) -> dict:
        directory = args.out / f"{name}_seed{seed}"
        weight_files = None
        if kind != "static":
            init = directory / "init"
            rng = np.random.default_rng(seed)
            trials(args.snn, config(kind, seed, **kw), init, p[rng.integers(0, len(p), args.init_digits)], 20,
                   "current", ["--save-weights"])
            weight_files = {int(f.stem.removeprefix("weights_projection")): str(f) for f in init.glob("weights_projection*.npy")}
        trials(args.snn, config(kind, seed, fading=kind != "static", weight_files=weight_files, **kw), directory, p, 250,
               "initial", record)
        counts = liquid_counts(directory)
        result = {"bf": branching_factor(directory, 20), "acc": accuracy(counts, labels, seed),
                  "rate_hz": float(counts.sum(axis=1).mean() / 1000 / 0.25)}
        if not args.quick or seed == seeds[0]:
            per_class = np.concatenate([np.nonzero(labels == c)[0][:100] for c in range(10)])
            result["kernel_rank"] = int(np.linalg.matrix_rank(counts[per_class].T))
            result["kernel_rank_of"] = int(len(per_class))
        print(f"{name} seed {seed}: BF {result['bf']:.3f}, accuracy {result['acc']:.3f}, rate {result['rate_hz']:.1f} Hz"
              f"{', rank %d' % result['kernel_rank'] if 'kernel_rank' in result else ''} ({time.time() - started:.0f} s)")
        return result

    for seed in seeds:
        runs[f"nalsm_{seed}"] = run("nalsm", "nalsm", seed)
        runs[f"stdp_{seed}"] = run("stdp", "stdp", seed)
    static = {w: run(f"static_w{w}", "static", seeds[0], weight=w) for w in [0.4, 0.6, 0.8, 1.0, 1.2, 1.4]}
    astro = {0.015: runs[f"nalsm_{seeds[0]}"]}
    for w in [0.05, 0.1, 0.2]:
        astro[w] = run(f"nalsm_wastro{w}", "nalsm", seeds[0], w_astro=w)
    acc_pixels = accuracy(pixels, labels, seeds[0])

    def mean(key, prefix):
        return float(np.mean([runs[f"{prefix}_{s}"][key] for s in seeds]))

    metrics = {
        "bf_nalsm": mean("bf", "nalsm"), "bf_stdp": mean("bf", "stdp"),
        "bf_static": {str(w): r["bf"] for w, r in static.items()},
        "bf_vs_w_astro": {str(w): r["bf"] for w, r in astro.items()},
        "acc_nalsm": mean("acc", "nalsm"), "acc_stdp": mean("acc", "stdp"), "acc_pixels": acc_pixels,
        "kernel_rank": runs[f"nalsm_{seeds[0]}"]["kernel_rank"],
        "rate_nalsm_hz": mean("rate_hz", "nalsm"), "rate_stdp_hz": mean("rate_hz", "stdp"),
        "runs": runs, "static": {str(w): r for w, r in static.items()}, "seeds": seeds, "quick": args.quick,
        "digits": int(len(labels)), "init_digits": args.init_digits, "seconds": time.time() - started,
    }
    bf_static = [static[w]["bf"] for w in sorted(static)]
    bf_astro = [astro[w]["bf"] for w in sorted(astro)]
    checks = {
        "static BF rises with |w|": all(a < b for a, b in zip(bf_static, bf_static[1:])),
        "static BF crosses 1 between |w| 0.8 and 1.0": static[0.8]["bf"] <= 1 <= static[1.0]["bf"],
        "NALSM BF in [1.15, 1.35]": 1.15 <= metrics["bf_nalsm"] <= 1.35,
        "LSM+STDP BF >= NALSM + 0.05": metrics["bf_stdp"] >= metrics["bf_nalsm"] + 0.05,
        "LSM+STDP rate >= 3x NALSM": metrics["rate_stdp_hz"] >= 3 * metrics["rate_nalsm_hz"],
        "BF falls over w_astro": all(a > b for a, b in zip(bf_astro, bf_astro[1:])),
        "BF in [0.9, 1.1] at w_astro 0.1": 0.9 <= astro[0.1]["bf"] <= 1.1,
        "NALSM accuracy >= LSM+STDP": metrics["acc_nalsm"] >= metrics["acc_stdp"],
        "NALSM accuracy >= pixels - 1.5 pp": metrics["acc_nalsm"] >= acc_pixels - 0.015,
        # 950 of 1000 digits; --quick has fewer, and the same fraction of them.
        "kernel rank >= 95 %": metrics["kernel_rank"] >= 0.95 * runs[f"nalsm_{seeds[0]}"]["kernel_rank_of"],
    }
    metrics["checks"] = checks
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for w, r in static.items():
        a.scatter(r["bf"], r["acc"], color="gray")
        a.annotate(f"LSM {w}", (r["bf"], r["acc"]), fontsize=7)
    for s in seeds:
        a.scatter(runs[f"nalsm_{s}"]["bf"], runs[f"nalsm_{s}"]["acc"], color="tab:green", label="NALSM" if s == seeds[0] else None)
        a.scatter(runs[f"stdp_{s}"]["bf"], runs[f"stdp_{s}"]["acc"], color="tab:red", label="LSM+STDP" if s == seeds[0] else None)
    a.axvline(1, ls=":", color="k")
    a.set_xlabel("branching factor")
    a.set_ylabel("test accuracy")
    a.legend()
    b.plot(sorted(astro), bf_astro, "o-", color="tab:green")
    b.axhline(1, ls=":", color="k")
    b.set_xscale("log")
    b.set_xlabel("w_astro")
    b.set_ylabel("branching factor")
    fig.tight_layout()
    fig.savefig(args.out / "nalsm.png", dpi=120)
    return report(checks)


def report(checks: dict) -> int:
    """Prints each acceptance line; the exit status: 1 if any failed."""
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
