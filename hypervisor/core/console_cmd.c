// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The operator's hv> prompt on the physical console (Ctrl-] Enter): a line
 * editor and the commands.  Only the physical UART's input reaches it, never
 * a cell; nothing typed here reaches a cell.  Every command prints whole [hv]
 * lines, a wrong one a single "hv: ..." line, then the prompt comes again.
 */
#include "arch.h"
#include "cell.h"
#include "console.h"
#include "monitor.h"
#include "power.h"
#include "printk.h"
#include "string.h"

#define CMD_MAX 64

static struct console_line prompt = { .prefix = "hv" };
static char cmd[CMD_MAX];
static unsigned int cmd_len;

static void show_prompt(void)
{
	for (const char *p = "hv> "; *p; p++)
		console_line_putc(&prompt, *p);
	console_line_show(&prompt);
}

void console_cmd_open(void)
{
	cmd_len = 0;
	show_prompt();
}

/* A cell by name or by index. */
static struct cell *find_cell(const char *w)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++)
		if (streq(w, cells[i].cfg->name) || (w[0] - '0' == (int)i && !w[1]))
			return &cells[i];
	return NULL;
}

/* Copy the next space-separated word of 'line' from *at into 'w'. */
static void next_word(const char *line, unsigned int len, unsigned int *at, char w[CMD_MAX + 1])
{
	unsigned int i = *at, n = 0;
	while (i < len && line[i] == ' ')
		i++;
	while (i < len && line[i] != ' ')
		w[n++] = line[i++];
	w[n] = '\0';
	*at = i;
}

/* A watched cell's second line: what the monitor did about it lately. */
static void list_watch(const struct cell *c, uint64_t now)
{
	static const char *const recovery[] = { "none", "restart", "restore" };
	const struct monitor_watch *w = monitor_watch_of(c);
	if (!w)
		return;
	uint64_t at = READ_ONCE(c->watched_at_ns);
	uint32_t asked = READ_ONCE(c->monitor_recoveries);
	if (at)
		printk("  watched by '%s': last look %lu ms ago, %u recover%s asked (on failure: "
		       "%s)",
		       cells[sys_config.monitor.cell].cfg->name, (now - at) / 1000000, asked,
		       asked == 1 ? "y" : "ies", recovery[w->on_failure % 3]);
	else
		printk("  watched by '%s': not looked at yet (on failure: %s)",
		       cells[sys_config.monitor.cell].cfg->name, recovery[w->on_failure % 3]);
	if (w->heartbeat_period_ns)
		printk("  heartbeat every %lu ms: %u missed", w->heartbeat_period_ns / 1000000,
		       READ_ONCE(c->kernel.heartbeats_missed));
	if (!w->num_rules)
		return;
	/* Racy reads of counters, for a person: no lock taken on the prompt's core. */
	const struct watched_kernel *k = &c->kernel;
	uint64_t checked = READ_ONCE(k->checked_at_ns), violations = READ_ONCE(k->violations);
	printk("  integrity: %u rule%s, kernel report %s, %lu checks, last %s%lu ms ago, %lu "
	       "violation%s",
	       w->num_rules, w->num_rules == 1 ? "" : "s", READ_ONCE(k->reported) ? "in" : "not in",
	       READ_ONCE(k->checks), checked ? "" : "never, ",
	       checked ? (now - checked) / 1000000 : 0, violations, violations == 1 ? "" : "s");
}

static void list_cells(void)
{
	uint64_t now = arch_now_ns();
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++) {
		const struct cell *c = &cells[i];
		bool up = READ_ONCE(c->state) == CELL_RUNNING;
		printk("cell %u '%s' (%s): %s, up %lu ms, %u restart%s%s%s%s", i, c->cfg->name,
		       c->cfg->os == CELL_OS_LINUX ? "linux" : "baremetal", cell_state_name(c),
		       up ? (now - c->started_at) / 1000000 : 0, c->restarts,
		       c->restarts == 1 ? "" : "s", c->last_fault[0] ? "; last fault: " : "",
		       c->last_fault, i == console_focus() ? " (console focus)" : "");
		list_watch(c, now);
	}
}

static void stats_vcpu(const struct vcpu *v)
{
	const struct vcpu_account *a = &v->sched.acct;
	printk("  vcpu %u on core %u: used %lu us, waited %lu us, %lu switches in, %u budget "
	       "overruns, %u migrations",
	       v->cfg->index, v->pcpu, READ_ONCE(a->used_ns) / 1000, READ_ONCE(a->waited_ns) / 1000,
	       READ_ONCE(a->switches), READ_ONCE(a->overruns), READ_ONCE(a->migrations));
}

/* What each cell's lifecycle cost the other cells' cores; what each vCPU
 * and core did. */
static void stats(void)
{
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++) {
		const struct cell *c = &cells[i];
		uint32_t ops = READ_ONCE(c->foreign_ops);
		printk("cell %u '%s': %u lifecycle operation%s on other cells' cores, longest %lu "
		       "ns",
		       i, c->cfg->name, ops, ops == 1 ? "" : "s", READ_ONCE(c->foreign_longest_ns));
		for (unsigned int k = 0; k < c->cfg->num_vcpus; k++)
			stats_vcpu(&c->vcpus[k]);
	}
	for (unsigned int cpu = 0; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		const struct pcpu *p = &pcpus[cpu];
		uint64_t n = READ_ONCE(p->sched.acct.switches);
		printk("core %u: %s%s, busy %lu us, %lu switches of %lu ns on average", cpu,
		       READ_ONCE(p->online) ? "online" : "off", p->sched.shared ? ", shared" : "",
		       READ_ONCE(p->sched.acct.busy_ns) / 1000, n,
		       n ? READ_ONCE(p->sched.acct.switch_ns) / n : 0);
	}
}

