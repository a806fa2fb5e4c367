#!/usr/bin/env python3
"""Generate the NEST reference traces in models/nest/ (see README.md there).

Run from the repository root:

    "$(tools/venv.sh)" models/nest/generate.py            # writes the CSV files next to this script
    "$(tools/venv.sh)" models/nest/generate.py --out DIR  # somewhere else
    "$(tools/venv.sh)" models/nest/generate.py --check    # regenerate into a temp dir, diff with the files here

Every trace is one neuron with NEST's default parameters except those named below,
dt = 0.1 ms, recorded with a multimeter at interval 0.1 ms. The row at t = 0 is the
initial state read from the neuron before simulating; the row at time t > 0 is the
state after the update step (t - dt, t], as NEST's multimeter reports it.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DT = 0.1                # ms, simulation resolution and sampling interval
T_PSP = 100.0           # ms recorded for the PSP traces
T_DC = 200.0            # ms recorded for the DC traces
SPIKE_AT = 10.0         # ms, time of the single input spike (spike_generator)
DELAY = 1.0             # ms, delay of the input connection
I_DC = 376.0            # pA, I_e for the DC traces

# file stem -> (model, weight of the input spike, extra recorded variables)
PSP_CASES = {
    "iaf_psc_delta_psp": ("iaf_psc_delta", 1.0, []),                     # mV jump
    "iaf_psc_exp_psp": ("iaf_psc_exp", 100.0, ["I_syn_ex", "I_syn_in"]),  # pA
    "iaf_psc_exp_ipsp": ("iaf_psc_exp", -100.0, ["I_syn_ex", "I_syn_in"]),
    "iaf_psc_alpha_psp": ("iaf_psc_alpha", 100.0, ["I_syn_ex", "I_syn_in"]),  # pA, peak of the alpha current
    "iaf_psc_alpha_ipsp": ("iaf_psc_alpha", -100.0, ["I_syn_ex", "I_syn_in"]),
    "iaf_cond_exp_psp": ("iaf_cond_exp", 5.0, ["g_ex", "g_in"]),          # nS
    "iaf_cond_exp_ipsp": ("iaf_cond_exp", -5.0, ["g_ex", "g_in"]),
    "iaf_cond_alpha_psp": ("iaf_cond_alpha", 5.0, ["g_ex", "g_in"]),      # nS, peak of the alpha conductance
    "iaf_cond_alpha_ipsp": ("iaf_cond_alpha", -5.0, ["g_ex", "g_in"]),
    "mat2_psc_exp_psp": ("mat2_psc_exp", 100.0, ["V_th"]),               # pA
    "mat2_psc_exp_ipsp": ("mat2_psc_exp", -100.0, ["V_th"]),
}
# file stem -> (model, I_e in pA, extra recorded variables). mat2_psc_exp's resting threshold is 19 mV above
# E_L and its R = tau_m/C_m = 0.05 GOhm, so it needs more than 380 pA; 500 pA makes it fire with adaptation.
DC_CASES = {
    "iaf_psc_exp_dc": ("iaf_psc_exp", I_DC, []),
    "iaf_psc_alpha_dc": ("iaf_psc_alpha", I_DC, []),
    "iaf_cond_exp_dc": ("iaf_cond_exp", I_DC, []),
    "iaf_cond_alpha_dc": ("iaf_cond_alpha", I_DC, []),
    "mat2_psc_exp_dc": ("mat2_psc_exp", 500.0, ["V_th"]),
}
# spike_generator with spike_weights (NEST: each spike's weight is spike_weights[k] times the connection's weight)
# into iaf_psc_exp through a 100 pA connection: file stem -> (spike times, spike weights).
SPIKE_WEIGHT_CASES = {
    "spike_weights_iaf_psc_exp": ([10.0, 30.0, 30.5, 60.0], [1.0, -0.5, 2.5, 0.25]),
}

# astrocyte_lr_1994 (Li-Rinzel calcium, IP3 relaxing to IP3_0): 5 s, sampled every ASTRO_EVERY ms.
T_ASTRO = 5000.0
ASTRO_EVERY = 1.0
ASTRO_VARIABLES = ["IP3", "Ca_astro", "h_IP3R"]
# A burst of 200 spikes every 5 ms from 100 ms, weight 10: IP3 += delta_IP3 * 10 = 0.002 uM each (0.4 uM in all),
# enough to start calcium release; then IP3 relaxes over tau_IP3 = 7142 ms.
ASTRO_SPIKES = [100.0 + 5.0 * k for k in range(200)]
ASTRO_WEIGHT = 10.0
# A dc_generator into the astrocyte adds weight * amplitude to dCa/dt (uM/ms) from the next step on.
ASTRO_DC = 0.0002

# izhikevich (regular spiking: NEST's default a, b, c, d) for 1 s, sampled every IZH_EVERY ms. file stem ->
# (resolution, neuron parameters, input spike times, their weight in mV).
T_IZH = 1000.0
IZH_EVERY = 1.0
IZH_VARIABLES = ["V_m", "U_m"]
IZH_CASES = {
    "izhikevich_dc": (DT, {"I_e": 10.0}, None, 0.0),
    # Izhikevich's published scheme (two half steps for V, then U with the new V) at its 1 ms step.
    "izhikevich_published_dc": (1.0, {"I_e": 10.0, "consistent_integration": False}, None, 0.0),
    # No current; every 50 ms from 100 ms a volley of 20 mV jumps, enough for a spike each.
    "izhikevich_input_spikes": (DT, {}, [100.0 + 50.0 * k for k in range(18)], 20.0),
}
# One izhikevich population whose neurons each have their own a, b, c, d (Izhikevich 2003, fig. 2: regular
# spiking, intrinsically bursting, chattering, fast spiking, low-threshold spiking, resonator), driven by I_e
# 10 pA for 1 s at dt 0.1 ms: every neuron's spike times.
IZH_TYPES = {"a": [0.02, 0.02, 0.02, 0.1, 0.02, 0.1], "b": [0.2, 0.2, 0.2, 0.2, 0.25, 0.26],
             "c": [-65.0, -55.0, -50.0, -65.0, -65.0, -65.0], "d": [8.0, 4.0, 2.0, 2.0, 2.0, 2.0]}

# aeif_cond_exp and aeif_psc_exp (NEST's defaults: Brette & Gerstner 2005's tonic cell) for 1 s, sampled every
# AEIF_EVERY ms. file stem -> (model, neuron parameters, input spike times, their weight in nS or pA).
T_AEIF = 1000.0
AEIF_EVERY = 1.0
AEIF_SPIKES = [100.0 + 50.0 * k for k in range(18)]
AEIF_CASES = {
    # Tonic spiking with adaptation (rheobase is ~650 pA): the ISI grows from 17 ms to ~68 ms as w builds up.
    "aeif_cond_exp_dc": ("aeif_cond_exp", {"I_e": 800.0}, None, 0.0),
    # Just below rheobase (I_e 400 pA, V rests near -58 mV) with 400 nS excitatory spikes every 50 ms from 100 ms
    # and t_ref 2 ms: a kick takes V past V_th, and whether and how late it runs away to V_peak depends on w,
    # so 8 of the 18 make a spike, 0.5 to 5 ms after arrival.
    "aeif_cond_exp_input_spikes": ("aeif_cond_exp", {"I_e": 400.0, "t_ref": 2.0}, AEIF_SPIKES, 400.0),
    # Slow tonic spiking (I_e 700 pA) held back by 50 nS inhibitory spikes: 7 spikes where it alone makes 9.
    "aeif_cond_exp_ipsp": ("aeif_cond_exp", {"I_e": 700.0}, AEIF_SPIKES, -50.0),
    # The current-based model with the same two protocols: 20 nA kicks (6 spikes) and -500 pA ones (8 spikes).
    "aeif_psc_exp_input_spikes": ("aeif_psc_exp", {"I_e": 400.0, "t_ref": 2.0}, AEIF_SPIKES, 20000.0),
    "aeif_psc_exp_ipsp": ("aeif_psc_exp", {"I_e": 700.0}, AEIF_SPIKES, -500.0),
}


def import_nest():
    os.environ.setdefault("PYNEST_QUIET", "1")
    import nest  # noqa: PLC0415
    try:
        nest.verbosity = nest.VerbosityLevel.ERROR
    except AttributeError:
        nest.set_verbosity("M_ERROR")
    return nest


def simulate(nest, model: str, t_stop: float, variables: list[str], neuron_params: dict,
             spike: tuple[float, float] | None, spike_times: list[float] | None = None,
             dc: float | None = None, every: float = DT, dt: float = DT,
             spike_weights: list[float] | None = None):
    """One neuron of `model`, fed `spike_times` (default: the single time of `spike`) with `spike`'s weight and
    a dc_generator of amplitude `dc` (and, if given, per-spike `spike_weights`), sampled every `every` ms; returns (times incl. 0, {var: values},
    spike times <= t_stop)."""
    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": dt, "rng_seed": 1, "local_num_threads": 1})
    neuron = nest.Create(model, params=neuron_params)
    mm = nest.Create("multimeter", params={"record_from": variables, "interval": every})
    nest.Connect(mm, neuron)
    sr = None
    if model.startswith(("iaf", "aeif", "mat2")) or model == "izhikevich":
        sr = nest.Create("spike_recorder")
        nest.Connect(neuron, sr)
    if spike is not None:
        time, weight = spike
        generator = {"spike_times": spike_times or [time]}
        if spike_weights is not None:
            generator["spike_weights"] = spike_weights
        sg = nest.Create("spike_generator", params=generator)
        nest.Connect(sg, neuron, syn_spec={"weight": weight, "delay": DELAY})
    if dc is not None:
        nest.Connect(nest.Create("dc_generator", params={"amplitude": dc}), neuron)

    # Initial state for the t = 0 row. iaf_psc_exp does not expose I_syn_ex/I_syn_in in its
    # status; every synaptic current and conductance starts at 0.
    status = neuron.get()
    initial = {v: float(status.get(v, 0.0)) for v in variables}
    # The multimeter hands over its last min_delay slice only on the next slice, so run
    # a little past t_stop and cut.
    nest.Simulate(t_stop + 2.0)

    ev = mm.get("events")
    samples = np.rint(np.asarray(ev["times"]) / every).astype(np.int64)
    n = int(round(t_stop / every))
    keep = samples <= n
    if not np.array_equal(samples[keep], np.arange(1, n + 1)):
        raise RuntimeError(f"{model}: multimeter did not sample every {every} ms up to {t_stop} ms")
    times = np.arange(n + 1) * every
    values = {v: np.concatenate([[initial[v]], np.asarray(ev[v])[keep]]) for v in variables}
    spikes = np.asarray(sr.get("events")["times"], dtype=float) if sr is not None else np.array([])
    return times, values, spikes[spikes <= t_stop + 1e-9]


def write_csv(path: Path, columns: dict[str, np.ndarray]):
    names = list(columns)
    data = np.column_stack([columns[c] for c in names])
    with path.open("w") as f:
        f.write(",".join(names) + "\n")
        for row in data:
            f.write(f"{row[0]:.1f}," + ",".join(f"{x:.15g}" for x in row[1:]) + "\n")


def generate(out: Path) -> str:
    nest = import_nest()
    out.mkdir(parents=True, exist_ok=True)
    for stem, (model, weight, extra) in PSP_CASES.items():
        variables = ["V_m"] + extra
        times, vals, spikes = simulate(nest, model, T_PSP, variables, {}, (SPIKE_AT, weight))
        if len(spikes):
            raise RuntimeError(f"{stem}: a single PSP should not make the neuron fire")
        write_csv(out / f"{stem}.csv", {"t_ms": times, **vals})
        print(f"{stem}.csv: {len(times)} rows, V_m {vals['V_m'].min():.6f} .. "
              f"{vals['V_m'].max():.6f} mV")
    for stem, (model, current, extra) in DC_CASES.items():
        times, vals, spikes = simulate(nest, model, T_DC, ["V_m"] + extra, {"I_e": current}, None)
        if not len(spikes):
            raise RuntimeError(f"{stem}: I_e = {current} pA should make the neuron fire")
        write_csv(out / f"{stem}.csv", {"t_ms": times, **vals})
        with (out / f"{stem}_spikes.csv").open("w") as f:
            f.write("t_ms\n" + "".join(f"{t:.1f}\n" for t in spikes))
        print(f"{stem}.csv: {len(times)} rows; {stem}_spikes.csv: {len(spikes)} spikes at "
              f"{', '.join(f'{t:.1f}' for t in spikes)} ms")
    for stem, (spike_times, spike_weights) in SPIKE_WEIGHT_CASES.items():
        times, vals, _ = simulate(nest, "iaf_psc_exp", T_PSP, ["V_m", "I_syn_ex", "I_syn_in"], {},
                                  (spike_times[0], 100.0), spike_times=spike_times, spike_weights=spike_weights)
        write_csv(out / f"{stem}.csv", {"t_ms": times, **vals})
        print(f"{stem}.csv: {len(times)} rows, I_syn_ex up to {vals['I_syn_ex'].max():.6f} pA")
    for stem, dc in {"astrocyte_lr_1994_spikes": None, "astrocyte_lr_1994_dc": ASTRO_DC}.items():
        times, vals, _ = simulate(nest, "astrocyte_lr_1994", T_ASTRO, ASTRO_VARIABLES, {},
                                  (ASTRO_SPIKES[0], ASTRO_WEIGHT) if dc is None else None,
                                  spike_times=ASTRO_SPIKES, dc=dc, every=ASTRO_EVERY)
        write_csv(out / f"{stem}.csv", {"t_ms": times, **vals})
        print(f"{stem}.csv: {len(times)} rows, IP3 {vals['IP3'].min():.6f} .. {vals['IP3'].max():.6f} uM, "
              f"Ca_astro {vals['Ca_astro'].min():.6f} .. {vals['Ca_astro'].max():.6f} uM")
    for stem, (dt, params, spike_times, weight) in IZH_CASES.items():
        times, vals, spikes = simulate(nest, "izhikevich", T_IZH, IZH_VARIABLES, params,
                                       (spike_times[0], weight) if spike_times else None,
                                       spike_times=spike_times, every=IZH_EVERY, dt=dt)
        write_csv(out / f"{stem}.csv", {"t_ms": times, **vals})
        with (out / f"{stem}_spikes.csv").open("w") as f:
            f.write("t_ms\n" + "".join(f"{t:.1f}\n" for t in spikes))
        print(f"{stem}.csv: {len(times)} rows; {stem}_spikes.csv: {len(spikes)} spikes, first "
              f"{', '.join(f'{t:.1f}' for t in spikes[:4])} ms")
    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": DT, "rng_seed": 1, "local_num_threads": 1})
    neurons = nest.Create("izhikevich", len(IZH_TYPES["a"]), params={**IZH_TYPES, "I_e": 10.0})
    sr = nest.Create("spike_recorder")
    nest.Connect(neurons, sr)
    nest.Simulate(T_IZH)
    ev = sr.get("events")
    order = np.lexsort((np.asarray(ev["times"]), np.asarray(ev["senders"])))
    with (out / "izhikevich_types_spikes.csv").open("w") as f:
        f.write("neuron,t_ms\n" + "".join(f"{ev['senders'][k] - neurons[0].global_id},{ev['times'][k]:.1f}\n"
                                            for k in order))
    print(f"izhikevich_types_spikes.csv: {len(order)} spikes of {len(neurons)} neuron types")
    for stem, (model, params, spike_times, weight) in AEIF_CASES.items():
        synapses = ["g_ex", "g_in"] if model == "aeif_cond_exp" else ["I_syn_ex", "I_syn_in"]
        times, vals, spikes = simulate(nest, model, T_AEIF, ["V_m", "w"] + synapses, params,
                                       (spike_times[0], weight) if spike_times else None,
                                       spike_times=spike_times, every=AEIF_EVERY)
        write_csv(out / f"{stem}.csv", {"t_ms": times, **vals})
        with (out / f"{stem}_spikes.csv").open("w") as f:
            f.write("t_ms\n" + "".join(f"{t:.1f}\n" for t in spikes))
        print(f"{stem}.csv: {len(times)} rows; {stem}_spikes.csv: {len(spikes)} spikes, first "
              f"{', '.join(f'{t:.1f}' for t in spikes[:4])} ms")
    return nest.__version__


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and compare with --out")
    args = ap.parse_args()
    if not args.check:
        version = generate(args.out)
        print(f"NEST {version}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        version = generate(Path(tmp))
        names = sorted(p.name for p in Path(tmp).glob("*.csv"))
        _, mismatch, missing = filecmp.cmpfiles(args.out, tmp, names, shallow=False)
        for name in mismatch + missing:
            print(f"differs or missing: {args.out / name}", file=sys.stderr)
        print(f"NEST {version}: {len(names) - len(mismatch) - len(missing)}/{len(names)} "
              f"files identical")
        return 1 if mismatch or missing else 0


if __name__ == "__main__":
    sys.exit(main())
