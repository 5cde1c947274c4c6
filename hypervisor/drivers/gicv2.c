// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The GICv2 (GIC-400) as the board's interrupt controller (include/gic.h):
 * distributor and memory-mapped CPU interface.  Without the security
 * extensions (QEMU's ZCU102, a hypervisor entered in non-secure EL2 on
 * hardware) every interrupt stays in group 0 and is signalled as IRQ.
 * SGIs and PPIs are banked per core in the distributor: only the core
 * itself reaches its own, so calls for another core's change nothing and
 * read as zero.
 */
#include "arch.h"
#include "gic.h"
#include "gicd.h"
#include "spinlock.h"
#include "sysconfig_gen.h"
#include "sysreg.h"

#if SYSCONFIG_GIC_V2

#define GICD_CTLR_ENABLE (3u << 0) /* groups 0 and 1 */
#define GICD_ITARGETSR 0x800
#define GICD_SGIR 0xf00

#define GICC_CTLR 0x0000
#define GICC_CTLR_ENABLE (1u << 0)
#define GICC_CTLR_EOIMODE (1u << 9) /* EOIR only drops priority; DIR deactivates */
#define GICC_PMR 0x0004
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_DIR 0x1000
#define GICC_IAR_CPUID(iar) (((iar) >> 10) & 7)

#define SGI_PRIORITY 0x80
#define MAX_CORES 8 /* a GICv2 has eight CPU interfaces */

static uint64_t gicc;
/* The sender of each SGI a core acknowledged: its EOI and deactivation must
 * name it again. */
static uint8_t sgi_source[MAX_CORES][16];

/* This core's CPU interface number: the GIC-400 numbers them as the
 * cluster numbers its cores (Aff0). */
static unsigned int this_interface(void)
{
	return (unsigned int)(sysreg_read(mpidr_el1) & 0xff) % MAX_CORES;
}

static bool is_this_core(unsigned int cpu)
{
	return cpu == arch_this_cpu();
}

void gic_dist_init(const struct gic_layout *layout)
{
	gicd = layout->gicd;
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ENABLE);
}

void gic_cpu_init(const struct gic_layout *layout, unsigned int cpu, uint64_t mpidr)
{
	(void)cpu;
	(void)mpidr;
	gicd = layout->gicd; /* the boot core's comes before gic_dist_init */
	gicc = layout->gicc;
	mmio_write32(gicc + GICC_PMR, 0xff); /* let everything in */
	mmio_write32(gicc + GICC_CTLR, GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE);
}

void gic_enable_private(unsigned int cpu, unsigned int intid)
{
	if (!is_this_core(cpu))
		return;
	*(volatile uint8_t *)(gicd + GICD_IPRIORITYR + intid) = SGI_PRIORITY;
	mmio_write32(gicd + GICD_ISENABLER, 1u << intid);
}

uint64_t gic_sgi_value(uint64_t mpidr, unsigned int sgi)
{
	return (1u << (16 + (mpidr & 0xff) % MAX_CORES)) | (sgi & 0xf);
}

void gic_sgi_write(uint64_t value)
{
	dsb(ishst); /* what the receiver is told about is visible to it first */
	mmio_write32(gicd + GICD_SGIR, (uint32_t)value);
}

void gic_send_sgi(uint64_t mpidr, unsigned int sgi)
{
	gic_sgi_write(gic_sgi_value(mpidr, sgi));
}

uint32_t gic_ack(void)
{
	uint32_t iar = mmio_read32(gicc + GICC_IAR);
	uint32_t intid = iar & 0x3ff;
	dsb(sy);
	if (intid < 16)
		sgi_source[this_interface()][intid] = (uint8_t)GICC_IAR_CPUID(iar);
	return intid;
}

static uint32_t with_source(uint32_t intid)
{
	if (intid < 16)
		return intid | ((uint32_t)sgi_source[this_interface()][intid] << 10);
	return intid;
}

void gic_eoi(uint32_t intid)
{
	mmio_write32(gicc + GICC_EOIR, with_source(intid));
}

void gic_deactivate(uint32_t intid)
{
	mmio_write32(gicc + GICC_DIR, with_source(intid));
}

void gic_ppis_set_enabled(unsigned int cpu, uint32_t on, uint32_t off)
{
	if (!is_this_core(cpu))
		return;
	if (on)
		mmio_write32(gicd + GICD_ISENABLER, on);
	if (off)
		mmio_write32(gicd + GICD_ICENABLER, off);
}

void gic_ppis_park(unsigned int cpu, uint32_t enabled, uint32_t mask)
{
	if (!is_this_core(cpu))
		return;
	if (enabled)
		mmio_write32(gicd + GICD_ICENABLER, enabled);
	mmio_write32(gicd + GICD_ICACTIVER, mask);
}

/* The register of a bank that holds 'intid', or 0 for another core's private one. */
static uint64_t bank_reg(unsigned int cpu, uint32_t intid, uint32_t off)
{
	if (intid < 32 && !is_this_core(cpu))
		return 0;
	return gicd + off + (intid / 32) * 4;
}

bool gic_is_active(unsigned int cpu, uint32_t intid)
{
	uint64_t reg = bank_reg(cpu, intid, GICD_ISACTIVER);
	return reg && (mmio_read32(reg) & (1u << (intid % 32)));
}

void gic_set_active(unsigned int cpu, uint32_t intid, bool on)
{
	uint64_t reg = bank_reg(cpu, intid, on ? GICD_ISACTIVER : GICD_ICACTIVER);
	if (reg)
		mmio_write32(reg, 1u << (intid % 32));
}

bool gic_is_pending(unsigned int cpu, uint32_t intid)
{
	uint64_t reg = bank_reg(cpu, intid, GICD_ISPENDR);
	return reg && (mmio_read32(reg) & (1u << (intid % 32)));
}

void gic_spi_route(uint32_t intid, uint64_t mpidr)
{
	*(volatile uint8_t *)(gicd + GICD_ITARGETSR +
			      intid) = (uint8_t)(1u << ((mpidr & 0xff) % MAX_CORES));
}

#endif /* SYSCONFIG_GIC_V2 */
