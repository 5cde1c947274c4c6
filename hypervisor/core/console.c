// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The console multiplexer.  Cells' output is kept per line and written out
 * whole, prefixed "[cell] ".  A line left unfinished (a prompt waiting for
 * input) is shown after CONSOLE_FLUSH_NS and stays "open": what the same
 * cell writes next continues it without a new prefix, as on a terminal.  If
 * anyone else prints meanwhile, the open line is ended first and later shown
 * again, prefixed, with everything it holds; so no line on the physical UART
 * ever mixes two cells.
 *
 * Routing: a line in the background (its cell has not the focus, is not
 * marked always shown) goes to its cell's log only; every ended line goes
 * to the log, filtered, and the log's 'seen' mark says how much of it the
 * terminal has shown, so a focus switch replays only what was missed.
 */
#include "arch.h"
#include "console.h"
#include "hvtimer.h"
#include "printk.h"
#include "string.h"
#include "term_text.h"
#include "uart.h"
#include "sysconfig_gen.h"

static spinlock_t uart_lock; /* the physical UART and 'open' */
static struct console_line *open_line; /* shown, not ended, and nothing since */

static struct console_line *lines[SYSCONFIG_NUM_CELLS];
static unsigned int nr_lines;

void console_init(uint64_t uart_pa)
{
	uart_init(uart_pa);
}

#ifdef CONFIG_CONSOLE_INTERLEAVED
#define EVERY_LINE_LIVE true
#else
#define EVERY_LINE_LIVE false
#endif

void console_line_register(struct console_line *l, const char *prefix, struct console_log *log,
			   bool always)
{
	l->prefix = prefix;
	l->log = log;
	l->always = always || EVERY_LINE_LIVE;
	l->background = !l->always; /* until it has the focus */
	if (nr_lines < ARRAY_SIZE(lines))
		lines[nr_lines++] = l;
}

static void put_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		uart_putc(s[i]);
}

static void put_prefix(const char *prefix)
{
	uart_putc('[');
	while (*prefix)
		uart_putc(*prefix++);
	uart_putc(']');
	uart_putc(' ');
}

/* End whatever line is open: someone else is about to print. */
static void close_open_line(void)
{
	if (!open_line)
		return;
	put_text("\r\n", 2);
	open_line->shown = 0; /* show it again, whole, when it continues */
	open_line = NULL;
}

/* Show what 'l' holds that is not on the UART yet; end the line if asked. */
static void show_line(struct console_line *l, bool end)
{
	if (open_line != l) {
		close_open_line();
		put_prefix(l->prefix);
		l->shown = 0;
	}
	put_text(l->buf + l->shown, l->len - l->shown);
	l->shown = l->len;
	l->fresh = false;
	if (end) {
		put_text("\r\n", 2);
		open_line = NULL;
	} else {
		open_line = l;
	}
}

/*
 * A line into its cell's log, as it is, ended by '\n'.  The focused cell's
 * line holds its controls raw: the replay filters (it is rare; this is on
 * every line a cell prints).
 */
static void log_line(struct console_line *l)
{
	struct console_log *g = l->log;
	if (!g)
		return;
	uint64_t head = g->head;
	unsigned int at = (unsigned int)(head % CONSOLE_LOG_BYTES), len = l->len;
	unsigned int first = len < CONSOLE_LOG_BYTES - at ? len : CONSOLE_LOG_BYTES - at;
	memcpy(g->buf + at, l->buf, first); /* up to the ring's end, then from its start */
	memcpy(g->buf, l->buf + first, len - first);
	g->buf[(head + len) % CONSOLE_LOG_BYTES] = '\n';
	g->head = head + len + 1;
}

/* One logged line onto the terminal, prefixed, C0, DEL, C1 and malformed
 * bytes as '.': what a cell printed with the focus held them raw, and a
 * replay shows them to whoever has the terminal now.  Holds uart_lock. */
static void put_logged_line(const char *prefix, const char *s, unsigned int len)
{
	put_prefix(prefix);
	for (unsigned int i = 0; i < len;) {
		uint8_t b = (uint8_t)s[i];
		unsigned int n = b < 0x80 ? !term_is_control(b) : utf8_printable_at(s, i, len);
		if (n) {
			put_text(s + i, n);
			i += n;
		} else {
			uart_putc('.');
			i++;
		}
	}
	put_text("\r\n", 2);
}

/* The line is complete: into the log, and onto the terminal unless it is in
 * the background.  Caller holds l->lock. */
static void end_line(struct console_line *l)
{
	log_line(l);
	if (!l->background) {
		spin_lock(&uart_lock);
		show_line(l, true);
		spin_unlock(&uart_lock);
		if (l->log)
			l->log->seen = l->log->head;
	}
	l->len = l->shown = 0;
}

