"""CI guards: stemlab/ is exactly what nbdev_export makes of nbs/, notebooks are clean, README is current."""
import filecmp
import shutil
import subprocess

from conftest import BIN, ROOT


def _copy_project(tmp_path):
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("nbs", "stemlab"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    return tmp_path


def _differences(a, b):
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", ".ipynb_checkpoints"])
    out = [str(a / f) for f in cmp.left_only + cmp.right_only + cmp.diff_files]
    for sub in cmp.common_dirs:
        out += _differences(a / sub, b / sub)
    return out


def test_export_is_in_sync(tmp_path):
    copy = _copy_project(tmp_path)
    subprocess.run([str(BIN / "nbdev-export")], cwd=copy, check=True, capture_output=True)
    assert not _differences(ROOT / "stemlab", copy / "stemlab"), \
        "stemlab/ differs from what nbdev-export makes of nbs/: run `make export` and commit"


def test_notebooks_are_clean(tmp_path):
    copy = _copy_project(tmp_path)
    subprocess.run([str(BIN / "nbdev-clean")], cwd=copy, check=True, capture_output=True)
    assert not _differences(ROOT / "nbs", copy / "nbs"), "notebooks are not clean: run `make clean-nbs` and commit"


def test_readme_is_rendered_from_index(tmp_path):
    subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "markdown", str(ROOT / "nbs" / "index.ipynb"),
                    "--output-dir", str(tmp_path), "--output", "README", "--log-level", "WARN"],
                   check=True, capture_output=True)
    assert (tmp_path / "README.md").read_text() == (ROOT / "README.md").read_text(), \
        "README.md is not what nbs/index.ipynb renders to: run `make readme` and commit"
    first = (ROOT / "README.md").read_text().split("make test")[0]
    assert "make reproduce" in first, "the README must open with `make reproduce` then `make test`"
