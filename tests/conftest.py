"""Shared pytest fixtures: paths, and one smoke run of every figure notebook per test session."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
os.environ.setdefault("STEMLAB_PROGRESS", "0")
os.environ.setdefault("STEMLAB_STATIC", "1")  # explorers draw static figures: no widget frontend here


@pytest.fixture(scope="session")
def smoke_reproduction(tmp_path_factory):
    "Run every figure notebook at the smoke preset once, into a temporary folder."
    from stemlab.reproduce import reproduce
    return reproduce(preset="smoke", output=tmp_path_factory.mktemp("reproductions"))

def figure_metrics(run, name):
    "The values and the paper's references recorded by figure `name` in a smoke `run`: two dicts keyed alike."
    import json
    data = json.loads((run.output / name / "metrics.json").read_text())
    return {k: v["value"] for k, v in data.items()}, {k: v["reference"] for k, v in data.items()}


# A fresh simulation cache per test session, so the tests measure the code, not an old cache.
import tempfile
os.environ["STEMLAB_CACHE"] = tempfile.mkdtemp(prefix="stemlab-cache-")
