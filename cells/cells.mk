# SPDX-License-Identifier: GPL-2.0
# Copyright (c) 2026 The Tessera authors
#
# Bare-metal cells.  Included by the top Makefile, which runs from the repo root
# and defines BUILD and CROSS_COMPILE.  Each cell <name> yields
# $(BUILD)/cells/<name>/<name>.elf (linked at IPA 0x40000000) and <name>.bin
# (its raw image, entered at the first byte).  CELL_BINS lists the .bin files.
#
BUILD ?= build
CROSS_COMPILE ?= aarch64-linux-gnu-
CELLS_SAVED_GOAL := $(.DEFAULT_GOAL)

# Variant knobs (changing one on the command line rebuilds what depends on it):
FAULTY_READ_ADDR ?= 0x7f000000
FAULTY_WRITE_ADDR ?= 0x44000000
FAULTY_HVMEM_ADDR ?= 0x7fc00000
# The ZCU102's (tests/specs/zcu102-fuzz-mmio.yaml): the hypervisor's first byte,
# and the physical address of the ticker cell's RAM.
FAULTY_HVMEM_ADDR_ZCU102 ?= 0x87fc00000
FAULTY_WRITE_ADDR_ZCU102 ?= 0x00400000
FUZZ_CALLS ?= 20000
# fuzz-mmio: random loads and stores to the emulated GIC and console UART.
FUZZ_MMIO_ACCESSES ?= 50000
# The RAM size the fuzzer assumes when it aims at the end of its RAM.
FUZZ_RAM_SIZE ?= 0x200000
# rtos: print a "done" line with whole-run latency after N seconds (0: never).
RTOS_REPORT_SECONDS ?= 0

CELL_CC := $(CROSS_COMPILE)gcc
CELL_OBJCOPY := $(CROSS_COMPILE)objcopy
CELL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdinc -isystem $(shell $(CELL_CC) -print-file-name=include) \
	-mgeneral-regs-only -mstrict-align -fno-pie -fno-stack-protector -fno-common \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-tree-loop-distribute-patterns \
	-ffile-prefix-map=$(CURDIR)=. -MMD -MP
CELL_CPPFLAGS := -Icells/lib -Ihypervisor/include/uapi
CELL_LDFLAGS := -nostdlib -static -no-pie -T cells/lib/cell.ld \
	-Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments

CELL_LIB_SRCS := start.S secondary.S cell.c console.c exception.c string.c
CELL_LIB_OBJS := $(patsubst %,$(BUILD)/cells/lib/%.o,$(basename $(CELL_LIB_SRCS)))
# Linked only into the cells that use them (a smaller image is a faster restart).
CELL_LIB_AR_SRCS := fdt.c ioc.c
CELL_LIB_AR := $(BUILD)/cells/lib/libcell.a
CELL_LIB_AR_OBJS := $(patsubst %,$(BUILD)/cells/lib/%.o,$(basename $(CELL_LIB_AR_SRCS)))
$(CELL_LIB_AR): $(CELL_LIB_AR_OBJS)
	rm -f $@
	$(CROSS_COMPILE)ar rcsD $@ $^

# Every object also depends on a file holding its flags, rewritten only when
# they change, and on this fragment.
CELL_FLAGS_RECIPE = @mkdir -p $(@D); \
	echo '$(CELL_CFLAGS) $(CELL_CPPFLAGS) $(CELL_DEFS)' | cmp -s - $@ || \
	echo '$(CELL_CFLAGS) $(CELL_CPPFLAGS) $(CELL_DEFS)' > $@
$(BUILD)/cells/lib/cflags: cells-force
	$(CELL_FLAGS_RECIPE)

$(BUILD)/cells/lib/%.o: cells/lib/%.c $(BUILD)/cells/lib/cflags cells/cells.mk
	$(CELL_CC) $(CELL_CFLAGS) $(CELL_CPPFLAGS) -c $< -o $@
$(BUILD)/cells/lib/%.o: cells/lib/%.S $(BUILD)/cells/lib/cflags cells/cells.mk
	$(CELL_CC) $(CELL_CFLAGS) $(CELL_CPPFLAGS) -c $< -o $@

# $(call cell-define,name,source dir,sources,defines)
define cell-define
CELL_$(1)_OBJS := $$(patsubst %,$$(BUILD)/cells/$(1)/%.o,$$(basename $(3)))

$$(BUILD)/cells/$(1)/%: private CELL_DEFS := $(4)
$$(BUILD)/cells/$(1)/cflags: cells-force
	$$(CELL_FLAGS_RECIPE)
