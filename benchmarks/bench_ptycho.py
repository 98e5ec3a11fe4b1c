"""Mixed-state multislice ptychography: stemlab.ptycho.engine against py4DSTEM and PtyRAD on the same data.

Both run on the SAME abTEM data (SrTiO3 [001], 300 kV, 22 mrad focused probe, a periodic box of n x n unit cells
scanned at a/8 over one period, detector pixel lambda/box so the probe window is the box) with the same settings:
raster positions, probe from the same aberrations and semi-angle, slices and their thickness, probe modes, iterations,
mini-batch size, object and probe both learned, positions fixed. Printed for each: time per iteration (median) and the
phase error of the slice-summed phase over one period against the true projected phase sigma * V (abTEM's projected
potential of the same atoms on the same grid; stemlab.ptycho.analysis.phase_error: registered, mean-removed,
normalised r.m.s.). For stemlab also the FFT floor: ffts_per_iteration(...) x the time of one 2-D FFT of a window at
the best throughput of batched torch FFTs here (same threads; batches of 1 to 32 positions x modes, the fastest;
measured right after the reconstruction), and the same count at the per-FFT time of one (BATCH, modes, N, N) fft2.
This machine's speed drifts by several per cent within a minute, so the floor is also measured right after each timed
iteration (in the engine's callback, outside its clock) and the ratio taken iteration by iteration; its median is the
number compared with the goal. The engine's own FFT on a CPU is FFTW (stemlab.ptycho.multislice._fft2, faster than
torch's MKL here), so the same floor is also printed at FFTW's best batched throughput: time / that floor is the
engine's overhead beyond the transforms it actually runs.
Goals (issue 8): stemlab >= 3x faster per iteration than py4DSTEM at equal or better error; stemlab <= 1.5x its floor.
Both are printed: the per-iteration ratio at the same iteration count (with both errors), and the time stemlab
needs to reach py4DSTEM's final error against py4DSTEM's time (stemlab runs EXTRA_ITERATIONS x longer for it).
PtyRAD (1.0.0, `pip install -c constraints.txt ptyrad==1.0.0`, or the `peers` extra) runs too, when installed, with its
own defaults (Adam, its learning rates, orthogonal modes, fixed probe intensity, the z-blur it applies to multislice
objects) and the same batch, slices, modes and iterations, positions fixed. Two of its imports cannot load here and are
stood in for, outside its reconstruction code: torchvision (PyPI's wheels are CUDA builds that fail beside the CPU
torch; PtyRAD takes only `gaussian_blur` from it, for a lateral object blur, its default, switched off here, and for
options that are off) and `ptyrad.plotting.basic` (Python 3.12 f-string syntax; on Python 3.11 it does not parse; its
figures are drawn only when results are saved, which is off here).

Sizes: --size smoke   16x16 positions, 64^2 patterns, 3 slices, 2 modes (a minute or two)
       --size issue   32x32 positions, 128^2 patterns, 5 slices, 4 modes (the issue's setting; several minutes)
--device cuda (a GPU machine): stemlab runs on the GPU; the same iterations also run on the CPU, and the script prints
the GPU's speed-up per iteration and how far its object and loss history lie from the CPU's (issue 8: "check that
the GPU result matches the CPU one and record the speed-up"). py4DSTEM stays on the CPU.
Usage: .venv/bin/python benchmarks/bench_ptycho.py [--size smoke|issue] [--iterations N] [--threads 2] [--skip-peer]
                                                  [--device cpu|cuda]
"""
import argparse
import os
import sys

ARGS = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ARGS.add_argument("--size", choices=("smoke", "issue"), default="smoke")
ARGS.add_argument("--iterations", type=int, default=None, help="iterations for both (default: 6 smoke, 3 issue)")
ARGS.add_argument("--threads", type=int, default=2, help="threads for torch and numpy (the issue's timings: 2)")
ARGS.add_argument("--skip-peer", action="store_true", help="time stemlab only (no py4DSTEM, no PtyRAD)")
ARGS.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where stemlab runs (cuda: also on the CPU, compared)")
OPTIONS = ARGS.parse_args()
for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[name] = str(OPTIONS.threads)
os.environ.setdefault("STEMLAB_PROGRESS", "0")

import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

from stemlab.core import interaction_constant, wavelength  # noqa: E402
from stemlab.ptycho.analysis import phase_error  # noqa: E402
from stemlab.ptycho.app import app_crystal, simulate_app_data  # noqa: E402
from stemlab.ptycho.engine import PtychoData, ffts_per_iteration, initial_reconstruction, reconstruct  # noqa: E402
from stemlab.ptycho.multislice import WHOLE_PIXEL_PX, _fft2, window_corners  # noqa: E402

