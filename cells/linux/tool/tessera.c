// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * tessera: the Linux cell's command-line front end to /dev/tessera (tessera.ko).
 *   tessera info        tessera: cell <id> '<name>', ABI <major>.<minor>
 *   tessera checkpoint  tessera: checkpoint taken   (or: tessera: checkpoint: <error>, exit 1)
 *   tessera now         tessera: counter <ns>   (the virtual counter, for benchmarks)
 * Bad usage (and `tessera help`) prints the usage to stderr and exits 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tessera_ioctl.h"

static int usage(void)
{
	fputs("usage: tessera info        the hypervisor's ABI version and this cell\n"
	      "       tessera checkpoint  checkpoint this cell (needs recovery: restore)\n"
	      "       tessera now         the virtual counter, in ns\n",
	      stderr);
	return 2;
}

static int open_dev(void)
{
	int fd = open(TESSERA_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "tessera: %s: %s\n", TESSERA_DEVICE, strerror(errno));
	return fd;
}

static int info(void)
{
	struct tessera_info in;
	int fd = open_dev();
	if (fd < 0)
		return 1;
	memset(&in, 0, sizeof(in));
	if (ioctl(fd, TESSERA_IOC_INFO, &in) < 0) {
		fprintf(stderr, "tessera: info: %s\n", strerror(errno));
		return 1;
	}
	in.name[sizeof(in.name) - 1] = '\0';
	printf("tessera: cell %u '%s', ABI %u.%u\n", in.cell_id, in.name, in.abi_major,
	       in.abi_minor);
	return 0;
}

static int checkpoint(void)
{
	int fd = open_dev();
	if (fd < 0)
		return 1;
	if (ioctl(fd, TESSERA_IOC_CHECKPOINT) < 0) {
		fprintf(stderr, "tessera: checkpoint: %s\n", strerror(errno));
		return 1;
	}
	printf("tessera: checkpoint taken\n");
	return 0;
}

/* CNTVCT_EL0, which Linux lets user space read (its vDSO does). */
static int now(void)
{
	unsigned long ticks, freq;
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(ticks));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
	printf("tessera: counter %lu\n",
	       ticks / freq * 1000000000ul + ticks % freq * 1000000000ul / freq);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return usage();
	if (!strcmp(argv[1], "info"))
		return info();
	if (!strcmp(argv[1], "checkpoint"))
		return checkpoint();
	if (!strcmp(argv[1], "now"))
		return now();
	return usage();
}
