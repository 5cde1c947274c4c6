/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Hypervisor messages.  Every line goes out whole, prefixed "[hv] ", through
 * the console multiplexer, so it never interleaves with a cell's line.
 */
#ifndef PRINTK_H
#define PRINTK_H

#include "types.h"

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The hypervisor itself is broken: report and stop this core for good. */
void __noreturn panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define LOG_ERROR 0
#define LOG_WARN 1
#define LOG_INFO 2
#define LOG_DEBUG 3

#define pr_log(lvl, ...)                       \
	do {                                   \
		if ((lvl) <= CONFIG_LOG_LEVEL) \
			printk(__VA_ARGS__);   \
	} while (0)
#define pr_err(...) pr_log(LOG_ERROR, __VA_ARGS__)
#define pr_warn(...) pr_log(LOG_WARN, __VA_ARGS__)
#define pr_info(...) pr_log(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) pr_log(LOG_DEBUG, __VA_ARGS__)

#endif /* PRINTK_H */