LATTICE_A = 3.905
SIZES = {  # cells: periodic box (= probe window) of cells x cells unit cells
    "smoke": dict(cells=2, window_px=64, n_slices=3, n_modes=2, iterations=6),
    "issue": dict(cells=4, window_px=128, n_slices=5, n_modes=4, iterations=3),
}
ENERGY_EV, SEMIANGLE_MRAD, BATCH = 300e3, 22.0, 32
GPU_AGREEMENT = 1e-3  # largest relative object and loss difference GPU vs CPU (float32, different FFT libraries)
EXTRA_ITERATIONS = 4  # stemlab runs this many times the iterations, to find where it reaches py4DSTEM's error
DZ_A = LATTICE_A  # one unit cell per slice
# Adam step sizes: the engine's defaults (stemlab.ptycho.engine.default_groups: object min(0.05, 0.1 / slices) rad per
# step, probe 0.0025), measured on this benchmark (see nbs/31_engine.ipynb, "Default steps")


def simulate(cells, window_px, n_slices):
    "abTEM 4D-STEM of an untilted SrTiO3 box and the true projected phase (window_px^2, one period, (y, x))."
    import abtem

    atoms = app_crystal((0.0, 0.0), thickness_A=n_slices * DZ_A, cells=(cells, cells), lattice_A=LATTICE_A)
    dataset = simulate_app_data(atoms, window_cells=(cells, cells), lattice_A=LATTICE_A, window_px=window_px,
                                images=False)
    potential = abtem.Potential(atoms, gpts=(window_px, window_px), slice_thickness=DZ_A, projection="infinite",
                                parametrization="lobato")
    projected = np.asarray(potential.build().project().compute().array).T  # abTEM arrays are (x, y)
    return dataset, interaction_constant(ENERGY_EV) * projected


def fft_time_s(positions, n_modes, window_px, transform=torch.fft.fft2, seconds=0.3, repeats=3):
    """Time of one 2-D FFT of a window within batched `transform` calls (torch.fft.fft2, or the engine's FFTW `_fft2`)
    of (positions, modes, N, N) complex64 (best of `repeats` blocks of about `seconds` each)."""
    waves = torch.randn(positions, n_modes, window_px, window_px, dtype=torch.complex64)
    transform(waves)
    start = time.perf_counter()
    transform(waves)
    calls = max(1, round(seconds / max(time.perf_counter() - start, 1e-6)))
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            transform(waves)
        best = min(best, (time.perf_counter() - start) / (calls * positions * n_modes))
    return best


def best_fft_time_s(n_modes, window_px, transform=torch.fft.fft2):
    """Time of one 2-D FFT of a window at the best throughput `transform` reaches here: the fastest of batched calls
    of (b, modes, N, N) complex64 for b = 1, 2, 4, ..., 32 positions (small batches stay in cache)."""
    return min(fft_time_s(positions, n_modes, window_px, transform) for positions in (1, 2, 4, 8, 16, 32))


def one_period(phase_sum, first_centre_px, window_px):
    "window_px^2 crop of a slice-summed phase starting at the first probe centre (one period of the crystal)."
    y0, x0 = (int(round(c)) for c in first_centre_px)
    return phase_sum[y0:y0 + window_px, x0:x0 + window_px]


def run_stemlab(dataset, size, iterations, true_phase, device="cpu"):
    """stemlab for `iterations` x EXTRA_ITERATIONS iterations, the phase error after each (the objects are kept by a
    callback, outside the engine's per-iteration clock, and scored after the run). Returns the per-iteration times and
    errors, the per-FFT floor times measured after the first `iterations`, the data, whether its positions are sub-pixel,
    and the final Reconstruction."""
    data = PtychoData.from_dataset(dataset)
    start = initial_reconstruction(data, n_slices=size["n_slices"], dz_A=DZ_A, n_probe_modes=size["n_modes"])
    reconstruct(data, start, 1, batch_size=BATCH, device=device)  # warm-up: first-call costs stay out of the timing
    first = data.positions_A.min(axis=0)[::-1] / np.asarray(data.sampling_A)  # (y, x) px of the first probe centre
    objects = []  # each iteration's object, scored after the run: no scoring work between timed iterations
    fft_times = []  # best_fft_time_s, torch's and FFTW's, right after each of the first `iterations` (CPU) iterations

    def after_iteration(rec):
        objects.append(rec.object[0])
        if device == "cpu" and len(objects) <= iterations:
            fft_times.append([best_fft_time_s(size["n_modes"], size["window_px"], t) for t in (torch.fft.fft2, _fft2)])

    rec = reconstruct(data, start, iterations * EXTRA_ITERATIONS, batch_size=BATCH, device=device,
                      callback=after_iteration, callback_every=1)
    errors = [phase_error(one_period(np.angle(obj).sum(0), first, size["window_px"]), true_phase) for obj in objects]
    _, shifts = window_corners(torch.as_tensor(data.positions_A), data.sampling_A, data.window)
    subpixel = bool((shifts.abs() >= WHOLE_PIXEL_PX).any())  # the model's own test: else it skips the shift FFTs
    return np.asarray(rec.history["time_s"]), np.asarray(errors), np.asarray(fft_times), data, subpixel, rec


