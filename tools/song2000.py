#!/usr/bin/env python3
"""Song, Miller & Abbott 2000 (additive STDP, one neuron, 1000 Poisson inputs) in SwiftSNN and in Brian2.

    "$(tools/venv.sh)" tools/song2000.py                              # 100 s, 15 and 30 Hz, out/song2000/
    "$(tools/venv.sh)" tools/song2000.py --snn .build/release/snn --duration-s 200 --seed 3

The network is configs/song2000.json (SwiftSNN): a `bernoulli_input` population of 1000 Poisson inputs
(p = rate·dt per step, what Brian2's PoissonGroup draws), all-to-all onto one iaf_cond_exp neuron (C_m/g_L =
τ_m = 10 ms, E_L −74, V_th −54, V_reset −60 mV, E_ex 0 mV, τ_syn_ex 5 ms, no refractoriness), initial weights
uniform in [0, w_max], additive `stdp` (λ = 0.01, α = A−/A+ = 1.05, τ± = 20 ms, bounds [0, w_max]).

Brian2 runs its documented STDP example (examples/synapses/STDP.py, after Song et al. 2000) with every number
taken from that config: ge is dimensionless in units of g_L, so gmax = w_max/g_L (0.2 nS/20 nS = 0.01, the
example's value), dApre = λ·gmax, dApost = −α·λ·gmax, F = p/dt. Differences from the example's text, all so
that both simulators integrate the same model:
* --model cond (default): the conductance form ge·(E_ex − v), as in Song et al. and NEST/SwiftSNN's
  iaf_cond_exp, integrated with rk4 (SwiftSNN: RK4 with exact conductances). The example itself linearises the
  driving force at the reset, ge·(E_ex − v_r), integrated exactly: --model linearized runs that text verbatim
  and SwiftSNN's iaf_psc_exp with weights in pA = nS × (E_ex − V_reset) mV.
* the synaptic delay is the config's (one step) instead of 0: a spike then reaches both neurons in the same
  step (Brian2 processes a synapse with delay d in step k + d, after that step's state update; SwiftSNN adds
  it to step k + d's input and it moves V from the next step, as NEST does). Pre arrivals are processed
  before post spikes of the same step in both.
* on_pre depresses the weight before adding it to ge, as NEST's stdp_synapse and SwiftSNN do (the example adds
  it first). This matters: the depression per arrival is ~αλ·y ≈ 0.004 gmax, 1 % of the mean weight, and the
  output rate is steep in the drive (+20 % weight triples it), so the example's order fires ~10 % faster with
  the same weights (6 seeds, 100 s: 22.9 Hz vs 21.0 Hz with this order; SwiftSNN 20.1 Hz).
* v starts at E_L (the example leaves it at 0 mV, one spike at t = 0).

Checks (exit 1 if any fails), on the final weights in units of gmax, each the mean over --seeds runs (one run
differs from another seed by up to ~10 % in rate, the same in both simulators):
* fraction of weights within 10 % of either bound (w < 0.1 or w > 0.9) within ±0.05 of Brian2's;
* mean weight within ±0.05 of Brian2's;
* output rate over the second half of the run within ±15 % of Brian2's;
* competition (Song et al. Fig. 2): SwiftSNN's mean weight at the higher input rate (30 Hz) ≤ 0.6 × that at
  15 Hz.
Outputs: OUT/weight_histograms.png (final weights, SwiftSNN next to Brian2, per input rate),
OUT/weight_evolution.png (mean weight and fraction near the bounds over time), OUT/results.json, and each
run's files in OUT/<simulator>_<rate>hz/. Brian2 runs in cpp_standalone mode (--brian2-mode runtime works too,
~2.5 min per 100 s run).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
import compare_nest as cn  # noqa: E402  (run_snn, load_spikes, print_table)
from brian2_worker import DEFAULTS as NEST_DEFAULTS  # noqa: E402  (iaf_cond_exp defaults the config may omit)

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "configs" / "song2000.json"
NEAR_BOUND = 0.1  # "within 10 % of either bound", in units of gmax


def model_parameters(cfg: dict) -> dict:
    """The numbers of the model in Brian2's terms (ms, mV, dimensionless g), from the SwiftSNN config."""
    (inp,) = [p for p in cfg["populations"] if p["model"] == "bernoulli_input"]
    (neuron,) = [p for p in cfg["populations"] if p["model"] == "iaf_cond_exp"]
    (proj,) = cfg["projections"]
    n = dict(NEST_DEFAULTS["iaf_cond_exp"], **neuron.get("params", {}))
    stdp = proj["plasticity"]
    s = stdp["params"]
    if stdp["rule"] != "stdp" or stdp.get("pairing", "all_to_all") != "all_to_all" \
            or s["mu_plus"] != 0 or s["mu_minus"] != 0 or s["w_min"] != 0:
        raise ValueError("configs/song2000.json must hold additive all-to-all stdp with w_min = 0")
    low, high = proj["synapse"]["weight"]["uniform"]
    dt = cfg["simulation"]["dt_ms"]
    g_l = n["g_L"]
    gmax = s["w_max"] / g_l
    return {
        "N": inp["size"], "dt": dt, "F": inp["params"]["p"] / dt * 1000.0,
        "taum": n["C_m"] / g_l, "C_m": n["C_m"], "g_L": g_l, "El": n["E_L"], "vt": n["V_th"], "vr": n["V_reset"],
        "t_ref": n["t_ref"], "Ee": n["E_ex"], "taue": n["tau_syn_ex"], "gmax": gmax,
        "dApre": s["lambda"] * gmax, "dApost": -s["alpha"] * s["lambda"] * gmax,
        "taupre": s["tau_plus"], "taupost": s["tau_minus"], "delay": proj["synapse"]["delay_ms"],
        "w_init": (low / g_l, high / g_l),
    }


