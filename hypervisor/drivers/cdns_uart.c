// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The Cadence UART (Zynq UltraScale+ "ps7 uart", cdns,uart-r1p12) as the
 * console UART (include/uart.h), on boards whose console is one.  Its
 * transmitter is off at reset and its receive trigger level is 32 of a
 * 16-byte FIFO: both are set here.
 */
#include "sysconfig_gen.h"
#include "uart.h"

#if SYSCONFIG_UART_CDNS

#define CDNS_CR 0x00
#define CDNS_CR_RXRST (1u << 0)
#define CDNS_CR_TXRST (1u << 1)
#define CDNS_CR_RXEN (1u << 2)
#define CDNS_CR_TXEN (1u << 4)
#define CDNS_IER 0x08
#define CDNS_IDR 0x0c
#define CDNS_ISR 0x14
#define CDNS_RXTOUT 0x1c
#define CDNS_RXWM 0x20
#define CDNS_SR 0x2c
#define CDNS_SR_RXEMPTY (1u << 1)
#define CDNS_SR_TXFULL (1u << 4)
#define CDNS_FIFO 0x30
/* ISR/IER bits: a byte reached the trigger level, or the line went quiet */
#define CDNS_INT_RTRIG (1u << 0)
#define CDNS_INT_TIMEOUT (1u << 8)

static volatile uint32_t *uart;

static inline uint32_t reg(uint32_t off)
{
	return uart[off / 4];
}

static inline void reg_write(uint32_t off, uint32_t v)
{
	uart[off / 4] = v;
}

void uart_init(uint64_t base)
{
	uart = (volatile uint32_t *)base;
	reg_write(CDNS_IDR, 0xffffffff);
	reg_write(CDNS_CR, CDNS_CR_RXRST | CDNS_CR_TXRST);
	reg_write(CDNS_CR, CDNS_CR_RXEN | CDNS_CR_TXEN);
	reg_write(CDNS_RXWM, 1);
}

void uart_putc(char c)
{
	while (reg(CDNS_SR) & CDNS_SR_TXFULL)
		;
	reg_write(CDNS_FIFO, (uint32_t)(unsigned char)c);
}

int uart_getc(void)
{
	if (reg(CDNS_SR) & CDNS_SR_RXEMPTY) {
		reg_write(CDNS_ISR,
			  CDNS_INT_RTRIG | CDNS_INT_TIMEOUT); /* drained: the line drops */
		return -1;
	}
	return (int)(reg(CDNS_FIFO) & 0xff);
}

/* Only the receive interrupts: the empty and full flags stay set in ISR
 * while their condition holds, so enabling them would never let the line
 * drop. */
void uart_enable_rx_irq(void)
{
	reg_write(CDNS_RXTOUT, 4);
	reg_write(CDNS_ISR, 0xffffffff);
	reg_write(CDNS_IER, CDNS_INT_RTRIG | CDNS_INT_TIMEOUT);
}

#endif /* SYSCONFIG_UART_CDNS */
