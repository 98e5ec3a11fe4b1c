"""Time stemlab.distortion's Gaussian-process regression against scikit-learn's on the same 2,025 columns, and the
correction of a 1024 x 1024 image.

1. GP: a 45 x 45 lattice (22 px spacing, ~1000 x 1000 px field of view) displaced by a fly-back plus a smooth
   random field, with 0.05 px of position noise, DF_x and DF_y each regressed by an exact GP with learned RBF
   hyperparameters: stemlab (Pyro model, float64, L-BFGS on the log-hyperparameters with the analytic gradient,
   warm-started on 500 columns) and scikit-learn's GaussianProcessRegressor (ConstantKernel * RBF + WhiteKernel, its
   own L-BFGS-B, n_restarts_optimizer=0). stemlab is timed best of 3 by default (hyperparameters learned on all
   2,025 columns) and with max_train=1000 (learned on a random 1,000, exact posterior on all); scikit-learn once
   (it takes minutes). Wall and CPU seconds are printed (on a shared machine CPU time is the steadier number), with
   the number of likelihood evaluations, the learned hyperparameters of both, and how closely the posterior means
   agree at 128 x 128 nodes (a 1024 x 1024 map every 8 px): scikit-learn with stemlab's hyperparameters held fixed
   gives the same posterior (to ~1e-7 px here: the long lengthscales make the kernel matrix ill-conditioned).
   Goal: stemlab's exact GP on 2,000 columns in under 30 s on 2 cores, hyperparameter learning included.
2. Correction: `correct_image` of a 1024 x 1024 frame with its true field (inverse mapping by fixed-point
   iteration + bilinear interpolation), best of 3, beside one `scipy.ndimage.map_coordinates` pass over the same
   image (the floor). Goal: under 1 s.

Run: .venv/bin/python benchmarks/bench_distortion.py  (--quick: 15 x 15 columns, a 256 x 256 image, one repeat; a
seconds-long check that the script runs, not a benchmark)
"""
import argparse
import os

os.environ.setdefault("STEMLAB_PROGRESS", "0")
import numpy as np
import torch
from scipy import ndimage
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

from stemlab.distortion import correct_image, fit_gp, synthesize_distorted_stack
from timing import best_wall_and_cpu

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--quick", action="store_true", help="15 x 15 columns, 256 x 256 image, one repeat")
QUICK = parser.parse_args().quick
SIDE, IMAGE_PX, REPEATS, MAX_TRAIN = (15, 256, 1, 100) if QUICK else (45, 1024, 3, 1000)

SIZE_NOTE = " [--quick: not the goal's size]" if QUICK else ""
print(f"load average {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores; torch threads {torch.get_num_threads()}")

# 1. GP regression on 2,025 columns (225 with --quick)
gen = np.random.default_rng(0)
i, j = np.meshgrid(np.arange(SIDE), np.arange(SIDE))
ideal = 11.0 + 22.0 * np.column_stack([i.ravel(), j.ravel()]).astype(float)
truth = np.column_stack([6.0 * np.exp(-ideal[:, 0] / 60) + np.sin(ideal[:, 1] / 150),
                         0.8 * np.cos(ideal[:, 0] / 200 + ideal[:, 1] / 170)])
points = ideal + truth
df = truth + gen.normal(0, 0.05, truth.shape)
nodes = np.stack(np.meshgrid(np.arange(0, IMAGE_PX, 8.0), np.arange(0, IMAGE_PX, 8.0)), -1).reshape(-1, 2)
print(f"\nexact GP, {len(points)} columns, 2 components")


def learned(gp):
    "ℓ (px), σ_f² and σ_n² (px²) of a stemlab GP."
    return gp.lengthscale_px, gp.variance, gp.noise


def sklearn_learned(regressor):
    "ℓ (px), σ_f² and σ_n² (px²) of a fitted scikit-learn GaussianProcessRegressor."
    params = regressor.kernel_.get_params()
    return params["k1__k2__length_scale"], params["k1__k1__constant_value"], params["k2__noise_level"]


t_all, c_all, ours = best_wall_and_cpu(lambda: [fit_gp(points, df[:, c]) for c in range(2)], REPEATS)
t_subset, c_subset, subset = best_wall_and_cpu(lambda: [fit_gp(points, df[:, c], max_train=MAX_TRAIN)
                                                        for c in range(2)], REPEATS)
