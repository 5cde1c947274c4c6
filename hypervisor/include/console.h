/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Console multiplexer: every cell's output is line-buffered and written to
 * the physical UART as whole lines, prefixed "[cell] ", so lines of
 * different cells never interleave.  Live on the terminal are the focused
 * cell's lines, the hypervisor's own and those of cells the spec marks
 * `console: always` (every cell's, with CONFIG_CONSOLE_INTERLEAVED); every
 * cell's lines also go into its log, a ring that `hv> log <cell>` and a
 * focus switch replay.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include "spinlock.h"
#include "types.h"

#define CONSOLE_LINE_MAX 200
#define CONSOLE_LOG_BYTES CONFIG_CONSOLE_LOG_BYTES

/* The last CONSOLE_LOG_BYTES of a cell's lines, each ended by '\n', with
 * control characters shown as '.' (a replay never moves the cursor). */
struct console_log {
	uint64_t head; /* bytes ever written: the next goes to buf[head % size] */
	uint64_t seen; /* head when the terminal last showed all of it */
	char buf[CONSOLE_LOG_BYTES];
};

struct console_line {
	spinlock_t lock;
	uint16_t len;
	uint16_t shown; /* how much of buf is already on the UART (open line) */
	bool fresh; /* the cell wrote to it since it was last shown */
	bool raw; /* control characters pass (the focused cell's terminal) */
	bool always; /* shown live whatever has the focus */
	bool background; /* its lines go to the log only, not to the terminal */
	struct console_log *log; /* a cell's; NULL for the operator's prompt */
	uint8_t seq_len, seq_need; /* a UTF-8 sequence being received */
	char seq[4];
	const char *prefix;
	char buf[CONSOLE_LINE_MAX];
};

/* A line left unfinished this long is written out anyway (a shell prompt
 * waiting for input); its continuation starts a new prefixed line. */
#define CONSOLE_FLUSH_NS 100000000ull

void console_init(uint64_t uart_pa);
/* Append one character to a line; writes the line out at '\n' or when full. */
void console_line_putc(struct console_line *l, char c);
/* The focus moves to or from this line's cell.  Only the cell with the
 * console focus may send control characters (escape sequences) to the
 * terminal; others' C0 and C1 controls, DEL and every byte that is not
 * well-formed UTF-8 are shown as '.', so no cell can move the cursor or
 * erase lines to fake another cell's output.  Gaining the focus replays
 * what the cell printed in the background. */
void console_line_set_focus(struct console_line *l, bool focused);
/* hv> log: every line the cell's log still holds, and what it dropped. */
void console_line_replay_log(struct console_line *l);
/* Forget a restarted cell's unfinished line. */
void console_line_reset(struct console_line *l);
/* Give a cell's line its prefix and log, and enter it in the list the
 * flush timer walks; 'always': shown live whatever has the focus. */
void console_line_register(struct console_line *l, const char *prefix, struct console_log *log,
			   bool always);
/* The flush timer fired on this core: write out every unfinished line. */
void console_flush_timer(void);
/* Show what a line holds at once, leaving it open (the operator's prompt),
 * and take back its last character (the operator's backspace). */
void console_line_show(struct console_line *l);
void console_line_erase(struct console_line *l);
/* Write one complete line (no newline in 'text') with its prefix. */
void console_write_line(const char *prefix, const char *text, size_t len);

/* Input side (console_input.c): focus and the Ctrl-] commands. */
void console_input_init(void);
void console_input_irq(void);
unsigned int console_focus(void);
void console_set_focus(unsigned int cell);

/* The operator's hv> prompt (console_cmd.c): a byte typed while it is open;
 * false once the prompt closed (the keyboard is the focused cell's again). */
void console_cmd_open(void);
void console_cmd_close(void); /* Ctrl-] at the prompt: the line is dropped */
bool console_cmd_input(char ch);

#endif /* CONSOLE_H */
