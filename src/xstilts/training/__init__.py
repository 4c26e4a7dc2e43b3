"""The training loop and its parts: sampler, collation, optimizer, resume, early stopping.

Recipes per phase live in `pretrain.py` (demo phase 1), `intermediate.py` and `target.py`.
"""
