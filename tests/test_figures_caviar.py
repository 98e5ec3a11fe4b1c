"""Regression bands for the CAVIAR (Gladyshev et al. 2025) figures, smoke preset (hBN monolayer, 8 atoms; Fig. 2 at
300 K with 16 states, Figs. S2 and 4 at 900 K)."""
from conftest import figure_metrics

FIG2 = "gladyshev2025_fig2_correlations"
FIGS2 = "gladyshev2025_figS2_green"
FIG4 = "gladyshev2025_fig4_dispersion"


def test_fig2_correlated_above_controls(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 5: CSM >= 0.9 on correlated data at 300 K, against the sample G of the snapshots in the data (measured
    # 0.912; 0.906-0.907 with other stage iterations; 0.85-0.88 with 8 states), and clearly above the controls
    # measured against the same truth (Einstein 0.387, coherent 0.375). The same seed gives the same 0.912 run after
    # run here, but L-BFGS amplifies rounding, so the band sits 0.02 below the goal for another CPU or BLAS
    assert m["csm_correlated"] >= 0.88
    assert m["csm_correlated"] > m["csm_einstein"] + 0.3
    assert m["csm_correlated"] > m["csm_coherent"] + 0.3
    # magnitudes: the paper finds them about 25 % low (measured LSM 0.65); a collapse to one state gives ~0
    assert 0.4 < m["lsm_correlated"] < 1.3


def test_fig2_b_factors(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # the coherent control has no thermal spread: its states stay together (measured 0.012 Å² against the crystal's
    # 0.122 Å² at 300 K); the correlated reconstruction recovers most of the true B (measured 0.077 Å², 63 %)
    assert m["b_factor_coherent_A2"] < 0.15 * m["b_factor_truth_A2"]
    assert 0.4 * m["b_factor_truth_A2"] < m["b_factor_correlated_A2"] < 1.2 * m["b_factor_truth_A2"]


def test_fig2_runtime(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 5: each smoke reproduction under 2 minutes on 2 idle cores: measured seconds_total 101.0 s (109.2 s wall
    # for `stemlab reproduce`, 108.0 s CPU, load < 1); the band leaves room for a loaded machine
    assert m["seconds_total"] < 300


def test_figS2_green_function(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIGS2)
    # the reconstruction's G has the pattern of the snapshots' G (measured r = 0.90) with its magnitude about 25 %
    # low as in the paper (measured norm ratio 0.77)
    assert m["g_correlation_vs_sample"] > 0.8
    assert 0.5 < m["g_norm_ratio_vs_sample"] < 1.2


def test_fig4_dispersion_from_snapshots(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG4)
    # Eqs. 5-6 on 300 harmonic snapshots against phonopy's in-plane branches at the same q (Γ-M-K-Γ): median error
    # 2.8 %, worst 14 % (seed 4; seed 7: 2.1 %, 7.7 %) (statistics of 300 snapshots; the 3,000-snapshot check in
    # nbs/34_caviar is within 5 %); branch means within 2.8 % of the model
    assert m["nu_median_relative_error"] < 0.05 and m["nu_worst_relative_error"] < 0.25
    for branch in ("ta", "la", "to", "lo"):
        model = m[f"nu_{branch}_model_mean_THz"]
        assert abs(m[f"nu_{branch}_mean_THz"] / model - 1) < 0.06, branch


def test_fig4_dispersion_from_reconstructed_states(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG4)
    # 16 reconstructed states of the 2 x 1-cell hBN monolayer at 900 K, q-points M and 3/4 of Γ-K: every frequency
    # finite and positive (a mode without spread gives 0, a NaN fails too; measured min 13.0 and 18.9 THz, seeds 4, 7)
    assert m["n_reconstructed_qpoints"] == 2
    assert m["nu_reconstructed_min_THz"] > 1.0
    # the states' displacements are too small (B ratio measured 0.59-0.61 in three runs, seeds 4, 4, 7), and
    # D ~ 1/<uu>, so the frequencies come out HIGH: reconstructed / 16 true snapshots measured 1.33, 1.35, 1.33,
    # against 1/sqrt(B ratio) 1.28, 1.30, 1.29; a collapse of the states sends both far off
    assert 0.4 < m["b_factor_ratio_reconstructed_to_true"] < 0.9
    assert m["ratio_reconstructed_to_few_snapshots"] > 1.1
    assert abs(m["ratio_reconstructed_to_few_snapshots"] / m["ratio_expected_from_b_factor"] - 1) < 0.2
    # per branch, reconstructed / model measured 1.13-2.10 (seed 4) and 1.26-2.16 (seed 7); 16 true snapshots alone
    # give 0.82-1.60 and 0.96-1.47 (a 4 x 4 covariance from 16 samples spreads its eigenvalues)
    for branch in ("ta", "la", "to", "lo"):
        assert 0.8 < m[f"ratio_{branch}_reconstructed_to_model"] < 3.0, branch
        assert 0.6 < m[f"ratio_{branch}_few_snapshots_to_model"] < 1.9, branch


def test_fig4_runtime(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG4)
    # issue 5: each smoke reproduction under 2 minutes on 2 idle cores (in a quiet window: seconds_total 28 s, the
    # whole reproduce command 39 s wall, 38 s of CPU); the band leaves room for a loaded machine
    assert m["seconds_total"] < 300
