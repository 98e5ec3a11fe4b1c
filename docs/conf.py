# Sphinx configuration of the stemlab docs site (`make docs`; see DESIGN.md, "Docs site").
# Sources are staged by docs/stage.py into docs/_build/src; this file stays here (sphinx-build -c docs).
import os
import re
from pathlib import Path

import stemlab

project = "stemlab"
author = "stemlab developers"
release = version = stemlab.__version__

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.mathjax",
              "sphinx.ext.viewcode"]
templates_path = ["_templates"]
exclude_patterns = ["_extra", "jupyter_execute", "**/.ipynb_checkpoints"]
_extra = Path(__file__).parent / "_build" / "src" / "_extra"   # the reproduction gallery, staged when it exists
html_extra_path = [str(_extra)] if _extra.exists() else []
if (_extra / "reproductions" / "index.html").exists():
    tags.add("gallery")  # noqa: F821 (Sphinx provides `tags` to conf.py); gallery.md links it only then

# API reference: one page per module from the exported docstrings (nbdev's __all__ lists what is public).
autosummary_generate = True
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True

# Notebooks: executed through jupyter-cache, so a warm build re-runs only notebooks whose code changed.
# The environment (STEMLAB_STATIC=1, STEMLAB_PROGRESS=0) is set by `make docs` and inherited by the kernels.
nb_execution_mode = "cache"
nb_execution_cache_path = str(Path(__file__).parent / "_build" / ".jupyter_cache")
nb_execution_timeout = 900           # seconds per cell (a smoke figure notebook cell can take a minute)
# STEMLAB_DOCS_EXECUTE (make docs DOCS_EXECUTE=...): "all", or the file names of the only notebooks to execute
# (the others are shown without outputs): CI's quick site for the browser check.
_execute = os.environ.get("STEMLAB_DOCS_EXECUTE", "all").split()
if _execute != ["all"]:
    nb_execution_excludepatterns = sorted({path.name for path in _extra.parent.rglob("*.ipynb")} - set(_execute))
nb_execution_raise_on_error = False  # a failing notebook is reported, with its traceback, and the site still builds
nb_execution_show_tb = True
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
suppress_warnings = ["misc.highlighting_failure", "myst.header"]

html_theme = "sphinx_book_theme"
html_title = "stemlab"
html_theme_options = {"show_toc_level": 2, "use_download_button": True}

_INLINE_CODE = re.compile(r"(`[^`]+`)")


def _plain_docstring(app, what, name, obj, options, lines):
    """nbdev docstrings are plain text with markdown `code`, not reStructuredText: escape the characters RST
    would read as markup (|x| substitutions, *emphasis*, name_ references, backslashes) and make `code` an
    inline literal (joined to adjacent letters with RST's escaped space, as in `Disc`s)."""
    for number, line in enumerate(lines):
        parts = _INLINE_CODE.split(line)
        for k, part in enumerate(parts):
            if k % 2:
                before = "\\ " if parts[k - 1][-1:].isalnum() else ""
                after = "\\ " if parts[k + 1][:1].isalnum() else ""
                parts[k] = f"{before}`{part}`{after}"
            else:
                parts[k] = re.sub(r"_(?!\w)", r"\_", re.sub(r"([\\*|])", r"\\\1", part))
        lines[number] = "".join(parts)


def setup(app):
    app.connect("autodoc-process-docstring", _plain_docstring)
