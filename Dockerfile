# xstilts: the pinned stack on a CUDA runtime. Build: `docker build -t xstilts .`
# Run the paper profile: see README.md (`docker run --gpus all ...`); default command `dvc repro`.
# The base is pinned by tag and digest so a rebuild gets the same image; check the digest with
# `docker buildx imagetools inspect nvidia/cuda:12.8.1-runtime-ubuntu22.04` before bumping it.
FROM nvidia/cuda:12.8.1-runtime-ubuntu22.04@sha256:4a801ef9232d2b05e69df4eb8aa054dbbe2824e5499e1e6e857320bb01ac41a9

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ARG DEBIAN_FRONTEND=noninteractive

# Python 3.11 (the version requirements.lock was resolved for) comes from the deadsnakes PPA;
# Ubuntu 22.04 ships 3.10. Distribution packages follow the base image's snapshot.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends software-properties-common gpg-agent \
       ca-certificates git \
    && add-apt-repository -y ppa:deadsnakes/ppa \
    && apt-get update \
    && apt-get install -y --no-install-recommends python3.11 python3.11-venv \
    && rm -rf /var/lib/apt/lists/*

ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HOME=/cache/hf \
    XSTILTS_DVC_CACHE=/cache/dvc

# One source of truth for versions: the same lock as the Makefile and CI. On PyPI,
# torch==2.13.0 for Linux x86_64 is the CUDA build (it brings its own CUDA libraries).
COPY requirements.lock /tmp/requirements.lock
RUN python3.11 -m venv /opt/venv \
    && pip install -r /tmp/requirements.lock

RUN useradd --create-home --uid 1000 --user-group xstilts \
    && mkdir -p /cache/hf /cache/dvc /workspace \
    && chown -R xstilts:xstilts /cache /workspace

WORKDIR /workspace
COPY --chown=xstilts:xstilts . /workspace
RUN pip install --no-deps --no-build-isolation -e /workspace

USER 1000:1000
# DVC's cache lives on a volume so checkpoints survive the container (and `dvc pull` fills it).
RUN dvc config --global cache.dir /cache/dvc
VOLUME ["/cache/hf", "/cache/dvc"]

# Every stage it can (dvc repro --keep-going), then what did not run and why (scripts/repro.sh).
CMD ["scripts/repro.sh", "."]
