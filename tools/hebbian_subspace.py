#!/usr/bin/env python3
"""HLOP's Hebbian subspace learning (Xiao et al., ICLR 2024) with SwiftSNN's `oja_subspace` rule, on sklearn digits.

    "$(tools/venv.sh)" tools/hebbian_subspace.py                       # builds snn, writes tools/results/hebbian_subspace/
    "$(tools/venv.sh)" tools/hebbian_subspace.py --snn .build/release/snn --out /tmp/hs

Presynaptic activity. The 1797 8x8 digits are rate-coded by 64 `spike_generator` inputs: pixel p (0..16) fires a
regular train at 200·p/16 Hz with a random phase for the first 40 ms of a 70 ms window (dt = 1 ms), then the
input is silent for 30 ms so that the layer's membranes relax before the next digit. The inputs drive a fixed
layer of 200 `iaf_psc_delta` neurons (tau_m 20 ms, threshold 15 mV above rest, t_ref 2 ms), all-to-all with
weights drawn once by SwiftSNN from N(-0.5, 5) mV and a 1 ms delay. One SwiftSNN run presents every digit of
every task; x_i = the layer's spike counts in window i divided by the window, in spikes/ms, as `oja_subspace`
defines x. Regular trains keep the encoding noise low (a linear readout of x reaches ~88 % test accuracy,
~85 % with Poisson trains).

Hebbian subspace. k = 20 lateral neurons learn W (20 x 200) with `oja_subspace` (momentum 0.9, clip 10,
period = the 70 ms window, orthogonal initial W from a weight file, synapses listed source-major with
`explicit` connectivity so that weight files are W[t, s] in a known order). Each epoch is one SwiftSNN run
that replays the layer's recorded spikes, sample by sample in a new random order, at their times within the
window (a spike at t + tau arrives at t + tau + 1 ms, inside its period); the run starts from the previous
epoch's `--save-weights` output. Consequences of one run per epoch, all reproduced by the NumPy reference:
the momentum starts at 0 every epoch and W is rounded to float32 between epochs. eta decays per epoch,
eta_e = 2 ms² · 0.93^e (online updates, one sample per period, need a decaying rate to settle; HLOP averages
batches of 32 instead). Replaying the recorded spikes instead of simulating the layer for 40 epochs keeps x
identical across epochs, so the PCA below is of exactly the samples the rule saw, and keeps the run short.

Checks after 40 epochs (exit 1 if any fails):
* variance captured by span(W), tr(P_W C), >= 0.99 x the sum of the top 20 eigenvalues of C = E[x x^T] (NumPy
  eigendecomposition of the same samples). C is the uncentred second moment: Oja's rule, like HLOP, does not
  subtract the mean, and its fixed point is C's principal subspace;
* median principal angle between span(W) and that top-20 eigenspace <= 5 degrees (the largest angle converges
  slowly here, since lambda_20 / lambda_21 is close to 1: reported, not checked);
* W orthonormal: max |W W^T - I| <= 1e-2;
* SwiftSNN's W equals a NumPy implementation of the documented update, fed the same x sequence, to 1e-5.

Continual learning (5 tasks; task 0 = the digits, tasks 1-4 = fixed random pixel permutations; the same
1200/597 train/test split for every task). A linear softmax readout of x (10 x 200, no bias) is trained task
after task with minibatch SGD, once plain and once HLOP-style: the input of every update is projected onto the
orthogonal complement of the union of the subspaces learned so far, x <- x - Q Q^T x, so the readout's
response to old tasks' principal directions does not change. After training task t, SwiftSNN learns task t's
subspace (k = 20, 10 epochs on its training samples, eta_e = 2 ms² · 0.75^e); Q is an orthonormal basis of the
span of all learned W, from an SVD (HLOP instead grows one lateral population whose old neurons are frozen
while the new ones learn what they leave; here each task's block is learned afresh and the SVD merges the
directions that blocks share). Reported: the accuracy
matrix R[t, i] (test accuracy on task i after training task t), ACC = mean_i R[4, i] and backward transfer
BWT = mean_{i<4} (R[4, i] - R[i, i]) for both; checked: BWT(projected) > BWT(plain), and ACC(projected) >
ACC(plain), so that less forgetting is not bought by learning nothing (the projected readout does learn later
tasks less well: with 80 of 200 dimensions protected, the fifth task reaches 0.38-0.56 instead of ~0.8 over
seeds 1-3).

Outputs in --out: results.json (metrics, per-epoch curves, accuracy matrices) and hebbian_subspace.png
(captured variance and median principal angle vs epoch; accuracy on each task as tasks are learned).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.linalg import subspace_angles
from sklearn.datasets import load_digits

REPO = Path(__file__).resolve().parent.parent

DT_MS = 1.0
ON_MS = 40          # stimulus part of each window
WINDOW_MS = 70      # one presentation, and the rule's period
MAX_RATE_HZ = 200.0
HIDDEN = 200
K = 20
TASKS = 5
TRAIN = 1200
ETA0, ETA_DECAY = 2.0, 0.93              # main run, per epoch
CL_EPOCHS, CL_ETA_DECAY = 10, 0.75       # per-task subspaces of the continual-learning part
MOMENTUM, CLIP = 0.9, 10.0
READOUT_EPOCHS, READOUT_LR, BATCH = 20, 0.5, 32

VARIANCE_RATIO_MIN = 0.99
MEDIAN_ANGLE_MAX_DEG = 5.0
ORTHONORMAL_TOL = 1e-2
NUMPY_MATCH_TOL = 1e-5


class SnnError(RuntimeError):
    pass


def find_snn(args) -> str:
    if args.snn:
        return args.snn
    cmd = ["swift", "build", "-c", "release", "--product", "snn"]
    if args.scratch_path:
        cmd += ["--scratch-path", args.scratch_path]
    if subprocess.run(cmd, cwd=REPO, stdout=sys.stderr).returncode != 0:
        raise SnnError(f"{' '.join(cmd)} failed")
    bin_path = subprocess.run(cmd + ["--show-bin-path"], cwd=REPO, check=True, capture_output=True, text=True)
    return str(Path(bin_path.stdout.strip()) / "snn")


def run_snn(snn: str, config: dict, work: Path, save_weights: bool = False) -> Path:
    """Writes config into work/, runs it, returns the output folder."""
    path = work / "config.json"
    path.write_text(json.dumps(config))
    out = work / "out"
    cmd = [snn, "run", str(path), "--out", str(out)] + (["--save-weights"] if save_weights else [])
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SnnError(f"exit status {proc.returncode}: {' '.join(cmd)}\n{proc.stderr.strip()}")
    return out


def spike_records(t: np.ndarray, ids: np.ndarray) -> np.ndarray:
    order = np.lexsort((ids, t))
    rec = np.zeros(len(t), dtype=[("t", "<f8"), ("id", "<i4")])
    rec["t"], rec["id"] = t[order], ids[order]
    return rec


def encode(images: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Regular trains, one window per image: spike k of pixel j at the k-th step where phase + rate·t crosses
    an integer, during the first ON_MS of the window. Returns spike times (ms) and input ids."""
    per_step = images / 16.0 * MAX_RATE_HZ * DT_MS / 1000.0          # (n, 64) spikes per step
    phase = rng.random(images.shape)
    step = np.arange(ON_MS)[:, None, None]
    fires = np.floor((step + 1) * per_step + phase) > np.floor(step * per_step + phase)   # (ON, n, 64)
    k, window, pixel = np.nonzero(fires)
    # Stamps 1..ON_MS ms into the window (a spike needs t >= dt).
    return window * WINDOW_MS + (k + 1) * DT_MS, pixel


