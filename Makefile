# Thin wrappers: every target runs tools/tasks.py, which also works without make.
# Extra arguments go in ARGS, e.g.  make lab ARGS="--no-browser --port 8890"
PYTHON ?= python3
ARGS ?=

.PHONY: lab test check execute editions grade bench site setup

lab:       ## set up .venv if needed and open JupyterLab on notebook 00
	$(PYTHON) tools/tasks.py lab $(ARGS)

test:      ## set up .venv if needed and run every test (what CI runs)
	$(PYTHON) tools/tasks.py test $(ARGS)

check:     ## the fast tests to run while working (no notebooks, browser or site; under a minute)
	$(PYTHON) tools/tasks.py check $(ARGS)

execute:   ## re-execute notebooks in place (skips notebooks with uncommitted edits)
	$(PYTHON) tools/tasks.py execute $(ARGS)

editions:  ## build teacher, practice and assessment editions into build/editions/
	$(PYTHON) tools/tasks.py editions $(ARGS)

grade:     ## grade submitted notebooks: make grade ARGS="submissions/" (writes build/grades/)
	$(PYTHON) tools/tasks.py grade $(ARGS)

bench:     ## print speed and size figures
	$(PYTHON) tools/tasks.py bench $(ARGS)

site:      ## build the static site (practice edition) into build/site/
	$(PYTHON) tools/tasks.py site $(ARGS)

setup:     ## only create or refresh .venv and .venv-site
	$(PYTHON) tools/tasks.py setup $(ARGS)
