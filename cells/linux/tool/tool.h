/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* What the tessera tool's files share (tessera.c, ioc_bench.c, heartbeat.c). */
#ifndef TESSERA_TOOL_H
#define TESSERA_TOOL_H

#include "tessera_ioctl.h"

/* /dev/ioc/<name> opened read-write with 'flags' added, its info read; -1 after a message. */
int open_channel(const char *name, int flags, struct tessera_channel_info *info);
/* tessera ioc bench <channel> (ioc_bench.c) */
int ioc_bench(const char *name);
/* tessera heartbeat <channel> (heartbeat.c): does not return but on an error */
int heartbeat(const char *name);

#endif /* TESSERA_TOOL_H */
