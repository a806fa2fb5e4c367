#!/usr/bin/env python3
"""Run SwiftSNN configs in NEST and in SwiftSNN, and compare firing statistics.

Usage (from the repository root):

    "$(tools/venv.sh)" tools/compare_nest.py                      # cuba, coba, brunel
    "$(tools/venv.sh)" tools/compare_nest.py configs/lif_dc.json  # any config(s)
    "$(tools/venv.sh)" tools/compare_nest.py --nest-only          # NEST side only
    "$(tools/venv.sh)" tools/compare_nest.py --snn .build/release/snn

A config may be given as a path or as a bare name ("cuba" means configs/cuba.json).

For every config the script

1. builds the same network in NEST straight from the JSON file (the small translator
   in this file; NEST names map 1:1 onto ours), simulates it and writes each spike
   recorder to OUT/<stem>/nest/<recorder>.npy in the same format SwiftSNN uses;
2. unless --nest-only, runs `swift run -c release snn run CONFIG --out OUT/<stem>/snn`
   (or `SNN run CONFIG --out ...` with --snn SNN) and reads OUT/<stem>/snn/<recorder>.npy
   (NumPy structured array with fields t: float64 ms and id: int32) and summary.json;
3. prints, per spike recorder, the mean rate and mean ISI CV of both simulators and
   their relative differences, with PASS/FAIL against the tolerances (rate within 10 %,
   CV within 15 %, see --rate-tol / --cv-tol).

The exit status is 0 when everything passed (or --nest-only ran cleanly), 1 when any
comparison failed and 2 on a usage, config or run error.

Statistics: the rate of a population is (number of spikes) / (size * T) over the window
[--t-start, duration]; the CV is the mean over neurons with at least 3 spikes in the
window (>= 2 ISIs) of std(ISI)/mean(ISI). Neuron ids only need to be unique per
neuron, so local or global ids both work.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CONFIGS = ["cuba", "coba", "brunel"]

# --------------------------------------------------------------------------------------
# The config format (kept deliberately strict: unknown keys are errors, as in SwiftSNN)
# --------------------------------------------------------------------------------------

NEURON_PARAMS = {
    "iaf_psc_delta": {"C_m", "tau_m", "E_L", "V_th", "V_reset", "t_ref", "I_e"},
    "iaf_psc_exp": {"C_m", "tau_m", "E_L", "V_th", "V_reset", "t_ref", "I_e",
                    "tau_syn_ex", "tau_syn_in"},
    "iaf_cond_exp": {"C_m", "g_L", "E_L", "V_th", "V_reset", "t_ref", "I_e",
                     "tau_syn_ex", "tau_syn_in", "E_ex", "E_in"},
    "izhikevich": {"a", "b", "c", "d", "V_th", "V_min", "I_e", "consistent_integration"},
    "aeif_cond_exp": {"C_m", "g_L", "E_L", "Delta_T", "V_th", "V_peak", "V_reset", "t_ref", "a", "b", "tau_w",
                      "I_e", "gsl_error_tol", "E_ex", "E_in", "tau_syn_ex", "tau_syn_in"},
}
# Parameters a config may give per neuron (a value spec or {"expression": ...} of the neuron's r), per model.
PER_NEURON_PARAMS = {"izhikevich": {"a", "b", "c", "d"}}
# State variables that may be recorded, per neuron model (NEST's recordables) ...
NEURON_STATE = {
    "iaf_psc_delta": {"V_m"},
    "iaf_psc_exp": {"V_m", "I_syn_ex", "I_syn_in"},
    "iaf_cond_exp": {"V_m", "g_ex", "g_in"},
    "izhikevich": {"V_m", "U_m"},
    "aeif_cond_exp": {"V_m", "w", "g_ex", "g_in"},
}
# ... and those NEST lets us initialise (it does not expose iaf_psc_exp's I_syn_* for set).
NEURON_INITIAL = {
    "iaf_psc_delta": {"V_m"},
    "iaf_psc_exp": {"V_m"},
    "iaf_cond_exp": {"V_m", "g_ex", "g_in"},
    "izhikevich": {"V_m", "U_m"},
    "aeif_cond_exp": {"V_m", "w", "g_ex", "g_in"},
}
GENERATOR_PARAMS = {
    "poisson_generator": {"rate"},
    "dc_generator": {"amplitude", "start", "stop"},
    "spike_generator": {"spike_times"},
}
RULES = {
    # our rule -> (NEST rule, our size key or None, NEST size key or None)
    "all_to_all": ("all_to_all", None, None),
    "one_to_one": ("one_to_one", None, None),
    "pairwise_bernoulli": ("pairwise_bernoulli", "p", "p"),
    "fixed_indegree": ("fixed_indegree", "K", "indegree"),
    "fixed_outdegree": ("fixed_outdegree", "K", "outdegree"),
    "fixed_total_number": ("fixed_total_number", "N", "N"),
}


class ConfigError(Exception):
    pass


def _check_keys(obj, where: str, required: set[str], optional: set[str] = frozenset()):
    if not isinstance(obj, dict):
        raise ConfigError(f"{where}: expected an object, got {type(obj).__name__}")
    missing = required - obj.keys()
    if missing:
        raise ConfigError(f"{where}: missing key(s) {sorted(missing)}")
    unknown = obj.keys() - required - set(optional)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; "
                          f"allowed: {sorted(required | set(optional))}")


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _check_value_spec(spec, where: str, per_neuron: bool = False):
    """A value: a number, {"uniform": [a, b]} or {"normal": [mean, sd]}; per neuron also {"expression": "..."}."""
    if _is_number(spec):
        return
    if per_neuron and isinstance(spec, dict) and list(spec) == ["expression"]:
        expression_values(spec["expression"], np.zeros(1), where)
        return
    if isinstance(spec, dict) and len(spec) == 1:
        (kind, args), = spec.items()
        if kind in ("uniform", "normal") and isinstance(args, list) and len(args) == 2 \
                and all(_is_number(a) for a in args):
            if kind == "uniform" and not args[0] <= args[1]:
                raise ConfigError(f"{where}: uniform needs a <= b, got {args}")
            if kind == "normal" and args[1] < 0:
                raise ConfigError(f"{where}: normal needs sd >= 0, got {args}")
            return
    raise ConfigError(f"{where}: expected a number, {{\"uniform\": [a, b]}} or "
                      f"{{\"normal\": [mean, sd]}}, got {json.dumps(spec)}")


EXPRESSION_FUNCTIONS = {"sqrt": np.sqrt, "exp": np.exp, "log": np.log, "abs": np.abs}


def expression_values(source: str, r: np.ndarray, where: str) -> np.ndarray:
    """SwiftSNN's expression of r (ValueExpression: numbers, r, + - * / ^, parentheses, sqrt, exp, log, abs) for
    every r. Its grammar is a subset of Python's with ^ for **, and the same precedence (-r^2 is -(r^2))."""
    if "__" in source or any(c not in "0123456789.eE+-*/^() \t_abcdefghijklmnopqrstuvwxyz" for c in source):
        raise ConfigError(f"{where}: unexpected character in expression {source!r}")
    try:
        values = eval(source.replace("^", "**"), {"__builtins__": {}}, {"r": r, **EXPRESSION_FUNCTIONS})  # noqa: S307
    except Exception as e:  # noqa: BLE001  (any syntax or name error is the config's)
        raise ConfigError(f"{where}: cannot evaluate expression {source!r}: {e}") from e
    return np.broadcast_to(np.asarray(values, dtype=float), r.shape).copy()


