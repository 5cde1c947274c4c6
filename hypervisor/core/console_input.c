// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Console input: the physical UART's bytes go to the cell that has the
 * focus.  Ctrl-] starts a command (QEMU keeps Ctrl-a for itself):
 *   Ctrl-] Enter    the operator's hv> prompt (console_cmd.c)
 *   Ctrl-] l        list the cells and their states
 *   Ctrl-] 0..9     give the focus to that cell
 *   Ctrl-] n        give the focus to the next cell
 *   Ctrl-] d        diagnostics of the focused cell
 *   Ctrl-] Ctrl-]   send one Ctrl-] to the focused cell
 */
#include "cell.h"
#include "console.h"
#include "uart.h"
#include "printk.h"
#include "vcpu.h"

#define CONSOLE_ESCAPE 0x1d /* Ctrl-] */

static unsigned int focus;
static bool escaped, prompting;

static void list_cells(void)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++)
		printk("cell %u '%s' (%s): %s%s", i, cells[i].cfg->name,
		       cells[i].cfg->os == CELL_OS_LINUX ? "linux" : "baremetal",
		       cell_state_name(&cells[i]), i == focus ? " (console focus)" : "");
	printk("Ctrl-] then: Enter hv> prompt, l list, 0-9 focus cell, n next cell, d diagnostics, "
	       "Ctrl-] send Ctrl-]");
}

/* State of the focused cell's console path, for diagnosing a guest that
 * stopped listening. */
static void dump_cell(struct cell *c)
{
	vuart_dump(c->cfg->name, &c->uart);
	arch_dump_cell(c);
	arch_dump_request();
}

unsigned int console_focus(void)
{
	return focus;
}

void console_set_focus(unsigned int cell)
{
	printk("console focus: cell %u '%s'", cell, cells[cell].cfg->name);
	console_line_set_focus(&cells[focus].line, false);
	focus = cell;
	console_line_set_focus(&cells[cell].line, true);
}

static void command(char ch)
{
	if (ch == '\r' || ch == '\n') {
		prompting = true;
		console_cmd_open();
	} else if (ch >= '0' && ch <= '9' && (unsigned int)(ch - '0') < SYSCONFIG_NUM_CELLS)
		console_set_focus((unsigned int)(ch - '0'));
	else if (ch == 'n')
		console_set_focus((focus + 1) % SYSCONFIG_NUM_CELLS);
	else if (ch == 'd')
		dump_cell(&cells[focus]);
	else
		list_cells();
}

static void deliver(char ch)
{
	struct cell *c = &cells[focus];
	if (c->state == CELL_RUNNING)
		vuart_receive(c, ch); /* a full FIFO drops the byte, as a real UART would */
}

void console_input_init(void)
{
	/* The first Linux cell gets the keyboard at boot: that is where a shell is. */
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++) {
		if (sys_config.cells[i].os == CELL_OS_LINUX) {
			focus = i;
			break;
		}
	}
	console_line_set_focus(&cells[focus].line, true);
	uart_enable_rx_irq();
}

void console_input_irq(void)
{
	int ch;
	while ((ch = uart_getc()) >= 0) {
		if (prompting) { /* nothing typed at the prompt reaches a cell */
			if (ch == CONSOLE_ESCAPE) {
				console_cmd_close();
				prompting = false;
			} else {
				prompting = console_cmd_input((char)ch);
			}
		} else if (escaped) {
			escaped = false;
			if (ch == CONSOLE_ESCAPE)
				deliver((char)ch);
			else
				command((char)ch);
		} else if (ch == CONSOLE_ESCAPE) {
			escaped = true;
		} else {
			deliver((char)ch);
		}
	}
}
