#!/usr/bin/env bash
# Builds a small local image with an OpenSSH server from Debian's packages (no registry, no internet in the image):
#   scripts/make-ssh-image.sh [NAME:TAG]   (default reconciler-demo/sshd:1)
# Like make-local-image.sh (busybox, root and "dev" uid 1000) plus /usr/sbin/sshd (openssh-server, fetched with
# `apt-get download` and unpacked, never installed on the host), /usr/bin/ssh-keygen and the libraries both link.
# This is the kind of image `access.ssh: true` requires: Reconciler checks for sshd, it does not install it.
set -euo pipefail
name="${1:-reconciler-demo/sshd:1}"
if docker image inspect "$name" >/dev/null 2>&1; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root"/{bin,etc,tmp,root,home/dev,workspaces,usr/bin,sbin,usr/sbin,run/sshd,var/empty,lib64} "$work/pkg"
chmod 1777 "$root/tmp"
(cd "$work/pkg" && apt-get download openssh-server libwrap0 >/dev/null 2>&1) || {
  apt-get update >/dev/null && (cd "$work/pkg" && apt-get download openssh-server libwrap0 >/dev/null 2>&1)
}
for deb in "$work"/pkg/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
cp "$work/x/usr/sbin/sshd" "$root/usr/sbin/sshd"
keygen="$(command -v ssh-keygen || true)"
if [ -z "$keygen" ]; then
  (cd "$work/pkg" && apt-get download openssh-client >/dev/null 2>&1) && dpkg-deb -x "$work"/pkg/openssh-client*.deb "$work/x"
  keygen="$work/x/usr/bin/ssh-keygen"
fi
cp "$keygen" "$root/usr/bin/ssh-keygen"
# Every shared library sshd and ssh-keygen link, at the path the loader expects.
for binary in "$root/usr/sbin/sshd" "$root/usr/bin/ssh-keygen"; do
  LD_LIBRARY_PATH="$work/x/usr/lib/x86_64-linux-gnu" ldd "$binary" | awk '/=>/ { print $3 } /^\t\/lib/ { print $1 }' | while read -r lib; do
    [ -n "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
done
mkdir -p "$root/usr/lib/x86_64-linux-gnu"
cp -L "$work/x/usr/lib/x86_64-linux-gnu/libwrap.so.0" "$root/usr/lib/x86_64-linux-gnu/libwrap.so.0"
cp "$(command -v busybox)" "$root/bin/busybox"
chroot "$root" /bin/busybox --install -s /bin
printf 'root:x:0:0:root:/root:/bin/sh\ndev:x:1000:1000:dev:/home/dev:/bin/sh\nsshd:x:100:65534::/run/sshd:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\ndev:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nshadow: files\n' >"$root/etc/nsswitch.conf"
chown 1000:1000 "$root/home/dev"
tar -C "$root" -c . | docker import - "$name" >/dev/null
echo "built $name"
