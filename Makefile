# SPDX-License-Identifier: GPL-2.0
# Tessera: a static-partition hypervisor generated from a system spec.
#
#   make qemu-virt_defconfig && make    build build/tessera.elf from the configured spec
#   make SPEC=path/to/spec.yaml         build from any spec, without editing .config
#   make check SPEC=...                 validate a spec only (writes nothing)
#   make run [SPEC=...] [ICOUNT=1]      build, then boot on the spec's board in QEMU (Ctrl-a x quits)
#   make qemu                           boot what was built last, without building
#   make test                           every automated test (generator, hypervisor, Linux)
#   make bench                          benchmarks (slow; figures in docs/benchmarks.md)
#   make check-isolation                boot, then walk the stage-2 tables: cells share only what the spec says
#   make release                        build twice, check bit-identical, write build/release/
#   make menuconfig / savedefconfig     edit / save the build options (Kconfig)

PY := /usr/bin/python3
CROSS_COMPILE ?= aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
BUILD ?= build
# Per-spec outputs (tables, objects, image); cell payloads stay in $(BUILD).
OUT ?= $(BUILD)
KCONFIG_CONFIG ?= .config
DEFCONFIG ?= qemu-virt_defconfig
export KCONFIG_CONFIG
# Reproducible outputs: no wall-clock time leaks into anything we build.
export SOURCE_DATE_EPOCH ?= 0
export LC_ALL := C
export TZ := UTC

QEMU ?= qemu-system-aarch64

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

# ---- configuration (Kconfig via kconfiglib) ----
# Without a .config, the default board's defconfig is used.
ifeq ($(wildcard $(KCONFIG_CONFIG)),)
CONFIG_SPEC := "configs/qemu-virt.yaml"
else
include $(KCONFIG_CONFIG)
endif
SPEC ?= $(patsubst "%",%,$(CONFIG_SPEC))

# The QEMU machine of each board (dts/boards/<board>.dts describes what it emulates).  `make run`
# boots the one of the board the built spec names (gen/board.mk, written by the generator).
QEMU_MACHINE_qemu-virt := -M virt,virtualization=on,gic-version=3 -cpu cortex-a57 -smp 4 -m 1G
QEMU_MACHINE_zcu102 := -M xlnx-zcu102,virtualization=on -m 4G -audiodev none,id=snd0
# `make run ICOUNT=1`: virtual time, 1 ns per instruction; timing figures count instructions and
# repeat exactly, while QEMU runs every core on one host thread (slower to boot).
QEMU_ICOUNT := -icount shift=0,sleep=off

# A .config older than Kconfig is brought up to date (new symbols get their defaults, removed
# ones are dropped), so a Kconfig change never leaves the generator reading undefined symbols.
$(KCONFIG_CONFIG): Kconfig
	@if [ -f $@ ]; then \
	   echo "  CONFIG  Kconfig changed: updating $@"; $(PY) -m olddefconfig Kconfig >/dev/null 2>&1; touch $@; \
	 else \
	   echo "  CONFIG  no $@: using configs/$(DEFCONFIG)"; \
	   $(PY) -m defconfig --kconfig Kconfig configs/$(DEFCONFIG) >/dev/null; \
	 fi

%_defconfig: configs/%_defconfig
	@$(PY) -m defconfig --kconfig Kconfig $<

menuconfig: | $(KCONFIG_CONFIG)
	$(PY) -m menuconfig Kconfig

savedefconfig: | $(KCONFIG_CONFIG)
	$(PY) -m savedefconfig --kconfig Kconfig --out defconfig
	@echo "  wrote defconfig (copy it to configs/<name>_defconfig)"

AUTOCONF := $(OUT)/include/autoconf.h
$(AUTOCONF): $(KCONFIG_CONFIG) Kconfig
	@mkdir -p $(dir $@)
	@$(PY) -m genconfig --header-path $@ Kconfig

# ---- cell payloads ----
include cells/cells.mk
include cells/linux/linux.mk

