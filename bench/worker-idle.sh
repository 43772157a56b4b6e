#!/usr/bin/env bash
# Worker benchmarks (b) and (c): REPOS repositories (default 1000) on a local `git daemon`, each declaring one
# workspace, all idle (no commit moves during the measurement).
#
# Every workspace names `host: elsewhere`, a runtime endpoint the worker does not have, so the planner blocks it
# (Stalled=True NotSupported is recorded per workspace) and no container is needed: the worker still clones,
# loads, validates, observes (one label-filtered list call per repository), plans and records status for every
# repository on every pass, which is the whole per-repository cost of an idle worker except the containers.
#
# (b) one polling cycle = every repository passes once with nothing changed. Polling is set to 1h and resync to
#     RESYNC (default 60s): a resync enqueues every repository at once, and a pass it triggers is exactly the pass a
#     poll triggers (ls-remote; a fetch only if the branch moved; load, observe, plan, report). Measured: the wall
#     time from the resync to the last pass of that burst (worker log timestamps, event 5006 "Converged"), the
#     worker's CPU seconds over the burst (/proc/PID/stat utime+stime), and the number of fetches (event 3101; must be 0).
# (c) VmRSS (/proc/PID/status) after the first full cycle (all cloned and converged) and after SETTLE seconds idle
#     (default 120) during which resync cycles keep running.
#   bench/worker-idle.sh [REPOS] [RESYNC_SECONDS] [SETTLE_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
repos="${1:-1000}"
resync="${2:-60}"
settle="${3:-120}"
# shellcheck source=bench/lib/worker.sh
source bench/lib/worker.sh
scripts/ensure-docker.sh
publish_worker

work="$(mktemp -d)"
trap 'rc=$?; set +e; stop_all; cp "$work/worker.log" /tmp/crash-idle-worker.log 2>/dev/null; rm -rf "$work"; exit $rc' EXIT
mkdir -p "$work/git" "$work/src/.daytona" "$work/src/.devcontainer"
git init -q -b main "$work/src"
printf '{ "image": "reconciler-bench/busybox:1" }\n' >"$work/src/.devcontainer/devcontainer.json"
printf 'version: 1\nworkspaces:\n  - name: main\n    host: elsewhere\n' >"$work/src/.daytona/workspace.yaml"
git -C "$work/src" add -A
git -C "$work/src" -c user.name=Bench -c user.email=bench@example.com commit -qm idle
git clone -q --bare "$work/src" "$work/git/r0.git"
for i in $(seq 1 $((repos - 1))); do cp -r "$work/git/r0.git" "$work/git/r$i.git"; done
start_daemon "$work/git"

{
  echo "version: 1"
  echo "repositories:"
  for i in $(seq 0 $((repos - 1))); do printf '  - { url: "git://127.0.0.1:%s/r%s.git", pollInterval: 1h }\n' "$git_port" "$i"; done
  echo "runtimes: { docker: { default: { endpoint: unix:///var/run/docker.sock } } }"
  echo "server: { listen: \"http://127.0.0.1:$(free_port)\" }"
  echo "worker: { resyncInterval: ${resync}s }"
} >"$work/reconciler.yaml"

log="$work/worker.log"
start=$(date +%s%N)
start_worker "$work/reconciler.yaml" "$log"
wait_for_log "$log" '.EventId.Id == 5006' "$repos" 900
first=$(( ($(date +%s%N) - start) / 1000000 ))
rss_first=$(rss_kb "$worker_pid")
echo "repositories: $repos, one blocked workspace each; first full cycle (clone all, start-up included): $first ms; VmRSS $((rss_first / 1024)) MiB"

# (b) The next resync burst: CPU and wall.
fetches_before=$(log_select "$log" '.EventId.Id == 3101' | wc -l)
converged_before=$(log_select "$log" '.EventId.Id == 5006' | wc -l)
cpu0=$(cpu_s "$worker_pid")
wait_for_log "$log" '.EventId.Id == 5006' $((converged_before + 1)) $((resync * 2 + 60))
burst_start=$(log_select "$log" '.EventId.Id == 5006' '."@t"' | jq -r . | sed -n "$((converged_before + 1))p")
wait_for_log "$log" '.EventId.Id == 5006' $((converged_before + repos)) 600
cpu1=$(cpu_s "$worker_pid")
burst_end=$(log_select "$log" '.EventId.Id == 5006' '."@t"' | jq -r . | sed -n "$((converged_before + repos))p")
fetches=$(( $(log_select "$log" '.EventId.Id == 3101' | wc -l) - fetches_before ))
wall=$(python3 -c "from datetime import datetime as d; f=lambda s: d.fromisoformat(s[:26].rstrip('Z')); print(int((f('$burst_end') - f('$burst_start')).total_seconds() * 1000))")
echo "idle cycle (all $repos repositories passed once): wall $wall ms (first to last pass of the burst), CPU $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.2f", b - a}') s (includes the idle time around the burst), fetches $fetches"

# (c) Settle.
sleep "$settle"
echo "VmRSS after the first full cycle: $((rss_first / 1024)) MiB; after ${settle} s idle: $(( $(rss_kb "$worker_pid") / 1024 )) MiB (target < 250 MB)"
