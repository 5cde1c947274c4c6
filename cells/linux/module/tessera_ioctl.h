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
 * Numbers 0x00-0x0f are the cell's own services (/dev/tessera); 0x10-0x1f are
 * the IOC channel devices' (/dev/ioc/<channel>).
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
 *  restored from it, once every IOC channel end is reset (a new incarnation: the regions
 *  went on without it); EOPNOTSUPP if the cell has no checkpoint area, EBUSY while another
 *  checkpoint or a restore is under way. */
#define TESSERA_IOC_CHECKPOINT _IO(TESSERA_IOC_MAGIC, 0x01)

/* IOC channels: one character device per channel end in the cell's DT. */
#define TESSERA_IOC_DIR "/dev/ioc/"

/* TESSERA_IOC_CHANNEL_INFO's state: as TIOC_UP, TIOC_CONNECTING, TIOC_BROKEN. */
#define TESSERA_CHANNEL_CONNECTING 0
#define TESSERA_CHANNEL_UP 1
#define TESSERA_CHANNEL_BROKEN 2

struct tessera_channel_info {
	__u32 size; /* the shared region, bytes */
	__u32 max_payload; /* the longest message a write() takes, a read() returns */
	__u32 index; /* tessera,index: what the doorbell hypercall names */
	__u32 end; /* tessera,end: 0 or 1, the half this cell owns */
	__u32 state; /* TESSERA_CHANNEL_*, after the handshake rule */
	__u32 restarts; /* peer restarts seen since the module probed the channel */
	__u64 doorbells; /* doorbell interrupts taken */
	char name[32]; /* the channel (label), NUL-terminated */
	char peer[32]; /* the other cell (tessera,peer), NUL-terminated */
};

/** The channel's layout, end and connection state. */
#define TESSERA_IOC_CHANNEL_INFO _IOR(TESSERA_IOC_MAGIC, 0x10, struct tessera_channel_info)
/** Re-opens our end with the next epoch (tioc_reset), dropping the connection: the way
 *  out of BROKEN.  The peer sees a restart; both rings start empty. */
#define TESSERA_IOC_CHANNEL_RESET _IO(TESSERA_IOC_MAGIC, 0x11)

/* TESSERA_IOC_CHANNEL_CONTROL's operations: as TESSERA_CONTROL_* (uapi/tessera.h). */
#define TESSERA_CHANNEL_RESTART 1 /* cold, or from its checkpoint (recovery: restore) */
#define TESSERA_CHANNEL_STOP 2
#define TESSERA_CHANNEL_START 3 /* a stopped, faulted or failed cell, afresh */

/** TESSERA_HVC_CONTROL: applies the operation (the ioctl's argument, a
 *  TESSERA_CHANNEL_* value) to the cell at the channel's other end, if the spec
 *  gives this cell the right (channels[].control).  0: done or under way (a
 *  restarted peer re-opens the channel: a peer restart, ECONNRESET once per open
 *  file).  EPERM: no such right (the hypervisor's console says so);
 *  EINVAL: an unknown operation; EBUSY: the peer is busy (a checkpoint of it is
 *  being taken), try again; EOPNOTSUPP: a hypervisor without control. */
#define TESSERA_IOC_CHANNEL_CONTROL _IO(TESSERA_IOC_MAGIC, 0x12)
/** Rings the peer's doorbell and nothing else (write and read ring it when the
 *  protocol says so): for a benchmark of the doorbell alone.  ESRCH: the peer is
 *  not running. */
#define TESSERA_IOC_CHANNEL_RING _IO(TESSERA_IOC_MAGIC, 0x13)

#endif /* TESSERA_IOCTL_H */