static void help(void)
{
	printk("hv: commands: list | stats | stop <cell> | start <cell> | restart <cell> | "
	       "restore <cell> | checkpoint <cell> | focus <cell> | log <cell> | power | "
	       "power <state> | help | exit");
	printk("hv: <cell> is a name or an index; exit (or an empty line, or Ctrl-]) gives "
	       "the keyboard back");
}

#define NAMES_MAX 160

static void names(void)
{
	char buf[NAMES_MAX + 4];
	unsigned int n = 0;
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS && n < NAMES_MAX; i++) {
		if (i) {
			buf[n++] = ',';
			buf[n++] = ' ';
		}
		for (const char *p = cells[i].cfg->name; *p && n < NAMES_MAX; p++)
			buf[n++] = *p;
	}
	buf[n] = '\0';
	printk("hv: the cells are: %s", buf);
}

/* One line for an operation that did not apply; the cell's own lines say
 * what one that did is doing. */
static void report(const char *op, const struct cell *c, int result)
{
	const char *name = c->cfg->name;
	if (result == CELL_OP_BUSY)
		printk("hv: %s: cell '%s' is busy (a checkpoint is being taken); try again", op,
		       name);
	else if (result == CELL_OP_NO_CHECKPOINT && c->cfg->checkpoint_pa)
		printk("hv: %s: cell '%s' has no checkpoint", op, name);
	else if (result == CELL_OP_NO_CHECKPOINT)
		printk("hv: %s: cell '%s' has no checkpoint area (spec key checkpoint:)", op, name);
	else if (result == CELL_OP_WRONG_STATE)
		printk("hv: %s: cell '%s' is %s", op, name, cell_state_name(c));
}

/* hv> power [state]: show the power state, or switch to another one. */
static void power_cmd(const char *arg)
{
	if (!arg[0]) {
		power_print();
		return;
	}
	int to = power_state_by_name(arg);
	int result = to < 0 ? POWER_NO_STATE : power_switch((unsigned int)to);
	if (result == POWER_NO_STATE) {
		printk("hv: power: no state '%s'; the states are:", arg);
		for (unsigned int i = 0; i < sys_config.num_power_states; i++)
			printk("hv:   %s", sys_config.power_states[i].name);
	} else if (result == POWER_BUSY) {
		printk("hv: power: a switch is under way; try again");
	} else if (result == POWER_ALREADY) {
		printk("hv: power: '%s' is the state already", arg);
	}
}

/* Run one command line; false if it closes the prompt. */
static bool run(const char *line, unsigned int len)
{
	static const char *const ops[] = { "stop",	 "start", "restart", "restore",
					   "checkpoint", "focus", "log" };
	static int (*const op_fn[])(struct cell *) = { cell_stop, cell_start, cell_restart,
						       cell_restore, cell_checkpoint };
	char verb[CMD_MAX + 1], arg[CMD_MAX + 1];
	unsigned int at = 0, op = 0;
	next_word(line, len, &at, verb);
	next_word(line, len, &at, arg);
	if (!verb[0] || streq(verb, "exit"))
		return false;
	if (streq(verb, "help")) {
		help();
		return true;
	}
	if (streq(verb, "list")) {
		list_cells();
		return true;
	}
	if (streq(verb, "stats")) {
		stats();
		return true;
	}
	if (streq(verb, "power")) {
		power_cmd(arg);
		return true;
	}
	while (op < ARRAY_SIZE(ops) && !streq(verb, ops[op]))
		op++;
	if (op == ARRAY_SIZE(ops)) {
		printk("hv: unknown command '%s'; type 'help'", verb);
		return true;
	}
	if (!arg[0]) {
		printk("hv: %s: which cell? %s <cell>", ops[op], ops[op]);
		return true;
	}
	struct cell *c = find_cell(arg);
	if (!c) {
		printk("hv: no cell '%s'", arg);
		names();
		return true;
	}
	if (op == ARRAY_SIZE(op_fn)) {
		console_set_focus(c->id);
		return true;
	}
	if (op == ARRAY_SIZE(op_fn) + 1) {
		console_line_replay_log(&c->line);
		return true;
	}
	report(ops[op], c, op_fn[op](c));
	return true;
}

static void keyboard_back(void)
{
	printk("hv: keyboard back to cell %u '%s'", console_focus(),
	       cells[console_focus()].cfg->name);
}

void console_cmd_close(void)
{
	console_line_putc(&prompt, '\n');
	keyboard_back();
}

bool console_cmd_input(char ch)
{
	if (ch == '\r' || ch == '\n') {
		console_line_putc(&prompt, '\n'); /* the typed line stays as it is */
		bool more = run(cmd, cmd_len);
		cmd_len = 0;
		if (!more) {
			keyboard_back();
			return false;
		}
		show_prompt();
	} else if (ch == 0x7f || ch == '\b') {
		if (cmd_len) {
			cmd_len--;
			console_line_erase(&prompt);
		}
	} else if (ch >= 0x20 && ch < 0x7f && cmd_len < CMD_MAX) {
		cmd[cmd_len++] = ch;
		console_line_putc(&prompt, ch);
		console_line_show(&prompt);
	}
	return true;
}
