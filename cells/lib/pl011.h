// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// PL011 UART registers, as the hypervisor emulates them at the console's IPA:
// the board's console address, which the cell's DTB names (0x09000000 on
// QEMU virt).
#ifndef CELLS_LIB_PL011_H
#define CELLS_LIB_PL011_H

#include <stdint.h>

#define PL011_VIRT_BASE 0x09000000ul
/** The console UART's address: from the DTB, before cell_main (console_init). */
extern uintptr_t pl011_base;
#define PL011_BASE pl011_base

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_CR 0x30
#define PL011_IMSC 0x38

#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)

static inline uint32_t pl011_read(unsigned long reg)
{
	return *(volatile uint32_t *)(PL011_BASE + reg);
}

static inline void pl011_write(unsigned long reg, uint32_t val)
{
	*(volatile uint32_t *)(PL011_BASE + reg) = val;
}

#endif /* CELLS_LIB_PL011_H */
