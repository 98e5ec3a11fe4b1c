"""Regression bands for the Yan et al. 2025 (q-selective vibrational EELS) figure notebooks at the smoke preset."""
import math

from conftest import figure_metrics


def test_yan2025_fig1bc_spectra(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "yan2025_fig1bc_spectra")
    # The synthetic peaks are planted at the paper's P1–P5; after the three-window fit and subtraction each must be
    # found within 1.5 meV (measured: ≤ 0.9 meV; P1 is pulled by the ZLP-tail residual and by P2's flank).
    for material in ("SrTiO3", "BaTiO3"):
        for k in range(1, 6):
            key = f"{material}_P{k}_meV"
            assert ref[key] is not None and not math.isnan(m[key]), key
            assert abs(m[key] - ref[key]) < 1.5, (key, m[key], ref[key])
        # the planted tail exponent is 3.0 ± 0.1 (HAADF-modulated); the joint fit finds it within 0.3
        assert abs(m[f"{material}_background_b"] - 3.0) < 0.3
    # graphene windows: the 140–200 meV band lies between windows and comes back to 10 %; the 75–85 meV window sits
    # inside the 60–100 meV band, so the fitted background rises to the band's level there and the subtraction takes
    # out about twice the band: it comes back with the opposite sign and about its whole area (documented in the
    # figure; measured −0.997). A fit that ignored the window would give about +1, one that ran off far below −1.5
    assert abs(m["graphene_band2_recovery"] - 1) < 0.1
    assert -1.5 < m["graphene_band1_recovery"] < -0.5


def test_yan2025_fig2_maps(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, "yan2025_fig2_maps")
    # issue 3: maps after per-cell affine averaging correlate > 0.95 with the planted maps (measured min 0.986)
    assert m["map_correlation"] > 0.95
    assert m["unit_cells"] >= 4 and m["failed_background_fits"] == 0
    # sub-channel ZLP alignment: Poisson-limited centre error ~0.04 meV at 2000 counts
    assert m["zlp_centre_rms_error_meV"] < 0.1


def test_yan2025_fig4_contrast(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "yan2025_fig4_contrast")
    # issue 3: the crossover comes back within 5 meV of the planted one (measured 0.4 meV from 2 meV bands)
    assert abs(m["crossover_meV"] - m["crossover_planted_meV"]) < 5.0
    assert abs(m["crossover_y_meV"] - m["crossover_planted_meV"]) < 5.0
    assert ref["crossover_meV"] == 60.0 and m["rising_crossings_x"] == 1
    # the paper's signs: Δx < 0 below ω_T and > 0 above; Δy reversed; |Δx/Δy| ≈ 1 in SrTiO3 (measured median 1.02)
    assert m["delta_x_10_20meV"] < 0 < m["delta_x_90_100meV"] and m["delta_y_10_20meV"] > 0
    assert 0.7 < m["ratio_median"] < 1.4
