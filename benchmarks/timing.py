"Shared timing helper for the benchmark scripts (run as `python benchmarks/bench_<method>.py`)."
import time


def best_of(call, repeats=3):
    "Smallest wall time (s) of `repeats` calls of `call()`, and the last result."
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return min(times), result
