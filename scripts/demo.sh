#!/usr/bin/env bash
# The demo profile end to end, offline on a CPU (simulated: tiny local model, generated data).
# Runs in demo/ (the demo's pipeline root); outputs stay there.
set -euo pipefail
cd "$(dirname "$0")/../demo"
X=../.venv/bin/xstilts
$X validate params.yaml
if $X --help | grep -q "demo-data"; then
  $X demo-data --params params.yaml --out data/mirror
  $X build-tiny --params params.yaml --corpus data/mirror/corpus.txt --out models/tiny
fi
