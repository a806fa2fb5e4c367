#!/usr/bin/env python3
"""Benchmark SwiftSNN against NEST 3.10 and Brian2 (runtime and C++ standalone) on the same JSON networks.

Usage (from the repository root; tools/bench/run.sh creates the venv and calls this):

    tools/bench/run.sh                          # CUBA, COBA, Brunel, plastic Brunel; 1 and 2 threads; 3 reps
    tools/bench/run.sh --quick                  # 100 ms per workload, 1 rep, short micro-benchmarks
    tools/bench/run.sh --scale 0.2 --reps 5     # Brunel (static and plastic) with 0.2 x N (in-degrees kept)
    tools/bench/run.sh --workloads brunel brunel_plastic --no-micro --label plastic
    tools/bench/run.sh --callgrind              # add the callgrind instruction split (2 threads vs 1)
    tools/bench/run.sh --callgrind-only         # only that
    tools/bench/run.sh --dynamics-only          # only the dynamics check against NEST (5 seeds)
    tools/bench/run.sh --seeds 0                # everything but that check
    tools/bench/run.sh --workloads izhikevich adex --label models   # the neuron-model workloads (not default)

What runs: for every workload (configs/<name>.json, Brunel scaled by --scale), every rep, every thread count:
`snn run` (release build, built first unless --no-build), NEST via tools/bench/nest_worker.py (the JSON->NEST
translator of tools/compare_nest.py, local_num_threads), Brian2 via tools/bench/brian2_worker.py in runtime
mode (Cython, one thread only) and in C++ standalone mode (openmp_threads; 1 thread = Brian2's plain serial
code). Runs are interleaved (rep by rep), each in its own process under `/usr/bin/time -v`.

Reported per (workload, simulator, threads), medians over reps:
* build_s / run_s: network construction vs simulation, as each simulator allows them to be separated (see the
  workers' docstrings; SwiftSNN: summary.json timing). The ratio column is SwiftSNN's run_s / the peer's run_s
  at the same thread count (Brian2 runtime: vs SwiftSNN at 1 thread); < 1 means SwiftSNN is faster.
* synaptic events/s: the expected number of synaptic events (spikes of each source population x mean
  out-degree of the projection from the config, plus rate x duration per Poisson-driven synapse), divided by
  run_s; the same estimate for every simulator. SwiftSNN's exact count is in the JSON.
* mean rate and mean ISI CV per recorded population over [--t-start, duration] (compare_nest.spike_stats), so
  a speed-up can be checked against unchanged dynamics.
* peak RSS (maximum resident set size of the process; for Brian2 standalone the compiled binary's own).
* slowdown plastic/static: brunel_plastic (configs/brunel_plastic.json: brunel with pair STDP on E->E) run_s /
  brunel run_s of the same simulator and thread count, from the same invocation (both workloads must run). The
  plastic network runs in NEST as stdp_synapse (whole delay dendritic, see nest_worker.py) and in Brian2 with
  event-driven traces per synapse (brian2_worker.py; check_stdp.py shows it gives SwiftSNN's weights).
* machine load: /proc/loadavg before and after each run, and `other_cores`: CPU time that other processes used
  during the run (from /proc/stat minus the run's own user+sys time) divided by its wall time; coarse for
  processes shorter than a second (the kernel counts CPU time in 10 ms ticks). Runs with
  other_cores > 0.25 are rerun (up to --retries times; the discarded attempts stay in the JSON), and runs
  still above that are marked in the table. Each run first waits (--max-busy, --max-wait) until other
  processes use at most 0.5 cores.

Neuron-model workloads (--workloads izhikevich adex; not in the default set, AdEx alone takes minutes per rep):
configs/izhikevich.json, Izhikevich's (2003) heterogeneous network at 10 000 neurons (8000 E: c = -65 + 15r^2,
d = 8 - 6r^2; 2000 I: a = 0.02 + 0.08r, b = 0.25 - 0.05r; r per neuron), in-degree 100 E + 25 I, Poisson drive;
configs/adex.json, 10 000 aeif_cond_exp (E adapting, I a = b = 0) with the same connectivity. Per-neuron
parameters reach NEST as per-node lists and Brian2 as per-neuron variables, drawn in Python from the same
expressions (other random numbers than SwiftSNN's, as every random quantity here). NEST and SwiftSNN integrate
aeif_cond_exp with the same adaptive RKF45; Brian2 with fixed-step RK4 (other spike counts: a timing peer).

Dynamics vs NEST (--seeds K >= 2, default 5; 0 skips it; --dynamics-only skips timing runs, micro-benchmarks and
callgrind): after everything else, every workload runs in SwiftSNN (`snn run --seed S`) and NEST (nest_worker.py
--seed S, NEST's rng_seed) with seeds 1..K, 1 thread, same configs. These runs are not timed and not in the
timing tables; they decide the project's criterion (mean rates within 10 % and ISI CVs within 15 % of NEST's),
which one run per simulator cannot: a seed is one random network, realisations differ (SwiftSNN's COBA excitatory
rate spans 18.4-21.7 Hz over seeds 1-6), and the two simulators draw different networks from the same seed.
Reported per workload and recorded population (JSON `dynamics`, Markdown "Dynamics vs NEST"): mean and standard
deviation over seeds of rate and ISI CV (over [--t-start, duration], as above) in each simulator, SwiftSNN mean /
NEST mean - 1 with its standard error (both means' standard errors propagated), and PASS/FAIL on those means.
Their work directories are --work/dynamics/<workload>/<simulator>/seed<S>. About 8 minutes for all four workloads
at K = 5 on an idle machine (NEST's plastic Brunel alone takes ~55 s per seed).

Outputs: tools/bench/results/<date>.json (every run, all settings, versions, machine) and <date>.md (tables);
--label L writes <date>-L.*, --quick <date>[-L]-quick.*, --dynamics-only <date>[-L]-dynamics.* (so that a
day's timing results stay). Work files (configs, spikes, Brian2 projects) go to --work (default out/bench).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tools"))
import compare_nest as cn  # noqa: E402
import stdp_config  # noqa: E402

WORKLOADS = ["cuba", "coba", "brunel", "brunel_plastic"]
# Chosen by name only (--workloads): a network per neuron model beyond the LIF family.
MODEL_WORKLOADS = ["izhikevich", "adex"]
ALL_WORKLOADS = WORKLOADS + MODEL_WORKLOADS
# A plastic workload -> the static network it is compared with.
STATIC_OF = {"brunel_plastic": "brunel"}
SCALABLE = ("brunel", "brunel_plastic")
SIMULATORS = ["snn", "nest", "brian2-runtime", "brian2-standalone"]
SIM_LABEL = {"snn": "SwiftSNN", "nest": "NEST", "brian2-runtime": "Brian2 runtime",
             "brian2-standalone": "Brian2 standalone"}
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------------------
# Machine
# --------------------------------------------------------------------------------------

def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def cpu_busy_seconds() -> float:
    """CPU time (all cores) spent not idle since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / CLK_TCK


