#!/usr/bin/env bash
# Worker benchmark (a): signed webhook received -> new workspace container running, over PUSHES pushes (default 50),
# next to raw engine create+start of the same image measured in the same run, interleaved.
#
# Each push adds one workspace (w1, w2, ...) to .daytona/workspace.yaml of a repository served by a local
# `git daemon`; the real worker (Release build, `reconciler run`, polling set to 1h so only the webhook triggers)
# receives a GitHub push delivery signed with openssl (X-Hub-Signature-256), fetches, loads, observes, plans and
# creates volume + seed + container + start. "Running" is the container's `rename` event in `docker events`: the
# worker renames <name>.creating to <name> right after start when there are no lifecycle commands, so the rename is
# the moment the workspace is running under its final name. t0 is taken just before curl sends the delivery.
# The git fetch is measured by the worker itself (log event 3101 "Fetched ... in N ms") and subtracted per push.
# Raw: `POST /containers/create` + `POST /containers/{id}/start` on the engine socket with curl (no CLI start-up),
# and the same with the docker CLI (`docker create` + `docker start`), once after every push.
#   bench/worker-webhook.sh [PUSHES]
set -euo pipefail
cd "$(dirname "$0")/.."
pushes="${1:-50}"
image=reconciler-bench/busybox:1
scripts/ensure-docker.sh
scripts/make-local-image.sh "$image" >/dev/null
# shellcheck source=bench/lib/worker.sh
source bench/lib/worker.sh
publish_worker

