// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
#ifndef CELLS_HOSTILE_MMU_H
#define CELLS_HOSTILE_MMU_H

/**
 * Turns the stage-1 MMU on with an identity map of the low 2 GiB in 1 GiB
 * blocks: 0..1 GiB (GIC, UART) Device-nGnRnE, 1..2 GiB (RAM and what follows
 * it) Normal non-cacheable; data and instruction caches stay off and
 * SCTLR_EL1.A stays 0, so unaligned Normal accesses are allowed.
 */
void mmu_identity_on(void);

#endif /* CELLS_HOSTILE_MMU_H */