def hidden_layer(snn: str, images_per_task: list[np.ndarray], seed: int, work: Path):
    """Runs the fixed 64 -> 200 LIF layer on every window of every task. Returns per window the hidden spikes as
    (window, offset in window, id) and the counts x in spikes/ms, shape (windows, HIDDEN)."""
    images = np.concatenate(images_per_task)
    t, ids = encode(images, np.random.default_rng(seed))
    np.save(work / "input.npy", spike_records(t, ids))
    windows = len(images)
    config = {
        "simulation": {"duration_ms": windows * WINDOW_MS, "dt_ms": DT_MS, "seed": seed, "threads": 1},
        "populations": [
            {"name": "pixels", "size": 64, "model": "spike_generator", "params": {"file": "input.npy"}},
            {"name": "hidden", "size": HIDDEN, "model": "iaf_psc_delta",
             "params": {"tau_m": 20, "t_ref": 2, "E_L": -70, "V_th": -55, "V_reset": -70}}],
        "projections": [
            {"source": "pixels", "target": "hidden", "connectivity": {"rule": "all_to_all"},
             "synapse": {"weight": {"normal": [-0.5, 5]}, "delay_ms": 1}}],
        "recorders": [{"name": "hidden", "type": "spikes", "population": "hidden"}],
    }
    spikes = np.load(run_snn(snn, config, work) / "hidden.npy")
    window = ((spikes["t"] - DT_MS) // WINDOW_MS).astype(np.int64)
    offset = spikes["t"] - window * WINDOW_MS
    # A replayed spike at offset tau arrives at tau + 1 ms; it must stay inside its period.
    if offset.min() < DT_MS or offset.max() > WINDOW_MS - DT_MS:
        raise SnnError(f"hidden spikes at {offset.min()}..{offset.max()} ms into a window; the replay needs "
                       f"1..{WINDOW_MS - 1} ms")
    counts = np.zeros((windows, HIDDEN))
    np.add.at(counts, (window, spikes["id"]), 1.0)
    return (window, offset, spikes["id"].astype(np.int64)), counts / WINDOW_MS


class Replay:
    """The hidden spikes of a set of windows, to be replayed in any order, one window per period."""

    def __init__(self, spikes, windows: np.ndarray):
        window, offset, ids = spikes
        keep = np.isin(window, windows)
        order = np.argsort(window[keep], kind="stable")
        self.window, self.offset, self.ids = window[keep][order], offset[keep][order], ids[keep][order]
        self.start = np.searchsorted(self.window, windows)
        self.stop = np.searchsorted(self.window, windows, side="right")

    def records(self, order: np.ndarray) -> np.ndarray:
        """Spikes for presenting window order[m] in period m (order indexes the windows given at construction)."""
        parts = [np.arange(self.start[w], self.stop[w]) for w in order]
        period = np.repeat(np.arange(len(order)), [len(p) for p in parts])
        rows = np.concatenate(parts)
        return spike_records(period * WINDOW_MS + self.offset[rows], self.ids[rows])


def orthogonal_rows(k: int, n: int, rng: np.random.Generator) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, k)))
    return (q * np.sign(np.diag(r))).T


