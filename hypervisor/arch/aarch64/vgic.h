/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Virtual GICv3.  Each cell has a trap-and-emulate distributor and one
 * redistributor frame per vCPU; the CPU interface is the hardware's virtual
 * interface, fed through the list registers.  Interrupts already in a list
 * register are tracked there only; the model below holds what waits.
 */
#ifndef VGIC_H
#define VGIC_H

#include "mmio.h"
#include "spinlock.h"
#include "sysconfig.h"
#include "sysconfig_gen.h"
#include "types.h"

/* INTIDs of a cell's virtual GIC, fixed by the generator (which checks that
 * every passthrough SPI and doorbell fits). */
#define VGIC_NR_INTIDS SYSCONFIG_CELL_INTIDS
_Static_assert(VGIC_NR_INTIDS % 32 == 0 && VGIC_NR_INTIDS <= 1020, "GICD_TYPER.ITLinesNumber");
#define VGIC_NR_PRIVATE 32
#define VGIC_NR_SPIS (VGIC_NR_INTIDS - VGIC_NR_PRIVATE)
#define VGIC_WORDS(n) (((n) + 31) / 32)

#define INTID_PMU 23 /* overflow of the vCPU's PMU counters */
#define INTID_MAINTENANCE 25
#define INTID_VTIMER 27
#define INTID_PTIMER 30 /* the EL1 physical timer (CNTP) */
/* Private interrupts a vCPU owns in hardware: while it runs they are
 * forwarded to it hardware-linked, and they follow its own enables. */
#define VGIC_HW_PPIS ((uint32_t)(BIT(INTID_PMU) | BIT(INTID_VTIMER) | BIT(INTID_PTIMER)))
static inline bool vgic_is_hw_ppi(uint32_t intid)
{
	return intid < 32 && (VGIC_HW_PPIS & (1u << intid));
}

/* State of one interrupt as the guest configured it. */
struct vgic_irq {
	uint8_t priority;
	uint8_t enabled : 1, pending : 1, edge : 1, group1 : 1, hw : 1, level : 1;
	uint16_t target; /* SPIs: index of the vCPU in the cell (from GICD_IROUTER) */
};

struct vgic_cpu {
	struct vgic_irq priv[VGIC_NR_PRIVATE];
	/* What waits in the model for this vCPU (pending and enabled; SPIs
	 * here for their target), one bit per INTID, under the cell's lock:
	 * the flush finds work without scanning every interrupt. */
	uint32_t waiting[VGIC_WORDS(VGIC_NR_INTIDS)];
	uint32_t waker;
	bool npie; /* something waits for a free list register */
	/* saved virtual interface while the vCPU is not loaded */
	uint64_t vmcr;
	uint64_t lr[16];
	uint32_t lr_used; /* which of lr[] hold an entry */
	uint64_t ap0r, ap1r;
};

struct vgic_dist {
	spinlock_t lock; /* the model of every interrupt of the cell */
	uint32_t ctlr;
	struct vgic_irq spi[VGIC_NR_SPIS];
};

#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
/* What the cell's DTB gives the distributor, and where its PIDR2 is: a GICv3's
 * 64 KiB, a GICv2's one page (the GIC-400's identification words end it).
 * Past it nothing is emulated: an access there stops the cell. */
#if SYSCONFIG_GIC_V3
#define GICD_SIZE 0x10000
#define GICD_PIDR2 0xffe8
#else
#define GICD_SIZE 0x1000
#define GICD_PIDR2 0x0fe8
#endif
#define GICD_TYPER_VALUE ((VGIC_NR_INTIDS / 32 - 1) | (9u << 19)) /* 10-bit INTIDs, no LPIs */
#define GIC_IIDR_TESSERA 0x0000043b /* Arm as implementer, our product 0, revision 0 */
#define GIC_PIDR2_V3 0x3b
#define GIC_PIDR2_V2 0x2b

struct cell;
struct vcpu;

#if SYSCONFIG_GIC_V2
/* GICD_TYPER of v's cell: a GICv2's counts the cell's vCPUs (vgic_dist_v2.c). */
uint32_t vgic_typer_of(const struct vcpu *v);
#endif

/* Distributor registers whose value depends on nothing but the trapping
 * vCPU's cell: answered on the trap path itself (drivers probe them often). */
static inline bool vgic_const_read(const struct vcpu *v, uint64_t ipa, uint64_t *val)
{
	switch (ipa - sys_config.gicd_pa) {
#if SYSCONFIG_GIC_V3
	case GICD_TYPER:
		(void)v;
		*val = GICD_TYPER_VALUE;
		return true;
	case GICD_PIDR2:
		*val = GIC_PIDR2_V3;
		return true;
#else
	case GICD_TYPER:
		*val = vgic_typer_of(v);
		return true;
#endif
	case GICD_IIDR:
		*val = GIC_IIDR_TESSERA;
		return true;
	default:
		return false;
	}
}

void vgic_cell_init(struct cell *c);
void vgic_vcpu_reset(struct vcpu *v);
void vgic_cpu_init(void);

