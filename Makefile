# Two commands: `make lab` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the instructor extra (nbgrader) for the grading tests and `make assign|grade`
INSTRUCTOR_STAMP := $(VENV)/.installed-instructor
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
# one BLAS thread: the same numbers in `make test`, `make execute` and the grader
ONE_THREAD := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

.PHONY: lab test unit browser execute data assign grade clean-venv need-week need-submissions

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e ".[test]"
	touch $(STAMP)

# nbgrader for the tests and the instructor commands, then switched off again for
# JupyterLab: installed into an environment, it adds an Nbgrader menu, a Validate
# button, a sidebar and four server extensions to every `make lab` started from it.
# Disabled at the venv (sys-prefix) level, so that a student's `make lab` in the same
# .venv looks like a plain install. Check: .venv/bin/jupyter labextension list and
# .venv/bin/jupyter server extension list show nbgrader as disabled.
$(INSTRUCTOR_STAMP): $(STAMP) pyproject.toml
	$(PIP) install -e ".[test,instructor]"
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader
	$(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.formgrader
	$(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.validate_assignment
	$(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.assignment_list
	$(BIN)/jupyter server extension disable --sys-prefix nbgrader.server_extensions.course_list
	touch $(INSTRUCTOR_STAMP)

## make lab: JupyterLab on chapters/
# (--allow-root only when run as root, e.g. in a container; Jupyter refuses root otherwise)
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) chapters/

## make test: unit tests and every notebook (nbval, lax) in the quick profile
# One BLAS thread per worker: xdist already runs one worker per core, and
# oversubscribed OpenBLAS threads spin and slow small matrix products badly.
test: $(INSTRUCTOR_STAMP)
	COURSE_PROFILE=quick MPLBACKEND=Agg $(ONE_THREAD) \
	$(BIN)/python -m pytest tests chapters --ignore=tests/browser \
	    --nbval-lax --nbval-current-env -n auto --dist loadscope -q

## make browser: a real JupyterLab in headless Chromium runs weeks 1, 2, 8-12, 16, 18-20 and moves a control of each
## widget (slider, menu, typed text), and opens every notebook with a demo unrun to read its saved pictures
## (needs Debian's chromium and fonts-nanum: apt-get install -y chromium fonts-nanum)
browser: $(STAMP)
	@test -x /usr/bin/chromium || { echo "make browser needs /usr/bin/chromium: apt-get install -y chromium fonts-nanum"; exit 2; }
	$(PIP) install -e ".[test,browser]"
	COURSE_PROFILE=quick $(BIN)/python -m pytest tests/browser -m browser -q

## make unit: unit tests only
unit: $(INSTRUCTOR_STAMP)
	COURSE_PROFILE=quick MPLBACKEND=Agg $(BIN)/python -m pytest tests --ignore=tests/browser -q

## make execute WEEK=4: re-run one notebook in the full profile and save its outputs
## (one BLAS thread, like make test: course_lib execute also sets it in the kernel)
execute: need-week $(STAMP)
	$(ONE_THREAD) $(BIN)/python -m course_lib execute $(WEEK)

## make assign WEEK=3: write the student version to release/week03/ (--force to replace: ARGS=--force)
assign: need-week $(INSTRUCTOR_STAMP)
	$(BIN)/python -m course_lib assign $(WEEK) $(ARGS)

## make grade WEEK=3 SUBMISSIONS=dir: grade dir/<student>.ipynb (or dir/<student>/*.ipynb)
## into grades/week03/gradebook.csv and grades/week03/feedback/<student>.md
grade: need-week need-submissions $(INSTRUCTOR_STAMP)
	$(ONE_THREAD) $(BIN)/python -m course_lib grade $(WEEK) "$(SUBMISSIONS)" $(ARGS)

# argument checks, before anything is installed
need-week:
	@test -n "$(WEEK)" || { echo "usage: make $(MAKECMDGOALS) WEEK=N (e.g. WEEK=3)"; exit 2; }
need-submissions:
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade WEEK=N SUBMISSIONS=dir (dir/<student>.ipynb or dir/<student>/*.ipynb)"; exit 2; }

## make data: download (or copy from COURSE_DATA_MIRROR) the full data sets into the cache
data: $(STAMP)
	$(BIN)/python -m course_lib data

clean-venv:
	rm -rf $(VENV)
