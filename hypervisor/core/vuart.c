// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The PL011 a cell sees.  The transmit FIFO is always empty (a write is on
 * the console at once); received bytes wait in a small FIFO.  Interrupts
 * follow the PL011: RIS bits latch, IMSC masks, ICR clears, and the line
 * (RIS & IMSC) != 0 goes to the cell's vGIC whenever it changes.
 */
#include "cell.h"
#include "sysconfig.h"
#include "vuart.h"

#define UART_DR 0x000
#define UART_RSR 0x004
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

/* PeriphID0-3 then CellID0-3, as a real PL011 (r1p5) reports them. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void vuart_reset(struct vuart *u)
{
	/* Another core may be in the middle of an access (console input, the
	 * cell's other vCPU): reset the registers, never the lock. */
	spin_lock(&u->lock);
	u->cr = CR_RESET;
	u->ifls = IFLS_RESET;
	u->lcr_h = u->ibrd = u->fbrd = u->imsc = u->dmacr = u->ris = 0;
	u->line = false;
	u->rx_head = u->rx_count = 0;
	spin_unlock(&u->lock);
}

/* Receive bits follow the FIFO: set while a byte waits. */
static void rx_status(struct vuart *u)
{
	if (u->rx_count)
		u->ris |= INT_RX | INT_RT;
	else
		u->ris &= ~(INT_RX | INT_RT);
}

static void update_line(struct cell *c)
{
	struct vuart *u = &c->uart;
	bool line = (u->ris & u->imsc) != 0;
	if (line != u->line) {
		u->line = line;
		arch_cell_set_irq_level(c, c->cfg->console_intid, line);
	}
}

static uint32_t rx_pop(struct vuart *u)
{
	if (!u->rx_count)
		return 0;
	uint32_t ch = u->rx[u->rx_head];
	u->rx_head = (uint8_t)((u->rx_head + 1) % VUART_RX_SIZE);
	u->rx_count--;
	rx_status(u);
	return ch;
}

static uint32_t vuart_read(struct vuart *u, uint64_t off)
{
	switch (off) {
	case UART_DR:
		return rx_pop(u);
	case UART_FR:
		return FR_TXFE | (u->rx_count ? 0 : FR_RXFE) |
		       (u->rx_count == VUART_RX_SIZE ? FR_RXFF : 0);
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
	case UART_RIS:
		return u->ris;
	case UART_MIS:
		return u->ris & u->imsc;
	case UART_DMACR:
		return u->dmacr;
	default:
		if (off >= UART_PERIPHID0 && off < UART_PERIPHID0 + 0x20)
			return pl011_id[(off - UART_PERIPHID0) / 4];
		return 0; /* RSR (no errors), ILPR */
	}
}

static void vuart_write(struct cell *c, uint64_t off, uint32_t val)
{
	struct vuart *u = &c->uart;
	switch (off) {
	case UART_DR:
		if (!(u->cr & CR_LBE)) /* loopback bytes never reach the console */
			console_line_putc(&c->line, (char)(val & 0xff));
		u->ris |= INT_TX;
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
		u->imsc = val & INT_ALL;
		break;
	case UART_ICR:
		u->ris &= ~(val & INT_ALL);
		rx_status(u);
		break;
	case UART_DMACR:
		u->dmacr = val & 7;
		break;
	default:
		break; /* RSR/ECR: no errors to clear */
	}
}

bool vuart_at(const struct cell *c, uint64_t ipa)
{
	return ipa - c->cfg->console_ipa < 0x1000; /* unsigned: also false below it */
}

bool vuart_access(struct cell *c, struct mmio_access *a)
{
	uint64_t off = a->ipa - c->cfg->console_ipa;
	if (!vuart_at(c, a->ipa))
		return false;
	spin_lock(&c->uart.lock);
	if (a->write)
		vuart_write(c, off, (uint32_t)a->value);
	else
		a->value = vuart_read(&c->uart, off);
	update_line(c);
	spin_unlock(&c->uart.lock);
	return true;
}

bool vuart_receive(struct cell *c, char ch)
{
	struct vuart *u = &c->uart;
	bool ok = false;
	spin_lock(&u->lock);
	if (u->rx_count < VUART_RX_SIZE) {
		u->rx[(u->rx_head + u->rx_count) % VUART_RX_SIZE] = (uint8_t)ch;
		u->rx_count++;
		rx_status(u);
		update_line(c);
		ok = true;
	}
	spin_unlock(&u->lock);
	return ok;
}
