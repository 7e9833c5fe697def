# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The shipped editions validated once (app/edition_snapshot.py): start-up reads them without validating again.
SNAPSHOT := templates/editions/snapshot.json

.PHONY: run test bench demo lint clean dist dist-test mutate

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

$(SNAPSHOT): $(STAMP) $(wildcard templates/editions/*.yaml) app/editions.py app/edition_schema.py app/edition_snapshot.py
	$(PY) -m app.edition_snapshot

# Packaged builds (packaging/): PyInstaller comes from the optional `dist` group, never needed by `make test`.
DIST_STAMP := $(VENV)/.dist-installed
$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,dist]"
	touch $(DIST_STAMP)

run: $(STAMP) $(SNAPSHOT)
	$(PY) -m app.launch

demo: $(STAMP) $(SNAPSHOT)
	$(PY) -m app.demo

test: $(STAMP) $(SNAPSHOT)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Mutation testing (slow, not part of `make test`): `make mutate`, or one module:
# `make mutate MODULES="app/checks/rules.py"`. Installs mutmut (the `mutate` extra) on first use.
$(VENV)/.installed-mutate: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,mutate]"
	touch $@

mutate: $(VENV)/.installed-mutate $(SNAPSHOT)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/mutate.py $(MODULES)

bench: $(STAMP) $(SNAPSHOT)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

dist: $(DIST_STAMP) $(SNAPSHOT)   # dist/nianbao/ (one folder) and, on Debian-based Linux, dist/nianbao_<version>_<arch>.deb
	rm -rf dist/nianbao
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/nianbao.spec
	du -sh dist/nianbao
	if command -v dpkg-deb >/dev/null; then $(PY) packaging/linux/build_deb.py dist/nianbao dist; fi

dist-test: dist      # installs the .deb into a throwaway root, runs `nianbao check` and the window (Xvfb)
	$(PY) packaging/linux/test_deb.py dist

clean:
	rm -rf $(VENV) out .pytest_cache build dist mutants
