/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Copyright (c) 2026 The Tessera authors */
/*
 * The guest-visible ABI of the Tessera hypervisor: hypercall function ids and
 * return codes.  This is the only header shared with cells and with the Linux
 * module; it must stay free of hypervisor internals.
 *
 * Hypercalls follow the SMC Calling Convention (Arm DEN 0028): HVC #0, the
 * function id in w0, arguments in x1..x6, results in x0..x3.  Tessera's own
 * services live in the vendor-specific hypervisor range (owning entity 6),
 * fast calls, SMC64.  PSCI (owning entity 4) is served over HVC too.
 */
#ifndef TESSERA_UAPI_H
#define TESSERA_UAPI_H

#define TESSERA_ABI_MAJOR 0
#define TESSERA_ABI_MINOR 1

/* fast call | SMC64 | owning entity 6 (vendor-specific hypervisor service) */
#define TESSERA_HVC_BASE 0xc6000000u
#define TESSERA_HVC(n) (TESSERA_HVC_BASE | (n))

/** x0 = (TESSERA_ABI_MAJOR << 16) | TESSERA_ABI_MINOR.  The cheapest call. */
#define TESSERA_HVC_VERSION TESSERA_HVC(0)
/** x0 = caller's cell id, x1..x2 = cell name (16 bytes, NUL padded, little-endian). */
#define TESSERA_HVC_CELL_ID TESSERA_HVC(1)
/** x1 = IPA of a buffer, x2 = length (<= TESSERA_CONSOLE_WRITE_MAX):
 *  writes to the caller's virtual console; x0 = bytes written or an error. */
#define TESSERA_HVC_CONSOLE_WRITE TESSERA_HVC(2)
/** x1 = vCPU index: x0 = that vCPU's state in the caller's cell (TESSERA_VCPU_*). */
#define TESSERA_HVC_VCPU_STATE TESSERA_HVC(3)
/** Checkpoint the caller's cell (recovery: restore, with a checkpoint area): every vCPU pauses,
 *  the cell's state is saved, the cell resumes.  x0 = 0, also in a run restored from it;
 *  -1 if the cell has no checkpoint area, -3 while another checkpoint or a restore is under way.
 *  x1 = TESSERA_CHECKPOINT_TAKEN, or TESSERA_CHECKPOINT_RESTORED in a run restored from it: what
 *  the cell shares with others (IOC channels) went on without it, and its own copy of that is
 *  stale.  Call it with x1 = 0: a refusal leaves x1 as it was. */
#define TESSERA_HVC_CHECKPOINT TESSERA_HVC(4)
#define TESSERA_CHECKPOINT_TAKEN 0
#define TESSERA_CHECKPOINT_RESTORED 1
/** x1 = index of one of the caller's IOC channels (its device tree node's tessera,index): raises
 *  the channel's doorbell interrupt in the other end (coalesced while one is pending there).
 *  x0 = 0; -2 for an index the caller has no channel at; -3 if the other end is not running. */
#define TESSERA_HVC_DOORBELL TESSERA_HVC(5)
/** x1 = index of one of the caller's IOC channels, x2 = TESSERA_CONTROL_*: asks the hypervisor to
 *  apply that lifecycle operation to the channel's other end, if the spec gives the caller the
 *  right (channels[].control: {from: <caller>, allow: [...]}).  x0 = 0 (done or under way); -2 for
 *  an index the caller has no channel at, or an unknown operation; -3 without the right (one
 *  console line says so; nothing changes); -4 if the other end is busy (a checkpoint of it is
 *  being taken): try again. */
#define TESSERA_HVC_CONTROL TESSERA_HVC(6)
/** The monitor cell only (monitor.cell in the spec).  x1 = a watch (its device tree node's
 *  tessera,index), x2 = a vCPU of the watched cell.  x0 = 0, x1 = the virtual-timer interrupts
 *  that vCPU has taken, x2 = its entries into the hypervisor, x3 = TESSERA_ACTIVITY_* flags;
 *  x0 = -2 for a watch or vCPU that does not exist, -3 for any other caller. */