def per_neuron_values(spec, r: np.ndarray, rng: np.random.Generator) -> np.ndarray | float:
    """A per-neuron parameter's values: a number stays one; distributions are drawn from rng; an expression reads
    the population's r (the same for all its expressions, as in SwiftSNN; the draws differ from SwiftSNN's)."""
    if _is_number(spec):
        return float(spec)
    (kind, args), = spec.items()
    if kind == "expression":
        return expression_values(args, r, "expression")
    a, b = map(float, args)
    return rng.uniform(a, b, r.shape) if kind == "uniform" else rng.normal(a, b, r.shape)


def load_config(path: Path) -> dict:
    try:
        cfg = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}: invalid JSON: {e}") from None
    validate_config(cfg, str(path))
    return cfg


def validate_config(cfg: dict, where: str = "config"):
    _check_keys(cfg, where, {"simulation", "populations"}, {"projections", "recorders"})
    sim = cfg["simulation"]
    _check_keys(sim, f"{where}.simulation", {"duration_ms"},
                {"dt_ms", "seed", "engine", "threads"})
    if not _is_number(sim["duration_ms"]) or sim["duration_ms"] <= 0:
        raise ConfigError(f"{where}.simulation.duration_ms must be a positive number")
    if sim.get("engine", "clock") not in ("clock", "event"):
        raise ConfigError(f"{where}.simulation.engine: expected \"clock\" or \"event\"")

    pops = {}
    for i, pop in enumerate(cfg["populations"]):
        w = f"{where}.populations[{i}]"
        _check_keys(pop, w, {"name", "size", "model"}, {"params", "initial"})
        name, model = pop["name"], pop["model"]
        if name in pops:
            raise ConfigError(f"{w}: duplicate population name {name!r}")
        if not isinstance(pop["size"], int) or pop["size"] < 1:
            raise ConfigError(f"{w}.size must be a positive integer")
        if model in NEURON_PARAMS:
            _check_keys(pop.get("params", {}), f"{w}.params", set(), NEURON_PARAMS[model])
            for k, v in pop.get("params", {}).items():
                if k in PER_NEURON_PARAMS.get(model, ()):
                    _check_value_spec(v, f"{w}.params.{k}", per_neuron=True)
                elif not _is_number(v):
                    raise ConfigError(f"{w}.params.{k} must be a number")
            _check_keys(pop.get("initial", {}), f"{w}.initial", set(), NEURON_INITIAL[model])
            for k, v in pop.get("initial", {}).items():
                _check_value_spec(v, f"{w}.initial.{k}")
        elif model in GENERATOR_PARAMS:
            if "initial" in pop:
                raise ConfigError(f"{w}: a {model} has no state to initialise")
            _check_keys(pop.get("params", {}), f"{w}.params", set(), GENERATOR_PARAMS[model])
        else:
            raise ConfigError(f"{w}.model: unknown model {model!r}; known: "
                              f"{sorted(NEURON_PARAMS) + sorted(GENERATOR_PARAMS)}")
        pops[name] = pop

    for i, proj in enumerate(cfg.get("projections", [])):
        w = f"{where}.projections[{i}]"
        _check_keys(proj, w, {"source", "target", "connectivity"}, {"synapse"})
        for end in ("source", "target"):
            if proj[end] not in pops:
                raise ConfigError(f"{w}.{end}: no population named {proj[end]!r}")
        if pops[proj["target"]]["model"] in GENERATOR_PARAMS:
            raise ConfigError(f"{w}.target: cannot connect into a generator")
        conn = proj["connectivity"]
        rule = conn.get("rule") if isinstance(conn, dict) else None
        if rule not in RULES:
            raise ConfigError(f"{w}.connectivity.rule: expected one of {sorted(RULES)}")
        size_key = RULES[rule][1]
        _check_keys(conn, f"{w}.connectivity", {"rule"} | ({size_key} if size_key else set()),
                    {"allow_autapses", "allow_multapses"})
        for flag in ("allow_autapses", "allow_multapses"):
            if flag in conn and not isinstance(conn[flag], bool):
                raise ConfigError(f"{w}.connectivity.{flag} must be true or false")
        syn = proj.get("synapse", {})
        _check_keys(syn, f"{w}.synapse", set(), {"weight", "delay_ms"})
        for k, v in syn.items():
            _check_value_spec(v, f"{w}.synapse.{k}")

    names = set()
    for i, rec in enumerate(cfg.get("recorders", [])):
        w = f"{where}.recorders[{i}]"
        kind = rec.get("type") if isinstance(rec, dict) else None
        if kind == "spikes":
            _check_keys(rec, w, {"name", "type", "population"})
        elif kind == "state":
            _check_keys(rec, w, {"name", "type", "population", "variables"},
                        {"neurons", "interval_ms"})
        else:
            raise ConfigError(f"{w}.type: expected \"spikes\" or \"state\"")
        if rec["name"] in names:
            raise ConfigError(f"{w}: duplicate recorder name {rec['name']!r}")
        names.add(rec["name"])
        pop = pops.get(rec["population"])
        if pop is None:
            raise ConfigError(f"{w}.population: no population named {rec['population']!r}")
        if kind == "state":
            if pop["model"] not in NEURON_STATE:
                raise ConfigError(f"{w}: cannot record the state of a {pop['model']}")
            bad = set(rec["variables"]) - NEURON_STATE[pop["model"]]
            if bad:
                raise ConfigError(f"{w}.variables: {sorted(bad)} not recordable from "
                                  f"{pop['model']}; allowed {sorted(NEURON_STATE[pop['model']])}")
            for n in rec.get("neurons", []):
                if not isinstance(n, int) or not 0 <= n < pop["size"]:
                    raise ConfigError(f"{w}.neurons: index {n} outside 0..{pop['size'] - 1}")