work="$(mktemp -d)"
events_pid=""
cleanup() {
  set +e
  stop_all
  [[ -n "$events_pid" ]] && kill "$events_pid" 2>/dev/null
  docker ps -aq --filter "label=dev.reconciler.repository=${identity:-none}" | xargs -r docker rm -f >/dev/null
  docker ps -aq --filter label=reconciler-bench=raw | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter "label=dev.reconciler.repository=${identity:-none}" | xargs -r docker volume rm -f >/dev/null
  [[ -n "${BENCH_KEEP_LOG:-}" ]] && cp "$work/worker.log" "$BENCH_KEEP_LOG"
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/git"
git init --bare -q "$work/git/bench.git"
start_daemon "$work/git"
identity="127.0.0.1:$git_port/bench"
src="$work/src"
git init -q "$src" && git -C "$src" remote add origin "git://127.0.0.1:$git_port/bench.git"
mkdir -p "$src/.daytona" "$src/.devcontainer"
printf '{ "image": "%s", "containerEnv": { "BENCH": "1" } }\n' "$image" >"$src/.devcontainer/devcontainer.json"
printf 'version: 1\nworkspaces:\n  - name: w0\n' >"$src/.daytona/workspace.yaml"
commit() { git -C "$src" add -A && git -C "$src" -c user.name=Bench -c user.email=bench@example.com commit -qm "$1" && git -C "$src" push -q origin HEAD:refs/heads/main; }
commit "w0"

secret="$(openssl rand -hex 32)"
export RECONCILER_WEBHOOK_SECRET="$secret"
http_port=$(free_port)
cat >"$work/reconciler.yaml" <<YAML
version: 1
repositories:
  - url: git://127.0.0.1:$git_port/bench.git
    pollInterval: 1h
runtimes:
  docker:
    default: { endpoint: unix:///var/run/docker.sock }
server: { listen: "http://127.0.0.1:$http_port" }
webhooks: { secretEnv: RECONCILER_WEBHOOK_SECRET }
worker: { resyncInterval: 1h }
YAML
log="$work/worker.log"
start_worker "$work/reconciler.yaml" "$log"
wait_for_log "$log" '.EventId.Id == 2015' 1 60   # w0 created: the worker is warm

docker events --filter type=container --filter event=rename --format '{{.TimeNano}} {{.Actor.Attributes.name}}' >"$work/events.log" 2>/dev/null </dev/null &
events_pid=$!
sleep 0.5

keepalive='trap "exit 0" 15; while sleep 1 & wait $!; do :; done'
raw_api_once() {
  local t0 id t1
  t0=$(date +%s%N)
  id=$(curl -sf --unix-socket /var/run/docker.sock -H 'Content-Type: application/json' \
    -d "{\"Image\":\"$image\",\"Entrypoint\":[\"/bin/sh\",\"-c\",$(jq -Rn --arg s "$keepalive" '$s')],\"Labels\":{\"reconciler-bench\":\"raw\"}}" \
    http://localhost/containers/create | jq -r .Id)
  curl -sf --unix-socket /var/run/docker.sock -X POST "http://localhost/containers/$id/start" >/dev/null
  t1=$(date +%s%N)
  docker rm -f "$id" >/dev/null
  echo $(( (t1 - t0) / 1000000 ))
}
raw_cli_once() {
  local t0 id t1
  t0=$(date +%s%N)
  id=$(docker create --label reconciler-bench=raw --entrypoint /bin/sh "$image" -c "$keepalive")
  docker start "$id" >/dev/null
  t1=$(date +%s%N)
  docker rm -f "$id" >/dev/null
  echo $(( (t1 - t0) / 1000000 ))
}

: >"$work/results"
for i in $(seq 1 "$pushes"); do
  echo "  - name: w$i" >>"$src/.daytona/workspace.yaml"
  commit "w$i"
  sha=$(git -C "$src" rev-parse HEAD)
  body=$(printf '{"ref":"refs/heads/main","before":"0000000000000000000000000000000000000000","after":"%s","created":false,"deleted":false,"forced":false,"repository":{"full_name":"local/bench","clone_url":"http://%s.git","html_url":"http://%s"},"pusher":{"name":"Bench","email":"bench@example.com"}}' "$sha" "$identity" "$identity")
  sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" | awk '{print $NF}')
  t0=$(date +%s%N)
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \
    -H "X-GitHub-Delivery: bench-$i-$RANDOM" -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body" \
    "http://127.0.0.1:$http_port/webhooks/github")
  [[ "$code" == 202 ]] || { echo "webhook answered $code" >&2; exit 1; }
  deadline=$((SECONDS + 60))
  until t1=$(awk -v n="rc-bench-w$i-" 'index($2, n) == 1 && $2 !~ /\.creating$/ {print $1; exit}' "$work/events.log") && [[ -n "$t1" ]]; do
    (( SECONDS < deadline )) || { echo "w$i not running within 60 s" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.02
  done
  wait_for_log "$log" '.EventId.Id == 3101' "$i" 10
  fetch=$(log_select "$log" '.EventId.Id == 3101' '.ElapsedMs' | jq -r . | sed -n "${i}p")
  echo "$(( (t1 - t0) / 1000000 )) $fetch $(raw_api_once) $(raw_cli_once)" >>"$work/results"
done

col() { awk -v c="$1" '{print $c}' "$work/results"; }
p() { col "$1" | percentile "$2"; }
net() { awk '{print $1 - $2}' "$work/results" | percentile "$1"; }
echo "pushes: $pushes (each adds one workspace; volume + seed + container + start), engine: $(docker version -f '{{.Server.Version}}')"
echo "webhook -> running (ms):            p50 $(p 1 50)  p95 $(p 1 95)"
echo "  git fetch inside it (ms):          p50 $(p 2 50)  p95 $(p 2 95)"
echo "  minus the fetch (ms):              p50 $(net 50)  p95 $(net 95)"
echo "raw create+start, engine API (ms):  p50 $(p 3 50)  p95 $(p 3 95)"
echo "raw docker create+start, CLI (ms):  p50 $(p 4 50)  p95 $(p 4 95)"
echo "overhead over raw API, excluding the fetch, p50 (ms): $(( $(net 50) - $(p 3 50) ))  (target <= 150)"
echo "overhead over raw CLI, excluding the fetch, p50 (ms): $(( $(net 50) - $(p 4 50) ))"
