/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The system configuration ABI: const tables emitted by the generator
 * (build/gen/sysconfig.c from generator/templates/sysconfig.c.j2) and read by
 * the hypervisor.  The hypervisor only walks these tables; every decision that
 * could be made at build time (placement, VMIDs, vCPU -> core assignment,
 * migration moves) is already in them.
 *
 * Counts used to size static arrays come from build/gen/sysconfig_gen.h as
 * SYSCONFIG_NUM_* macros.  Bump SYSCONFIG_REVISION on any layout change.
 */
#ifndef SYSCONFIG_H
#define SYSCONFIG_H

#include <stdint.h>

#define SYSCONFIG_MAGIC 0x53534554u /* "TESS" */
#define SYSCONFIG_REVISION 12u

#define SYSCONFIG_NAME_LEN 16
#define SYSCONFIG_NONE 0xffffu /* "no cell" / "no vCPU" in 16-bit fields */

/** mem_region.flags: access rights in stage 2 */
#define MEM_READ (1u << 0)
#define MEM_WRITE (1u << 1)
#define MEM_EXEC (1u << 2)
#define MEM_DEVICE (1u << 3) /* Device-nGnRE instead of Normal WB */

/** mem_region.kind: why the region is mapped */
enum mem_kind {
	MEM_KIND_RAM = 0, /* the cell's own RAM */
	MEM_KIND_DEVICE = 1, /* passthrough device MMIO */
	MEM_KIND_CHANNEL = 2, /* IOC shared memory */
	MEM_KIND_INSPECT = 3, /* monitor's read-only window onto a watched cell */
};

/** One stage-2 mapping of a cell: IPA range -> PA range.  2 MiB aligned where
 *  the generator could, so stage 2 uses block mappings. */
struct mem_region {
	uint64_t ipa;
	uint64_t pa;
	uint64_t size;
	uint32_t flags; /* MEM_* */
	uint32_t kind; /* enum mem_kind */
};

/** A pristine blob in the image store (read-only, in the ELF) that is copied
 *  into a cell's RAM on every (re)start. */
struct payload {
	uint64_t store_pa; /* where the pristine copy lies */
	uint64_t load_pa; /* destination, inside the cell's RAM */
	uint64_t size;
};

enum cell_os { CELL_OS_BAREMETAL = 0, CELL_OS_LINUX = 1 };
enum cell_recovery { RECOVERY_NONE = 0, RECOVERY_RESTART = 1, RECOVERY_RESTORE = 2 };

/** A virtual CPU.  vcpus[] is ordered by cell, then by index in the cell. */
struct vcpu_config {
	uint16_t cell; /* index into sys_config.cells */
	uint16_t index; /* vCPU number inside its cell (= guest MPIDR Aff0) */
	uint16_t priority; /* rate-monotonic rank, 0 = most urgent; SYSCONFIG_NONE if not realtime */
	uint16_t reserved;
	uint64_t vmpidr; /* MPIDR_EL1 value the guest reads (VMPIDR_EL2) */
	uint64_t period_ns;
	uint64_t budget_ns;
};

/** One of a cell's channels, and which end of it the cell is. */
struct cell_channel {
	uint16_t channel; /* index into sys_config.channels */
	uint16_t end; /* 0 or 1: the cell is channels[channel].cell[end] */
	uint16_t peer; /* channels[channel].cell[1 - end], for the doorbell's hot path */
	uint32_t peer_intid; /* channels[channel].doorbell_intid[1 - end] */
};

struct cell_config {
	char name[SYSCONFIG_NAME_LEN];
	uint32_t os; /* enum cell_os */
	uint32_t recovery; /* enum cell_recovery */
	uint16_t vmid;
	uint16_t num_vcpus;
	uint32_t first_vcpu; /* index into sys_config.vcpus */
	uint64_t entry_ipa; /* PC of vCPU 0 at (re)start */
	uint64_t dtb_ipa; /* x0 of vCPU 0 at (re)start */
	uint64_t console_ipa; /* where the emulated console UART appears */
	uint32_t console_intid; /* the emulated console UART's SPI in the cell's virtual GIC */
	uint32_t irq_pcpu; /* core the physical SPIs are routed to at boot (vCPU 0's) */
	uint64_t checkpoint_pa; /* the cell's checkpoint area, mapped into no cell; 0 if none */
	uint64_t checkpoint_size;
	uint64_t checkpoint_dirty_offset; /* its dirty-page map: a bit per 4 KiB page of RAM */
	uint64_t checkpoint_ram_offset; /* its RAM image; the state before it is sized for the cell */
	uint32_t restart_limit; /* more automatic restarts than this within the window: failed */
	uint32_t console_always; /* its lines live whatever has the focus (spec console: always) */
	uint64_t restart_window_ns;
	uint32_t num_regions;
	uint32_t num_payloads;
	const struct mem_region *regions; /* sorted by IPA, disjoint */
	const struct payload *payloads; /* image, DTB, initrd */
	uint32_t num_irqs;
	uint32_t reserved;
	const uint32_t *irqs; /* physical INTIDs (SPIs) routed to this cell */
	uint32_t num_channels;
	uint32_t reserved3;
	const struct cell_channel *channels; /* in its device tree's order */
};