def snn_config(cfg: dict, m: dict, rate_hz: float, duration_s: float, seed: int, model: str) -> dict:
    cfg = json.loads(json.dumps(cfg))
    cfg["simulation"].update({"duration_ms": duration_s * 1000.0, "seed": seed})
    (inp,) = [p for p in cfg["populations"] if p["model"] == "bernoulli_input"]
    inp["params"]["p"] = rate_hz * m["dt"] / 1000.0
    if model == "linearized":
        # Current-based with the driving force fixed at E_ex − V_reset: w [pA] = g [nS] × (E_ex − V_reset) [mV].
        scale = m["Ee"] - m["vr"]
        (neuron,) = [p for p in cfg["populations"] if p["model"] == "iaf_cond_exp"]
        neuron["model"] = "iaf_psc_exp"
        neuron["params"] = {"C_m": m["C_m"], "tau_m": m["taum"], "E_L": m["El"], "V_th": m["vt"],
                            "V_reset": m["vr"], "t_ref": m["t_ref"], "tau_syn_ex": m["taue"]}
        (proj,) = cfg["projections"]
        proj["synapse"]["weight"] = {"uniform": [x * m["g_L"] * scale for x in m["w_init"]]}
        proj["plasticity"]["params"]["w_max"] *= scale
    return cfg


