#!/usr/bin/env bash
# Benchmark (issue 9): a workspace with two devcontainer Features (greeter dependsOn base), both served by a local
# registry (Debian docker-registry on 127.0.0.1, Features published with `devcontainer features publish`), against
# `devcontainer up` of @devcontainers/cli 0.89.0 on the same folder, in the same run:
#   cold: nothing built yet on either side (each side's derived images removed before every run), one process each:
#         `devcontainer up` vs `reconciler apply` (the CLI, a fresh process), interleaved;
#   warm no-op: the workspace already runs: `devcontainer up` on the existing container vs one pass of what the worker
#         does over an unchanged repository (load, observe, plan, execute: zero mutating calls, checked), in a process
#         that has converged before (bench/Reconciler.Benchmarks noop-warm); `reconciler apply` as a fresh process
#         over the converged workspace is printed for reference.
# Targets: cold <= 1.0x theirs; warm no-op <= 0.1x their up on an existing container. Medians of RUNS (default 5).
#   bench/features-vs-devcontainer.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
image=reconciler-bench/busybox:1
scripts/ensure-docker.sh
scripts/ensure-registry.sh >/dev/null
scripts/make-local-image.sh "$image" >/dev/null
(cd bench/peer && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
peer="$PWD/bench/peer/node_modules/.bin/devcontainer"

out="$PWD/artifacts/bench-reconciler"
dotnet publish src/Reconciler.Cli -c Release -o "$out" -p:PublishReadyToRun=true -nologo -v quiet >/dev/null
ours="$out/reconciler"
dotnet build bench/Reconciler.Benchmarks -c Release -nologo -v quiet >/dev/null
noop=(dotnet bench/Reconciler.Benchmarks/bin/Release/net10.0/Reconciler.Benchmarks.dll noop-warm)

work="$(mktemp -d)"
registry_pid=""
cleanup() {
  set +e
  docker ps -aq --filter "label=devcontainer.local_folder=$work/ws" | xargs -r docker rm -f >/dev/null
  "$ours" down "$work/ws" --prune-volumes >/dev/null 2>&1
  [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $work/registry } }
http: { addr: "127.0.0.1:$port" }
YAML
/usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
registry="localhost:$port"

mkdir -p "$work/features/base" "$work/features/greeter"
cat >"$work/features/base/devcontainer-feature.json" <<'JSON'
{ "id": "base", "version": "1.0.0", "name": "base",
  "options": { "word": { "type": "string", "default": "alpha" } },
  "containerEnv": { "BASE_HOME": "/opt/base" } }
JSON
printf '#!/bin/sh\nset -e\nmkdir -p /opt\necho "base $WORD" >> /opt/order.log\n' >"$work/features/base/install.sh"
cat >"$work/features/greeter/devcontainer-feature.json" <<JSON
{ "id": "greeter", "version": "1.0.0", "name": "greeter",
  "options": { "greeting": { "type": "string", "default": "hi" } },
  "dependsOn": { "$registry/bench/base:1": { "word": "beta" } },
  "containerEnv": { "GREETER": "on" } }
JSON
printf '#!/bin/sh\nset -e\nmkdir -p /opt\necho "greeter $GREETING" >> /opt/order.log\n' >"$work/features/greeter/install.sh"
"$peer" features publish -r "$registry" -n bench "$work/features" >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }

mkdir -p "$work/ws/.devcontainer" "$work/ws/.daytona"
cat >"$work/ws/.devcontainer/devcontainer.json" <<JSON
{
  "image": "$image",
  "features": { "$registry/bench/greeter:1": { "greeting": "hello" }, "$registry/bench/base:1": { "word": "beta" } },
  "postCreateCommand": "echo created > /tmp/created"
}
JSON
printf 'version: 1\nworkspaces:\n  - name: bench\n' >"$work/ws/.daytona/workspace.yaml"
echo "readme" >"$work/ws/README.md"

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Each side's derived images (the CLI's vsc-* images, Reconciler's reconciler-features:*), so the next build is cold.
forget_images() {
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^(vsc-|reconciler-features:)' | xargs -r docker rmi -f >/dev/null 2>&1 || true
  docker image prune -f >/dev/null 2>&1 || true
}
theirs_cold() {
  local t0 t1
  forget_images
  t0=$(now); "$peer" up --workspace-folder "$work/ws" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; exit 1; }; t1=$(now)
  docker ps -aq --filter "label=devcontainer.local_folder=$work/ws" | xargs -r docker rm -f >/dev/null
  ms "$t0" "$t1"
}
ours_cold() {
  local t0 t1
  forget_images
  t0=$(now); "$ours" apply "$work/ws" >"$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; exit 1; }; t1=$(now)
  docker exec "$(docker ps -q --filter label=dev.reconciler.workspace=bench | head -1)" cat /opt/order.log | tr '\n' ' ' >"$work/order"
  "$ours" down "$work/ws" --prune-volumes >/dev/null
  ms "$t0" "$t1"
}

# One warm-up each (npm/.NET first-run caches), not counted.
theirs_cold >/dev/null; ours_cold >/dev/null
tc=(); oc=()
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then tc+=("$(theirs_cold)"); oc+=("$(ours_cold)"); else oc+=("$(ours_cold)"); tc+=("$(theirs_cold)"); fi
done
echo "installed in the container (reconciler): $(cat "$work/order")"

# Warm: their up on the running container, then our no-op passes and our CLI over the converged workspace.
"$peer" up --workspace-folder "$work/ws" >/dev/null 2>&1
tw=()
for _ in $(seq 1 "$runs"); do
  t0=$(now); "$peer" up --workspace-folder "$work/ws" >/dev/null 2>&1; t1=$(now); tw+=("$(ms "$t0" "$t1")")
done
docker ps -aq --filter "label=devcontainer.local_folder=$work/ws" | xargs -r docker rm -f >/dev/null
mapfile -t ow < <("${noop[@]}" "$work/ws" "$runs")
"$ours" apply "$work/ws" >/dev/null
ocw=()
for _ in $(seq 1 "$runs"); do
  t0=$(now); "$ours" apply "$work/ws" >/dev/null; t1=$(now); ocw+=("$(ms "$t0" "$t1")")
done
"$ours" down "$work/ws" --prune-volumes >/dev/null

echo "cold, devcontainer up (ms):                ${tc[*]}"
echo "cold, reconciler apply (ms):               ${oc[*]}"
echo "warm, devcontainer up, existing (ms):      ${tw[*]}"
echo "warm, reconciler no-op pass (ms):          ${ow[*]}"
echo "warm, reconciler apply, fresh process (ms): ${ocw[*]}"
m() { printf '%s\n' "$@" | median; }
awk -v tc="$(m "${tc[@]}")" -v oc="$(m "${oc[@]}")" -v tw="$(m "${tw[@]}")" -v ow="$(m "${ow[@]}")" -v ocw="$(m "${ocw[@]}")" -v n="$runs" 'BEGIN {
  printf "median over %d runs: cold %d ms vs devcontainer up %d ms (%.2fx, target <= 1.0x); warm no-op %d ms vs up on existing %d ms (%.3fx, target <= 0.1x); apply as a fresh process on the converged workspace %d ms (%.2fx)\n", n, oc, tc, oc / tc, ow, tw, ow / tw, ocw, ocw / tw }'
