# The README's commands. `make demo` and `make test` create .venv/ from requirements-dev.lock on
# a fresh machine: the runtime lock (requirements.lock, all the image installs) plus tests and
# lint, with the same pins; `make lock` writes both from requirements.in / requirements-dev.in.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests and the demo never reach the hub; a stray hub id fails at once instead of retrying.
OFFLINE := HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
	MLFLOW_HTTP_REQUEST_MAX_RETRIES=0 MLFLOW_HTTP_REQUEST_TIMEOUT=5 TOKENIZERS_PARALLELISM=false

.PHONY: setup demo test test-container lint paper lock clean-demo bench bench-gpu bench-packing

setup: $(STAMP)

$(STAMP): requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first and exact: an open range pulls a multi-GB CUDA build (STACK.md).
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements-dev.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

demo: setup
	$(OFFLINE) ./scripts/demo.sh

test: setup
	$(OFFLINE) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The image, built and run (tests/container): installs Debian's docker.io if missing (root),
# builds the Dockerfile on a local Debian base from a wheelhouse of requirements.lock
# (scripts/container/build-local.sh), runs the demo's baseline chain in it as a non-root user.
# Part of `make test` under CI=true (.ci/run); about 15 min cold, less with the caches.
test-container: setup
	$(OFFLINE) XSTILTS_CONTAINER_TEST=1 $(BIN)/python -m pytest -m container -s $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench

# Speed, side by side in one process (bench/README.md): our training step vs a padded reference,
# BUCC mining at 10k x 10k, DVC no-op on the paper graph. Writes the cpu section of
# bench/results.json and prints the README's tables.
BENCH_OUT ?= bench/results.json
bench: setup
	$(OFFLINE) PYTHONPATH=. $(BIN)/python -m bench.train_step --device cpu --out $(BENCH_OUT)
	$(OFFLINE) PYTHONPATH=. $(BIN)/python -m bench.bucc_mining --size 10000 --dims 1024 --out $(BENCH_OUT)
	$(OFFLINE) PYTHONPATH=. $(BIN)/python -m bench.dvc_noop --out $(BENCH_OUT)
	PYTHONPATH=. $(BIN)/python -m bench.results $(BENCH_OUT)

# The same harness on CUDA at XLM-R Large's shape (about 8 min; needs torch and transformers
# only, so it runs with the GPU machine's own python3 when there is no .venv/). Writes the gpu
# section of bench/results.json, then the GPU-hours of REPRODUCE.md §4 from it.
GPU_PYTHON ?= $(if $(wildcard $(BIN)/python),$(BIN)/python,python3)
bench-gpu:
	$(OFFLINE) PYTHONPATH=src:. $(GPU_PYTHON) -m bench.train_step --device cuda --out $(BENCH_OUT)
	PYTHONPATH=. $(GPU_PYTHON) -m bench.gpu_hours $(BENCH_OUT)

# Cells per GPU (issue [14]): 1, 2 and 4 intermediate cells (batch 4, XLM-R Large shape, bf16)
# training at once on one card, each its own process as under `xstilts grid --per-gpu K`;
# writes the cuda_packing section of bench/results.json (aggregate steps/s per K).
bench-packing:
	$(OFFLINE) PYTHONPATH=src:. $(GPU_PYTHON) -m bench.packing --device cuda --out $(BENCH_OUT)

# The paper profile (GPU machine with internet): the root pipeline only, not demo/. Runs every
# stage it can (`dvc repro --keep-going`), then names what did not run and why (scripts/repro.sh).
paper: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" DVC_NO_ANALYTICS=1 \
	XSTILTS_PIPELINE_RUN_ID="paper-$$(date -u +%Y%m%dT%H%M%SZ)" ./scripts/repro.sh .

# Re-resolve the two locks (needs the package registry): requirements.lock from requirements.in
# (runtime: the pipeline and the image), then requirements-dev.lock from requirements-dev.in
# (runtime + tests, lint, moto) constrained to it, so both pin every shared package alike.
# No hashes: on this machine torch==2.13.0 is the CPU build, the image gets the CUDA build
# (other files, other hashes, plus its nvidia-* wheels), and pip's hash mode is all or nothing.
LOCK_VENV := /tmp/xstilts-lock
# --all: setuptools is a runtime requirement of torch (>= 77); pip itself is the installer.
LOCK_FREEZE := $(LOCK_VENV)/bin/pip freeze --all --exclude pip | sed 's/^torch==2.13.0+cpu$$/torch==2.13.0/'
lock:
	rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install -q torch==2.13.0
	$(LOCK_VENV)/bin/pip install -q -r requirements.in
	{ grep '^#' requirements.lock; $(LOCK_FREEZE); } > requirements.lock.new
	$(LOCK_VENV)/bin/pip install -q -r requirements-dev.in -c requirements.lock.new
	{ grep '^#' requirements-dev.lock; $(LOCK_FREEZE); } > requirements-dev.lock.new
	mv requirements.lock.new requirements.lock
	mv requirements-dev.lock.new requirements-dev.lock

clean-demo:
	cd demo && rm -rf data/mirror data/raw data/prepared data/texts models predictions labels \
		scores results mlflow.db mlruns .mlflow-spool .xstilts-state dvc.lock
