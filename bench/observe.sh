#!/usr/bin/env bash
# Benchmark (c): observing 500 real containers (one list call per pass), BenchmarkDotNet.
#   bench/observe.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
scripts/make-local-image.sh reconciler-bench/busybox:1 >/dev/null
dotnet run -c Release --project bench/Reconciler.Benchmarks -- --filter '*ObserveBenchmarks*' --job short "$@"
