/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The IOC channel driver (ioc.c): a platform driver for the cell DT's
 * "tessera,ioc-channel" nodes, one /dev/ioc/<channel> per node.
 */
#ifndef TESSERA_IOC_DRIVER_H
#define TESSERA_IOC_DRIVER_H

/** Registers the platform driver (each channel probes on its own). */
int tessera_ioc_init(void);
void tessera_ioc_exit(void);
/** After a restore from a checkpoint: every channel end starts a new incarnation, since
 *  its private state is the checkpoint's while the region went on without it. */
void tessera_ioc_restored(void);

#endif /* TESSERA_IOC_DRIVER_H */
