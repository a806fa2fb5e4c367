#!/usr/bin/env python3
"""Check that brian2_worker.py's STDP translation is SwiftSNN's `stdp` rule: same spikes, same final weights.

    "$(tools/venv.sh)" tools/bench/check_stdp.py [--snn .build/release/snn]

Small networks of regularly firing neurons (constant currents, no randomness, so both simulators produce the same
spike trains): four presynaptic neurons at about 20, 32, 46 and 63 Hz, each with a plastic synapse onto one
postsynaptic neuron that also fires on its own, so that pairs at many Δt occur; in the delta cases most post
spikes fall in the step an input arrives (Δt = 0, which counts as pre before post). Per case, SwiftSNN (`snn run`, weight recorder) and Brian2 runtime
(`brian2_worker.py --save-weights`) must give the same spike times and the same final weights to 1e-5 · w_max
(SwiftSNN stores weights as Float32). Cases:
* iaf_psc_delta, all-to-all, multiplicative, delay 1.5 ms: Brian2 sees post spikes one step late here (synapses
  before thresholds) and must compensate; without that the weights differ (tried);
* iaf_psc_delta, nearest pairing, additive, delay 0.1 ms;
* iaf_psc_exp, all-to-all, power-law (mu 0.5), delay 1 ms: default schedule, no compensation.
NEST is not compared: its stdp_synapse treats the delay as dendritic (see nest_worker.py), so its weights differ
by construction. Exit status 0 when every case passes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
import compare_nest as cn  # noqa: E402

DELTA = {"C_m": 1.0, "tau_m": 20.0, "E_L": 0.0, "V_th": 20.0, "V_reset": 0.0, "t_ref": 2.0}
EXP = {"C_m": 250.0, "tau_m": 20.0, "E_L": 0.0, "V_th": 20.0, "V_reset": 0.0, "t_ref": 2.0}
# Input currents (delta units: mV/ms with C_m = 1) of the four presynaptic neurons and the postsynaptic one.
PRE_DRIVE = [1.1, 1.3, 1.6, 2.0]
POST_DRIVE = 1.05


def network(model: str, params: dict, scale: float, pairing: str, stdp: dict, delay_ms: float, w: float,
            duration_ms: float = 2000.0) -> dict:
    pre = [{"name": f"a{i}", "size": 1, "model": model, "params": {**params, "I_e": scale * drive},
            "initial": {"V_m": 0.0}} for i, drive in enumerate(PRE_DRIVE)]
    post = {"name": "b", "size": 1, "model": model, "params": {**params, "I_e": scale * POST_DRIVE},
            "initial": {"V_m": 0.0}}
    projections = [{"source": p["name"], "target": "b", "connectivity": {"rule": "all_to_all"},
                    "synapse": {"weight": w, "delay_ms": delay_ms},
                    "plasticity": {"rule": "stdp", "pairing": pairing, "params": stdp}} for p in pre]
    return {"simulation": {"duration_ms": duration_ms, "dt_ms": 0.1, "seed": 1},
            "populations": pre + [post], "projections": projections,
            "recorders": [{"name": p["name"], "type": "spikes", "population": p["name"]} for p in pre + [post]]}


CASES = {
    "iaf_psc_delta all_to_all multiplicative, delay 1.5 ms": network(
        "iaf_psc_delta", DELTA, 1.0, "all_to_all",
        {"lambda": 0.05, "alpha": 1.1, "mu_plus": 1.0, "mu_minus": 1.0, "tau_plus": 20.0, "tau_minus": 30.0,
         "w_min": 0.0, "w_max": 4.0}, 1.5, 2.0),
    "iaf_psc_delta nearest additive, delay 0.1 ms": network(
        "iaf_psc_delta", DELTA, 1.0, "nearest",
        {"lambda": 0.02, "alpha": 1.05, "mu_plus": 0.0, "mu_minus": 0.0, "tau_plus": 15.0, "tau_minus": 25.0,
         "w_min": 0.5, "w_max": 4.0}, 0.1, 2.0),
    "iaf_psc_exp all_to_all power law, delay 1 ms": network(
        "iaf_psc_exp", EXP, 250.0, "all_to_all",
        {"lambda": 0.03, "alpha": 0.9, "mu_plus": 0.5, "mu_minus": 0.5, "tau_plus": 20.0, "tau_minus": 20.0,
         "w_min": 0.0, "w_max": 400.0}, 1.0, 150.0),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--snn", default=str(REPO / ".build" / "release" / "snn"), help="the snn binary")
    args = ap.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, cfg in CASES.items():
            (tmp / "brian2.json").write_text(json.dumps(cfg))
            duration = cfg["simulation"]["duration_ms"]
            snn_cfg = {**cfg, "recorders": cfg["recorders"] + [
                {"name": f"w{k}", "type": "weights", "projection": k, "interval_ms": duration}
                for k in range(len(cfg["projections"]))]}
            (tmp / "snn.json").write_text(json.dumps(snn_cfg))
            subprocess.run([args.snn, "run", str(tmp / "snn.json"), "--out", str(tmp / "snn")], check=True,
                           capture_output=True)
            subprocess.run([sys.executable, str(HERE / "brian2_worker.py"), str(tmp / "brian2.json"), "--mode",
                            "runtime", "--save-weights", "--out", str(tmp / "brian2")], check=True,
                           capture_output=True)
            problems = []
            spikes = 0
            for rec in cfg["recorders"]:
                t_snn = cn.load_spikes(tmp / "snn" / f"{rec['name']}.npy")["t"]
                t_b2 = np.load(tmp / "brian2" / f"{rec['name']}.npy")["t"]
                spikes += len(t_snn)
                if len(t_snn) != len(t_b2) or np.max(np.abs(t_snn - t_b2), initial=0) > 1e-9:
                    problems.append(f"{rec['name']}: spike trains differ ({len(t_snn)} SwiftSNN, {len(t_b2)} Brian2 "
                                    "spikes)")
            w_max = cfg["projections"][0]["plasticity"]["params"]["w_max"]
            w0 = cfg["projections"][0]["synapse"]["weight"]
            finals = []
            for k in range(len(cfg["projections"])):
                w_snn = float(np.load(tmp / "snn" / f"w{k}.npy")[-1, 0])
                w_b2 = float(np.load(tmp / "brian2" / f"weights_{k}.npy")["w"][0])
                finals.append(w_snn)
                if abs(w_snn - w_b2) > 1e-5 * w_max:
                    problems.append(f"projection {k}: final weight {w_snn:.7g} in SwiftSNN, {w_b2:.7g} in Brian2")
            if max(abs(w - w0) for w in finals) < 0.05 * w_max:
                problems.append(f"the weights hardly moved ({finals}); the case tests nothing")
            print(f"{'PASS' if not problems else 'FAIL'}  {name}  ({spikes} spikes; final weights "
                  f"{', '.join(f'{w:.4g}' for w in finals)} from {w0:g})" + "".join(f"\n      {p}" for p in problems))
            failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