$$(BUILD)/cells/$(1)/%.o: cells/$(2)/%.c $$(BUILD)/cells/$(1)/cflags cells/cells.mk
	$$(CELL_CC) $$(CELL_CFLAGS) $$(CELL_CPPFLAGS) $$(CELL_DEFS) -c $$< -o $$@
$$(BUILD)/cells/$(1)/%.o: cells/$(2)/%.S $$(BUILD)/cells/$(1)/cflags cells/cells.mk
	$$(CELL_CC) $$(CELL_CFLAGS) $$(CELL_CPPFLAGS) $$(CELL_DEFS) -c $$< -o $$@
$$(BUILD)/cells/$(1)/$(1).elf: $$(CELL_$(1)_OBJS) $$(CELL_LIB_OBJS) $$(CELL_LIB_AR) cells/lib/cell.ld
	$$(CELL_CC) $$(CELL_LDFLAGS) $$(CELL_$(1)_OBJS) $$(CELL_LIB_OBJS) $$(CELL_LIB_AR) -o $$@
$$(BUILD)/cells/$(1)/$(1).bin: $$(BUILD)/cells/$(1)/$(1).elf
	$$(CELL_OBJCOPY) -O binary $$< $$@

-include $$(CELL_$(1)_OBJS:.o=.d)
endef

