// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * tessera heartbeat <channel>: the Linux end of a monitor watch's heartbeat
 * (spec: monitor.watch[].heartbeat).  The generator gives the watched cell a
 * channel 'heartbeat-<cell>' to the monitor, whose device tree node says the
 * period (tessera,heartbeat-ms).  This sends a counter on it every period,
 * for good: /init starts it in the background.  Killing it, or Linux no
 * longer scheduling it, is what the monitor notices.
 * Lines:
 *   tessera: heartbeat: <channel> every <ms> ms
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tessera_ioctl.h"
#include "tool.h"

#define DT_ROOT "/proc/device-tree"

/* Reads a whole small device-tree property; its length, or -1. */
static ssize_t read_prop(const char *node, const char *prop, void *buf, size_t cap)
{
	char path[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", DT_ROOT, node, prop);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, cap);
	close(fd);
	return n;
}

/* The heartbeat period of the channel labelled 'name', in ms; 0 if none says so. */
static uint32_t period_ms(const char *name)
{
	DIR *root = opendir(DT_ROOT);
	struct dirent *d;
	uint32_t ms = 0;

	while (root && !ms && (d = readdir(root))) {
		char label[64] = "";
		uint8_t be[4];

		if (strncmp(d->d_name, "channel@", 8) ||
		    read_prop(d->d_name, "label", label, sizeof(label) - 1) <= 0 ||
		    strcmp(label, name) ||
		    read_prop(d->d_name, "tessera,heartbeat-ms", be, sizeof(be)) != sizeof(be))
			continue;
		ms = (uint32_t)be[0] << 24 | (uint32_t)be[1] << 16 | (uint32_t)be[2] << 8 | be[3];
	}
	if (root)
		closedir(root);
	return ms;
}

int heartbeat(const char *name)
{
	struct tessera_channel_info in;
	uint32_t ms = period_ms(name);
	int fd;

	if (!ms) {
		fprintf(stderr,
			"tessera: heartbeat: %s: no tessera,heartbeat-ms in its device tree node\n",
			name);
		return 1;
	}
	fd = open_channel(name, 0, &in);
	if (fd < 0)
		return 1;
	printf("tessera: heartbeat: %s every %u ms\n", name, ms);
	fflush(stdout);
	for (uint64_t n = 1;; n++) {
		/* ECONNRESET: the monitor restarted, the next beat goes to the new one; EIO:
		 * the channel broke, start it again. */
		if (write(fd, &n, sizeof(n)) < 0 && errno == EIO)
			ioctl(fd, TESSERA_IOC_CHANNEL_RESET);
		usleep(ms * 1000u);
	}
}
