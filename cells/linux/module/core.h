/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The module's core: the only code that issues Tessera hypercalls.  The
 * device front end (tessera_main.c) and the IOC channel driver (ioc.c) call
 * these functions.
 */
#ifndef TESSERA_CORE_H
#define TESSERA_CORE_H

#include <linux/types.h>

#include "tessera_ioctl.h"

/** 0 when the device tree says this is a Tessera cell and the hypervisor's ABI major
 *  version is this module's; -ENODEV otherwise (no hypercall is made off Tessera). */
int tessera_core_probe(void);
/** The ABI version and the caller's cell, as TESSERA_IOC_INFO returns them. */
void tessera_core_info(struct tessera_info *info);
/** TESSERA_HVC_CHECKPOINT: 0 (TESSERA_CHECKPOINT_TAKEN) when the checkpoint is taken,
 *  TESSERA_CHECKPOINT_RESTORED in a run restored from it, or the hypervisor's code as -errno. */
int tessera_core_checkpoint(void);
/** TESSERA_HVC_DOORBELL: rings the doorbell of this cell's channel @index (its DT
 *  node's tessera,index) in the other end.  The hypervisor's code: 0, -2 (no such
 *  channel), -3 (the other end is not running: its open will look and ring). */
long tessera_core_doorbell(u32 index);
/** TESSERA_HVC_CONTROL: applies operation @op (TESSERA_CONTROL_*) to the other end
 *  of this cell's channel @index.  The hypervisor's code: 0, -1 (not supported),
 *  -2 (no such channel or operation), -3 (no right), -4 (the peer is busy). */
long tessera_core_control(u32 index, u32 op);
/** A hypervisor return code (x0) as 0 or -errno (see tessera_ioctl.h). */
int tessera_errno(long ret);

#endif /* TESSERA_CORE_H */