t_theirs, c_theirs, theirs = best_wall_and_cpu(lambda: [
    GaussianProcessRegressor(ConstantKernel(1.0, (1e-4, 1e7)) * RBF(50.0, (1.0, 1e4)) + WhiteKernel(0.01, (1e-8, 1.0)),
                             n_restarts_optimizer=0).fit(points, df[:, c] - df[:, c].mean()) for c in range(2)], repeats=1)
t_ours_predict, _, ours_mean = best_wall_and_cpu(lambda: np.stack([gp.predict(nodes)[0] for gp in ours], 1), repeats=1)
t_theirs_predict, _, theirs_mean = best_wall_and_cpu(
    lambda: np.stack([gp.predict(nodes) + df[:, c].mean() for c, gp in enumerate(theirs)], 1), repeats=1)
same_posterior = np.stack([
    GaussianProcessRegressor(ConstantKernel(gp.variance, "fixed") * RBF(gp.lengthscale_px, "fixed"),
                             alpha=gp.noise + 1e-6, optimizer=None).fit(points, df[:, c] - gp.offset).predict(nodes)
    + gp.offset for c, gp in enumerate(ours)], 1)
for c in range(2):
    rows = [("stemlab, all columns (default)", learned(ours[c])), (f"stemlab, max_train={MAX_TRAIN}", learned(subset[c])),
            ("scikit-learn", sklearn_learned(theirs[c]))]
    print(f"  DF_{'xy'[c]}: likelihood evaluations {ours[c].evaluations} (500 columns, then all {len(points)}; "
          f"default), {subset[c].evaluations} (max_train={MAX_TRAIN})")
    for name, (lengthscale, variance, noise) in rows:
        print(f"    {name:31s} ℓ {lengthscale:7.2f} px, σ_f² {variance:10.4g} px², σ_n² {noise:.4e} px²")
print(f"  fit, stemlab (hyperparameters on all columns, the default):        {t_all:7.2f} s wall, {c_all:6.2f} s CPU "
      f"(best of {REPEATS})")
print(f"  fit, stemlab (hyperparameters on {MAX_TRAIN} columns, max_train={MAX_TRAIN}):    {t_subset:7.2f} s wall, "
      f"{c_subset:6.2f} s CPU (best of {REPEATS})")
print(f"  fit, scikit-learn (all columns, its own optimiser):                {t_theirs:7.2f} s wall, {c_theirs:6.2f} s CPU "
      "(one run)")
print(f"  ratio scikit-learn/stemlab (all columns): {t_theirs / t_all:.1f} wall, {c_theirs / c_all:.1f} CPU")
print(f"  predict at {len(nodes)} nodes: stemlab {t_ours_predict:.2f} s (mean and std), scikit-learn "
      f"{t_theirs_predict:.2f} s (mean)")
print(f"  max |stemlab − scikit-learn| mean: {np.abs(ours_mean - same_posterior).max():.2e} px at stemlab's "
      f"hyperparameters, {np.abs(ours_mean - theirs_mean).max():.2e} px with each its own")
print(f"  goal: exact GP on 2,000 columns, learning on all, < 30 s on 2 cores -> {'met' if t_all < 30 else 'NOT met'} "
      f"({t_all:.1f} s wall, {c_all:.1f} s CPU){SIZE_NOTE}")

# 2. correcting a 1024 x 1024 image (256 x 256 with --quick)
stack = synthesize_distorted_stack(shape=(IMAGE_PX, IMAGE_PX), n_frames=1, lattice_px=22.0, sigma_px=3.0, flyback_px=12.0,
                                   flyback_tau_px=60.0, static_random_px=1.5, correlation_px=60.0, seed=1)
image, field = stack.frames[0], stack.field_px[0]
t_correct, c_correct, corrected = best_wall_and_cpu(lambda: correct_image(image, field), REPEATS)
yy, xx = np.mgrid[:IMAGE_PX, :IMAGE_PX].astype(float)
t_floor, c_floor, _ = best_wall_and_cpu(lambda: ndimage.map_coordinates(image, [yy + field[1], xx + field[0]], order=1),
                                        REPEATS)
print(f"\ncorrect_image, {IMAGE_PX} x {IMAGE_PX} (best of {REPEATS}): {t_correct:.3f} s wall, {c_correct:.3f} s CPU "
      f"(one map_coordinates pass: {t_floor:.3f} s wall, {c_floor:.3f} s CPU; ratio {c_correct / c_floor:.1f} in CPU); "
      f"goal < 1 s -> {'met' if t_correct < 1 else 'NOT met'} in wall time, {'met' if c_correct < 1 else 'NOT met'} "
      f"in CPU time{SIZE_NOTE}")
