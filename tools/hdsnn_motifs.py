#!/usr/bin/env python3
"""Spiking-motif detection with heterogeneous delays (HD-SNN; issue 12, reproduction 1), detected by SwiftSNN.

    "$(tools/venv.sh)" tools/hdsnn_motifs.py --out out/hdsnn_motifs            # ~1 min
    "$(tools/venv.sh)" tools/hdsnn_motifs.py --out DIR --trials 4 --seed 3

Generative model (Grimaldi & Perrinet 2023; Perrinet, ICANN 2023; ../shared/design/SEED_PAPERS.md §3.3): M = 144
motif kernels SM(m, a, δ) over N = 128 presynaptic neurons and D = 31 delays, E·N(0, 1) with E = 4 kept where
above E·Φ⁻¹(1 − p_SM) (p_SM = 0.05), times the envelope e^(−s/0.4)·(1 − e^(−s/0.05)), s = linspace(0, 1, D),
convolved along δ with the spike shape [1, −0.8, −0.2]; motif occurrences B(m, t) ~ Bernoulli(p_B = 0.001) away
from the borders; presynaptic spikes A(a, t) ~ Bernoulli(σ(logit(p_A) + Σ_{m,δ} B(m, t − δ + D//2)·SM(m, a, δ))),
p_A = 0.001, T = 1000 steps of 1 ms per trial.

Detector: M SwiftSNN `window_integrator` neurons (window = dt = 1 ms, so V_m of a step is its evidence), one
synapse per non-zero kernel entry (a, δ) of weight SM(m, a, δ) and integer delay D − δ steps (≥ 1: the matched
filter B̂(m, t) = Σ_{a,δ} SM(m, a, δ)·A(a, t + δ − D//2) made causal, each detection D//2 + 1 steps late, which
the matching undoes). The threshold V_th is the (1 − mean B) quantile of the evidence on separate training
trials. Trials run back to back in one simulation, 2D steps apart. A detection is a true positive only at the
exact (motif, time) of an occurrence.

Writes OUT/metrics.json and OUT/hdsnn_motifs.png (TP vs D, TP vs fraction of synapses kept, evidence of one
motif) and exits 1 unless every acceptance line holds:
* TP rate ≥ 0.93 with TN rate ≥ 0.999 at M 144, D 31 (paper 0.988);
* TP strictly increases over D = 7, 15, 31;
* HD-SNN beats the correlation detector (template σ(logit p_A + SM), NumPy) by ≥ 0.10;
* keeping the 3 % of the dense kernel's M·N·D weights largest in |w| loses ≤ 3 pp;
* the simulator's evidence equals the NumPy convolution to 1e-5 (weights are stored as float32) in both engines.
  The event engine runs `window_integrator` with its windows on the grid of dt, so the evidence is checked there too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit, logit
from scipy.stats import norm

REPO = Path(__file__).resolve().parent.parent
N, M, T, P_A, P_B, E, P_SM = 128, 144, 1000, 0.001, 0.001, 4.0, 0.05


def kernels(rng: np.random.Generator, d: int) -> np.ndarray:
    """SM (M × N × D), float32 as the simulator stores weights."""
    sm = E * rng.standard_normal((M, N, d))
    sm[sm < E * norm.ppf(1 - P_SM)] = 0
    s = np.linspace(0, 1, d)
    sm *= np.exp(-s / 0.4) * (1 - np.exp(-s / 0.05))
    shape = np.array([1.0, -0.8, -0.2])
    sm = np.apply_along_axis(lambda k: np.convolve(k, shape)[:d], 2, sm)
    return sm.astype(np.float32).astype(np.float64)


def trial(rng: np.random.Generator, sm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Occurrences B (M × T) and presynaptic spikes A (N × T)."""
    d = sm.shape[2]
    b = np.zeros((M, T))
    b[:, d:T - d] = rng.random((M, T - 2 * d)) < P_B
    drive = np.full((N, T), logit(P_A))
    for m, t in zip(*np.nonzero(b)):
        for delta in range(d):
            u = t + delta - d // 2
            if 0 <= u < T:
                drive[:, u] += sm[m, :, delta]
    return b, (rng.random((N, T)) < expit(drive)).astype(np.float64)


def evidence(template: np.ndarray, a: np.ndarray) -> np.ndarray:
    """B̂(m, t) = Σ_{a,δ} K(m, a, δ)·A(a, t + δ − D//2), zero outside the trial."""
    d = template.shape[2]
    out = np.zeros((M, T))
    for delta in range(d):
        shift = delta - d // 2
        shifted = np.zeros_like(a)
        if shift >= 0:
            shifted[:, :T - shift] = a[:, shift:]
        else:
            shifted[:, -shift:] = a[:, :T + shift]
        out += template[:, :, delta] @ shifted
    return out


