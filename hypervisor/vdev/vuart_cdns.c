// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The Cadence UART a cell sees (include/vuart.h), on boards whose console is
 * one (the ZCU102): Linux's xuartps driver (ttyPS0) runs on it unchanged.
 *
 * Status bits (SR) follow the FIFOs; the interrupt status (ISR) latches
 * them and the receive timeout, a write of 1 clears a bit, and a condition
 * that still holds latches it again at once, as on the real part.  The
 * interrupt line is ISR & IMR.  The transmitter is always on and empty, as
 * the boot firmware leaves a console; a receiver reset empties the FIFO.
 */
#include "sysconfig_gen.h"
#include "vuart.h"

#if SYSCONFIG_UART_CDNS

#define CDNS_CR 0x00
#define CDNS_MR 0x04
#define CDNS_IER 0x08
#define CDNS_IDR 0x0c
#define CDNS_IMR 0x10
#define CDNS_ISR 0x14
#define CDNS_BAUDGEN 0x18
#define CDNS_RXTOUT 0x1c
#define CDNS_RXWM 0x20
#define CDNS_MODEMCR 0x24
#define CDNS_MODEMSR 0x28
#define CDNS_SR 0x2c
#define CDNS_FIFO 0x30
#define CDNS_BAUDDIV 0x34
#define CDNS_FLOWDEL 0x38
#define CDNS_TXWM 0x44

#define CR_RXRST (1u << 0)
#define CR_TXRST (1u << 1)
#define CR_RXEN (1u << 2)
#define CR_TXEN (1u << 4)
#define CR_RSTTO (1u << 6)
#define CR_STPBRK (1u << 8)
#define CR_SELF_CLEARING (CR_RXRST | CR_TXRST | CR_RSTTO)

/* SR and ISR share their low bits */
#define INT_RXTRIG (1u << 0)
#define INT_RXEMPTY (1u << 1)
#define INT_RXFULL (1u << 2)
#define INT_TXEMPTY (1u << 3)
#define INT_TOUT (1u << 8)
#define INT_ALL 0x3fffu

/* Modem status: clear to send, data set ready, carrier detect */
#define MODEMSR_LINES ((1u << 4) | (1u << 5) | (1u << 7))

/* The registers stored, as indices into struct vuart's reg[] (ISR and IMR
 * are its status and enable words). */
enum { CR, MR, BAUDGEN, RXTOUT, RXWM, MODEMCR, BAUDDIV, FLOWDEL, TXWM, NREGS };
_Static_assert(NREGS <= VUART_REGS, "Cadence UART registers fit struct vuart");

void vuart_model_reset(struct vuart *u)
{
	for (unsigned int i = 0; i < NREGS; i++)
		u->reg[i] = 0;
	u->status = u->enable = 0;
	u->reg[CR] = CR_RXEN | CR_TXEN | CR_STPBRK;
	u->reg[BAUDGEN] = 0x28b; /* the part's reset values */
	u->reg[RXWM] = 0x20;
	u->reg[BAUDDIV] = 0xf;
	u->reg[TXWM] = 0x20;
}

static uint32_t channel_status(const struct vuart *u)
{
	uint32_t rxwm = u->reg[RXWM];
	return INT_TXEMPTY | (u->rx_count ? 0 : INT_RXEMPTY) |
	       (u->rx_count == VUART_RX_SIZE ? INT_RXFULL : 0) |
	       (rxwm && u->rx_count >= rxwm ? INT_RXTRIG : 0);
}

void vuart_model_latch(struct vuart *u)
{
	u->status |= channel_status(u);
	/* bytes waiting with a timeout set: the line is quiet, as far as the
	 * guest can tell, the moment it looks */
	if (u->rx_count && u->reg[RXTOUT])
		u->status |= INT_TOUT;
}

static const struct vuart_stored stored[] = {
	{ CDNS_CR, CR, 0x1ff & ~CR_SELF_CLEARING },
	{ CDNS_MR, MR, 0x3ff },
	{ CDNS_BAUDGEN, BAUDGEN, 0xffff },
	{ CDNS_RXTOUT, RXTOUT, 0xff },
	{ CDNS_RXWM, RXWM, 0x3f },
	{ CDNS_MODEMCR, MODEMCR, 0x23 },
	{ CDNS_BAUDDIV, BAUDDIV, 0xff },
	{ CDNS_FLOWDEL, FLOWDEL, 0x3f },
	{ CDNS_TXWM, TXWM, 0x3f },
};

uint32_t vuart_model_read(struct vuart *u, uint32_t off)
{
	uint32_t val;
	switch (off) {
	case CDNS_FIFO:
		val = vuart_rx_pop(u);
		vuart_model_latch(u);
		return val;
	case CDNS_IMR:
		return u->enable;
	case CDNS_ISR:
		return u->status;
	case CDNS_SR:
		return channel_status(u);
	case CDNS_MODEMSR:
		return MODEMSR_LINES;
	default: /* IER/IDR are write-only: 0 */
		return vuart_store_read(u, stored, ARRAY_SIZE(stored), off, &val) ? val : 0;
	}
}

int vuart_model_write(struct vuart *u, uint32_t off, uint32_t val)
{
	int tx = -1;
	switch (off) {
	case CDNS_FIFO:
		tx = (int)(val & 0xff);
		break;
	case CDNS_IER:
		u->enable |= val & INT_ALL;
		break;
	case CDNS_IDR:
		u->enable &= ~(val & INT_ALL);
		break;
	case CDNS_ISR:
		u->status &= ~(val & INT_ALL);
		break;
	default:
		if (off == CDNS_CR && (val & CR_RXRST))
			vuart_rx_clear(u);
		vuart_store_write(u, stored, ARRAY_SIZE(stored), off, val);
		break;
	}
	vuart_model_latch(u); /* what still holds latches again */
	return tx;
}

#endif /* SYSCONFIG_UART_CDNS */
