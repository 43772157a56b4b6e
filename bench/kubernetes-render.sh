#!/usr/bin/env bash
# Render + diff of 10,000 Kubernetes workspaces (issue 7 target < 500 ms).
#   bench/kubernetes-render.sh [--job short]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Reconciler.Benchmarks -- --filter '*KubernetesRenderBenchmarks*' "$@"