def lateral_config(periods: int, eta: float, seed: int) -> dict:
    sources = np.repeat(np.arange(HIDDEN), K)
    targets = np.tile(np.arange(K), HIDDEN)
    return {
        "simulation": {"duration_ms": periods * WINDOW_MS, "dt_ms": DT_MS, "seed": seed, "threads": 1},
        "populations": [
            {"name": "hidden", "size": HIDDEN, "model": "spike_generator", "params": {"file": "replay.npy"}},
            {"name": "lateral", "size": K, "model": "iaf_psc_delta"}],
        "projections": [
            {"source": "hidden", "target": "lateral", "connectivity": {"rule": "explicit", "sources": sources.tolist(),
                                                                     "targets": targets.tolist()},
             "synapse": {"weight": {"file": "w_initial.npy"}, "delay_ms": 1},
             "plasticity": {"rule": "oja_subspace",
                            "params": {"eta": eta, "momentum": MOMENTUM, "clip": CLIP, "period_ms": WINDOW_MS}}}],
    }


def learn_subspace(snn: str, replay: Replay, w0: np.ndarray, etas: list[float], rng: np.random.Generator,
                   seed: int, work: Path):
    """One SwiftSNN run per epoch. Returns W after each epoch and the presentation order of each epoch."""
    w, history, orders = w0, [], []
    for eta in etas:
        order = rng.permutation(len(replay.start))
        np.save(work / "replay.npy", replay.records(order))
        np.save(work / "w_initial.npy", w.T.reshape(-1))     # source-major: W[t, s] at s·K + t
        out = run_snn(snn, lateral_config(len(order), eta, seed), work, save_weights=True)
        w = np.load(out / "weights_projection0.npy").reshape(HIDDEN, K).T
        history.append(w)
        orders.append(order)
    return history, orders


