/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note OR MIT */
/* Copyright (c) 2026 The Tessera authors */
/*
 * /dev/tessera: the ioctls of the Tessera Linux module (cells/linux/module/),
 * shared with the user tool (cells/linux/tool/tessera.c).
 *
 * Every ioctl returns 0 or -1 with errno set.  The hypervisor's return codes
 * (hypervisor/include/uapi/tessera.h) become errno values:
 *   TESSERA_NOT_SUPPORTED (-1) -> EOPNOTSUPP
 *   TESSERA_DENIED (-3)        -> EBUSY
 *   any other error            -> EINVAL
 * Numbers 0x00-0x0f are the cell's own services; 0x10-0x1f are kept for the
 * IOC channel driver.
 */
#ifndef TESSERA_IOCTL_H
#define TESSERA_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define TESSERA_DEVICE "/dev/tessera"
#define TESSERA_IOC_MAGIC 0xc6 /* as the vendor-specific hypervisor range, 0xc6000000 */

/* The hypervisor's cell names are at most 16 bytes; name[] is always NUL-terminated. */
#define TESSERA_NAME_MAX 16

struct tessera_info {
	__u32 abi_major; /* TESSERA_HVC_VERSION */
	__u32 abi_minor;
	__u32 cell_id; /* TESSERA_HVC_CELL_ID: the cell's index in the spec */
	__u32 reserved; /* 0 */
	char name[32]; /* the cell's name, NUL-terminated */
};

/** The hypervisor's ABI version and the caller's cell. */
#define TESSERA_IOC_INFO _IOR(TESSERA_IOC_MAGIC, 0x00, struct tessera_info)
/** TESSERA_HVC_CHECKPOINT: returns 0 when the checkpoint is taken, and again in a run
 *  restored from it; EOPNOTSUPP if the cell has no checkpoint area, EBUSY while another
 *  checkpoint or a restore is under way. */
#define TESSERA_IOC_CHECKPOINT _IO(TESSERA_IOC_MAGIC, 0x01)

#endif /* TESSERA_IOCTL_H */
