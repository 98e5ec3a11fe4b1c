# stemlab: `make reproduce` (smoke reproductions + gallery) and `make test` (the whole suite).
# Both create .venv on first use and install stemlab with the versions pinned in constraints.txt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stemlab-installed
PRESET ?= smoke
OUTPUT ?= reproductions

.PHONY: venv reproduce test export clean-nbs readme check-sync clean docs test-browser

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned, so nothing can pull a multi-GB CUDA build
	$(BIN)/python -m pip install -q -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

reproduce: venv
	STEMLAB_PROGRESS=0 $(BIN)/stemlab reproduce --preset $(PRESET) --output $(OUTPUT)

test: venv
	STEMLAB_PROGRESS=0 $(BIN)/python -m pytest

# Developer targets: regenerate stemlab/ and README.md from the notebooks, and clean the notebooks.
export: venv
	$(BIN)/nbdev-export

clean-nbs: venv
	$(BIN)/nbdev-clean

readme: venv
	$(BIN)/jupyter nbconvert --to markdown nbs/index.ipynb --output-dir . --output README --log-level WARN

clean:
	rm -rf $(OUTPUT) .pytest_cache

# The docs site (Sphinx + myst-nb, see DESIGN.md): docs/_build/html. Notebooks run once into a jupyter-cache
# (docs/_build/.jupyter_cache), so a warm build re-executes only notebooks whose code changed.
# DOCS_EXECUTE="95_explorers.ipynb 10_eels.ipynb" executes only those (the others show no outputs): CI's quick site.
DOCS_EXECUTE ?= all
docs: venv
	$(BIN)/python docs/stage.py docs/_build/src
	STEMLAB_STATIC=1 STEMLAB_PROGRESS=0 STEMLAB_DOCS_EXECUTE="$(DOCS_EXECUTE)" \
		$(BIN)/sphinx-build -q -b html -c docs $(SPHINXOPTS) \
		docs/_build/src docs/_build/html
	@echo "docs: open docs/_build/html/index.html"

# JupyterLab + the docs site in headless Chromium (Debian's chromium, driven by Playwright); screenshots in
# test-artifacts/. Builds the docs first; deselected from `make test` by the `browser` marker.
test-browser: docs
	STEMLAB_PROGRESS=0 $(BIN)/python -m pytest -m browser -p no:cacheprovider tests/test_browser.py
