#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make-initramfs.sh BUSYBOX_DEB SRC_DIR OUT_CPIO_GZ MODULE_KO TOOL TEST_KO...
#
# Build a deterministic gzip'ed newc initramfs: busybox-static at
# /bin/busybox (plus applet symlinks), SRC_DIR/init at /init,
# SRC_DIR/inittab at /etc/inittab, SRC_DIR/profile at /etc/profile,
# MODULE_KO (tessera.ko) at /lib/modules/tessera.ko, TOOL at /bin/tessera and
# each TEST_KO (test modules: tessera_spin.ko, ...) in /lib/modules/test/.
# Entries are sorted, owned by 0:0, with mtime SOURCE_DATE_EPOCH (default
# 0), and cpio --reproducible renumbers inodes, so identical inputs give
# an identical file.
set -eu
umask 022
export LC_ALL=C

deb=$1
src=$2
out=$3
ko=$4
tool=$5
shift 5
test_kos="$*"
epoch=${SOURCE_DATE_EPOCH:-0}
stage="$out.stage"
tmp="$out.tmp.d"

die() { echo "linux-cell: error: $*" >&2; rm -rf "$stage" "$tmp" "$out.tmp"; exit 1; }

for t in dpkg-deb cpio gzip; do
	command -v $t >/dev/null 2>&1 || die "$t not found (apt-get install dpkg cpio gzip)"
done
cpio --help 2>/dev/null | grep -q -- --reproducible \
	|| die "cpio lacks --reproducible (need GNU cpio >= 2.13)"
for f in "$deb" "$ko" "$tool" $test_kos; do
	[ -f "$f" ] || die "$f not found"
done
for f in init inittab profile; do
	[ -f "$src/$f" ] || die "$src/$f not found"
done

rm -rf "$stage" "$tmp"
mkdir -p "$tmp"
dpkg-deb -x "$deb" "$tmp" || die "dpkg-deb -x $deb failed"
[ -f "$tmp/bin/busybox" ] || die "$deb has no /bin/busybox"

mkdir -p "$stage"
for d in bin sbin usr usr/bin usr/sbin dev proc sys tmp root etc lib lib/modules lib/modules/test; do
	mkdir -p "$stage/$d"
done
cp "$tmp/bin/busybox" "$stage/bin/busybox"
cp "$src/init" "$stage/init"
cp "$src/inittab" "$stage/etc/inittab"
cp "$src/profile" "$stage/etc/profile"
cp "$ko" "$stage/lib/modules/tessera.ko"
for t in $test_kos; do
	cp "$t" "$stage/lib/modules/test/" && chmod 0644 "$stage/lib/modules/test/${t##*/}"
done
cp "$tool" "$stage/bin/tessera"
chmod 0755 "$stage/bin/busybox" "$stage/init" "$stage/bin/tessera"
chmod 0644 "$stage/lib/modules/tessera.ko"
chmod 1777 "$stage/tmp"
chmod 0700 "$stage/root"

# Applets /init needs before `busybox --install -s` (which adds the rest
# at boot) and the usual interactive ones.
for a in sh ash cat echo ls mkdir mount umount grep awk sed ps kill dmesg \
	uname hostname setsid cttyhack sleep sync init; do
	ln -s busybox "$stage/bin/$a"
done
for a in poweroff reboot halt; do
	ln -s ../bin/busybox "$stage/sbin/$a"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$stage/etc/passwd"
printf 'root:x:0:\n' > "$stage/etc/group"
chmod 0644 "$stage/etc/passwd" "$stage/etc/group" "$stage/etc/inittab" "$stage/etc/profile"

find "$stage" -exec touch -h -d "@$epoch" {} +

( cd "$stage" && find . -print0 | sort -z |
	cpio --null -o -H newc --reproducible -R 0:0 --quiet ) > "$out.cpio.tmp" \
	|| die "cpio failed"
gzip -n -9 -c "$out.cpio.tmp" > "$out.tmp" || die "gzip failed"
rm -f "$out.cpio.tmp"
mv "$out.tmp" "$out"
rm -rf "$stage" "$tmp"
echo "linux-cell: $out: $(wc -c < "$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
