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

#define IOCBENCH_ROUNDS 1000
#define IOCBENCH_BULK 256 /* 4 KiB messages: 1 MiB */
#define IOCBENCH_BULK_SIZE 4096
#define IOCBENCH_SMALL 64

enum iocbench_kind {
	KIND_DOORBELL_TIME = 1, /* pong: { kind, counter at its IRQ vector } as two uint64_t */
	KIND_ECHO = 2, /* send it back as it is */
	KIND_BULK = 3, /* count it; at IOCBENCH_BULK of them, answer KIND_BULK_DONE */
	KIND_BULK_DONE = 4,
	KIND_PHASE = 5 /* { kind, 1 or 0 }: bare doorbells are rounds or not; acknowledged */
};

#endif /* IOCTEST_BENCH_H */
