#!/usr/bin/env bash
# Makes sure libvirtd answers on qemu:///system with KVM, installing and starting it if needed
# (Debian 12 without systemd, see ../shared/REAL-COMPONENTS.md). genisoimage builds cloud-init
# NoCloud seed ISOs; xmllint lets virt-xml-validate check rendered domain XML. Idempotent: a second run with libvirtd up does nothing. Fails loudly.
set -euo pipefail

URI=qemu:///system
PKGS="qemu-system-x86 qemu-utils libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients genisoimage libxml2-utils"

if [ ! -e /dev/kvm ]; then
  echo "ensure-libvirt: /dev/kvm is missing; the VM runtime tests need KVM" >&2
  exit 1
fi

need_install=0
for bin in virsh libvirtd virtlogd qemu-img qemu-system-x86_64 genisoimage xmllint; do
  command -v "$bin" >/dev/null 2>&1 || need_install=1
done
if [ "$need_install" -eq 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-libvirt: $PKGS are needed; run as root or install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
fi

if virsh -c "$URI" version >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-libvirt: libvirtd is not running and only root can start it here" >&2
  exit 1
fi

mkdir -p /var/log/libvirt /var/run/libvirt /etc/libvirt
touch /etc/libvirt/qemu.conf
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
getent passwd libvirt-qemu >/dev/null || useradd -r -g libvirt-qemu libvirt-qemu
conf=/etc/libvirt/qemu.conf
grep -q '^user = "root"' "$conf" || echo 'user = "root"' >>"$conf"
grep -q '^group = "root"' "$conf" || echo 'group = "root"' >>"$conf"

pgrep -x virtlogd >/dev/null || virtlogd -d
pgrep -x libvirtd >/dev/null || libvirtd -d
for _ in $(seq 1 60); do
  if virsh -c "$URI" version >/dev/null 2>&1; then
    exit 0
  fi
  sleep 0.5
done
echo "ensure-libvirt: libvirtd did not answer on $URI in 30 s; last log lines:" >&2
tail -n 30 /var/log/libvirt/libvirtd.log >&2 2>/dev/null || true
exit 1
