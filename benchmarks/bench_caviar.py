"""CAVIAR analysis (Gladyshev et al. 2025) at the issue's size: 10,000 atoms × 20 object states.

The chain, timed as one call: atom positions from the phases of 20 states (phase-weighted centres of mass in discs of
0.45 Å, re-centred once), displacements (Eq. 1), correlation vectors of every atom with itself and its neighbours,
B-factors, and the dispersion (Eqs. 5–6) at 16 q-points. stemlab.ptycho.caviar against a plain numpy/scipy reference
of the same chain: scipy.ndimage.center_of_mass per atom and state, np.cov per atom pair, np.var per atom, and a
per-q covariance of the mode amplitudes. Both run on the same phases; the script checks that they agree and prints
both times and the ratio (goal: stemlab under 10 s).

Input: a rectangular crystal of 100 × 50 cells with two sites (10,000 atoms, 1.5 Å apart), thermal displacements of
σ = 0.05 Å, rendered as Gaussian phase peaks (σ 0.25 Å, 0.3 rad) on a 0.1 Å grid, one image per state.

Run: .venv/bin/python benchmarks/bench_caviar.py
"""
import os
import sys
import time

os.environ.setdefault("STEMLAB_PROGRESS", "0")
import numpy as np
import scipy.ndimage

sys.path.insert(0, os.path.dirname(__file__))
from timing import best_of

from stemlab.lattice import render_columns
from stemlab.ptycho.caviar import (b_factors, correlation_vectors, dispersion_from_displacements, displacements,
                                   neighbour_pairs, phase_centroids)

N_STATES, CELLS, SAMPLING, RADIUS, CUTOFF, TEMPERATURE, MASSES = 20, (100, 50), 0.1, 0.45, 1.6, 300.0, (10.81, 14.007)
cell = np.array([3.0, 3.0])                                        # Å, (x, y); sites at (0.75, 1.5) and (2.25, 1.5)
ix, iy = np.meshgrid(np.arange(CELLS[0]), np.arange(CELLS[1]), indexing="ij")
origins = np.repeat(np.stack([ix.ravel(), iy.ravel()], 1) * cell, 2, axis=0)   # (atoms, 2) Å
basis = np.tile([0, 1], CELLS[0] * CELLS[1])
xy = origins + np.array([[0.75, 1.5], [2.25, 1.5]])[basis]
shape = (int(round(CELLS[1] * cell[1] / SAMPLING)), int(round(CELLS[0] * cell[0] / SAMPLING)))   # (y, x) px
generator = np.random.default_rng(0)
truth = xy + 0.05 * generator.standard_normal((N_STATES, len(xy), 2))
phases = np.stack([render_columns(shape, state / SAMPLING, sigma_px=2.5, amplitude=0.3) for state in truth])
reciprocal = 2 * np.pi / cell
q = np.stack(np.meshgrid(np.arange(4) / CELLS[0], np.arange(4) / CELLS[1] * 10, indexing="ij"), -1).reshape(-1, 2)
q = q * reciprocal                                                  # 16 commensurate q-points, Å⁻¹
print(f"{len(xy)} atoms × {N_STATES} states, phases {phases.shape} ({phases.nbytes / 2**20:.0f} MiB)")


def stemlab_chain():
    found = phase_centroids(phases, xy, RADIUS, SAMPLING)          # (states, atoms, 2)
    pairs = neighbour_pairs(xy, CUTOFF)
    return dict(found=found, pairs=pairs, V=correlation_vectors(found, pairs), B=b_factors(found),
                nu=dispersion_from_displacements(found, origins, basis, q, TEMPERATURE, MASSES))


def reference_chain(pairs):
    "The same numbers with scipy.ndimage.center_of_mass per atom and state, np.cov per pair, loops over q."
    r_px = RADIUS / SAMPLING
    reach = int(np.ceil(r_px))
    dy, dx = np.mgrid[-reach:reach + 1, -reach:reach + 1]
    disc = dx**2 + dy**2 <= r_px**2
    found = np.empty_like(truth)
    for n in range(N_STATES):
        for a in range(len(xy)):
            centre = xy[a] / SAMPLING
            for _ in range(2):
                cx, cy = np.rint(centre).astype(int)
                rows = np.mod(cy + np.arange(-reach, reach + 1), shape[0])
                cols = np.mod(cx + np.arange(-reach, reach + 1), shape[1])
                patch = phases[n][np.ix_(rows, cols)]
                weights = np.where(disc, patch - patch[disc].min(), 0.0)
                com_y, com_x = scipy.ndimage.center_of_mass(weights)
                centre = np.array([cx - reach + com_x, cy - reach + com_y])
            found[n, a] = centre * SAMPLING
    u = found - found.mean(axis=0)
    V = np.empty((len(pairs), 2, 2))
    for p, (i, j) in enumerate(pairs):
        block = np.cov(np.concatenate([u[:, i], u[:, j]], axis=1), rowvar=False, bias=True)
        V[p] = block[:2, 2:]
    B = 8 * np.pi**2 * (np.var(found[..., 0], axis=0) + np.var(found[..., 1], axis=0))
    kT = 1.380649e-23 * TEMPERATURE
    masses = np.repeat(np.array(MASSES), 2) * 1.66053906660e-27
    nu = np.empty((len(q), 4))
    for k, qv in enumerate(q):
        phase = np.exp(-1j * origins @ qv) / np.sqrt(len(xy) // 2)
        modes = np.stack([(u[:, basis == s, c] * phase[basis == s]).sum(axis=1) for s in (0, 1) for c in (0, 1)], 1)
        weighted = modes * np.sqrt(masses) * 1e-10                  # kg^½ m
        lam = np.linalg.eigvalsh(weighted.T @ weighted.conj() / N_STATES)
        lam = np.where(lam > 1e-9 * lam.max(), lam, np.inf)
        nu[k] = np.sort(np.sqrt(kT / lam)) / (2 * np.pi) / 1e12
    return dict(found=found, V=V, B=B, nu=nu)


stemlab_chain()                                                    # warm-up (imports, first-call overheads)
t_stemlab, ours = best_of(stemlab_chain, repeats=3)
t_reference, ref = best_of(lambda: reference_chain(ours["pairs"]), repeats=1)
print(f"pairs: {len(ours['pairs'])}; position error vs planted: "
      f"{np.sqrt(((displacements(ours['found']) - displacements(truth))**2).mean()):.4f} Å rms")
for key in ("found", "V", "B", "nu"):
    scale = np.abs(ref[key][np.isfinite(ref[key])]).max()
    diff = np.nanmax(np.abs(np.where(np.isfinite(ref[key]), ours[key] - ref[key], 0))) / scale
    print(f"  {key}: largest difference stemlab − reference {diff:.1e} of its largest value")
    assert diff < 1e-6, key
print(f"stemlab chain:   {t_stemlab:.2f} s (best of 3)")
print(f"numpy/scipy ref: {t_reference:.2f} s")
print(f"ratio reference/stemlab: {t_reference / t_stemlab:.1f}x; goal stemlab < 10 s: {'met' if t_stemlab < 10 else 'NOT met'}")
