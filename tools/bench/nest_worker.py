#!/usr/bin/env python3
"""Build one SwiftSNN JSON config in NEST, simulate it, write spikes and timings (one process per run).

    python tools/bench/nest_worker.py CONFIG --threads N [--seed S] --out DIR

Called by bench.py; writes DIR/result.json and DIR/<recorder>.npy. The network is built by
tools/compare_nest.py's translator (the same one the NEST comparison uses), with local_num_threads = N and
NEST's rng_seed = simulation.seed of the config, or S (like `snn run --seed`).

Plastic projections (`"plasticity": {"rule": "stdp", ...}`, see stdp_config.py) become `stdp_synapse`, NEST's
pair STDP with all-to-all pairing and the same weight dependence: Wmax = w_max (NEST has no w_min: it must be
0), lambda, alpha, mu_plus, mu_minus, tau_plus on the synapse, tau_minus on the postsynaptic neurons. The one
difference is the delay: SwiftSNN makes the whole delay d axonal (a rule sees Δt = t_post − (t_pre + d)),
NEST's stdp_synapse makes it dendritic (post spikes reach the synapse at t_post + d, so Δt = t_post + d − t_pre).
Both transmit the spike after d; NEST's STDP window is shifted by 2d against SwiftSNN's (3 ms in brunel_plastic).
The NEST 3.10 build used here has no STDP synapse with axonal delay.

Timing (wall clock): build_s = ResetKernel, Create, Connect and recorders (compare_nest.build_nest), plus
nest.Prepare(), which builds NEST's connection infrastructure (prepare_s, also reported alone); run_s =
nest.Run(duration). NEST's own kernel timers (time_construction_*, time_simulate, ...) are copied as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import compare_nest as cn  # noqa: E402
import stdp_config  # noqa: E402


class PlasticConnect:
    """The nest module for compare_nest.build_nest, except that Connect makes the config's plastic projections
    stdp_synapse. build_nest connects the projections in config order with static_synapse, then the recorders;
    `connected` counts the projections so that the caller can check that this held."""

    def __init__(self, nest, cfg: dict):
        self._nest = nest
        self._projections = cfg.get("projections", [])
        self.connected = 0

    def __getattr__(self, name):
        return getattr(self._nest, name)

    def Connect(self, pre, post, conn_spec=None, syn_spec=None):  # noqa: N802  (NEST's name)
        if isinstance(syn_spec, dict) and syn_spec.get("synapse_model") == "static_synapse":
            proj = self._projections[self.connected]
            self.connected += 1
            if "plasticity" in proj:
                syn_spec = stdp_synapse(proj, post)
        return self._nest.Connect(pre, post, conn_spec, syn_spec)


def stdp_synapse(proj: dict, post) -> dict:
    """The syn_spec of a plastic projection; sets tau_minus on its targets."""
    block = proj["plasticity"]
    p = stdp_config.stdp_params(block)
    if block.get("pairing", "all_to_all") != "all_to_all":
        raise cn.ConfigError("NEST's stdp_synapse pairs all to all; nearest pairing is not translated")
    if p["w_min"] != 0 or p["w_max"] <= 0:
        raise cn.ConfigError("NEST's stdp_synapse has weights in [0, Wmax]: w_min must be 0 and w_max > 0")
    syn = proj.get("synapse", {})
    post.set(tau_minus=p["tau_minus"])
    return {"synapse_model": "stdp_synapse",
            # SwiftSNN clips initial weights to the bounds; NEST would not.
            "weight": min(max(float(syn.get("weight", 1.0)), p["w_min"]), p["w_max"]),
            "delay": float(syn.get("delay_ms", 1.0)), "Wmax": p["w_max"], "lambda": p["lambda"],
            "alpha": p["alpha"], "mu_plus": p["mu_plus"], "mu_minus": p["mu_minus"], "tau_plus": p["tau_plus"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, help="NEST's rng seed (overrides simulation.seed)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    t_start = time.perf_counter()
    cfg = stdp_config.load_config(Path(args.config))
    cfg["simulation"]["threads"] = args.threads
    if args.seed is not None:
        cfg["simulation"]["seed"] = args.seed
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    nest = cn.import_nest()

    t0 = time.perf_counter()
    connect = PlasticConnect(nest, cfg)
    net = cn.build_nest(connect, cfg)
    if connect.connected != len(cfg.get("projections", [])):
        raise RuntimeError(f"compare_nest.build_nest connected {connect.connected} projections with static_synapse, "
                           f"the config has {len(cfg.get('projections', []))}: PlasticConnect no longer matches it")
    create_connect = time.perf_counter() - t0
    t0 = time.perf_counter()
    nest.Prepare()
    prepare = time.perf_counter() - t0
    t0 = time.perf_counter()
    nest.Run(float(cfg["simulation"]["duration_ms"]))
    run = time.perf_counter() - t0
    nest.Cleanup()

    counts = {}
    for name, (rec, dev) in net.recorders.items():
        if rec["type"] != "spikes":
            continue
        ev = dev.get("events")
        first = net.nodes[rec["population"]][0].global_id
        arr = cn.spike_array(ev["times"], np.asarray(ev["senders"]) - first)
        np.save(out / f"{name}.npy", arr)
        counts[name] = int(len(arr))

    status = nest.GetKernelStatus()
    result = {
        "simulator": "nest", "nest_version": nest.__version__, "threads": args.threads,
        "rng_seed": int(status["rng_seed"]),
        "build_s": create_connect + prepare, "create_connect_s": create_connect, "prepare_s": prepare,
        "run_s": run, "num_connections": int(status.get("num_connections", 0)),
        "kernel_timers": {k: np.asarray(v).tolist() for k, v in status.items() if k.startswith("time_")},
        "spike_counts": counts, "process_s": time.perf_counter() - t_start,
    }
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except cn.ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
