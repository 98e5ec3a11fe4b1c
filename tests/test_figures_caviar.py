"""Regression bands for the CAVIAR (Gladyshev et al. 2025) figures, smoke preset (hBN monolayer, 8 atoms, 900 K)."""
from conftest import figure_metrics

FIG2 = "gladyshev2025_fig2_correlations"
FIGS2 = "gladyshev2025_figS2_green"
FIG4 = "gladyshev2025_fig4_dispersion"


def test_fig2_correlated_above_controls(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 5: CSM >= 0.9 on correlated data, against the sample G of the snapshots in the data (measured 0.954),
    # and clearly above the controls measured against the same truth (Einstein 0.33, coherent 0.38)
    assert m["csm_correlated"] >= 0.9
    assert m["csm_correlated"] > m["csm_einstein"] + 0.3
    assert m["csm_correlated"] > m["csm_coherent"] + 0.3
    # magnitudes: the paper finds them about 25 % low (measured LSM 0.76); a collapse to one state gives ~0
    assert 0.4 < m["lsm_correlated"] < 1.3


def test_fig2_b_factors(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # the coherent control has no thermal spread: its states stay together (measured 0.031 Å² against the crystal's
    # 0.367 Å²); the correlated reconstruction recovers most of the true B (measured 0.231 Å², 63 %)
    assert m["b_factor_coherent_A2"] < 0.15 * m["b_factor_truth_A2"]
    assert 0.4 * m["b_factor_truth_A2"] < m["b_factor_correlated_A2"] < 1.2 * m["b_factor_truth_A2"]


def test_fig2_runtime(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 5: each smoke reproduction under 2 minutes on 2 idle cores (measured 143 s at a load average of 4-5,
    # 74 s of CPU); the band leaves room for a loaded machine
    assert m["seconds_total"] < 300


def test_figS2_green_function(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIGS2)
    # the reconstruction's G has the pattern of the snapshots' G (measured r = 0.90) with its magnitude about 25 %
    # low as in the paper (measured norm ratio 0.76)
    assert m["g_correlation_vs_sample"] > 0.8
    assert 0.5 < m["g_norm_ratio_vs_sample"] < 1.2


def test_fig4_dispersion_from_snapshots(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG4)
    # Eqs. 5-6 on 300 harmonic snapshots against phonopy's in-plane branches at the same q: median error 2.2 %,
    # worst 14 % (statistics of 300 snapshots; the 3,000-snapshot check in nbs/34_caviar is within 5 %)
    assert m["nu_median_relative_error"] < 0.05 and m["nu_worst_relative_error"] < 0.25
    for branch in ("ta", "la", "to", "lo"):
        model = m[f"nu_{branch}_model_mean_THz"]
        assert abs(m[f"nu_{branch}_mean_THz"] / model - 1) < 0.06, branch
