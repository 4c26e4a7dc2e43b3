"""Running the grid on more than one worker: DVC stages side by side (local.py), as SLURM
jobs (submit.py); data parallelism inside one stage is training/distributed.py."""
