#!/usr/bin/env bash
# The main job on embedded defaults: the worker (`reconciler run`) with SQLite and the local Docker
# engine, following the demo repository from examples/demo served by a local `git daemon`.
#   scripts/demo.sh          run until Ctrl+C (push to git://127.0.0.1:9418/demo.git and watch it converge)
#   scripts/demo.sh --once   converge once, show the status, stop
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
scripts/ensure-docker.sh
scripts/make-local-image.sh reconciler-demo/busybox:1 >/dev/null
dotnet build src/Reconciler.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet "$root/src/Reconciler.Cli/bin/Release/net10.0/reconciler.dll")

# The demo repository, as a git repository served on 127.0.0.1:9418 (what the example config follows).
serve="$(mktemp -d)"
work="$serve/work"
cp -r examples/demo "$work"
git -C "$work" init -q -b main
git -C "$work" add -A
git -C "$work" -c user.name=demo -c user.email=demo@example.invalid commit -q -m "demo workspace"
git clone -q --bare "$work" "$serve/demo.git"
git daemon --reuseaddr --export-all --enable=receive-pack --base-path="$serve" --listen=127.0.0.1 --port=9418 &
daemon=$!
worker=""
cleanup() {
  [ -n "$worker" ] && kill "$worker" 2>/dev/null && wait "$worker" 2>/dev/null || true
  kill "$daemon" 2>/dev/null || true
  rm -rf "$serve"
}
trap cleanup EXIT

export RECONCILER_WEBHOOK_SECRET="${RECONCILER_WEBHOOK_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
"${cli[@]}" run --config examples/reconciler.yaml &
worker=$!
echo "worker running (pid $worker); health: http://127.0.0.1:8080/readyz"
for _ in $(seq 1 60); do
  if "${cli[@]}" status 2>/dev/null | grep -q "running"; then
    break
  fi
  sleep 1
done
"${cli[@]}" status
if [ "${1:-}" = "--once" ]; then
  exit 0
fi
echo "Push to git://127.0.0.1:9418/demo.git (clone it, edit .devcontainer/devcontainer.json, push) and watch it converge. Ctrl+C stops."
wait "$worker"
