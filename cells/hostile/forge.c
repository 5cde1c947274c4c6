// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * H7: console forging.  Writes, once through the emulated PL011 and once
 * through TESSERA_HVC_CONSOLE_WRITE, one line per case:
 *   hostile: <path> <case> [<bytes>]
 * with <bytes> a C1 control (raw, or UTF-8 encoded), an ESC sequence,
 * malformed UTF-8, or valid UTF-8 text.  A cell without the console focus
 * must not get a control, C1 control or malformed byte onto the terminal:
 * the hypervisor shows each as '.', and valid UTF-8 unchanged.  Then
 * "hostile: forge done" and ticks.
 */
#include <stddef.h>
#include <stdint.h>

#include "cell.h"
#include "console.h"

struct forge_case {
	const char *name;
	const char *bytes;
};

static const struct forge_case forge_cases[] = {
	{ "c1-csi", "\x9b" }, /* raw 8-bit CSI */
	{ "c1-utf8", "\xc2\x9b" }, /* U+009B, UTF-8 encoded */
	{ "esc-seq", "\x1b[2J" }, /* ESC [ 2 J: clear screen */
	{ "byte-ff", "\xff" }, /* never valid in UTF-8 */
	{ "lone-c3", "\xc3" }, /* a lead byte with no continuation */
	{ "trunc-e2", "\xe2\x82" }, /* three-byte sequence cut after two */
	{ "overlong", "\xc0\xaf" }, /* '/' in two bytes */
	{ "text", "h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac" }, /* héllo wörld € */
};

static char forge_buf[128];

static size_t forge_line(const char *path, const struct forge_case *c)
{
	size_t n = 0;
	const char *parts[] = { "hostile: ", path, " ", c->name, " [", c->bytes, "]\n" };

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		for (const char *s = parts[i]; *s; s++)
			forge_buf[n++] = *s;
	return n;
}

void cell_main(uintptr_t dtb)
{
	const size_t ncases = sizeof(forge_cases) / sizeof(forge_cases[0]);

	(void)dtb;
	cell_tick(2);
	for (size_t i = 0; i < ncases; i++) {
		size_t n = forge_line("uart", &forge_cases[i]);

		for (size_t k = 0; k < n; k++)
			console_putc(forge_buf[k]);
	}
	for (size_t i = 0; i < ncases; i++) {
		long r = console_write(forge_buf, forge_line("hvc", &forge_cases[i]));

		if (r < 0)
			console_printf("hostile: console_write returned %ld\n", r);
	}
	console_puts("hostile: forge done\n");
	cell_tick(0);
}
