"""`make bench-packing` (bench/packing.py), driven here on the CPU with the demo's tiny model:
K cell processes train at once and the aggregate is the sum of their steps per second. No
figures are checked (speed is the benchmark's business), only what it writes."""

from __future__ import annotations

import json

import pytest
from bench import packing

pytestmark = pytest.mark.slow


def test_packing_times_each_cell_count_in_its_own_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    out = tmp_path / "results.json"
    out.write_text(json.dumps({"cpu": {"kept": True}}))
    packing.main(["--device", "cpu", "--cells", "1", "2", "--warmup", "1", "--steps", "2",
                  "--examples", "64", "--out", str(out)])
    data = json.loads(out.read_text())
    assert data["cpu"] == {"kept": True}  # the other sections stay
    rows = data["cpu_packing"]["by_cells"]
    assert [len(rows[k]["ms_per_step"]) for k in ("1", "2")] == [1, 2]
    two = rows["2"]
    assert two["aggregate_steps_per_s"] == pytest.approx(
        sum(1000 / m for m in two["ms_per_step"]), rel=1e-3)
    assert rows["1"]["gain_over_one_cell"] == 1.0
