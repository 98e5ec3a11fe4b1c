"""Stage the docs sources into docs/_build/src for `make docs` (Sphinx + myst-nb; conf.py stays in docs/).

What it copies, writing a file only when its content changed (so Sphinx re-reads only what changed):
- docs/*.md (front page, API reference, gallery);
- nbs/*.ipynb, the method tutorials, and nbs/figures/*.ipynb, the figure notebooks: nbdev directive lines
  (`#| export`, ...) are dropped from the shown code, and cells nbdev-test skips (`#| eval: false` and the
  `tst_flags` slow/gpu) are tagged `skip-execution`, so the docs run exactly what the tests run;
- a figure notebook that `make reproduce` already executed (reproductions/<name>/<name>.ipynb, newer than its
  source) is taken with its outputs and not executed again;
- reproductions/ (the gallery, index.html) into the site as reproductions/, when it exists.
Nothing in the repository is written: notebooks execute in the staged copy.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_BY_NBDEV_TEST = ("#| eval: false", "#| slow", "#| gpu")


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _docs_notebook(source: Path, executed: Path | None = None) -> str:
    "The notebook as the docs show it (see the module docstring), as JSON text."
    notebook = json.loads((executed or source).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        lines = "".join(cell["source"]).splitlines(keepends=True)
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if any(line.strip().startswith(SKIPPED_BY_NBDEV_TEST) for line in lines) and "skip-execution" not in tags:
            tags.append("skip-execution")
        cell["source"] = "".join(line for line in lines if not line.startswith("#|")).lstrip("\n")
    if executed is not None:
        notebook["metadata"]["mystnb"] = {"execution_mode": "off"}   # outputs come from `make reproduce`
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def stage(target: Path) -> None:
    wanted = set()
    for page in sorted((ROOT / "docs").glob("*.md")):
        wanted.add(target / page.name)
        _write_if_changed(target / page.name, page.read_text(encoding="utf-8"))
    for source in sorted((ROOT / "nbs").glob("*.ipynb")) + sorted((ROOT / "nbs" / "figures").glob("*.ipynb")):
        relative = source.relative_to(ROOT)
        executed = ROOT / "reproductions" / source.stem / source.name
        fresh = source.parent.name == "figures" and executed.exists() \
            and executed.stat().st_mtime >= source.stat().st_mtime
        wanted.add(target / relative)
        _write_if_changed(target / relative, _docs_notebook(source, executed if fresh else None))
    gallery = ROOT / "reproductions"
    extra = target / "_extra" / "reproductions"
    if extra.exists():
        shutil.rmtree(extra)
    if (gallery / "index.html").exists():
        shutil.copytree(gallery, extra)
    for stale in [p for p in target.rglob("*") if p.suffix in (".md", ".ipynb") and "_extra" not in p.parts
                  and "generated" not in p.parts and p not in wanted]:
        stale.unlink()   # a page whose source was removed


if __name__ == "__main__":
    stage(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "_build" / "src")
