"""xstilts: a reproducibility artifact for X-STILTs (Phang et al., AACL 2020)."""

__version__ = "0.1.0"
