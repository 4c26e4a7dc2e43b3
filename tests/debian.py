"""Installing a Debian package a test needs (a container engine, an emulator): as root only."""

from __future__ import annotations

import os
import subprocess


def apt_install(package: str) -> str | None:
    """`apt-get update` then `apt-get install PACKAGE`; None when it worked, else why not."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            return f"{' '.join(cmd)}: {done.stderr[-500:]}"
    return None
