// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
#include "console.h"
#include "pl011.h"

/* Serialises whole lines on the one physical UART. */
static spinlock_t uart_lock;

void console_init(uint64_t uart_pa)
{
	pl011_init(uart_pa);
}

void console_write_line(const char *prefix, const char *text, size_t len)
{
	spin_lock(&uart_lock);
	pl011_putc('[');
	while (*prefix)
		pl011_putc(*prefix++);
	pl011_putc(']');
	pl011_putc(' ');
	for (size_t i = 0; i < len; i++)
		pl011_putc(text[i]);
	pl011_putc('\r');
	pl011_putc('\n');
	spin_unlock(&uart_lock);
}

void console_line_putc(struct console_line *l, const char *prefix, char c)
{
	spin_lock(&l->lock);
	if (c == '\n') {
		console_write_line(prefix, l->buf, l->len);
		l->len = 0;
	} else if (c != '\r') {
		l->buf[l->len++] = c;
		if (l->len == CONSOLE_LINE_MAX) {
			console_write_line(prefix, l->buf, l->len);
			l->len = 0;
		}
	}
	spin_unlock(&l->lock);
}
