#!/usr/bin/env python3
"""Build one SwiftSNN JSON config in NEST, simulate it, write spikes and timings (one process per run).

    python tools/bench/nest_worker.py CONFIG --threads N --out DIR

Called by bench.py; writes DIR/result.json and DIR/<recorder>.npy. The network is built by
tools/compare_nest.py's translator (the same one the NEST comparison uses), with local_num_threads = N.

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    t_start = time.perf_counter()
    cfg = cn.load_config(Path(args.config))
    cfg["simulation"]["threads"] = args.threads
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    nest = cn.import_nest()

    t0 = time.perf_counter()
    net = cn.build_nest(nest, cfg)
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