def resolve_config(arg: str) -> Path:
    p = Path(arg)
    if p.is_file():
        return p
    for cand in (REPO / "configs" / arg, REPO / "configs" / f"{arg}.json"):
        if cand.is_file():
            return cand
    raise ConfigError(f"no config {arg!r} (tried {p}, configs/{arg}, configs/{arg}.json)")


# --------------------------------------------------------------------------------------
# JSON -> NEST
# --------------------------------------------------------------------------------------

def import_nest():
    os.environ.setdefault("PYNEST_QUIET", "1")  # no banner
    import nest  # noqa: PLC0415  (heavy import, only when needed)
    try:
        nest.verbosity = nest.VerbosityLevel.ERROR
    except AttributeError:  # older NEST 3.x
        nest.set_verbosity("M_ERROR")
    return nest


def nest_value(nest, spec):
    """Our value spec -> a float or a NEST random parameter (drawn from NEST's seeded RNG)."""
    if _is_number(spec):
        return float(spec)
    (kind, (a, b)), = spec.items()
    if kind == "uniform":
        return nest.random.uniform(min=float(a), max=float(b))
    return nest.random.normal(mean=float(a), std=float(b))


def nest_seed(seed: int) -> int:
    """NEST wants 1 <= rng_seed < 2**31; keep valid seeds unchanged."""
    return seed if 1 <= seed < 2**31 - 1 else seed % (2**31 - 2) + 1


