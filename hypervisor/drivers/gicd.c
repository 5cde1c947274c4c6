// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The SPI operations of include/gic.h that every GIC version does the same
 * way in its distributor: enable, priority, trigger, quiesce.
 */
#include "gic.h"
#include "gicd.h"

uint64_t gicd;
spinlock_t gicd_rmw_lock;

void gic_spi_set_enabled(uint32_t intid, bool on)
{
	mmio_write32(gicd + (on ? GICD_ISENABLER : GICD_ICENABLER) + (intid / 32) * 4,
		     1u << (intid % 32));
}

void gic_spi_set_priority(uint32_t intid, uint8_t prio)
{
	*(volatile uint8_t *)(gicd + GICD_IPRIORITYR + intid) = prio;
}

void gic_spi_set_edge(uint32_t intid, bool edge)
{
	uint64_t reg = gicd + GICD_ICFGR + (intid / 16) * 4;
	uint32_t shift = 2 * (intid % 16) + 1;
	spin_lock(&gicd_rmw_lock);
	mmio_write32(reg, (mmio_read32(reg) & ~(1u << shift)) | ((uint32_t)edge << shift));
	spin_unlock(&gicd_rmw_lock);
}

void gic_spi_quiesce(uint32_t intid)
{
	uint32_t word = (intid / 32) * 4, bit = 1u << (intid % 32);
	mmio_write32(gicd + GICD_ICENABLER + word, bit);
	mmio_write32(gicd + GICD_ICACTIVER + word, bit);
	mmio_write32(gicd + GICD_ICPENDR + word, bit);
}