# The payloads the spec names (resolved by the generator, the only code that
# reads specs); each one we know how to build is built first.
SPEC_PAYLOADS := $(shell $(PY) -m generator inputs --spec $(SPEC) 2>/dev/null)
SPEC_INPUTS := $(filter $(CELL_BINS) $(LINUX_IMAGE) $(LINUX_INITRAMFS),$(SPEC_PAYLOADS))

# ---- generated tables ----
GEN := $(OUT)/gen
GEN_FILES := $(GEN)/sysconfig.c $(GEN)/sysconfig_gen.h $(GEN)/layout.ld $(GEN)/payloads.S

.PHONY: gen
gen: $(AUTOCONF) $(SPEC_INPUTS) | $(KCONFIG_CONFIG)
	@$(PY) -m generator build --spec $(SPEC) --out $(OUT) --config $(KCONFIG_CONFIG)

# The generator rewrites a file only when its content changes, so these
# empty recipes let make rebuild only what really depends on a change.
$(GEN_FILES): gen ;

check: $(SPEC_INPUTS) | $(KCONFIG_CONFIG)
	@$(PY) -m generator check --spec $(SPEC) --config $(KCONFIG_CONFIG)

# ---- hypervisor ----
HV_SRCS := $(sort $(wildcard hypervisor/arch/aarch64/*.S hypervisor/arch/aarch64/*.c \
			     hypervisor/core/*.c hypervisor/drivers/*.c hypervisor/vdev/*.c))
HV_OBJS := $(patsubst %,$(OUT)/obj/%.o,$(HV_SRCS)) $(GEN)/sysconfig.c.o $(GEN)/payloads.S.o

HV_CFLAGS := -std=gnu11 -O2 -fomit-frame-pointer -ffreestanding -nostdlib -mgeneral-regs-only -mno-outline-atomics \
	-fno-stack-protector -fno-pic -fno-common -fno-tree-loop-distribute-patterns \
	-falign-functions=4 -falign-loops=4 -falign-jumps=4 -falign-labels=4 \
	-Wall -Wextra -Werror -Wno-unused-parameter \
	-ffile-prefix-map=$(CURDIR)/= -ffile-prefix-map=$(abspath $(BUILD))/=build/ \
	-Ihypervisor/include -Ihypervisor/arch/aarch64 -I$(GEN) -include $(AUTOCONF) -MMD -MP

# Objects depend on the flags too: changing a flag rebuilds them.  The file is
# rewritten only when the flags differ, so nothing rebuilds needlessly.
HV_FLAGS_FILE := $(OUT)/obj/cflags
$(HV_FLAGS_FILE): FORCE
	@mkdir -p $(dir $@)
	@echo '$(HV_CFLAGS)' | cmp -s - $@ || echo '$(HV_CFLAGS)' > $@

.PHONY: FORCE
FORCE:

$(OUT)/obj/hypervisor/%.o: hypervisor/% $(AUTOCONF) $(GEN)/sysconfig_gen.h $(HV_FLAGS_FILE)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(HV_CFLAGS) -c $< -o $@

$(GEN)/%.o: $(GEN)/% $(AUTOCONF) $(GEN)/sysconfig_gen.h $(HV_FLAGS_FILE)
	@echo "  CC      $<"
	@$(CC) $(HV_CFLAGS) -c $< -o $@

IMAGE := $(OUT)/tessera.elf
$(IMAGE): $(HV_OBJS) hypervisor/arch/aarch64/tessera.ld $(GEN)/layout.ld
	@echo "  LD      $@"
	@$(LD) -nostdlib --build-id=none -L $(GEN) -T hypervisor/arch/aarch64/tessera.ld \
		-Map $(OUT)/tessera.map -o $@ $(HV_OBJS)
	@nm=$$($(CROSS_COMPILE)nm $@); sym() { echo "$$nm" | awk -v n=$$1 '$$3 == n { print "0x" $$1 }'; }; \
	 echo "  SIZE    hypervisor $$(( $$(sym __hv_end) - $$(sym __hv_start) )) bytes (code, data, stacks, tables)"

-include $(HV_OBJS:.o=.d)

# payloads.S .incbin's every payload and cell DTB: the assembler's dependency
# output does not see those, so name them here.  The wildcard is expanded when
# make starts, before the generator removes the DTBs of cells an earlier spec
# had (switching specs in one OUT); the pattern rule says every DTB comes from
# 'gen', so one that is gone afterwards counts as remade instead of stopping make.
$(GEN)/payloads.S.o: $(SPEC_PAYLOADS) $(wildcard $(GEN)/cells/*.dtb)
$(GEN)/cells/%.dtb: gen ;

# 'all' first makes sure the Debian packages are there (ci/bootstrap is silent
# when they are), then builds in a second pass: only then can the generator
# name the payloads the spec needs (SPEC_INPUTS is computed when make starts).
.PHONY: all image
all: bootstrap
	@$(MAKE) --no-print-directory image

image: $(IMAGE)

# ---- isolation checked on the artifact: boot, stop, walk the stage-2 tables (tools/isolation.py) ----
.PHONY: check-isolation
check-isolation: all
	@$(PY) tools/isolation.py --spec $(SPEC) --elf $(IMAGE) --boot

# ---- release: the image built twice, bit-identical, with its manifest (tools/release.py) ----
RELEASE := $(OUT)/release
RELEASE_CHECK := $(BUILD)/release-check
.PHONY: release
release: all
	@rm -rf $(RELEASE_CHECK)
	@echo "  CHECK   the same spec again, from scratch, into $(RELEASE_CHECK)"
	@$(MAKE) --no-print-directory image OUT=$(RELEASE_CHECK) > $(RELEASE_CHECK).log 2>&1 || \
	  { cat $(RELEASE_CHECK).log; exit 1; }
	@$(PY) tools/release.py --spec $(SPEC) --config $(KCONFIG_CONFIG) --image $(IMAGE) \
	  --again $(RELEASE_CHECK)/tessera.elf --out $(RELEASE)

# ---- run, test, bench ----
.PHONY: run qemu bootstrap test test-generator test-system bench clean distclean help
run: all
	@$(MAKE) --no-print-directory qemu

# Boot what was built last, on its board's QEMU machine, without building.
-include $(GEN)/board.mk
qemu:
	$(if $(SPEC_BOARD),,$(error nothing built in $(OUT) yet: run 'make' first))
	$(if $(QEMU_MACHINE_$(SPEC_BOARD)),,$(error no QEMU machine for board '$(SPEC_BOARD)': add QEMU_MACHINE_$(SPEC_BOARD) to the Makefile (docs/boards.md)))
	@echo "  RUN     $(IMAGE) on $(SPEC_BOARD)  (Ctrl-] l lists cells, Ctrl-] <n> focuses cell n; Ctrl-a x quits QEMU)"
	$(QEMU) $(QEMU_MACHINE_$(SPEC_BOARD))$(if $(ICOUNT), $(QEMU_ICOUNT)) -nographic -kernel $(IMAGE)

bootstrap:
	@ci/bootstrap

PYTEST := $(PY) -m pytest -q -p no:cacheprovider
test: all
	$(PYTEST) generator/tests tests

test-generator: bootstrap
	$(PYTEST) generator/tests

test-system: all
	$(PYTEST) tests

bench: bootstrap
	$(PY) bench/gen_bench.py
	$(PY) bench/hv_bench.py
	$(PY) bench/rtos_bench.py
	$(PY) bench/ipi_bench.py
	$(PY) bench/restart_bench.py
	$(PY) bench/lifecycle_bench.py
	$(PY) bench/power_bench.py
	$(PY) bench/ioc_bench.py --linux

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -f $(KCONFIG_CONFIG) $(KCONFIG_CONFIG).old defconfig

help:
	@sed -n '2,13p' Makefile | sed 's/^# \{0,1\}//'
