"Shared timing helpers for the benchmark scripts (run as `python benchmarks/bench_<method>.py`)."
import time


def best_wall_and_cpu(call, repeats=3):
    """Smallest wall time (s) and smallest CPU time (s, this process, all its threads; `time.process_time`) of
    `repeats` calls of `call()`, and the last result. On a shared machine CPU time is the steadier number."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def best_of(call, repeats=3):
    "Smallest wall time (s) of `repeats` calls of `call()`, and the last result."
    wall, _, result = best_wall_and_cpu(call, repeats)
    return wall, result
