// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "pl011.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFF (1u << 5)
#define UART_CR 0x30
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE (1u << 8)
#define UART_CR_RXE (1u << 9)

static volatile uint32_t *uart;

void pl011_init(uint64_t base)
{
	uart = (volatile uint32_t *)base;
	uart[UART_CR / 4] = UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE;
}

void pl011_putc(char c)
{
	while (uart[UART_FR / 4] & UART_FR_TXFF)
		;
	uart[UART_DR / 4] = (uint32_t)(unsigned char)c;
}

int pl011_getc(void)
{
	if (uart[UART_FR / 4] & UART_FR_RXFE)
		return -1;
	return (int)(uart[UART_DR / 4] & 0xff);
}
