"""The demo world: small, seeded, learnable data for every task in its real raw format.

SIMULATED data for the demo profile (offline, CPU, minutes); its numbers say nothing about
the paper. See `generate.generate_demo_world` and, for the rule behind each task's labels,
the docstring of its module and `oracle.py`.
"""

from xstilts.demo_world.generate import DemoWorld, generate_demo_world
from xstilts.demo_world.world import DemoSizes

__all__ = ["DemoSizes", "DemoWorld", "generate_demo_world"]
