#!/usr/bin/env bash
# Build the Dockerfile where no image registry and no package registry is reachable from inside
# a build: the local Debian base (local-base.sh) instead of the CUDA one, and a wheelhouse made
# on the host from the same runtime lock (here torch is the CPU build), served on 127.0.0.1
# for the build's pip (--network host). Only the FROM differs from the GPU image.
# The wheelhouse is kept per lock hash in the cache folder and the build's layers in the
# engine's store, so a rebuild with an unchanged lock reuses both.
#   scripts/container/build-local.sh [TAG]     (default xstilts:local)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tag="${1:-xstilts:local}"
cache="${XSTILTS_CONTAINER_CACHE:-/var/cache/xstilts-container}"
python="${PYTHON:-$root/.venv/bin/python}"
port="${XSTILTS_WHEELHOUSE_PORT:-38517}"  # fixed: the build args are part of the layer cache key

base="$("$root/scripts/container/local-base.sh")"
lock_sha256="$(sha256sum "$root/requirements.lock" | cut -c1-64)"
wheels="$cache/wheelhouse-$lock_sha256"
if [ ! -e "$wheels/.complete" ]; then
  rm -rf "$wheels.part"
  "$python" -m pip wheel -q --no-deps -r "$root/requirements.lock" -w "$wheels.part" >&2
  touch "$wheels.part/.complete" && mv "$wheels.part" "$wheels"
  # one wheelhouse is enough: those of older locks go
  find "$cache" -maxdepth 1 -name 'wheelhouse-*' ! -name "wheelhouse-$lock_sha256" \
    -exec rm -rf {} +
fi

"$python" -m http.server --bind 127.0.0.1 --directory "$wheels" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server"' EXIT
for _ in $(seq 100); do
  "$python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" \
    2>/dev/null && break
  sleep 0.1
done

docker build --network host -t "$tag" \
  --build-arg BASE="$base" \
  --build-arg PIP_NO_INDEX=1 --build-arg PIP_FIND_LINKS="http://127.0.0.1:$port/" \
  --build-arg LOCK_SHA256="$lock_sha256" \
  --build-arg REVISION="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)" \
  --build-arg SOURCE="${XSTILTS_SOURCE:-$(git -C "$root" remote get-url origin 2>/dev/null || echo unknown)}" \
  "$root" >&2
echo "$tag"
