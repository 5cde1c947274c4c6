/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Emulated MMIO: a trapped guest load/store, decoded from the abort syndrome,
 * and the routing of it to the cell's emulated devices.
 */
#ifndef MMIO_H
#define MMIO_H

#include "types.h"

struct mmio_access {
	uint64_t ipa;
	uint64_t value; /* written value, or the value read back */
	unsigned int size; /* bytes: 1, 2, 4, 8 */
	bool write;
};

#endif /* MMIO_H */