def busy_cores(window_s: float = 1.0) -> float:
    a, t0 = cpu_busy_seconds(), time.perf_counter()
    time.sleep(window_s)
    return (cpu_busy_seconds() - a) / (time.perf_counter() - t0)


def wait_until_quiet(max_busy: float | None, max_wait_s: float) -> float:
    """Busy cores over the last second; waits (up to max_wait_s) while above max_busy."""
    busy = busy_cores()
    deadline = time.monotonic() + max_wait_s
    while max_busy is not None and busy > max_busy and time.monotonic() < deadline:
        time.sleep(4.0)
        busy = busy_cores()
    return busy


def machine_info() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1),
            "kernel": platform.release(), "python": platform.python_version()}


def command_output(cmd: list[str]) -> str | None:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def versions(python: str) -> dict:
    swift = command_output(["swift", "--version"]) or ""
    libs = command_output([python, "-c", "import os; os.environ['PYNEST_QUIET']='1'; import nest, brian2, numpy; "
                           "print(nest.__version__, brian2.__version__, numpy.__version__)"]) or ""
    nest_v, brian2_v, numpy_v = (libs.split()[-3:] + [None] * 3)[:3] if libs else (None, None, None)
    return {"swift": next((line for line in swift.splitlines() if "Swift version" in line), None),
            "nest": nest_v, "brian2": brian2_v, "numpy": numpy_v,
            "gxx": (command_output(["g++", "--version"]) or "").split("\n")[0] or None,
            "valgrind": command_output(["valgrind", "--version"])}


def git_state() -> dict:
    commit = command_output(["git", "-C", str(REPO), "rev-parse", "HEAD"])
    dirty = command_output(["git", "-C", str(REPO), "status", "--porcelain", "--", "Sources", "Package.swift"])
    # command_output strips the first line's leading status blank, so split instead of slicing at column 3.
    modified = sorted(line.split(maxsplit=1)[1] for line in (dirty or "").splitlines())
    return {"commit": commit, "sources_modified": modified}


# --------------------------------------------------------------------------------------
# Workloads
# --------------------------------------------------------------------------------------

def scaled(cfg: dict, scale: float) -> dict:
    """Brunel with every neuron population scaled by `scale`; in-degrees (K) stay, so work per neuron does too."""
    cfg = json.loads(json.dumps(cfg))
    for pop in cfg["populations"]:
        if pop["model"] in cn.NEURON_PARAMS:
            pop["size"] = max(1, round(pop["size"] * scale))
    return cfg


def prepare_workloads(args, work: Path) -> dict[str, tuple[Path, dict]]:
    out = {}
    (work / "configs").mkdir(parents=True, exist_ok=True)
    for name in args.workloads:
        cfg = stdp_config.load_config(cn.resolve_config(name))
        if name in SCALABLE and args.scale != 1.0:
            cfg = scaled(cfg, args.scale)
        if args.duration_ms is not None:
            cfg["simulation"]["duration_ms"] = args.duration_ms
        cfg["simulation"]["threads"] = 1  # every run passes its own thread count
        path = work / "configs" / f"{name}.json"
        path.write_text(json.dumps(cfg, indent=2) + "\n")
        out[name] = (path, cfg)
    return out


def expected_synapses(cfg: dict, proj: dict) -> float:
    sizes = {p["name"]: p["size"] for p in cfg["populations"]}
    n_src, n_tgt = sizes[proj["source"]], sizes[proj["target"]]
    conn = proj["connectivity"]
    same = proj["source"] == proj["target"]
    pairs = n_src * n_tgt - (min(n_src, n_tgt) if same and not conn.get("allow_autapses", True) else 0)
    return {"all_to_all": pairs, "one_to_one": n_src, "pairwise_bernoulli": conn.get("p", 0) * pairs,
            "fixed_indegree": conn.get("K", 0) * n_tgt, "fixed_outdegree": conn.get("K", 0) * n_src,
            "fixed_total_number": conn.get("N", 0)}[conn["rule"]]


def expected_events(cfg: dict, spikes_by_population: dict[str, int]) -> float | None:
    """Synaptic events implied by the spike counts: spikes x mean out-degree, plus Poisson-driven synapses."""
    pops = {p["name"]: p for p in cfg["populations"]}
    seconds = float(cfg["simulation"]["duration_ms"]) / 1000
    total = 0.0
    for proj in cfg.get("projections", []):
        src = pops[proj["source"]]
        synapses = expected_synapses(cfg, proj)
        if src["model"] == "poisson_generator":
            total += synapses * float(src["params"]["rate"]) * seconds
        elif proj["source"] in spikes_by_population:
            total += spikes_by_population[proj["source"]] * synapses / src["size"]
        else:
            return None
    return total


# --------------------------------------------------------------------------------------
# Running one simulation
# --------------------------------------------------------------------------------------

def parse_time_v(path: Path) -> dict:
    out = {}
    try:
        text = path.read_text()
    except OSError:
        return out
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key == "Maximum resident set size (kbytes)":
            out["max_rss_kb"] = int(value)
        elif key == "User time (seconds)":
            out["user_s"] = float(value)
        elif key == "System time (seconds)":
            out["sys_s"] = float(value)
    return out


def timed_process(cmd: list[str], run_dir: Path, timeout_s: float, env: dict | None = None) -> dict:
    time_file = run_dir / "time.txt"
    load_before = loadavg()
    busy0, t0 = cpu_busy_seconds(), time.perf_counter()
    with open(run_dir / "log.txt", "w") as log:
        try:
            proc = subprocess.run(["/usr/bin/time", "-v", "-o", str(time_file)] + cmd, stdout=log,
                                  stderr=subprocess.STDOUT, cwd=REPO, timeout=timeout_s,
                                  env=None if env is None else {**os.environ, **env})
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    wall = time.perf_counter() - t0
    busy = cpu_busy_seconds() - busy0
    res = {"returncode": rc, "process_wall_s": wall, "loadavg_before": load_before, "loadavg_after": loadavg()}
    res.update(parse_time_v(time_file))
    own = res.get("user_s", 0.0) + res.get("sys_s", 0.0)
    res["other_cores"] = max(0.0, (busy - own) / wall) if wall > 0 else 0.0
    return res


