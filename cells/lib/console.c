// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "fdt.h"
#include "hvc.h"
#include "string.h"
#include "uart.h"

/* A PL011's data register and flag register (TXFF). */
#define PL011_UART(addr)                    \
	{                                   \
		(addr), 0x00, 0x18, 1u << 5 \
	}
/* A Cadence UART's FIFO and channel status register (TXFULL). */
#define CDNS_UART(addr)                     \
	{                                   \
		(addr), 0x30, 0x2c, 1u << 4 \
	}

struct uart_regs console_uart = PL011_UART(0x09000000ul); /* qemu-virt's, until the DTB is read */

/* Called by start.S before cell_main: the console's model and address, as
 * the board has it (the hypervisor emulates the board's model). */
void console_init(uintptr_t dtb)
{
	struct fdt_reg reg;

	if (fdt_find_reg(dtb, "arm,pl011", &reg, 1))
		console_uart = (struct uart_regs)PL011_UART((uintptr_t)reg.base);
	else if (fdt_find_reg(dtb, "cdns,uart-r1p12", &reg, 1))
		console_uart = (struct uart_regs)CDNS_UART((uintptr_t)reg.base);
}

void console_putc(char c)
{
	while (uart_tx_full())
		;
	uart_write_data(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

long console_write(const void *buf, size_t len)
{
	return (long)hvc_call(TESSERA_HVC_CONSOLE_WRITE, (uintptr_t)buf, len, 0, 0, 0);
}

struct console_spec {
	unsigned width;
	char pad; /* ' ' or '0' */
	int left;
};

static void console_emit(const struct console_spec *sp, const char *s, unsigned len,
			 const char *prefix)
{
	unsigned plen = 0, n;

	while (prefix[plen])
		plen++;
	n = len + plen;
	if (sp->pad == '0') /* zeros go between the sign or 0x and the digits */
		console_puts(prefix);
	for (; !sp->left && n < sp->width; n++)
		console_putc(sp->pad);
	if (sp->pad != '0')
		console_puts(prefix);
	while (len--)
		console_putc(*s++);
	for (; sp->left && n < sp->width; n++)
		console_putc(' ');
}

static void console_number(const struct console_spec *sp, uint64_t v, unsigned base, int upper,
			   const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	unsigned i = sizeof(buf);

	do {
		buf[--i] = digits[v % base];
		v /= base;
	} while (v);
	console_emit(sp, buf + i, sizeof(buf) - i, prefix);
}

void console_vprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		struct console_spec sp = { 0, ' ', 0 };
		unsigned longs = 0;
		int64_t sv;
		const char *s;
		char c;

		if (*fmt != '%') {
			console_putc(*fmt);
			continue;
		}
		for (fmt++; *fmt == '0' || *fmt == '-'; fmt++) {
			if (*fmt == '0')
				sp.pad = '0';
			else
				sp.left = 1;
		}
		if (sp.left)
			sp.pad = ' ';
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			sp.width = sp.width * 10 + (unsigned)(*fmt - '0');
		for (; *fmt == 'l'; fmt++)
			longs++;

		switch (*fmt) {
		case 'd':
		case 'i':
			sv = longs ? va_arg(ap, long) : va_arg(ap, int);
			if (sv < 0)
				console_number(&sp, -(uint64_t)sv, 10, 0, "-");
			else
				console_number(&sp, (uint64_t)sv, 10, 0, "");
			break;
		case 'u':
		case 'x':
		case 'X':
			console_number(&sp,
				       longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned),
				       *fmt == 'u' ? 10 : 16, *fmt == 'X', "");
			break;
		case 'p':
			console_number(&sp, (uintptr_t)va_arg(ap, void *), 16, 0, "0x");
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			console_emit(&sp, s, (unsigned)strlen(s), "");
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			console_emit(&sp, &c, 1, "");
			break;
		case '%':
			console_putc('%');
			break;
		case '\0':
			return;
		default: /* unknown conversion: show it */
			console_putc('%');
			console_putc(*fmt);
			break;
		}
	}
}

void console_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
}
