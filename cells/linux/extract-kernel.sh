#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# extract-kernel.sh KERNEL_DEB OUT_IMAGE
#
# Take /boot/vmlinuz-* out of a Debian arm64 linux-image .deb and write it
# as a raw arm64 "Image" (gunzipped if the package ships it compressed).
# The kernel itself is not modified.  Fails unless the arm64 Image magic
# "ARM\x64" is at offset 56.
set -eu

deb=$1
out=$2
tmp="$out.tmp.d"

die() { echo "linux-cell: error: $*" >&2; rm -rf "$tmp" "$out.tmp"; exit 1; }

[ -f "$deb" ] || die "$deb not found"
rm -rf "$tmp"
mkdir -p "$tmp"

# Only ./boot/vmlinuz-* is needed; unpacking the whole package (~350 MB of
# modules) with `dpkg-deb -x` would work too but wastes disk and time.
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*' \
	|| die "cannot extract ./boot/vmlinuz-* from $deb (dpkg-deb/tar failed)"
set -- "$tmp"/boot/vmlinuz-*
{ [ $# -eq 1 ] && [ -f "$1" ]; } || die "expected exactly one /boot/vmlinuz-* in $deb"
vmlinuz=$1
release=${vmlinuz##*/vmlinuz-}

magic2=$(od -A n -t x1 -N 2 "$vmlinuz" | tr -d ' \n')
case $magic2 in
1f8b)	gzip -dc "$vmlinuz" > "$out.tmp" || die "gunzip of $vmlinuz failed" ;;
*)	cp "$vmlinuz" "$out.tmp" ;;	# Debian bookworm ships a raw (PE/EFI stub) Image
esac

magic=$(od -A n -t x1 -j 56 -N 4 "$out.tmp" | tr -d ' \n')
[ "$magic" = 41524d64 ] || die "$vmlinuz: no arm64 Image magic at offset 56 (got '$magic')"

mv "$out.tmp" "$out"
echo "$release" > "$out.release.tmp" && mv "$out.release.tmp" "$(dirname "$out")/kernel.release"
rm -rf "$tmp"
echo "linux-cell: $out: Linux $release, $(wc -c < "$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
