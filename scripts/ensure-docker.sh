#!/usr/bin/env bash
# Makes sure a Docker engine answers on the local socket, installing and starting one if needed
# (Debian: docker.io; busybox-static is used to build the local test and demo images, since no
# public image can be pulled on an offline machine; openssh-client for the SSH tests). Fails loudly if the engine cannot start.
set -euo pipefail

if ! command -v dockerd >/dev/null 2>&1 || ! command -v busybox >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-docker: docker.io, busybox-static and openssh-client are needed; run as root or install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # openssh-client: ssh-keygen makes the SSH test keys and goes into the local sshd test image (make-ssh-image.sh).
  apt-get install -y -qq docker.io busybox-static openssh-client >/dev/null
fi

if docker info >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-docker: the Docker engine is not running and only root can start it here" >&2
  exit 1
fi

mkdir -p /var/log
nohup dockerd --host unix:///var/run/docker.sock >/var/log/dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    exit 0
  fi
  sleep 0.5
done
echo "ensure-docker: dockerd did not become ready in 30 s; last log lines:" >&2
tail -n 30 /var/log/dockerd.log >&2 || true
exit 1
