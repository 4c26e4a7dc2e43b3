# xstilts: the runtime lock (requirements.lock) on a CUDA runtime. Build, run, volumes and the
# driver check: REPRODUCE.md §2d ("With Docker"). Default command: scripts/repro.sh . (dvc repro).
#
# BASE is the only thing that differs between the GPU image and the container test: by default
# the CUDA runtime pinned by tag and digest (check it with `docker buildx imagetools inspect
# nvidia/cuda:12.8.1-runtime-ubuntu22.04` before bumping it); with no image registry, a local
# Debian base with Python 3.11 (scripts/container/local-base.sh) builds the same file.
ARG BASE=nvidia/cuda:12.8.1-runtime-ubuntu22.04@sha256:4a801ef9232d2b05e69df4eb8aa054dbbe2824e5499e1e6e857320bb01ac41a9
FROM ${BASE}

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ARG DEBIAN_FRONTEND=noninteractive

# Python 3.11 (the version the locks were resolved for) and git. Ubuntu 22.04 ships 3.10, so
# the CUDA base gets 3.11 from the deadsnakes PPA; a base that already has them installs nothing.
# hadolint ignore=DL3008
RUN if command -v python3.11 && python3.11 -c 'import ensurepip, venv' && command -v git; then \
        echo "base has Python 3.11, venv and git"; \
    else \
        apt-get update \
        && apt-get install -y --no-install-recommends software-properties-common gpg-agent \
           ca-certificates git \
        && add-apt-repository -y ppa:deadsnakes/ppa \
        && apt-get update \
        && apt-get install -y --no-install-recommends python3.11 python3.11-venv \
        && rm -rf /var/lib/apt/lists/*; \
    fi

# Caches, the MLflow store and the tree live on volumes. They are world-writable (sticky) so
# that `docker run --user "$(id -u):$(id -g)"` writes as the host user; named volumes copy this.
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HOME=/cache/hf \
    MPLCONFIGDIR=/tmp/matplotlib \
    DVC_NO_ANALYTICS=1 \
    MLFLOW_TRACKING_URI=sqlite:////mlflow/mlflow.db \
    XSTILTS_IMAGE_LOCK=/opt/xstilts/requirements.lock

# The runtime lock only (tests, lint and moto are in requirements-dev.lock, never here). On
# PyPI, torch==2.13.0 for Linux x86_64 is the CUDA build (it brings its own CUDA libraries).
# Without registry access, serve a wheelhouse made from this lock and pass
# --network host --build-arg PIP_NO_INDEX=1 --build-arg PIP_FIND_LINKS=http://127.0.0.1:<port>/
# (scripts/container/wheelhouse.sh). LOCK_SHA256, when given, must match the lock copied here.
ARG PIP_INDEX_URL
ARG PIP_FIND_LINKS
ARG PIP_NO_INDEX
ARG LOCK_SHA256=unknown
COPY requirements.lock /opt/xstilts/requirements.lock
RUN if [ "$LOCK_SHA256" != unknown ]; then \
        echo "$LOCK_SHA256  /opt/xstilts/requirements.lock" | sha256sum --check --strict; \
    fi \
    && python3.11 -m venv /opt/venv \
    && pip install -r /opt/xstilts/requirements.lock

# DVC's cache on a volume for every user (system config, not one user's home); git may read
# the bind-mounted tree even when its owner is not the container's user.
RUN useradd --create-home --uid 1000 --user-group xstilts \
    && mkdir -p /cache/hf /cache/dvc /mlflow /workspace \
    && chmod 1777 /cache/hf /cache/dvc /mlflow \
    && chown xstilts:xstilts /workspace \
    && dvc config --system cache.dir /cache/dvc \
    && git config --system --add safe.directory /workspace

WORKDIR /workspace
COPY --chown=xstilts:xstilts . /workspace
RUN pip install --no-deps --no-build-isolation -e /workspace

ARG BASE
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="xstilts" \
      org.opencontainers.image.description="X-STILTs reproducibility artifact: dvc repro of the pipeline" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="${BASE}" \
      io.xstilts.requirements-lock.sha256="${LOCK_SHA256}"

# A `--user` uid has no passwd entry here; DVC asks for a user name (getpass reads USER first).
ENV USER=xstilts
USER 1000:1000
VOLUME ["/cache/hf", "/cache/dvc", "/mlflow"]

# Every stage it can (dvc repro --keep-going), then what did not run and why (scripts/repro.sh).
CMD ["scripts/repro.sh", "."]
