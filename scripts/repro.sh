#!/usr/bin/env bash
# Run one pipeline root (the repo root: paper; demo/: demo) to the end. Its dvc.yaml is
# regenerated from params.yaml and the task registry first, then `dvc repro --keep-going`:
# a failed stage (a dead link, a missing licensed file) stops only the stages that need its
# output. If any failed, the summary names each stage that did not run and why, the runs are
# scored and the report written from what did run (cells marked "not run (reason)"), and the
# exit code is 1. Re-running after fixing the cause runs only what is missing. Last, MLflow
# runs kept in the spool (tracking.deliver: at_end, or a store that was down) are delivered.
set -uo pipefail
cd "$1"
xstilts pipeline --params params.yaml >/dev/null || exit 2
xstilts validate params.yaml || exit 2
status=0
if ! dvc repro --keep-going; then
  status=1
  xstilts pipeline --params params.yaml --summary --partial-report
fi
synced=$(xstilts sync-runs | grep -c '^synced' || true)
echo "repro: delivered $synced spooled MLflow run(s) to the store"
exit "$status"
