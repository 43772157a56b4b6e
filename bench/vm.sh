#!/usr/bin/env bash
# VM runtime figures on the real libvirt daemon (docs/benchmarks.md, "VM runtime"):
#   observe N defined managed domains (one list call per pass) vs the virsh way, and define + start of a diskless
#   KVM domain through the adapter vs `virsh define && virsh start` of the same XML, interleaved in one run.
#   bench/vm.sh [domains=50] [runs=15]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-libvirt.sh
dotnet run -c Release --project bench/Reconciler.Benchmarks -- vm "${1:-50}" "${2:-15}"