/** A physical core of the board. */
struct pcpu_config {
	uint64_t mpidr; /* affinity fields only (bit 31 clear, for PSCI CPU_ON) */
};

/** Which cores are online in a power state and where each vCPU runs. */
struct power_state {
	char name[SYSCONFIG_NAME_LEN];
	uint64_t cpu_mask; /* bit n = pcpus[n] online */
	uint64_t run_cpus; /* bit n = pcpus[n] is on: it runs a vCPU, or it is the boot core */
	uint64_t shared_cpus; /* bit n = pcpus[n] runs more than one vCPU */
	uint16_t up; /* ondemand: the next state with more cores on, or SYSCONFIG_NONE */
	uint16_t down; /* ondemand: the next with fewer, or SYSCONFIG_NONE */
	uint32_t num_run_cpus; /* bits set in run_cpus */
	const uint16_t *vcpu_pcpu; /* [num_vcpus]: physical core of each vCPU */
};

struct vcpu_move {
	uint16_t vcpu;
	uint16_t from_pcpu;
	uint16_t to_pcpu;
	uint16_t reserved;
};

/** The precomputed moves to switch from one power state to another. */
struct power_transition {
	uint16_t from;
	uint16_t to;
	uint32_t num_moves;
	const struct vcpu_move *moves;
};

enum power_policy { POWER_PERFORMANCE = 0, POWER_POWERSAVE = 1, POWER_ONDEMAND = 2 };

/** The power policy, as the generator decided it. */
struct power_policy_config {
	uint32_t policy; /* enum power_policy */
	uint16_t boot_state; /* performance: the most cores on; powersave: the fewest */
	uint16_t reserved;
	uint64_t window_ns; /* ondemand: load is measured over this */
	uint32_t up_pct; /* ondemand: load above it goes to power_state.up */
	uint32_t down_pct; /* ondemand: below it, to power_state.down */
};

#define CONTROL_ALLOW_RESTART (1u << 0)
#define CONTROL_ALLOW_STOP (1u << 1)
#define CONTROL_ALLOW_START (1u << 2)

/** An IOC channel: one shared region mapped into its two ends. */
struct channel_config {
	char name[SYSCONFIG_NAME_LEN * 2];
	uint64_t pa;
	uint64_t size;
	uint16_t cell[2]; /* the two ends */
	uint16_t control_from; /* end (0/1) holding control rights, or SYSCONFIG_NONE */
	uint16_t control_allow; /* CONTROL_ALLOW_* */
	uint64_t ipa[2]; /* where each end sees the region */
	uint32_t doorbell_intid[2]; /* virtual SPI raised in each end */
};

enum watch_inspect { INSPECT_NONE = 0, INSPECT_READ_ONLY = 1 };

struct monitor_watch {
	uint16_t cell;
	uint16_t on_failure; /* enum cell_recovery */
	uint32_t inspect; /* enum watch_inspect */
	uint64_t heartbeat_period_ns; /* 0 = no heartbeat */
	uint64_t heartbeat_timeout_ns;
	uint64_t inspect_ipa; /* where the watched RAM appears in the monitor */
	uint32_t num_rules; /* its integrity rules (the monitor's DT has them) */
	uint32_t reserved;
};

struct monitor_config {
	uint16_t cell; /* SYSCONFIG_NONE if the spec has no monitor */
	uint16_t num_watches;
	uint32_t timeout_ms; /* the monitor's own: no sample for this long, its recovery applies */
	const struct monitor_watch *watches;
};

struct sys_config {
	uint32_t magic; /* SYSCONFIG_MAGIC */
	uint32_t revision; /* SYSCONFIG_REVISION */
	char system[SYSCONFIG_NAME_LEN * 2];
	uint64_t console_pa; /* physical UART owned by the hypervisor */
	uint32_t console_intid; /* its SPI (console input) */
	uint32_t reserved;
	uint64_t gicd_pa;
	uint64_t gicr_pa; /* GICv3 */
	uint64_t gicr_stride;
	uint64_t gicc_pa; /* GICv2: CPU interface, virtual interface control */
	uint64_t gich_pa;
	uint64_t boot_cpus; /* bit n: pcpus[n] runs a vCPU in power.boot_state */
	uint32_t num_pcpus;
	uint32_t num_cells;
	uint32_t num_vcpus;
	uint32_t num_channels;
	uint32_t num_power_states;
	uint32_t num_transitions;
	const struct pcpu_config *pcpus;
	const uint8_t
		*spi_owner; /* [SYSCONFIG_CELL_INTIDS]: cell index + 1 of an SPI's owner, 0 none */
	const struct cell_config *cells;
	const struct vcpu_config *vcpus;
	const struct channel_config *channels;
	const struct power_state *power_states;
	const struct power_transition *transitions;
	struct power_policy_config power;
	struct monitor_config monitor;
};

extern const struct sys_config sys_config;

#endif /* SYSCONFIG_H */
