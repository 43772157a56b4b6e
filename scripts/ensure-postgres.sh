#!/usr/bin/env bash
# Starts the PostgreSQL server the Reconciler.Storage.Postgres / Scheduling tests use (Debian package postgresql,
# cluster 15/main on 127.0.0.1:5432; no systemd needed) and creates the test role. The tests create and drop their
# own databases with it. Writes the connection string to /run/reconciler-test-postgres.conn (override with
# RECONCILER_TEST_POSTGRES_FILE); the tests read that file and FAIL when the server does not answer.
set -euo pipefail
conn_file="${RECONCILER_TEST_POSTGRES_FILE:-/run/reconciler-test-postgres.conn}"
if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
    || { echo "apt-get install postgresql failed: the PostgreSQL tests need it" >&2; exit 1; }
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$version" main start
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
for _ in $(seq 1 60); do
  runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$port" >/dev/null || { echo "PostgreSQL $version/main did not become ready on port $port" >&2; exit 1; }
password="reconciler-test"
runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reconciler_test') THEN
    CREATE ROLE reconciler_test LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE reconciler_test LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SQL
umask 077
printf 'Host=127.0.0.1;Port=%s;Username=reconciler_test;Password=%s;Database=postgres\n' "$port" "$password" > "$conn_file"
echo "postgresql $version/main on 127.0.0.1:$port (connection string in $conn_file)"
