// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * tessera ioc bench <channel>: Linux's end of the IOC benchmark
 * (bench/ioc_bench.py --linux, tests/specs/linux-ioc-bench.yaml) against the
 * bare-metal benchmark cell's "pong" (cells/ioctest/bench.c), with the same
 * messages (cells/ioctest/bench.h).  The figures come from the virtual
 * counter, which Linux lets user space read, and include everything Linux
 * adds: the system call, the module, its mutex and its wait queue.
 *   doorbell: the counter, then TESSERA_IOC_CHANNEL_RING; pong's IRQ vector
 *     reads the counter at its first instruction and sends it back;
 *   rtt64: write() of 64 bytes and read() of pong's echo, both blocking;
 *   throughput: IOCBENCH_BULK messages of 4 KiB with write(), until pong's
 *     answer that it has them all, against memcpy() of the same bytes here.
 * Lines:
 *   iocbench: linux doorbell rounds=<n> min_ns=<a> avg_ns=<b> max_ns=<c>
 *   iocbench: linux rtt64 rounds=<n> min_ns=<a> avg_ns=<b> max_ns=<c>
 *   iocbench: linux throughput bytes=<n> ioc_ns=<t> memcpy_ns=<m> recv_ns=<r>
 *     (recv_ns: the time pong spent in its receives of it)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../../ioctest/bench.h"
#include "tessera_ioctl.h"
#include "tool.h"

static uint64_t counter(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
	return v;
}

static uint64_t ticks_to_ns(uint64_t ticks)
{
	uint64_t hz;

	__asm__("mrs %0, cntfrq_el0" : "=r"(hz));
	return (uint64_t)((unsigned __int128)ticks * 1000000000u / hz);
}

static void add(struct iocbench_figure *f, uint64_t ticks)
{
	iocbench_add(f, ticks_to_ns(ticks));
}

static void print(const char *name, const struct iocbench_figure *f)
{
	printf("iocbench: linux %s rounds=%llu min_ns=%llu avg_ns=%llu max_ns=%llu\n", name,
	       (unsigned long long)f->n, (unsigned long long)f->min,
	       (unsigned long long)(f->n ? f->sum / f->n : 0), (unsigned long long)f->max);
}

static int fail(const char *what)
{
	fprintf(stderr, "tessera: ioc bench: %s: %s\n", what, strerror(errno));
	return 1;
}

/* Tell pong whether bare doorbells are rounds, and wait for its yes. */
static int phase(int fd, uint8_t doorbells)
{
	uint8_t m[2] = { KIND_PHASE, doorbells };

	if (write(fd, m, sizeof(m)) != sizeof(m) || read(fd, m, sizeof(m)) != sizeof(m))
		return fail("phase");
	return 0;
}

static int bench_doorbell(int fd)
{
	struct iocbench_figure f = { 0 };
	uint64_t t[2];

	if (phase(fd, 1))
		return 1;
	for (int i = 0; i < IOCBENCH_ROUNDS; i++) {
		uint64_t t0 = counter();

		if (ioctl(fd, TESSERA_IOC_CHANNEL_RING) < 0)
			return fail("ring");
		if (read(fd, t, sizeof(t)) == sizeof(t) && t[0] == KIND_DOORBELL_TIME)
			add(&f, t[1] - t0);
	}
	if (phase(fd, 0))
		return 1;
	print("doorbell", &f);
	return 0;
}

static int bench_rtt(int fd)
{
	struct iocbench_figure f = { 0 };
	uint8_t msg[IOCBENCH_SMALL], echo[IOCBENCH_SMALL];

	memset(msg, 0x5a, sizeof(msg));
	msg[0] = KIND_ECHO;
	for (int i = 0; i < IOCBENCH_ROUNDS; i++) {
		uint64_t t0 = counter();

		if (write(fd, msg, sizeof(msg)) != sizeof(msg))
			return fail("rtt64 write");
		if (read(fd, echo, sizeof(echo)) != sizeof(echo))
			return fail("rtt64 read");
		add(&f, counter() - t0);
	}
	print("rtt64", &f);
	return 0;
}

static int bench_throughput(int fd)
{
	static uint8_t msg[IOCBENCH_BULK_SIZE], copy[IOCBENCH_BULK_SIZE];
	struct iocbench_done done;

	memset(msg, 0xa5, sizeof(msg));
	msg[0] = KIND_BULK;
	uint64_t t0 = counter();
	for (int i = 0; i < IOCBENCH_BULK; i++)
		if (write(fd, msg, sizeof(msg)) != sizeof(msg))
			return fail("bulk write");
	if (read(fd, &done, sizeof(done)) != sizeof(done) || done.kind != KIND_BULK_DONE)
		return fail("bulk answer");
	uint64_t t1 = counter();
	for (int i = 0; i < IOCBENCH_BULK; i++) {
		memcpy(copy, msg, sizeof(msg));
		__asm__ volatile("" : : "r"(copy) : "memory"); /* each copy is done */
	}
	uint64_t t2 = counter();
	printf("iocbench: linux throughput bytes=%u ioc_ns=%llu memcpy_ns=%llu recv_ns=%llu\n",
	       IOCBENCH_BULK * IOCBENCH_BULK_SIZE, (unsigned long long)ticks_to_ns(t1 - t0),
	       (unsigned long long)ticks_to_ns(t2 - t1),
	       (unsigned long long)ticks_to_ns(done.recv_ticks));
	return 0;
}

int ioc_bench(const char *name)
{
	struct tessera_channel_info in;
	int fd = open_channel(name, 0, &in);

	if (fd < 0)
		return 1;
	if (in.max_payload < IOCBENCH_BULK_SIZE) {
		fprintf(stderr,
			"tessera: ioc bench: %s carries at most %u bytes a message, not %u\n", name,
			in.max_payload, IOCBENCH_BULK_SIZE);
		close(fd);
		return 1;
	}
	int err = bench_doorbell(fd) || bench_rtt(fd) || bench_throughput(fd);

	close(fd);
	return err;
}
