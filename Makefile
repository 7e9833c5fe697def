# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench demo lint clean mutate

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app.launch

demo: $(STAMP)
	$(PY) -m app.demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Mutation testing (slow, not part of `make test`): `make mutate`, or one module:
# `make mutate MODULES="app/checks/rules.py"`. Installs mutmut (the `mutate` extra) on first use.
$(VENV)/.installed-mutate: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,mutate]"
	touch $@

mutate: $(VENV)/.installed-mutate
	QT_QPA_PLATFORM=offscreen $(PY) scripts/mutate.py $(MODULES)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) out .pytest_cache mutants
