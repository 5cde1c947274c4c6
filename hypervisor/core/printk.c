// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* A small vsnprintf and the hypervisor's own "[hv]" lines. */
#include <stdarg.h>

#include "console.h"
#include "printk.h"
#include "arch.h"

struct outbuf {
	char *p;
	size_t left;
};

static void out(struct outbuf *o, char c)
{
	if (o->left > 1) {
		*o->p++ = c;
		o->left--;
	}
}

static void out_number(struct outbuf *o, uint64_t v, unsigned int base, bool neg, int width,
		       char pad)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		out(o, pad);
	while (n)
		out(o, tmp[--n]);
}

static size_t vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out(&o, *fmt);
			continue;
		}
		char pad = ' ';
		int width = 0, longs = 0;
		if (*++fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l')
			longs++, fmt++;
		if (*fmt == 'z')
			longs = 1, fmt++;
		switch (*fmt) {
		case 'd': {
			int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			out_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			out_number(&o, v, *fmt == 'x' ? 16 : 10, false, width, pad);
			break;
		}
		case 'p':
			out(&o, '0'), out(&o, 'x');
			out_number(&o, (uintptr_t)va_arg(ap, void *), 16, false, width, pad);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			while (*s)
				out(&o, *s++);
			break;
		}
		case 'c':
			out(&o, (char)va_arg(ap, int));
			break;
		case '%':
			out(&o, '%');
			break;
		default:
			out(&o, '?');
			break;
		}
		if (!*fmt)
			break;
	}
	*o.p = 0;
	return (size_t)(o.p - buf);
}

static void vprintk(const char *fmt, va_list ap)
{
	char buf[CONSOLE_LINE_MAX];
	size_t len = vformat(buf, sizeof(buf), fmt, ap);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || buf[i] == '\n') {
			if (i > start)
				console_write_line("hv", buf + start, i - start);
			start = i + 1;
		}
	}
}

void printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void __noreturn panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("panic: hypervisor stopped on this core");
	for (;;)
		arch_idle_wait();
}

size_t format(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vformat(buf, size, fmt, ap);
}
