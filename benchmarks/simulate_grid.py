"""Time abTEM's HAADF scan on its own grid (extent / sampling → 239² for 2×2 SrTiO3 cells at the 0.0328 Å that reaches 200 mrad) against
the same scan on stemlab's fast-FFT grid (`stemlab.simulate.fast_gpts` → 240²). Same structure, probe,
detector and scan; each timed after one warm-up run (FFTW planning). Prints both times and the ratio.

Run: .venv/bin/python benchmarks/simulate_grid.py
"""
import os
import time

os.environ.setdefault("STEMLAB_PROGRESS", "0")
import abtem
import numpy as np

from stemlab.simulate import fast_gpts, sampling_for_angle
from stemlab.structures import srtio3, supercell, slab


def haadf_seconds(atoms, grid: dict, repeats: int = 2) -> tuple[float, np.ndarray]:
    probe = abtem.Probe(energy=300e3, semiangle_cutoff=22)
    potential = abtem.Potential(atoms, slice_thickness=3.905 / 2, **grid)
    scan = abtem.GridScan(start=(0, 0), end=(3.905, 3.905), sampling=0.4, endpoint=False)
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        image = probe.scan(potential, scan=scan, detectors=abtem.AnnularDetector(48, 200)).compute(progress_bar=False)
        times.append(time.perf_counter() - start)
    return min(times[1:]), image.array


atoms = slab(supercell(srtio3(), (2, 2, 1)), 31.2)
sampling = sampling_for_angle(200.0, 300e3)  # coarsest grid whose band limit reaches the 200 mrad detector edge
t_abtem, img_abtem = haadf_seconds(atoms, {"sampling": sampling})
t_stemlab, img_stemlab = haadf_seconds(atoms, {"gpts": fast_gpts(atoms.cell.lengths()[:2], sampling)})
print(f"abTEM grid  {abtem.Potential(atoms, sampling=sampling).gpts}: {t_abtem:6.2f} s")
print(f"stemlab grid {fast_gpts(atoms.cell.lengths()[:2], sampling)}: {t_stemlab:6.2f} s")
print(f"speed-up abTEM/stemlab: {t_abtem / t_stemlab:.2f}x; "
      f"max image difference {np.abs(img_stemlab - img_abtem).max() / img_abtem.max():.2%} of the image maximum")