@dataclass
class NestNetwork:
    nodes: dict            # population name -> NodeCollection
    recorders: dict        # recorder name -> (recorder config, NodeCollection of device)
    build_s: float


def build_nest(nest, cfg: dict) -> NestNetwork:
    t0 = time.perf_counter()
    sim = cfg["simulation"]
    nest.ResetKernel()
    nest.SetKernelStatus({
        "resolution": float(sim.get("dt_ms", 0.1)),
        "rng_seed": nest_seed(int(sim.get("seed", 1))),
        "local_num_threads": int(sim.get("threads", 1)),
    })

    nodes = {}
    for pop in cfg["populations"]:
        model, params = pop["model"], dict(pop.get("params", {}))
        if model == "spike_generator":
            # Our spike times are ms on the simulation grid; let NEST round instead of refusing.
            params = {"spike_times": [float(t) for t in params.get("spike_times", [])],
                      "allow_offgrid_times": True}
        else:
            rng = np.random.default_rng([nest_seed(int(sim.get("seed", 1))), len(nodes)])
            r = rng.random(pop["size"])
            params = {k: per_neuron_values(v, r, rng) for k, v in params.items()}
            params = {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in params.items()}
        nc = nest.Create(model, pop["size"], params=params)
        for var, spec in pop.get("initial", {}).items():
            nc.set({var: nest_value(nest, spec)})
        nodes[pop["name"]] = nc

    for proj in cfg.get("projections", []):
        conn = proj["connectivity"]
        nest_rule, key, nest_key = RULES[conn["rule"]]
        conn_spec = {"rule": nest_rule,
                     "allow_autapses": conn.get("allow_autapses", True),
                     "allow_multapses": conn.get("allow_multapses", True)}
        if key:
            conn_spec[nest_key] = conn[key]
        syn = proj.get("synapse", {})
        syn_spec = {"synapse_model": "static_synapse",
                    "weight": nest_value(nest, syn.get("weight", 1.0)),
                    "delay": nest_value(nest, syn.get("delay_ms", 1.0))}
        nest.Connect(nodes[proj["source"]], nodes[proj["target"]], conn_spec, syn_spec)

    recorders = {}
    for rec in cfg.get("recorders", []):
        pop = nodes[rec["population"]]
        if rec["type"] == "spikes":
            dev = nest.Create("spike_recorder")
            nest.Connect(pop, dev)
        else:
            dev = nest.Create("multimeter", params={
                "record_from": list(rec["variables"]),
                "interval": float(rec.get("interval_ms", sim.get("dt_ms", 0.1)))})
            targets = pop[list(rec["neurons"])] if "neurons" in rec else pop
            nest.Connect(dev, targets)
        recorders[rec["name"]] = (rec, dev)
    return NestNetwork(nodes, recorders, time.perf_counter() - t0)


