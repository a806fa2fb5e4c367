#!/usr/bin/env python3
"""`delay_shift` aligns a repeated spatio-temporal pattern (issue 12, reproduction 3), simulated by SwiftSNN.

    "$(tools/venv.sh)" tools/delay_stdp_demo.py --out out/delay_stdp_demo               # seeds 1 2 3, ~2 s
    "$(tools/venv.sh)" tools/delay_stdp_demo.py --out DIR --snn .build/release/snn --seeds 4 5

Network (written to OUT/seed<k>/delay_stdp_demo.json): N = 30 `spike_generator` channels; each fires once per
repetition at its own time t_i, drawn once uniformly in [0, 15] ms, plus a fresh jitter N(0, 0.2 ms) per
repetition (rounded to dt = 0.1 ms); one repetition every 100 ms, 150 repetitions. All channels reach one
`iaf_psc_delta` neuron (E_L = V_reset = 0, V_th 15 mV, τ_m 10 ms, t_ref 2 ms) through 1.05 mV synapses whose
delays start uniform in [1, 20] ms, so the arrivals t_i + d_i spread over ≈ 35 ms; balanced Poisson noise
(±0.5 mV at 1.5 kHz each) makes the neuron cross threshold in some repetitions only, late in the volley.
`delay_shift` (eta 0.1, window 20 ms, delays in [1, 25] ms) moves every arrival toward the postsynaptic spikes
within 20 ms of it: the arrivals gather, the neuron fires sooner and in every repetition, and the cluster
tightens further. A `delays` recorder samples every delay after each repetition.

Measures, per seed and their means: the pattern's arrival spread (standard deviation over channels of t_i + d_i,
t_i the pattern's times without jitter, d_i the real-valued delays the rule keeps; transmission rounds them to
0.1 ms) before learning and after the last repetition; the post spike's latency after the pattern onset (first
spike per repetition) and the fraction of repetitions with a post spike, each over the first and last 10
repetitions.

Writes OUT/metrics.json (spread_initial_ms, spread_final_ms, spread_ratio, latency_initial_ms,
latency_final_ms, reliability_initial, reliability_final, per_seed, acceptance, parameters, cpu, wall_s) and
OUT/delay_stdp_demo.png (delays over time, spread per repetition, post spikes relative to onset). Exits 1 unless,
in every seed:
* the arrival spread falls ≥ 5× from the initial random delays (the issue's acceptance line);
* the neuron fires in at least as many of the last 10 repetitions as of the first 10, and no later.
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
N, PERIOD_MS, REPETITIONS, PATTERN_MS, JITTER_MS = 30, 100.0, 150, 15.0, 0.2
DELAY_RANGE_MS, BOUNDS_MS = (1.0, 20.0), (1.0, 25.0)
RULE = {"eta": 0.1, "window_ms": 20, "d_min_ms": BOUNDS_MS[0], "d_max_ms": BOUNDS_MS[1]}
WEIGHT_MV, DT_MS, WINDOW = 1.05, 0.1, 10
NOISE_HZ, NOISE_MV = 1500.0, 0.5


def pattern(seed: int) -> tuple[np.ndarray, list[list[float]]]:
    """The channels' pattern times and, per channel, its spike times over all repetitions (on the grid)."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0, PATTERN_MS, N)
    onsets = PERIOD_MS * np.arange(REPETITIONS) + 5.0
    times = onsets[None, :] + base[:, None] + rng.normal(0, JITTER_MS, (N, REPETITIONS))
    times = np.round(np.clip(times, onsets[None, :], None) / DT_MS) * DT_MS
    return base, [sorted(float(t) for t in row) for row in times]


