// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
#include "message.h"

#include "prng.h"

static uint32_t fnv1a(const uint8_t *p, uint32_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

void message_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> 8 * i);
}

uint32_t message_get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t message_build(uint8_t *buf, uint32_t n, uint32_t max)
{
	struct prng r;

	prng_seed(&r, 0x5eed0000ull + n);
	uint32_t len = MESSAGE_HEAD + (uint32_t)prng_below(&r, max - MESSAGE_HEAD + 1);
	for (uint32_t i = MESSAGE_HEAD; i < len; i++)
		buf[i] = (uint8_t)prng_next(&r);
	message_put32(buf, n);
	message_put32(buf + 4, fnv1a(buf + MESSAGE_HEAD, len - MESSAGE_HEAD));
	return len;
}

uint32_t message_check(const uint8_t *buf, int len)
{
	if (len < MESSAGE_HEAD ||
	    message_get32(buf + 4) != fnv1a(buf + MESSAGE_HEAD, (uint32_t)len - MESSAGE_HEAD))
		return 0;
	return message_get32(buf);
}