def tail(path: Path, n: int = 15) -> str:
    try:
        return "\n".join(path.read_text().strip().splitlines()[-n:])
    except OSError:
        return ""


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def sim_command(sim: str, workload: str, threads: int, cfg_path: Path, out: Path, work: Path, snn: Path,
                python: str) -> list[str]:
    if sim == "snn":
        return [str(snn), "run", str(cfg_path), "--threads", str(threads), "--out", str(out)]
    if sim == "nest":
        return [python, str(HERE / "nest_worker.py"), str(cfg_path), "--threads", str(threads), "--out", str(out)]
    if sim == "brian2-runtime":
        return [python, str(HERE / "brian2_worker.py"), str(cfg_path), "--mode", "runtime", "--out", str(out)]
    project = work / "brian2_projects" / f"{workload}-t{threads}"
    return [python, str(HERE / "brian2_worker.py"), str(cfg_path), "--mode", "standalone",
            "--threads", str(threads), "--project", str(project), "--out", str(out)]


def stats_window(cfg: dict, args) -> tuple[float, float]:
    """[t_start, duration] in ms: the transient is left out, but never more than half of a short run."""
    duration = float(cfg["simulation"]["duration_ms"])
    return min(args.t_start, duration / 2), duration


def population_stats(cfg: dict, out: Path, args) -> dict[str, dict]:
    """Rate and ISI CV of every recorded population; then deletes the spike files unless --keep-spikes."""
    sizes = {p["name"]: p["size"] for p in cfg["populations"]}
    t_start, duration = stats_window(cfg, args)
    pops = {}
    for r in cfg.get("recorders", []):
        if r["type"] != "spikes":
            continue
        arr = cn.load_spikes(out / f"{r['name']}.npy")
        st = cn.spike_stats(arr, sizes[r["population"]], t_start, duration)
        pops[r["population"]] = {"rate_hz": st.rate_hz, "cv": None if math.isnan(st.cv) else st.cv,
                                 "neurons_in_cv": st.n_cv, "spikes": int(len(arr))}
    if not args.keep_spikes:
        for f in out.glob("*.npy"):
            f.unlink()
    return pops


def run_one(sim: str, workload: str, threads: int, rep: int, cfg_path: Path, cfg: dict, work: Path,
            args, snn: Path, python: str) -> dict:
    run_dir = fresh_dir(work / "runs" / workload / f"{sim}-t{threads}" / f"rep{rep}")
    out = run_dir / "out"
    cmd = sim_command(sim, workload, threads, cfg_path, out, work, snn, python)
    rec = {"workload": workload, "simulator": sim, "threads": threads, "rep": rep,
           "busy_cores_before": wait_until_quiet(args.max_busy, args.max_wait)}
    rec.update(timed_process(cmd, run_dir, args.timeout))
    if rec["returncode"] != 0:
        rec["error"] = tail(run_dir / "log.txt")
        return rec

    if sim == "snn":
        summary = json.loads((out / "summary.json").read_text())
        rec["build_s"] = summary["timing"]["build_s"]
        rec["run_s"] = summary["timing"]["run_s"]
        rec["exact_synaptic_events"] = summary.get("synaptic_events")
    else:
        result = json.loads((out / "result.json").read_text())
        rec.update({k: v for k, v in result.items() if k not in ("simulator", "threads", "spike_counts")})
    if sim == "brian2-standalone" and rec.get("binary_max_rss_kb"):
        rec["process_max_rss_kb"] = rec["max_rss_kb"]  # python + compiler, for the record
        rec["max_rss_kb"] = rec["binary_max_rss_kb"]

    rec["populations"] = population_stats(cfg, out, args)
    rec["expected_synaptic_events"] = expected_events(
        cfg, {name: p["spikes"] for name, p in rec["populations"].items()})
    return rec


# --------------------------------------------------------------------------------------
# Dynamics vs NEST over seeds
# --------------------------------------------------------------------------------------

DYNAMICS_SIMS = ("snn", "nest")
# The project's criterion: mean rates within 10 % and ISI CVs within 15 % of NEST's.
TOLERANCE = {"rate_hz": 0.10, "cv": 0.15}


def dynamics_run(sim: str, workload: str, seed: int, cfg_path: Path, cfg: dict, work: Path, args, snn: Path,
                 python: str) -> dict:
    run_dir = fresh_dir(work / "dynamics" / workload / sim / f"seed{seed}")
    out = run_dir / "out"
    cmd = sim_command(sim, workload, 1, cfg_path, out, work, snn, python) + ["--seed", str(seed)]
    rec = {"workload": workload, "simulator": sim, "seed": seed}
    rec.update(timed_process(cmd, run_dir, args.timeout))
    if rec["returncode"] != 0:
        rec["error"] = tail(run_dir / "log.txt")
    else:
        rec["populations"] = population_stats(cfg, out, args)
    return rec


def over_seeds(values: list[float | None]) -> dict:
    """Per-seed values (None: no neuron with 3 spikes) with their mean and sample standard deviation."""
    xs = [x for x in values if x is not None]
    return {"values": values, "n": len(xs), "mean": statistics.fmean(xs) if xs else None,
            "sd": statistics.stdev(xs) if len(xs) > 1 else None}


def relative_difference(ours: dict, ref: dict) -> tuple[float | None, float | None]:
    """ours mean / ref mean - 1 and its standard error, each mean's standard error sd/sqrt(n) propagated."""
    a, b = ours["mean"], ref["mean"]
    if a is None or not b:
        return None, None
    if ours["sd"] is None or ref["sd"] is None:
        return a / b - 1, None
    return a / b - 1, math.hypot(ours["sd"] / math.sqrt(ours["n"]) / b, a * ref["sd"] / math.sqrt(ref["n"]) / b**2)


def within_tolerance(row: dict, quantity: str) -> bool:
    diff = row[f"{quantity}_diff"]
    if diff is None:
        # NEST silent (or no ISI CV at all): only the same in SwiftSNN agrees.
        return not row["snn"][quantity]["mean"] and not row["nest"][quantity]["mean"]
    return abs(diff) <= TOLERANCE[quantity]