/* Bring 'intid's bit in its owner's waiting map in line with its model
 * state (pending and enabled); call after every change.  Caller holds the
 * cell's vgic lock. */
void vgic_waiting_sync(struct vcpu *v, uint32_t intid);
/* After 'intid' moved to another vCPU's map: make that vCPU look at it. */
void vgic_waiting_signal(struct vcpu *v, uint32_t intid);

/* Make an interrupt pending for a vCPU.  pintid != 0 links it to a physical
 * interrupt whose deactivation the guest's EOI performs. */
void vgic_inject(struct vcpu *v, uint32_t intid, uint32_t pintid);
void vgic_inject_locked(struct vcpu *v, uint32_t intid, uint32_t pintid);
/* The guest disabled or cleared 'intid': take back a delivery not yet taken. */
void vgic_retract(struct vcpu *v, uint32_t intid);
/* Pending and active bits of INTIDs first..first+31 held in list registers
 * (known only for the vCPU running on this core). */
void vgic_lr_bits(struct vcpu *v, uint32_t first, uint32_t *pending, uint32_t *active);
/* Level of a virtual level-sensitive SPI of a cell (e.g. its UART). */
void vgic_set_level(struct cell *c, uint32_t intid, bool level);
/* An edge on a virtual SPI of a cell (a doorbell), from any core; 'intid'
 * an SPI of the cell's, as arch_cell_raise_irq says. */
void vgic_raise(struct cell *c, uint32_t intid);
/* vgic_raise's way when the interrupt cannot be posted (vgic_posted.c):
 * pending in the model for its target 't', which is kicked. */
void vgic_raise_in_model(struct cell *c, struct vcpu *t, struct vgic_irq *irq, uint32_t intid);
/*
 * Doorbells posted to a vCPU's own core (vgic_posted.c).
 * vgic_posted_load: 'v' is now loaded on this core, the vector delivers from
 * its mailbox; vgic_posted_deliver: on 'v's own core, what was posted for it
 * into a list register (or the model); vgic_posted_to_model: 'v' is being
 * put away, what was posted into the model; vgic_posted_reset: 'v's model
 * was reset or restored, nothing posted before counts.
 */
void vgic_posted_cpu_init(void);
void vgic_posted_load(struct vcpu *v);
void vgic_posted_deliver(struct vcpu *v);
void vgic_posted_to_model(struct vcpu *v);
void vgic_posted_reset(struct vcpu *v);
/* Something is posted for 'v' and not yet delivered. */
bool vgic_posted_waiting(const struct vcpu *v);
/* Move what waits for this core's current vCPU into free list registers. */
void vgic_flush(struct vcpu *v);
/* A guest wrote ICC_SGI1R_EL1 (trapped): raise SGIs in its own cell. */
void vgic_sgi_write(struct vcpu *v, uint64_t val);
/* Distributor and redistributor emulation. */
bool vgic_mmio(struct vcpu *v, struct mmio_access *a);
/* The IPA lies in the cell's distributor or one of its redistributor frames. */
bool vgic_window_at(const struct cell *c, uint64_t ipa);
/* The running vCPU's enables or priorities of its hardware PPIs changed (or
 * it was just loaded): follow them with the physical PPIs and the vector's
 * virtual-timer fast path. */
void vgic_sync_hw_ppis(struct vcpu *v);
/* This core's vCPU was put away: its hardware PPIs off and not left active. */
void vgic_park_hw_ppis(void);
/* A physical interrupt for the running vCPU, linked to the same INTID. */
void vgic_inject_hw(struct vcpu *v, uint32_t intid, bool level);
/* The guest touched its group-1 CPU interface while a resample was due:
 * true if it was (then the access is to be run again). */
bool vgic_resample_trap(struct vcpu *v);
void vgic_resample_cancel(void);
/* The level of a timer PPI's line for 'v' (ISPENDR shows it even while
 * the interrupt is disabled, as on hardware); false for other INTIDs. */
bool vgic_hw_ppi_line(struct vcpu *v, uint32_t intid);
/* A guest write to ISACTIVER (active) or ICACTIVER (!active); 'hw': the
 * interrupt is hardware-linked (a timer, the PMU, a passthrough SPI). */
void vgic_set_active(struct vcpu *v, uint32_t intid, bool active, bool hw);
/* A hardware-linked interrupt the guest set active while in no list register. */
bool vgic_hw_active(struct vcpu *v, uint32_t intid);
/* Maintenance interrupt: list registers became free. */
void vgic_maintenance(struct vcpu *v);

/* Print this core's list registers (console diagnostics). */
void vgic_dump_lrs(void);

/* Save the parked vCPU's virtual interface into 'g' and empty this core's
 * (with its timers already off): the physical interrupts linked to its list
 * registers are deactivated, or they would stay active and never fire on
 * this core again.  vgic_load() puts one back. */
void vgic_put_away(struct vgic_cpu *g);
void vgic_load(const struct vgic_cpu *g);

#endif /* VGIC_H */
