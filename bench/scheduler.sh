#!/usr/bin/env bash
# Lifecycle scheduler at scale (issue 5): WORKSPACES scheduled workspaces (default 10000) in repositories of
# PER_REPOSITORY (default 10) on Quartz's persistent AdoJobStore in a fresh SQLite file migrated by Reconciler, pinned
# to one core. Prints the trigger registration time, an unchanged re-derivation, heap and working-set growth, and the
# lateness of the boundary enqueues (p50/p99/max, measured when the key enters the work queue) with every boundary
# spread over SPREAD seconds (0 = all at one instant). LAYOUT: adjacent (a repository's workspaces at consecutive
# instants, default) or interleaved (spread over the whole SPREAD). The load average before and after is printed:
# the machine may be shared, and the figures mean little without it.
#   bench/scheduler.sh [WORKSPACES] [SPREAD_SECONDS] [PER_REPOSITORY] [LAYOUT]
set -euo pipefail
cd "$(dirname "$0")/.."
workspaces="${1:-10000}"
spread="${2:-60}"
per_repository="${3:-10}"
layout="${4:-adjacent}"
dotnet build bench/Reconciler.Benchmarks -c Release -v quiet -nologo >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
status=0
taskset -c 0 dotnet bench/Reconciler.Benchmarks/bin/Release/net10.0/Reconciler.Benchmarks.dll scheduler "$workspaces" "$spread" 3 "$per_repository" "$layout" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