def numpy_reference(x: np.ndarray, w0: np.ndarray, etas: list[float], orders: list[np.ndarray]) -> np.ndarray:
    """The documented update, one sample per period, momentum from 0 and float32 weights at each run's start."""
    w = w0.astype(np.float32).astype(np.float64)
    for eta, order in zip(etas, orders):
        m = np.zeros_like(w)
        for i in order:
            y = w @ x[i]
            d = np.clip(np.outer(y, x[i] - w.T @ y), -CLIP, CLIP)
            m = MOMENTUM * m + (1 - MOMENTUM) * d
            w = w + eta * m
        w = w.astype(np.float32).astype(np.float64)
    return w


def subspace_metrics(w: np.ndarray, c: np.ndarray, top_vectors: np.ndarray, top_variance: float) -> dict:
    basis = np.linalg.qr(w.T)[0]
    angles = np.degrees(subspace_angles(w.T, top_vectors))
    return {"variance_ratio": float(np.trace(basis.T @ c @ basis) / top_variance),
            "median_angle_deg": float(np.median(angles)), "max_angle_deg": float(angles.max()),
            "orthonormality_error": float(np.abs(w @ w.T - np.eye(len(w))).max())}


def train_readout(v: np.ndarray, x: np.ndarray, labels: np.ndarray, q: np.ndarray | None,
                  rng: np.random.Generator) -> np.ndarray:
    """Minibatch SGD on softmax cross-entropy; with q, every input is projected off span(q) first."""
    for _ in range(READOUT_EPOCHS):
        for batch in np.array_split(rng.permutation(len(x)), len(x) // BATCH):
            xb = x[batch] if q is None else x[batch] - (x[batch] @ q) @ q.T
            logits = x[batch] @ v.T
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(batch)), labels[batch]] -= 1
            v = v - READOUT_LR * p.T @ xb / len(batch)
    return v


def continual_learning(snn: str, spikes, x_tasks: list[np.ndarray], labels: np.ndarray, seed: int, work: Path):
    n = len(labels)
    split = np.random.default_rng(seed + 1).permutation(n)
    train, test = split[:TRAIN], split[TRAIN:]
    # One scale for every task, so that the SGD step is of order one; the projections do not depend on it.
    scale = 1.0 / np.sqrt(np.mean(np.sum(x_tasks[0][train] ** 2, axis=1)))
    results, subspaces = {}, []
    for method in ("plain", "projected"):
        rng = np.random.default_rng(seed + 2)
        v = np.zeros((10, HIDDEN))
        accuracy = np.full((TASKS, TASKS), np.nan)
        basis = None
        for task in range(TASKS):
            z = x_tasks[task] * scale
            v = train_readout(v, z[train], labels[train], basis if method == "projected" else None, rng)
            for seen in range(task + 1):
                zs = x_tasks[seen][test] * scale
                accuracy[task, seen] = float(np.mean(np.argmax(zs @ v.T, axis=1) == labels[test]))
            if method == "projected" and task < TASKS - 1:
                if len(subspaces) <= task:
                    replay = Replay(spikes, task * n + train)
                    etas = [ETA0 * CL_ETA_DECAY ** e for e in range(CL_EPOCHS)]
                    w0 = orthogonal_rows(K, HIDDEN, np.random.default_rng(seed + 10 + task))
                    history, _ = learn_subspace(snn, replay, w0, etas, np.random.default_rng(seed + 20 + task),
                                                seed, work)
                    subspaces.append(history[-1])
                u, s, _ = np.linalg.svd(np.vstack(subspaces).T, full_matrices=False)
                basis = u[:, s > 1e-6 * s[0]]
        final = accuracy[-1]
        results[method] = {"accuracy": accuracy.tolist(), "ACC": float(final.mean()),
                           "BWT": float(np.mean([final[i] - accuracy[i, i] for i in range(TASKS - 1)])),
                           "learned": [float(accuracy[i, i]) for i in range(TASKS)]}
    task_variance = []
    for task, w in enumerate(subspaces):
        xt = x_tasks[task][train]
        c = xt.T @ xt / len(xt)
        eigenvalues, eigenvectors = np.linalg.eigh(c)
        top = eigenvectors[:, ::-1][:, :K]
        task_variance.append(subspace_metrics(w, c, top, float(eigenvalues[::-1][:K].sum()))["variance_ratio"])
    results["subspace_variance_ratio_per_task"] = task_variance
    return results


