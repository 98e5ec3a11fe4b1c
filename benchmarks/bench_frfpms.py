"""FRFPMS benchmark: share of the time spent inside abTEM's multislice, and memory against snapshot count.

Run: .venv/bin/python benchmarks/bench_frfpms.py [n_snapshots]
The peer is abTEM itself: FRFPMS is a thin streaming layer around `abtem.Probe.multislice`, so the figure of merit
is the share of wall time spent in abTEM (the issue's goal: > 90 %). Profiled with cProfile: cumulative time of
`stemlab.simulate.exit_waves` (abTEM potential, probe, multislice and its dask compute; a reshape besides) over
the time of the whole `frfpms` call.
"""
import cProfile
import os
import pstats
import sys
import time
import tracemalloc

os.environ.setdefault("STEMLAB_PROGRESS", "0")
import numpy as np

from stemlab.frfpms import frfpms, scan_grid
from stemlab.phonons import band_sampler, force_constants, paper_bands
from stemlab.structures import srtio3

n_snapshots = int(sys.argv[1]) if len(sys.argv) > 1 else 4
sto = srtio3(a=3.9088)
ph = force_constants(sto, (2, 2, 2))
sampler = band_sampler(ph, (4, 4, 8), 300.0, bands_THz=paper_bands([3, 12, 15, 24]), seed=0)
a = sto.cell[0, 0]
grid = scan_grid(((0, 0), (a, a)), (8, 8))

profile = cProfile.Profile()
start = time.perf_counter()
profile.enable()
result = frfpms(sampler, grid, n_snapshots=n_snapshots)
profile.disable()
total = time.perf_counter() - start
stats = pstats.Stats(profile)
inside = sum(v[3] for k, v in stats.stats.items() if k[2] == "exit_waves" and k[0].endswith("simulate.py"))
sampling = sum(v[3] for k, v in stats.stats.items() if k[2] == "displacements")
print(f"{n_snapshots} snapshots x {len(sampler.bands_THz)} bands x {len(grid[0])} positions, "
      f"{len(sampler.reference)} atoms")
print(f"frfpms total {total:.2f} s; inside abTEM (exit_waves) {inside:.2f} s ({100 * inside / total:.1f} %); "
      f"snapshot sampling {sampling:.2f} s ({100 * sampling / total:.1f} %)")

for n in (2, 2 * n_snapshots):
    tracemalloc.start()
    frfpms(sampler, grid, n_snapshots=n)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"peak traced memory with {n:3d} snapshots: {peak:.1f} MiB")
