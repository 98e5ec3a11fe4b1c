# stemlab: `make reproduce` (smoke reproductions + gallery) and `make test` (the whole suite).
# Both create .venv on first use and install stemlab with the versions pinned in constraints.txt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stemlab-installed
PRESET ?= smoke
OUTPUT ?= reproductions

.PHONY: venv reproduce test export clean-nbs readme check-sync clean

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
