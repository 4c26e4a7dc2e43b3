# The README's commands. `make demo` and `make test` create .venv/ from requirements.lock on a
# fresh machine (the one source of truth for versions, shared with CI and the Dockerfile).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests and the demo never reach the hub; a stray hub id fails at once instead of retrying.
OFFLINE := HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
	MLFLOW_HTTP_REQUEST_MAX_RETRIES=0 MLFLOW_HTTP_REQUEST_TIMEOUT=5 TOKENIZERS_PARALLELISM=false

.PHONY: setup demo test lint paper lock clean-demo

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first and exact: an open range pulls a multi-GB CUDA build (STACK.md).
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

demo: setup
	$(OFFLINE) ./scripts/demo.sh

test: setup
	$(OFFLINE) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench

# The paper profile (GPU machine with internet): the root pipeline only, not demo/.
paper: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" DVC_NO_ANALYTICS=1 \
	XSTILTS_PIPELINE_RUN_ID="paper-$$(date -u +%Y%m%dT%H%M%SZ)" $(BIN)/dvc repro dvc.yaml

# Re-resolve requirements.in into requirements.lock (needs the package registry).
lock:
	rm -rf /tmp/xstilts-lock && $(PYTHON) -m venv /tmp/xstilts-lock
	/tmp/xstilts-lock/bin/pip install -q torch==2.13.0
	/tmp/xstilts-lock/bin/pip install -q -r requirements.in
	{ sed -n '1,3p' requirements.lock; /tmp/xstilts-lock/bin/pip freeze \
		| sed 's/^torch==2.13.0+cpu/torch==2.13.0/'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean-demo:
	cd demo && rm -rf data/mirror data/raw data/prepared data/texts models predictions labels \
		scores results mlflow.db mlruns .mlflow-spool .xstilts-state dvc.lock
