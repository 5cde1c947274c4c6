// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The console multiplexer.  Cells' output is kept per line and written out
 * whole, prefixed "[cell] ".  A line left unfinished (a prompt waiting for
 * input) is shown after CONSOLE_FLUSH_NS and stays "open": what the same
 * cell writes next continues it without a new prefix, as on a terminal.  If
 * anyone else prints meanwhile, the open line is ended first and later shown
 * again, prefixed, with everything it holds; so no line on the physical UART
 * ever mixes two cells.
 */
#include "arch.h"
#include "console.h"
#include "pl011.h"
#include "sysconfig_gen.h"

static spinlock_t uart_lock; /* the physical UART and 'open' */
static struct console_line *open_line; /* shown, not ended, and nothing since */

static struct console_line *lines[SYSCONFIG_NUM_CELLS];
static unsigned int nr_lines;

void console_init(uint64_t uart_pa)
{
	pl011_init(uart_pa);
}

void console_line_register(struct console_line *l, const char *prefix)
{
	l->prefix = prefix;
	if (nr_lines < ARRAY_SIZE(lines))
		lines[nr_lines++] = l;
}

static void put_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		pl011_putc(s[i]);
}

static void put_prefix(const char *prefix)
{
	pl011_putc('[');
	while (*prefix)
		pl011_putc(*prefix++);
	pl011_putc(']');
	pl011_putc(' ');
}

/* End whatever line is open: someone else is about to print. */
static void close_open_line(void)
{
	if (!open_line)
		return;
	put_text("\r\n", 2);
	open_line->shown = 0; /* show it again, whole, when it continues */
	open_line = NULL;
}

/* Show what 'l' holds that is not on the UART yet; end the line if asked. */
static void show_line(struct console_line *l, bool end)
{
	if (open_line != l) {
		close_open_line();
		put_prefix(l->prefix);
		l->shown = 0;
	}
	put_text(l->buf + l->shown, l->len - l->shown);
	l->shown = l->len;
	l->fresh = false;
	if (end) {
		put_text("\r\n", 2);
		open_line = NULL;
	} else {
		open_line = l;
	}
}

void console_line_set_raw(struct console_line *l, bool raw)
{
	WRITE_ONCE(l->raw, raw);
}

static bool is_control(char c)
{
	unsigned char u = (unsigned char)c;
	return (u < 0x20 && c != '\t') || u == 0x7f;
}

void console_line_reset(struct console_line *l)
{
	spin_lock(&l->lock);
	spin_lock(&uart_lock);
	if (open_line == l)
		close_open_line();
	spin_unlock(&uart_lock);
	l->len = l->shown = 0;
	l->fresh = false;
	spin_unlock(&l->lock);
}

void console_write_line(const char *prefix, const char *text, size_t len)
{
	spin_lock(&uart_lock);
	close_open_line();
	put_prefix(prefix);
	put_text(text, len);
	put_text("\r\n", 2);
	spin_unlock(&uart_lock);
}

void console_flush_timer(void)
{
	arch_flush_timer_stop();
	for (unsigned int i = 0; i < nr_lines; i++) {
		struct console_line *l = lines[i];
		spin_lock(&l->lock);
		if (l->fresh) { /* an interrupted line waits for its own cell to write again */
			spin_lock(&uart_lock);
			show_line(l, false);
			spin_unlock(&uart_lock);
		}
		spin_unlock(&l->lock);
	}
}

void console_line_putc(struct console_line *l, char c)
{
	spin_lock(&l->lock);
	if (c == '\n' || l->len == CONSOLE_LINE_MAX) {
		spin_lock(&uart_lock);
		show_line(l, true);
		spin_unlock(&uart_lock);
		l->len = 0;
		l->shown = 0;
	}
	if (c != '\n' && c != '\r') {
		l->buf[l->len++] = is_control(c) && !READ_ONCE(l->raw) ? '.' : c;
		l->fresh = true;
		arch_flush_timer_start(CONSOLE_FLUSH_NS);
	}
	spin_unlock(&l->lock);
}
