#!/usr/bin/env python3
"""Check SwiftSNN's `stdp` rule against an independent NumPy implementation and against NEST.

    "$(tools/venv.sh)" tools/stdp_reference.py                          # SwiftSNN vs NumPy (+ NEST if installed)
    "$(tools/venv.sh)" tools/stdp_reference.py --snn .build/release/snn --no-nest

Fixed Poisson spike trains (numpy, --rate-hz for --duration-s, one train per step at most) drive P pre/post
pairs: `pre` is a spike_generator, `post` an iaf_psc_delta (no refractoriness) made to fire exactly at its
planned times by a 100 mV kick from a second spike_generator; the plastic weights (<= 1 mV) are far too small to
make it fire. Five plastic projections pre -> post (one_to_one, one delay d for all) apply `stdp` with additive
and multiplicative weight dependence, all-to-all and nearest pairing, and a power-law variant with w_min > 0.
The weights recorder samples every --interval-ms (default 1 ms; every step works too but is slow).

NumPy reference (`reference_trajectory`, written from the equations in PairSTDP.swift's documentation and the
timing convention in PlasticityRule.swift, not from the Swift code): with ŵ = (w − w_min)/(w_max − w_min),
    arrival of a pre spike at a = t_pre + d:  ŵ ← clip(ŵ − αλ ŵ^μ₋ · y(a)),  y(a) = Σ_{post p < a} e^{−(a−p)/τ₋}
    post spike at p:                          ŵ ← clip(ŵ + λ (1−ŵ)^μ₊ · x(p)), x(p) = Σ_{arrivals a ≤ p} e^{−(p−a)/τ₊}
(nearest pairing: only the latest term of each sum), arrivals before post spikes of the same step, each of two
spikes arriving in one step counted (both depress; all-to-all: both enter x). Every pair has two steps with two
pre spikes; pair 0 also has arrivals in the step of a post spike (Δt = 0).

NEST (3.x) `stdp_synapse` (all-to-all) and `stdp_nn_symm_synapse` (nearest; symmetric nearest-neighbour pairing
is what setting the traces to 1 gives) between parrot neurons, the target on receptor 1 so that it only repeats
its own generator. Timing mapping: NEST treats the synapse delay d_N as dendritic: it pairs a presynaptic
spike at t_pre with postsynaptic spikes at t_post + d_N, so its Δt_N = t_post + d_N − t_pre, while SwiftSNN
(axonal delay d) has Δt = t_post − (t_pre + d). The same trains therefore give Δt_N = Δt + d + d_N: no delay
makes them equal. Shifting NEST's presynaptic train by d + d_N relative to the postsynaptic one does, for any
d_N (here d_N = dt): NEST's pre parrot fires at a + d_N + dt and its post parrot at t_post + dt (the extra dt is
the generator -> parrot delay). NEST's weight after the pre spike at a + d_N + dt is then our weight at a.
Two spikes in one step are two events for NEST's synapse as well (both paired, both depress). Where they differ
by design: (1) NEST ignores a pair with exactly Δt = 0 (its history excludes it on both sides), SwiftSNN counts
it as pre-before-post; (2) stdp_nn_symm_synapse starts with a last presynaptic spike at t = 0, so post spikes
before the first arrival are potentiated as if there had been one. Hence NEST is compared only on pairs 1..
(no Δt = 0, no post spike before the first arrival), at the weight it reports after the last pre spike of each
step with pre spikes, and only for w_min = 0 (NEST has no lower bound parameter). Tau_minus lives on NEST's
postsynaptic neuron, so all variants share one tau_minus. Wmax is w_max.

Weights in SwiftSNN are float32, in NumPy and NEST float64: the tolerance (--tol, 1e-6) covers the rounding.
Exit status 0 when every comparison is within --tol, 1 otherwise, 2 on a run error.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_nest as cn  # noqa: E402  (run_snn, import_nest, load_spikes, spike_array, print_table)

REPO = Path(__file__).resolve().parent.parent
TAU_PLUS, TAU_MINUS = 16.8, 33.7


@dataclass(frozen=True)
class Variant:
    name: str
    pairing: str
    lam: float
    alpha: float
    mu_plus: float
    mu_minus: float
    w_min: float
    w_max: float

    @property
    def params(self) -> dict:
        return {"lambda": self.lam, "alpha": self.alpha, "mu_plus": self.mu_plus, "mu_minus": self.mu_minus,
                "tau_plus": TAU_PLUS, "tau_minus": TAU_MINUS, "w_min": self.w_min, "w_max": self.w_max}

    @property
    def nest_model(self) -> str | None:
        if self.w_min != 0:
            return None
        return "stdp_synapse" if self.pairing == "all_to_all" else "stdp_nn_symm_synapse"


VARIANTS = [
    Variant("additive", "all_to_all", 0.05, 1.05, 0, 0, 0, 1),
    Variant("additive", "nearest", 0.05, 1.05, 0, 0, 0, 1),
    Variant("multiplicative", "all_to_all", 0.1, 1.1, 1, 1, 0, 1),
    Variant("multiplicative", "nearest", 0.1, 1.1, 1, 1, 0, 1),
    Variant("power-law", "all_to_all", 0.08, 1.0, 0.5, 0.7, 0.1, 0.9),
]


# --------------------------------------------------------------------------------------
# Spike trains (integer stamps: a spike at stamp k has time k·dt)
# --------------------------------------------------------------------------------------

def poisson_stamps(rng, rate_hz: float, steps: int, dt: float, first: int) -> np.ndarray:
    """Stamps first..steps of a per-step Bernoulli train with p = rate·dt."""
    k = np.arange(first, steps + 1)
    return k[rng.random(len(k)) < rate_hz * dt / 1000.0]


def make_trains(rng, pairs: int, rate_hz: float, steps: int, dt: float, delay_steps: int):
    """(pre stamps, post stamps) per pair. Every pair has two steps with two pre spikes; pair 0 also has arrivals
    in the step of a post spike (Δt = 0) and post spikes one step after an arrival; the others have neither
    Δt = 0 nor post spikes before their first arrival."""
    pre, post = [], []
    for i in range(pairs):
        a = poisson_stamps(rng, rate_hz, steps - delay_steps, dt, 1) + delay_steps   # arrival stamps
        a = np.sort(np.concatenate([a, a[[5, 9]]]))
        p = poisson_stamps(rng, rate_hz, steps, dt, 2)                                 # kick at p − 1 >= 1
        if i == 0:
            a = np.sort(np.concatenate([a, p[1:4]]))
            p = np.union1d(p, a[[12, 20]] + 1)
        else:
            p = p[~np.isin(p, a)]
            p = p[p > a[0]]
        pre.append(a - delay_steps)
        post.append(p[p <= steps])
    return pre, post


# --------------------------------------------------------------------------------------
# The independent reference
# --------------------------------------------------------------------------------------

def reference_trajectory(arrivals: np.ndarray, posts: np.ndarray, w0: float, v: Variant, dt: float,
                         sample_stamps: np.ndarray) -> np.ndarray:
    """The weight at the end of the steps with the given stamps (time/dt), from arrival and post-spike stamps."""
    span = v.w_max - v.w_min
    w = (w0 - v.w_min) / span
    arrivals = np.sort(arrivals)
    posts = np.sort(posts)
    nearest = v.pairing == "nearest"

    def trace(spikes, t, tau):
        if len(spikes) == 0:
            return 0.0
        if nearest:
            return math.exp(-(t - spikes[-1]) * dt / tau)
        return float(np.sum(np.exp(-(t - spikes) * dt / tau)))

    event_stamps = np.union1d(arrivals, posts)
    after = np.empty(len(event_stamps))
    for n, t in enumerate(event_stamps):
        for _ in range(int(np.sum(arrivals == t))):
            y = trace(posts[posts < t], t, TAU_MINUS)
            w = min(max(w - v.alpha * v.lam * w ** v.mu_minus * y, 0.0), 1.0)
        if t in posts:
            x = trace(arrivals[arrivals <= t], t, TAU_PLUS)
            w = min(max(w + v.lam * (1 - w) ** v.mu_plus * x, 0.0), 1.0)
        after[n] = v.w_min + w * span
    idx = np.searchsorted(event_stamps, sample_stamps, side="right") - 1
    return np.where(idx >= 0, after[np.maximum(idx, 0)], w0)


# --------------------------------------------------------------------------------------
# SwiftSNN
# --------------------------------------------------------------------------------------

def write_config(work: Path, pre, post, w0: np.ndarray, dt: float, delay_ms: float, duration_ms: float,
                 interval_ms: float) -> Path:
    pairs = len(pre)
    ids = lambda trains: np.concatenate([np.full(len(s), i) for i, s in enumerate(trains)])  # noqa: E731
    stamps = lambda trains: np.concatenate(trains)  # noqa: E731
    np.save(work / "pre.npy", cn.spike_array(stamps(pre) * dt, ids(pre)))
    np.save(work / "kick.npy", cn.spike_array((stamps(post) - 1) * dt, ids(post)))
    projections = [{
        "source": "pre", "target": "post", "connectivity": {"rule": "one_to_one"},
        "synapse": {"weight": {"array": [float(x) for x in w0[k]]}, "delay_ms": delay_ms},
        "plasticity": {"rule": "stdp", "pairing": v.pairing, "params": v.params}} for k, v in enumerate(VARIANTS)]
    projections.append({"source": "kick", "target": "post", "connectivity": {"rule": "one_to_one"},
                        "synapse": {"weight": 100, "delay_ms": dt}})
    cfg = {
        "simulation": {"duration_ms": duration_ms, "dt_ms": dt, "seed": 1, "threads": 1},
        "populations": [
            {"name": "pre", "size": pairs, "model": "spike_generator", "params": {"file": "pre.npy"}},
            {"name": "kick", "size": pairs, "model": "spike_generator", "params": {"file": "kick.npy"}},
            {"name": "post", "size": pairs, "model": "iaf_psc_delta",
             "params": {"E_L": 0, "V_th": 20, "V_reset": 0, "tau_m": 10, "t_ref": 0}, "initial": {"V_m": 0}}],
        "projections": projections,
        "recorders": [{"name": f"w{k}", "type": "weights", "projection": k, "interval_ms": interval_ms}
                      for k in range(len(VARIANTS))] + [{"name": "post", "type": "spikes", "population": "post"}],
    }
    path = work / "stdp_reference.json"
    path.write_text(json.dumps(cfg, indent=1) + "\n")
    return path


def snn_weights(out: Path, k: int, pairs: int) -> np.ndarray:
    """(samples, pairs): the recorded weights of projection k, columns in pair order."""
    w = np.load(out / f"w{k}.npy")
    src, tgt = np.load(out / f"w{k}_sources.npy"), np.load(out / f"w{k}_targets.npy")
    assert np.array_equal(src, tgt) and sorted(src) == list(range(pairs)), "one_to_one synapses expected"
    return w[:, np.argsort(src)]


# --------------------------------------------------------------------------------------
# NEST
# --------------------------------------------------------------------------------------

def optional_nest(skip: bool):
    """NEST's module, or None when skipped or not installed (the NumPy comparison runs either way)."""
    if skip:
        return None
    try:
        return cn.import_nest()
    except ImportError:
        print("NEST is not installed: NumPy comparison only")
        return None


