// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Console output.  console_putc/puts/printf poll the console UART (uart.h) and work with or
 * without a hypervisor; console_write uses the TESSERA_HVC_CONSOLE_WRITE
 * hypercall instead.  Print plain lines ending in '\n': the hypervisor adds the
 * "[cellname] " prefix.
 */
#ifndef CELLS_LIB_CONSOLE_H
#define CELLS_LIB_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

/** start.S, before cell_main: find the console UART in the DTB. */
void console_init(uintptr_t dtb);
void console_putc(char c);
void console_puts(const char *s);

/**
 * Formats like printf: %d %i %u %x %X %p %s %c %%, with l and ll modifiers,
 * a field width, and the '0' and '-' flags.
 */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_vprintf(const char *fmt, va_list ap);

/** Hypercall write of len bytes; returns the hypervisor's x0 (bytes written
 *  or a negative TESSERA_* code). */
long console_write(const void *buf, size_t len);

#endif /* CELLS_LIB_CONSOLE_H */
