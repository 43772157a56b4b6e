#!/usr/bin/env bash
# Benchmark (b): planning 10,000 desired workspaces against 10,000 observed containers in memory.
#   bench/plan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Reconciler.Benchmarks -- --filter '*PlannerBenchmarks*' "$@"
