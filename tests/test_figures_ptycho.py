"""Regression bands for the ptychography (APP, Sha, Cui & Yu 2022) figures, smoke preset."""
from conftest import figure_metrics

FIG2 = "sha2022_fig2_app_vs_fpp"
TILTS = (0, 4, 8, 12)


def test_fig2_app_tilt(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 8: APP recovers the tilt within 0.5 mrad on noise-free data, all four tilts (measured 0.37 at 8 mrad)
    assert m["tilt_error_mrad"] < 0.5
    # the sign: data from a crystal tilted by +θ must give +θ (a sign error gives about −θ, a stall about 1 mrad
    # at 4 mrad); measured −0.07, 4.33, 8.37, 11.93 mrad
    for t in TILTS:
        assert abs(m[f"app_tilt_{t}mrad"] - t) < 0.5


def test_fig2_app_dz(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 8: Δz within 10 % from a start 15 % low (measured +6.4, +6.7, +4.3, +4.4 %)
    for t in TILTS:
        assert abs(m[f"app_dz_error_{t}mrad"]) < 0.10


def test_fig2_fpp_tilt_sign(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # FPP's slice registration (steps limited to 0.65 Å < a/4, median step) must give the right sign and about the
    # right size; a half-cell lock gives tens of mrad of either sign (measured 4.37, 7.97, 11.72 mrad)
    for t in (4, 8, 12):
        assert 0 < m[f"fpp_tilt_{t}mrad"] and abs(m[f"fpp_tilt_{t}mrad"] - t) < 1.5


def test_fig2_app_columns(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, FIG2)
    # paper: APP's d_Sr-TiO error < 1 pm at 12 mrad (measured 0.15 pm)
    assert m["d_SrTiO_app_12mrad_pm"] < ref["d_SrTiO_app_12mrad_pm"]
    # issue 8: APP's d errors below FPP's, as the mean over the four tilts and both distances
    # (measured 1.09 against 1.76 pm; per tilt APP is not better everywhere, e.g. d_O-TiO at 12 mrad 3.2 vs 1.6 pm)
    assert m["d_error_app_mean_pm"] < m["d_error_fpp_mean_pm"]


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
    # paper: APP's tilt is "almost the same" for any slice count; smoke runs 3, 5 and 10 slices of the 8 mrad sample
    # (measured 7.98, 8.37, 8.09 mrad: spread 0.39, largest error 0.37). The 0.5 mrad error band is issue 8's APP band;
    # a stalled fit (2 slices of 3.9 nm gives 3.9 mrad) fails both
    assert m["app_tilt_range_mrad"] < 1.0
    assert m["app_tilt_error_mrad"] < 0.5
    for n in (3, 5, 10):
        assert abs(m[f"app_dz_error_{n}slices"]) < 0.10   # Δz from a start 15 % low (measured −3.2, +4.3, +1.4 %)


def test_fig5_fpp_depends_on_slices(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG5)
    # paper: FPP's tilt depends on the slicing (smaller for thicker slices). Ours depends on it more than APP's, but
    # erratically rather than monotonically: with 3 slices the median step rests on two steps, one from the badly
    # reconstructed entrance slice (measured −1.84, 7.97, 7.29 mrad at 3, 5, 10 slices; spread 9.8 against APP's 0.39)
    assert m["fpp_tilt_range_mrad"] > 2.0 > m["app_tilt_range_mrad"]


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
