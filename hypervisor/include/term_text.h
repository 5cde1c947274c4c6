/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * What bytes a cell without the console's focus may put on the terminal:
 * printable ASCII, tab, and well-formed UTF-8 that is not a C1 control.  The
 * rest (C0 controls, DEL, C1, malformed sequences) the console shows as '.',
 * so that no cell can move the cursor or erase lines to fake another's
 * output.  The same rules filter live lines (a byte at a time) and replays
 * (a logged line at once).
 */
#ifndef TERM_TEXT_H
#define TERM_TEXT_H

#include "types.h"

/* A C0 control but tab, or DEL. */
static inline bool term_is_control(uint8_t b)
{
	return (b < 0x20 && b != '\t') || b == 0x7f;
}

/* Bytes a UTF-8 sequence starting with 'lead' has; 0 if it cannot start one
 * (a continuation byte, an overlong C0/C1 lead, beyond U+10FFFF). */
unsigned int utf8_length(uint8_t lead);

/* Is 'b' a valid next byte after the 'len' bytes of 'seq' (len >= 1)?  The
 * second byte also excludes overlong forms, surrogates and code points past
 * U+10FFFF. */
bool utf8_continues(const uint8_t *seq, unsigned int len, uint8_t b);

/* Is the complete sequence a C1 control (U+0080..U+009F)? */
static inline bool utf8_is_c1(const uint8_t *seq)
{
	return seq[0] == 0xc2 && seq[1] < 0xa0;
}

/* Bytes of a well-formed UTF-8 sequence at s[i] that is not a C1 control;
 * 0 if there is none. */
unsigned int utf8_printable_at(const char *s, unsigned int i, unsigned int len);

#endif /* TERM_TEXT_H */
