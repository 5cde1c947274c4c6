// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * Hypercall fuzzer.  Makes FUZZ_CALLS HVCs with random function ids and
 * arguments from a fixed seed, so every run is the same, and checks each one:
 * an id the hypervisor does not implement must return NOT_SUPPORTED, any id
 * must come back with x18..x30 and sp intact.  Calls that would legitimately
 * stop or restart the caller are never made.  Then it ticks, so a test can see
 * the cell still runs.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "prng.h"
#include <tessera.h>

#ifndef FUZZ_CALLS
#define FUZZ_CALLS 20000
#endif
#ifndef FUZZ_SEED
#define FUZZ_SEED 0x7e55e4a2026f0220ull
#endif
#define FUZZ_PROGRESS 1000
#define FUZZ_MAX_RESULTS 256 /* distinct x0 values remembered */
#define FUZZ_MAX_REPORTS 20 /* unexpected results printed */
#define FUZZ_MAX_PRINTS 32 /* console writes allowed to succeed */

#define FUZZ_RAM_END (CELL_RAM_BASE + CELL_RAM_SIZE)
#define FUZZ_OWNER(id) (((id) >> 24) & 0x3f)
#define FUZZ_SMC64 (1u << 30)
#define FUZZ_FAST (1u << 31)

uint64_t fuzz_hvc(const uint64_t regs[7], uint64_t *changed);

struct fuzz {
	struct prng prng;
	unsigned calls, unexpected, prints;
	unsigned nresults;
	uint64_t results[FUZZ_MAX_RESULTS];
};

static struct fuzz fuzz;
static char fuzz_text[64]; /* what a console write may print */

/** PSCI (owner 4) functions that stop, suspend or restart the caller, or
 *  start other vCPUs; matched on the low 16 bits, whatever the call type. */
static int fuzz_excluded(uint32_t id)
{
	static const uint16_t stop[] = {
		0x01, /* CPU_SUSPEND */ 0x02, /* CPU_OFF */
		0x03, /* CPU_ON */ 0x08, /* SYSTEM_OFF */
		0x09, /* SYSTEM_RESET */ 0x0b, /* CPU_FREEZE */
		0x0c, /* CPU_DEFAULT_SUSPEND */ 0x0e, /* SYSTEM_SUSPEND */
		0x12, /* SYSTEM_RESET2 */ 0x15, /* SYSTEM_OFF2 */
	};
	unsigned i;

	if (FUZZ_OWNER(id) != 4)
		return 0;
	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if ((id & 0xffff) == stop[i])
			return 1;
	return 0;
}

/** Ids the hypervisor may implement; for these any x0 is acceptable. */
static int fuzz_known(uint32_t id)
{
	if ((id >= TESSERA_HVC_VERSION && id <= TESSERA_HVC_VCPU_STATE) ||
	    id == TESSERA_HVC_DOORBELL || id == TESSERA_HVC_CONTROL ||
	    id == TESSERA_HVC_WATCH_ACTIVITY || id == TESSERA_HVC_WATCH_RECOVER ||
	    id == TESSERA_HVC_KERNEL_REPORT || id == TESSERA_HVC_WATCH_REPORT ||
	    id == TESSERA_HVC_WATCH_CHECK)
		return 1;
	if (!(id & FUZZ_FAST))
		return 0; /* yielding calls: none */
	if ((id & 0xff00ffe0) == 0x84000000 || (id & 0xff00ffe0) == 0xc4000000)
		return 1; /* PSCI */
	if (FUZZ_OWNER(id) == 0)
		return 1; /* SMCCC arch calls: VERSION, ARCH_FEATURES, ... */
	return (id & 0xff00) == 0xff00; /* per-owner general queries */
}

static uint64_t fuzz_arg(struct prng *p)
{
	switch (prng_below(p, 8)) {
	case 0: /* somewhere in our RAM */
		return CELL_RAM_BASE + prng_below(p, CELL_RAM_SIZE);
	case 1: /* at the end of our RAM */
		return FUZZ_RAM_END - 1 - prng_below(p, 16);
	case 2: /* just outside it */
		return prng_below(p, 2) ? CELL_RAM_BASE - 1 - prng_below(p, 16)
					: FUZZ_RAM_END + prng_below(p, 16);
	case 3: /* huge */
		return ~0ull - prng_below(p, 16) - (prng_below(p, 2) << 63);
	case 4:
		return prng_below(p, 64);
	default:
		return prng_next(p);
	}
}

/** Console writes: mostly bad buffers and lengths, a few good ones. */
static void fuzz_console_args(struct prng *p, uint64_t regs[7])
{
	uint64_t k = 1 + prng_below(p, 16);

	switch (prng_below(p, 4)) {
	case 0: /* crossing the end of RAM */
		regs[1] = FUZZ_RAM_END - k;
		regs[2] = k + 1 + prng_below(p, TESSERA_CONSOLE_WRITE_MAX);
		break;
	case 1: /* a good buffer with a length that is too big */
		regs[1] = (uintptr_t)fuzz_text;
		regs[2] = TESSERA_CONSOLE_WRITE_MAX + 1 + prng_below(p, 4) +
			  (prng_below(p, 2) ? ~0ull >> 1 : 0);
		break;
	case 2: /* a good one, until enough were printed */
		if (fuzz.prints < FUZZ_MAX_PRINTS) {
			regs[1] = (uintptr_t)fuzz_text;
			regs[2] = 1 + prng_below(p, sizeof(fuzz_text));
			break;
		}
		/* fall through */
	default:
		regs[1] = fuzz_arg(p);
		regs[2] = fuzz_arg(p);
		if (regs[1] >= CELL_RAM_BASE && regs[1] < FUZZ_RAM_END &&
		    regs[2] < FUZZ_RAM_END - regs[1])
			regs[1] = FUZZ_RAM_END + regs[2]; /* keep it invalid */
		break;
	}
}

