/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* The few memory/string routines the hypervisor needs (no libc). */
#ifndef STRING_H
#define STRING_H

#include "types.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
size_t strnlen(const char *s, size_t max);
bool streq(const char *a, const char *b);

#endif /* STRING_H */