def run_snn_kicked(config: Path, work: Path, snn, timeout, post, dt: float) -> dict:
    """Runs SwiftSNN on `config` and checks that every kicked post neuron i fired exactly at the stamps post[i]."""
    res = cn.run_snn(config, work / "snn", snn, timeout)
    spikes = cn.load_spikes(res["out_dir"] / "post.npy")
    for i, planned in enumerate(post):
        got = np.round(spikes["t"][spikes["id"] == i] / dt).astype(int)
        if not np.array_equal(got, planned):
            raise RuntimeError(f"post neuron {i} did not fire exactly at its planned times")
    return res


def check_parrots(recorder, trains, shift: int, dt: float, what: str):
    """Every parrot of `recorder`'s population fired at its train's stamps + shift."""
    ev = recorder.get("events")
    senders, times = np.asarray(ev["senders"]), np.asarray(ev["times"])
    first = senders.min() if len(senders) else 0
    for j, train in enumerate(trains):
        got = np.round(times[senders == first + j] / dt).astype(int)
        if not np.array_equal(np.sort(got), np.sort(train) + shift):
            raise RuntimeError(f"NEST {what} parrot {j} did not fire at the planned times")


def nest_weight_trajectories(weight_recorders, first_pre: int, nest_pairs: list[int], d_nest: int, dt: float):
    """{key: {pair: (our arrival stamps, weights)}} from NEST weight recorders of pre parrots first_pre + j."""
    result = {}
    for k, wr in weight_recorders.items():
        ev = wr.get("events")
        senders, times, weights = (np.asarray(ev[f]) for f in ("senders", "times", "weights"))
        result[k] = {}
        for j, i in enumerate(nest_pairs):
            sel = senders == first_pre + j
            stamps = np.round(times[sel] / dt).astype(int) - d_nest - 1   # back to our arrival stamps
            order = np.argsort(stamps, kind="stable")
            result[k][i] = (stamps[order], weights[sel][order])
    return result


