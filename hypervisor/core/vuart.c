// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The PL011 a cell sees.  Output goes to the cell's console line; the
 * registers a polled driver and Linux's amba-pl011 probe read behave like a
 * PL011 with an always-empty transmit FIFO.
 */
#include "cell.h"
#include "vuart.h"

#define UART_DR 0x000
#define UART_RSR 0x004
#define UART_FR 0x018
#define UART_ILPR 0x020
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
#define FR_TXFE (1u << 7)

#define CR_RESET 0x300 /* TXE | RXE */
#define IFLS_RESET 0x12

/* PeriphID0-3 then CellID0-3, as a real PL011 (r1p5) reports them. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void vuart_reset(struct vuart *u)
{
	*u = (struct vuart){ .cr = CR_RESET, .ifls = IFLS_RESET };
}

static uint32_t vuart_read(struct vuart *u, uint64_t off)
{
	switch (off) {
	case UART_FR:
		return FR_TXFE | FR_RXFE;
	case UART_IBRD:
		return u->ibrd;
	case UART_FBRD:
		return u->fbrd;
	case UART_LCR_H:
		return u->lcr_h;
	case UART_CR:
		return u->cr;
	case UART_IFLS:
		return u->ifls;
	case UART_IMSC:
		return u->imsc;
	case UART_DMACR:
		return u->dmacr;
	default:
		if (off >= UART_PERIPHID0 && off < UART_PERIPHID0 + 0x20)
			return pl011_id[(off - UART_PERIPHID0) / 4];
		return 0; /* DR with nothing received, RSR, RIS, MIS, ILPR */
	}
}

static void vuart_write(struct cell *c, uint64_t off, uint32_t val)
{
	struct vuart *u = &c->uart;
	switch (off) {
	case UART_DR:
		console_line_putc(&c->line, c->cfg->name, (char)(val & 0xff));
		break;
	case UART_IBRD:
		u->ibrd = val & 0xffff;
		break;
	case UART_FBRD:
		u->fbrd = val & 0x3f;
		break;
	case UART_LCR_H:
		u->lcr_h = val & 0xff;
		break;
	case UART_CR:
		u->cr = val & 0xffff;
		break;
	case UART_IFLS:
		u->ifls = val & 0x3f;
		break;
	case UART_IMSC:
		u->imsc = val & 0x7ff;
		break;
	case UART_DMACR:
		u->dmacr = val & 7;
		break;
	default:
		break; /* RSR/ECR, ICR: nothing latched to clear */
	}
}

bool vuart_access(struct cell *c, struct mmio_access *a)
{
	uint64_t off = a->ipa - c->cfg->console_ipa;
	if (a->ipa < c->cfg->console_ipa || off >= 0x1000)
		return false;
	if (a->write)
		vuart_write(c, off, (uint32_t)a->value);
	else
		a->value = vuart_read(&c->uart, off);
	return true;
}
