// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// GICv3 bring-up, following the sequence of the GICv3 spec (IHI 0069) 12.x;
// GICv2 (GIC-400) bring-up over its memory-mapped CPU interface.
#include <stdint.h>

#include "console.h"
#include "fdt.h"
#include "gic.h"
#include "timer.h"

/* QEMU virt's addresses, used when no device tree says otherwise (QEMU passes
 * none to a bare ELF).  Tessera gives its cells the same layout. */
#define GIC_QEMU_GICD 0x08000000ul
#define GIC_QEMU_GICR 0x080a0000ul
#define GIC_QEMU_GICR_SIZE 0x00f60000ul

#define GICD_CTLR 0x0000
#define GICD_CTLR_GRP1 (1u << 1) /* EnableGrp1 (DS=1) or EnableGrp1NS */
#define GICD_CTLR_ARE (1u << 4) /* ARE (DS=1) or ARE_NS */
#define GICD_CTLR_RWP (1u << 31)

#define GICR_STRIDE 0x20000ul /* RD_base + SGI_base frames */
#define GICR_TYPER_LO 0x0008
#define GICR_TYPER_HI 0x000c /* affinity value Aff3.Aff2.Aff1.Aff0 */
#define GICR_TYPER_LAST (1u << 4)
#define GICR_WAKER 0x0014
#define GICR_WAKER_SLEEP (1u << 1) /* ProcessorSleep */
#define GICR_WAKER_ASLEEP (1u << 2) /* ChildrenAsleep */
#define GICR_SGI 0x10000ul
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_IPRIORITYR 0x0400

#define GIC_WAIT_US 10000

#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000 /* 64-bit, one per INTID */

static uintptr_t gic_sgi; /* SGI_base of our redistributor; GICD on a GICv2 (banked) */
static uintptr_t gic_dist; /* GICD */
uintptr_t gic_cpu_if; /* GICC, on a GICv2 */
static uint32_t gic_v2_iar; /* the last acknowledged, with its SGI source */

#define GICD_ITARGETSR 0x0800
#define GICC_CTLR 0x0000
#define GICC_CTLR_GRP0 (1u << 0)
#define GICC_PMR 0x0004
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010

/* Inline asm, not a volatile pointer, so the compiler can never pick a
 * writeback, pair or wider form that the hypervisor cannot emulate. */
static uint32_t gic_read(uintptr_t a)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void gic_write(uintptr_t a, uint32_t v)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static void gic_write64(uintptr_t a, uint64_t v)
{
	asm volatile("str %x0, [%1]" : : "r"(v), "r"(a) : "memory");
}

/** Polls until (*a & mask) == want; bounded so a broken GIC is reported. */
static int gic_wait(uintptr_t a, uint32_t mask, uint32_t want, const char *what)
{
	uint64_t until = timer_now() + timer_us_to_ticks(GIC_WAIT_US);

	while ((gic_read(a) & mask) != want)
		if ((int64_t)(timer_now() - until) > 0) {
			console_printf("rtos: gic: timeout waiting for %s\n", what);
			return -1;
		}
	return 0;
}