def rates(detected: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    tp = float((detected & (b > 0)).sum() / max(1, (b > 0).sum()))
    tn = float((~detected & (b == 0)).sum() / (b == 0).sum())
    return tp, tn


def simulate(snn: Path, sm: np.ndarray, trials: list[np.ndarray], threshold: float, out: Path,
             engine: str = "clock") -> tuple[list[np.ndarray], list[np.ndarray]] | None:
    """Runs the detector on the trials; per trial the recorded evidence and detections (M × T, in B̂'s time
    frame), or None if the engine refuses the network."""
    d = sm.shape[2]
    gap, lag = 2 * d, d // 2 + 1
    stride = T + gap
    m_idx, a_idx, delta_idx = np.nonzero(sm)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "sources.npy", a_idx.astype(np.int64))
    np.save(out / "targets.npy", m_idx.astype(np.int64))
    np.save(out / "weights.npy", sm[m_idx, a_idx, delta_idx])
    np.save(out / "delays.npy", (d - delta_idx).astype(np.float64))
    times, ids = [], []
    for k, a in enumerate(trials):
        n, t = np.nonzero(a)
        times.append(k * stride + t + 1.0)  # A(·, t) spikes at t + 1 ms; spike times must be > 0
        ids.append(n)
    times, ids = np.concatenate(times), np.concatenate(ids)
    order = np.lexsort((ids, times))
    spikes = np.zeros(len(times), dtype=[("t", "<f8"), ("id", "<i4")])
    spikes["t"], spikes["id"] = times[order], ids[order]
    np.save(out / "input.npy", spikes)
    duration = stride * len(trials)
    config = {
        "simulation": {"duration_ms": duration, "dt_ms": 1, "engine": engine},
        "populations": [{"name": "pre", "size": N, "model": "spike_generator", "params": {"file": "input.npy"}},
                        {"name": "det", "size": M, "model": "window_integrator", "params": {"window_ms": 1, "V_th": threshold}}],
        "projections": [{"source": "pre", "target": "det",
                         "connectivity": {"rule": "explicit", "sources": {"file": "sources.npy"}, "targets": {"file": "targets.npy"}},
                         "synapse": {"weight": {"file": "weights.npy"}, "delay_ms": {"file": "delays.npy"}}}],
        "recorders": [{"name": "det", "type": "spikes", "population": "det"},
                      {"name": "ev", "type": "state", "population": "det", "variables": ["V_m"], "interval_ms": 1}],
    }
    (out / "hdsnn.json").write_text(json.dumps(config))
    run = subprocess.run([str(snn), "run", str(out / "hdsnn.json"), "--out", str(out / "run")], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"{engine} engine: {run.stderr.strip()}")
        return None
    ev = np.load(out / "run" / "ev.npy")[:, :, 0]  # sample k: after the step ending at (k + 1) ms
    det = np.load(out / "run" / "det.npy")
    evidences, detections = [], []
    for k in range(len(trials)):
        # B̂(·, t) is the evidence of the step ending at k·stride + t + 1 + lag, sample k·stride + t + lag.
        evidences.append(ev[k * stride + lag:k * stride + lag + T].T)
        hits = np.zeros((M, T), dtype=bool)
        t = np.rint(det["t"]).astype(int) - k * stride - 1 - lag
        keep = (t >= 0) & (t < T)
        hits[det["id"][keep], t[keep]] = True
        detections.append(hits)
    return evidences, detections