def dynamics_row(workload: str, population: str, window: tuple[float, float], ok: dict[str, list[dict]]) -> dict:
    row = {"workload": workload, "population": population, "window_ms": list(window)}
    for sim in DYNAMICS_SIMS:
        pops = [r["populations"][population] for r in ok[sim]]
        row[sim] = {"seeds": [r["seed"] for r in ok[sim]], "rate_hz": over_seeds([p["rate_hz"] for p in pops]),
                    "cv": over_seeds([p["cv"] for p in pops])}
    for q in TOLERANCE:
        row[f"{q}_diff"], row[f"{q}_diff_se"] = relative_difference(row["snn"][q], row["nest"][q])
    if not (ok["snn"] and ok["nest"]):
        row["verdict"] = "no data"
    else:
        bad = [name for name, q in (("rate", "rate_hz"), ("CV", "cv")) if not within_tolerance(row, q)]
        row["verdict"] = "PASS" if not bad else f"FAIL ({', '.join(bad)})"
    return row


def dynamics_rows(runs: list[dict], workloads: dict[str, tuple[Path, dict]], args) -> list[dict]:
    rows = []
    for w, (_, cfg) in workloads.items():
        ok = {sim: [r for r in runs if r["workload"] == w and r["simulator"] == sim and r["returncode"] == 0]
              for sim in DYNAMICS_SIMS}
        for rec in cfg.get("recorders", []):
            if rec["type"] == "spikes":
                rows.append(dynamics_row(w, rec["population"], stats_window(cfg, args), ok))
    return rows


def dynamics_check(workloads: dict[str, tuple[Path, dict]], args, work: Path, snn: Path, python: str) -> dict:
    """SwiftSNN and NEST, 1 thread, seeds 1..K: not timed, so no waiting for a quiet machine and no reruns."""
    seeds = list(range(1, args.seeds + 1))
    runs = []
    for w, (path, cfg) in workloads.items():
        for seed in seeds:
            for sim in DYNAMICS_SIMS:
                print(f"dynamics: {w} seed {seed}/{len(seeds)} {SIM_LABEL[sim]} ...", end=" ", flush=True)
                rec = dynamics_run(sim, w, seed, path, cfg, work, args, snn, python)
                runs.append(rec)
                if rec["returncode"] == 0:
                    print(f"{rec['process_wall_s']:.1f} s; " + ", ".join(
                        f"{p}: {fmt(s['rate_hz'])} Hz, CV {fmt(s['cv'], '.3f')}"
                        for p, s in rec["populations"].items()), flush=True)
                else:
                    print(f"FAILED ({rec['returncode']}):\n{rec.get('error', '')}", flush=True)
    return {"seeds": seeds, "threads": 1, "tolerance": TOLERANCE, "runs": runs,
            "rows": dynamics_rows(runs, workloads, args)}


# --------------------------------------------------------------------------------------
# Micro-benchmarks and callgrind
# --------------------------------------------------------------------------------------

