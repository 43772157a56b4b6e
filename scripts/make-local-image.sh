#!/usr/bin/env bash
# Builds a tiny local image from the host's static busybox (no registry needed):
#   scripts/make-local-image.sh [NAME:TAG]   (default reconciler-demo/busybox:1)
# It has root and a non-root user "dev" (uid 1000), /bin/sh and the busybox tools.
set -euo pipefail
name="${1:-reconciler-demo/busybox:1}"
if docker image inspect "$name" >/dev/null 2>&1; then
  exit 0
fi
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,etc,tmp,root,home/dev,workspaces,usr/bin,sbin,usr/sbin}
chmod 1777 "$root/tmp"
cp "$(command -v busybox)" "$root/bin/busybox"
chroot "$root" /bin/busybox --install -s /bin
printf 'root:x:0:0:root:/root:/bin/sh\ndev:x:1000:1000:dev:/home/dev:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\ndev:x:1000:\n' >"$root/etc/group"
chown 1000:1000 "$root/home/dev"
tar -C "$root" -c . | docker import - "$name" >/dev/null
echo "built $name"