def run_condition(snn: Path, d: int, seed: int, n_trials: int, out: Path, keep_fraction: float = 1.0,
                  engines: tuple[str, ...] = ("clock",)) -> dict:
    rng = np.random.default_rng(seed)
    sm = kernels(rng, d)
    train = [trial(rng, sm) for _ in range(2)]
    test = [trial(rng, sm) for _ in range(n_trials)]
    if keep_fraction < 1:
        # A fraction of the dense kernel's M·N·D weights, as HD-SNN counts them (≈ 22 % of its non-zero ones).
        cut = np.quantile(np.abs(sm), 1 - keep_fraction)
        sm = np.where(np.abs(sm) >= cut, sm, 0)
    threshold = float(np.quantile(np.concatenate([evidence(sm, a).ravel() for _, a in train]), 1 - P_B))
    reference = [evidence(sm, a) for _, a in test]
    result = {"D": d, "synapses": int((sm != 0).sum()), "kernel_density": float((sm != 0).mean()), "threshold": threshold}
    for engine in engines:
        sim = simulate(snn, sm, [a for _, a in test], threshold, out / f"D{d}_keep{keep_fraction:g}_{engine}", engine)
        if sim is None:
            result[f"max_evidence_error_{engine}"] = None
            continue
        evs, dets = sim
        result[f"max_evidence_error_{engine}"] = float(max(np.abs(e - r).max() for e, r in zip(evs, reference)))
        tp, tn = rates(np.concatenate(dets, axis=1), np.concatenate([b for b, _ in test], axis=1))
        result[f"tp_{engine}"], result[f"tn_{engine}"] = tp, tn
        result[f"same_detections_as_numpy_{engine}"] = bool(all(
            np.array_equal(det, r >= threshold) for det, r in zip(dets, reference)))
    if keep_fraction == 1 and d == 31:
        # The correlation baseline (NumPy): the same matched filter with the template σ(logit p_A + SM).
        template = expit(logit(P_A) + sm)
        corr = [evidence(template, a) for _, a in test]
        corr_train = np.concatenate([evidence(template, a).ravel() for _, a in train])
        cut = np.quantile(corr_train, 1 - P_B)
        result["tp_correlation"], _ = rates(np.concatenate([c >= cut for c in corr], axis=1),
                                            np.concatenate([b for b, _ in test], axis=1))
        result["_example"] = (reference[0], test[0][0], threshold)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--snn", type=Path, default=REPO / ".build/release/snn")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trials", type=int, default=8)
    args = ap.parse_args()
    if not args.snn.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "snn"], cwd=REPO, check=True)
    start = time.time()
    main_run = run_condition(args.snn, 31, args.seed, args.trials, args.out, engines=("clock", "event"))
    by_d = {d: run_condition(args.snn, d, args.seed, args.trials, args.out)["tp_clock"] for d in (7, 15)}
    by_d[31] = main_run["tp_clock"]
    pruned = run_condition(args.snn, 31, args.seed, args.trials, args.out, keep_fraction=0.03)
    example = main_run.pop("_example")
    errors = [main_run["max_evidence_error_clock"], main_run["max_evidence_error_event"]]
    metrics = {
        "tp_rate": main_run["tp_clock"], "tn_rate": main_run["tn_clock"],
        "tp_by_D": {str(d): by_d[d] for d in (7, 15, 31)},
        "tp_correlation_baseline": main_run["tp_correlation"],
        "tp_pruned_3pct": pruned["tp_clock"],
        "max_evidence_error": max((e for e in errors if e is not None), default=None),
        "max_evidence_error_by_engine": {"clock": errors[0], "event": errors[1]},
        "detections_equal_numpy_threshold": main_run["same_detections_as_numpy_clock"],
        "detections_equal_numpy_threshold_event": main_run.get("same_detections_as_numpy_event"),
        "synapses": main_run["synapses"], "kernel_density": main_run["kernel_density"],
        "synapses_pruned": pruned["synapses"], "threshold": main_run["threshold"],
        "parameters": {"N": N, "M": M, "D": 31, "T": T, "p_A": P_A, "p_B": P_B, "E": E, "p_SM": P_SM,
                       "trials": args.trials, "seed": args.seed},
    }
    checks = {
        "TP >= 0.93 and TN >= 0.999": metrics["tp_rate"] >= 0.93 and metrics["tn_rate"] >= 0.999,
        "TP strictly increases over D = 7, 15, 31": by_d[7] < by_d[15] < by_d[31],
        "beats the correlation detector by >= 0.10": metrics["tp_rate"] - metrics["tp_correlation_baseline"] >= 0.10,
        "keeping 3 % of synapses loses <= 3 pp": metrics["tp_rate"] - metrics["tp_pruned_3pct"] <= 0.03,
        "evidence equals NumPy to 1e-5 in both engines": all(e is not None and e <= 1e-5 for e in errors),
    }
    metrics["acceptance"] = checks
    metrics["cpu"] = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                           if l.startswith("model name")), "unknown")
    metrics["wall_s"] = round(time.time() - start, 1)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(14, 4))
    a.plot([7, 15, 31], [by_d[d] for d in (7, 15, 31)], "ko-")
    a.set_xlabel("delays D")
    a.set_ylabel("true-positive rate")
    a.set_title("TP vs number of delays")
    b.bar(["all", "3 % by |w|", "correlation"], [metrics["tp_rate"], metrics["tp_pruned_3pct"], metrics["tp_correlation_baseline"]])
    b.set_ylabel("true-positive rate")
    b.set_title(f"{metrics['synapses']} synapses vs {metrics['synapses_pruned']}")
    ev, occurrences, threshold = example
    m = int(np.argmax(occurrences.sum(axis=1)))
    c.plot(ev[m], lw=0.6, label="evidence (SwiftSNN = NumPy)")
    c.axhline(threshold, color="r", lw=0.8, label="V_th")
    for t in np.nonzero(occurrences[m])[0]:
        c.axvline(t, color="g", lw=0.8, ls=":")
    c.set_xlabel("time [ms]")
    c.set_title(f"motif {m}: occurrences (green)")
    c.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out / "hdsnn_motifs.png", dpi=120)
    print(json.dumps({k: v for k, v in metrics.items() if k not in ("parameters", "acceptance")}, indent=1))
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
