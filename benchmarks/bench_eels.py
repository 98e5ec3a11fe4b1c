"""q-selective vibrational EELS (Yan et al. 2025): stemlab against exspy/hyperspy on one 60×60×2048 spectrum image.

1. Background: the same aligned, normalised, 4×4-binned spectrum image and one window (20–60 meV), power law
   A·E^−r: stemlab.eels.fit_background(model="power") (vectorised over all pixels) against hyperspy/exspy's
   remove_background(background_type="Power law") with fast=False (a least-squares fit per pixel, the same
   estimator) and fast=True (Egerton's two-area estimate, a different, cruder estimator). Prints times, ratios and
   the largest relative difference of the backgrounds in the window.
2. The whole stemlab pipeline (ZLP alignment, normalisation, binning, three-window a·E^−b + c fit, energy maps,
   HAADF reference lattice, per-cell affine averaging): wall time, and the peak memory traced by tracemalloc during
   the spectral part, relative to the spectrum image's size.

Run: .venv/bin/python benchmarks/bench_eels.py
"""
import os
import time
import tracemalloc

os.environ.setdefault("STEMLAB_PROGRESS", "0")
import numpy as np

from stemlab.eels import (align_zlp, average_unit_cells_affine, bin_spatial, fit_background, process_spectrum_image,
                          reference_lattice, synthesize_spectrum_image)
from stemlab.io import to_hyperspy

synthetic = synthesize_spectrum_image(shape_px=(60, 60), energy_range_meV=(-30.0, 993.5), seed=0)
spectra, energy = synthetic.spectra, synthetic.energy_meV
print(f"spectrum image {spectra.shape} {spectra.dtype}, {spectra.nbytes / 2**20:.1f} MiB")

# warm-up on a small set (imports of atomap/hyperspy, first-call overheads), not timed
small = synthesize_spectrum_image(seed=1)  # 60×60, -30..150 meV
average_unit_cells_affine(process_spectrum_image(small.energy_meV, small.spectra).maps,
                          reference_lattice(small.haadf, 7.0))

# ---- 1. background: stemlab vs exspy on identical data and one window
binned = bin_spatial(align_zlp(energy, spectra).spectra, 4).astype(np.float64)
window = (20.0, 60.0)
start = time.perf_counter()
ours = fit_background(energy, binned, [window], model="power")
t_ours = time.perf_counter() - start
import exspy  # noqa: F401,E402  (registers the EELS signal type)

signal = to_hyperspy(binned, [{}, {}, {"scale": float(energy[1] - energy[0]), "offset": float(energy[0]),
                                      "units": "meV"}], signal_type="EELS")
in_window = (energy >= window[0]) & (energy <= window[1])
peer = {}
for fast in (True, False):
    start = time.perf_counter()
    removed = signal.remove_background(signal_range=window, background_type="Power law", fast=fast,
                                       show_progressbar=False, plot_remainder=False, display=False)
    peer[fast] = (time.perf_counter() - start, (binned - removed.data)[..., in_window])
for fast, label in ((False, "fit, fast=False"), (True, "two-area, fast=True")):
    seconds, background = peer[fast]
    difference = np.abs(ours.background[..., in_window] / background - 1).max()
    print(f"exspy remove_background ({label}): {seconds:7.3f} s; stemlab fit_background(power) {t_ours:.3f} s; "
          f"ratio exspy/stemlab {seconds / t_ours:6.1f}x; max relative difference {difference:.1e}")
print(f"stemlab failed fits: {ours.failed.sum()} of {ours.failed.size}")

# ---- 2. the whole stemlab pipeline
start, cpu_start = time.perf_counter(), time.process_time()
processed = process_spectrum_image(energy, spectra)
t_spectral, cpu_spectral = time.perf_counter() - start, time.process_time() - cpu_start
average = average_unit_cells_affine(processed.maps, reference_lattice(synthetic.haadf, 7.0))
t_total, cpu_total = time.perf_counter() - start, time.process_time() - cpu_start
print(f"stemlab pipeline: spectral steps {t_spectral:.2f} s wall ({cpu_spectral:.2f} s CPU), with reference lattice "
      f"and per-cell averaging {t_total:.2f} s wall ({cpu_total:.2f} s CPU; {len(average.cells_ij)} cells); "
      f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

del processed
tracemalloc.start()
processed = process_spectrum_image(energy, spectra)
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(f"peak memory traced during the spectral pipeline: {peak / 2**20:.1f} MiB = {peak / spectra.nbytes:.2f}x "
      f"the spectrum image ({spectra.dtype}; the input itself not counted); the returned background alone is "
      f"{processed.background.background.nbytes / spectra.nbytes:.2f}x")
