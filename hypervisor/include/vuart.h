/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Emulated PL011 each cell sees at its console address: output goes to the
 * cell's console line, input comes from the console multiplexer when the
 * cell has the focus, and the interrupt line drives the cell's vGIC.
 */
#ifndef VUART_H
#define VUART_H

#include "mmio.h"
#include "spinlock.h"
#include "types.h"

#define VUART_RX_SIZE 64

struct vuart {
	spinlock_t lock;
	uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr, ris;
	bool line; /* interrupt line level last given to the vGIC */
	uint8_t rx_head, rx_count;
	uint8_t rx[VUART_RX_SIZE];
};

struct cell;

void vuart_reset(struct vuart *u);
/* Handle an access inside the cell's console page; false if not ours. */
bool vuart_access(struct cell *c, struct mmio_access *a);
bool vuart_at(const struct cell *c, uint64_t ipa);
/* Console input for this cell; false if its receive FIFO is full. */
bool vuart_receive(struct cell *c, char ch);

#endif /* VUART_H */
