// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * rtcd: a bare-metal driver cell for the board's PL031 real-time clock (the
 * device is passed to it: devices: [rtc0]).  It answers requests on the IOC
 * channel "rtc", one message each way, as text:
 *   "time"  ->  "<seconds since the epoch>" (decimal, the PL031 data register)
 *   "hang"  ->  "hanging", then it never answers again: it masks IRQs and
 *               waits for good, until its cell is restarted (the demo of a
 *               restart through the channel's control right)
 *   other   ->  "error: unknown request"
 * It sleeps on the channel's doorbell (the rtos runtime routes it).  Lines:
 *   rtcd: PL031 at 0x<base>, <YYYY-MM-DD hh:mm:ss> UTC, channel 'rtc' to '<peer>'
 *   rtcd: hanging (until restarted)
 *   rtcd: FAILED <what>
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "fdt.h"
#include "ioc.h"
#include "../rtos/rtos.h"

#define PL031_COMPATIBLE "arm,pl031"
#define PL031_DR 0x000 /* data register: seconds */

static struct ioc rtc;
static uintptr_t pl031;

static void fail(const char *what)
{
	console_printf("rtcd: FAILED %s\n", what);
	for (;;)
		asm volatile("wfi");
}

static uint32_t rtc_seconds(void)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(pl031 + PL031_DR) : "memory");
	return v;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(uint32_t days, unsigned *y, unsigned *m, unsigned *d)
{
	uint32_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* "<seconds>" in decimal; returns the length. */
static unsigned put_decimal(char *buf, uint32_t v)
{
	char tmp[10];
	unsigned n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

static int is(const char *msg, int len, const char *word)
{
	int i;

	for (i = 0; i < len && word[i]; i++)
		if (msg[i] != word[i])
			return 0;
	return i == len && !word[i];
}

/* Sends reply (waiting for room); a broken channel or a peer gone drops it. */
static void reply(const char *msg, unsigned len)
{
	for (;;) {
		int r = ioc_send(&rtc, msg, len);

		if (r != TIOC_EAGAIN)
			return;
		ioc_wait(&rtc, len);
	}
}

static void hang(void)
{
	console_printf("rtcd: hanging (until restarted)\n");
	asm volatile("msr daifset, #2" ::: "memory");
	for (;;)
		asm volatile("wfi");
}

static void serve(void)
{
	char in[64], out[32];

	for (;;) {
		int state = ioc_state(&rtc), len;

		if (state == TIOC_BROKEN) {
			console_printf("rtcd: channel 'rtc' broken; resetting it\n");
			ioc_reset(&rtc);
			continue;
		}
		len = state == TIOC_UP ? ioc_recv(&rtc, in, sizeof(in)) : TIOC_EAGAIN;
		if (len == TIOC_EMSGSIZE) {
			/* longer than any request: not one; take it and say so */
			static char big[2048];

			ioc_recv(&rtc, big, sizeof(big));
			len = 0;
		}
		if (len < 0) {
			ioc_wait(&rtc, 0);
			continue;
		}
		if (is(in, len, "time")) {
			reply(out, put_decimal(out, rtc_seconds()));
		} else if (is(in, len, "hang")) {
			reply("hanging", 7);
			hang();
		} else {
			reply("error: unknown request", 22);
		}
	}
}

static void doorbell(uint64_t now)
{
	(void)now;
	ioc_doorbell(&rtc);
}

/* The runtime needs a task; the driver has nothing periodic to do. */
static void idle_task(struct rtos_task *t, uint64_t now)
{
	(void)t;
	(void)now;
}

static struct rtos_task tasks[] = { { .name = "idle", .period_us = 1000000, .run = idle_task } };

void cell_main(uintptr_t dtb)
{
	struct fdt_reg reg;
	unsigned y, mo, d;
	uint32_t s;

	if (fdt_find_reg(dtb, PL031_COMPATIBLE, &reg, 1) != 1)
		fail("no PL031 (\"" PL031_COMPATIBLE "\") in the device tree: give the cell rtc0");
	pl031 = reg.base;
	if (rtos_init(dtb) || ioc_open(&rtc, dtb, "rtc") || rtos_irq_attach(rtc.intid, doorbell) ||
	    rtos_start(tasks, 1))
		fail("set-up (channel 'rtc', doorbell, timer)");
	s = rtc_seconds();
	civil(s / 86400, &y, &mo, &d);
	console_printf("rtcd: PL031 at 0x%lx, %04u-%02u-%02u %02u:%02u:%02u UTC, channel 'rtc' to "
		       "'%s'%s\n",
		       (unsigned long)pl031, y, mo, d, s % 86400 / 3600, s % 3600 / 60, s % 60,
		       rtc.peer, rtc.reopened ? " (restarted)" : "");
	serve();
}
