"""Regression bands for the ptychography (APP, Sha, Cui & Yu 2022) figures, smoke preset."""
import numpy as np
from conftest import figure_metrics

FIG2 = "sha2022_fig2_app_vs_fpp"
TILTS = (0, 4, 8, 12)


def test_fig2_app_tilt(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 8: APP recovers the tilt within 0.5 mrad on noise-free data; the figure records the largest error over all
    # four tilts. A sign error gives about 2θ = 24 mrad, a stall about θ. Measured with 10 slices: 0.00, 4.06, 8.15,
    # 12.13 mrad (APP starting from FPP's tilt), largest error 0.15; seeds 0, 1, 2 agree to 0.01 mrad
    assert m["tilt_error_mrad"] < 0.5


def test_fig2_app_dz(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 8: Δz within 10 % from a start 15 % low (measured +1.0, +1.2, +1.3, +1.7 % at 0, 4, 8, 12 mrad)
    for t in TILTS:
        assert abs(m[f"app_dz_error_{t}mrad"]) < 0.10


def test_fig2_fpp_tilt_sign(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # FPP's slice registration (steps limited to 0.65 Å < a/4, median step) must give the right sign and about the
    # right size; a half-cell lock gives tens of mrad of either sign. Measured with 10 slices, seeds 0/1/2: 3.12/3.33/
    # 3.33, 7.29/7.29/7.29, 12.08/11.87/12.08 mrad (20 slices of one cell lock at 0.4 mrad and fail this band)
    for t in (4, 8, 12):
        assert 0 < m[f"fpp_tilt_{t}mrad"] and abs(m[f"fpp_tilt_{t}mrad"] - t) < 1.5
    # at 0 mrad, with unreliable (entrance) slices screened out of the registration, FPP's tilt is near zero
    # (measured 0.00 for seeds 0, 1, 2)
    assert abs(m["fpp_tilt_0mrad"]) < 1.5


def test_fig2_app_columns(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, FIG2)
    # issue 8 "APP's d errors below FPP's", on slice-averaged phases; the error is the larger of |d_Sr-TiO| and
    # |d_O-TiO| (the true shift is 0). APP learns θ and Δz on 10 slices, then its object is refined on all positions
    # on 20 independent slices of Δz/2 (split_slices); FPP is the standard one (10 slices, aligned). Measured APP
    # 0.00, 0.15, 0.27, 0.37 pm at 0, 4, 8, 12 mrad (seeds 0, 1, 2 agree to 0.05 pm); FPP (seeds 0, 1, 2)
    # 0.63/1.48/0.52, 1.04/1.73/0.96, 0.65/0.44/0.71, 1.19/1.14/1.19: ranked at every tilt
    # At 0 mrad APP is exactly 0 by symmetry (a symmetry-breaking bug in the model or the fit shows here)
    assert m["d_error_app_0mrad_pm"] < 0.05
    for t in TILTS:
        assert m[f"d_error_app_{t}mrad_pm"] < m[f"d_error_fpp_{t}mrad_pm"], t
    # paper: APP's |d_Sr-TiO| and |d_O-TiO| < 1 pm at 12 mrad (measured 0.37 and 0.13), recorded beside the paper's 1.0
    assert m["d_SrTiO_app_12mrad_pm"] < 1.0 and m["d_OTiO_app_12mrad_pm"] < 1.0
    assert ref["d_OTiO_app_12mrad_pm"] == 1.0 and ref["d_SrTiO_app_12mrad_pm"] == 1.0
    # bounded so that a regression shows: APP on 10 shared slices gave 0.25, 0.75, 1.41; a Sr/TiO mislabel or a lattice
    # mix-up gives tens of pm
    for t, bound in ((4, 0.4), (8, 0.6), (12, 0.7)):
        assert m[f"d_error_app_{t}mrad_pm"] < bound, t
    for t in TILTS:
        assert m[f"d_error_fpp_{t}mrad_pm"] < 2.5, t
    # the specimen's own plane offset, a check of the labels and of the tilt direction: in the projected potential of
    # one 0.78 nm slab of the sheared crystal, Sr (SrO planes) and the pure O columns (TiO2 planes) sit (a/2)·tanθ apart
    # along x, and the mixed TiO column between them, so d_x(Sr-TiO) - d_x(O-TiO) = (a/2)·tanθ exactly and
    # d_x(Sr-TiO) > 0 for a positive tilt. Measured d_x +0.55, +1.11, +1.64 and -0.24, -0.48, -0.72 pm at 4, 8, 12 mrad
    # (differences 0.79, 1.59, 2.36 against 0.78, 1.56, 2.34 pm)
    for t in (4, 8, 12):
        plane_offset_pm = 3.905 / 2 * np.tan(t * 1e-3) * 100
        difference = m[f"dx_SrTiO_projected_{t}mrad_pm"] - m[f"dx_OTiO_projected_{t}mrad_pm"]
        assert abs(difference - plane_offset_pm) < 0.1, (t, difference, plane_offset_pm)
        assert 0 < m[f"dx_SrTiO_projected_{t}mrad_pm"] < plane_offset_pm, t


def test_fig2_fpp_control(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # the control: FPP given APP's refinement (its 10 slices split in two, refined on all positions with θ = 0, aligned
    # again) at 12 mrad. It reaches APP's level (measured 0.33, 0.35, 0.29 pm for seeds 0, 1, 2 against APP's 0.37):
    # APP's lead over the standard FPP comes from the thin-slice refinement that its slicing-independent tilt allows,
    # and FPP can match it when warm-started from its own thick-slice object (standard FPP on 20 slices fails: its
    # registration locks near 0.4 mrad). Not ranked against APP; bounded so that a broken control (or split_slices,
    # align_fpp) shows
    assert m["d_error_fpp_refined_12mrad_pm"] < min(1.0, m["d_error_fpp_12mrad_pm"])


FIG3EF = "sha2022_fig3ef_convergence"


def test_fig3ef_convergence(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG3EF)
    # APP on the 8 mrad sample: θx within 0.5 mrad, θy within 0.5 mrad of 0, thickness within 10 % (measured 8.37,
    # 0.00 mrad, +4.3 %), and θx settled (within 0.5 mrad of its final value) before the last of the 80 iterations
    # (measured 52)
    assert abs(m["app_tilt_mrad"] - 8) < 0.5 and abs(m["app_tilt_y_mrad"]) < 0.5
    assert abs(m["app_thickness_error"]) < 0.10
    assert m["app_tilt_settled_iteration"] < 80
    # the diffractogram limit reaches the x/y Nyquist frequency 3.07 1/Å for both (measured 3.07 and 3.07)
    assert m["information_limit_worst_app_inv_A"] > 2.5 and m["information_limit_worst_fpp_inv_A"] > 2.5


FIG5 = "sha2022_fig5_slices"


def test_fig5_app_independent_of_slices(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG5)
    # paper: APP's tilt is "almost the same" for any slice count; smoke runs 3, 5 and 10 slices of the 8 mrad sample,
    # APP starting from FPP's tilt (measured 8.41, 8.39, 8.15 mrad: spread 0.26, largest error 0.41). The 0.5 mrad error
    # band is issue 8's APP band; a stalled fit (2 slices of 3.9 nm from θ = 0 gives 3.9 mrad) fails both
    assert m["app_tilt_range_mrad"] < 1.0
    assert m["app_tilt_error_mrad"] < 0.5
    for n in (3, 5, 10):
        assert abs(m[f"app_dz_error_{n}slices"]) < 0.10   # Δz from a start 15 % low (measured +1.2, +4.3, +1.3 %)


def test_fig5_fpp_depends_on_slices(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, FIG5)
    # paper: FPP's tilt depends on the slicing, APP's does not. With unreliable slices screened out of FPP's
    # registration, FPP is no longer erratic (−1.8 mrad at 3 slices before) but still depends on the slicing more than
    # APP: spread 0.83 against 0.26 mrad, largest error 0.81 (at 3 slices, an underestimate) against 0.41
    # (measured 7.19, 8.02, 7.29 mrad at 3, 5, 10 slices)
    assert m["fpp_tilt_range_mrad"] > m["app_tilt_range_mrad"]
    errors = {name: max(abs(m[f"{name}_tilt_{n}slices_mrad"] - ref["app_tilt_3slices_mrad"]) for n in (3, 5, 10))
              for name in ("app", "fpp")}
    assert errors["fpp"] > errors["app"], errors


FIG7 = "sha2022_fig7_tiltmap"


def test_fig7_tilt_profile(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, FIG7)
    # extended APP on the planted cosine tilt wave θx = 8 mrad·cos(2πx/L_x), noise-free, all 8 × 24 positions.
    # Amplitude of the cosine fit to the row-averaged profile within 1 mrad of 8 (measured 8.58; 80 instead of 150
    # per-position iterations gave 6.6, tilt_scale_mrad 1 gave 2.3)
    assert abs(m["tilt_amplitude_mrad"] - ref["tilt_amplitude_mrad"]) < 1.0
    # phase within 0.13 rad = half a scan step (2π/24 per step): catches a profile shifted by one position, i.e. a
    # scan/tilt-map layout error (measured −0.014 rad)
    assert abs(m["tilt_phase_rad"]) < 0.13
    # rms deviation from the planted cosine below 2 mrad (measured 1.25; a flat profile gives 8/√2 = 5.7); no spurious
    # mean tilt and no θy (measured offset −0.29, mean |θy| 0.57 mrad)
    assert m["tilt_rms_deviation_mrad"] < 2.0
    assert abs(m["tilt_offset_mrad"]) < 1.0 and m["tilt_y_mean_abs_mrad"] < 1.0
