#!/usr/bin/env bash
# A local stand-in for the CUDA base image, for machines that reach no image registry: Debian
# bookworm (minbase) with the Python the lock was resolved for (3.11), venv, git and CA
# certificates, made with debootstrap and imported as an image. The Dockerfile builds on it
# unchanged (`--build-arg BASE=<this tag>`): it only skips installing Python, which is there.
# Reused when the image exists; the root filesystem tarball is kept in the cache folder, so a
# wiped image store re-imports it without debootstrap. Needs root and a Debian package mirror.
#   scripts/container/local-base.sh [TAG]    (prints the tag)
set -euo pipefail
tag="${1:-xstilts-local-base:bookworm-py3.11}"
cache="${XSTILTS_CONTAINER_CACHE:-/var/cache/xstilts-container}"
tarball="$cache/$(echo "$tag" | tr ':/' '__').tar"
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"; exit 0
fi
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >&2; }
  rootfs="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >&2 \
    || { tail -20 "$rootfs/debootstrap/debootstrap.log" >&2; exit 1; }
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  chroot "$rootfs" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends python3.11 python3.11-venv git ca-certificates' >&2
  : > "$rootfs/etc/resolv.conf"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
fi
docker import --change 'CMD ["/bin/bash"]' "$tarball" "$tag" >&2
echo "$tag"
