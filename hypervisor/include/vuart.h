/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Emulated PL011 each cell sees at its console address. */
#ifndef VUART_H
#define VUART_H

#include "mmio.h"
#include "types.h"

struct vuart {
	uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr;
};

struct cell;

void vuart_reset(struct vuart *u);
/* Handle an access inside the cell's console page; false if not ours. */
bool vuart_access(struct cell *c, struct mmio_access *a);

#endif /* VUART_H */