/*
 * A replay takes the log a line at a time under the cell's line lock and
 * writes each line without it, taking the UART's lock per line: at 115200
 * baud 4 KiB take 350 ms, which the cell's own console writes (and every
 * other cell's lines) would otherwise wait.  Lines the cell overwrites in
 * the ring before they are shown are counted as dropped.  Replays come from
 * the operator's commands; replay_lock keeps 'replay' theirs and is taken
 * before any line's lock.
 */
static spinlock_t replay_lock;
static struct {
	uint64_t at; /* the next byte of the log to show */
	uint64_t dropped; /* overwritten before shown; 0 between replays (report_dropped) */
	char line[CONSOLE_LINE_MAX];
} replay;

/* The next whole line of the log before 'end' into replay.line: its length,
 * or -1 if there is none.  Caller holds the line's lock. */
static int next_logged_line(const struct console_log *g, uint64_t end)
{
	uint64_t oldest = g->head > CONSOLE_LOG_BYTES ? g->head - CONSOLE_LOG_BYTES : 0;
	if (replay.at < oldest) { /* overwritten: from the first line kept whole */
		uint64_t at = oldest;
		while (at < g->head && g->buf[at++ % CONSOLE_LOG_BYTES] != '\n')
			;
		replay.dropped += at - replay.at;
		replay.at = at;
	}
	if (replay.at >= end)
		return -1;
	int len = 0;
	while (replay.at < g->head) {
		char c = g->buf[replay.at++ % CONSOLE_LOG_BYTES];
		if (c == '\n')
			break;
		if (len < CONSOLE_LINE_MAX)
			replay.line[len++] = c;
	}
	return len;
}

/* What the ring overwrote before the replay could show it, if anything. */
static __attribute__((noinline)) void report_dropped(void)
{
	if (replay.dropped)
		printk("(%lu bytes before these dropped: the log keeps the last %u)",
		       replay.dropped, CONSOLE_LOG_BYTES);
	replay.dropped = 0;
}

/* One replayed line onto the terminal, after what was dropped before it. */
static void put_replayed_line(const char *prefix, int len)
{
	report_dropped();
	spin_lock(&uart_lock);
	close_open_line();
	put_logged_line(prefix, replay.line, (unsigned int)len);
	spin_unlock(&uart_lock);
}

/* The log from replay.at to 'end', each line prefixed like a live one;
 * marks it seen.  Caller holds replay_lock, not the line's lock. */
static void replay_unlocked(struct console_line *l, uint64_t end)
{
	for (;;) {
		spin_lock(&l->lock);
		int len = next_logged_line(l->log, end);
		if (len < 0)
			l->log->seen = l->log->seen > replay.at ? l->log->seen : replay.at;
		spin_unlock(&l->lock);
		if (len < 0)
			return;
		put_replayed_line(l->prefix, len);
	}
}

static void set_unfocused(struct console_line *l)
{
	spin_lock(&l->lock);
	if (l->len) {
		/* What the cell wrote with the focus is shown now and the line
		 * ended: replayed later it would pass its controls unfiltered. */
		end_line(l);
	}
	l->seq_need = 0;
	WRITE_ONCE(l->raw, false);
	l->background = !l->always;
	spin_unlock(&l->lock);
}

/*
 * The backlog is replayed with the line still in the background, so that
 * nothing the cell prints meanwhile can come before it; what it printed
 * during the replay (usually nothing; at most the log) follows under its
 * lock, then its lines go live.
 */
static void set_focused(struct console_line *l)
{
	spin_lock(&replay_lock);
	spin_lock(&l->lock);
	bool backlog = l->log && l->log->seen != l->log->head;
	uint64_t end = backlog ? l->log->head : 0;
	replay.at = backlog ? l->log->seen : 0;
	spin_unlock(&l->lock);
	if (backlog) {
		printk("cell '%s' printed in the background:", l->prefix);
		replay_unlocked(l, end);
	}
	spin_lock(&l->lock);
	for (int len; backlog && (len = next_logged_line(l->log, l->log->head)) >= 0;)
		put_replayed_line(l->prefix, len);
	if (backlog)
		l->log->seen = l->log->head;
	report_dropped(); /* after the last line shown */
	l->seq_need = 0;
	WRITE_ONCE(l->raw, true);
	l->background = false;
	if (l->len) { /* e.g. its shell's prompt */
		spin_lock(&uart_lock);
		show_line(l, false);
		spin_unlock(&uart_lock);
	}
	spin_unlock(&l->lock);
	spin_unlock(&replay_lock);
}

