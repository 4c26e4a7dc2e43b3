"""Encoder, task heads and strict checkpoint I/O between the paper's phases."""