$(eval $(call cell-define,ticker,ticker,ticker.c,))
$(eval $(call cell-define,escape,ticker,escape.c,))
$(eval $(call cell-define,chatter,ticker,ticker.c,-DTICKER_CHATTER=100))
$(eval $(call cell-define,faulty-read,faulty,faulty.c,-DFAULTY_VARIANT_READ -DFAULTY_ADDR=$(FAULTY_READ_ADDR)))
$(eval $(call cell-define,faulty-write,faulty,faulty.c,-DFAULTY_VARIANT_WRITE -DFAULTY_ADDR=$(FAULTY_WRITE_ADDR)))
$(eval $(call cell-define,faulty-hvmem,faulty,faulty.c,-DFAULTY_VARIANT_HVMEM -DFAULTY_ADDR=$(FAULTY_HVMEM_ADDR)))
$(eval $(call cell-define,faulty-hvmem-zcu102,faulty,faulty.c,-DFAULTY_VARIANT_HVMEM -DFAULTY_ADDR=$(FAULTY_HVMEM_ADDR_ZCU102)))
$(eval $(call cell-define,faulty-write-zcu102,faulty,faulty.c,-DFAULTY_VARIANT_WRITE -DFAULTY_ADDR=$(FAULTY_WRITE_ADDR_ZCU102)))
$(eval $(call cell-define,faulty-marker,faulty,faulty.c,-DFAULTY_VARIANT_READ -DFAULTY_MARKER -DFAULTY_TICKS=5 -DFAULTY_ADDR=$(FAULTY_READ_ADDR)))
$(eval $(call cell-define,fuzz,fuzz,fuzz.c fuzz_hvc.S,-DFUZZ_CALLS=$(FUZZ_CALLS) -DCELL_RAM_SIZE=$(FUZZ_RAM_SIZE)))
$(eval $(call cell-define,fuzz-mmio,fuzz,fuzz_mmio.c,-DFUZZ_MMIO_ACCESSES=$(FUZZ_MMIO_ACCESSES)))
$(eval $(call cell-define,fuzz-mmio-2,fuzz,fuzz_mmio.c,-DFUZZ_MMIO_ACCESSES=$(FUZZ_MMIO_ACCESSES) -DFUZZ_MMIO_SEED=0x2545f4914f6cdd1d))
$(eval $(call cell-define,fuzz-mmio-end,fuzz,fuzz_mmio.c,-DFUZZ_MMIO_ACCESSES=5000 -DFUZZ_MMIO_SEED=0x9e3779b97f4a7c15 -DFUZZ_MMIO_PAST_END))
$(eval $(call cell-define,bench,bench,bench.c,))
$(eval $(call cell-define,restartbench,restartbench,restartbench.c,))
RTOS_SRCS := main.c rtos.c gic.c vectors.S
$(eval $(call cell-define,rtos,rtos,$(RTOS_SRCS),-DRTOS_REPORT_SECONDS=$(RTOS_REPORT_SECONDS)))
IRQTEST_SRCS := irqtest.c rtos_gic.c rtos_vectors.S
$(eval $(call cell-define,irqtest-overflow,irqtest,$(IRQTEST_SRCS),-DIRQTEST_OVERFLOW))
$(eval $(call cell-define,irqtest-rtc,irqtest,$(IRQTEST_SRCS),-DIRQTEST_RTC))
# ioctest: both ends of an IOC channel; -restart restarts itself half-way (tests/test_ioc.py).
IOCTEST_SRCS := ioctest.c message.c rtos_runtime.c rtos_gic.c rtos_vectors.S
$(eval $(call cell-define,ioctest,ioctest,$(IOCTEST_SRCS),))
$(eval $(call cell-define,ioctest-restart,ioctest,$(IOCTEST_SRCS),-DIOCTEST_RESTART_AT=1000))
$(eval $(call cell-define,ioctest-intruder,ioctest,intruder.c,))
$(eval $(call cell-define,iocbench,ioctest,bench.c rtos_runtime.c rtos_gic.c rtos_vectors.S,))
# rtcd: the PL031 driver cell of the default demo, answering on channel "rtc".
$(eval $(call cell-define,rtcd,rtcd,rtcd.c rtos_runtime.c rtos_gic.c rtos_vectors.S,))
$(eval $(call cell-define,ioctest-control,ioctest,control.c,))
# monitor: the monitor cell (monitor.watch in the spec), and a cell for it to catch.
MONITOR_RTOS := rtos_runtime.c rtos_gic.c rtos_vectors.S
$(eval $(call cell-define,monitor,monitor,monitor.c rules.c $(MONITOR_RTOS),))
$(eval $(call cell-define,monitor-spinner,monitor,spinner.c $(MONITOR_RTOS),))
$(eval $(call cell-define,monitor-crash,monitor,monitor.c rules.c $(MONITOR_RTOS),-DMONITOR_CRASH_AT_MS=500))
$(eval $(call cell-define,monitor-hang,monitor,monitor.c rules.c $(MONITOR_RTOS),-DMONITOR_HANG_AT_MS=500))
$(eval $(call cell-define,monitor-spinner-checkpoint,monitor,spinner.c $(MONITOR_RTOS),-DSPINNER_CHECKPOINT))
$(eval $(call cell-define,monitor-spinner-tamper,monitor,spinner.c $(MONITOR_RTOS),-DSPINNER_TAMPER))
# The reader of a channel and its hostile other end (tests/test_ioc.py).
$(eval $(call cell-define,ioctest-victim,ioctest,victim.c message.c rtos_runtime.c rtos_gic.c rtos_vectors.S,))
$(eval $(call cell-define,ioctest-hostile,ioctest,hostile.c message.c,))
# The same against Linux's `tessera ioc victim` (tests/test_linux_ioc.py).
$(eval $(call cell-define,ioctest-hostile-linux,ioctest,hostile.c message.c,-DHOSTILE_WAIT_FOR_READER -DHOSTILE_WAIT_MS=10000 -DHOSTILE_STORM_MS=4000))
# hostile: one variant per attack on the hypervisor (tests/test_hostile.py).
$(eval $(call cell-define,hostile-cpuon,hostile,cpuon.c,))
$(eval $(call cell-define,hostile-cpurace,hostile,cpurace.c,))
$(eval $(call cell-define,hostile-unaligned-read,hostile,unaligned.c mmu.c,-DHOSTILE_UNALIGNED_READ))
$(eval $(call cell-define,hostile-unaligned-write,hostile,unaligned.c mmu.c,-DHOSTILE_UNALIGNED_WRITE))
$(eval $(call cell-define,hostile-console,hostile,forge.c,))
$(eval $(call cell-define,hostile-scrub,hostile,scrub.c,))
$(eval $(call cell-define,hostile-regs,hostile,regs.c regs_fp.S,))
HOSTILE_NAMES := hostile-cpuon hostile-cpurace hostile-unaligned-read hostile-unaligned-write hostile-console
HOSTILE_NAMES += hostile-scrub hostile-regs
# gictest: one GIC/timer/PSCI conformance case per variant, each also built
# bare (tests/test_gic_fidelity.py, bench/ipi_bench.py).
GICTEST_LIB := main.c rtos_gic.c rtos_vectors.S
GICTEST_BARE_DTB ?= 0x44000000
GICTEST_CASES := level_spi vtimer_level active active_hw checkpoint checkpoint_race pending ptimer pmu smccc poweroff ipi
GICTEST_SRCS_pmu := fdt_irq.c
$(foreach c,$(GICTEST_CASES),$(eval $(call cell-define,gictest-$(subst _,-,$(c)),gictest,$(GICTEST_LIB) $(c).c $(GICTEST_SRCS_$(c)),)))
GICTEST_BARE_CASES := level_spi vtimer_level active active_hw pending ptimer pmu ipi
$(foreach c,$(GICTEST_BARE_CASES),$(eval $(call cell-define,gictest-$(subst _,-,$(c))-bare,gictest,$(GICTEST_LIB) $(c).c $(GICTEST_SRCS_$(c)),-DBARE -DGICTEST_BARE_DTB=$(GICTEST_BARE_DTB))))
CELL_NAMES := ticker escape chatter restartbench faulty-read faulty-write faulty-hvmem faulty-marker fuzz bench rtos
CELL_NAMES += faulty-hvmem-zcu102 faulty-write-zcu102
CELL_NAMES += fuzz-mmio fuzz-mmio-2 fuzz-mmio-end
CELL_NAMES += irqtest-overflow irqtest-rtc
CELL_NAMES += rtcd
CELL_NAMES += ioctest ioctest-restart ioctest-intruder iocbench ioctest-victim ioctest-hostile ioctest-hostile-linux
CELL_NAMES += ioctest-control
CELL_NAMES += monitor monitor-spinner monitor-crash monitor-hang monitor-spinner-checkpoint monitor-spinner-tamper
CELL_NAMES += $(HOSTILE_NAMES)
CELL_NAMES += $(foreach c,$(GICTEST_CASES),gictest-$(subst _,-,$(c)))
CELL_ELFS := $(foreach n,$(CELL_NAMES),$(BUILD)/cells/$(n)/$(n).elf)
CELL_BINS := $(CELL_ELFS:.elf=.bin)

