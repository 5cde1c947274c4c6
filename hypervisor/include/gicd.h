/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * For the GIC drivers only (drivers/gicv*.c): the distributor's address and
 * access, shared by the SPI operations of include/gic.h that every version
 * does alike (drivers/gicd.c).  The driver of the board's GIC sets
 * gicd in its gic_dist_init().
 */
#ifndef GICD_H
#define GICD_H

#include "gic.h"
#include "spinlock.h"
#include "types.h"

extern uint64_t gicd;
/* Cells on different cores share the distributor's 32-bit registers. */
extern spinlock_t gicd_rmw_lock;

static inline uint32_t mmio_read32(uint64_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void mmio_write32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

#endif /* GICD_H */
