// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The GICv3 as the board's interrupt controller (include/gic.h): SGIs
 * between cores, PPIs, passthrough SPIs, EOI and deactivation.
 * System-register CPU interface only (ICC_SRE_EL2.SRE).
 */
#include "gic.h"
#include "gicd.h"
#include "spinlock.h"
#include "sysconfig_gen.h"
#include "sysreg.h"

#if SYSCONFIG_GIC_V3

#define GICD_CTLR_RWP BIT(31)
#define GICD_CTLR_ARE BIT(4)
#define GICD_CTLR_ENABLE_G1 BIT(1)
#define GICD_CTLR_ENABLE_G0 BIT(0)

#define GICD_IROUTER 0x6100

#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP BIT(2)
#define GICR_TYPER 0x0008
#define GICR_TYPER_LAST BIT(4)
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0 (GICR_SGI_BASE + 0x0180)
#define GICR_ISACTIVER0 (GICR_SGI_BASE + 0x0300)
#define GICR_ICACTIVER0 (GICR_SGI_BASE + 0x0380)
#define GICR_ISPENDR0 (GICR_SGI_BASE + 0x0200)
#define GICR_IPRIORITYR (GICR_SGI_BASE + 0x0400)

#define ICC_SRE_SRE BIT(0)
#define ICC_SRE_ENABLE BIT(3)

#define SGI_PRIORITY 0x80

/* Redistributor of each core, by core index. */
static uint64_t gicr_of_cpu[64];

static inline uint64_t mmio_read64(uint64_t a)
{
	return *(volatile uint64_t *)a;
}

