// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "fdt.h"
#include "hvc.h"
#include "pl011.h"
#include "string.h"

uintptr_t pl011_base = PL011_VIRT_BASE;

/* Called by start.S before cell_main: the board's console address (the
 * hypervisor emulates a PL011's registers there on every board). */
void console_init(uintptr_t dtb)
{
	struct fdt_reg reg;

	if (fdt_find_reg(dtb, "arm,pl011", &reg, 1) ||
	    fdt_find_reg(dtb, "cdns,uart-r1p12", &reg, 1))
		pl011_base = (uintptr_t)reg.base;
}

void console_putc(char c)
{
	while (pl011_read(PL011_FR) & PL011_FR_TXFF)
		;
	pl011_write(PL011_DR, (unsigned char)c);
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