def plot(curves: list[dict], cl: dict, path: Path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    epochs = np.arange(1, len(curves) + 1)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    axes[0].plot(epochs, [c["variance_ratio"] for c in curves], "o-", ms=3)
    axes[0].axhline(VARIANCE_RATIO_MIN, color="k", ls=":", lw=1, label=f"acceptance {VARIANCE_RATIO_MIN}")
    axes[0].set(xlabel="epoch", ylabel="variance captured by span(W) / top-20 PCA",
                title="captured variance")
    axes[0].legend()
    axes[1].semilogy(epochs, [c["median_angle_deg"] for c in curves], "o-", ms=3, label="median")
    axes[1].semilogy(epochs, [c["max_angle_deg"] for c in curves], "s-", ms=3, alpha=0.6, label="max")
    axes[1].axhline(MEDIAN_ANGLE_MAX_DEG, color="k", ls=":", lw=1, label=f"acceptance (median) {MEDIAN_ANGLE_MAX_DEG}°")
    axes[1].set(xlabel="epoch", ylabel="principal angle to the top-20 PCA subspace [deg]", title="principal angles")
    axes[1].legend()
    for method, style in (("plain", "--"), ("projected", "-")):
        acc = np.array(cl[method]["accuracy"])
        for task in range(TASKS):
            axes[2].plot(np.arange(task, TASKS) + 1, acc[task:, task], style, marker="o", ms=3,
                         color=f"C{task}", label=f"task {task}" if method == "projected" else None)
    axes[2].set(xlabel="tasks learned", ylabel="test accuracy", ylim=(0, 1), xticks=np.arange(1, TASKS + 1),
                title=f"permuted digits: plain (dashed) BWT {cl['plain']['BWT']:+.3f}, "
                      f"projected (solid) {cl['projected']['BWT']:+.3f}")
    axes[2].title.set_fontsize(9)
    axes[2].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--snn", help="snn binary (default: swift build -c release --product snn)")
    ap.add_argument("--scratch-path", help="swift build --scratch-path when building snn")
    ap.add_argument("--out", type=Path, default=REPO / "tools" / "results" / "hebbian_subspace")
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    snn = find_snn(args)
    started = time.perf_counter()
    digits = load_digits()
    images, labels = digits.data, digits.target
    n = len(images)
    permutations = [np.arange(64)] + [np.random.default_rng(args.seed + 100 + t).permutation(64) for t in range(1, TASKS)]

    with tempfile.TemporaryDirectory(prefix="hebbian_subspace_") as tmp:
        work = Path(tmp)
        spikes, x_all = hidden_layer(snn, [images[:, p] for p in permutations], args.seed, work)
        x_tasks = [x_all[t * n:(t + 1) * n] for t in range(TASKS)]
        print(f"hidden layer: {HIDDEN} LIF, mean {x_all.mean() * 1000:.1f} Hz over a window, "
              f"{(x_tasks[0] == 0).mean():.0%} zero counts", file=sys.stderr)

        x = x_tasks[0]
        c = x.T @ x / n
        eigenvalues, eigenvectors = np.linalg.eigh(c)
        eigenvalues, eigenvectors = eigenvalues[::-1], eigenvectors[:, ::-1]
        top_vectors, top_variance = eigenvectors[:, :K], float(eigenvalues[:K].sum())

        w0 = orthogonal_rows(K, HIDDEN, np.random.default_rng(args.seed + 3))
        etas = [ETA0 * ETA_DECAY ** e for e in range(args.epochs)]
        history, orders = learn_subspace(snn, Replay(spikes, np.arange(n)), w0, etas,
                                         np.random.default_rng(args.seed + 4), args.seed, work)
        curves = [subspace_metrics(w, c, top_vectors, top_variance) for w in history]
        reference = numpy_reference(x, w0, etas, orders)
        numpy_difference = float(np.abs(history[-1] - reference).max())
        print(f"subspace: {args.epochs} epochs done at {time.perf_counter() - started:.0f} s", file=sys.stderr)

        cl = continual_learning(snn, spikes, x_tasks, labels, args.seed, work)

    final = curves[-1]
    rng = np.random.default_rng(args.seed + 5)
    probe = rng.standard_normal((1000, HIDDEN))
    basis = np.linalg.qr(history[-1].T)[0]
    residual = probe - (probe @ basis) @ basis.T
    kept_in_pca = float(np.mean(np.linalg.norm(residual @ top_vectors, axis=1) / np.linalg.norm(probe @ top_vectors, axis=1)))
    checks = {
        f"variance ratio >= {VARIANCE_RATIO_MIN}": final["variance_ratio"] >= VARIANCE_RATIO_MIN,
        f"median principal angle <= {MEDIAN_ANGLE_MAX_DEG} deg": final["median_angle_deg"] <= MEDIAN_ANGLE_MAX_DEG,
        f"max |W W^T - I| <= {ORTHONORMAL_TOL}": final["orthonormality_error"] <= ORTHONORMAL_TOL,
        f"SwiftSNN W = NumPy reference to {NUMPY_MATCH_TOL}": numpy_difference <= NUMPY_MATCH_TOL,
        "BWT(projected) > BWT(plain)": cl["projected"]["BWT"] > cl["plain"]["BWT"],
        "ACC(projected) > ACC(plain)": cl["projected"]["ACC"] > cl["plain"]["ACC"],
    }
    seconds = time.perf_counter() - started
    results = {
        "setup": {"digits": n, "inputs": 64, "hidden": HIDDEN, "lateral": K, "dt_ms": DT_MS, "on_ms": ON_MS,
                  "window_ms": WINDOW_MS, "max_rate_hz": MAX_RATE_HZ, "epochs": args.epochs, "eta0": ETA0,
                  "eta_decay_per_epoch": ETA_DECAY, "momentum": MOMENTUM, "clip": CLIP, "seed": args.seed,
                  "tasks": TASKS, "train": TRAIN, "test": n - TRAIN, "cl_subspace_epochs": CL_EPOCHS,
                  "readout_epochs": READOUT_EPOCHS, "readout_lr": READOUT_LR, "batch": BATCH},
        "hidden_mean_rate_hz": float(x_all.mean() * 1000),
        "eigenvalue_gap_20_21": float(eigenvalues[K - 1] / eigenvalues[K]),
        "final": final,
        "numpy_max_abs_difference": numpy_difference,
        "random_vector_pca_component_kept_by_projection": kept_in_pca,
        "per_epoch": curves,
        "continual_learning": cl,
        "checks": checks,
        "passed": all(checks.values()),
        "seconds": seconds,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    plot(curves, cl, args.out / "hebbian_subspace.png")

    print(f"oja_subspace, {K} lateral neurons on {HIDDEN} LIF rates of {n} digits, {args.epochs} epochs ({seconds:.0f} s):")
    print(f"  variance captured / top-{K} PCA  {final['variance_ratio']:.4f}")
    print(f"  principal angles                 median {final['median_angle_deg']:.2f} deg, max {final['max_angle_deg']:.1f} deg "
          f"(lambda_{K}/lambda_{K + 1} = {results['eigenvalue_gap_20_21']:.3f})")
    print(f"  max |W W^T - I|                  {final['orthonormality_error']:.1e}")
    print(f"  max |W - NumPy reference|        {numpy_difference:.1e}")
    print(f"  random vector: PCA component kept by the projection {kept_in_pca:.3f}")
    print(f"permuted digits, {TASKS} tasks, linear readout:")
    for method in ("plain", "projected"):
        r = cl[method]
        print(f"  {method:9s}  BWT {r['BWT']:+.3f}  ACC {r['ACC']:.3f}  accuracy just after learning each task "
              + " ".join(f"{a:.2f}" for a in r["learned"]))
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    print(f"outputs in {args.out}")
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SnnError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
