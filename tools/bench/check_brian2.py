#!/usr/bin/env python3
"""Check that brian2_worker.py's translation has NEST's dynamics, spike for spike, on small networks.

    "$(tools/venv.sh)" tools/bench/check_brian2.py

Two neurons, a (driven by I_e) -> b, per model. Each case isolates one convention the translation must get
right; the cases were also run with the convention broken, and then the spike times differ:
* delay: an iaf_psc_delta input of delay 1.5 ms makes b fire 1.5 ms after a (Brian2 delay = delay - dt with
  synapses scheduled before thresholds);
* refractory: a's firing period (Brian2 refractory = t_ref + dt);
* input lost while refractory: a second projection arrives 0.5 ms after the first, inside b's refractory
  period; NEST drops it, and b's next free spike time shows whether it was dropped;
* iaf_psc_exp: current input moves V from the next step on (exact propagators, default schedule);
* iaf_cond_exp: NEST's adaptive RKF45 vs Brian2's RK4 at dt = 0.1 ms; spike times may differ by one step.
Exit status 0 when every case passes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import compare_nest as cn  # noqa: E402


def pair(model: str, a_params: dict, b_params: dict, projections: list[tuple[float, float]],
         duration_ms: float = 1000.0) -> dict:
    return {
        "simulation": {"duration_ms": duration_ms, "dt_ms": 0.1, "seed": 1},
        "populations": [
            {"name": "a", "size": 1, "model": model, "params": a_params, "initial": {"V_m": 0.0}},
            {"name": "b", "size": 1, "model": model, "params": b_params, "initial": {"V_m": 0.0}},
        ],
        "projections": [{"source": "a", "target": "b", "connectivity": {"rule": "all_to_all"},
                         "synapse": {"weight": w, "delay_ms": d}} for w, d in projections],
        "recorders": [{"name": "a", "type": "spikes", "population": "a"},
                      {"name": "b", "type": "spikes", "population": "b"}],
    }


DELTA = {"C_m": 1.0, "tau_m": 20.0, "E_L": 0.0, "V_th": 20.0, "t_ref": 2.0}
EXP = {"C_m": 250.0, "tau_m": 20.0, "E_L": 0.0, "V_th": 20.0, "t_ref": 2.0}
COND = {"C_m": 250.0, "g_L": 12.5, "E_L": 0.0, "V_th": 20.0, "t_ref": 2.0, "E_ex": 60.0}
CASES = {
    # b sits just below threshold (V_inf 19.9 mV); each input from a makes it fire.
    "iaf_psc_delta delay 1.5 ms": (pair("iaf_psc_delta", {**DELTA, "V_reset": 0.0, "I_e": 1.3},
                                        {**DELTA, "V_reset": 19.0, "I_e": 0.995}, [(0.5, 1.5)]), 0.0),
    # b fires on its own (V_inf 30 mV); a's first input forces a spike, its second arrives while b is refractory.
    "iaf_psc_delta input lost while refractory": (pair("iaf_psc_delta", {**DELTA, "V_reset": 0.0, "I_e": 1.3},
                                                       {**DELTA, "V_reset": 10.0, "I_e": 1.5},
                                                       [(20.0, 1.5), (4.0, 2.0)]), 0.0),
    "iaf_psc_exp delay 0.1 ms": (pair("iaf_psc_exp", {**EXP, "V_reset": 0.0, "I_e": 325.0},
                                      {**EXP, "V_reset": 19.0, "I_e": 248.0}, [(200.0, 0.1)]), 0.0),
    "iaf_cond_exp delay 0.1 ms": (pair("iaf_cond_exp", {**COND, "V_reset": 0.0, "I_e": 325.0},
                                       {**COND, "V_reset": 19.0, "I_e": 248.0}, [(20.0, 0.1)]), 0.1 + 1e-9),
}


def main() -> int:
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (cfg, tolerance_ms) in CASES.items():
            cn.validate_config(cfg, name)
            path = Path(tmp) / "case.json"
            path.write_text(json.dumps(cfg))
            nest = cn.run_nest(cfg, Path(tmp) / "nest")["spikes"]
            subprocess.run([sys.executable, str(HERE / "brian2_worker.py"), str(path), "--mode", "runtime",
                            "--out", str(Path(tmp) / "brian2")], check=True, capture_output=True)
            problems = []
            for rec in ("a", "b"):
                t_nest = nest[rec]["t"]
                t_b2 = np.load(Path(tmp) / "brian2" / f"{rec}.npy")["t"]
                if len(t_nest) < 3:
                    problems.append(f"{rec}: only {len(t_nest)} NEST spikes, the case tests nothing")
                elif len(t_nest) != len(t_b2):
                    problems.append(f"{rec}: {len(t_nest)} spikes in NEST, {len(t_b2)} in Brian2")
                elif np.max(np.abs(t_nest - t_b2)) > tolerance_ms + 1e-9:
                    problems.append(f"{rec}: spike times differ by up to {np.max(np.abs(t_nest - t_b2)):.2f} ms")
            print(f"{'PASS' if not problems else 'FAIL'}  {name}  ({len(nest['a'])} + {len(nest['b'])} spikes)"
                  + "".join(f"\n      {p}" for p in problems))
            failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
