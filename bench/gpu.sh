#!/usr/bin/env bash
# Benchmark (issue 6): allocating 10,000 GPU requests over 1,000 GPUs on 125 hosts, in memory.
#   bench/gpu.sh [--job short]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Reconciler.Benchmarks -- --filter '*GpuAllocationBenchmarks*' "$@"