def run_nest(cfg: dict, out_dir: Path) -> dict:
    """Build and simulate cfg in NEST; write recorders to out_dir; return spike arrays."""
    nest = import_nest()
    nest_errors = tuple(e for e in (getattr(nest, "NESTError", None),
                                    getattr(getattr(nest, "NESTErrors", None), "KernelException", None))
                        if isinstance(e, type))
    try:
        net = build_nest(nest, cfg)
        t0 = time.perf_counter()
        nest.Simulate(float(cfg["simulation"]["duration_ms"]))
        sim_s = time.perf_counter() - t0
    except nest_errors as e:
        raise ConfigError(f"NEST refused the network: {type(e).__name__}: {e}") from None

    out_dir.mkdir(parents=True, exist_ok=True)
    spikes = {}
    for name, (rec, dev) in net.recorders.items():
        ev = dev.get("events")
        first = net.nodes[rec["population"]][0].global_id
        if rec["type"] == "spikes":
            arr = spike_array(ev["times"], np.asarray(ev["senders"]) - first)
            spikes[name] = arr
        else:
            fields = [("t", "<f8"), ("id", "<i4")] + [(v, "<f8") for v in rec["variables"]]
            arr = np.zeros(len(ev["times"]), dtype=fields)
            arr["t"], arr["id"] = ev["times"], np.asarray(ev["senders"]) - first
            for v in rec["variables"]:
                arr[v] = ev[v]
            arr = arr[np.lexsort((arr["id"], arr["t"]))]
        np.save(out_dir / f"{name}.npy", arr)
    summary = {"simulator": "NEST", "nest_version": nest.__version__,
               "build_s": round(net.build_s, 3), "simulate_s": round(sim_s, 3),
               "spike_counts": {k: int(len(v)) for k, v in spikes.items()}}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return {"spikes": spikes, "summary": summary}


def spike_array(times, ids) -> np.ndarray:
    arr = np.zeros(len(times), dtype=[("t", "<f8"), ("id", "<i4")])
    arr["t"], arr["id"] = times, ids
    return arr[np.lexsort((arr["id"], arr["t"]))]


# --------------------------------------------------------------------------------------
# SwiftSNN
# --------------------------------------------------------------------------------------

class SnnRunError(Exception):
    pass


