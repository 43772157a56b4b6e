#!/usr/bin/env bash
# Makes sure the CNCF distribution registry (Debian package docker-registry) is installed: the snapshot and publish
# tests start their own registry process on 127.0.0.1 (free port, temporary storage, their own config file) through
# tests/Reconciler.TestKit/LocalRegistry.cs. No registry service is started here. Fails loudly if it cannot be installed.
set -euo pipefail

if command -v docker-registry >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-registry: the Debian package docker-registry is needed; run as root or install it" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq docker-registry >/dev/null
command -v docker-registry >/dev/null 2>&1 || { echo "ensure-registry: docker-registry is still missing after apt-get install" >&2; exit 1; }