def micro_benchmarks(snn: Path, work: Path, args) -> list[dict]:
    results = []
    for threads in args.threads:
        path = work / f"snn_bench_t{threads}.json"
        cmd = [str(snn), "bench", "--threads", str(threads), "--json", str(path)]
        if args.quick:
            cmd += ["--steps", "200", "--reps", "3"]
        busy = wait_until_quiet(args.max_busy, args.max_wait)
        load = loadavg()
        print(f"  snn bench --threads {threads}", flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        if proc.returncode != 0:
            results.append({"threads": threads, "error": (proc.stdout + proc.stderr)[-2000:]})
            continue
        res = json.loads(path.read_text())
        res.update({"busy_cores_before": busy, "loadavg_before": load, "loadavg_after": loadavg(),
                    "text": proc.stdout})
        results.append(res)
    return results


def callgrind_totals(directory: Path, prefix: str) -> dict[int, int]:
    """Instructions per thread from callgrind.out.<pid>-<tid> files (one per thread with --separate-threads)."""
    totals = {}
    for f in sorted(directory.glob(f"{prefix}-*")):
        tid = f.name[len(prefix) + 1:]
        if not tid.isdigit():
            continue
        for line in f.read_text(errors="replace").splitlines():
            if line.startswith(("totals:", "summary:")):
                totals[int(tid)] = int(line.split()[1])
                break
    return totals


def callgrind_split(snn: Path, work: Path, args) -> dict:
    """Instructions of the run phase per thread for 1 and 2 threads (Brunel, scaled, short)."""
    cg = work / "callgrind"
    if cg.exists():
        shutil.rmtree(cg)
    cg.mkdir(parents=True)
    stripped = cg / "snn_stripped"
    shutil.copy2(snn, stripped)
    subprocess.run(["strip", str(stripped)], check=True)  # valgrind 3.19 cannot read Swift's DWARF 5
    cfg = scaled(cn.load_config(cn.resolve_config("brunel")), args.callgrind_scale)
    cfg["simulation"]["duration_ms"] = args.callgrind_ms
    cfg_path = cg / "brunel.json"
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n")
    # libomp's idle threads spin for 200 ms after each parallel region by default; under valgrind those spins
    # would be counted as instructions, so the team goes to sleep at once.
    env = {**os.environ, "KMP_BLOCKTIME": "0"}
    result = {"config": {"scale": args.callgrind_scale, "duration_ms": args.callgrind_ms,
                         "neurons": sum(p["size"] for p in cfg["populations"] if p["model"] in cn.NEURON_PARAMS)},
              "env": {"KMP_BLOCKTIME": "0"}, "runs": {}}
    for threads in (1, 2):
        for duration in (0.0, args.callgrind_ms):
            tag = f"t{threads}_d{duration:g}"
            print(f"  callgrind: {threads} thread(s), {duration:g} ms", flush=True)
            t0 = time.perf_counter()
            proc = subprocess.run(
                ["valgrind", "--tool=callgrind", "--separate-threads=yes",
                 f"--callgrind-out-file={cg}/callgrind.out.{tag}", str(stripped), "run", str(cfg_path),
                 "--threads", str(threads), "--duration-ms", str(duration), "--out", str(cg / f"out-{tag}")],
                capture_output=True, text=True, env=env, cwd=REPO)
            if proc.returncode != 0:
                result["error"] = proc.stderr[-2000:]
                return result
            result["runs"][tag] = {"instructions_per_thread": callgrind_totals(cg, f"callgrind.out.{tag}"),
                                   "wall_s": time.perf_counter() - t0}
    runs = result["runs"]
    ms = f"{args.callgrind_ms:g}"
    # Subtracting each thread's instructions in the 0-ms run leaves the simulation itself: network construction
    # also runs on the worker threads (fixed-degree rules), and with a given thread count it is the same work.
    one = sum(runs[f"t1_d{ms}"]["instructions_per_thread"].values()) - sum(runs["t1_d0"]["instructions_per_thread"].values())
    build = runs["t2_d0"]["instructions_per_thread"]
    two = {t: n - build.get(t, 0) for t, n in runs[f"t2_d{ms}"]["instructions_per_thread"].items()}
    busiest = max(two.values())
    result.update({"run_instructions_1_thread": one, "run_instructions_2_threads_per_thread": two,
                   "busiest_over_1_thread": busiest / one, "total_2_threads_over_1_thread": sum(two.values()) / one})
    return result


# --------------------------------------------------------------------------------------
# Summary and report
# --------------------------------------------------------------------------------------

def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarize(records: list[dict]) -> list[dict]:
    groups: dict[tuple, list[dict]] = {}
    for r in records:
        groups.setdefault((r["workload"], r["simulator"], r["threads"]), []).append(r)
    rows = []
    for (workload, sim, threads), rs in groups.items():
        ok = [r for r in rs if r["returncode"] == 0]
        row = {"workload": workload, "simulator": sim, "threads": threads, "reps": len(ok),
               "failed": len(rs) - len(ok)}
        if ok:
            for key in ("build_s", "run_s", "prepare_s", "compile_s", "codegen_s", "describe_s", "binary_s",
                        "process_wall_s", "max_rss_kb", "other_cores", "expected_synaptic_events",
                        "exact_synaptic_events"):
                row[key] = median([r.get(key) for r in ok])
            if sim == "brian2-standalone":
                row["compile_s_first_rep"] = ok[0].get("compile_s")
            row["max_other_cores"] = max(r["other_cores"] for r in ok)
            row["run_s_all"] = [r.get("run_s") for r in ok]
            pops = {}
            for name in ok[0]["populations"]:
                pops[name] = {"rate_hz": median([r["populations"][name]["rate_hz"] for r in ok]),
                              "cv": median([r["populations"][name]["cv"] for r in ok])}
            row["populations"] = pops
            if row["run_s"] and row["expected_synaptic_events"]:
                row["events_per_s"] = row["expected_synaptic_events"] / row["run_s"]
        else:
            row["error"] = rs[-1].get("error")
        rows.append(row)
    for row in rows:
        static = next((r for r in rows if r["workload"] == STATIC_OF.get(row["workload"])
                       and r["simulator"] == row["simulator"] and r["threads"] == row["threads"]), None)
        if static and static.get("run_s") and row.get("run_s"):
            row["plastic_over_static_run"] = row["run_s"] / static["run_s"]
            if static.get("events_per_s") and row.get("events_per_s"):
                row["static_over_plastic_events_per_s"] = static["events_per_s"] / row["events_per_s"]
    for row in rows:
        ref_threads = row["threads"]
        ref = next((r for r in rows if r["workload"] == row["workload"] and r["simulator"] == "snn"
                    and r["threads"] == ref_threads and r.get("run_s")), None)
        if ref and row.get("run_s") and row["simulator"] != "snn":
            row["snn_over_peer_run"] = ref["run_s"] / row["run_s"]
    order = {s: i for i, s in enumerate(SIMULATORS)}
    rows.sort(key=lambda r: (ALL_WORKLOADS.index(r["workload"]) if r["workload"] in ALL_WORKLOADS else 99,
                             r["threads"], order.get(r["simulator"], 99)))
    return rows


def fmt(x, spec=".2f", none="–"):
    return none if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


def whole_networks_markdown(summary: list[dict]) -> list[str]:
    lines = ["## Whole networks", "",
             "build = network construction, run = simulation (see the notes below); ratio = SwiftSNN run time / "
             "peer run time at the same thread count (Brian2 runtime: vs SwiftSNN 1 thread), < 1 means SwiftSNN "
             "is faster; events/s = expected synaptic events / run time.", ""]
    lines += ["| workload | simulator | threads | build [s] | run [s] | SwiftSNN/peer (run) | synaptic events/s "
              "| peak RSS [MB] | rate [Hz] | ISI CV |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in summary:
        if not r["reps"]:
            lines.append(f"| {r['workload']} | {SIM_LABEL[r['simulator']]} | {r['threads']} | failed | | | | | | |")
            continue
        pops = r["populations"]
        rates = " / ".join(f"{p}: {fmt(pops[p]['rate_hz'])}" for p in pops)
        cvs = " / ".join(fmt(pops[p]["cv"], ".3f") for p in pops)
        mark = "*" if r["max_other_cores"] > 0.25 else ""
        build = fmt(r.get("build_s"))
        if r["simulator"] == "brian2-standalone":
            build += f" (+ compile {fmt(r.get('compile_s_first_rep'), '.1f')})"
        lines.append(
            f"| {r['workload']} | {SIM_LABEL[r['simulator']]} | {r['threads']} | {build} | {fmt(r.get('run_s'), '.3f')}{mark} "
            f"| {fmt(r.get('snn_over_peer_run'))} | {fmt(r.get('events_per_s'), '.3g')} "
            f"| {fmt(r['max_rss_kb'] / 1024 if r.get('max_rss_kb') else None, '.0f')} | {rates} | {cvs} |")
    lines.append("")
    return lines


def mean_sd_cell(stats: dict, spec: str) -> str:
    return fmt(stats["mean"], spec) + (f" ± {fmt(stats['sd'], spec)}" if stats["sd"] is not None else "")


def diff_cell(diff: float | None, se: float | None) -> str:
    if diff is None:
        return "–"
    return f"{100 * diff:+.1f}" + (f" ± {100 * se:.1f}" if se is not None else "") + " %"


def largest_rate_spread(rows: list[dict]) -> str:
    """The largest seed-to-seed sd of a rate relative to its mean, as 'x % of its mean (where)'."""
    spreads = [(r[sim]["rate_hz"]["sd"] / r[sim]["rate_hz"]["mean"], f"{r['workload']} {r['population']}, "
                f"{SIM_LABEL[sim]}") for r in rows for sim in DYNAMICS_SIMS
               if r[sim]["rate_hz"]["sd"] is not None and r[sim]["rate_hz"]["mean"]]
    if not spreads:
        return "–"
    spread, where = max(spreads)
    return f"{100 * spread:.1f} % of its mean ({where})"


def dynamics_markdown(dyn: dict) -> list[str]:
    k = len(dyn["seeds"])
    tol = dyn["tolerance"]
    lines = [f"## Dynamics vs NEST ({k} seeds)", "",
             "Criterion: mean rates within {:.0f} % and ISI CVs within {:.0f} % of NEST's on every workload, same "
             "parameters. A seed fixes one random realisation of a network (connectivity, initial potentials, "
             "Poisson input), and in these recurrent networks realisations differ: here a rate's standard "
             "deviation over seeds reaches {}. SwiftSNN and NEST also draw different random numbers, so the same "
             "seed gives a different network in each, and one run per simulator compares two networks rather than "
             "two simulators. The criterion is about the model, not one random network, so it is applied to means "
             "over several seeds.".format(100 * tol["rate_hz"], 100 * tol["cv"], largest_rate_spread(dyn["rows"])),
             "",
             f"Seeds {dyn['seeds'][0]}–{dyn['seeds'][-1]} in SwiftSNN (`snn run --seed S`) and NEST "
             "(`nest_worker.py --seed S`), 1 thread, the workloads above, rate and ISI CV over [t_start, duration] "
             "as above. Cells: mean ± standard deviation over seeds; Δ = SwiftSNN mean / NEST mean − 1 ± its "
             "standard error (the two means' standard errors sd/√n propagated). A Δ within about two standard "
             "errors of 0 is what realisation noise alone gives; when the standard error is close to the "
             "tolerance, more seeds (`--seeds`) are needed to decide.", "",
             "| workload | population | rate NEST [Hz] | rate SwiftSNN [Hz] | Δ rate | ISI CV NEST | ISI CV SwiftSNN "
             "| Δ CV | verdict |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in dyn["rows"]:
        cells = [r["workload"], r["population"],
                 mean_sd_cell(r["nest"]["rate_hz"], ".2f"), mean_sd_cell(r["snn"]["rate_hz"], ".2f"),
                 diff_cell(r["rate_hz_diff"], r["rate_hz_diff_se"]),
                 mean_sd_cell(r["nest"]["cv"], ".3f"), mean_sd_cell(r["snn"]["cv"], ".3f"),
                 diff_cell(r["cv_diff"], r["cv_diff_se"]), f"**{r['verdict']}**"]
        lines.append("| " + " | ".join(cells) + " |")
    failed = [r for r in dyn["runs"] if r["returncode"] != 0]
    if failed:
        lines += ["", "Failed runs, left out of the means: " + ", ".join(
            f"{r['workload']} {SIM_LABEL[r['simulator']]} seed {r['seed']}" for r in failed) + "."]
    lines.append("")
    return lines


def markdown(report: dict) -> str:
    s = report["settings"]
    m = report["machine"]
    v = report["versions"]
    timing = bool(report["summary"])
    title = " (dynamics only)" if s.get("dynamics_only") else " (quick)" if s["quick"] else ""
    lines = [f"# SwiftSNN benchmark, {report['date']}{title}", ""]
    lines += [f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; Linux {m['kernel']}",
              f"- Versions: {v.get('swift')}; NEST {v.get('nest')}; Brian2 {v.get('brian2')} "
              f"(standalone with {v.get('gxx')}); NumPy {v.get('numpy')}",
              f"- SwiftSNN commit {report['git']['commit']}"
              + (f" with uncommitted changes in {', '.join(report['git']['sources_modified'])}"
                 if report["git"]["sources_modified"] else ""),
              f"- Command: `{report['command']}`",
              f"- Workloads: {', '.join(f'{w} ({n} neurons, {d:g} ms)' for w, n, d in report['workload_sizes'])}; "
              + (f"{s['reps']} rep(s), medians; " if timing else "")
              + f"dt 0.1 ms; rates and CVs over [{s['t_start']:g} ms, duration]",
              f"- Load (/proc/loadavg) at start {report['loadavg_start']}, at end {report['loadavg_end']}"
              + (f"; other processes' CPU use during the runs: median {fmt(report['other_cores_median'])} cores, "
                 f"max {fmt(report['other_cores_max'])} cores (runs marked * had > 0.25); "
                 f"{len(report['discarded_runs'])} run(s) rerun because others used > 0.25 cores" if timing else ""),
              ""]
    if timing:
        lines += whole_networks_markdown(report["summary"])
    if report.get("dynamics"):
        lines += dynamics_markdown(report["dynamics"])
    plastic = [r for r in report["summary"] if r["workload"] in STATIC_OF]
    if plastic:
        lines += ["## Plasticity: slowdown plastic / static", "",
                  "slowdown = median run time of the plastic network / that of the static network, same simulator "
                  "and thread count, same invocation; per event = static events/s / plastic events/s (the plastic "
                  "network fires a little less, so it has fewer events); ratio = SwiftSNN plastic run time / peer "
                  "plastic run time, < 1 means SwiftSNN is faster.", "",
                  "| network | simulator | threads | static run [s] | plastic run [s] | slowdown | slowdown per event "
                  "| plastic synaptic events/s | SwiftSNN/peer (plastic run) |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in plastic:
            static = next((x for x in report["summary"] if x["workload"] == STATIC_OF[r["workload"]]
                           and x["simulator"] == r["simulator"] and x["threads"] == r["threads"]), {})
            lines.append(f"| {r['workload']} | {SIM_LABEL[r['simulator']]} | {r['threads']} "
                         f"| {fmt(static.get('run_s'), '.3f')} | {fmt(r.get('run_s'), '.3f')} "
                         f"| **{fmt(r.get('plastic_over_static_run'))}** "
                         f"| {fmt(r.get('static_over_plastic_events_per_s'))} | {fmt(r.get('events_per_s'), '.3g')} "
                         f"| {fmt(r.get('snn_over_peer_run'))} |")
        lines.append("")
    if report.get("micro"):
        lines += ["## Micro-benchmarks (`snn bench`)", ""]
        lines += ["| engine threads | model update alone, always 1 thread [ns/neuron-step] delta / exp / cond "
                  "| engine update [ns/neuron-step] delta / exp / cond | static delivery [ns/event] |",
                  "|---|---|---|---|"]
        for mb in report["micro"]:
            if "error" in mb:
                lines.append(f"| {mb['threads']} | failed | | |")
                continue
            mu = " / ".join(fmt(x["ns_per_update"], ".2f") for x in mb["model_update"])
            eu = " / ".join(fmt(x["ns_per_update"], ".2f") for x in mb["engine_update"])
            d = mb.get("delivery") or {}
            lines.append(f"| {mb['threads']} | {mu} | {eu} | {fmt(d.get('ns_per_event'), '.2f')} |")
        mb0 = report["micro"][0]
        if "delivery" in mb0:
            d = mb0["delivery"]
            lines += ["", f"{mb0['neurons']} neurons; delivery: {d['sources']} sources x {d['synapses_per_source']} "
                      f"synapses, {100 * d['spike_fraction']:.2f} % firing per step, delay {d['delay_ms']} ms; "
                      f"{mb0['steps']} steps per rep, median of {mb0['reps']}. The model-update column is one thread in every "
                      "row, so its row-to-row difference shows the run-to-run noise. See `snn bench --help` for what "
                      "is timed."]
        lines.append("")
    cg = report.get("callgrind")
    if cg:
        lines += ["## Instruction split, 2 threads vs 1 (callgrind)", ""]
        if "error" in cg:
            lines.append(f"callgrind failed: {cg['error'][-500:]}")
        else:
            c = cg["config"]
            per = ", ".join(f"thread {k}: {v / 1e6:.1f} M" for k, v in sorted(cg["run_instructions_2_threads_per_thread"].items()))
            lines += [f"Brunel x {c['scale']} ({c['neurons']} neurons), {c['duration_ms']:g} ms, KMP_BLOCKTIME=0; "
                      "simulation phase only (each thread's instructions in a 0 ms run subtracted).", "",
                      f"- 1 thread: {cg['run_instructions_1_thread'] / 1e6:.1f} M instructions",
                      f"- 2 threads: {per}",
                      f"- busiest thread / 1 thread = **{cg['busiest_over_1_thread']:.3f}**; "
                      f"all threads / 1 thread = {cg['total_2_threads_over_1_thread']:.3f}", ""]
    if not timing:
        return "\n".join(lines)
    lines += ["## What is measured", "",
              "- SwiftSNN: `snn run --threads N`; build = config to network and engine, run = the engine's run "
              "(summary.json timing).",
              "- NEST: build = ResetKernel, Create, Connect, recorders and `nest.Prepare()` (connection "
              "infrastructure); run = `nest.Run`.",
              "- Brian2 runtime (Cython): build = groups and `connect()`; run = Brian2's timing of the main loop; "
              "code generation/compilation at the start of `run()` is left out (`prepare_s` in the JSON).",
              "- Brian2 standalone: run = the binary's own timing of the main loop; build = the rest of the "
              "binary's wall time (synapse creation, array I/O); compile = `make` of the first rep (later reps "
              "reuse the project); Python-side description and code generation are in the JSON. 1 thread = "
              "`openmp_threads = 0` (serial code), 2 threads = `openmp_threads = 2`.",
              "- The Brian2 models are translated from the same JSON and match NEST spike for spike on small test "
              "networks (tools/bench/check_brian2.py); iaf_cond_exp uses RK4 (NEST: RKF45, SwiftSNN: RK4 with "
              "exact conductances).",
              "- Peak RSS: maximum resident set size from `/usr/bin/time -v` (Python processes include the "
              "interpreter and the simulator module; Brian2 standalone: the compiled binary).", ""]
    if plastic:
        lines[-1:-1] = [
            "- brunel_plastic = brunel with pair STDP on E→E (configs/brunel_plastic.json): NEST `stdp_synapse`'s "
            "defaults (lambda 0.01, alpha 1, mu_plus = mu_minus = 1, i.e. multiplicative, tau_plus = tau_minus = "
            "20 ms, all-to-all pairing) with w_max = 0.2 mV = 2 J, so that the initial weight J is the fixed point "
            "ŵ = tau_plus / (tau_plus + alpha tau_minus) = 0.5 of multiplicative STDP for uncorrelated spike trains "
            "and the rate stays near the static network's.",
            "- The plastic network in NEST: `stdp_synapse` (Wmax = w_max, tau_minus on the neurons). NEST's delay "
            "is dendritic: it pairs with Δt = t_post + d − t_pre where SwiftSNN and Brian2 use t_post − (t_pre + d), "
            "a 2d = 3 ms shift of the STDP window; transmission is the same.",
            "- The plastic network in Brian2: the rule written with event-driven traces per synapse (Brian2's STDP "
            "example), delay on the pre pathway; tools/bench/check_stdp.py shows it gives SwiftSNN's spikes and "
            "final weights (to 1e-5 w_max) on small networks.",
        ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def build_snn(args) -> Path:
    scratch = Path(args.scratch_path)
    if not scratch.is_absolute():
        scratch = REPO / scratch
    if not args.no_build:
        print(f"building snn (release, scratch path {scratch}) ...", flush=True)
        proc = subprocess.run(["swift", "build", "-c", "release", "--product", "snn", "--scratch-path", str(scratch)],
                              cwd=REPO, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"swift build failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
    snn = scratch / "release" / "snn"
    if not snn.is_file():
        sys.exit(f"no snn binary at {snn}")
    return snn


def timing_runs(workloads: dict[str, tuple[Path, dict]], args, work: Path, snn: Path,
                python: str) -> tuple[list[dict], list[dict]]:
    """Every (workload, thread count, simulator) once per rep, interleaved; returns the kept and the discarded runs."""
    records, discarded = [], []
    shutil.rmtree(work / "brian2_projects", ignore_errors=True)  # the first standalone rep compiles cold
    jobs = [(sim, w, t) for w in args.workloads for t in args.threads for sim in args.simulators
            if not (sim == "brian2-runtime" and t != 1)]
    for rep in range(1, args.reps + 1):
        for sim, w, t in jobs:
            path, cfg = workloads[w]
            print(f"rep {rep}/{args.reps}: {w} {SIM_LABEL[sim]} {t} thread(s) ...", end=" ", flush=True)
            for attempt in range(args.retries + 1):
                rec = run_one(sim, w, t, rep, path, cfg, work, args, snn, python)
                if rec["returncode"] != 0 or rec["other_cores"] <= args.retry_busy or attempt == args.retries:
                    break
                discarded.append(rec)
                print(f"other processes used {rec['other_cores']:.2f} cores; again ...", end=" ", flush=True)
                wait_until_quiet(args.max_busy if args.max_busy is not None else args.retry_busy, args.max_wait)
            rec["discarded_attempts"] = attempt
            records.append(rec)
            if rec["returncode"] == 0:
                print(f"build {fmt(rec.get('build_s'))} s, run {fmt(rec.get('run_s'), '.3f')} s, "
                      f"RSS {fmt(rec.get('max_rss_kb', 0) / 1024, '.0f')} MB, others {rec['other_cores']:.2f} cores",
                      flush=True)
            else:
                print(f"FAILED ({rec['returncode']}):\n{rec.get('error', '')}", flush=True)
    return records, discarded


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--workloads", nargs="+", default=WORKLOADS, choices=ALL_WORKLOADS)
    ap.add_argument("--simulators", nargs="+", default=SIMULATORS, choices=SIMULATORS)
    ap.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0, help="scale Brunel's population sizes (in-degrees kept)")
    ap.add_argument("--duration-ms", type=float, help="override every workload's duration")
    ap.add_argument("--quick", action="store_true",
                    help="development run: 100 ms per workload (unless --duration-ms), 1 rep, short micro-benchmarks")
    ap.add_argument("--t-start", type=float, default=100.0,
                    help="rates and CVs from this time on [ms] (at most half the duration)")
    ap.add_argument("--no-micro", action="store_true", help="skip `snn bench`")
    ap.add_argument("--callgrind", action="store_true", help="also measure the 2-thread instruction split")
    ap.add_argument("--callgrind-only", action="store_true", help="only the instruction split")
    ap.add_argument("--callgrind-scale", type=float, default=1.0, help="Brunel's size under callgrind (1 = N 12 500)")
    ap.add_argument("--callgrind-ms", type=float, default=100.0)
    ap.add_argument("--max-busy", type=float, default=0.5,
                    help="before each run, wait until other processes use at most this many cores "
                         "(over 1 s; not with --quick); a negative value never waits")
    ap.add_argument("--max-wait", type=float, default=300.0, help="longest wait for --max-busy [s]")
    ap.add_argument("--retry-busy", type=float, default=0.25,
                    help="rerun a run during which other processes used more than this many cores")
    ap.add_argument("--retries", type=int, default=2, help="at most this many reruns per run (0 with --quick)")
    ap.add_argument("--timeout", type=float, default=3600.0, help="per run [s]")
    ap.add_argument("--scratch-path", default=".build", help="SwiftPM scratch path of the snn build")
    ap.add_argument("--no-build", action="store_true", help="use the existing snn binary")
    ap.add_argument("--work", default=str(REPO / "out" / "bench"), help="work directory")
    ap.add_argument("--results", default=str(HERE / "results"), help="where <date>.json/.md go")
    ap.add_argument("--label", help="name the results <date>-LABEL.json/.md (a day's results stay)")
    ap.add_argument("--keep-spikes", action="store_true", help="keep every run's spike files")
    ap.add_argument("--seeds", type=int, default=5, metavar="K",
                    help="after the rest, run SwiftSNN and NEST (1 thread) with seeds 1..K and compare the mean "
                         "rates and ISI CVs (0: skip; else at least 2)")
    ap.add_argument("--dynamics-only", action="store_true",
                    help="only that seed comparison: no timing runs, micro-benchmarks or callgrind")
    ap.add_argument("--render", metavar="JSON", help="only rewrite the Markdown report of an earlier results file")
    args = ap.parse_args(argv)
    if args.render:
        path = Path(args.render)
        path.with_suffix(".md").write_text(markdown(json.loads(path.read_text())) + "\n")
        return 0
    if args.max_busy < 0 or args.quick:
        args.max_busy = None
    if args.quick:
        args.reps = 1
        args.retries = 0
        if args.duration_ms is None:
            args.duration_ms = 100.0
    if args.reps < 1:
        ap.error("--reps must be >= 1")
    if args.seeds < 0 or args.seeds == 1:
        ap.error("--seeds must be 0 (skip) or >= 2 (a standard deviation over seeds needs two)")
    if args.dynamics_only and (args.seeds == 0 or args.callgrind or args.callgrind_only):
        ap.error("--dynamics-only needs --seeds >= 2 and excludes --callgrind and --callgrind-only")
    if "brian2-runtime" in args.simulators and 1 not in args.threads:
        print("note: Brian2 runtime runs only with 1 thread", file=sys.stderr)
    if not Path("/usr/bin/time").is_file():
        ap.error("/usr/bin/time is missing (apt-get install time)")

    python = sys.executable
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    snn = build_snn(args)
    date = dt.date.today().isoformat()
    report = {"date": date, "command": " ".join([Path(sys.argv[0]).name] + (argv if argv is not None else sys.argv[1:])),
              "settings": {k: v for k, v in vars(args).items()}, "machine": machine_info(),
              "versions": versions(python), "git": git_state(), "loadavg_start": loadavg(),
              "env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "KMP_BLOCKTIME",
                                                  "GOMP_SPINCOUNT") if k in os.environ}}

    records, discarded = [], []
    workloads = {} if args.callgrind_only else prepare_workloads(args, work)
    report["workload_sizes"] = [(w, sum(p["size"] for p in cfg["populations"] if p["model"] in cn.NEURON_PARAMS),
                                 float(cfg["simulation"]["duration_ms"])) for w, (_, cfg) in workloads.items()]
    if workloads and not args.dynamics_only:
        records, discarded = timing_runs(workloads, args, work, snn, python)
        if not args.no_micro:
            print("micro-benchmarks:", flush=True)
            report["micro"] = micro_benchmarks(snn, work, args)
    if args.callgrind or args.callgrind_only:
        print("callgrind instruction split:", flush=True)
        report["callgrind"] = callgrind_split(snn, work, args)
    if workloads and args.seeds:
        report["dynamics"] = dynamics_check(workloads, args, work, snn, python)

    report["loadavg_end"] = loadavg()
    report["runs"] = records
    report["discarded_runs"] = discarded
    report["summary"] = summarize(records)
    others = [r["other_cores"] for r in records if "other_cores" in r]
    report["other_cores_median"] = median(others)
    report["other_cores_max"] = max(others) if others else None

    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    stem = (date + (f"-{args.label}" if args.label else "") + ("-quick" if args.quick else "")
            + ("-dynamics" if args.dynamics_only else ""))
    (results / f"{stem}.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    md = markdown(report)
    (results / f"{stem}.md").write_text(md + "\n")
    print("\n" + md)
    print(f"\nwrote {results / stem}.json and .md")
    dynamics_runs = report.get("dynamics", {}).get("runs", [])
    return 1 if any(r["returncode"] != 0 for r in records + dynamics_runs) else 0


if __name__ == "__main__":
    sys.exit(main())