def compare_devices(dataset, size, iterations, true_phase, gpu):
    "The same reconstruction on the CPU: its speed against the GPU's `gpu` (run_stemlab's result), and the agreement."
    times, errors, *_, rec = run_stemlab(dataset, size, iterations, true_phase, device="cpu")
    gpu_times, gpu_errors, *_, gpu_rec = gpu
    cpu_s, gpu_s = float(np.median(times[:iterations])), float(np.median(gpu_times[:iterations]))
    obj_difference = np.abs(gpu_rec.object - rec.object).max() / np.abs(rec.object).max()
    loss_difference = np.max(np.abs(np.asarray(gpu_rec.history["loss"]) / np.asarray(rec.history["loss"]) - 1))
    print(f"GPU vs CPU: {gpu_s:.3f} against {cpu_s:.2f} s/iteration -> speed-up {cpu_s / gpu_s:.1f}x; after "
          f"{len(errors)} iterations the largest object difference is {obj_difference:.1e} of the largest |object|, "
          f"loss histories agree to {loss_difference:.1e} (relative), phase errors {gpu_errors[-1]:.4f} vs {errors[-1]:.4f}")
    if obj_difference > GPU_AGREEMENT or loss_difference > GPU_AGREEMENT:
        sys.exit(f"GPU and CPU disagree beyond {GPU_AGREEMENT:.0e} (object {obj_difference:.1e}, loss {loss_difference:.1e})")


