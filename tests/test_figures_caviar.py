"""Regression bands for the CAVIAR (Gladyshev et al. 2025) figures, smoke preset (hBN monolayer, 8 atoms; Figs. 2 and S2
at 900 K, Fig. 4 at 300 K)."""
from conftest import figure_metrics

FIG2 = "gladyshev2025_fig2_correlations"
FIGS2 = "gladyshev2025_figS2_green"
FIG4 = "gladyshev2025_fig4_dispersion"


def test_fig2_correlated_above_controls(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 5: CSM >= 0.9 on correlated data (900 K), against the sample G of the snapshots in the data: measured
    # 0.929 for the preset's snapshot seed 5, and 0.908-0.979 over seven runs (snapshot seeds 5-9, reconstruction
    # seeds 0 and 1; table in the figure), so a change of rounding on another CPU, which acts like another draw,
    # stays above the goal (a second machine, AMD EPYC: 0.952 for seed 5). Clearly above the controls measured
    # against the same truth (Einstein 0.272, coherent 0.408; on the second machine 0.590 and 0.347): over all eight
    # runs the correlated CSM exceeds the larger control by 0.36 to 0.66, so the margin is 0.25.
    # At 300 K the same preset gave 0.912, 0.871 and 0.704 for seeds 5-7.
    assert m["csm_correlated"] >= 0.9
    assert m["csm_correlated"] > m["csm_einstein"] + 0.25
    assert m["csm_correlated"] > m["csm_coherent"] + 0.25
    # magnitudes: the paper finds them about 25 % low (measured LSM 0.54, 0.47-0.62 over the seeds); a collapse to
    # one state gives ~0
    assert 0.4 < m["lsm_correlated"] < 1.3


def test_fig2_partial_coherence(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # partially coherent data (47 pm source) with the known source in the model (the patterns averaged over the scan
    # like the data, one probe mode): CSM measured 0.836 (0.765-0.973 over six runs, seeds as in the figure; 0.946 on
    # a second machine),
    # clearly above the controls (0.272, 0.408); at 300 K the source's 9 exact probe modes gave 0.68-0.71, one probe mode without
    # the blur 0.433, Hermite modes refined in stage 1 0.410 (9 modes) and 0.345 (3)
    assert m["psc_probe_modes"] == 1
    assert m["csm_psc"] >= 0.7
    assert m["csm_psc"] > max(m["csm_einstein"], m["csm_coherent"]) + 0.2
    # the states neither take up the source blur as motion (one probe mode, no blur: B 7.5x the truth, LSM 12.5) nor
    # collapse (refined Hermite modes: B 0.007-0.14x the truth, LSM 0.01-0.17); measured B 0.44x the truth, LSM 0.46
    assert 0.25 * m["b_factor_truth_A2"] < m["b_factor_psc_A2"] < 1.2 * m["b_factor_truth_A2"]
    assert 0.25 < m["lsm_psc"] < 1.3


def test_fig2_b_factors(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # the coherent control has no thermal spread: its states stay together (measured 0.017 Å² against the crystal's
    # 0.367 Å² at 900 K); the correlated reconstruction recovers half the true B (measured 0.195 Å², 53 %; 0.52-0.60
    # of the truth over the seeds)
    assert m["b_factor_coherent_A2"] < 0.15 * m["b_factor_truth_A2"]
    assert 0.4 * m["b_factor_truth_A2"] < m["b_factor_correlated_A2"] < 1.2 * m["b_factor_truth_A2"]


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
    # 16 reconstructed states of the 2 x 1-cell hBN monolayer at 300 K (0.001 rad seeds), q-points M and 3/4 of Γ-K:
    # every frequency finite and positive (a mode without spread gives 0, a NaN fails too; measured min 12.7 THz, seed
    # 4, two runs: 12.7, 12.3; at 900 K with 0.02 rad seeds 13.0 and 18.9 THz, seeds 4, 7)
    assert m["n_reconstructed_qpoints"] == 2
    assert m["nu_reconstructed_min_THz"] > 1.0
    # the states' displacements are too small (B ratio measured 0.59 and 0.62 in two 300 K runs, rounding apart;
    # 0.59-0.61 in three 900 K runs), and D ~ 1/<uu>, so the frequencies come out HIGH: reconstructed / 16 true
    # snapshots measured 1.48 and 1.49 against 1/sqrt(B ratio) 1.30 and 1.27, 14 % and 17 % over (900 K: 1.33-1.35
    # against 1.28-1.30, 3-5 % over); a collapse of the states sends both far off (B ratio near 0)
    assert 0.4 < m["b_factor_ratio_reconstructed_to_true"] < 0.9
    assert m["ratio_reconstructed_to_few_snapshots"] > 1.1
    assert abs(m["ratio_reconstructed_to_few_snapshots"] / m["ratio_expected_from_b_factor"] - 1) < 0.3
    # per branch, reconstructed / model measured 1.19-2.63 (300 K, seed 4, two runs; 900 K: 1.13-2.10 and
    # 1.26-2.16, seeds 4, 7); 16 true snapshots alone give 0.82-1.60 (a 4 x 4 covariance from 16 samples spreads its
    # eigenvalues)
    for branch in ("ta", "la", "to", "lo"):
        assert 0.8 < m[f"ratio_{branch}_reconstructed_to_model"] < 3.0, branch
        assert 0.6 < m[f"ratio_{branch}_few_snapshots_to_model"] < 1.9, branch
