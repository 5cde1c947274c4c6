// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * "checkpoint-race" (issue 13, hypervisor only; 2 vCPUs, recovery:
 * restore): both vCPUs call TESSERA_HVC_CHECKPOINT at once, round after
 * round.  One call checkpoints the cell; the other is refused with -3
 * (DENIED) if it met the checkpoint under way, or checkpoints again (0) if
 * it came after.  Anything else, or a hypervisor fault, is a bug.  After
 * ROUNDS rounds they go on to the next round that refused one of them, so
 * the last checkpoint was taken while the other vCPU was being turned
 * away.  Then vCPU 1 beats a counter, vCPU 0 prints it and faults: restored
 * from that checkpoint, the refused vCPU gets -3 again, the table reads the
 * same and both go on from there.
 *   gictest: checkpoint-race: boot
 *   gictest: checkpoint-race: round <k>: vcpu0 <r0> vcpu1 <r1>
 *   gictest: checkpoint-race: <n> rounds: <a> both 0, <b> one -3, <c> wrong
 *   gictest: checkpoint-race: vcpu 1 beats <n>
 */
#include <stdbool.h>
#include <stdint.h>

#include "cell.h"
#include "gictest.h"
#include "hvc.h"
#include "timer.h"

#define PSCI_CPU_ON 0xc4000003u
#define VCPU1_MPIDR 0x1ul /* Aff0 = 1: the cell's DT cpu@1 */
#define ROUNDS 50
#define MAX_ROUNDS 200 /* no -3 by then: the calls never raced; give up */
#define LEAD_TICKS 64 /* the late caller's deadline, from when it arms it */
#define OFFSETS 16 /* it calls 0..OFFSETS-1 ticks before that deadline */
#define BEAT_LINES 3
#define FAULT_IPA 0x7f000000ul
#define CNTV_ENABLE 1
#define CNTV_IMASK 2

/* One page: the first write to it after a checkpoint traps (the dirty
 * map), and that trap belongs in meet(), not between a flag and a call. */
static struct {
	volatile unsigned arrived[2]; /* the last round each vCPU reached */
	volatile unsigned calling; /* the late caller's round, set just before its call */
} sync __attribute__((aligned(64)));
static volatile long result[MAX_ROUNDS + 1][2];
static unsigned rounds; /* vCPU 0's count of rounds played */
static volatile unsigned beats;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	gic_eoi(intid); /* none is enabled */
}

static void sev(void)
{
	asm volatile("dsb ish\n\tsev" ::: "memory");
}

static void wfe(void)
{
	asm volatile("wfe" ::: "memory");
}

/* Both vCPUs leave round k's meeting together.  They wait in WFE, not in a
 * spin: under -icount QEMU runs every core on one thread, and a WFE hands
 * it to the next core. */
static void meet(unsigned self, unsigned k)
{
	sync.arrived[self] = k;
	sev();
	while (sync.arrived[!self] < k)
		wfe();
}

static long checkpoint(void)
{
	return (long)hvc_call(TESSERA_HVC_CHECKPOINT, 0, 0, 0, 0, 0);
}

/*
 * The late caller arms its virtual timer (masked: a deadline, no
 * interrupt) and calls a few ticks before it.  Under -icount QEMU switches
 * cores only at a deadline or a WFE, so the switch lands while this call
 * is on its way through EL2: before it reached the cell's lock (the early
 * caller, which only waited for the flag, checkpoints and this call is
 * refused) or after, before the other vCPU was kicked off its core (the
 * early call is refused).  The offsets sweep that window.  On real cores
 * the early caller is simply a moment behind.
 */
static long call_late(unsigned k)
{
	uint64_t deadline = timer_now() + LEAD_TICKS;
	uint64_t call_at = deadline - (k / 2) % OFFSETS;

	SYSREG_WRITE(cntv_cval_el0, deadline);
	SYSREG_WRITE(cntv_ctl_el0, CNTV_ENABLE | CNTV_IMASK);
	while ((int64_t)(timer_now() - call_at) < 0)
		;
	sync.calling = k;
	sev();
	long r = checkpoint();
	SYSREG_WRITE(cntv_ctl_el0, 0);
	return r;
}

static long call_early(unsigned k)
{
	while (sync.calling != k)
		wfe();
	return checkpoint();
}

static bool refused(unsigned k)
{
	return result[k][0] == TESSERA_DENIED || result[k][1] == TESSERA_DENIED;
}

/* The vCPUs take turns at being late.  Both see round k-1's results once
 * they have met for round k, so both stop after the same round. */
static unsigned race(unsigned self)
{
	unsigned k;

	for (k = 1; k <= MAX_ROUNDS; k++) {
		meet(self, k);
		if (k > ROUNDS && refused(k - 1))
			break;
		result[k][self] = self == k % 2 ? call_late(k) : call_early(k);
	}
	meet(self, MAX_ROUNDS + 1); /* every result is in */
	return k - 1;
}

void cell_secondary_main(uint64_t context)
{
	(void)context;
	(void)race(1);
	for (;;) {
		beats = beats + 1;
		wfe();
	}
}

static void report(void)
{
	unsigned both = 0, denied = 0, wrong = 0;

	for (unsigned k = 1; k <= rounds; k++) {
		long r0 = result[k][0], r1 = result[k][1];

		console_printf("gictest: checkpoint-race: round %u: vcpu0 %ld vcpu1 %ld\n", k, r0,
			       r1);
		if (r0 == TESSERA_OK && r1 == TESSERA_OK)
			both++;
		else if ((r0 == TESSERA_OK && r1 == TESSERA_DENIED) ||
			 (r0 == TESSERA_DENIED && r1 == TESSERA_OK))
			denied++;
		else
			wrong++;
	}
	console_printf("gictest: checkpoint-race: %u rounds: %u both 0, %u one -3, %u wrong\n",
		       rounds, both, denied, wrong);
}

void gictest_run(uintptr_t dtb)
{
	(void)dtb;
	console_puts("gictest: checkpoint-race: boot\n");
	long r = (long)hvc_call(PSCI_CPU_ON, VCPU1_MPIDR, (uintptr_t)cell_secondary_entry, 0, 0, 0);
	if (r) {
		console_printf("gictest: checkpoint-race: FAILED CPU_ON vcpu 1 returned %ld\n", r);
		return;
	}
	rounds = race(0);
	report();
	for (unsigned n = 0; n < BEAT_LINES; n++) {
		timer_delay_us(10000);
		console_printf("gictest: checkpoint-race: vcpu 1 beats %u\n", beats);
	}
	(void)*(volatile uint32_t *)FAULT_IPA;
}
