"""Regression bands for the ptychography (APP, Sha, Cui & Yu 2022) figures, smoke preset."""
from conftest import figure_metrics

FIG2 = "sha2022_fig2_app_vs_fpp"


def test_fig2_app_tilt(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 8: APP recovers the tilt within 0.5 mrad on noise-free data (smoke: 8 and 12 mrad; measured 0.39)
    assert m["tilt_error_mrad"] < 0.5
    # the sign: data from a crystal tilted by +θ must give +θ (a sign error would give about -θ)
    assert m["app_tilt_8mrad"] > 7.5 and m["app_tilt_12mrad"] > 11.5


def test_fig2_app_dz(smoke_reproduction):
    m, _ = figure_metrics(smoke_reproduction, FIG2)
    # issue 8: Δz within 10 % from a start 15 % low (measured +1.3 % and +1.2 %)
    assert abs(m["app_dz_error_8mrad"]) < 0.10 and abs(m["app_dz_error_12mrad"]) < 0.10


def test_fig2_app_columns(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, FIG2)
    # paper: APP's d_Sr-TiO error < 1 pm at 12 mrad (measured 0.37 pm)
    assert m["d_SrTiO_app_12mrad_pm"] < ref["d_SrTiO_app_12mrad_pm"]
    # issue 8: APP's d errors below FPP's (measured 0.44 vs 1.20 pm at 8 mrad, 0.37 vs 1.49 pm at 12 mrad)
    for t in (8, 12):
        assert m[f"d_SrTiO_app_{t}mrad_pm"] < m[f"d_SrTiO_fpp_{t}mrad_pm"]
