/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The IOC benchmark's messages, shared by its bare-metal cell (bench.c:
 * "ping" drives, "pong" answers) and by Linux's `tessera ioc bench`, which
 * drives the same pong (cells/linux/tool/ioc_bench.c).  The first byte of
 * each message is its kind.
 */
#ifndef IOCTEST_BENCH_H
#define IOCTEST_BENCH_H

#include <stdint.h>

#define IOCBENCH_ROUNDS 1000
#define IOCBENCH_BULK 256 /* 4 KiB messages: 1 MiB */
#define IOCBENCH_BULK_SIZE 4096
#define IOCBENCH_SMALL 64

enum iocbench_kind {
	KIND_DOORBELL_TIME = 1, /* pong: { kind, counter at its IRQ vector } as two uint64_t */
	KIND_ECHO = 2, /* send it back as it is */
	KIND_BULK = 3, /* count it; at IOCBENCH_BULK of them, answer struct iocbench_done */
	KIND_BULK_DONE = 4,
	KIND_PHASE = 5 /* { kind, PHASE_* }: how pong waits from now on; acknowledged */
};

enum iocbench_phase {
	PHASE_PLAIN = 0, /* pong sleeps on the doorbell between messages */
	PHASE_DOORBELLS = 1, /* and answers a bare doorbell with its vector's time */
	PHASE_POLLING = 2, /* pong polls (WFE between tries), no doorbell */
	PHASE_IN_PLACE = 3 /* as PLAIN, but pong takes the bulk in place (no copy) */
};

/* A figure over many rounds, in ns. */
struct iocbench_figure {
	uint64_t min, max, sum, n;
};

static inline void iocbench_add(struct iocbench_figure *f, uint64_t ns)
{
	if (!f->n || ns < f->min)
		f->min = ns;
	if (ns > f->max)
		f->max = ns;
	f->sum += ns;
	f->n++;
}

/* pong's answer to the last of the bulk: how long its receives of it took,
 * in counter ticks (the time its core spent in the channel's calls). */
struct iocbench_done {
	uint64_t kind; /* KIND_BULK_DONE */
	uint64_t recv_ticks;
};

#endif /* IOCTEST_BENCH_H */
