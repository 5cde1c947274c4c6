# SPDX-License-Identifier: GPL-2.0
#
# Linux cell: stock Debian arm64 kernel Image + busybox initramfs.
# Included by the top-level Makefile (run from the repo root).  Standalone:
#   make -f cells/linux/linux.mk linux
#
# Versions are pinned only in cells/linux/packages.lock; `make linux-lock`
# refreshes it from the Debian mirror.  See cells/linux/README.md.

BUILD ?= build

LINUX_SRC     := cells/linux
LINUX_OUT     := $(BUILD)/cells/linux
LINUX_LOCK    := $(LINUX_SRC)/packages.lock
LINUX_PYTHON  ?= /usr/bin/python3
LINUX_DEBS    = $(LINUX_PYTHON) $(LINUX_SRC)/debs.py --lock $(LINUX_LOCK) --work $(LINUX_OUT)
# SOURCE_DATE_EPOCH (default 0) is the mtime of every initramfs entry.
LINUX_EPOCH   ?= $(if $(SOURCE_DATE_EPOCH),$(SOURCE_DATE_EPOCH),0)

LINUX_IMAGE     := $(LINUX_OUT)/Image
LINUX_INITRAMFS := $(LINUX_OUT)/initramfs.cpio.gz
# Stamp: every .deb in the lock is cached and matches its sha256.
LINUX_DEBS_OK   := $(LINUX_OUT)/debs/.verified

.PHONY: linux linux-lock linux-clean

linux: $(LINUX_IMAGE) $(LINUX_INITRAMFS)

$(LINUX_DEBS_OK): $(LINUX_LOCK) $(LINUX_SRC)/debs.py
	@mkdir -p $(@D)
	$(LINUX_DEBS) fetch
	@touch $@

$(LINUX_IMAGE): $(LINUX_DEBS_OK) $(LINUX_SRC)/extract-kernel.sh
	deb=$$($(LINUX_DEBS) path kernel) && \
		$(LINUX_SRC)/extract-kernel.sh "$$deb" $@

$(LINUX_INITRAMFS): $(LINUX_DEBS_OK) $(LINUX_SRC)/make-initramfs.sh \
		$(LINUX_SRC)/init $(LINUX_SRC)/inittab $(LINUX_SRC)/profile
	deb=$$($(LINUX_DEBS) path busybox) && \
		SOURCE_DATE_EPOCH=$(LINUX_EPOCH) $(LINUX_SRC)/make-initramfs.sh \
		"$$deb" $(LINUX_SRC) $@

# Re-resolve linux-image-arm64 and busybox-static to what the mirror
# serves today and rewrite the lock (commit the result).
linux-lock:
	@mkdir -p $(LINUX_OUT)
	$(LINUX_DEBS) lock

linux-clean:
	rm -rf $(LINUX_IMAGE) $(LINUX_INITRAMFS) $(LINUX_OUT)/kernel.release $(LINUX_DEBS_OK)