def run_snn(cfg: dict, m: dict, model: str, rate_hz: float, args, work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    path = work / "song2000.json"
    path.write_text(json.dumps(snn_config(cfg, m, rate_hz, args.duration_s, args.seed, model), indent=1) + "\n")
    t0 = time.perf_counter()
    res = cn.run_snn(path, work / "out", args.snn, args.timeout)
    wall = time.perf_counter() - t0
    out = res["out_dir"]
    w_max = json.loads(path.read_text())["projections"][0]["plasticity"]["params"]["w_max"]
    weights = np.load(out / "w.npy") / w_max           # (seconds, synapses), units of gmax
    spikes = cn.load_spikes(out / "spikes.npy")["t"] / 1000.0
    return {"weights": weights, "spikes_s": spikes, "wall_s": wall}


def run_brian2(m: dict, model: str, rate_hz: float, duration_s: float, seed: int, mode: str, work: str) -> dict:
    """One Brian2 run of the documented example (in a fresh process: one standalone device per process)."""
    import brian2 as b2  # noqa: PLC0415
    b2.prefs.logging.console_log_level = "ERROR"
    if mode == "standalone":
        b2.set_device("cpp_standalone", directory=str(Path(work) / "project"))
    else:
        b2.prefs.codegen.target = "cython"
    b2.defaultclock.dt = m["dt"] * b2.ms
    b2.seed(seed)
    ms, mV = b2.ms, b2.mV
    ns = {"taum": m["taum"] * ms, "taupre": m["taupre"] * ms, "taupost": m["taupost"] * ms, "Ee": m["Ee"] * mV,
          "vt": m["vt"] * mV, "vr": m["vr"] * mV, "El": m["El"] * mV, "taue": m["taue"] * ms,
          "gmax": m["gmax"], "dApre": m["dApre"], "dApost": m["dApost"]}
    drive = "Ee-v" if model == "cond" else "Ee-vr"
    eqs = f"""
    dv/dt = (ge * ({drive}) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    """
    poisson = b2.PoissonGroup(m["N"], rates=rate_hz * b2.Hz)
    neuron = b2.NeuronGroup(1, eqs, threshold="v>vt", reset="v = vr",
                            method="rk4" if model == "cond" else "exact", namespace=ns)
    neuron.v = m["El"] * mV
    syn = b2.Synapses(poisson, neuron,
                      """w : 1
                         dApre/dt = -Apre / taupre : 1 (event-driven)
                         dApost/dt = -Apost / taupost : 1 (event-driven)""",
                      on_pre="""w = clip(w + Apost, 0, gmax)
                                ge += w
                                Apre += dApre""",
                      on_post="""Apost += dApost
                                 w = clip(w + Apre, 0, gmax)""",
                      delay=m["delay"] * ms, namespace=ns)
    syn.connect(i=np.arange(m["N"]), j=np.zeros(m["N"], dtype=int))
    lo, hi = m["w_init"]
    syn.w = f"{lo!r} + {hi - lo!r} * rand()"
    spikes = b2.SpikeMonitor(neuron)
    weights = b2.StateMonitor(syn, "w", record=np.arange(m["N"]), dt=1 * b2.second)
    t0 = time.perf_counter()
    b2.run(duration_s * b2.second)
    wall = time.perf_counter() - t0
    # The monitor samples at the start of each second; append the final weights so rows match SwiftSNN's
    # samples at the end of each second.
    w = np.vstack([np.asarray(weights.w).T[1:], np.asarray(syn.w)[None, :]]) / m["gmax"]
    return {"weights": w, "spikes_s": np.asarray(spikes.t / b2.second), "wall_s": wall}


def metrics(run: dict, duration_s: float) -> dict:
    final = run["weights"][-1]
    late = run["spikes_s"] >= duration_s / 2
    return {"mean_w": float(final.mean()),
            "near_bounds": float(np.mean((final < NEAR_BOUND) | (final > 1 - NEAR_BOUND))),
            "rate_hz": float(late.sum() / (duration_s / 2)),
            "rate_all_hz": float(len(run["spikes_s"]) / duration_s)}


def plot(runs: dict, stats: dict, rates: list[float], out: Path, duration_s: float, title: str):
    """runs: (simulator, rate) -> list of runs (one per seed); stats: the same keys -> mean metrics."""
    import matplotlib  # noqa: PLC0415
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    color = {"SwiftSNN": "tab:blue", "Brian2": "tab:orange"}
    sims = [s for s in color if any((s, r) in runs for r in rates)]
    fig, axes = plt.subplots(len(rates), len(sims), figsize=(5.5 * len(sims), 3.3 * len(rates)), squeeze=False,
                             sharex=True)
    bins = np.linspace(0, 1, 21)
    for i, r in enumerate(rates):
        for j, sim in enumerate(sims):
            ax = axes[i][j]
            if (sim, r) not in runs:
                ax.set_axis_off()
                continue
            final = np.concatenate([run["weights"][-1] for run in runs[(sim, r)]])
            st = stats[(sim, r)]
            ax.hist(final, bins=bins, weights=np.full(len(final), 1 / len(runs[(sim, r)])), color=color[sim],
                    edgecolor="k")
            ax.set_title(f"{sim}, inputs at {r:g} Hz: mean {st['mean_w']:.3f}, near bounds "
                         f"{st['near_bounds']:.3f}, {st['rate_hz']:.1f} Hz out", fontsize=9)
            ax.set_ylabel("synapses per run")
    for ax in axes[-1]:
        ax.set_xlabel("final weight / gmax")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(out / "weight_histograms.png", dpi=110)
    plt.close(fig)

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 3.8))
    for (sim, r), seeds in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        w = np.mean([run["weights"].mean(axis=1) for run in seeds], axis=0)
        near = np.mean([np.mean((run["weights"] < NEAR_BOUND) | (run["weights"] > 1 - NEAR_BOUND), axis=1)
                        for run in seeds], axis=0)
        t = np.arange(1, len(w) + 1) * duration_s / len(w)
        style = dict(color=color[sim], ls="-" if r == rates[0] else "--", label=f"{sim}, {r:g} Hz inputs")
        a1.plot(t, w, **style)
        a2.plot(t, near, **style)
    a1.set(xlabel="time [s]", ylabel="mean weight / gmax", ylim=(0, 0.6))
    a2.set(xlabel="time [s]", ylabel="fraction within 10 % of a bound", ylim=(0, 1))
    a1.legend(fontsize=8)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(out / "weight_evolution.png", dpi=110)
    plt.close(fig)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--snn", metavar="PATH", help="snn binary (default: `swift run -c release snn`)")
    ap.add_argument("--out", default=str(REPO / "out" / "song2000"))
    ap.add_argument("--duration-s", type=float, default=100.0,
                    help="simulated time per run; the criteria assume >= 100 s (weights still move at 5 s)")
    ap.add_argument("--seed", type=int, default=1, help="first seed (both simulators; their streams differ)")
    ap.add_argument("--seeds", type=int, default=3, help="runs per simulator and rate, seeds seed..seed+N-1")
    ap.add_argument("--rates", type=float, nargs=2, default=[15.0, 30.0], metavar=("RATE", "HIGH_RATE"),
                    help="input rates [Hz]: the comparison runs at RATE, the competition check at HIGH_RATE")
    ap.add_argument("--model", choices=["cond", "linearized"], default="cond",
                    help="conductance synapses, or the example's driving force fixed at E_ex - V_reset")
    ap.add_argument("--brian2-mode", choices=["standalone", "runtime"], default="standalone")
    ap.add_argument("--no-brian2", action="store_true", help="SwiftSNN only (no comparison, competition only)")
    ap.add_argument("--timeout", type=float, default=1800.0)
    args = ap.parse_args(argv)
    if args.duration_s < 2:
        ap.error("--duration-s must be at least 2 (weights are sampled every second)")
    if args.seeds < 1:
        ap.error("--seeds must be >= 1")

    cfg = json.loads(CONFIG.read_text())
    m = model_parameters(cfg)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rates = list(args.rates)
    seeds = list(range(args.seed, args.seed + args.seeds))
    title = (f"Song, Miller & Abbott 2000: {m['N']} Poisson inputs, additive STDP, {args.duration_s:g} s, "
             f"{args.model} synapses, seeds {seeds[0]}..{seeds[-1]}")
    print(f"{m['N']} Poisson inputs -> 1 neuron ({args.model} synapses), additive STDP, gmax = {m['gmax']:g} g_L, "
          f"A-/A+ = {-m['dApost'] / m['dApre']:g}, tau+- = {m['taupre']:g}/{m['taupost']:g} ms, "
          f"{args.duration_s:g} s, inputs at {' and '.join(f'{r:g}' for r in rates)} Hz, "
          f"seeds {seeds[0]}..{seeds[-1]}")

    runs = {}
    ctx = multiprocessing.get_context("spawn")
    for r in rates:
        for seed in seeds:
            args.seed = seed
            try:
                run = run_snn(cfg, m, args.model, r, args, out / f"snn_{r:g}hz_seed{seed}")
            except cn.SnnRunError as e:
                print(f"error: SwiftSNN: {e}", file=sys.stderr)
                return 2
            runs.setdefault(("SwiftSNN", r), []).append(run)
            print(f"  SwiftSNN {r:g} Hz, seed {seed}: {run['wall_s']:.1f} s", flush=True)
            if args.no_brian2:
                continue
            work = out / f"brian2_{r:g}hz_seed{seed}"
            work.mkdir(parents=True, exist_ok=True)
            with ctx.Pool(1) as pool:
                run = pool.apply(run_brian2, (m, args.model, r, args.duration_s, seed, args.brian2_mode, str(work)))
            np.save(work / "w.npy", run["weights"])
            np.save(work / "spikes_s.npy", run["spikes_s"])
            runs.setdefault(("Brian2", r), []).append(run)
            print(f"  Brian2 {r:g} Hz, seed {seed} ({args.brian2_mode}): {run['wall_s']:.1f} s", flush=True)

    per_seed = {key: [metrics(run, args.duration_s) for run in seed_runs] for key, seed_runs in runs.items()}
    stats = {key: {k: float(np.mean([x[k] for x in xs])) for k in xs[0]} for key, xs in per_seed.items()}
    plot(runs, stats, rates, out, args.duration_s, title)
    (out / "results.json").write_text(json.dumps({
        "args": dict(vars(args), seed=seeds[0]),
        "mean_over_seeds": {f"{s}_{r:g}hz": v for (s, r), v in stats.items()},
        "per_seed": {f"{s}_{r:g}hz": v for (s, r), v in per_seed.items()}}, indent=2) + "\n")

    lo, hi = rates
    ours, ours_hi = stats[("SwiftSNN", lo)], stats[("SwiftSNN", hi)]
    checks = []
    if not args.no_brian2:
        ref = stats[("Brian2", lo)]
        checks += [
            (f"near bounds ({lo:g} Hz)", ours["near_bounds"], ref["near_bounds"],
             abs(ours["near_bounds"] - ref["near_bounds"]) <= 0.05, "±0.05 of Brian2"),
            (f"mean weight/gmax ({lo:g} Hz)", ours["mean_w"], ref["mean_w"],
             abs(ours["mean_w"] - ref["mean_w"]) <= 0.05, "±0.05 of Brian2"),
            (f"output rate, 2nd half [Hz] ({lo:g} Hz)", ours["rate_hz"], ref["rate_hz"],
             abs(ours["rate_hz"] - ref["rate_hz"]) <= 0.15 * ref["rate_hz"], "±15 % of Brian2"),
        ]
    ratio = ours_hi["mean_w"] / ours["mean_w"] if ours["mean_w"] > 0 else math.inf
    ref_ratio = math.nan if args.no_brian2 else stats[("Brian2", hi)]["mean_w"] / stats[("Brian2", lo)]["mean_w"]
    checks.append((f"mean w {hi:g} Hz / mean w {lo:g} Hz", ratio, ref_ratio, ratio <= 0.6, "SwiftSNN <= 0.6"))

    print()
    rows = []
    for (sim, r), xs in sorted(per_seed.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        for seed, x in zip(seeds, xs):
            rows.append([sim, f"{r:g}", str(seed), f"{x['mean_w']:.3f}", f"{x['near_bounds']:.3f}",
                         f"{x['rate_hz']:.2f}", f"{x['rate_all_hz']:.2f}"])
        st = stats[(sim, r)]
        rows.append([sim, f"{r:g}", "mean", f"{st['mean_w']:.3f}", f"{st['near_bounds']:.3f}", f"{st['rate_hz']:.2f}",
                     f"{st['rate_all_hz']:.2f}"])
    cn.print_table(rows, ["simulator", "input [Hz]", "seed", "mean w/gmax", "near bounds", "rate 2nd half [Hz]",
                          "rate whole run [Hz]"])
    print()
    cn.print_table([[name, f"{a:.3f}", cn.fmt(b, ".3f"), tol, "PASS" if good else "FAIL"]
                    for name, a, b, good, tol in checks],
                   ["check (means over seeds)", "SwiftSNN", "Brian2", "criterion", "result"])
    ok = all(c[3] for c in checks)
    print(f"\nplots: {out / 'weight_histograms.png'}, {out / 'weight_evolution.png'}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
