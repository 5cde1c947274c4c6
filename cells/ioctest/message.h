// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The test messages the ioctest cells exchange: [u32 number][u32 checksum]
 * [bytes from a PRNG seeded by the number], of a length drawn from the same
 * PRNG, so a receiver can check each one without knowing the sender's state.
 */
#ifndef CELLS_IOCTEST_MESSAGE_H
#define CELLS_IOCTEST_MESSAGE_H

#include <stdint.h>

#define MESSAGE_HEAD 8 /* number and checksum */

/** Message number n into buf: its length, at most max (>= MESSAGE_HEAD). */
uint32_t message_build(uint8_t *buf, uint32_t n, uint32_t max);

/** The number of a well-formed message of len bytes, or 0 if it is too short
 *  or its checksum is wrong (numbers start at 1). */
uint32_t message_check(const uint8_t *buf, int len);

uint32_t message_get32(const uint8_t *p);
void message_put32(uint8_t *p, uint32_t v);

#endif /* CELLS_IOCTEST_MESSAGE_H */
