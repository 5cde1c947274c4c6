// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The console UART as the cell's DTB names it: a PL011 (qemu-virt) or a
// Cadence UART (ZCU102), at the board's console address.  console_init reads
// which before cell_main; these write its data register and poll its status.
#ifndef CELLS_LIB_UART_H
#define CELLS_LIB_UART_H

#include <stdint.h>

struct uart_regs {
	uintptr_t base;
	unsigned long data, status; /* register offsets */
	uint32_t tx_full; /* the status bit: no room to send */
};

extern struct uart_regs console_uart;

/* One byte to the data register, without polling: one trap. */
static inline void uart_write_data(char c)
{
	*(volatile uint32_t *)(console_uart.base + console_uart.data) = (unsigned char)c;
}

static inline int uart_tx_full(void)
{
	return (*(volatile uint32_t *)(console_uart.base + console_uart.status) &
		console_uart.tx_full) != 0;
}

#endif /* CELLS_LIB_UART_H */
