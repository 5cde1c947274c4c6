// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The PL011 a cell sees (include/vuart.h), on boards whose console is one.
 * Interrupts follow the PL011: RIS bits latch, IMSC masks, ICR clears, and
 * the receive bits follow the FIFO: set while a byte waits.  Only a read of
 * DR and a write of ICR can change them (or a received byte: core/vuart.c).
 */
#include "sysconfig_gen.h"
#include "vuart.h"

#if SYSCONFIG_UART_PL011

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_IBRD 0x024
#define UART_FBRD 0x028
#define UART_LCR_H 0x02c
#define UART_CR 0x030
#define UART_IFLS 0x034
#define UART_IMSC 0x038
#define UART_RIS 0x03c
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_DMACR 0x048
#define UART_PERIPHID0 0xfe0

#define FR_RXFE (1u << 4)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)

#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_ALL 0x7ffu

#define CR_LBE (1u << 7)
#define CR_RESET 0x300 /* TXE | RXE */
#define IFLS_RESET 0x12

/* The registers stored, as indices into struct vuart's reg[] (RIS and IMSC
 * are its status and enable words). */
enum { CR, LCR_H, IBRD, FBRD, IFLS, DMACR, NREGS };
_Static_assert(NREGS <= VUART_REGS, "PL011 registers fit struct vuart");

/* PeriphID0-3 then CellID0-3, as a real PL011 (r1p5) reports them. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void vuart_model_reset(struct vuart *u)
{
	for (unsigned int i = 0; i < NREGS; i++)
		u->reg[i] = 0;
	u->status = u->enable = 0;
	u->reg[CR] = CR_RESET;
	u->reg[IFLS] = IFLS_RESET;
}

/* The receive bits follow the FIFO: set while a byte waits. */
void vuart_model_latch(struct vuart *u)
{
	if (u->rx_count)
		u->status |= INT_RX | INT_RT;
	else
		u->status &= ~(INT_RX | INT_RT);
}

static const struct vuart_stored stored[] = {
	{ UART_IBRD, IBRD, 0xffff }, { UART_FBRD, FBRD, 0x3f }, { UART_LCR_H, LCR_H, 0xff },
	{ UART_CR, CR, 0xffff },     { UART_IFLS, IFLS, 0x3f }, { UART_DMACR, DMACR, 7 },
};

uint32_t vuart_model_read(struct vuart *u, uint32_t off)
{
	uint32_t val;
	switch (off) {
	case UART_DR:
		val = vuart_rx_pop(u);
		vuart_model_latch(u);
		return val;
	case UART_FR:
		return FR_TXFE | (u->rx_count ? 0 : FR_RXFE) |
		       (u->rx_count == VUART_RX_SIZE ? FR_RXFF : 0);
	case UART_IMSC:
		return u->enable;
	case UART_RIS:
		return u->status;
	case UART_MIS:
		return u->status & u->enable;
	default:
		if (vuart_store_read(u, stored, ARRAY_SIZE(stored), off, &val))
			return val;
		if (off >= UART_PERIPHID0 && off < UART_PERIPHID0 + 0x20)
			return pl011_id[(off - UART_PERIPHID0) / 4];
		return 0; /* RSR (no errors), ILPR */
	}
}

int vuart_model_write(struct vuart *u, uint32_t off, uint32_t val)
{
	switch (off) {
	case UART_DR:
		u->status |= INT_TX;
		/* loopback bytes never reach the console */
		return (u->reg[CR] & CR_LBE) ? -1 : (int)(val & 0xff);
	case UART_IMSC:
		u->enable = val & INT_ALL;
		break;
	case UART_ICR:
		u->status &= ~(val & INT_ALL);
		vuart_model_latch(u);
		break;
	default: /* RSR/ECR: no errors to clear */
		vuart_store_write(u, stored, ARRAY_SIZE(stored), off, val);
		break;
	}
	return -1;
}

#endif /* SYSCONFIG_UART_PL011 */
