// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* The PL011 as the console UART (include/uart.h), on boards whose console is one. */
#include "sysconfig_gen.h"
#include "uart.h"

#if SYSCONFIG_UART_PL011

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFF (1u << 5)
#define UART_CR 0x30
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE (1u << 8)
#define UART_CR_RXE (1u << 9)

static volatile uint32_t *uart;

void uart_init(uint64_t base)
{
	uart = (volatile uint32_t *)base;
	uart[UART_CR / 4] = UART_CR_UARTEN | UART_CR_TXE | UART_CR_RXE;
}

void uart_putc(char c)
{
	while (uart[UART_FR / 4] & UART_FR_TXFF)
		;
	uart[UART_DR / 4] = (uint32_t)(unsigned char)c;
}

#define UART_IMSC 0x38
#define UART_ICR 0x44
#define UART_INT_RX (1u << 4)
#define UART_INT_RT (1u << 6)

void uart_enable_rx_irq(void)
{
	uart[UART_ICR / 4] = 0x7ff;
	uart[UART_IMSC / 4] = UART_INT_RX | UART_INT_RT;
}

int uart_getc(void)
{
	if (uart[UART_FR / 4] & UART_FR_RXFE)
		return -1;
	return (int)(uart[UART_DR / 4] & 0xff);
}

#endif /* SYSCONFIG_UART_PL011 */
