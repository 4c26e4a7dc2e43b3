#!/usr/bin/env bash
# The demo profile end to end, offline on a CPU: `dvc repro --keep-going` in demo/ (the demo's
# pipeline root; its dvc.yaml is generated from demo/params.yaml by the same `xstilts pipeline`
# as the paper's, scripts/repro.sh). SIMULATED: a tiny locally built model and generated data
# in the real formats. A second run re-runs no stage.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$root/.venv/bin:$PATH"
export DVC_NO_ANALYTICS=1
# One MLflow parent run per invocation of the pipeline; each stage is a child run.
export XSTILTS_PIPELINE_RUN_ID="${XSTILTS_PIPELINE_RUN_ID:-demo-$(date -u +%Y%m%dT%H%M%SZ)}"
start=$(date +%s)
"$root/scripts/repro.sh" "$root/demo"
echo "demo: pipeline finished in $(( $(date +%s) - start )) s; report: demo/results/report.md"
