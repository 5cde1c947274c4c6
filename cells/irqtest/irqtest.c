// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * A cell that exercises its virtual GICv3.  One source, two variants
 * (cells.mk passes the variant):
 *
 *   -DIRQTEST_OVERFLOW  With IRQs masked, raises all 16 SGIs to itself (four
 *     times what QEMU's Cortex-A57 has list registers for), unmasks and counts
 *     the deliveries per INTID:
 *       irqtest: sgi received <n> of 16, each once: yes|no
 *     Then, for SGIs 0..7 one after the other, raises the SGI again from its
 *     own handler (pending while active) and the next one too, so each of the
 *     eight must arrive exactly twice:
 *       irqtest: sgi re-raised while active <n> of 8, each twice: yes|no
 *     and "irqtest: overflow ok" if both held.
 *
 *   -DIRQTEST_RTC  Uses the PL031 given to the cell (devices: [rtc0], MMIO
 *     0x09010000, SPI 2 = INTID 34, level high): three times, sets the match
 *     register to now + 1 s, waits for the interrupt, clears it in the handler:
 *       irqtest: rtc alarm <k> at <seconds>
 *     and "irqtest: rtc ok" if each alarm came exactly once and not early.
 *
 * Both then print "tick N" every 100 ms.  -DBARE: no hypercalls, for QEMU alone
 * (-M virt,gic-version=3).  Only single 32-bit (64-bit for GICD_IROUTER)
 * loads and stores reach the GIC and the RTC: the hypervisor emulates the GIC
 * from the fault syndrome.
 */
#include <stdint.h>

#include "../rtos/gic.h"
#include "cell.h"
#include "console.h"
#include "timer.h"

#if defined(IRQTEST_OVERFLOW) == defined(IRQTEST_RTC)
#error "define exactly one of IRQTEST_OVERFLOW and IRQTEST_RTC"
#endif

#define IRQTEST_PRIO 0xa0

/* The cell's GIC layout (the QEMU virt one, which Tessera keeps). */
#define GICD_BASE 0x08000000ul
#define GICR_BASE 0x080a0000ul
#define GICR_SGI 0x10000ul
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ICPENDR 0x0280
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000 /* + 8 * INTID */
#define GICR_ISPENDR0 0x0200

extern char rtos_vectors[]; /* rtos_vectors.S: cells/rtos's table */

static uint32_t mmio_read32(uintptr_t a)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static __attribute__((unused)) void mmio_write32(uintptr_t a, uint32_t v)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static __attribute__((unused)) uint64_t mmio_read64(uintptr_t a)
{
	uint64_t v;

	asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static __attribute__((unused)) void mmio_write64(uintptr_t a, uint64_t v)
{
	asm volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static uint64_t irqtest_mpidr(void)
{
	uint64_t v;

	asm volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

static __attribute__((unused)) void irqtest_mask(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
}

static void irqtest_unmask(void)
{
	asm volatile("msr daifclr, #2\n\tisb" ::: "memory");
}

static void irqtest_halt(const char *why)
{
	console_printf("irqtest: %s\n", why);
	for (;;)
		asm volatile("wfi");
}

#ifdef IRQTEST_OVERFLOW

#define NSGI 16
#define NNESTED 8

static volatile unsigned sgi_count[NSGI];
static volatile unsigned sgi_spurious, sgi_other;
static volatile int nested_phase; /* handler re-raises SGI 0..7 */
static volatile unsigned nested_raised[NNESTED];

/** ICC_SGI1R_EL1 for SGI intid to this vCPU only (target list, not IRM). */
static void sgi_to_self(unsigned intid)
{
	uint64_t m = irqtest_mpidr();
	uint64_t v = (uint64_t)intid << 24 | 1ull << (m & 0xf) |
		     ((m >> 8) & 0xff) << 16 | /* Aff1 */
		     ((m >> 16) & 0xff) << 32 | /* Aff2 */
		     ((m >> 32) & 0xff) << 48 | /* Aff3 */
		     ((m & 0xff) >> 4) << 44; /* RS: Aff0 / 16 */

	asm volatile("dsb ishst\n\tmsr S3_0_C12_C11_5, %0\n\tisb" /* ICC_SGI1R_EL1 */
		     :
		     : "r"(v)
		     : "memory");
}

/* Called by the rtos vector table with the entry timestamp, unused here. */
void rtos_irq(uint64_t now);
void rtos_irq(uint64_t now)
{
	uint32_t intid = gic_ack();

	(void)now;
	if (intid >= GIC_INTID_SPURIOUS) {
		sgi_spurious++;
		return;
	}
	if (intid < NSGI) {
		unsigned n = ++sgi_count[intid];

		/* First delivery in the nested phase: raise the same SGI again
		 * while it is active (it must come back once, after the EOI),
		 * then the next one, which must wait for this EOI too. */
		if (nested_phase && intid < NNESTED && n == 1) {
			nested_raised[intid]++;
			sgi_to_self(intid);
			if (intid + 1 < NNESTED)
				sgi_to_self(intid + 1);
		}
	} else {
		sgi_other++;
	}
	gic_eoi(intid);
}

static unsigned sgi_total(void)
{
	unsigned i, t = 0;

	for (i = 0; i < NSGI; i++)
		t += sgi_count[i];
	return t;
}

/** Waits, IRQs unmasked, until want deliveries arrived or timeout; then a
 *  little longer so that duplicates would show. */
static void sgi_wait(unsigned want, uint64_t timeout_us)
{
	uint64_t until = timer_now() + timer_us_to_ticks(timeout_us);

	irqtest_unmask();
	while (sgi_total() < want && (int64_t)(timer_now() - until) < 0)
		;
	timer_delay_us(20000);
	irqtest_mask();
}

static void sgi_print_counts(void)
{
	unsigned i;

	console_puts("irqtest: counts");
	for (i = 0; i < NSGI; i++)
		console_printf(" %u:%u", i, sgi_count[i]);
	console_printf(" spurious:%u other:%u\n", sgi_spurious, sgi_other);
}

static void irqtest_run(void)
{
	unsigned i, got = 0, once = 1, twice = 1;
	uint32_t pend;

	for (i = 0; i < NSGI; i++)
		if (gic_enable_private(i, IRQTEST_PRIO))
			irqtest_halt("cannot enable SGIs");

	/* Phase 1: 16 SGIs raised while masked, 4 list registers. */
	irqtest_mask();
	for (i = 0; i < NSGI; i++)
		sgi_to_self(i);
	/* Informational: what the redistributor says is pending (under
	 * Tessera only what waits outside the list registers). */
	pend = mmio_read32(GICR_BASE + GICR_SGI + GICR_ISPENDR0);
	console_printf("irqtest: raised %u SGIs with IRQs masked, "
		       "GICR_ISPENDR0=0x%08x\n",
		       NSGI, pend);
	sgi_wait(NSGI, 500000);
	for (i = 0; i < NSGI; i++) {
		got += sgi_count[i] != 0;
		once &= sgi_count[i] == 1;
	}
	once &= !sgi_other;
	console_printf("irqtest: sgi received %u of %u, each once: %s\n", got, NSGI,
		       once ? "yes" : "no");
	if (!once)
		sgi_print_counts();

	/* Phase 2: pending while active, one SGI after the other. */
	for (i = 0; i < NSGI; i++)
		sgi_count[i] = 0;
	nested_phase = 1;
	sgi_to_self(0);
	sgi_wait(2 * NNESTED, 500000);
	nested_phase = 0;
	got = 0;
	for (i = 0; i < NSGI; i++) {
		if (i < NNESTED) {
			got += nested_raised[i] == 1 && sgi_count[i] == 2;
			twice &= nested_raised[i] == 1 && sgi_count[i] == 2;
		} else {
			twice &= sgi_count[i] == 0;
		}
	}
	twice &= !sgi_other;
	console_printf("irqtest: sgi re-raised while active %u of %u, "
		       "each twice: %s\n",
		       got, NNESTED, twice ? "yes" : "no");
	if (!twice)
		sgi_print_counts();
	if (once && twice)
		console_puts("irqtest: overflow ok\n");
	else
		console_puts("irqtest: overflow FAILED\n");
	irqtest_unmask();
}

#else /* IRQTEST_RTC */

#define RTC_BASE 0x09010000ul
#define RTC_INTID 34
#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_CR 0x0c
#define RTC_IMSC 0x10
#define RTC_RIS 0x14
#define RTC_ICR 0x1c
#define RTC_PERIPHID0 0xfe0
#define RTC_ALARMS 3

static volatile unsigned rtc_irqs, rtc_other, rtc_spurious;
static volatile uint32_t rtc_when; /* RTCDR in the handler */
static volatile uint32_t rtc_ris_after; /* RTCRIS after the clear */

/* Called by the rtos vector table with the entry timestamp, unused here. */
void rtos_irq(uint64_t now);
void rtos_irq(uint64_t now)
{
	uint32_t intid = gic_ack();

	(void)now;
	if (intid >= GIC_INTID_SPURIOUS) {
		rtc_spurious++;
		return;
	}
	if (intid == RTC_INTID) {
		rtc_when = mmio_read32(RTC_BASE + RTC_DR);
		mmio_write32(RTC_BASE + RTC_ICR, 1);
		rtc_ris_after = mmio_read32(RTC_BASE + RTC_RIS);
		rtc_irqs++;
	} else {
		rtc_other++;
	}
	gic_eoi(intid);
}

/** Read-modify-write of the byte or bit field of INTID i in a GICD word. */
static void gicd_field(unsigned reg, unsigned i, unsigned bits, uint32_t val)
{
	uintptr_t a = GICD_BASE + reg + (i * bits / 32) * 4;
	unsigned shift = i * bits % 32;
	uint32_t mask = (bits == 32 ? ~0u : (1u << bits) - 1) << shift;

	mmio_write32(a, (mmio_read32(a) & ~mask) | (val << shift & mask));
}

static void irqtest_run(void)
{
	uint64_t m = irqtest_mpidr();
	uint64_t aff = (m & 0xffffff) | (m & 0xff00000000ull);
	uint32_t id[4], en;
	unsigned k, ok = 1;

	for (k = 0; k < 4; k++)
		id[k] = mmio_read32(RTC_BASE + RTC_PERIPHID0 + 4 * k) & 0xff;
	console_printf("irqtest: pl031 periphid %02x %02x %02x %02x\n", id[0], id[1], id[2], id[3]);
	if (id[0] != 0x31 || id[1] != 0x10)
		irqtest_halt("no PL031 at 0x09010000; rtc FAILED");

	/* The RTC quiet first, then its SPI: group 1, level, priority, routed
	 * to us, enabled. */
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	mmio_write32(RTC_BASE + RTC_ICR, 1);
	mmio_write32(RTC_BASE + RTC_CR, 1);
	gicd_field(GICD_IGROUPR, RTC_INTID, 1, 1);
	gicd_field(GICD_ICFGR, RTC_INTID, 2, 0); /* level-sensitive */
	gicd_field(GICD_IPRIORITYR, RTC_INTID, 8, IRQTEST_PRIO);
	mmio_write64(GICD_BASE + GICD_IROUTER + 8 * RTC_INTID, aff);
	mmio_write32(GICD_BASE + GICD_ICPENDR + 4, 1u << (RTC_INTID % 32));
	mmio_write32(GICD_BASE + GICD_ISENABLER + 4, 1u << (RTC_INTID % 32));
	en = mmio_read32(GICD_BASE + GICD_ISENABLER + 4);
	console_printf("irqtest: rtc intid %u enabled %u, IROUTER 0x%lx "
		       "(MPIDR 0x%lx)\n",
		       RTC_INTID, en >> (RTC_INTID % 32) & 1,
		       mmio_read64(GICD_BASE + GICD_IROUTER + 8 * RTC_INTID), m);
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	irqtest_unmask();

	for (k = 1; k <= RTC_ALARMS; k++) {
		uint32_t now = mmio_read32(RTC_BASE + RTC_DR);
		uint32_t match = now + 1;
		unsigned before = rtc_irqs;
		uint64_t until = timer_now() + timer_us_to_ticks(3000000);

		mmio_write32(RTC_BASE + RTC_MR, match);
		while (rtc_irqs == before && (int64_t)(timer_now() - until) < 0)
			asm volatile("wfi" ::: "memory");
		if (rtc_irqs == before) {
			console_printf("irqtest: rtc alarm %u: no interrupt "
				       "within 3 s (RIS %u, DR %u, MR %u)\n",
				       k, mmio_read32(RTC_BASE + RTC_RIS),
				       mmio_read32(RTC_BASE + RTC_DR), match);
			ok = 0;
			break;
		}
		/* A level interrupt that was cleared must not come back. */
		timer_delay_us(50000);
		console_printf("irqtest: rtc alarm %u at %u\n", k, rtc_when);
		if (rtc_irqs != before + 1 || rtc_when < match || rtc_ris_after) {
			console_printf("irqtest: rtc alarm %u: %u interrupt(s), "
				       "at %u for match %u, RIS after clear %u\n",
				       k, rtc_irqs - before, rtc_when, match, rtc_ris_after);
			ok = 0;
		}
	}
	if (rtc_other || rtc_spurious)
		console_printf("irqtest: rtc: %u other, %u spurious interrupt(s)\n", rtc_other,
			       rtc_spurious);
	ok &= !rtc_other;
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	console_puts(ok ? "irqtest: rtc ok\n" : "irqtest: rtc FAILED\n");
}

#endif

void cell_main(uintptr_t dtb)
{
#ifndef BARE
	char name[CELL_NAME_LEN + 1];
	long id = cell_id(name);

	console_printf("irqtest: cell %ld '%s'\n", id, name);
#endif
	asm volatile("msr vbar_el1, %0\n\tisb" : : "r"(rtos_vectors));
	if (gic_init(dtb))
		irqtest_halt("gic_init failed");
	irqtest_run();
	cell_tick(0);
}
