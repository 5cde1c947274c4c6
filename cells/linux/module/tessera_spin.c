// SPDX-License-Identifier: GPL-2.0
/*
 * tessera_spin.ko: a test module (tests/test_monitor.py).  Loading it makes
 * every CPU spin with interrupts off for good, as a kernel bug would: no
 * code of Linux runs again to say so, and only something outside Linux (the
 * monitor cell) can notice.  It is in the initramfs at
 * /lib/modules/test/tessera_spin.ko; never load it but in a test.
 */
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/processor.h>
#include <linux/smp.h>

static void spin(void *unused)
{
	local_irq_disable();
	for (;;)
		cpu_relax();
}

static int __init tessera_spin_init(void)
{
	pr_emerg("tessera_spin: every CPU spins with interrupts off from now on\n");
	on_each_cpu(spin, NULL, 0);
	return 0; /* not reached */
}
module_init(tessera_spin_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Tessera test: spin with interrupts off on every CPU");
