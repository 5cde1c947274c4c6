/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Console multiplexer: every cell's output is line-buffered and written to
 * the physical UART as whole lines, prefixed "[cell] ", so lines of
 * different cells never interleave.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include "spinlock.h"
#include "types.h"

#define CONSOLE_LINE_MAX 200

struct console_line {
	spinlock_t lock;
	uint16_t len;
	char buf[CONSOLE_LINE_MAX];
};

void console_init(uint64_t uart_pa);
/* Append one character to a line; writes the line out at '\n' or when full. */
void console_line_putc(struct console_line *l, const char *prefix, char c);
/* Write one complete line (no newline in 'text') with its prefix. */
void console_write_line(const char *prefix, const char *text, size_t len);

#endif /* CONSOLE_H */
