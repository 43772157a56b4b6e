#!/usr/bin/env bash
# The one-minute demo: converges the example repository on the local Docker engine with embedded
# defaults, then shows what runs. Re-run it: the second apply changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
scripts/make-local-image.sh reconciler-demo/busybox:1
dotnet build src/Reconciler.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/Reconciler.Cli/bin/Release/net10.0/reconciler.dll)
"${cli[@]}" validate examples/demo
"${cli[@]}" apply examples/demo
"${cli[@]}" status