static uint32_t fuzz_id(struct prng *p)
{
	switch (prng_below(p, 5)) {
	case 0:
		return (uint32_t)prng_next(p);
	case 1:
		return TESSERA_HVC_BASE | (uint32_t)prng_below(p, 0x10000);
	case 2:
		return 0x86000000u | (uint32_t)prng_below(p, 0x10000);
	case 3:
		return (prng_below(p, 2) ? 0xc4000000u : 0x84000000u) |
		       (uint32_t)prng_below(p, 0x20);
	default: /* our own services and their neighbours */
		return TESSERA_HVC_BASE | (uint32_t)prng_below(p, 8);
	}
}

static void fuzz_record(uint64_t x0)
{
	unsigned i;

	for (i = 0; i < fuzz.nresults; i++)
		if (fuzz.results[i] == x0)
			return;
	if (fuzz.nresults < FUZZ_MAX_RESULTS)
		fuzz.results[fuzz.nresults++] = x0;
}

static void fuzz_report(const uint64_t regs[7], uint64_t x0, const char *what, uint64_t detail)
{
	if (++fuzz.unexpected <= FUZZ_MAX_REPORTS)
		console_printf("fuzz: unexpected: call %u x0=0x%lx x1=0x%lx "
			       "x2=0x%lx returned 0x%lx: %s 0x%lx\n",
			       fuzz.calls, regs[0], regs[1], regs[2], x0, what, detail);
}

static void fuzz_one(struct prng *p)
{
	uint64_t regs[7], x0, changed;
	uint32_t id;
	unsigned i;

	do
		id = fuzz_id(p);
	while (fuzz_excluded(id));
	regs[0] = id;
	if (prng_below(p, 8) == 0) /* SMCCC: only w0 is the function id */
		regs[0] |= prng_next(p) << 32;
	for (i = 1; i < 7; i++)
		regs[i] = fuzz_arg(p);
	if (id == TESSERA_HVC_CONSOLE_WRITE)
		fuzz_console_args(p, regs);

	x0 = fuzz_hvc(regs, &changed);
	fuzz.calls++;
	fuzz_record(x0);

	if (changed)
		fuzz_report(regs, x0, "changed x18..x30/sp, mask", changed);
	if (!fuzz_known(id) && ((id & FUZZ_SMC64) ? x0 != ~0ull : (uint32_t)x0 != ~0u))
		fuzz_report(regs, x0, "want NOT_SUPPORTED, id", id);
	if ((id == TESSERA_HVC_DOORBELL || id == TESSERA_HVC_CONTROL) &&
	    (int64_t)x0 != TESSERA_INVALID_PARAMETER)
		fuzz_report(regs, x0, "want INVALID_PARAMETER (no channels), id", id);
	if ((id == TESSERA_HVC_WATCH_ACTIVITY || id == TESSERA_HVC_WATCH_RECOVER ||
	     id == TESSERA_HVC_WATCH_REPORT || id == TESSERA_HVC_WATCH_CHECK) &&
	    (int64_t)x0 != TESSERA_DENIED)
		fuzz_report(regs, x0, "want DENIED (not the monitor), id", id);
	if (id == TESSERA_HVC_KERNEL_REPORT && (int64_t)x0 != TESSERA_NOT_SUPPORTED)
		fuzz_report(regs, x0, "want NOT_SUPPORTED (not watched), id", id);
	if (id == TESSERA_HVC_CONSOLE_WRITE && (int64_t)x0 > 0) {
		fuzz.prints++;
		console_putc('\n'); /* end the line it printed */
	}
}

void cell_main(uintptr_t dtb)
{
	unsigned i;

	(void)dtb;
	for (i = 0; i < sizeof(fuzz_text); i++)
		fuzz_text[i] = '~';
	prng_seed(&fuzz.prng, FUZZ_SEED);
	console_printf("fuzz: %u calls, seed 0x%lx\n", FUZZ_CALLS, (uint64_t)FUZZ_SEED);
	while (fuzz.calls < FUZZ_CALLS) {
		fuzz_one(&fuzz.prng);
		if (fuzz.calls % FUZZ_PROGRESS == 0)
			console_printf("fuzz: %u calls\n", fuzz.calls);
	}
	if (fuzz.unexpected)
		console_printf("fuzz: %u unexpected results\n", fuzz.unexpected);
	console_printf("fuzz: done, %u calls, %u distinct results, "
		       "hypervisor alive\n",
		       fuzz.calls, fuzz.nresults);
	cell_tick(0);
}
