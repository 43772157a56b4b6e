#!/usr/bin/env bash
# PR check benchmark: signed pull_request webhook received -> check run completed on the GitHub stand-in, over
# PRS pull requests (default 50), for a repository the worker has already cloned.
#
# A repository on a local `git daemon` with one busybox workspace and the no-privileged policy; the real worker
# (Release build, `reconciler run`, polling and resync 1 h) configured as a GitHub App against the GitHub stand-in
# (bench/Reconciler.Bench.GitHubStandIn: the test stand-in as a process, validating every request against GitHub's
# OpenAPI description). Each PR i pushes a new commit (half of them violating the policy) to refs/pull/i/head and
# posts a pull_request "opened" delivery signed with openssl; t0 is taken just before curl. "Posted" is the moment
# the stand-in answered the check-run update that carries the conclusion (the last of: installation token on the
# first PR, create, update). The worker fetches refs/pull/i/head (a few objects), loads, evaluates the policies,
# observes the engine, plans, and posts; the fetch is included.
#   bench/github-pr-check.sh [PRS]
set -euo pipefail
cd "$(dirname "$0")/.."
prs="${1:-50}"
image=reconciler-bench/busybox:1
scripts/ensure-docker.sh
scripts/make-local-image.sh "$image" >/dev/null
[[ -f tests/github-openapi/node_modules/@octokit/openapi/generated/api.github.com.json ]] || (cd tests/github-openapi && npm ci --no-audit --no-fund)
# shellcheck source=bench/lib/worker.sh
source bench/lib/worker.sh
publish_worker
standin_out="$PWD/artifacts/bench-github-standin"
dotnet publish bench/Reconciler.Bench.GitHubStandIn -c Release -o "$standin_out" -nologo -v quiet >/dev/null

work="$(mktemp -d)"
standin_pid=""
cleanup() {
  set +e
  stop_all
  [[ -n "$standin_pid" ]] && { exec 7>&-; wait "$standin_pid" 2>/dev/null; }
  docker ps -aq --filter "label=dev.reconciler.repository=${identity:-none}" | xargs -r docker rm -f >/dev/null
  docker volume ls -q --filter "label=dev.reconciler.repository=${identity:-none}" | xargs -r docker volume rm -f >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

openssl genrsa -out "$work/app.pem" 2048 2>/dev/null
mkfifo "$work/standin.in"
dotnet "$standin_out/Reconciler.Bench.GitHubStandIn.dll" 4711 "$work/app.pem" <"$work/standin.in" >"$work/standin.log" 2>"$work/standin.err" &
standin_pid=$!
exec 7>"$work/standin.in"
for _ in $(seq 1 100); do grep -q '^listening ' "$work/standin.log" 2>/dev/null && break; sleep 0.1; done
api_url=$(awk '/^listening / {print $2; exit}' "$work/standin.log")
[[ -n "$api_url" ]] || { echo "the GitHub stand-in did not start" >&2; cat "$work/standin.err" >&2; exit 1; }

mkdir -p "$work/git" "$work/policies"
cp policies/no-privileged.yaml "$work/policies/"
git init --bare -q "$work/git/bench.git"
start_daemon "$work/git" 7>&-   # the stand-in ends when the last writer of its stdin closes
identity="127.0.0.1:$git_port/bench"
src="$work/src"
git init -q "$src" && git -C "$src" remote add origin "git://127.0.0.1:$git_port/bench.git"
mkdir -p "$src/.daytona" "$src/.devcontainer"
printf '{ "image": "%s", "containerEnv": { "BENCH": "0" } }\n' "$image" >"$src/.devcontainer/devcontainer.json"
printf 'version: 1\nworkspaces:\n  - name: w0\n' >"$src/.daytona/workspace.yaml"
commit() { git -C "$src" add -A && git -C "$src" -c user.name=Bench -c user.email=bench@example.com commit -qm "$1"; }
commit "w0" && git -C "$src" push -q origin HEAD:refs/heads/main

secret="$(openssl rand -hex 32)"
export RECONCILER_WEBHOOK_SECRET="$secret"
http_port=$(free_port)
cat >"$work/reconciler.yaml" <<YAML
version: 1
policies: policies
repositories:
  - url: git://127.0.0.1:$git_port/bench.git
    pollInterval: 1h
server: { listen: "http://127.0.0.1:$http_port" }
webhooks: { secretEnv: RECONCILER_WEBHOOK_SECRET }
github: { apiUrl: "$api_url", appId: 4711, privateKeyFile: app.pem }
worker: { resyncInterval: 1h }
YAML
log="$work/worker.log"
start_worker "$work/reconciler.yaml" "$log" 7>&-
wait_for_log "$log" '.EventId.Id == 2015' 1 60   # w0 created: cloned, warm

: >"$work/results"
for i in $(seq 1 "$prs"); do
  if (( i % 2 )); then
    printf '{ "image": "%s", "runArgs": ["--privileged"], "containerEnv": { "BENCH": "%s" } }\n' "$image" "$i" >"$src/.devcontainer/devcontainer.json"
  else
    printf '{ "image": "%s", "containerEnv": { "BENCH": "%s" } }\n' "$image" "$i" >"$src/.devcontainer/devcontainer.json"
  fi
  commit "pr $i" && git -C "$src" push -q origin "HEAD:refs/pull/$i/head"
  sha=$(git -C "$src" rev-parse HEAD)
  git -C "$src" reset -q --hard HEAD~1
  repo="{\"full_name\":\"local/bench\",\"clone_url\":\"http://$identity.git\",\"html_url\":\"http://$identity\"}"
  body=$(printf '{"action":"opened","number":%d,"pull_request":{"number":%d,"merged":false,"head":{"sha":"%s","ref":"pr-%d","repo":%s},"base":{"sha":"%s","ref":"main","repo":%s}},"repository":%s,"sender":{"login":"bench"}}' \
    "$i" "$i" "$sha" "$i" "$repo" "$(git -C "$src" rev-parse HEAD)" "$repo" "$repo")
  sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" | awk '{print $NF}')
  t0=$(date +%s%N)
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H 'X-GitHub-Event: pull_request' \
    -H "X-GitHub-Delivery: bench-pr-$i-$RANDOM" -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body" \
    "http://127.0.0.1:$http_port/webhooks/github")
  [[ "$code" == 202 ]] || { echo "webhook answered $code" >&2; exit 1; }
  deadline=$((SECONDS + 60))
  until t1=$(awk '$2 == "checks/update" && $5 != "-" {n++; if (n == '"$i"') {print $1; exit}}' "$work/standin.log") && [[ -n "$t1" ]]; do
    (( SECONDS < deadline )) || { echo "no completed check for PR $i within 60 s" >&2; tail -20 "$log" >&2; tail -5 "$work/standin.log" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( (t1 - t0) / 1000000 )) >>"$work/results"
done

exec 7>&-
wait "$standin_pid" || { echo "the stand-in recorded OpenAPI violations:" >&2; cat "$work/standin.err" >&2; exit 1; }
standin_pid=""
conclusions=$(awk '$2 == "checks/update" && $5 != "-" {print $5}' "$work/standin.log" | sort | uniq -c | tr -s ' ' | paste -sd, -)
echo "pull requests: $prs (half violating no-privileged), engine: $(docker version -f '{{.Server.Version}}'), conclusions:$conclusions"
echo "webhook -> check run completed (ms): p50 $(percentile 50 <"$work/results")  p95 $(percentile 95 <"$work/results")  max $(sort -n "$work/results" | tail -1)  (target p95 <= 2000)"
echo "first PR (installation token included) (ms): $(head -1 "$work/results")"
