# Two commands: `make lab` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: lab test unit browser execute data clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e ".[test]"
	touch $(STAMP)

## make lab: JupyterLab on chapters/
# (--allow-root only when run as root, e.g. in a container; Jupyter refuses root otherwise)
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) chapters/

## make test: unit tests and every notebook (nbval, lax) in the quick profile
# One BLAS thread per worker: xdist already runs one worker per core, and
# oversubscribed OpenBLAS threads spin and slow small matrix products badly.
test: $(STAMP)
	COURSE_PROFILE=quick MPLBACKEND=Agg OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
	$(BIN)/python -m pytest tests chapters --ignore=tests/browser \
	    --nbval-lax --nbval-current-env -n auto --dist loadscope -q

## make browser: weeks 1, 2, 19, 20 in a real JupyterLab in headless Chromium: sliders, a typed date
## (needs Debian's chromium and fonts-nanum: apt-get install -y chromium fonts-nanum)
browser: $(STAMP)
	@test -x /usr/bin/chromium || { echo "make browser needs /usr/bin/chromium: apt-get install -y chromium fonts-nanum"; exit 2; }
	$(PIP) install -e ".[test,browser]"
	COURSE_PROFILE=quick $(BIN)/python -m pytest tests/browser -m browser -q

## make unit: unit tests only
unit: $(STAMP)
	COURSE_PROFILE=quick MPLBACKEND=Agg $(BIN)/python -m pytest tests --ignore=tests/browser -q

## make execute WEEK=4: re-run one notebook in the full profile and save its outputs
execute: $(STAMP)
	@test -n "$(WEEK)" || (echo "usage: make execute WEEK=4" && exit 2)
	$(BIN)/python -m course_lib execute $(WEEK)

## make data: download (or copy from COURSE_DATA_MIRROR) the full data sets into the cache
data: $(STAMP)
	$(BIN)/python -m course_lib data

clean-venv:
	rm -rf $(VENV)
