// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G10 "ipi" (a benchmark, not a pass/fail case): SGI ping-pong between the
 * cell's two vCPUs.  vCPU 0 starts vCPU 1 with PSCI CPU_ON (over HVC: the
 * conduit of QEMU virt without EL2 too, see its DTB's /psci), then 1000
 * times sends SGI 1 to it and waits in wfi for the reply, which vCPU 1's
 * handler sends back (its first one says it is up).  One-way cost = vCPU 1's handler-entry CNTVCT minus
 * the CNTVCT read just before the send, averaged:
 *   gictest: ipi_ns=<one-way send to handler, ns>
 *   gictest: ipi: ok <rounds> round trips, round trip <ns> ns
 * (62.5 MHz counter: 16 ns resolution per sample; under QEMU
 * -icount shift=0,sleep=off 1 ns is one instruction).
 */
#include <stdint.h>

#include "cell.h"
#include "gictest.h"
#include "hvc.h"
#include "timer.h"

#define PSCI_CPU_ON 0xc4000003u
#define IPI_SGI 1
#define IPI_ROUNDS 1000
#define IPI_UP_TIMEOUT_US 1000000
#define IPI_REPLY_TIMEOUT_US 100000
#define VCPU1_MPIDR 0x1ul /* Aff0 = 1: cpu@1 in both device trees */

extern char rtos_vectors[]; /* rtos_vectors.S: cells/rtos's table */

static volatile unsigned vcpu1_ready, requests, replies, other_irqs;
static volatile uint64_t sent_at, oneway_ticks;
static uint64_t vcpu0_mpidr;

void gictest_irq(uint32_t intid, uint64_t now)
{
	if (intid != IPI_SGI) {
		other_irqs++;
	} else if (gictest_mpidr() == vcpu0_mpidr) {
		replies++;
	} else {
		oneway_ticks += now - sent_at;
		requests++;
		sgi_send(vcpu0_mpidr, IPI_SGI);
	}
	gic_eoi(intid);
}

void cell_secondary_main(uint64_t dtb)
{
	asm volatile("msr vbar_el1, %0\n\tisb" : : "r"(rtos_vectors));
	/* gic_init again, for this vCPU's redistributor and CPU interface
	 * (vCPU 0 is done with the GIC code's static state by now). */
	if (gic_init(dtb) || gic_enable_private(IPI_SGI, GICTEST_PRIO))
		console_puts("gictest: ipi: FAILED vCPU 1 GIC bring-up\n");
	vcpu1_ready = 1;
	sgi_send(vcpu0_mpidr, IPI_SGI); /* counts as a reply */
	irq_unmask();
	for (;;)
		asm volatile("wfi" ::: "memory");
}

/** Waits in wfi, IRQs masked, for replies to pass before: wfi still wakes
 *  on a pending interrupt, which is then taken between the unmask and the
 *  mask.  Returns 0 on timeout (checked whenever something wakes us). */
static int wait_reply(unsigned before, uint64_t timeout_us)
{
	uint64_t until = timer_now() + timer_us_to_ticks(timeout_us);

	while (replies == before && (int64_t)(timer_now() - until) < 0) {
		asm volatile("wfi" ::: "memory");
		irq_unmask();
		irq_mask();
	}
	return replies != before;
}

void gictest_run(uintptr_t dtb)
{
	uint64_t t_on, rt_ticks = 0;
	unsigned k;
	long r;

	vcpu0_mpidr = gictest_mpidr();
	gic_enable_private(IPI_SGI, GICTEST_PRIO);
	t_on = timer_now();
	r = (long)hvc_call(PSCI_CPU_ON, VCPU1_MPIDR, (uintptr_t)cell_secondary_entry, dtb, 0, 0);
	if (!wait_reply(0, IPI_UP_TIMEOUT_US) || !vcpu1_ready) {
		console_printf("gictest: ipi: FAILED vCPU 1 did not come up (CPU_ON %ld)\n", r);
		return;
	}
	console_printf("gictest: ipi: vCPU 1 up after %lu us\n",
		       timer_ticks_to(timer_now() - t_on, 1000000));
	for (k = 0; k < IPI_ROUNDS; k++) {
		unsigned before = replies;
		uint64_t t0 = timer_now();

		sent_at = t0;
		sgi_send(VCPU1_MPIDR, IPI_SGI);
		if (!wait_reply(before, IPI_REPLY_TIMEOUT_US))
			break;
		rt_ticks += timer_now() - t0;
	}
	if (k < IPI_ROUNDS || requests != IPI_ROUNDS || other_irqs) {
		console_printf(
			"gictest: ipi: FAILED %u of %u round trips (%u requests, %u other)\n", k,
			IPI_ROUNDS, requests, other_irqs);
		return;
	}
	console_printf("gictest: ipi_ns=%lu\n", timer_ticks_to(oneway_ticks, 1000000000) / k);
	console_printf("gictest: ipi: ok %u round trips, round trip %lu ns\n", k,
		       timer_ticks_to(rt_ticks, 1000000000) / k);
}
