"""`xstilts submit`: the grid as SLURM jobs through submitit, one DVC stage per job.

Every job runs `dvc --wait-for-lock repro --single-item STAGE` in the same pipeline root on the
cluster's shared filesystem: one DVC cache, one git-tracked dvc.lock that DVC updates under its
own repository lock. The waves of waves.py go in order (a wave's jobs are one submitit batch, a
SLURM job array); a failed job stops nothing else in its wave, and a last job runs
`dvc repro --keep-going`, which re-runs nothing a job completed and writes the report.

Preemption and time limits: submitit catches SLURM's warning signal and calls
`StageJob.checkpoint`, which requeues the same stage; the rerun resumes the training from the
state the killed run last saved (`.xstilts-state/`, outside DVC's outputs, every `save_every`
steps). `--executor local` runs the same jobs as local processes (submitit's LocalExecutor),
which is how the tests run it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from xstilts.scaleout.waves import Wave, final_command, pipeline_stages, plan_waves


class StageFailedError(RuntimeError):
    """A job's `dvc repro` exited non-zero (its output is in the job's submitit log)."""


class StageJob:
    """One command in the pipeline root; submitit pickles it, runs it, and on preemption
    calls `checkpoint` to requeue it."""

    def __init__(self, root: Path, command: list[str]) -> None:
        self.root = Path(root).resolve()
        self.command = list(command)

    def __call__(self) -> str:
        result = subprocess.run(self.command, cwd=self.root, check=False)
        if result.returncode != 0:
            raise StageFailedError(f"{' '.join(self.command)} exited {result.returncode}")
        return " ".join(self.command)

    def checkpoint(self, *args: Any, **kwargs: Any) -> Any:
        """Requeue the same command: training resumes from the stage's saved state."""
        import submitit

        return submitit.helpers.DelayedSubmission(StageJob(self.root, self.command))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="pipeline root holding dvc.yaml, on a filesystem every node mounts")
    parser.add_argument("--executor", choices=["slurm", "local"], default="slurm",
                        help="slurm (default), or local processes (submitit's LocalExecutor)")
    parser.add_argument("--folder", type=Path, default=None,
                        help="submitit's job folder (default: ROOT/.xstilts-state/submitit)")
    parser.add_argument("--partition", default=None, help="SLURM partition")
    parser.add_argument("--gpus-per-job", type=int, default=1, help="GPUs per job (default 1)")
    parser.add_argument("--cpus-per-job", type=int, default=8, help="CPUs per job (default 8)")
    parser.add_argument("--mem-gb", type=int, default=64, help="memory per job (default 64)")
    parser.add_argument("--timeout-min", type=int, default=24 * 60,
                        help="time limit per job; longer stages are requeued and resume")
    parser.add_argument("--parallelism", type=int, default=None,
                        help="most jobs of one array running at once (default: no limit)")
    parser.add_argument("--slurm-extra", action="append", default=[], metavar="KEY=VALUE",
                        help="any other sbatch option, e.g. account=ABC or qos=low")


def make_executor(args: argparse.Namespace) -> Any:
    import submitit

    folder = args.folder or args.root / ".xstilts-state" / "submitit"
    if args.executor == "local":
        executor = submitit.LocalExecutor(folder=str(folder))
        executor.update_parameters(timeout_min=args.timeout_min)
        return executor
    executor = submitit.AutoExecutor(folder=str(folder), cluster="slurm")
    extra = dict(item.split("=", 1) for item in args.slurm_extra)
    executor.update_parameters(
        name="xstilts", timeout_min=args.timeout_min, gpus_per_node=args.gpus_per_job,
        cpus_per_task=args.cpus_per_job, mem_gb=args.mem_gb, slurm_partition=args.partition,
        slurm_array_parallelism=args.parallelism or 256, slurm_additional_parameters=extra)
    return executor


def submit_wave(executor: Any, wave: Wave, root: Path) -> dict[str, str | None]:
    """Submit the wave's commands as one batch and wait; {job name: error or None}."""
    commands = wave.commands()
    if not commands:
        return {}
    with executor.batch():
        jobs = [executor.submit(StageJob(root, command)) for command in commands]
    names = [c[-1] if wave.parallel else wave.name for c in commands]
    print(f"submit: {wave.name}: {len(jobs)} job(s) {jobs[0].job_id.split('_')[0]}…", flush=True)
    outcome: dict[str, str | None] = {}
    for name, job in zip(names, jobs, strict=True):
        try:
            job.result()
            outcome[name] = None
        except Exception as err:  # a failed job stops nothing else
            outcome[name] = str(err).strip().splitlines()[-1] if str(err).strip() else repr(err)
        print(f"submit: {'done  ' if outcome[name] is None else 'FAILED'} {name} "
              f"(job {job.job_id})", flush=True)
    return outcome


def run(args: argparse.Namespace) -> int:
    if any("=" not in item for item in args.slurm_extra):
        print("submit: --slurm-extra takes KEY=VALUE", file=sys.stderr)
        return 2
    root = args.root.resolve()
    executor = make_executor(args)
    failed: list[str] = []
    for wave in plan_waves(pipeline_stages(root)):
        outcome = submit_wave(executor, wave, root)
        failed += [name for name, error in outcome.items() if error is not None]
    failed += [name for name, error in _submit_final(executor, root).items() if error]
    if failed:
        print(f"submit: {len(failed)} failed: {', '.join(failed)} (see "
              f"`xstilts pipeline --params params.yaml --summary` in {root})", file=sys.stderr)
        return 1
    return 0


def _submit_final(executor: Any, root: Path) -> dict[str, str | None]:
    job = executor.submit(StageJob(root, final_command()))
    try:
        job.result()
    except Exception as err:
        return {"final": str(err)}
    print(f"submit: done   final dvc repro --keep-going (job {job.job_id})", flush=True)
    return {"final": None}