def run_nest(nest, pre, post, w0: np.ndarray, dt: float, delay_steps: int, steps: int, nest_pairs: list[int]):
    """NEST weights after each pre spike: {variant index: {pair: (arrival stamps, weights)}}."""
    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": dt, "local_num_threads": 1})
    d_nest = 1  # NEST delay of the plastic synapse, in steps (any value works with the shift below)
    n = len(nest_pairs)
    gen_pre = nest.Create("spike_generator", n)
    gen_post = nest.Create("spike_generator", n)
    parrot_pre = nest.Create("parrot_neuron", n)
    parrot_post = nest.Create("parrot_neuron", n, params={"tau_minus": TAU_MINUS})
    for j, i in enumerate(nest_pairs):
        arrivals = pre[i] + delay_steps
        # Generator times: parrot spike = generator time + dt (the generator -> parrot delay).
        gen_pre[j].spike_times = ((arrivals + d_nest) * dt).tolist()
        gen_post[j].spike_times = (post[i] * dt).tolist()
    nest.Connect(gen_pre, parrot_pre, "one_to_one", {"delay": dt})
    nest.Connect(gen_post, parrot_post, "one_to_one", {"delay": dt})
    rec_pre, rec_post = nest.Create("spike_recorder"), nest.Create("spike_recorder")
    nest.Connect(parrot_pre, rec_pre)
    nest.Connect(parrot_post, rec_post)
    weight_recorders = {}
    for k, v in enumerate(VARIANTS):
        if v.nest_model is None:
            continue
        wr = nest.Create("weight_recorder")
        nest.CopyModel(v.nest_model, f"stdp_variant_{k}", {"weight_recorder": wr})
        for j, i in enumerate(nest_pairs):
            nest.Connect(parrot_pre[j], parrot_post[j], "one_to_one", {
                "synapse_model": f"stdp_variant_{k}", "weight": float(w0[k, i]), "delay": d_nest * dt,
                "receptor_type": 1, "Wmax": v.w_max, "lambda": v.lam, "alpha": v.alpha,
                "mu_plus": v.mu_plus, "mu_minus": v.mu_minus, "tau_plus": TAU_PLUS})
        weight_recorders[k] = wr
    nest.Simulate((steps + d_nest + 10) * dt)

    # The parrots must fire exactly where the mapping puts them.
    check_parrots(rec_pre, [pre[i] + delay_steps for i in nest_pairs], d_nest + 1, dt, "pre")
    check_parrots(rec_post, [post[i] for i in nest_pairs], 1, dt, "post")
    result = nest_weight_trajectories(weight_recorders, parrot_pre[0].global_id, nest_pairs, d_nest, dt)
    return result, nest.__version__