void gic_dist_init(const struct gic_layout *layout)
{
	uint64_t gicd_pa = layout->gicd;
	gicd = gicd_pa;
	mmio_write32(gicd_pa + GICD_CTLR,
		     GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0);
	while (mmio_read32(gicd_pa + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

/* Find this core's redistributor by its affinity, not by position. */
static uint64_t gicr_find(uint64_t gicr_pa, uint64_t stride, uint64_t mpidr)
{
	uint32_t aff = (uint32_t)((mpidr & 0xffffff) | ((mpidr >> 8) & 0xff000000));
	for (uint64_t rd = gicr_pa;; rd += stride) {
		uint64_t typer = mmio_read64(rd + GICR_TYPER);
		if ((uint32_t)(typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			return 0;
	}
}

void gic_cpu_init(const struct gic_layout *layout, unsigned int cpu, uint64_t mpidr)
{
	uint64_t rd = gicr_find(layout->gicr, layout->gicr_stride, mpidr);
	if (rd) {
		mmio_write32(rd + GICR_WAKER,
			     mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
		while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
			;
		mmio_write32(rd + GICR_IGROUPR0, 0xffffffff);
	}
	gicr_of_cpu[cpu % ARRAY_SIZE(gicr_of_cpu)] = rd;
	sysreg_write(S3_4_C12_C9_5, ICC_SRE_SRE | ICC_SRE_ENABLE); /* ICC_SRE_EL2 */
	isb();
	sysreg_write(S3_0_C4_C6_0, 0xff); /* ICC_PMR_EL1: let everything in */
	sysreg_write(S3_0_C12_C12_4, 2); /* ICC_CTLR_EL1.EOImode: EOI only drops priority */
	sysreg_write(S3_0_C12_C12_7, 1); /* ICC_IGRPEN1_EL1 */
	isb();
}

void gic_enable_private(unsigned int cpu, unsigned int intid)
{
	uint64_t rd = gicr_of_cpu[cpu % ARRAY_SIZE(gicr_of_cpu)];
	if (!rd)
		return;
	*(volatile uint8_t *)(rd + GICR_IPRIORITYR + intid) = SGI_PRIORITY;
	mmio_write32(rd + GICR_ISENABLER0, 1u << intid);
}

uint64_t gic_sgi_value(uint64_t mpidr, unsigned int sgi)
{
	return (1ull << (mpidr & 0xf)) | (((mpidr >> 8) & 0xff) << 16) | ((uint64_t)sgi << 24) |
	       (((mpidr >> 16) & 0xff) << 32) | (((mpidr >> 32) & 0xff) << 48);
}

void gic_sgi_write(uint64_t value)
{
	dsb(ishst); /* what the receiver is told about is visible to it first */
	sysreg_write(S3_0_C12_C11_5, value); /* ICC_SGI1R_EL1 */
	isb();
}

void gic_send_sgi(uint64_t mpidr, unsigned int sgi)
{
	gic_sgi_write(gic_sgi_value(mpidr, sgi));
}

uint32_t gic_ack(void)
{
	uint32_t intid = (uint32_t)sysreg_read(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */
	dsb(sy);
	return intid & 0xffffff;
}

void gic_eoi(uint32_t intid)
{
	sysreg_write(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
	isb();
}

void gic_deactivate(uint32_t intid)
{
	sysreg_write(S3_0_C12_C11_1, intid); /* ICC_DIR_EL1 */
	isb();
}

void gic_ppis_set_enabled(unsigned int cpu, uint32_t on, uint32_t off)
{
	uint64_t rd = gicr_of_cpu[cpu % ARRAY_SIZE(gicr_of_cpu)];
	if (!rd)
		return;
	if (on)
		mmio_write32(rd + GICR_ISENABLER0, on);
	if (off)
		mmio_write32(rd + GICR_ICENABLER0, off);
}

void gic_ppis_park(unsigned int cpu, uint32_t enabled, uint32_t mask)
{
	uint64_t rd = gicr_of_cpu[cpu % ARRAY_SIZE(gicr_of_cpu)];
	if (!rd)
		return;
	if (enabled)
		mmio_write32(rd + GICR_ICENABLER0, enabled);
	mmio_write32(rd + GICR_ICACTIVER0, mask);
}

/* The register of a bank (ISPENDR, ISACTIVER, ...) that holds 'intid': the
 * core's redistributor for SGIs and PPIs, the distributor for SPIs. */
static uint64_t bank_reg(unsigned int cpu, uint32_t intid, uint32_t gicd_off, uint32_t gicr_off)
{
	if (intid < 32) {
		uint64_t rd = gicr_of_cpu[cpu % ARRAY_SIZE(gicr_of_cpu)];
		return rd ? rd + gicr_off : 0;
	}
	return gicd + gicd_off + (intid / 32) * 4;
}

bool gic_is_active(unsigned int cpu, uint32_t intid)
{
	uint64_t reg = bank_reg(cpu, intid, GICD_ISACTIVER, GICR_ISACTIVER0);
	return reg && (mmio_read32(reg) & (1u << (intid % 32)));
}

void gic_set_active(unsigned int cpu, uint32_t intid, bool on)
{
	uint64_t reg = on ? bank_reg(cpu, intid, GICD_ISACTIVER, GICR_ISACTIVER0)
			  : bank_reg(cpu, intid, GICD_ICACTIVER, GICR_ICACTIVER0);
	if (reg)
		mmio_write32(reg, 1u << (intid % 32));
}

bool gic_is_pending(unsigned int cpu, uint32_t intid)
{
	uint64_t reg = bank_reg(cpu, intid, GICD_ISPENDR, GICR_ISPENDR0);
	return reg && (mmio_read32(reg) & (1u << (intid % 32)));
}

void gic_spi_route(uint32_t intid, uint64_t mpidr)
{
	uint64_t reg = gicd + GICD_IGROUPR + (intid / 32) * 4;
	spin_lock(&gicd_rmw_lock);
	mmio_write32(reg, mmio_read32(reg) | (1u << (intid % 32)));
	spin_unlock(&gicd_rmw_lock);
	*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * (intid - 32)) = mpidr & 0xff00ffffffull;
}

#endif /* SYSCONFIG_GIC_V3 */
