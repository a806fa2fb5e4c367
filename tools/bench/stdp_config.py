"""Configs with `"plasticity"` blocks for the benchmark workers: compare_nest's strict checker knows only static
projections, so the blocks are checked here and the rest of the config by compare_nest.validate_config.

Only what the NEST and Brian2 translations cover is accepted: rule "stdp" (SwiftSNN's PairSTDP, NEST
stdp_synapse's weight dependence on ŵ = (w − w_min)/(w_max − w_min)) with constant initial weight and delay.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import compare_nest as cn  # noqa: E402

# SwiftSNN's PairSTDP defaults (Sources/SwiftSNN/Plasticity/PairSTDP.swift); all but w_max are NEST stdp_synapse's
# (lambda, alpha, mu_plus, mu_minus, tau_plus) and iaf neurons' tau_minus defaults.
STDP_DEFAULTS = {"lambda": 0.01, "alpha": 1.0, "mu_plus": 1.0, "mu_minus": 1.0, "tau_plus": 20.0,
                 "tau_minus": 20.0, "w_min": 0.0, "w_max": 100.0}
PAIRINGS = ("all_to_all", "nearest")


def load_config(path: Path) -> dict:
    """The config at `path`, checked; projections keep their `plasticity` blocks."""
    try:
        cfg = json.loads(Path(path).read_text())
    except json.JSONDecodeError as e:
        raise cn.ConfigError(f"{path}: invalid JSON: {e}") from None
    validate_config(cfg, str(path))
    return cfg


def validate_config(cfg: dict, where: str = "config"):
    static = json.loads(json.dumps(cfg))
    for i, proj in enumerate(static.get("projections", [])):
        if "plasticity" in proj:
            check_plasticity(proj.pop("plasticity"), proj, f"{where}.projections[{i}].plasticity")
    cn.validate_config(static, where)


def check_plasticity(block, proj: dict, where: str):
    cn._check_keys(block, where, {"rule"}, {"pairing", "params"})
    if block["rule"] != "stdp":
        raise cn.ConfigError(f"{where}.rule: only \"stdp\" is translated, got {block['rule']!r}")
    if block.get("pairing", "all_to_all") not in PAIRINGS:
        raise cn.ConfigError(f"{where}.pairing: expected one of {list(PAIRINGS)}")
    cn._check_keys(block.get("params", {}), f"{where}.params", set(), set(STDP_DEFAULTS))
    for k, v in block.get("params", {}).items():
        if not cn._is_number(v):
            raise cn.ConfigError(f"{where}.params.{k} must be a number")
    p = stdp_params(block)
    if not p["w_min"] < p["w_max"]:
        raise cn.ConfigError(f"{where}.params: w_min must be below w_max")
    for key in ("weight", "delay_ms"):
        if not cn._is_number(proj.get("synapse", {}).get(key, 1.0)):
            raise cn.ConfigError(f"{where}: plastic projections need a constant synapse.{key}")


def stdp_params(block: dict) -> dict:
    return {**STDP_DEFAULTS, **{k: float(v) for k, v in block.get("params", {}).items()}}


def without_plasticity(cfg: dict) -> dict:
    """A copy of cfg whose projections are all static (for compare_nest's translator)."""
    cfg = json.loads(json.dumps(cfg))
    for proj in cfg.get("projections", []):
        proj.pop("plasticity", None)
    return cfg
