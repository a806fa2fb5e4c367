#!/usr/bin/env python3
"""Build one SwiftSNN JSON config in Brian2, simulate it, write spikes and timings (one process per run).

    python tools/bench/brian2_worker.py CONFIG --mode runtime --out DIR
    python tools/bench/brian2_worker.py CONFIG --mode standalone --threads 2 --project DIR --out DIR
    python tools/bench/brian2_worker.py CONFIG --mode runtime --out DIR --save-weights

Called by bench.py; writes DIR/result.json and DIR/<recorder>.npy (fields t [ms], id) like SwiftSNN and
NEST. The network comes from the same JSON file as the other simulators, so parameters cannot drift: every
neuron population becomes a NeuronGroup with NEST's equations for its model (parameters the config omits take
NEST's defaults), every projection a Synapses object with the config's constant weight and delay.

Dynamics kept equal to SwiftSNN/NEST (checked against NEST spike times on small networks during development):
* iaf_psc_delta: V jumps by w at arrival, and input arriving while refractory is lost (NEST's default); Brian2
  makes every write to a variable flagged `(unless refractory)` conditional on not_refractory, synaptic and
  PoissonInput writes included, so `v += w` does the same. NEST adds the input and then tests the threshold in
  the same step;
  Brian2's default schedule tests thresholds before synapses act, so networks with delta synapses run with the
  schedule groups, synapses, thresholds, resets. With synapses before thresholds, a spike is pushed one step
  after it was emitted, hence those networks get Brian2 delays of (delay - dt).
* iaf_psc_exp: `method='exact'` (Brian2's matrix exponential = NEST's exact propagators); input to I_syn acts
  on V from the next step on, as in NEST, with the default schedule and the config's delay.
* iaf_cond_exp: NEST integrates with adaptive RKF45, SwiftSNN with RK4 on V and exact conductances; Brian2 uses
  `method='rk4'` (same order, dt = config dt).
* izhikevich: `method='euler'` is NEST's forward Euler (consistent_integration, its default): V and U both from
  the values before the step; a, b, c, d are per-neuron variables (expressions of r evaluated as
  compare_nest.per_neuron_values does); input jumps V in the step it arrives in, as for iaf_psc_delta (same
  schedule and delays); no refractory period, V_min not translated.
* aeif_cond_exp: NEST integrates with adaptive RKF45 (gsl_error_tol), SwiftSNN with the same scheme; Brian2 uses
  `method='rk4'` at the config's dt, with V capped at V_peak inside the exponential as NEST caps it.
* Refractory: NEST clamps V for t_ref after the step in which V crossed threshold; Brian2 counts its refractory
  period from the start of that step (its spike time), one dt earlier, so Brian2 gets refractory = t_ref + dt.
  Brian2 spike times are the start of the step; they are written as NEST/SwiftSNN stamps (end of the step, +dt).
* poisson_generator -> all_to_all: independent Poisson input per target neuron, as in NEST and SwiftSNN, via
  PoissonInput: Binomial(N, mean/N) counts per step with N = max(1, ceil(500 * mean)) sources, i.e. Poisson to
  within 1/N in the variance. PoissonInput has no delay; for a stationary Poisson drive a delay only changes
  the first delay ms of the run.
* fixed_indegree with multapses: the i, j arrays are drawn with NumPy exactly as the rule says (K sources per
  target with replacement) and passed to connect(); pairwise_bernoulli uses Brian2's own connect(p=...).
* plastic projections ("plasticity": {"rule": "stdp"}, see stdp_config.py): SwiftSNN's PairSTDP written the way
  Brian2's STDP example writes it, with event-driven traces per synapse and the normalised weight
  wn = (w - w_min)/(w_max - w_min) per synapse:
      on_pre  (at t_pre + d):  wn = clip(wn - alpha*lambda*wn**mu_minus*apost, 0, 1);  apre += 1;  transmit w
      on_post (at t_post):     wn = clip(wn + lambda*(1 - wn)**mu_plus*apre, 0, 1);     apost += 1
  (a power with exponent 1 or 0 is written out, as a user would). The delay sits on the on_pre pathway, so the
  rule sees Δt = t_post - (t_pre + d), SwiftSNN's convention. With delta synapses (synapses scheduled before
  thresholds) a post spike reaches on_post one step late, in the step where it must precede that step's
  arrivals: on_post then runs before on_pre, adds exp(-dt/tau_minus) instead of 1 to apost and reads apre
  times exp(dt/tau_plus), i.e. both traces as they were at the spike. With the default schedule on_pre runs
  before on_post in the step of the spike, as SwiftSNN processes arrivals before post spikes. Nearest pairing
  sets the traces instead of adding. --save-weights writes the final weights (check_stdp.py compares them).
Populations with identical model, parameters and initial values are merged into one NeuronGroup (sliced into
subgroups), as a Brian2 user would write them.

Timing (all wall clock):
* runtime: build_s = creating groups and connect() (which generates and runs code in runtime mode);
  prepare_s = code generation and compilation at the start of run() (Cython, cached on disk after the first
  time); run_s = Brian2's own timing of the main simulation loop (device._last_run_time).
* standalone: describe_s = the Python script up to run(); codegen_s = writing the C++ project; compile_s =
  `make` (device.timers); the binary then creates synapses and runs: binary_s is its wall time, run_s its own
  timing of the simulation loop (results/last_run_info.txt), build_s = binary_s - run_s (network construction
  inside the binary, loading and writing arrays). binary_max_rss_kb is the binary's peak RSS (/usr/bin/time -v).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import compare_nest as cn  # noqa: E402  (the shared config checker and spike format)
import stdp_config  # noqa: E402

# NEST's defaults for the parameters a config may omit (the same values as SwiftSNN's ParameterSpec tables).
DEFAULTS = {
    "iaf_psc_delta": {"C_m": 250.0, "tau_m": 10.0, "E_L": -70.0, "V_th": -55.0, "V_reset": -70.0,
                      "t_ref": 2.0, "I_e": 0.0},
    "iaf_psc_exp": {"C_m": 250.0, "tau_m": 10.0, "E_L": -70.0, "V_th": -55.0, "V_reset": -70.0,
                    "t_ref": 2.0, "I_e": 0.0, "tau_syn_ex": 2.0, "tau_syn_in": 2.0},
    "iaf_cond_exp": {"C_m": 250.0, "g_L": 16.6667, "E_L": -70.0, "V_th": -55.0, "V_reset": -60.0,
                     "t_ref": 2.0, "I_e": 0.0, "E_ex": 0.0, "E_in": -85.0, "tau_syn_ex": 0.2,
                     "tau_syn_in": 2.0},
    "izhikevich": {"a": 0.02, "b": 0.2, "c": -65.0, "d": 8.0, "V_th": 30.0, "I_e": 0.0},
    "aeif_cond_exp": {"C_m": 281.0, "g_L": 30.0, "E_L": -70.6, "Delta_T": 2.0, "V_th": -50.4, "V_peak": 0.0,
                      "V_reset": -60.0, "t_ref": 0.0, "a": 4.0, "b": 80.5, "tau_w": 144.0, "I_e": 0.0,
                      "E_ex": 0.0, "E_in": -85.0, "tau_syn_ex": 0.2, "tau_syn_in": 2.0},
}
# NEST's initial state where it is not V_m = E_L.
INITIAL = {"izhikevich": {"v": -65.0, "u": -13.0}}
THRESHOLD = {"izhikevich": "v >= V_th", "aeif_cond_exp": "v >= V_peak"}
RESET = {"izhikevich": "v = c; u += d", "aeif_cond_exp": "v = V_reset; w += b"}
EQUATIONS = {
    "iaf_psc_delta": """
        dv/dt = (E_L - v)/tau_m + I_e/C_m : volt (unless refractory)
    """,
    "iaf_psc_exp": """
        dv/dt = (E_L - v)/tau_m + (I_ex + I_in + I_e)/C_m : volt (unless refractory)
        dI_ex/dt = -I_ex/tau_syn_ex : amp
        dI_in/dt = -I_in/tau_syn_in : amp
    """,
    "iaf_cond_exp": """
        dv/dt = (g_L*(E_L - v) + g_ex*(E_ex - v) + g_in*(E_in - v) + I_e)/C_m : volt (unless refractory)
        dg_ex/dt = -g_ex/tau_syn_ex : siemens
        dg_in/dt = -g_in/tau_syn_in : siemens
    """,
    # NEST's izhikevich in its units (mV, ms; currents as mV/ms), without Brian2 units.
    "izhikevich": """
        dv/dt = (0.04*v**2 + 5*v + 140 - u + I_e)/ms : 1
        du/dt = a*(b*v - u)/ms : 1
        a : 1 (constant)
        b : 1 (constant)
        c : 1 (constant)
        d : 1 (constant)
    """,
    "aeif_cond_exp": """
        dv/dt = (g_L*(E_L - v) + g_L*Delta_T*exp((clip(v, -1*volt, V_peak) - V_th)/Delta_T) + g_ex*(E_ex - v)
                 + g_in*(E_in - v) - w + I_e)/C_m : volt (unless refractory)
        dw/dt = (a*(v - E_L) - w)/tau_w : amp
        dg_ex/dt = -g_ex/tau_syn_ex : siemens
        dg_in/dt = -g_in/tau_syn_in : siemens
    """,
}
METHOD = {"iaf_psc_delta": "exact", "iaf_psc_exp": "exact", "iaf_cond_exp": "rk4", "izhikevich": "euler",
          "aeif_cond_exp": "rk4"}
UNITS = {"C_m": "pF", "tau_m": "ms", "E_L": "mV", "V_th": "mV", "V_reset": "mV", "t_ref": "ms", "I_e": "pA",
         "tau_syn_ex": "ms", "tau_syn_in": "ms", "g_L": "nS", "E_ex": "mV", "E_in": "mV", "Delta_T": "mV",
         "V_peak": "mV", "a": "nS", "b": "pA", "tau_w": "ms"}
WEIGHT_UNIT = {"iaf_psc_delta": "mV", "iaf_psc_exp": "pA", "iaf_cond_exp": "nS", "izhikevich": "1",
               "aeif_cond_exp": "nS"}
# Models whose input jumps V in the step it arrives in, before the threshold (see the module docstring).
JUMP_MODELS = ("iaf_psc_delta", "izhikevich")


class Unsupported(Exception):
    pass


def on_pre(model: str, w: float) -> str:
    """The on_pre statement of a synapse with constant weight w (sign picks the port, as in NEST)."""
    unit = WEIGHT_UNIT[model]
    if model in JUMP_MODELS:
        return f"v_post += {w!r}*{unit}"
    if model == "iaf_psc_exp":
        return f"I_{'ex' if w >= 0 else 'in'}_post += {w!r}*{unit}"
    return f"g_{'ex' if w >= 0 else 'in'}_post += {abs(w)!r}*{unit}"


def transmit(model: str, w: str, excitatory: bool) -> str:
    """The statement that adds the weight expression w (>= 0 if excitatory, else <= 0) to the target."""
    unit = WEIGHT_UNIT[model]
    if model in JUMP_MODELS:
        return f"v_post += {w}*{unit}"
    if model == "iaf_psc_exp":
        return f"I_{'ex' if excitatory else 'in'}_post += {w}*{unit}"
    return f"g_{'ex' if excitatory else 'in'}_post += {'' if excitatory else '-'}{w}*{unit}"


def power(base: str, exponent: float) -> str:
    return {0.0: "1", 1.0: base}.get(exponent, f"{base}**{exponent!r}")


def stdp(model: str, w: float, block: dict, post_lag_ms: float) -> dict:
    """Synapses arguments and the initial normalised weight of a plastic projection (see the module docstring);
    post spikes reach on_post post_lag_ms after they happened."""
    p = stdp_config.stdp_params(block)
    if p["w_min"] < 0 < p["w_max"]:
        raise Unsupported("plastic weights whose bounds allow both signs are not translated")
    span = p["w_max"] - p["w_min"]
    update = "=" if block.get("pairing", "all_to_all") == "nearest" else "+="
    post_trace_now = math.exp(-post_lag_ms / p["tau_minus"])
    pre_trace_back = math.exp(post_lag_ms / p["tau_plus"])
    model_eqs = f"""
        wn : 1
        dapre/dt = -apre/({p['tau_plus']!r}*ms) : 1 (event-driven)
        dapost/dt = -apost/({p['tau_minus']!r}*ms) : 1 (event-driven)
    """
    pre = f"""
        wn = clip(wn - {p['alpha'] * p['lambda']!r}*{power('wn', p['mu_minus'])}*apost, 0, 1)
        apre {update} 1
        {transmit(model, f"({p['w_min']!r} + {span!r}*wn)", excitatory=p['w_max'] > 0)}
    """
    post = f"""
        wn = clip(wn + {p['lambda']!r}*{power('(1 - wn)', p['mu_plus'])}*apre*{pre_trace_back!r}, 0, 1)
        apost {update} {post_trace_now!r}
    """
    initial = (min(max(w, p["w_min"]), p["w_max"]) - p["w_min"]) / span
    return {"model": model_eqs, "on_pre": pre, "on_post": post, "initial_wn": initial,
            "span": span, "w_min": p["w_min"]}


def poisson_weight(model: str, w: float) -> tuple[str, str]:
    """(target variable, weight expression) of a PoissonInput."""
    unit = WEIGHT_UNIT[model]
    if model in JUMP_MODELS:
        return "v", f"{w!r}*{unit}"
    if model == "iaf_psc_exp":
        return ("I_ex" if w >= 0 else "I_in"), f"{w!r}*{unit}"
    return ("g_ex" if w >= 0 else "g_in"), f"{abs(w)!r}*{unit}"


def constant(spec, what: str) -> float:
    if not cn._is_number(spec):
        raise Unsupported(f"{what}: only constant values are translated to Brian2, got {json.dumps(spec)}")
    return float(spec)


def initial_expression(spec, unit: str) -> str:
    if cn._is_number(spec):
        return f"{float(spec)!r}*{unit}"
    (kind, (a, b)), = spec.items()
    if kind == "uniform":
        return f"{float(a)!r}*{unit} + ({float(b) - float(a)!r}*{unit})*rand()"
    return f"{float(a)!r}*{unit} + ({float(b)!r}*{unit})*randn()"


def build(b2, cfg: dict):
    """Creates the Brian2 objects of cfg; returns the Network, {recorder: monitor}, dt [ms] and
    {plastic projection index: (Synapses, stdp() result)}."""
    sim = cfg["simulation"]
    dt_ms = float(sim.get("dt_ms", 0.1))
    b2.defaultclock.dt = dt_ms * b2.ms
    b2.seed(int(sim.get("seed", 1)))
    units = {u: getattr(b2, u) for u in set(UNITS.values()) | set(WEIGHT_UNIT.values()) if u != "1"}
    units["1"] = 1

    neuron_pops = [p for p in cfg["populations"] if p["model"] in EQUATIONS]
    uses_delta = any(p["model"] in JUMP_MODELS for p in neuron_pops)
    delay_shift = dt_ms if uses_delta else 0.0

    # Merge runs of populations that differ only in size into one group.
    views = {}          # population name -> (group or subgroup, model)
    plastic = {}        # projection index -> (Synapses, stdp() result)
    objects = []
    i = 0
    while i < len(neuron_pops):
        key = lambda p: (p["model"], json.dumps(p.get("params", {}), sort_keys=True),  # noqa: E731
                         json.dumps(p.get("initial", {}), sort_keys=True))
        run = [neuron_pops[i]]
        while i + len(run) < len(neuron_pops) and key(neuron_pops[i + len(run)]) == key(run[0]):
            run.append(neuron_pops[i + len(run)])
        model = run[0]["model"]
        given = dict(run[0].get("params", {}))
        if model == "izhikevich" and ("V_min" in given or given.get("consistent_integration", 1) != 1):
            raise Unsupported("izhikevich: V_min and consistent_integration 0 are not translated")
        for key in ("gsl_error_tol", "V_min", "consistent_integration"):
            given.pop(key, None)
        size = sum(p["size"] for p in run)
        rng = np.random.default_rng([int(sim.get("seed", 1)), len(objects)])
        r = rng.random(size)
        values = {k: cn.per_neuron_values(v, r, rng) for k, v in given.items()}
        per_neuron = cn.PER_NEURON_PARAMS.get(model, set())
        params = dict(DEFAULTS[model], **{k: v for k, v in values.items() if k not in per_neuron})
        namespace = {k: v * units[UNITS[k]] if model != "izhikevich" else v for k, v in params.items()
                     if k not in per_neuron}
        group = b2.NeuronGroup(size, EQUATIONS[model], method=METHOD[model],
                               threshold=THRESHOLD.get(model, "v >= V_th"), reset=RESET.get(model, "v = V_reset"),
                               refractory=(params["t_ref"] + dt_ms) * b2.ms if "t_ref" in params else False,
                               namespace=namespace, name=f"group_{len(objects)}")
        for key in per_neuron:
            setattr(group, key, values.get(key, DEFAULTS[model][key]))
        for var, x in INITIAL.get(model, {"v": params.get("E_L", 0.0) * b2.mV}).items():
            setattr(group, var, x)
        for var, spec in run[0].get("initial", {}).items():
            if var != "V_m":
                raise Unsupported(f"initial {var}: only V_m is translated")
            group.v = initial_expression(spec, "1" if model == "izhikevich" else "mV")
        objects.append(group)
        start = 0
        for p in run:
            views[p["name"]] = (group[start:start + p["size"]], model)
            start += p["size"]
        i += len(run)

    for k, proj in enumerate(cfg.get("projections", [])):
        where = f"projections[{k}]"
        src = next(p for p in cfg["populations"] if p["name"] == proj["source"])
        target, model = views[proj["target"]]
        syn = proj.get("synapse", {})
        w = constant(syn.get("weight", 1.0), f"{where}.synapse.weight")
        delay = constant(syn.get("delay_ms", 1.0), f"{where}.synapse.delay_ms")
        conn = proj["connectivity"]
        if src["model"] == "poisson_generator":
            if conn["rule"] != "all_to_all" or src["size"] != 1:
                raise Unsupported(f"{where}: a poisson_generator is translated only as one generator, all_to_all")
            mean = float(src["params"]["rate"]) * dt_ms / 1000.0
            n = max(1, math.ceil(500 * mean))
            var, weight = poisson_weight(model, w)
            objects.append(b2.PoissonInput(target, var, n, float(src["params"]["rate"]) / n * b2.Hz, weight))
            continue
        if src["model"] not in EQUATIONS:
            raise Unsupported(f"{where}: source model {src['model']} is not translated")
        source, _ = views[proj["source"]]
        if "plasticity" in proj:
            spec = stdp(model, w, proj["plasticity"], post_lag_ms=delay_shift)
            s = b2.Synapses(source, target, model=spec["model"], on_pre=spec["on_pre"], on_post=spec["on_post"],
                            delay={"pre": (delay - delay_shift) * b2.ms}, name=f"synapses_{k}")
            if delay_shift:
                s.post.order = s.pre.order - 1
            plastic[k] = (s, spec)
        else:
            s = b2.Synapses(source, target, on_pre=on_pre(model, w), delay=(delay - delay_shift) * b2.ms,
                            name=f"synapses_{k}")
        same = proj["source"] == proj["target"]
        rule = conn["rule"]
        if rule == "pairwise_bernoulli":
            no_autapses = same and not conn.get("allow_autapses", True)
            if no_autapses:
                s.connect(condition="i != j", p=float(conn["p"]))
            else:
                s.connect(p=float(conn["p"]))
        elif rule == "fixed_indegree":
            if not (conn.get("allow_multapses", True) and (conn.get("allow_autapses", True) or not same)):
                raise Unsupported(f"{where}: fixed_indegree is translated only with multapses and autapses")
            kk, n_src, n_tgt = int(conn["K"]), src["size"], len(target)
            rng = np.random.default_rng(int(sim.get("seed", 1)) * 1000 + k)
            s.connect(i=rng.integers(0, n_src, size=kk * n_tgt, dtype=np.int32),
                      j=np.repeat(np.arange(n_tgt, dtype=np.int32), kk))
        elif rule == "all_to_all":
            s.connect()
        else:
            raise Unsupported(f"{where}: rule {rule} is not translated")
        if k in plastic:
            s.wn = plastic[k][1]["initial_wn"]
        objects.append(s)

    monitors = {}
    for rec in cfg.get("recorders", []):
        if rec["type"] != "spikes":
            raise Unsupported(f"recorder {rec['name']}: only spike recorders are translated")
        view, _ = views[rec["population"]]
        mon = b2.SpikeMonitor(view, name=f"monitor_{len(monitors)}")
        monitors[rec["name"]] = mon
        objects.append(mon)

    net = b2.Network(*objects)
    if uses_delta:
        net.schedule = ["start", "groups", "synapses", "thresholds", "resets", "end"]
    return net, monitors, dt_ms, plastic


def save_spikes(b2, monitors: dict, out: Path, dt_ms: float) -> dict:
    counts = {}
    for name, mon in monitors.items():
        t_ms = np.asarray(mon.t[:] / b2.ms, dtype=np.float64) + dt_ms
        arr = cn.spike_array(t_ms, np.asarray(mon.i[:], dtype=np.int64))
        np.save(out / f"{name}.npy", arr)
        counts[name] = int(len(arr))
    return counts


def save_weights(plastic: dict, out: Path):
    """Final weights of each plastic projection k as DIR/weights_<k>.npy, fields source, target (population-local
    ids) and w (weight units of the config)."""
    for k, (s, spec) in plastic.items():
        arr = np.empty(len(s), dtype=[("source", "<i4"), ("target", "<i4"), ("w", "<f8")])
        arr["source"], arr["target"] = s.i[:], s.j[:]
        arr["w"] = spec["w_min"] + spec["span"] * np.asarray(s.wn[:])
        np.save(out / f"weights_{k}.npy", arr)


def max_rss_kb(time_file: Path) -> int | None:
    try:
        for line in time_file.read_text().splitlines():
            if "Maximum resident set size" in line:
                return int(line.split(":")[-1])
    except OSError:
        pass
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--mode", choices=["runtime", "standalone"], required=True)
    ap.add_argument("--threads", type=int, default=1,
                    help="standalone only: OpenMP threads (1 = Brian2's plain serial code, openmp_threads=0)")
    ap.add_argument("--project", help="standalone project directory (reused: make recompiles only changes)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--save-weights", action="store_true", help="write the final weights of plastic projections")
    args = ap.parse_args()

    t_start = time.perf_counter()
    cfg = stdp_config.load_config(Path(args.config))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    import brian2 as b2  # noqa: PLC0415
    b2.prefs.logging.console_log_level = "WARNING"
    result = {"simulator": f"brian2-{args.mode}", "brian2_version": b2.__version__}
    duration = float(cfg["simulation"]["duration_ms"]) * b2.ms

    if args.mode == "runtime":
        if args.threads != 1:
            ap.error("runtime mode is single-threaded")
        b2.prefs.codegen.target = "cython"
        t0 = time.perf_counter()
        net, monitors, dt_ms, plastic = build(b2, cfg)
        result["build_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        net.run(duration)
        wall = time.perf_counter() - t0
        result["run_s"] = b2.device._last_run_time
        result["prepare_s"] = wall - result["run_s"]
        result["threads"] = 1
    else:
        project = Path(args.project).resolve()
        b2.set_device("cpp_standalone", directory=str(project), build_on_run=False)
        b2.prefs.devices.cpp_standalone.openmp_threads = args.threads if args.threads > 1 else 0
        time_file = out / "binary_time.txt"
        b2.prefs.devices.cpp_standalone.run_cmd_unix = ["/usr/bin/time", "-v", "-o", str(time_file), "./main"]
        t0 = time.perf_counter()
        net, monitors, dt_ms, plastic = build(b2, cfg)
        net.run(duration)
        result["describe_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        b2.device.build(directory=str(project), compile=True, run=False)
        build_wall = time.perf_counter() - t0
        result["compile_s"] = b2.device.timers["compile"]["make"]
        result["codegen_s"] = build_wall - result["compile_s"]
        b2.device.run(directory=str(project), with_output=False)
        result["binary_s"] = b2.device.timers["run_binary"]
        result["run_s"] = b2.device._last_run_time
        result["build_s"] = result["binary_s"] - result["run_s"]
        result["binary_max_rss_kb"] = max_rss_kb(time_file)
        result["threads"] = args.threads

    result["spike_counts"] = save_spikes(b2, monitors, out, dt_ms)
    if args.save_weights:
        save_weights(plastic, out)
    result["process_s"] = time.perf_counter() - t_start
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (cn.ConfigError, Unsupported) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
