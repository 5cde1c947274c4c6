// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Hypercalls: HVC #0 per SMCCC 1.1.  w0 = function id, x1..x5 = arguments,
 * x0..x3 = results; the hypervisor may clobber x0..x17 and preserves
 * x18..x30 and sp.  Never call these on bare hardware: there HVC is UNDEFINED.
 */
#ifndef CELLS_LIB_HVC_H
#define CELLS_LIB_HVC_H

#include <stdint.h>
#include <tessera.h>

struct hvc_res {
	unsigned long x0, x1, x2, x3;
};

#define HVC_CLOBBERS \
	"x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory"

static inline struct hvc_res hvc_call_res(uint32_t fid, unsigned long a1, unsigned long a2,
					  unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long x0 asm("x0") = fid;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;
	register unsigned long x4 asm("x4") = a4;
	register unsigned long x5 asm("x5") = a5;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
		     :
		     : HVC_CLOBBERS);
	return (struct hvc_res){ x0, x1, x2, x3 };
}

/** Returns x0 only. */
static inline unsigned long hvc_call(uint32_t fid, unsigned long a1, unsigned long a2,
				     unsigned long a3, unsigned long a4, unsigned long a5)
{
	return hvc_call_res(fid, a1, a2, a3, a4, a5).x0;
}

/** One argument, x0 back (the doorbell): x2..x5 are left as they are, not zeroed. */
static inline unsigned long hvc_call1(uint32_t fid, unsigned long a1)
{
	register unsigned long x0 asm("x0") = fid;
	register unsigned long x1 asm("x1") = a1;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "x2", "x3", "x4", "x5", HVC_CLOBBERS);
	return x0;
}

#endif /* CELLS_LIB_HVC_H */