# For testing without the hypervisor only; not in CELL_BINS.
$(eval $(call cell-define,ticker-bare,ticker,ticker.c,-DBARE))
CELL_BARE_ELFS := $(BUILD)/cells/ticker-bare/ticker-bare.elf \
	$(BUILD)/cells/faulty-read/faulty-read.elf
$(eval $(call cell-define,rtos-bare,rtos,$(RTOS_SRCS),-DBARE -DRTOS_REPORT_SECONDS=$(RTOS_REPORT_SECONDS)))
CELL_BARE_ELFS += $(BUILD)/cells/rtos-bare/rtos-bare.elf
# irqtest runs bare too (tests/test_vgic.py boots these); not in CELL_BARE_ELFS.
$(eval $(call cell-define,irqtest-overflow-bare,irqtest,$(IRQTEST_SRCS),-DBARE -DIRQTEST_OVERFLOW))
$(eval $(call cell-define,irqtest-rtc-bare,irqtest,$(IRQTEST_SRCS),-DBARE -DIRQTEST_RTC))

-include $(CELL_LIB_OBJS:.o=.d) $(CELL_LIB_AR_OBJS:.o=.d)

.PHONY: cells cells-bare-test cells-force
cells: $(CELL_BINS) $(CELL_ELFS) $(CELL_BARE_ELFS)

# Boots the bare variants on QEMU without a hypervisor and checks their output.
CELL_QEMU := qemu-system-aarch64 -M virt -cpu cortex-a57 -m 128M -nographic \
	-monitor none -serial stdio
# rtos needs GICv3; icount makes its timing (and so its output) deterministic.
CELLS_COMMA := ,
RTOS_QEMU := $(subst -M virt ,-M virt$(CELLS_COMMA)gic-version=3 ,$(CELL_QEMU)) \
	-icount shift=0,sleep=off
cells-bare-test: $(CELL_BARE_ELFS)
	@timeout 4 $(CELL_QEMU) -kernel $(BUILD)/cells/ticker-bare/ticker-bare.elf \
		> $(BUILD)/cells/ticker-bare/qemu.log 2>&1 || true
	grep -q '^hello from a bare cell' $(BUILD)/cells/ticker-bare/qemu.log
	grep -q '^tick 20' $(BUILD)/cells/ticker-bare/qemu.log
	@timeout 4 $(CELL_QEMU) -kernel $(BUILD)/cells/faulty-read/faulty-read.elf \
		> $(BUILD)/cells/faulty-read/qemu.log 2>&1 || true
	grep -q '^exception: sync from EL1h: .* FAR_EL1=0x0*$(FAULTY_READ_ADDR:0x%=%)' \
		$(BUILD)/cells/faulty-read/qemu.log
	! grep -q 'still alive' $(BUILD)/cells/faulty-read/qemu.log
	@timeout 4 $(RTOS_QEMU) -kernel $(BUILD)/cells/rtos-bare/rtos-bare.elf \
		> $(BUILD)/cells/rtos-bare/qemu.log 2>&1 || true
	grep -q '^rtos: started, period 1000us' $(BUILD)/cells/rtos-bare/qemu.log
	grep -q '^rtos: tick 3000 latency .* samples=1000 missed=0$$' \
		$(BUILD)/cells/rtos-bare/qemu.log

# Leave the top Makefile's default goal alone.
.DEFAULT_GOAL := $(CELLS_SAVED_GOAL)
