"""Every figure notebook at the smoke preset, its metrics checked against stated bands."""
import pytest

from conftest import figure_metrics
from stemlab.reproduce import list_figures


def test_every_figure_ran(smoke_reproduction):
    assert smoke_reproduction.failed == [], smoke_reproduction.errors
    assert sorted(smoke_reproduction.ok) == list_figures()
    index = (smoke_reproduction.output / "index.html").read_text()
    for name in list_figures():
        assert name in index


def test_sha2022_fig2ab(smoke_reproduction):
    m, ref = figure_metrics(smoke_reproduction, "sha2022_fig2ab_conventional")
    haadf = [m[f"d_SrTiO_haadf_{t}mrad_pm"] for t in (0, 4, 8, 12)]
    # No tilt, no shift: cubic SrTiO3 is centrosymmetric, so anything above numerical noise is a bug.
    assert haadf[0] < 0.05 and m["d_SrTiO_abf_0mrad_pm"] < 0.05 and m["d_OTiO_abf_0mrad_pm"] < 0.05
    # The artefact grows with mistilt; at 12 mrad it is 0.68 pm for this 7.8 nm static lattice (measured; the paper:
    # about 2.5 pm for 10 nm with frozen phonons, recorded beside ours). A deterministic simulation: ±30 %.
    assert haadf == sorted(haadf), haadf
    assert 0.48 < haadf[-1] < 0.89, haadf
    assert ref["d_SrTiO_haadf_12mrad_pm"] == 2.5
    # Light columns move more than heavy ones in ABF (Sha et al., Fig. 2F).
    assert m["d_OTiO_abf_12mrad_pm"] > m["d_SrTiO_abf_12mrad_pm"] > haadf[-1]
    assert m["thickness_nm"] == pytest.approx(7.81, abs=0.01)
