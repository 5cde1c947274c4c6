// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The few C string functions cells use, and gcc may call on its own.
#ifndef CELLS_LIB_STRING_H
#define CELLS_LIB_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif /* CELLS_LIB_STRING_H */
