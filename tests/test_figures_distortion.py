"""Regression bands for the Roccapriore et al. figures (scan distortion, stemlab.distortion), smoke preset.

The smoke runs use the registered synthetic stack `distorted_stack` (8 frames of 96 x 96 px, a = 10 px, fly-back
6 px exp(-x/15 px), static random field 0.8 px, 0.05 px changing per frame, drift (0.4, 0.25) px per frame), so
every number has a known answer. Bands leave room for atomap / Pyro / BLAS differences, not for a broken method.
"""
import math

from conftest import figure_metrics


def test_roccapriore_fig2_tracking(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "roccapriore_fig2_tracking")
    # ~79 columns lie inside the 96 x 96 px frame (10 px lattice, edge columns excluded by the peak finder).
    assert 70 <= m["n_columns_frame0"] <= 90
    # Drift (0.4 px per frame) is far below a/2 = 5 px, so nearly every column is followed through all frames.
    assert m["tracked_fraction"] >= 0.9
    # The mean frame-to-frame step must match the planted drift; the smoke run refines by centre of mass, which
    # is pixel-locked per frame but unbiased on average (measured 0.04 px).
    assert m["drift_error_px"] < 0.1
    # Centre of mass on squeezed, noisy columns is off by ~0.28 px RMS (Gaussian fits reach ~0.07 px).
    assert m["column_rms_error_px"] < 0.4


def test_roccapriore_fig3_pca(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "roccapriore_fig3_pca")
    # The planted drift, common to all columns and linear in time, is the first component (measured 0.94 of the
    # variance, eigenmode |r| with the frame number 0.9999), as in the paper.
    assert m["trajectory_pc1_variance"] > 0.85
    assert m["trajectory_pc1_linearity"] > 0.99
    # Voronoi areas: drift leaves them unchanged, so their frame-to-frame changes are noise with a flat scree
    # (measured 0.25 for the first of 7 components; 1/7 would be perfectly flat) ...
    assert m["voronoi_pc1_variance"] < 0.5
    # ... while their mean follows the true field's local compression a^2 / det(1 - dDF/dp) (measured r = 0.96).
    assert m["voronoi_mean_area_correlation"] > 0.85


def test_roccapriore_fig5_gp_maps(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "roccapriore_fig5_gp_maps")
    # More than 1 px of distortion to find (measured 1.12 px RMS at the columns).
    assert m["initial_rms_df_px"] > 0.9
    # The GP through ~79 Gaussian-fitted columns (~0.05 px each) recovers the true field to ~0.065 px RMS.
    assert m["field_rmse_px"] < 0.15
    # Coverage of the true field by the GP bands (hyperparameters shared by the 8 frames), counted at points 16 px
    # apart inside each frame's hull (nearly independent errors): 2 components x ~23 points x 8 frames (measured
    # n = 364). Measured 0.657 (1 sigma) and 0.934 (2 sigma): inside the binomial band of a calibrated posterior,
    # 0.95 +- 2 sqrt(0.95 * 0.05 / n), by 2.5 grid points only, and other seeds of the same synthesis fall outside it
    # (-p seed=1, 2, 3: 0.620/0.922, 0.589/0.889, 0.562/0.848; the GP sigma is somewhat too small on these columns,
    # see 40_distortion). The band asserted: sigma right to a factor 1.5 either way, i.e. the +-k sigma coverage
    # between erf(k / 1.5 / sqrt 2) and erf(1.5 k / sqrt 2), widened by two binomial standard errors; all four seeds
    # pass it, and a sigma off by a factor 2 (2-sigma coverage 0.68, or 1-sigma coverage 0.95) fails it.
    n = m["coverage_n"]
    assert 300 <= n <= 420
    for k, key in ((1, "coverage_1sigma"), (2, "coverage_2sigma")):
        low, high = (math.erf(k * f / math.sqrt(2)) for f in (1 / 1.5, 1.5))
        assert low - 2 * math.sqrt(low * (1 - low) / n) <= m[key] <= high + 2 * math.sqrt(high * (1 - high) / n), \
            (key, m[key])
    # The fly-back shows on the left of DF_x: 0.2-0.4 lattice spacings inside the columns' hull (measured 0.22).
    assert 0.15 < m["max_abs_df_x_lattice"] < 0.5
    # The random field is smoothed over 12 px, the fly-back decays over 15 px: lengthscales of that order
    # (measured 20 and 16 px).
    assert 8 < m["lengthscale_x_px"] < 40 and 8 < m["lengthscale_y_px"] < 40


def test_roccapriore_fig6_time_pca(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "roccapriore_fig6_time_pca")
    for c in "xy":
        # The persistent distortion (fly-back, static field) dominates every frame: the first uncentred component
        # holds most of the maps (measured 0.97 x, 0.96 y), with a nearly constant eigenmode (varies 4-6 %) ...
        assert m[f"pc1_share_{c}"] > 0.9
        assert m[f"pc1_eigenmode_variation_{c}"] < 0.15
        # ... and its loading map is the true persistent field (measured r = 0.995).
        assert m[f"pc1_truth_correlation_{c}"] > 0.97


def test_roccapriore_fig7_correction(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "roccapriore_fig7_correction")
    assert m["initial_rms_df_px"] > 0.9
    # The frame's own field removes more than 90 % of the distortion (measured 6.5 % left), the paper's criterion.
    assert m["residual_fraction"] < 0.10
    assert m["field_rmse_px"] < 0.15
    # Another frame's field cannot remove the 0.05 px per frame random field that changes between frames:
    # about 0.1 px of the ~1 px initial RMS stays (measured 10.7 % first-with-last, 14.6 % middle-with-last;
    # the paper reports "> 90 % corrected", recorded as the reference 0.1).
    assert m["residual_fraction_first_with_last"] < 0.25
    assert m["residual_fraction_middle_with_last"] < 0.25
    assert ref["residual_fraction_first_with_last"] == 0.1 and ref["residual_fraction_middle_with_last"] == 0.1
