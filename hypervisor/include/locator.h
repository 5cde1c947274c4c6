/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Where a reader outside the running system finds each cell's stage-2 table
 * root: tools/isolation.py reads the hypervisor's memory through QEMU (a
 * debugger on a board would do the same), finds `tessera_locator` by its
 * symbol, and walks the tables the MMU uses, without running any code of
 * ours.  Little-endian, naturally aligned; `version` changes with the layout.
 */
#ifndef TESSERA_LOCATOR_H
#define TESSERA_LOCATOR_H

#include <stdint.h>

#define TESSERA_LOCATOR_MAGIC 0x41534554u /* "TESA" in memory */
#define TESSERA_LOCATOR_VERSION 1u

struct tessera_locator {
	uint32_t magic;
	uint32_t version;
	uint64_t cells; /* address of struct cell cells[] (PA: EL2 maps itself 1:1) */
	uint32_t num_cells;
	uint32_t cell_size; /* sizeof(struct cell) */
	uint32_t vttbr_offset; /* offsetof(struct cell, vttbr): VMID << 48 | root PA */
	uint32_t state_offset; /* offsetof(struct cell, state): enum cell_state, u32 */
};

extern const struct tessera_locator tessera_locator;

#endif /* TESSERA_LOCATOR_H */
