"""FRFPMS benchmark: share of the time spent inside abTEM's multislice, and memory against snapshot count.

Run: .venv/bin/python benchmarks/bench_frfpms.py [n_snapshots]
The peer is abTEM itself: FRFPMS is a thin streaming layer around `abtem.Probe.multislice`, so the figure of merit
is the share of wall time spent in abTEM (the issue's goal: > 90 %). Profiled with cProfile over one whole `frfpms`
call (snapshot sampling, Atoms, dask, abTEM, the far-field transforms and the accumulation):

* inside abTEM: the cumulative time of every abTEM function that `stemlab.simulate` calls (building the potential
  and the probe, the multislice and abTEM's dask compute), summed over those calls with cProfile's per-caller
  times. This is stricter than the earlier definition (the whole of `stemlab.simulate.exit_waves`), which also
  counted stemlab's own work inside it (input checks, the z-shift of the snapshots, the reshape); both are printed.
* steady state: a first, untimed 1-snapshot call pays the once-per-process costs (dask importing
  dask.distributed when it resolves a scheduler, abTEM's FFTW planning for a new grid); its share is printed too.

Force constants: the SrTiO3 2x2x2 force constants from scratch (CHGNet + phonopy, no disk cache), wall and CPU
time against the issue's goal (< 60 s on 2 cores).

Memory: the peak of tracemalloc-tracked allocations (numpy reports its buffers) at 2 and at 4·n snapshots must be
the same, since only one snapshot's waves and the running sums are alive at a time.
"""
import cProfile
import os
import pstats
import sys
import time
import tracemalloc

os.environ.setdefault("STEMLAB_PROGRESS", "0")
from stemlab.frfpms import frfpms, scan_grid
from stemlab.phonons import band_sampler, force_constants, paper_bands
from stemlab.structures import srtio3


def profiled(call):
    "(wall seconds, pstats.Stats) of `call()`."
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    call()
    profile.disable()
    return time.perf_counter() - start, pstats.Stats(profile)


def abtem_seconds(stats) -> float:
    "Seconds inside abTEM functions called from stemlab/simulate.py (per-caller cumulative times)."
    return sum(per_caller[3] for (path, _, _), (*_, callers) in stats.stats.items() if f"{os.sep}abtem{os.sep}" in path
               for caller, per_caller in callers.items() if caller[0].endswith(os.path.join("stemlab", "simulate.py")))


def cumulative(stats, name: str, path_end: str) -> float:
    "Cumulative seconds of the function `name` defined in a file ending with `path_end`."
    return sum(v[3] for k, v in stats.stats.items() if k[2] == name and k[0].endswith(path_end))


n_snapshots = int(sys.argv[1]) if len(sys.argv) > 1 else 4
sto = srtio3(a=3.9088)
wall, cpu = time.perf_counter(), time.process_time()
ph = force_constants(sto, (2, 2, 2), cache=False)  # CHGNet + phonopy from scratch, not the disk cache
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(f"SrTiO3 force constants (2x2x2, uncached): {wall:.1f} s wall, {cpu:.1f} s CPU (goal: < 60 s on 2 cores)")
sampler = band_sampler(ph, (4, 4, 8), 300.0, bands_THz=paper_bands([3, 12, 15, 24]), seed=0)
a = sto.cell[0, 0]
grid = scan_grid(((0, 0), (a, a)), (8, 8))
print(f"{n_snapshots} snapshots x {len(sampler.bands_THz)} bands x {len(grid[0])} positions, "
      f"{len(sampler.reference)} atoms; load average {os.getloadavg()[0]:.2f}")

for label, n in (("cold (first call, 1 snapshot)", 1), ("steady state", n_snapshots)):
    total, stats = profiled(lambda: frfpms(sampler, grid, n_snapshots=n))
    inside, whole = abtem_seconds(stats), cumulative(stats, "exit_waves", "simulate.py")
    sampling = cumulative(stats, "displacements", "phonons.py")
    print(f"{label}: frfpms {total:.2f} s; inside abTEM {inside:.2f} s ({100 * inside / total:.1f} %); "
          f"all of exit_waves {whole:.2f} s ({100 * whole / total:.1f} %); snapshot sampling {sampling:.3f} s "
          f"({100 * sampling / total:.1f} %)")

for n in (2, 4 * n_snapshots):
    tracemalloc.start()
    frfpms(sampler, grid, n_snapshots=n)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"peak traced memory with {n:3d} snapshots: {peak:.1f} MiB")
