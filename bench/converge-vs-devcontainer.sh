#!/usr/bin/env bash
# Benchmark (a): converging one new workspace vs `devcontainer up` (@devcontainers/cli 0.89.0) on the
# same devcontainer.json and the same local image, in the same run. Two Reconciler figures:
#   cold: `reconciler apply` as a fresh process (the CLI), interleaved with devcontainer up;
#   warm: load + observe + plan + apply inside a process that has converged before (what the worker
#         does all day), bench/Reconciler.Benchmarks converge-warm.
# Reports the median of RUNS runs (default 7) for each and the ratios.
#   bench/converge-vs-devcontainer.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
image=reconciler-bench/busybox:1
scripts/ensure-docker.sh
scripts/make-local-image.sh "$image" >/dev/null
(cd bench/peer && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
peer="$PWD/bench/peer/node_modules/.bin/devcontainer"

out="$PWD/artifacts/bench-reconciler"
dotnet publish src/Reconciler.Cli -c Release -o "$out" -p:PublishReadyToRun=true -nologo -v quiet >/dev/null
ours="$out/reconciler"
dotnet build bench/Reconciler.Benchmarks -c Release -nologo -v quiet >/dev/null
warm=(dotnet bench/Reconciler.Benchmarks/bin/Release/net10.0/Reconciler.Benchmarks.dll converge-warm)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ws/.devcontainer" "$work/ws/.daytona"
cat >"$work/ws/.devcontainer/devcontainer.json" <<JSON
{
  "image": "$image",
  "containerEnv": { "GREETING": "hello" },
  "postCreateCommand": "echo created > /tmp/created"
}
JSON
cat >"$work/ws/.daytona/workspace.yaml" <<YAML
version: 1
workspaces:
  - name: bench
YAML
echo "readme" >"$work/ws/README.md"

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
theirs_once() {
  local t0 t1
  t0=$(now); "$peer" up --workspace-folder "$work/ws" >/dev/null 2>&1; t1=$(now)
  docker ps -aq --filter "label=devcontainer.local_folder=$work/ws" | xargs -r docker rm -f >/dev/null
  ms "$t0" "$t1"
}
ours_once() {
  local t0 t1
  t0=$(now); "$ours" apply "$work/ws" >/dev/null; t1=$(now)
  "$ours" down "$work/ws" --prune-volumes >/dev/null
  ms "$t0" "$t1"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# One warm-up each (first-run caches on both sides), not counted.
theirs_once >/dev/null; ours_once >/dev/null
t=(); o=()
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then t+=("$(theirs_once)"); o+=("$(ours_once)"); else o+=("$(ours_once)"); t+=("$(theirs_once)"); fi
done
mapfile -t w < <("${warm[@]}" "$work/ws" "$runs")
mt=$(printf '%s\n' "${t[@]}" | median); mo=$(printf '%s\n' "${o[@]}" | median); mw=$(printf '%s\n' "${w[@]}" | median)
echo "devcontainer up (ms):          ${t[*]}"
echo "reconciler apply, cold (ms):   ${o[*]}"
echo "reconciler converge, warm (ms): ${w[*]}"
awk -v o="$mo" -v w="$mw" -v t="$mt" -v n="$runs" 'BEGIN {
  printf "median over %d runs: devcontainer up %d ms; reconciler warm %d ms (%.2fx); reconciler cold CLI %d ms (%.2fx); target <= 0.50x\n", n, t, w, w / t, o, o / t }'
