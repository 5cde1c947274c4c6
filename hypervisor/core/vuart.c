// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * What every console UART model shares (include/vuart.h): the transmit side
 * is always empty (a write is on the console at once), received bytes wait
 * in a small FIFO, and the model's interrupt line goes to the cell's vGIC
 * whenever it changes.
 */
#include "cell.h"
#include "printk.h"
#include "sysconfig.h"
#include "vuart.h"

void vuart_reset(struct vuart *u)
{
	/* Another core may be in the middle of an access (console input, the
	 * cell's other vCPU): reset the registers, never the lock. */
	spin_lock(&u->lock);
	vuart_model_reset(u);
	u->line = false;
	vuart_rx_clear(u);
	vuart_model_latch(u);
	spin_unlock(&u->lock);
}

void vuart_rx_clear(struct vuart *u)
{
	u->rx_head = u->rx_count = 0;
}

uint32_t vuart_rx_pop(struct vuart *u)
{
	if (!u->rx_count)
		return 0;
	uint32_t ch = u->rx[u->rx_head];
	u->rx_head = (uint8_t)((u->rx_head + 1) % VUART_RX_SIZE);
	u->rx_count--;
	return ch;
}

/*
 * A high line is asserted again after every access: the guest may have
 * EOIed the interrupt while the line stayed high (a Cadence UART's status
 * bits latch until cleared), and a level interrupt then fires again.  The
 * vGIC dedups, and takes the pending state back when the line falls.
 */
static void update_line(struct cell *c)
{
	struct vuart *u = &c->uart;
	bool line = (u->status & u->enable) != 0;
	if (line || line != u->line) {
		u->line = line;
		arch_cell_set_irq_level(c, c->cfg->console_intid, line);
	}
}

static const struct vuart_stored *stored_at(const struct vuart_stored *regs, unsigned int n,
					    uint32_t off)
{
	for (unsigned int i = 0; i < n; i++)
		if (regs[i].off == off)
			return &regs[i];
	return NULL;
}

bool vuart_store_read(const struct vuart *u, const struct vuart_stored *regs, unsigned int n,
		      uint32_t off, uint32_t *val)
{
	const struct vuart_stored *r = stored_at(regs, n, off);
	if (r)
		*val = u->reg[r->index];
	return r != NULL;
}

bool vuart_store_write(struct vuart *u, const struct vuart_stored *regs, unsigned int n,
		       uint32_t off, uint32_t val)
{
	const struct vuart_stored *r = stored_at(regs, n, off);
	if (r)
		u->reg[r->index] = val & r->mask;
	return r != NULL;
}

bool vuart_at(const struct cell *c, uint64_t ipa)
{
	return ipa - c->cfg->console_ipa < 0x1000; /* unsigned: also false below it */
}

bool vuart_access(struct cell *c, struct mmio_access *a)
{
	uint32_t off = (uint32_t)(a->ipa - c->cfg->console_ipa);
	if (!vuart_at(c, a->ipa))
		return false;
	spin_lock(&c->uart.lock);
	if (a->write) {
		int out = vuart_model_write(&c->uart, off, (uint32_t)a->value);
		if (out >= 0)
			console_line_putc(&c->line, (char)out);
	} else {
		a->value = vuart_model_read(&c->uart, off);
	}
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
		vuart_model_latch(u);
		update_line(c);
		ok = true;
	}
	spin_unlock(&u->lock);
	return ok;
}

void vuart_dump(const char *cell_name, const struct vuart *u)
{
	printk("cell '%s': uart status 0x%x enabled 0x%x rx %u line %u", cell_name, u->status,
	       u->enable, u->rx_count, u->line);
}
