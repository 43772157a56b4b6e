#!/usr/bin/env bash
# Installs and starts every component the tests use, so the README's test command works on a fresh machine:
# the Docker engine, libvirt/KVM, the CNCF distribution registry, PostgreSQL, and the pinned npm helpers (GitHub's
# OpenAPI description, Kubernetes schema validators, s3rver, @devcontainers/cli 0.89.0). Each step fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
docker info --format 'docker engine {{.ServerVersion}} ({{.Driver}})'
scripts/ensure-libvirt.sh
# docker-registry (CNCF distribution): the snapshot/publish tests start their own on 127.0.0.1.
scripts/ensure-registry.sh
# PostgreSQL (Debian package postgresql, cluster main): the Storage.Postgres and PostgreSQL clustering tests create
# their own databases on it; its connection string goes to /run/reconciler-test-postgres.conn.
scripts/ensure-postgres.sh
virsh -c qemu:///system version --daemon
# GitHub's official REST description for the GitHub stand-in (pinned in tests/github-openapi/package-lock.json).
if [ ! -f tests/github-openapi/node_modules/@octokit/openapi/generated/api.github.com.json ]; then
  (cd tests/github-openapi && npm ci --no-audit --no-fund) || { echo "npm ci for @octokit/openapi failed: the GitHub tests need it" >&2; exit 1; }
fi
# Official Kubernetes schema validators for the Kubernetes renderer tests (npm kubernetes-models, pinned by the lock file).
command -v node >/dev/null || { echo "node is required for tests/kubernetes-schemas" >&2; exit 1; }
npm ci --prefix tests/kubernetes-schemas --no-audit --no-fund
# s3rver, the local S3-compatible server the s3 storage tests start (pinned by tests/s3-server/package-lock.json).
npm ci --prefix tests/s3-server --no-audit --no-fund
# The reference devcontainer implementation (@devcontainers/cli 0.89.0, pinned by tests/devcontainer-cli/package-lock.json):
# the parity and Features tests run it, and publish test Features with it.
npm ci --prefix tests/devcontainer-cli --no-audit --no-fund