#define TESSERA_HVC_WATCH_ACTIVITY TESSERA_HVC(7)
#define TESSERA_ACTIVITY_RUNNING 1 /* the vCPU is on (runnable) and its cell running */
#define TESSERA_ACTIVITY_TIMER_WAITING 2 /* its timer interrupt was delivered and is not done yet */
/** The monitor cell only.  x1 = a watch, x2 = why (TESSERA_WATCH_WHY_*, counted for hv> list
 *  whatever the answer): its on_failure (restart or restore) applied to the
 *  watched cell, counted towards that cell's restart limit.  x0 = 0 (done or under way); -2 for
 *  a watch that does not exist; -3 for any other caller, for on_failure: none, or a watched cell
 *  that is not running; -4 if it is busy (a checkpoint of it is being taken): try again. */
#define TESSERA_HVC_WATCH_RECOVER TESSERA_HVC(8)
#define TESSERA_WATCH_WHY_OTHER 0
#define TESSERA_WATCH_WHY_STUCK 1 /* a vCPU held its timer interrupt untaken for the timeout */
#define TESSERA_WATCH_WHY_HEARTBEAT 2 /* no heartbeat for the timeout */
#define TESSERA_WATCH_WHY_RULE 3 /* an integrity rule was violated */
/** A watched cell's kernel, once per boot of the cell: x1 = IPA of its struct
 *  tessera_kernel_report (tessera_watch.h) in its RAM, x2 = its size.  x0 = 0 (kept for the
 *  monitor); -1 if no watch of the spec names the caller; -2 for a report that is not in the
 *  caller's RAM, has another size, magic or version, or names ranges outside its RAM; -3 if this
 *  boot of the cell has reported already (nothing changes). */
#define TESSERA_HVC_KERNEL_REPORT TESSERA_HVC(9)
/** The monitor cell only.  x1 = a watch, x2 = IPA of a buffer in the monitor's RAM, x3 = its
 *  size (that of struct tessera_kernel_report).  x0 = 0, x1 = the watched cell's boot count
 *  (it changes with every cold start of the cell), x2 = 1 if this boot reported its kernel (the
 *  report is then in the buffer), else 0 (the buffer is untouched); x0 = -2 for a watch that
 *  does not exist or a bad buffer, -3 for any other caller. */
#define TESSERA_HVC_WATCH_REPORT TESSERA_HVC(10)
/** The monitor cell only: the result of one integrity rule's check.  x1 = a watch, x2 = one of
 *  its rules (its DT node's tessera,index), x3 = the watched cell's boot count as
 *  TESSERA_HVC_WATCH_REPORT gave it, x4 = TESSERA_CHECK_*, x5 = the value.  HASH: the value is
 *  the rule's hash now; the first one of a boot becomes the rule's reference, kept here (a
 *  restarted monitor finds it again).  VERDICT: the value is 0 if the rule holds, else not.
 *  x0 = 0, x1 = 1 if the rule holds (the hash equals the reference), 0 if it is violated,
 *  x2 = the reference; -2 for a watch or rule that does not exist, a boot that is not the
 *  current one (read the report again), or an unknown kind; -3 for any other caller. */
#define TESSERA_HVC_WATCH_CHECK TESSERA_HVC(11)
#define TESSERA_CHECK_HASH 0
#define TESSERA_CHECK_VERDICT 1

/* TESSERA_HVC_CONTROL's operations.  RESTART: cold, or from its checkpoint (recovery: restore),
 * counted towards its restart limit.  START: a stopped, faulted or failed cell, afresh. */
#define TESSERA_CONTROL_RESTART 1
#define TESSERA_CONTROL_STOP 2
#define TESSERA_CONTROL_START 3

#define TESSERA_CONSOLE_WRITE_MAX 4096

/* Return codes (SMCCC / PSCI conventions) */
#define TESSERA_OK 0
#define TESSERA_NOT_SUPPORTED (-1)
#define TESSERA_INVALID_PARAMETER (-2)
#define TESSERA_DENIED (-3)
#define TESSERA_BUSY (-4)

#define TESSERA_VCPU_OFF 0
#define TESSERA_VCPU_RUNNING 1
#define TESSERA_VCPU_STOPPED 2

#endif /* TESSERA_UAPI_H */