void console_line_set_focus(struct console_line *l, bool focused)
{
	if (focused)
		set_focused(l);
	else
		set_unfocused(l);
}

void console_line_replay_log(struct console_line *l)
{
	spin_lock(&replay_lock);
	spin_lock(&l->lock);
	uint64_t printed = l->log->head;
	replay.at = 0;
	spin_unlock(&l->lock);
	printk("log '%s': %lu bytes kept of %lu printed (it keeps the last %u)", l->prefix,
	       printed < CONSOLE_LOG_BYTES ? printed : (uint64_t)CONSOLE_LOG_BYTES, printed,
	       CONSOLE_LOG_BYTES);
	replay_unlocked(l, printed);
	report_dropped(); /* after the last line shown */
	printk("log '%s': end", l->prefix);
	spin_unlock(&replay_lock);
}

/* Append bytes that must stay together on one line (a UTF-8 sequence). */
static void line_append(struct console_line *l, const char *s, unsigned int n)
{
	if (l->len + n > CONSOLE_LINE_MAX)
		end_line(l);
	for (unsigned int i = 0; i < n; i++)
		l->buf[l->len++] = s[i];
	if (l->background)
		return; /* nothing to show before its end */
	l->fresh = true;
	hvtimer_set_once_after(HVTIMER_FLUSH, CONSOLE_FLUSH_NS);
}

/* One byte of a cell without the focus: printable text and well-formed
 * UTF-8 pass; controls (C0, DEL, C1 = U+0080..U+009F) and malformed bytes
 * become '.'. */
static void filter_byte(struct console_line *l, uint8_t b)
{
	if (l->seq_need) {
		if (utf8_continues((const uint8_t *)l->seq, l->seq_len, b)) {
			l->seq[l->seq_len++] = (char)b;
			if (l->seq_len < l->seq_need)
				return;
			l->seq_need = 0;
			bool c1 = utf8_is_c1((const uint8_t *)l->seq);
			line_append(l, c1 ? "." : l->seq, c1 ? 1 : l->seq_len);
			return;
		}
		l->seq_need = 0;
		line_append(l, ".", 1); /* the broken sequence; 'b' starts afresh */
	}
	if (b < 0x80) {
		char c = term_is_control(b) ? '.' : (char)b;
		line_append(l, &c, 1);
		return;
	}
	unsigned int need = utf8_length(b);
	if (!need) {
		line_append(l, ".", 1);
		return;
	}
	l->seq[0] = (char)b;
	l->seq_len = 1;
	l->seq_need = (uint8_t)need;
}

void console_line_reset(struct console_line *l)
{
	spin_lock(&l->lock);
	spin_lock(&uart_lock);
	if (open_line == l)
		close_open_line();
	spin_unlock(&uart_lock);
	l->len = l->shown = 0;
	l->seq_need = 0;
	l->fresh = false;
	spin_unlock(&l->lock);
}

void console_line_show(struct console_line *l)
{
	spin_lock(&l->lock);
	spin_lock(&uart_lock);
	show_line(l, false);
	spin_unlock(&uart_lock);
	spin_unlock(&l->lock);
}

void console_line_erase(struct console_line *l)
{
	spin_lock(&l->lock);
	if (l->len) {
		l->len--;
		spin_lock(&uart_lock);
		if (open_line == l && l->shown > l->len) {
			put_text("\b \b", 3);
			l->shown = l->len;
		}
		spin_unlock(&uart_lock);
	}
	spin_unlock(&l->lock);
}

void console_write_line(const char *prefix, const char *text, size_t len)
{
	spin_lock(&uart_lock);
	close_open_line();
	put_prefix(prefix);
	put_text(text, len);
	put_text("\r\n", 2);
	spin_unlock(&uart_lock);
}

void console_flush_timer(void)
{
	for (unsigned int i = 0; i < nr_lines; i++) {
		struct console_line *l = lines[i];
		spin_lock(&l->lock);
		if (l->fresh && !l->background) { /* an interrupted line waits for its own cell */
			spin_lock(&uart_lock);
			show_line(l, false);
			spin_unlock(&uart_lock);
		}
		spin_unlock(&l->lock);
	}
}

void console_line_putc(struct console_line *l, char c)
{
	spin_lock(&l->lock);
	if (c == '\n' || c == '\r') {
		if (l->seq_need) { /* a sequence cut short by the line's end */
			l->seq_need = 0;
			line_append(l, ".", 1);
		}
		if (c == '\n')
			end_line(l);
	} else if (READ_ONCE(l->raw)) {
		l->seq_need = 0;
		line_append(l, &c, 1);
	} else {
		filter_byte(l, (uint8_t)c);
	}
	spin_unlock(&l->lock);
}
