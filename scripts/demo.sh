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
# Every demo stage runs on one CPU thread (base.threads: 1), so one stage per core at a time:
# `xstilts grid` runs the graph's independent stages N at once (DVC's own locks and graph;
# XSTILTS_DEMO_WORKERS=1 gives the serial run, with byte-identical outputs), then repro.sh
# re-runs nothing that is done, writes the not-run summary if a stage failed, and delivers the
# spooled MLflow runs. At most 4 by default: each stage holds ~0.6 GB of memory.
cores="$(nproc 2>/dev/null || echo 1)"
workers="${XSTILTS_DEMO_WORKERS:-$(( cores < 4 ? cores : 4 ))}"
if [ "$workers" -gt 1 ]; then
  (cd "$root/demo" && xstilts pipeline --params params.yaml >/dev/null \
     && xstilts grid --workers "$workers") || echo "demo: a stage failed; dvc repro names it"
fi
"$root/scripts/repro.sh" "$root/demo"
echo "demo: pipeline finished in $(( $(date +%s) - start )) s; report: demo/results/report.md"
