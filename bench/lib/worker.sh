# Shared by the worker benchmarks (sourced): a Release build of the CLI, a local git daemon, helpers.
# Everything lives under $work (a temp folder removed on exit) and the daemon and worker are stopped on exit.

publish_worker() {
  out="$PWD/artifacts/bench-worker"
  dotnet publish src/Reconciler.Cli -c Release -o "$out" -nologo -v quiet >/dev/null
  worker_dll="$out/reconciler.dll"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_daemon BASE_PATH: serves BASE_PATH on 127.0.0.1:$git_port (push enabled).
start_daemon() {
  git_port=$(free_port)
  git daemon --reuseaddr --export-all --enable=receive-pack --base-path="$1" --port="$git_port" --listen=127.0.0.1 >/dev/null 2>&1 &
  daemon_pid=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$git_port") 2>/dev/null && return 0; sleep 0.1; done
  echo "git daemon did not start" >&2; return 1
}

# start_worker CONFIG LOG: the real worker, JSON logs (one object per line), verbose (debug events too).
start_worker() {
  (cd "$(dirname "$1")" && exec dotnet "$worker_dll" run --config "$1" --log-format json --verbose >"$2" 2>&1) &
  worker_pid=$!
}

# log_select LOG JQ_FILTER [JQ_OUTPUT]: the log's JSON lines matching the filter (a line still being written or a
# line that is not JSON is skipped, not an error).
log_select() { jq -cR "fromjson? | select($2) | ${3:-.}" "$1" 2>/dev/null || true; }

# wait_for_log LOG JQ_FILTER COUNT TIMEOUT_S: until COUNT lines match the jq select() filter.
wait_for_log() {
  local deadline=$((SECONDS + $4))
  while (( SECONDS < deadline )); do
    local n
    n=$(log_select "$1" "$2" | wc -l)
    (( n >= $3 )) && return 0
    kill -0 "$worker_pid" 2>/dev/null || { echo "the worker exited:" >&2; tail -20 "$1" >&2; return 1; }
    sleep 0.2
  done
  echo "timed out waiting for $3 x $2 in $1" >&2; tail -5 "$1" >&2; return 1
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# CPU seconds (user + system) the process has used so far.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }

# Stops what start_worker and start_daemon started (by PID). Never fails: it runs in EXIT traps under set -e.
stop_all() {
  if [[ -n "${worker_pid:-}" ]]; then kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; fi
  if [[ -n "${daemon_pid:-}" ]]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
}

percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }
