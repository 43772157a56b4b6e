#!/usr/bin/env bash
# Runs every test: unit, golden and integration tests against the real Docker engine and libvirt/KVM.
# This is the README's test command (.ci/run calls it): it installs and starts what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-test-components.sh
log="$(mktemp)"
status=0
dotnet test Reconciler.sln -c Release --blame-hang-timeout 10m --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?
# One closing line over all test assemblies, in the plain "N passed, N failed" form.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { gsub(",", "", p); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
