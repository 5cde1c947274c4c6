/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Stage-2 translation tables: one per cell, built once from its region list. */
#ifndef STAGE2_H
#define STAGE2_H

#include "sysconfig.h"
#include "types.h"

/* Build the tables for a cell's regions; returns the VTTBR_EL2 value, or 0
 * if the table pool ran out (the generator sizes it, so that is a bug). */
uint64_t stage2_build(uint16_t vmid, const struct mem_region *regions, uint32_t count);
/* Dirty-page tracking of a cell's RAM (all of it from the tables' pool,
 * which the generator sizes for a cell with a checkpoint area): split
 * [ipa, ipa + size) into 4 KiB pages (false if the pool ran out), make it
 * read-only or writable again, and handle a write to a read-only page
 * (true: it is writable now, retry; false: not a tracked page). */
bool stage2_split_pages(uint64_t vttbr, uint64_t ipa, uint64_t size);
void stage2_set_writable(uint64_t vttbr, uint64_t ipa, uint64_t size, bool writable);
bool stage2_write_fault(uint64_t vttbr, uint64_t ipa);
/* Forget every translation of a cell (its VTTBR_EL2 value), on every core. */
void stage2_flush(uint64_t vttbr);
/* Program VTCR_EL2 on this core (same for every cell). */
void stage2_cpu_init(void);
/* Translate a guest IPA range to a hypervisor pointer if it lies inside one
 * region with all of the 'need' MEM_* rights; NULL otherwise. */
void *stage2_guest_ptr(const struct mem_region *regions, uint32_t count, uint64_t ipa, uint64_t len,
		       uint32_t need);

#endif /* STAGE2_H */
