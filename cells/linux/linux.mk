# SPDX-License-Identifier: GPL-2.0
#
# Linux cell: stock Debian arm64 kernel Image + busybox initramfs, with the
# tessera.ko module (built against Debian's linux-headers for that kernel) and
# the static `tessera` tool in it.
# Included by the top-level Makefile (run from the repo root).  Standalone:
#   make -f cells/linux/linux.mk linux
#
# Versions are pinned only in cells/linux/packages.lock; `make linux-lock`
# refreshes it from the Debian mirror.  See cells/linux/README.md.

BUILD ?= build
CROSS_COMPILE ?= aarch64-linux-gnu-

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

# Debian's linux-headers-<release> and -common, unpacked (extract-headers.sh);
# `release` (the kernel release they are for) is written last, as the stamp.
LINUX_HEADERS    := $(LINUX_OUT)/headers
LINUX_HEADERS_OK := $(LINUX_HEADERS)/release
# tessera.ko: Kbuild and the sources are copied to $(LINUX_MODULE_OUT)/kbuild
# (kbuild writes its objects next to them) and built there from scratch.
LINUX_MODULE_OUT  ?= $(LINUX_OUT)/module
LINUX_KO          := $(LINUX_MODULE_OUT)/tessera.ko
LINUX_TEST_MODS   := tessera_spin tessera_hook tessera_stray
LINUX_TEST_KO     := $(patsubst %,$(LINUX_MODULE_OUT)/%.ko,$(LINUX_TEST_MODS))
LINUX_MODULE_SRCS := $(LINUX_SRC)/module/Kbuild \
	$(sort $(wildcard $(LINUX_SRC)/module/*.c $(LINUX_SRC)/module/*.h))
LINUX_UAPI        := hypervisor/include/uapi
# The tool: static, so the initramfs needs no libc.
LINUX_TOOL        ?= $(LINUX_OUT)/tool/tessera
LINUX_TOOL_CFLAGS := -std=gnu11 -static -Os -s -Wall -Wextra -Werror \
	-ffile-prefix-map=$(CURDIR)/= -I$(LINUX_SRC)/module -iquote cells/lib

.PHONY: linux linux-module linux-lock linux-clean

linux: $(LINUX_IMAGE) $(LINUX_INITRAMFS)
linux-module: $(LINUX_KO) $(LINUX_TOOL)
# Made by the same kbuild run as tessera.ko.
$(LINUX_TEST_KO): $(LINUX_KO)
	@test -f $@

$(LINUX_DEBS_OK): $(LINUX_LOCK) $(LINUX_SRC)/debs.py
	@mkdir -p $(@D)
	$(LINUX_DEBS) fetch
	@touch $@

$(LINUX_IMAGE): $(LINUX_DEBS_OK) $(LINUX_SRC)/extract-kernel.sh
	deb=$$($(LINUX_DEBS) path kernel) && \
		$(LINUX_SRC)/extract-kernel.sh "$$deb" $@

$(LINUX_INITRAMFS): $(LINUX_DEBS_OK) $(LINUX_SRC)/make-initramfs.sh \
		$(LINUX_SRC)/init $(LINUX_SRC)/inittab $(LINUX_SRC)/profile $(LINUX_KO) $(LINUX_TOOL) \
		$(LINUX_TEST_KO)
	deb=$$($(LINUX_DEBS) path busybox) && \
		SOURCE_DATE_EPOCH=$(LINUX_EPOCH) $(LINUX_SRC)/make-initramfs.sh \
		"$$deb" $(LINUX_SRC) $@ $(LINUX_KO) $(LINUX_TOOL) $(LINUX_TEST_KO)

$(LINUX_HEADERS_OK): $(LINUX_DEBS_OK) $(LINUX_SRC)/extract-headers.sh
	h=$$($(LINUX_DEBS) path headers) && c=$$($(LINUX_DEBS) path headers-common) && \
		$(LINUX_SRC)/extract-headers.sh "$$h" "$$c" $(LINUX_HEADERS)

# Debian's kbuild with M=: no environment of ours reaches it (MAKEFLAGS carries
# our command-line variables, KCONFIG_CONFIG is the hypervisor's .config).
# Reproducible: the build paths are mapped away (KCFLAGS, which also reaches
# tessera.mod.c, unlike Kbuild's ccflags-y), so the build id is the same
# wherever the tree is; the debug info is stripped as Debian strips its
# modules; the vermagic must name the headers' kernel release.
$(LINUX_KO): $(LINUX_HEADERS_OK) $(LINUX_MODULE_SRCS) $(LINUX_UAPI)/tessera.h $(LINUX_UAPI)/tessera_ioc.h $(LINUX_UAPI)/tessera_watch.h \
		$(LINUX_SRC)/linux.mk
	@rm -rf $(LINUX_MODULE_OUT) && mkdir -p $(LINUX_MODULE_OUT)/kbuild
	@cp $(LINUX_MODULE_SRCS) $(LINUX_MODULE_OUT)/kbuild/
	@echo "linux-cell: building tessera.ko in $(LINUX_MODULE_OUT)/kbuild"
	@rel=$$(cat $(LINUX_HEADERS_OK)) && \
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u KCONFIG_CONFIG \
		KBUILD_BUILD_TIMESTAMP=@$(LINUX_EPOCH) KBUILD_BUILD_USER=tessera KBUILD_BUILD_HOST=tessera \
		$(MAKE) --no-print-directory -s -C $(LINUX_HEADERS)/linux-headers-$$rel \
		M=$(abspath $(LINUX_MODULE_OUT))/kbuild ARCH=arm64 CROSS_COMPILE=$(CROSS_COMPILE) \
		TESSERA_UAPI=$(abspath $(LINUX_UAPI)) \
		KCFLAGS="-ffile-prefix-map=$(abspath $(LINUX_HEADERS))/=/usr/src/ \
			-ffile-prefix-map=$(abspath $(LINUX_MODULE_OUT))/kbuild/=" modules && \
	for t in $(LINUX_TEST_MODS); do $(CROSS_COMPILE)strip --strip-debug \
		-o $(LINUX_MODULE_OUT)/$$t.ko $(LINUX_MODULE_OUT)/kbuild/$$t.ko || exit 1; done && \
	$(CROSS_COMPILE)strip --strip-debug -o $@.tmp $(LINUX_MODULE_OUT)/kbuild/tessera.ko && \
	magic=$$($(CROSS_COMPILE)objcopy -O binary -j .modinfo $@.tmp /dev/stdout | tr '\0' '\n' | \
		sed -n 's/^vermagic=//p') && \
	case "$$magic" in "$$rel "*) ;; *) echo "linux-cell: error: tessera.ko vermagic '$$magic'" \
		"is not for $$rel" >&2; exit 1;; esac && \
	mv $@.tmp $@ && echo "linux-cell: $@: $$(wc -c < $@) bytes, vermagic $$magic"

LINUX_TOOL_SRCS := $(LINUX_SRC)/tool/tessera.c $(LINUX_SRC)/tool/ioc_bench.c \
	$(LINUX_SRC)/tool/heartbeat.c
$(LINUX_TOOL): $(LINUX_TOOL_SRCS) $(LINUX_SRC)/tool/tool.h $(LINUX_SRC)/module/tessera_ioctl.h \
		cells/lib/prng.h cells/ioctest/bench.h $(LINUX_SRC)/linux.mk
	@mkdir -p $(@D)
	$(CROSS_COMPILE)gcc $(LINUX_TOOL_CFLAGS) -o $@ $(LINUX_TOOL_SRCS)

# Re-resolve linux-image-arm64 (and the kernel's headers) and busybox-static
# to what the mirror serves today and rewrite the lock (commit the result).
# LINUX_KERNEL=locked keeps the locked kernel (re-resolving the rest);
# LINUX_KERNEL=linux-image-<release>=<version> pins that one.
LINUX_KERNEL ?=
linux-lock:
	@mkdir -p $(LINUX_OUT)
	$(LINUX_DEBS) lock $(if $(LINUX_KERNEL),--kernel $(LINUX_KERNEL))

linux-clean:
	rm -rf $(LINUX_IMAGE) $(LINUX_INITRAMFS) $(LINUX_OUT)/kernel.release $(LINUX_DEBS_OK) \
		$(LINUX_HEADERS) $(LINUX_MODULE_OUT) $(dir $(LINUX_TOOL))