def config(seed: int, trains: list[list[float]]) -> dict:
    return {
        "simulation": {"duration_ms": PERIOD_MS * REPETITIONS, "dt_ms": DT_MS, "seed": seed},
        "populations": [
            {"name": "pattern", "size": N, "model": "spike_generator", "params": {"spike_times": trains}},
            {"name": "noise", "size": 1, "model": "poisson_generator", "params": {"rate": NOISE_HZ}},
            {"name": "post", "size": 1, "model": "iaf_psc_delta",
             "params": {"E_L": 0, "V_reset": 0, "V_th": 15, "tau_m": 10, "t_ref": 2}, "initial": {"V_m": 0}},
        ],
        "projections": [{
            "source": "pattern", "target": "post", "connectivity": {"rule": "all_to_all"},
            "synapse": {"weight": WEIGHT_MV, "delay_ms": {"uniform": list(DELAY_RANGE_MS)}},
            "max_delay_ms": BOUNDS_MS[1],
            "delay_plasticity": {"rule": "delay_shift", "params": RULE},
        }, {
            "source": "noise", "target": "post", "connectivity": {"rule": "all_to_all"},
            "synapse": {"weight": NOISE_MV},
        }, {
            "source": "noise", "target": "post", "connectivity": {"rule": "all_to_all"},
            "synapse": {"weight": -NOISE_MV},
        }],
        "recorders": [
            {"name": "post", "type": "spikes", "population": "post"},
            {"name": "delays", "type": "delays", "projection": 0, "interval_ms": PERIOD_MS},
        ],
    }


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def per_repetition(post_times: np.ndarray) -> np.ndarray:
    """The first post spike's latency after each repetition's onset (NaN where it does not fire)."""
    latency = np.full(REPETITIONS, np.nan)
    for t in post_times:
        r = int(t // PERIOD_MS)
        if r < REPETITIONS and np.isnan(latency[r]):
            latency[r] = t - (PERIOD_MS * r + 5.0)
    return latency


def simulate(snn: Path, seed: int, out: Path) -> dict:
    """One network seed: runs the config, returns its measures and the traces for the figure."""
    base, trains = pattern(seed)
    out.mkdir(parents=True, exist_ok=True)
    config_path = out / "delay_stdp_demo.json"
    config_path.write_text(json.dumps(config(seed, trains), indent=1))
    subprocess.run([str(snn), "run", str(config_path), "--out", str(out / "run")], check=True, stdout=subprocess.DEVNULL)
    # The initial delays, as drawn: the same config run for 0 ms.
    subprocess.run([str(snn), "run", str(config_path), "--out", str(out / "initial"), "--save-delays", "--duration-ms", "0"],
                   check=True, stdout=subprocess.DEVNULL)
    # all_to_all from N sources onto one target: creation order is source order.
    initial = np.load(out / "initial" / "delays_projection0.npy")
    order = np.argsort(np.load(out / "run" / "delays_sources.npy"), kind="stable")
    samples = np.load(out / "run" / "delays.npy")[:, order]  # repetitions × synapses, after each repetition
    spread = np.concatenate([[np.std(base + initial)], [np.std(base + s) for s in samples]])
    post = np.load(out / "run" / "post.npy")["t"]
    latency = per_repetition(post)
    first, last = latency[:WINDOW], latency[-WINDOW:]
    return {
        "seed": seed,
        "spread_initial_ms": float(spread[0]),
        "spread_final_ms": float(spread[-1]),
        "spread_ratio": float(spread[0] / spread[-1]),
        "latency_initial_ms": float(np.nanmean(first)) if np.isfinite(first).any() else None,
        "latency_final_ms": float(np.nanmean(last)) if np.isfinite(last).any() else None,
        "reliability_initial": float(np.isfinite(first).mean()),
        "reliability_final": float(np.isfinite(last).mean()),
        "post_spikes": int(len(post)),
        "_delays": np.vstack([initial, samples]), "_spread": spread, "_post": post,
    }


def mean(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r[key] is not None]
    return float(np.mean(values)) if values else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--snn", type=Path, default=REPO / ".build/release/snn")
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = ap.parse_args()
    if not args.snn.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "snn"], cwd=REPO, check=True)
    start = time.time()
    runs = [simulate(args.snn, seed, args.out / f"seed{seed}") for seed in args.seeds]
    keys = ["spread_initial_ms", "spread_final_ms", "spread_ratio", "latency_initial_ms", "latency_final_ms",
            "reliability_initial", "reliability_final"]
    metrics = {key: mean(runs, key) for key in keys}
    checks = {
        "arrival spread falls >= 5x (every seed)": all(r["spread_ratio"] >= 5 for r in runs),
        "fires at least as reliably in the last 10 repetitions (every seed)":
            all(r["reliability_final"] >= r["reliability_initial"] for r in runs),
        "fires no later after learning (every seed that fired before)":
            all(r["latency_final_ms"] is not None and (r["latency_initial_ms"] is None or r["latency_final_ms"] <= r["latency_initial_ms"])
                for r in runs),
    }
    metrics["per_seed"] = [{k: v for k, v in r.items() if not k.startswith("_")} for r in runs]
    metrics["acceptance"] = checks
    metrics["parameters"] = {"N": N, "period_ms": PERIOD_MS, "repetitions": REPETITIONS, "pattern_ms": PATTERN_MS,
                             "jitter_ms": JITTER_MS, "initial_delays_ms": DELAY_RANGE_MS, "weight_mV": WEIGHT_MV,
                             "noise_hz": NOISE_HZ, "noise_mV": NOISE_MV, "delay_shift": RULE, "seeds": args.seeds}
    metrics["cpu"] = cpu_model()
    metrics["wall_s"] = round(time.time() - start, 2)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(14, 4))
    shown = runs[0]
    a.plot(np.arange(REPETITIONS + 1), shown["_delays"], lw=0.7)
    a.set_xlabel("repetition")
    a.set_ylabel("delay [ms]")
    a.set_title(f"delays, seed {shown['seed']} (one line per synapse)")
    for r in runs:
        b.plot(np.arange(REPETITIONS + 1), r["_spread"], ".-", ms=2, label=f"seed {r['seed']}")
    b.set_yscale("log")
    b.set_xlabel("repetition")
    b.set_ylabel("arrival spread [ms]")
    b.set_title(f"spread {metrics['spread_initial_ms']:.2f} → {metrics['spread_final_ms']:.3f} ms (mean)")
    b.legend()
    post = shown["_post"]
    reps = (post // PERIOD_MS).astype(int)
    c.plot(post - (PERIOD_MS * reps + 5.0), reps, "k|")
    c.set_xlabel("post spike after pattern onset [ms]")
    c.set_ylabel("repetition")
    c.set_title(f"postsynaptic spikes, seed {shown['seed']}")
    fig.tight_layout()
    fig.savefig(args.out / "delay_stdp_demo.png", dpi=120)
    print(json.dumps({k: metrics[k] for k in keys}, indent=1))
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
