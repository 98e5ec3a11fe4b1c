"""Every method notebook's own assert-based tests, each run by nbdev's runner in a fresh process."""
import subprocess

import pytest

from conftest import BIN, ROOT

NOTEBOOKS = sorted(p for p in (ROOT / "nbs").glob("*.ipynb") if not p.name.startswith(("_", ".")))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook(notebook, tmp_path):
    env = {"STEMLAB_PROGRESS": "0", "STEMLAB_STATIC": "1", "STEMLAB_CACHE": str(tmp_path / "cache"), "MPLBACKEND": "Agg"}
    import os
    proc = subprocess.run([str(BIN / "nbdev-test"), str(notebook)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=900)
    # nbdev's own failure line, not any "Failed" (a library warning may contain the word)
    assert proc.returncode == 0 and "nbdev Tests Failed" not in proc.stdout + proc.stderr, (
        f"{notebook.name} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}")