/** Our redistributor: the frame whose GICR_TYPER affinity is our MPIDR's. */
static uintptr_t gic_find_rd(uintptr_t gicr, uint64_t size)
{
	uint64_t mpidr;
	uint32_t aff;
	uintptr_t rd;

	asm volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	aff = (uint32_t)(mpidr & 0xffffff) | (uint32_t)(mpidr >> 32 & 0xff)
						     << 24; /* Aff3 moves down */
	for (rd = gicr; rd + GICR_STRIDE <= gicr + size; rd += GICR_STRIDE) {
		if (gic_read(rd + GICR_TYPER_HI) == aff)
			return rd;
		if (gic_read(rd + GICR_TYPER_LO) & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static int gic_cpu_if_init(void)
{
	uint64_t v;

	/* System-register interface on; a no-op if EL2/EL3 forced it. */
	asm volatile("mrs %0, S3_0_C12_C12_5" : "=r"(v)); /* ICC_SRE_EL1 */
	asm volatile("msr S3_0_C12_C12_5, %0\n\tisb" : : "r"(v | 1));
	asm volatile("mrs %0, S3_0_C12_C12_5" : "=r"(v));
	if (!(v & 1)) {
		console_puts("rtos: gic: ICC_SRE_EL1.SRE stuck at 0\n");
		return -1;
	}
	/* Let every priority through, EOImode 0, then group 1 on. */
	asm volatile("msr S3_0_C4_C6_0, %0" : : "r"(0xfful)); /* ICC_PMR_EL1 */
	asm volatile("mrs %0, S3_0_C12_C12_4" : "=r"(v)); /* ICC_CTLR_EL1 */
	asm volatile("msr S3_0_C12_C12_4, %0" : : "r"(v & ~2ul));
	asm volatile("msr S3_0_C12_C12_7, %0\n\tisb" /* ICC_IGRPEN1_EL1 */
		     :
		     : "r"(1ul));
	return 0;
}

/* A GICv2: the distributor's private banks are this CPU's own; group 0. */
static int gic_v2_init(uintptr_t gicd, uintptr_t gicc)
{
	console_printf("rtos: gic: GICv2 GICD 0x%lx GICC 0x%lx (device tree)\n", gicd, gicc);
	gic_write(gicd + GICD_CTLR, gic_read(gicd + GICD_CTLR) | 1u);
	gic_dist = gic_sgi = gicd;
	gic_cpu_if = gicc;
	gic_write(gicc + GICC_PMR, 0xff);
	gic_write(gicc + GICC_CTLR, GICC_CTLR_GRP0); /* EOImode 0 */
	return 0;
}

uint32_t gic_v2_ack(void)
{
	gic_v2_iar = gic_read(gic_cpu_if + GICC_IAR);
	return gic_v2_iar & 0x3ff;
}

void gic_v2_eoi(uint32_t intid)
{
	gic_write(gic_cpu_if + GICC_EOIR, (gic_v2_iar & 0x3ff) == intid ? gic_v2_iar : intid);
}

int gic_init(uintptr_t dtb)
{
	struct fdt_reg reg[2];
	uintptr_t gicd, gicr, rd;
	uint64_t gicr_size;

	if (fdt_find_reg(dtb, "arm,gic-400", reg, 2) == 2)
		return gic_v2_init(reg[0].base, reg[1].base);
	int from_dtb = fdt_find_reg(dtb, "arm,gic-v3", reg, 2) == 2;

	gicd = from_dtb ? reg[0].base : GIC_QEMU_GICD;
	gicr = from_dtb ? reg[1].base : GIC_QEMU_GICR;
	gicr_size = from_dtb ? reg[1].size : GIC_QEMU_GICR_SIZE;
	console_printf("rtos: gic: GICD 0x%lx GICR 0x%lx (%s)\n", gicd, gicr,
		       from_dtb ? "device tree" : "QEMU virt defaults");

	rd = gic_find_rd(gicr, gicr_size);
	if (!rd) {
		/* Say so, but carry on: a one-vCPU cell has one frame. */
		console_puts("rtos: gic: no GICR_TYPER matches our MPIDR; "
			     "using the first redistributor\n");
		rd = gicr;
	}

	/* Affinity routing first, then the group enable, each write waited
	 * for; the bit positions are the same whether or not DS is set. */
	uint32_t ctlr = gic_read(gicd + GICD_CTLR) | GICD_CTLR_ARE;

	gic_write(gicd + GICD_CTLR, ctlr);
	if (gic_wait(gicd + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP"))
		return -1;
	gic_write(gicd + GICD_CTLR, ctlr | GICD_CTLR_GRP1);
	if (gic_wait(gicd + GICD_CTLR, GICD_CTLR_RWP, 0, "GICD_CTLR.RWP"))
		return -1;

	/* Wake our redistributor: it forwards nothing while asleep. */
	gic_write(rd + GICR_WAKER, gic_read(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	if (gic_wait(rd + GICR_WAKER, GICR_WAKER_ASLEEP, 0, "GICR_WAKER.ChildrenAsleep"))
		return -1;

	gic_sgi = rd + GICR_SGI;
	gic_dist = gicd;
	return gic_cpu_if_init();
}

/* Byte accesses to IPRIORITYR are allowed but would be one more form to
 * emulate: read-modify-write the word instead. */
static void gic_set_priority(uintptr_t ipriorityr, unsigned intid, uint8_t prio)
{
	uintptr_t pri = ipriorityr + (intid & ~3u);
	unsigned shift = 8 * (intid % 4);

	gic_write(pri, (gic_read(pri) & ~(0xffu << shift)) | (uint32_t)prio << shift);
}

int gic_enable_private(unsigned intid, uint8_t prio)
{
	if (intid >= 32 || !gic_sgi)
		return -1;
	if (!gic_cpu_if) /* (a GICv2 signals group 0) */
		gic_write(gic_sgi + GICR_IGROUPR0, gic_read(gic_sgi + GICR_IGROUPR0) | 1u << intid);
	gic_set_priority(gic_sgi + GICR_IPRIORITYR, intid, prio);
	gic_write(gic_sgi + GICR_ISENABLER0, 1u << intid);
	return 0;
}

int gic_enable_spi(unsigned intid, uint8_t prio, int edge)
{
	uintptr_t bank = 4 * (intid / 32), cfg = gic_dist + GICD_ICFGR + 4 * (intid / 16);
	uint32_t bit = 1u << (intid % 32), cfg_bit = 2u << 2 * (intid % 16);
	uint64_t mpidr;

	if (intid < 32 || intid >= GIC_INTID_SPURIOUS || !gic_dist)
		return -1;
	asm volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	if (!gic_cpu_if)
		gic_write(gic_dist + GICD_IGROUPR + bank,
			  gic_read(gic_dist + GICD_IGROUPR + bank) | bit);
	gic_set_priority(gic_dist + GICD_IPRIORITYR, intid, prio);
	gic_write(cfg, edge ? gic_read(cfg) | cfg_bit : gic_read(cfg) & ~cfg_bit);
	if (gic_cpu_if) { /* to this CPU interface: its number is Aff0 */
		uintptr_t t = gic_dist + GICD_ITARGETSR + (intid & ~3u);
		unsigned shift = 8 * (intid % 4);
		gic_write(t, (gic_read(t) & ~(0xffu << shift)) | (1u << (mpidr & 7)) << shift);
		gic_write(gic_dist + GICD_ISENABLER + bank, bit);
		return 0;
	}
	/* Routed to this CPU: Aff3 in bits 39:32, Aff2..0 as in MPIDR. */
	uint64_t route = (mpidr & 0xffffffull) | (mpidr >> 32 & 0xff) << 32;
	gic_write64(gic_dist + GICD_IROUTER + 8 * intid, route);
	gic_write(gic_dist + GICD_ISENABLER + bank, bit);
	return 0;
}
