// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// What a cell knows about itself, and the entry point every cell provides.
#ifndef CELLS_LIB_CELL_H
#define CELLS_LIB_CELL_H

#include <stdint.h>

#define CELL_RAM_BASE 0x40000000ul
#ifndef CELL_RAM_SIZE
#define CELL_RAM_SIZE 0x200000ul /* the smallest cell; -D to override */
#endif

#define CELL_NAME_LEN 16

/** IPA of the device tree blob, as passed in x0 at entry. */
extern uintptr_t cell_dtb;
/* CNTVCT_EL0 at the cell's first instruction (the virtual counter starts at 0
 * with the machine, so this is the boot time up to this cell). */
extern uint64_t cell_entry_counter;

/** Provided by each cell; called once .bss is zeroed.  Must not return. */
void cell_main(uintptr_t dtb);

/**
 * Asks the hypervisor (TESSERA_HVC_CELL_ID) who we are: returns the cell id and
 * fills name with the NUL-terminated cell name.  Needs the hypervisor.
 */
long cell_id(char name[CELL_NAME_LEN + 1]);

/** Prints "tick N" every 100 ms, N from 1; count 0 means forever. */
void cell_tick(unsigned count);

/**
 * A secondary vCPU started with PSCI CPU_ON at cell_secondary_entry runs
 * this with x0 = the context id, on a stack of its own (one secondary per
 * cell).  Must not return.  The default just waits.
 */
void cell_secondary_main(uint64_t context);
extern char cell_secondary_entry[];

/** Called by the vectors in start.S for every exception: reports and halts. */
void cell_exception(unsigned long vector) __attribute__((noreturn));

#endif /* CELLS_LIB_CELL_H */
