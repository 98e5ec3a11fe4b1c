"""Template masks at scale: stemlab.templates against the memory-bandwidth bound, in memory and streamed.

A 128 x 128 scan x 128 x 128 detector float32 dataset (1 GiB) of Poisson counts. The bound is one BLAS
matrix-vector product over the same array (D @ v, the least any pass over D can cost). We time, best of `REPEATS`:
  in memory:  pcc_map (statistics + correlation, one pass), apply_mask raw (Eq. 2) and zscore (Eq. 7, stats given);
  streamed:   the same from an uncompressed zarr store through dask (chunked over the scan), beside dask's own
              D @ v over the same store; and, in `--memory-runs` fresh processes, the peak resident memory of a
              streamed pcc_map above the process's baseline, in units of one chunk (min / median / max).
The calls of one table are timed in turn, round after round, so that a change in the machine's load hits them alike,
each SETTLE_S after the previous one returned (OpenBLAS's threads spin ~0.1 s after every call: the script measures
it); the in-memory table is repeated with one thread for both numba and BLAS (less sensitive to what else runs).
explore(...) on the same set: median (min, max) ms per slider move and per click over 9 of each (goal < 200 ms).
pcc_map's statistics pass is a numba kernel: its first call compiles it (or loads it from numba's cache); both are
timed in fresh processes (an empty NUMBA_CACHE_DIR, then the same one again) and kept out of the timings above, which
start after a warm-up call.
Usage: .venv/bin/python benchmarks/bench_templates.py [--chunk-rows 4] [--repeats 5] [--memory-runs 5] [--keep]
                                                     [--in-memory-only]
       .venv/bin/python benchmarks/bench_templates.py --memory-only STORE.zarr   (one peak-memory measurement)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from timing import best_of

SCAN = DETECTOR = 128



def make_data(seed=0):
    "1 GiB float32 counts: a smooth disc pattern modulated over the scan, plus Poisson-like noise."
    gen = np.random.default_rng(seed)
    k = np.hypot(*np.mgrid[-64:64, -64:64])
    pattern = np.where(k < 30, 40.0, 40.0 * np.exp(-(k - 30) / 15)).astype(np.float32)
    y, x = np.mgrid[:SCAN, :SCAN]
    modulation = (1 + 0.1 * np.cos(2 * np.pi * x / 16) * np.cos(2 * np.pi * y / 16)).astype(np.float32)
    data = np.empty((SCAN, SCAN, DETECTOR, DETECTOR), np.float32)
    for row in range(SCAN):  # row by row keeps the temporaries small
        mean = modulation[row][:, None, None] * pattern
        data[row] = mean + np.sqrt(mean) * gen.standard_normal(mean.shape, dtype=np.float32)
    template = modulation.astype(np.float64)
    return data, template


def peak_memory_child(path, chunk_bytes):
    "Run in a fresh process: peak RSS of a streamed pcc_map above the baseline, in chunks."
    import dask.array as da
    import zarr
    from stemlab.templates import pcc_map
    store = zarr.open_array(path, mode="r")
    lazy = da.from_zarr(store)
    import threading
    import psutil
    template = np.random.default_rng(1).normal(size=(SCAN, SCAN))
    pcc_map(template[:4, :4], np.ones((4, 4, 8, 8), np.float32) + np.arange(16.0).reshape(4, 4, 1, 1))  # warm-up
    process = psutil.Process()
    baseline = process.memory_info().rss   # ru_maxrss would keep the import peak, so sample the current RSS
    peak, done = [baseline], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    pcc_map(template, lazy)
    done.set()
    sampler.join()
    extra = peak[0] - baseline
    print(json.dumps({"peak_extra_bytes": extra, "chunks": extra / chunk_bytes}))


def first_call_child():
    "Run in a fresh process: seconds of the first pcc_map call on a small float32 set (numba compiles or loads)."
    from stemlab.templates import pcc_map
    gen = np.random.default_rng(0)
    small = gen.poisson(5.0, size=(8, 8, 16, 16)).astype(np.float32)
    start = time.perf_counter()
    pcc_map(gen.normal(size=(8, 8)), small)
    print(json.dumps({"seconds": time.perf_counter() - start}))


SETTLE_S = 0.25   # pause before each timed call: after a call returns, OpenBLAS's idle worker threads spin (sched_yield)
                  # for 2**28 TSC cycles (0.10 s at 2.6 GHz) before they sleep; a call started sooner shares the cores
                  # with them (blas_spin below measures it on this machine)


def blas_spin(call, window_s: float = SETTLE_S, step_s: float = 0.005):
    """CPU seconds that the other threads of this process burn while this one sleeps for `window_s` right after
    `call()` returns, and the end (s) of the last `step_s` step in which they were busy more than a tenth of it:
    OpenBLAS's worker threads spinning while they wait for work."""
    call()
    start, others = time.perf_counter(), lambda: time.process_time() - time.thread_time()
    cpu0 = others()
    last, used = 0.0, 0.0
    while time.perf_counter() - start < window_s:
        time.sleep(step_s)
        now = others() - cpu0
        if now - used > 0.1 * step_s:
            last = time.perf_counter() - start
        used = now
    return used, last


