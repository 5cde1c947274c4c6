// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* The read-only map for outside readers (include/locator.h); no code reads it. */
#include <stddef.h>

#include "cell.h"
#include "locator.h"

__attribute__((used)) const struct tessera_locator tessera_locator = {
	.magic = TESSERA_LOCATOR_MAGIC,
	.version = TESSERA_LOCATOR_VERSION,
	.cells = (uint64_t)(uintptr_t)cells,
	.num_cells = SYSCONFIG_NUM_CELLS,
	.cell_size = sizeof(struct cell),
	.vttbr_offset = offsetof(struct cell, vttbr),
	.state_offset = offsetof(struct cell, state),
};
