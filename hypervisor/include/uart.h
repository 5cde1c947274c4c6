/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The board's physical console UART, polled.  One driver per UART model in
 * drivers/ (pl011.c, ...); the generator names the console's model
 * (SYSCONFIG_UART_<MODEL> in sysconfig_gen.h) and only that driver is built
 * in.  Knows nothing about cells.
 */
#ifndef UART_H
#define UART_H

#include "types.h"

void uart_init(uint64_t base);
void uart_putc(char c);
/* Next received byte, or -1 if none is waiting. */
int uart_getc(void);
/* Interrupt on received bytes (and receive timeout). */
void uart_enable_rx_irq(void);

#endif /* UART_H */