def run_py4dstem(dataset, size, iterations):
    import py4DSTEM
    from py4DSTEM.process.phase import MixedstateMultislicePtychography

    cube = py4DSTEM.DataCube(data=dataset.array)  # (scan_y, scan_x, k_y, k_x): py4DSTEM's "x" is our y throughout
    cube.calibration.set_R_pixel_size(dataset.scan_sampling_A[0])
    cube.calibration.set_R_pixel_units("A")
    cube.calibration.set_Q_pixel_size(dataset.k_sampling_mrad[0])
    cube.calibration.set_Q_pixel_units("mrad")
    ptycho = MixedstateMultislicePtychography(
        energy=ENERGY_EV, num_slices=size["n_slices"], slice_thicknesses=DZ_A, num_probes=size["n_modes"],
        datacube=cube, semiangle_cutoff=SEMIANGLE_MRAD, device="cpu", verbose=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ptycho.preprocess(plot_center_of_mass=False, plot_rotation=False, plot_probe_overlaps=False,
                          force_com_rotation=0.0, force_com_transpose=False, fit_function="constant")
        times = []
        for iteration in range(iterations):
            start = time.perf_counter()
            ptycho.reconstruct(num_iter=1, max_batch_size=BATCH, reset=iteration == 0, progress_bar=False,
                               seed_random=0, fix_probe=False, fix_positions=True)
            times.append(time.perf_counter() - start)
    first = np.asarray(ptycho._positions_px).min(axis=0)  # (y, x) px: py4DSTEM's (x, y) is our (y, x)
    phase = one_period(np.angle(np.asarray(ptycho.object)).sum(0), first, size["window_px"])
    return float(np.median(times)), phase


def _import_ptyrad():
    """PtyRAD's solver and parameter model, or None if PtyRAD is not installed. Stand-ins, where the real modules cannot
    load here, for torchvision (its `gaussian_blur` raises if called) and `ptyrad.plotting.basic` (each function draws
    an empty figure): see the module docstring."""
    import importlib.util
    import types

    if importlib.util.find_spec("ptyrad") is None:
        return None
    try:
        import torchvision  # noqa: F401
    except (ImportError, RuntimeError):
        for name in [m for m in sys.modules if m.startswith("torchvision")]:
            del sys.modules[name]

        def gaussian_blur(*args, **kwargs):
            raise NotImplementedError("torchvision cannot load here: a PtyRAD option that needs it is on")

        package, transforms, functional = (types.ModuleType(name) for name in (
            "torchvision", "torchvision.transforms", "torchvision.transforms.functional"))
        functional.gaussian_blur, package.transforms, transforms.functional = gaussian_blur, transforms, functional
        sys.modules.update({module.__name__: module for module in (package, transforms, functional)})
    try:
        import ptyrad.plotting.basic  # noqa: F401
    except SyntaxError:
        import matplotlib.pyplot as plt

        def figure_maker(name):
            if name.startswith("_"):
                raise AttributeError(name)
            return lambda *args, **kwargs: plt.figure()

        basic = types.ModuleType("ptyrad.plotting.basic")
        basic.__getattr__ = figure_maker
        sys.modules[basic.__name__] = basic
    from ptyrad.params.ptyrad_params import PtyRADParams
    from ptyrad.solver import PtyRADSolver

    return PtyRADParams, PtyRADSolver


def run_ptyrad(dataset, size, iterations, modules):
    """PtyRAD on the same patterns: median time per iteration (its own clock, `iter_times`) and the slice-summed phase
    over one period from its first probe centre."""
    import logging
    import tempfile

    PtyRADParams, PtyRADSolver = modules
    scan_y, scan_x, n, _ = dataset.array.shape
    pixel_A = wavelength(ENERGY_EV) / (n * dataset.k_sampling_mrad[0] * 1e-3)
    with tempfile.TemporaryDirectory() as output:
        params = dict(
            init_params=dict(probe_kv=ENERGY_EV / 1e3, probe_conv_angle=SEMIANGLE_MRAD, probe_aberrations={"C10": 0},
                             meas_Npix=n, pos_N_scan_slow=scan_y, pos_N_scan_fast=scan_x,
                             pos_scan_step_size=float(dataset.scan_sampling_A[0]), probe_pmode_max=size["n_modes"],
                             obj_Nlayer=size["n_slices"], obj_slice_thickness=DZ_A,
                             meas_calibration={"mode": "dx", "value": float(pixel_A)}, meas_flipT=[0, 0, 0],
                             meas_source="custom",
                             meas_params=np.ascontiguousarray(dataset.array.reshape(-1, n, n), dtype=np.float32)),
            model_params=dict(update_params=dict(probe_pos_shifts={"start_iter": None, "lr": 0.0})),
            constraint_params=dict(obj_rblur=dict(start_iter=None, step=1, end_iter=None, obj_type="both",
                                                   kernel_size=5, std=0.4)),
            recon_params=dict(NITER=iterations, BATCH_SIZE={"size": BATCH, "grad_accumulation": 1}, SAVE_ITERS=None,
                              output_dir=output, copy_params=False))
        logging.getLogger("ptyrad").setLevel(logging.WARNING)
        solver = PtyRADSolver(PtyRADParams(**params).model_dump(), device=torch.device("cpu"), seed=0)
        solver.reconstruct()
    model = solver.reconstruct_results
    first = solver.init.init_variables["crop_pos"].min(axis=0) + n / 2  # (y, x) px of the first probe centre
    phase = one_period(model.opt_objp.detach().numpy()[0].sum(0), first, size["window_px"])
    return float(np.median(model.iter_times)), phase


def compare_peer(name, peer_s, peer_phase, true_phase, times, errors, iterations, goal=""):
    """Print a peer's time per iteration and phase error against stemlab's (`times`, `errors` per iteration): the
    speed-up at the same iteration count, and the time stemlab needs to reach the peer's final error (`goal`: the
    issue's goal, printed beside both)."""
    peer_error, ours_s = phase_error(peer_phase, true_phase), float(np.median(times[:iterations]))
    print(f"{name:8s}: {peer_s:8.2f} s/iteration, phase error {peer_error:.3f}")
    print(f"  speed-up per iteration, same iteration count: {peer_s / ours_s:.1f}x{goal} at phase error "
          f"{errors[iterations - 1]:.3f} vs {peer_error:.3f}; load average now {os.getloadavg()[0]:.2f}")
    reached = np.flatnonzero(errors <= peer_error)
    if not len(reached):
        print(f"  at equal error: stemlab does not reach {name}'s error {peer_error:.3f} within {len(errors)} "
              f"iterations")
        return
    k = int(reached[0]) + 1
    ours_total, peer_total = float(times[:k].sum()), peer_s * iterations
    print(f"  at equal error: stemlab reaches {name}'s {iterations}-iteration error {peer_error:.3f} after {k} "
          f"iterations, {ours_total:.2f} s against {name}'s {peer_total:.2f} s -> {peer_total / ours_total:.1f}x{goal}")


def main():
    size = SIZES[OPTIONS.size]
    iterations = OPTIONS.iterations or size["iterations"]
    torch.set_num_threads(OPTIONS.threads)
    print(f"size {OPTIONS.size}: {size}; {iterations} iterations, batch {BATCH}, torch threads "
          f"{torch.get_num_threads()}; load average {os.getloadavg()[0]:.2f}")
    start = time.perf_counter()
    dataset, true_phase = simulate(size["cells"], size["window_px"], size["n_slices"])
    print(f"data: {dataset.array.shape} patterns, object pixel "
          f"{wavelength(ENERGY_EV) / (size['window_px'] * dataset.k_sampling_mrad[0] * 1e-3):.4f} A "
          f"(abTEM, {time.perf_counter() - start:.0f} s incl. cache)")

    if OPTIONS.device == "cuda" and not torch.cuda.is_available():
        sys.exit(f"--device cuda: torch {torch.__version__} sees no CUDA GPU here; run on a GPU machine, or use --device cpu")
    result = run_stemlab(dataset, size, iterations, true_phase, device=OPTIONS.device)
    times, errors, fft_times, data, subpixel, rec = result
    n_positions = len(data.patterns)
    ours_s, ours_error = float(np.median(times[:iterations])), float(errors[iterations - 1])
    n_ffts = ffts_per_iteration(n_positions, size["n_slices"], size["n_modes"], subpixel=subpixel)
    floor_s = n_ffts * best_fft_time_s(size["n_modes"], size["window_px"])
    fftw_floor_s = n_ffts * best_fft_time_s(size["n_modes"], size["window_px"], _fft2)
    batch_floor_s = n_ffts * fft_time_s(BATCH, size["n_modes"], size["window_px"])
    print(f"stemlab : {ours_s:8.2f} s/iteration, phase error {ours_error:.3f}; FFT floor {floor_s:.2f} s "
          f"({n_ffts} FFTs{'' if subpixel else ', whole-pixel positions: no shift FFTs'}) -> time / floor = {ours_s / floor_s:.2f} (goal <= 1.5); "
          f"load average {os.getloadavg()[0]:.2f}"
          + (f" [stemlab on {OPTIONS.device}; the floor is the CPU's]" if OPTIONS.device != "cpu" else ""))
    print(f"          FFT floor at the engine's batch shape ({BATCH}, {size['n_modes']}, {size['window_px']}, "
          f"{size['window_px']}): {batch_floor_s:.2f} s ({1e6 * batch_floor_s / n_ffts:.1f} us per FFT against "
          f"{1e6 * floor_s / n_ffts:.1f} at the best batch) -> time / floor = {ours_s / batch_floor_s:.2f}")
    print(f"          FFT floor at FFTW's best throughput (the engine's own FFT, stemlab.ptycho.multislice._fft2): "
          f"{fftw_floor_s:.2f} s ({1e6 * fftw_floor_s / n_ffts:.1f} us per FFT) -> time / FFTW floor = "
          f"{ours_s / fftw_floor_s:.2f}")
    if len(fft_times):
        for column, name, goal in ((0, "torch.fft floor", " (goal <= 1.5)"), (1, "FFTW floor", "")):
            floors = n_ffts * fft_times[:, column]
            ratios = times[:len(floors)] / floors
            print(f"          {name} measured right after each timed iteration: "
                  + ", ".join(f"{t:.2f} s / {f:.2f} s" for t, f in zip(times, floors))
                  + f" -> time / floor = {', '.join(f'{r:.2f}' for r in ratios)}; median {np.median(ratios):.2f}{goal}")
    if OPTIONS.device != "cpu":
        compare_devices(dataset, size, iterations, true_phase, result)
    if OPTIONS.skip_peer:
        return
    print("stemlab phase error after each iteration: " + ", ".join(f"{e:.3f}" for e in errors))
    compare_peer("py4DSTEM", *run_py4dstem(dataset, size, iterations), true_phase, times, errors, iterations,
                 goal=" (goal >= 3)")
    modules = _import_ptyrad()
    if modules is None:
        print("PtyRAD: not installed (pip install -c constraints.txt ptyrad==1.0.0), not compared")
        return
    compare_peer("PtyRAD", *run_ptyrad(dataset, size, iterations, modules), true_phase, times, errors, iterations)


if __name__ == "__main__":
    sys.exit(main())
