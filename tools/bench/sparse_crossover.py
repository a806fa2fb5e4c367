#!/usr/bin/env python3
"""Clock-driven vs event-driven engine over firing rate: where does each win?

Usage (from the repository root, with the tools venv):

    python="$(tools/venv.sh)"
    "$python" tools/bench/sparse_crossover.py                       # 0.5-50 Hz, 5 reps: about 10 minutes
    "$python" tools/bench/sparse_crossover.py --quick               # 3 rates, 1 rep, short durations
    "$python" tools/bench/sparse_crossover.py --rates 1 5 --reps 5 --scratch-path .build-event --no-build

The network (generated per rate into a temporary directory): N = 100 000 `iaf_psc_delta` neurons (tau_m 20 ms,
E_L = V_reset = -70 mV, V_th = -55 mV, t_ref 2 ms, no bias current), each with K = 100 outgoing synapses
(fixed_outdegree, no autapses, weights normal(0, 0.2) mV, delay 1.5 ms), so recurrent input is noise with zero
mean that never makes a neuron fire on its own. Every neuron is driven by its own Poisson train (a spike_generator
fed from an .npy of exact times drawn here with NumPy) through a 25 mV synapse that makes it fire, so the output
rate follows the input rate (a little below it at high rates: kicks within t_ref are lost). Each output spike
costs K = 100 synaptic events, so the event count grows with the rate while the clock engine's cost per step is
dominated by updating every neuron. dt = 0.1 ms, one thread for both engines.

Each (rate, engine) runs --reps times, interleaved, in its own process (`snn run cfg --engine clock|event`);
run time, events and rates come from summary.json. Runs during which other processes used more than 0.25 cores
are repeated (up to --retries times) and left out of the medians if still disturbed. Simulated durations shrink
with the rate (--durations) so that the slow event-engine points stay short; run times are reported per
simulated second. The crossover is where the
event/clock ratio of run time per simulated second passes 1, interpolated log-linearly in rate between the two
measured rates that bracket it.

Also measured: events/s and run time of both engines on configs/cuba_event.json (Brette et al. 2007 benchmark
4, 1 s simulated), --reps times.

Outputs: tools/bench/results/<date>-sparse.json (every run), <date>-sparse.md (tables), <date>-sparse.png
(run time per simulated second vs rate, both engines, log-log).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402  (machine load, timing and build helpers shared with the peer benchmark)

REPO = bench.REPO
ENGINES = ["clock", "event"]
NEURONS, OUT_DEGREE = 100_000, 100
DT_MS = 0.1


def network(rate_hz: float, duration_ms: float, drive_file: Path, seed: int) -> dict:
    lif = {"C_m": 250, "tau_m": 20, "E_L": -70, "V_th": -55, "V_reset": -70, "t_ref": 2, "I_e": 0}
    return {
        "simulation": {"duration_ms": duration_ms, "dt_ms": DT_MS, "seed": seed, "engine": "clock", "threads": 1},
        "populations": [
            {"name": "net", "size": NEURONS, "model": "iaf_psc_delta", "params": lif,
             "initial": {"V_m": {"uniform": [-70, -56]}}},
            {"name": "drive", "size": NEURONS, "model": "spike_generator", "params": {"file": str(drive_file)}},
        ],
        "projections": [
            {"source": "net", "target": "net",
             "connectivity": {"rule": "fixed_outdegree", "K": OUT_DEGREE, "allow_autapses": False},
             "synapse": {"weight": {"normal": [0.0, 0.2]}, "delay_ms": 1.5}},
            {"source": "drive", "target": "net", "connectivity": {"rule": "one_to_one"},
             "synapse": {"weight": 25.0, "delay_ms": 0.5}},
        ],
        "recorders": [],
    }


def poisson_drive(rate_hz: float, duration_ms: float, path: Path, seed: int) -> int:
    """An independent Poisson train per neuron in [dt, duration), as the t/id records a spike recorder writes."""
    rng = np.random.default_rng(seed)
    counts = rng.poisson(rate_hz * (duration_ms - DT_MS) / 1000, NEURONS)
    ids = np.repeat(np.arange(NEURONS, dtype=np.int32), counts)
    times = rng.uniform(DT_MS, duration_ms, ids.size)
    records = np.zeros(ids.size, dtype=[("t", "<f8"), ("id", "<i4")])
    order = np.lexsort((ids, times))
    records["t"], records["id"] = times[order], ids[order]
    np.save(path, records)
    return int(ids.size)


def duration_for(rate_hz: float, table: list[tuple[float, float]]) -> float:
    """The simulated duration (ms) for a rate: the first (max rate, duration) entry whose rate bound holds."""
    return next(ms for max_rate, ms in table if rate_hz <= max_rate)


def run_snn(snn: Path, cfg_path: Path, engine: str, run_dir: Path, args) -> dict:
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    out = run_dir / "out"
    cmd = [str(snn), "run", str(cfg_path), "--engine", engine, "--threads", "1", "--out", str(out)]
    attempts = []
    for _ in range(args.retries + 1):
        rec = {"engine": engine, "busy_cores_before": bench.wait_until_quiet(args.max_busy, args.max_wait)}
        rec.update(bench.timed_process(cmd, run_dir, args.timeout))
        if rec["returncode"] != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{bench.tail(run_dir / 'log.txt')}")
        summary = json.loads((out / "summary.json").read_text())
        rec.update(build_s=summary["timing"]["build_s"], run_s=summary["timing"]["run_s"],
                   simulated_ms=summary["duration_ms"], synaptic_events=summary["synaptic_events"],
                   events_per_s=summary["events_per_s"],
                   rates_hz={name: p["rate_hz"] for name, p in summary["populations"].items()})
        attempts.append(rec)
        if rec["other_cores"] <= 0.25:
            break
    final = dict(attempts[-1])
    final["disturbed"] = final["other_cores"] > 0.25
    final["discarded_attempts"] = attempts[:-1]
    return final


def crossover(points: list[dict]) -> float | None:
    """The rate where event/clock run time first passes 1, log-linear between the bracketing rates."""
    for a, b in zip(points, points[1:]):
        ra, rb = a["event_over_clock"], b["event_over_clock"]
        if ra <= 1 < rb:
            la, lb = math.log(a["rate_hz"]), math.log(b["rate_hz"])
            fa, fb = math.log(ra), math.log(rb)
            return math.exp(la + (0 - fa) * (lb - la) / (fb - fa))
    return None


def summarize(records: list[dict]) -> list[dict]:
    points = []
    for rate in sorted({r["target_rate_hz"] for r in records}):
        point = {"target_rate_hz": rate}
        for engine in ENGINES:
            runs = [r for r in records if r["target_rate_hz"] == rate and r["engine"] == engine]
            # Medians over the runs that other processes left alone, when there are any.
            quiet = [r for r in runs if not r["disturbed"]]
            used = quiet or runs
            point[engine] = {
                "run_s_per_simulated_s": bench.median([r["run_s"] / (r["simulated_ms"] / 1000) for r in used]),
                "run_s": bench.median([r["run_s"] for r in used]),
                "build_s": bench.median([r["build_s"] for r in used]),
                "events_per_s": bench.median([r["events_per_s"] for r in used]),
                "synaptic_events": bench.median([r["synaptic_events"] for r in used]),
                "rate_hz": bench.median([r["rates_hz"]["net"] for r in used]),
                "simulated_ms": used[0]["simulated_ms"],
                "reps": len(used),
                "disturbed": not quiet,
            }
        point["rate_hz"] = point["event"]["rate_hz"]
        point["event_over_clock"] = point["event"]["run_s_per_simulated_s"] / point["clock"]["run_s_per_simulated_s"]
        points.append(point)
    return points


def cuba_summary(records: list[dict]) -> dict:
    return {engine: {key: bench.median([r[key] for r in records if r["engine"] == engine])
                     for key in ("run_s", "events_per_s", "synaptic_events")} for engine in ENGINES}


def markdown(report: dict) -> str:
    points, cuba, x = report["points"], report["cuba_event"], report["crossover_hz"]
    lines = [f"# Clock vs event engine over firing rate ({report['date']})", "",
             f"{NEURONS:,} `iaf_psc_delta` neurons, {OUT_DEGREE} outgoing synapses each, every neuron kicked "
             "to threshold by its own Poisson train (see tools/bench/sparse_crossover.py); dt 0.1 ms, 1 thread, "
             f"medians of {report['settings']['reps']} runs, leaving out runs during which other processes used more "
             "than 0.25 cores (\\*: every run of that engine and rate was). Run time is per simulated second: the simulated "
             "duration is shorter at high rates (column *simulated*). Network construction is not included.", ""]
    lines.append("| input rate (Hz) | output rate (Hz) | simulated (ms) | synaptic events / sim. s | "
                 "clock run (s / sim. s) | event run (s / sim. s) | event / clock | clock events/s | "
                 "event events/s |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for p in points:
        c, e = p["clock"], p["event"]
        flag = {engine: "*" if p[engine]["disturbed"] else "" for engine in ENGINES}
        lines.append(f"| {p['target_rate_hz']:g} | {p['rate_hz']:.2f} | {e['simulated_ms']:g} | "
                     f"{e['synaptic_events'] / (e['simulated_ms'] / 1000):.3g} | {c['run_s_per_simulated_s']:.3f}{flag['clock']} | "
                     f"{e['run_s_per_simulated_s']:.3f}{flag['event']} | {p['event_over_clock']:.2f} | "
                     f"{c['events_per_s']:.3g} | {e['events_per_s']:.3g} |")
    lines += ["", (f"**Crossover: {x:.3g} Hz.** Below it the event engine is faster, above it the clock engine "
                   "(log-linear interpolation of event/clock between the bracketing rates)." if x is not None else
                   "**No crossover within the measured rates**: one engine is faster throughout (see the ratio "
                   "column)."), ""]
    lines += ["## cuba_event (configs/cuba_event.json, 4000 neurons, 1 s simulated)", "",
              "| engine | run (s) | synaptic events | events/s |", "|---|---|---|---|"]
    for engine in ENGINES:
        c = cuba[engine]
        lines.append(f"| {engine} | {c['run_s']:.3f} | {c['synaptic_events']:.4g} | {c['events_per_s']:.3g} |")
    ratio = cuba["event"]["run_s"] / cuba["clock"]["run_s"]
    lines += ["", f"Event / clock run time on cuba_event: {ratio:.1f}.", "",
              f"Machine: {report['machine']['cpu']}, {report['machine']['cores']} cores; snn commit "
              f"{(report['git']['commit'] or '?')[:10]}. Every run is in the JSON, with machine load "
              "(`other_cores`: CPU used by other processes during the run; runs above 0.25 were repeated up to "
              f"{report['settings']['retries']} time(s)).", ""]
    return "\n".join(lines)


def plot(report: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = report["points"]
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for engine, marker in (("clock", "s"), ("event", "o")):
        ax.plot([p["rate_hz"] for p in points], [p[engine]["run_s_per_simulated_s"] for p in points],
                marker=marker, label=f"{engine} engine")
    ax.set_xscale("log")
    ax.set_yscale("log")
    if report["crossover_hz"] is not None:
        ax.axvline(report["crossover_hz"], color="grey", linestyle="--", linewidth=1)
        ax.text(report["crossover_hz"] * 1.08, 0.04, f"crossover {report['crossover_hz']:.3g} Hz", color="grey",
                transform=ax.get_xaxis_transform())
    ax.set_xlabel("mean firing rate (Hz)")
    ax.set_ylabel("run time per simulated second (s)")
    ax.set_title(f"{NEURONS:,} iaf_psc_delta, {OUT_DEGREE} synapses each, 1 thread")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--rates", nargs="+", type=float, default=[0.5, 1, 2, 3, 5, 7, 10, 20, 50], help="input rates (Hz)")
    ap.add_argument("--durations", nargs="+", default=["2:1000", "10:500", "inf:125"],
                    help="simulated ms per rate, as max_rate:ms pairs tried in order")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="rates 1, 5, 20; 1 rep; durations divided by 4")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scratch-path", default=".build", help="SwiftPM scratch path of the snn build")
    ap.add_argument("--no-build", action="store_true", help="use the existing snn binary")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--retries", type=int, default=1, help="reruns of a run disturbed by other processes")
    ap.add_argument("--max-busy", type=float, default=0.5,
                    help="before each run, wait while other processes use more cores than this")
    ap.add_argument("--max-wait", type=float, default=30, help="longest wait for a quiet machine (s)")
    ap.add_argument("--out", default=str(HERE / "results"), help="directory for the results")
    args = ap.parse_args(argv)
    table = [(float(a), float(b)) for a, b in (d.split(":") for d in args.durations)]
    if args.quick:
        args.rates, args.reps = [1, 5, 20], 1
        table = [(r, ms / 4) for r, ms in table]

    snn = bench.build_snn(args)
    work = Path(tempfile.mkdtemp(prefix="sparse_crossover."))
    date = dt.date.today().isoformat()
    report = {"date": date, "machine": bench.machine_info(), "git": bench.git_state(), "snn": str(snn),
              "settings": {"rates_hz": args.rates, "durations": table, "reps": args.reps, "retries": args.retries,
                           "seed": args.seed,
                           "neurons": NEURONS, "out_degree": OUT_DEGREE, "dt_ms": DT_MS}}
    try:
        records = []
        configs = {}
        for rate in args.rates:
            ms = duration_for(rate, table)
            drive = work / f"drive_{rate:g}Hz.npy"
            spikes = poisson_drive(rate, ms, drive, args.seed)
            cfg_path = work / f"sparse_{rate:g}Hz.json"
            cfg_path.write_text(json.dumps(network(rate, ms, drive, args.seed), indent=1))
            configs[rate] = cfg_path
            print(f"{rate:g} Hz: {ms:g} ms simulated, {spikes} input spikes", flush=True)
        for rep in range(args.reps):
            for rate in args.rates:
                for engine in ENGINES:
                    rec = run_snn(snn, configs[rate], engine, work / "runs" / f"{rate:g}-{engine}-{rep}", args)
                    rec.update(target_rate_hz=rate, rep=rep)
                    records.append(rec)
                    print(f"rep {rep} {rate:g} Hz {engine}: run {rec['run_s']:.3f} s for {rec['simulated_ms']:g} ms, "
                          f"rate {rec['rates_hz']['net']:.2f} Hz, other cores {rec['other_cores']:.2f}", flush=True)
        cuba = []
        for rep in range(args.reps):
            for engine in ENGINES:
                rec = run_snn(snn, REPO / "configs" / "cuba_event.json", engine, work / "runs" / f"cuba-{engine}-{rep}", args)
                rec["rep"] = rep
                cuba.append(rec)
                print(f"rep {rep} cuba_event {engine}: run {rec['run_s']:.3f} s, {rec['events_per_s']:.3g} events/s",
                      flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report["points"] = summarize(records)
    report["crossover_hz"] = crossover(report["points"])
    report["cuba_event"] = cuba_summary(cuba)
    report["runs"] = records
    report["cuba_event_runs"] = cuba
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / (f"{date}-sparse-quick" if args.quick else f"{date}-sparse")
    stem.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    plot(report, stem.with_suffix(".png"))
    print(markdown(report))
    print(f"wrote {stem}.json, .md, .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