def run_snn(config: Path, out_dir: Path, snn: str | None, timeout_s: float) -> dict:
    """Run our simulator on config, writing into out_dir; return its spike arrays."""
    if out_dir.exists():
        shutil.rmtree(out_dir)  # never read stale results of an earlier run
    out_dir.mkdir(parents=True)
    if snn:
        cmd = [snn, "run", str(config.resolve()), "--out", str(out_dir.resolve())]
    else:
        cmd = ["swift", "run", "-c", "release", "snn", "run", str(config.resolve()),
               "--out", str(out_dir.resolve())]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True,
                              timeout=timeout_s)
    except FileNotFoundError:
        raise SnnRunError(f"cannot execute {cmd[0]!r}") from None
    except subprocess.TimeoutExpired:
        raise SnnRunError(f"timed out after {timeout_s:.0f} s: {' '.join(cmd)}") from None
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
        raise SnnRunError(f"exit status {proc.returncode}: {' '.join(cmd)}\n{tail}")

    summary_path = out_dir / "summary.json"
    summary = {}
    if summary_path.is_file():
        try:
            summary = json.loads(summary_path.read_text())
        except json.JSONDecodeError as e:
            raise SnnRunError(f"{summary_path}: invalid JSON: {e}") from None
    else:
        print(f"  warning: {summary_path} was not written", file=sys.stderr)
    return {"out_dir": out_dir, "summary": summary, "wall_s": wall}


def load_spikes(path: Path) -> np.ndarray:
    if not path.is_file():
        raise SnnRunError(f"missing spike file {path}")
    arr = np.load(path, allow_pickle=False)
    names = arr.dtype.names or ()
    if "t" not in names or "id" not in names:
        raise SnnRunError(f"{path}: expected a structured array with fields t and id, "
                          f"got dtype {arr.dtype}")
    return spike_array(np.asarray(arr["t"], dtype=np.float64),
                       np.asarray(arr["id"], dtype=np.int64))


# --------------------------------------------------------------------------------------
# Statistics and comparison
# --------------------------------------------------------------------------------------

@dataclass
class Stats:
    rate_hz: float
    cv: float            # nan when no neuron has >= 3 spikes
    n_cv: int            # neurons that entered the CV
    n_spikes: int


def spike_stats(spikes: np.ndarray, n_neurons: int, t_start: float, t_stop: float) -> Stats:
    sel = spikes[(spikes["t"] >= t_start) & (spikes["t"] <= t_stop)]
    rate = len(sel) / (n_neurons * (t_stop - t_start) / 1000.0)
    order = np.lexsort((sel["t"], sel["id"]))
    ids, ts = sel["id"][order], sel["t"][order]
    cvs = []
    if len(ids):
        bounds = np.flatnonzero(np.diff(ids)) + 1
        for train in np.split(ts, bounds):
            if len(train) >= 3:
                isi = np.diff(train)
                m = isi.mean()
                if m > 0:
                    cvs.append(isi.std() / m)
    cv = float(np.mean(cvs)) if cvs else math.nan
    return Stats(rate, cv, len(cvs), int(len(sel)))


def rel_diff(ours: float, ref: float) -> float:
    if math.isnan(ours) or math.isnan(ref):
        return math.nan
    if abs(ref) < 1e-12:
        return 0.0 if abs(ours) < 1e-12 else math.inf
    return (ours - ref) / ref


def within(ours: float, ref: float, rel_tol: float, abs_tol: float) -> bool:
    if math.isnan(ours) and math.isnan(ref):
        return True  # neither has neurons with >= 3 spikes: nothing to compare
    if math.isnan(ours) or math.isnan(ref):
        return False
    return abs(ours - ref) <= max(rel_tol * abs(ref), abs_tol)


def fmt(x: float, spec: str = ".3f") -> str:
    return "n/a" if math.isnan(x) else format(x, spec)


def fmt_pct(x: float) -> str:
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "inf"
    return f"{100 * x:+.1f}%"


