"""ARCHITECTURE.md: the scorer reads files only and must not import torch."""

from __future__ import annotations

import os
import subprocess
import sys


def test_scoring_package_does_not_import_torch():
    code = ("import sys, xstilts.scoring, xstilts.tools.score; "
            "sys.exit(1 if 'torch' in sys.modules else 0)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
