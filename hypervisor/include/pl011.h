/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Physical PL011 UART, polled.  Knows nothing about cells. */
#ifndef PL011_H
#define PL011_H

#include "types.h"

void pl011_init(uint64_t base);
void pl011_putc(char c);
/* Next received byte, or -1 if none is waiting. */
int pl011_getc(void);
/* Interrupt on received bytes (and receive timeout). */
void pl011_enable_rx_irq(void);

#endif /* PL011_H */