def print_table(rows: list[list[str]], header: list[str]):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print("  " + line)
    print("  " + "  ".join("-" * w for w in widths))
    for r in rows:
        print("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)))


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def summarize(per_seed: list[Stats]) -> tuple[float, float, float, float]:
    """Mean and spread (sd over seeds, 0 for one seed) of rate and CV."""
    rates = np.array([s.rate_hz for s in per_seed])
    cvs = np.array([s.cv for s in per_seed])
    cv_ok = cvs[~np.isnan(cvs)]
    cv = float(cv_ok.mean()) if len(cv_ok) else math.nan
    cv_sd = float(cv_ok.std(ddof=1)) if len(cv_ok) > 1 else 0.0
    rate_sd = float(rates.std(ddof=1)) if len(rates) > 1 else 0.0
    return float(rates.mean()), rate_sd, cv, cv_sd


def with_sd(mean: float, sd: float, n: int, spec: str) -> str:
    return fmt(mean, spec) if n == 1 or math.isnan(mean) else f"{fmt(mean, spec)}±{fmt(sd, spec)}"


def compare_one(config: Path, args) -> bool:
    cfg = load_config(config)
    sim = cfg["simulation"]
    duration = float(sim["duration_ms"])
    base_seed = int(sim.get("seed", 1))
    sizes = {p["name"]: p["size"] for p in cfg["populations"]}
    n_nodes = sum(sizes.values())
    spike_recs = [r for r in cfg.get("recorders", []) if r["type"] == "spikes"]
    work = Path(args.out) / config.stem
    seeds = list(range(base_seed, base_seed + args.seeds))
    print(f"\n== {config}  ({n_nodes} node{'s' if n_nodes != 1 else ''}, {duration:g} ms, "
          f"dt {sim.get('dt_ms', 0.1)} ms, "
          f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}, "
          f"threads {sim.get('threads', 1)})")
    if not spike_recs:
        print("  no spike recorders: nothing to compare")
        return True
    t_start = args.t_start
    if not 0 <= t_start < duration:
        raise ConfigError(f"--t-start {t_start} outside [0, {duration})")

    stats_nest = {r["name"]: [] for r in spike_recs}
    stats_snn = {r["name"]: [] for r in spike_recs}
    for seed in seeds:
        run_dir, run_config, run_cfg = work, config, cfg
        if len(seeds) > 1:
            run_dir = work / f"seed{seed}"
        if seed != base_seed:
            # Same network, other seed: both simulators get an identical copy of the config.
            run_cfg = json.loads(json.dumps(cfg))
            run_cfg["simulation"]["seed"] = seed
            run_dir.mkdir(parents=True, exist_ok=True)
            run_config = run_dir / f"{config.stem}.json"
            run_config.write_text(json.dumps(run_cfg, indent=2) + "\n")
        nest_res = run_nest(run_cfg, run_dir / "nest")
        ns = nest_res["summary"]
        print(f"  seed {seed}: NEST {ns['nest_version']}: build {ns['build_s']:.1f} s, "
              f"simulate {ns['simulate_s']:.1f} s  -> {run_dir / 'nest'}")
        for rec in spike_recs:
            stats_nest[rec["name"]].append(spike_stats(
                nest_res["spikes"][rec["name"]], sizes[rec["population"]], t_start, duration))
        if args.nest_only:
            continue
        snn_res = run_snn(run_config, run_dir / "snn", args.snn, args.timeout)
        timing = snn_res["summary"].get("timing", {}) if isinstance(snn_res["summary"], dict) else {}
        extra = "".join(f", {k} {v:.2f} s" for k, v in timing.items() if _is_number(v))
        print(f"  seed {seed}: SwiftSNN: {snn_res['wall_s']:.1f} s wall incl. launch{extra}"
              f"  -> {snn_res['out_dir']}")
        for rec in spike_recs:
            stats_snn[rec["name"]].append(spike_stats(
                load_spikes(snn_res["out_dir"] / f"{rec['name']}.npy"),
                sizes[rec["population"]], t_start, duration))

    n = len(seeds)
    ok = True
    rows = []
    for rec in spike_recs:
        r_nest, r_nest_sd, cv_nest, cv_nest_sd = summarize(stats_nest[rec["name"]])
        if args.nest_only:
            rows.append([rec["population"], rec["name"], with_sd(r_nest, r_nest_sd, n, ".2f"),
                         with_sd(cv_nest, cv_nest_sd, n, ".3f"),
                         str(stats_nest[rec["name"]][-1].n_cv),
                         str(stats_nest[rec["name"]][-1].n_spikes)])
            continue
        r_snn, r_snn_sd, cv_snn, cv_snn_sd = summarize(stats_snn[rec["name"]])
        rate_ok = within(r_snn, r_nest, args.rate_tol, 1e-9)
        cv_ok = within(cv_snn, cv_nest, args.cv_tol, args.cv_abs_tol)
        ok &= rate_ok and cv_ok
        bad = [x for x, good in (("rate", rate_ok), ("CV", cv_ok)) if not good]
        rows.append([rec["population"],
                     with_sd(r_nest, r_nest_sd, n, ".2f"), with_sd(r_snn, r_snn_sd, n, ".2f"),
                     fmt_pct(rel_diff(r_snn, r_nest)),
                     with_sd(cv_nest, cv_nest_sd, n, ".3f"), with_sd(cv_snn, cv_snn_sd, n, ".3f"),
                     fmt_pct(rel_diff(cv_snn, cv_nest)),
                     "PASS" if not bad else f"FAIL ({', '.join(bad)})"])
    mean_note = f" (mean{'±sd' if n > 1 else ''} over {n} seeds)" if n > 1 else ""
    if args.nest_only:
        print_table(rows, ["population", "recorder", "rate NEST [Hz]" + mean_note, "CV NEST",
                           "neurons in CV", "spikes"])
    else:
        if n > 1:
            print(f"  statistics are the mean±sd over {n} seeds; the tolerances apply to the means")
        print_table(rows, ["population", "rate NEST", "rate SwiftSNN", "d rate",
                           "CV NEST", "CV SwiftSNN", "d CV", "result"])
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Compare SwiftSNN against NEST on the same JSON configs.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("configs", nargs="*", default=DEFAULT_CONFIGS,
                    help="config paths or names under configs/")
    ap.add_argument("--nest-only", action="store_true",
                    help="only run NEST and print its statistics")
    ap.add_argument("--snn", metavar="PATH",
                    help="snn binary to run instead of `swift run -c release snn`")
    ap.add_argument("--out", default=str(REPO / "out" / "compare_nest"),
                    help="work directory; results go to OUT/<config stem>/{nest,snn}")
    ap.add_argument("--seeds", type=int, default=1, metavar="N",
                    help="run seeds seed..seed+N-1 (seed from the config) in both simulators "
                         "and compare the means; a single 1 s run of a chaotic network can "
                         "differ from another seed by ~10 %% in rate (COBA)")
    ap.add_argument("--t-start", type=float, default=0.0,
                    help="ignore spikes before this time [ms] (transient)")
    ap.add_argument("--rate-tol", type=float, default=0.10, help="relative rate tolerance")
    ap.add_argument("--cv-tol", type=float, default=0.15, help="relative CV tolerance")
    ap.add_argument("--cv-abs-tol", type=float, default=0.01,
                    help="absolute CV tolerance (for near-regular firing, CV ~ 0)")
    ap.add_argument("--timeout", type=float, default=1800.0,
                    help="seconds allowed for one SwiftSNN run (including a build)")
    args = ap.parse_args(argv)
    if args.seeds < 1:
        ap.error("--seeds must be >= 1")

    try:
        configs = [resolve_config(c) for c in args.configs]
        for c in configs:          # fail early, before any long simulation
            load_config(c)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    failed = []
    for config in configs:
        try:
            if not compare_one(config, args):
                failed.append(config.stem)
        except (ConfigError, SnnRunError) as e:
            print(f"error: {config}: {e}", file=sys.stderr)
            return 2
    if args.nest_only:
        print("\nNEST only: no comparison made.")
        return 0
    print(f"\n{len(configs) - len(failed)} passed, {len(failed)} failed"
          + (f" ({', '.join(failed)})" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
