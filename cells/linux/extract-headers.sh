#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# extract-headers.sh HEADERS_DEB COMMON_DEB OUT_DIR
#
# Unpack Debian's linux-headers-<release> and linux-headers-<version>-common
# packages (only their ./usr/src/ trees) into OUT_DIR/, so that
#   make -C OUT_DIR/linux-headers-<release> M=... ARCH=arm64 CROSS_COMPILE=...
# builds an out-of-tree module.  The packages point outside themselves; the
# fixups keep everything inside OUT_DIR except the host's kbuild tools:
#   - <release>/Makefile includes /usr/src/linux-headers-*-common/Makefile:
#     it includes the extracted -common copy instead (a path relative to itself);
#   - scripts and tools (in both trees) link to ../../lib/linux-kbuild-X.Y/...:
#     they link to the host's $LINUX_KBUILD (default /usr/lib/linux-kbuild-X.Y,
#     Debian package linux-kbuild-X.Y) instead.
# OUT_DIR/release holds the kernel release the headers are for.
set -eu
umask 022
export LC_ALL=C

hdeb=$1
cdeb=$2
out=$3
tmp="$out.tmp"

die() { echo "linux-cell: error: $*" >&2; rm -rf "$tmp"; exit 1; }

command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb not found (apt-get install dpkg)"
for d in "$hdeb" "$cdeb"; do
	[ -f "$d" ] || die "$d not found"
done

rm -rf "$tmp"
mkdir -p "$tmp/x"
dpkg-deb --fsys-tarfile "$hdeb" | tar -x -C "$tmp/x" ./usr/src \
	|| die "cannot unpack ./usr/src of $hdeb"
# -common holds every architecture's arch/ tree: unpack only arm64's (a third
# fewer files to create, which is most of the time this takes).
cpkg=$(dpkg-deb -f "$cdeb" Package) || die "cannot read the package name of $cdeb"
dpkg-deb --fsys-tarfile "$cdeb" | tar -x -C "$tmp/x" --exclude="./usr/src/$cpkg/arch/*" ./usr/src \
	|| die "cannot unpack ./usr/src of $cdeb"
dpkg-deb --fsys-tarfile "$cdeb" | tar -x -C "$tmp/x" "./usr/src/$cpkg/arch/arm64" \
	|| die "cannot unpack ./usr/src/$cpkg/arch/arm64 of $cdeb"

arch_dir=""
common_dir=""
for d in "$tmp"/x/usr/src/linux-headers-*; do
	case $d in
	*-common) common_dir=$(basename "$d") ;;
	*) arch_dir=$(basename "$d") ;;
	esac
done
[ -n "$arch_dir" ] && [ -n "$common_dir" ] \
	|| die "$hdeb and $cdeb do not hold linux-headers-<release> and -common trees"
mv "$tmp"/x/usr/src/"$arch_dir" "$tmp"/x/usr/src/"$common_dir" "$tmp"/
rm -rf "$tmp/x"

# The top Makefile of the flavour tree is a one-line include of the -common one.
mk="$tmp/$arch_dir/Makefile"
grep -qx "include /usr/src/$common_dir/Makefile" "$mk" \
	|| die "$arch_dir/Makefile is not the expected 'include /usr/src/$common_dir/Makefile'"
printf 'include $(dir $(lastword $(MAKEFILE_LIST)))../%s/Makefile\n' "$common_dir" > "$mk"

# scripts/ and tools/ come from the host's linux-kbuild-X.Y.
target=$(readlink "$tmp/$arch_dir/scripts") || die "$arch_dir/scripts is not a symlink"
kbuild_name=$(echo "$target" | sed -n 's|^\.\./\.\./lib/\(linux-kbuild-[0-9.]*\)/scripts$|\1|p')
[ -n "$kbuild_name" ] || die "unexpected $arch_dir/scripts -> $target"
kbuild=${LINUX_KBUILD:-/usr/lib/$kbuild_name}
[ -x "$kbuild/scripts/basic/fixdep" ] && [ -x "$kbuild/scripts/mod/modpost" ] \
	|| die "$kbuild/scripts is missing; install the host's kbuild tools: apt-get install $kbuild_name"
for t in "$arch_dir" "$common_dir"; do
	for l in scripts tools; do
		rm -f "$tmp/$t/$l"
		ln -s "$kbuild/$l" "$tmp/$t/$l"
	done
done

release=$(sed -n 's/^override KERNELRELEASE = //p' "$tmp/$arch_dir/.kernelvariables")
[ "linux-headers-$release" = "$arch_dir" ] || die "$arch_dir: KERNELRELEASE is '$release'"
echo "$release" > "$tmp/release"

rm -rf "$out"
mv "$tmp" "$out"
echo "linux-cell: $out/$arch_dir: headers for $release (kbuild $kbuild)"