# --------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--snn", metavar="PATH", help="snn binary (default: `swift run -c release snn`)")
    ap.add_argument("--out", default=str(REPO / "out" / "stdp_reference"), help="work directory")
    ap.add_argument("--duration-s", type=float, default=10.0)
    ap.add_argument("--rate-hz", type=float, default=10.0, help="rate of the pre and the post trains")
    ap.add_argument("--pairs", type=int, default=4, help="pre/post pairs (pair 0 has coincidences)")
    ap.add_argument("--delay-ms", type=float, default=1.5, help="SwiftSNN delay of the plastic synapses")
    ap.add_argument("--dt-ms", type=float, default=0.1)
    ap.add_argument("--interval-ms", type=float, default=1.0,
                    help="weight sampling interval (dt samples every step, but the weight recorder is slow at "
                         "that rate: ~2 min for 10 s)")
    ap.add_argument("--seed", type=int, default=2000)
    ap.add_argument("--tol", type=float, default=1e-6, help="largest allowed |Δw| (units of w)")
    ap.add_argument("--no-nest", action="store_true", help="skip NEST even if it is installed")
    ap.add_argument("--timeout", type=float, default=1800.0)
    args = ap.parse_args(argv)
    if args.pairs < 2:
        ap.error("--pairs must be >= 2")

    dt = args.dt_ms
    steps = int(round(args.duration_s * 1000 / dt))
    delay_steps = int(round(args.delay_ms / dt))
    rng = np.random.default_rng(args.seed)
    pre, post = make_trains(rng, args.pairs, args.rate_hz, steps, dt, delay_steps)
    w0 = np.array([v.w_min + (v.w_max - v.w_min) * rng.uniform(0.2, 0.8, args.pairs) for v in VARIANTS])
    work = Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    interval_steps = int(round(args.interval_ms / dt))
    if interval_steps < 1 or steps % interval_steps:
        ap.error("--interval-ms must be a multiple of dt that divides the duration")
    sample_stamps = np.arange(interval_steps, steps + 1, interval_steps)
    config = write_config(work, pre, post, w0, dt, args.delay_ms, steps * dt, interval_steps * dt)
    print(f"{args.pairs} pairs of Poisson trains at {args.rate_hz:g} Hz for {args.duration_s:g} s "
          f"({sum(map(len, pre))} pre, {sum(map(len, post))} post spikes), d = {args.delay_ms:g} ms, "
          f"dt = {dt:g} ms, tau+ = {TAU_PLUS} ms, tau- = {TAU_MINUS} ms; config {config}")
    arrivals0 = pre[0] + delay_steps
    print(f"pair 0: {np.isin(post[0], arrivals0).sum()} post spikes in the step of an arrival (Δt = 0); "
          f"every pair: {len(arrivals0) - len(np.unique(arrivals0))} steps with two pre spikes")

    try:
        res = run_snn_kicked(config, work, args.snn, args.timeout, post, dt)
    except (cn.SnnRunError, RuntimeError) as e:
        print(f"error: SwiftSNN: {e}", file=sys.stderr)
        return 2
    out = res["out_dir"]

    nest_weights, nest_version = None, None
    nest_pairs = list(range(1, args.pairs))
    nest = optional_nest(args.no_nest)
    if nest is not None:
        nest_weights, nest_version = run_nest(nest, pre, post, w0, dt, delay_steps, steps, nest_pairs)

    ok = True
    rows = []
    for k, v in enumerate(VARIANTS):
        ours = snn_weights(out, k, args.pairs)
        if ours.shape[0] != len(sample_stamps):
            print(f"error: w{k}.npy has {ours.shape[0]} samples, expected {len(sample_stamps)}", file=sys.stderr)
            return 2
        ref = np.column_stack([reference_trajectory(pre[i] + delay_steps, post[i], w0[k, i], v, dt, sample_stamps)
                               for i in range(args.pairs)])
        err_ref = float(np.max(np.abs(ours - ref)))
        at_bound = int(np.sum((ref == v.w_min) | (ref == v.w_max)))
        good = err_ref <= args.tol
        nest_cols = ["-", "-"]
        if nest_weights is not None and k in nest_weights:
            err_nest_ref, err_nest_ours, events, shared = 0.0, 0.0, 0, 0
            for i in nest_pairs:
                stamps, w_nest = nest_weights[k][i]
                arrivals = pre[i] + delay_steps
                if not np.array_equal(stamps, arrivals):
                    print(f"error: NEST reported weights at other times than the arrivals (pair {i})",
                          file=sys.stderr)
                    return 2
                # Two spikes in one step are two records; the weight after the step is the second's.
                last = np.r_[stamps[1:] != stamps[:-1], True]
                stamps, w_nest = stamps[last], w_nest[last]
                w_ref = reference_trajectory(arrivals, post[i], w0[k, i], v, dt, stamps)
                err_nest_ref = max(err_nest_ref, float(np.max(np.abs(w_nest - w_ref))))
                # Directly against SwiftSNN where a pre spike falls on a weight sample (all of them at --interval-ms dt).
                on_sample = stamps % interval_steps == 0
                if on_sample.any():
                    diff = w_nest[on_sample] - ours[stamps[on_sample] // interval_steps - 1, i]
                    err_nest_ours = max(err_nest_ours, float(np.max(np.abs(diff))))
                events += len(stamps)
                shared += int(on_sample.sum())
            good &= err_nest_ref <= args.tol and err_nest_ours <= args.tol
            nest_cols = [f"{err_nest_ref:.1e} ({events})", f"{err_nest_ours:.1e} ({shared})"]
        elif nest_weights is not None:
            nest_cols = ["n/a (w_min > 0)", ""]
        ok &= good
        rows.append([v.name, v.pairing, f"{v.mu_plus:g}/{v.mu_minus:g}", f"[{v.w_min:g}, {v.w_max:g}]",
                     f"{err_ref:.1e}", str(at_bound), *nest_cols, "PASS" if good else "FAIL"])
    print()
    nest_label = f"NEST {nest_version}" if nest_version else "NEST"
    cn.print_table(rows, ["rule", "pairing", "mu+/mu-", "bounds", "max|SNN-numpy|", "samples at bound",
                          f"max|{nest_label}-numpy| (pre-spike steps)", f"max|{nest_label}-SNN| (on samples)", "result"])
    print(f"\nSwiftSNN vs NumPy: {len(sample_stamps)} weight samples (every {interval_steps * dt:g} ms) of all "
          f"{args.pairs} pairs; NEST: its weight after each pre spike of pairs {nest_pairs[0]}..{nest_pairs[-1]} "
          f"(delay {args.delay_ms:g} ms in SwiftSNN = pre train shifted by d + d_N in NEST, d_N = {dt:g} ms); "
          f"tolerance {args.tol:g}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
