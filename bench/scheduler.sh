#!/usr/bin/env bash
# Lifecycle scheduler at scale (issue 5): WORKSPACES scheduled workspaces (default 10000, ten per repository) on
# Quartz's persistent AdoJobStore in a fresh SQLite file migrated by Reconciler, pinned to one core. Prints the
# trigger registration time, an unchanged re-derivation, heap and working-set growth, and the lateness of the
# boundary enqueues (p50/p99/max) with every boundary spread over SPREAD seconds (0 = all at one instant).
#   bench/scheduler.sh [WORKSPACES] [SPREAD_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
workspaces="${1:-10000}"
spread="${2:-60}"
dotnet build bench/Reconciler.Benchmarks -c Release -v quiet -nologo >/dev/null
exec taskset -c 0 dotnet bench/Reconciler.Benchmarks/bin/Release/net10.0/Reconciler.Benchmarks.dll scheduler "$workspaces" "$spread" 3