def interleaved_best(calls: dict, repeats: int) -> dict:
    """Best wall time (s) of every call, the calls taken in turn in each of `repeats` rounds, each after a pause of
    SETTLE_S so that no call is timed against the previous call's idle-spinning threads."""
    times = {name: [] for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            time.sleep(SETTLE_S)
            times[name].append(best_of(call, 1)[0])
    return {name: min(seconds) for name, seconds in times.items()}


def in_memory_table(data, calls: dict, repeats: int, title: str) -> float:
    """Print time, GB/s and fraction of the BLAS bound (the call named 'BLAS D @ v (bound)') for every call; returns
    the bound (s)."""
    load = os.getloadavg()[0]
    best = interleaved_best(calls, repeats)
    bound = best["BLAS D @ v (bound)"]
    print(f"\n{title}, best of {repeats}, load average {load:.2f} -> {os.getloadavg()[0]:.2f}")
    print(f"{'':37s} time (s)   GB/s   fraction of bound")
    for name, seconds in best.items():
        print(f"  {name:34s} {seconds:8.3f} {data.nbytes / seconds / 1e9:6.2f}   {bound / seconds:.2f}")
    return bound


def explorer_timings(data, interactions: int = 9):
    "stemlab.templates.explore on the 1 GiB set (1 mrad detector pixels, static figure): build time, ms per action."
    os.environ["STEMLAB_STATIC"] = "1"
    from stemlab.simulate import Dataset4D
    from stemlab.templates import explore
    calibrated = Dataset4D(data, (0.2, 0.2), (1.0, 1.0), 200e3, 20.0)
    start = time.perf_counter()
    explorer = explore(calibrated, inner_mrad=0, outer_mrad=20)
    built = time.perf_counter() - start
    gen = np.random.default_rng(3)
    inner = gen.uniform(0, 40, interactions)
    rings = np.column_stack([inner, inner + gen.uniform(5, 23, interactions)])
    sites = gen.uniform(10, SCAN - 10, size=(interactions, 2))
    load = os.getloadavg()[0]
    moves = [explorer.update(inner_mrad=a, outer_mrad=b) for a, b in rings]
    clicks = [explorer.click(x, y) for x, y in sites]
    summary = lambda seconds: (f"median {1e3 * np.median(seconds):.0f} ms "
                               f"(min {1e3 * min(seconds):.0f}, max {1e3 * max(seconds):.0f})")
    print(f"\nexplorer on this set (static figure, redraw + full Agg draw; load average {load:.2f} -> "
          f"{os.getloadavg()[0]:.2f}): built in {built:.2f} s (pixel statistics + ring images, two passes)\n"
          f"  {interactions} slider moves: {summary(moves)}\n  {interactions} clicks:       {summary(clicks)}\n"
          f"  goal < 200 ms per interaction")


def in_child(*arguments, env=None):
    "Run this script with `arguments` in a fresh process and return the JSON of its last line."
    child = subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True, check=True,
                           env={**os.environ, **(env or {})})
    return json.loads(child.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunk-rows", type=int, default=4, help="scan rows per zarr/dask chunk (4 rows = 32 MiB)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--memory-runs", type=int, default=5, help="fresh processes for the peak-memory measurement")
    parser.add_argument("--keep", action="store_true", help="keep the zarr store")
    parser.add_argument("--memory-only", help="only measure the peak memory of a streamed pcc_map over this zarr store")
    parser.add_argument("--in-memory-only", action="store_true", help="only the in-memory tables (no explorer, zarr)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--first-call", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--chunk-bytes", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return peak_memory_child(args.child, args.chunk_bytes)
    if args.first_call:
        return first_call_child()
    if args.memory_only:
        return peak_memory_child(args.memory_only, args.chunk_rows * SCAN * DETECTOR * DETECTOR * 4)

    import dask.array as da
    import zarr
    from threadpoolctl import threadpool_info, threadpool_limits
    from stemlab.templates import apply_mask, pcc_map, pixel_stats

    import numba
    print(f"numpy {np.__version__}, numba {numba.__version__} ({numba.get_num_threads()} threads), "
          f"BLAS {[i.get('internal_api') for i in threadpool_info()]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-numba-cache-") as cache:
        compile_s = in_child("--first-call", env={"NUMBA_CACHE_DIR": cache})["seconds"]
        cached_s = in_child("--first-call", env={"NUMBA_CACHE_DIR": cache})["seconds"]
    print(f"first pcc_map call in a fresh process: {compile_s:.1f} s compiling the numba kernel (float32), "
          f"{cached_s:.2f} s loading it from numba's cache")
    data, template = make_data()
    gib = data.nbytes / 2**30
    matrix = data.reshape(SCAN * SCAN, DETECTOR * DETECTOR)
    vector = np.ones(DETECTOR * DETECTOR, np.float32)
    mask = np.random.default_rng(2).normal(size=(DETECTOR, DETECTOR))
    print(f"dataset {data.shape} float32, {gib:.2f} GiB")

    stats = pixel_stats(data)   # also the warm-up: the kernel is compiled (or loaded) before any timing
    spun, last = blas_spin(lambda: matrix @ vector)
    print(f"after D @ v returns, the idle BLAS threads burn {spun:.3f} s of CPU, the last at {last:.3f} s "
          f"(timed calls start {SETTLE_S} s after the previous one)")
    calls = {"BLAS D @ v (bound)": lambda: matrix @ vector,
             "pcc_map (stats + r, one pass)": lambda: pcc_map(template, data),
             "apply_mask raw (Eq. 2)": lambda: apply_mask(data, mask, target="raw"),
             "apply_mask zscore (Eq. 7, stats)": lambda: apply_mask(data, mask, stats=stats)}
    threads = numba.get_num_threads()
    bound = in_memory_table(data, calls, args.repeats, f"in memory ({threads} numba threads, BLAS's own)")
    with threadpool_limits(1):
        numba.set_num_threads(1)
        in_memory_table(data, {name: calls[name] for name in list(calls)[:2]}, args.repeats,
                        "in memory, one thread (numba and BLAS)")
        numba.set_num_threads(threads)
    if args.in_memory_only:
        return
    explorer_timings(data)

    folder = tempfile.mkdtemp(prefix="bench-templates-")
    path = os.path.join(folder, "data.zarr")
    chunks = (args.chunk_rows, SCAN, DETECTOR, DETECTOR)
    chunk_bytes = int(np.prod(chunks)) * 4
    store = zarr.create_array(store=path, shape=data.shape, dtype=data.dtype, chunks=chunks, compressors=None)
    store[...] = data
    lazy = da.from_zarr(zarr.open_array(path, mode="r"))
    print(f"\nstreamed from zarr (uncompressed, chunks {chunks}, {chunk_bytes / 2**20:.0f} MiB)")
    print(f"{'':37s} time (s)   GB/s   fraction of dask D @ v, of BLAS in memory")
    best = interleaved_best({"dask D @ v (streamed bound)": lambda: (lazy.reshape(SCAN * SCAN, -1) @ vector).compute(),
                             "pcc_map": lambda: pcc_map(template, lazy),
                             "apply_mask zscore (stats)": lambda: apply_mask(lazy, mask, stats=stats)}, args.repeats)
    dask_bound = best["dask D @ v (streamed bound)"]
    for name, seconds in best.items():
        print(f"  {name:34s} {seconds:8.3f} {data.nbytes / seconds / 1e9:6.2f}   {dask_bound / seconds:.2f}"
              f"   {bound / seconds:.2f}")
    in_memory = pcc_map(template, data)
    print(f"  streamed pcc_map equals in-memory to {np.abs(pcc_map(template, lazy) - in_memory).max():.1e}")
    del data, matrix, lazy

    peaks = [in_child("--child", path, "--chunk-bytes", str(chunk_bytes))["chunks"] for _ in range(args.memory_runs)]
    print(f"\npeak memory of a streamed pcc_map above baseline, {args.memory_runs} fresh processes, in chunks of "
          f"{chunk_bytes / 2**20:.0f} MiB: min {min(peaks):.2f}, median {np.median(peaks):.2f}, max {max(peaks):.2f} "
          f"(goal < 3)")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
