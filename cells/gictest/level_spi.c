// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * G9a "level_spi": a level SPI whose handler EOIs before it clears the
 * device.  The PL031 given to the cell (devices: [rtc0], INTID 34, level
 * high) raises 3 alarms, 1 s apart; the handler acknowledges, EOIs
 * (EOImode 0: drop and deactivate) and only then clears the RTC's interrupt.
 * On hardware the line is low again before IRQs are unmasked, so each alarm
 * is taken exactly once.
 */
#include <stdint.h>

#include "gictest.h"
#include "timer.h"

#define RTC_BASE 0x09010000ul
#define RTC_INTID 34
#define RTC_DR 0x00
#define RTC_MR 0x04
#define RTC_CR 0x0c
#define RTC_IMSC 0x10
#define RTC_ICR 0x1c
#define RTC_PERIPHID0 0xfe0
#define RTC_ALARMS 3

static volatile unsigned rtc_irqs, other_irqs;

void gictest_irq(uint32_t intid, uint64_t now)
{
	(void)now;
	gic_eoi(intid); /* first: the line is still high */
	if (intid == RTC_INTID) {
		mmio_write32(RTC_BASE + RTC_ICR, 1); /* then the device */
		rtc_irqs++;
	} else {
		other_irqs++;
	}
}

/** Read-modify-write of INTID i's field of a GICD register. */
static void gicd_field(unsigned reg, unsigned i, unsigned bits, uint32_t val)
{
	uintptr_t a = GICD_BASE + reg + (i * bits / 32) * 4;
	unsigned shift = i * bits % 32;
	uint32_t mask = ((1u << bits) - 1) << shift;

	mmio_write32(a, (mmio_read32(a) & ~mask) | (val << shift & mask));
}

void gictest_run(uintptr_t dtb)
{
	unsigned counts[RTC_ALARMS], k, ok = 1;

	(void)dtb;
	if ((mmio_read32(RTC_BASE + RTC_PERIPHID0) & 0xff) != 0x31) {
		console_puts("gictest: level_spi: FAILED no PL031 at 0x09010000\n");
		return;
	}
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	mmio_write32(RTC_BASE + RTC_ICR, 1);
	mmio_write32(RTC_BASE + RTC_CR, 1);
	gicd_field(GICD_IGROUPR, RTC_INTID, 1, 1);
	gicd_field(GICD_ICFGR, RTC_INTID, 2, 0); /* level-sensitive */
	gicd_field(GICD_IPRIORITYR, RTC_INTID, 8, GICTEST_PRIO);
	mmio_write64(GICD_BASE + GICD_IROUTER + 8 * RTC_INTID, gictest_mpidr());
	mmio_write32(GICD_BASE + GICD_ICPENDR + 4, 1u << (RTC_INTID % 32));
	mmio_write32(GICD_BASE + GICD_ISENABLER + 4, 1u << (RTC_INTID % 32));
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	irq_unmask();

	for (k = 0; k < RTC_ALARMS; k++) {
		unsigned before = rtc_irqs;
		uint64_t until = timer_now() + timer_us_to_ticks(3000000);

		mmio_write32(RTC_BASE + RTC_MR, mmio_read32(RTC_BASE + RTC_DR) + 1);
		while (rtc_irqs == before && (int64_t)(timer_now() - until) < 0)
			asm volatile("wfi" ::: "memory");
		timer_delay_us(50000); /* a second delivery would come now */
		counts[k] = rtc_irqs - before;
		ok &= counts[k] == 1;
	}
	irq_mask();
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	console_printf("gictest: level_spi: %s alarms handled %u %u %u times, "
		       "%u spurious, %u other\n",
		       ok && !other_irqs ? "ok" : "FAILED", counts[0], counts[1], counts[2],
		       gictest_spurious, other_irqs);
}
