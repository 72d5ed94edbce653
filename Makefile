# MotCua — every command installs what is missing first (scripts/setup.sh).
.PHONY: run test lint bench soak screenshots translations package setup clean

VENV := .venv
PY := $(VENV)/bin/python
SETUP := $(VENV)/.motcua-installed

run: $(SETUP)
	PY=$(PY) bash scripts/demo.sh

test: $(SETUP)
	bash scripts/test.sh

lint: $(SETUP)
	$(VENV)/bin/ruff check app central testkit tests bench scripts installer
	$(VENV)/bin/ruff format --check app central testkit tests bench scripts installer
	$(VENV)/bin/mypy
	$(PY) -m scripts.translations --check

bench: $(SETUP)
	bash scripts/with-services.sh $(PY) -m bench

soak: $(SETUP)
	bash scripts/with-services.sh $(PY) -m bench.soak

screenshots: $(SETUP)  # the counter's windows on a 1366×768 screen of their own
	MOTCUA_XVFB_DISPLAY=:98 MOTCUA_XVFB_SIZE=1366x768 bash scripts/with-services.sh $(PY) -m scripts.screenshots
	MOTCUA_WRITE_SCREENSHOTS=1 $(PY) -m pytest -q tests/ui/dossiers
	MOTCUA_WRITE_SCREENSHOTS=1 bash scripts/with-services.sh $(PY) -m pytest -q tests/integration/sync/test_backoffice_browser.py

translations: $(SETUP)
	$(PY) -m scripts.translations

# dist/motcua_<version>_amd64.deb (PyInstaller bundle in dist/MotCua; installer/README.md)
package: $(SETUP)
	$(PY) -m scripts.package

setup: $(SETUP)

$(SETUP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

clean:
	rm -rf $(VENV) .make build dist *.egg-info
