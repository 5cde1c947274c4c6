// SPDX-License-Identifier: GPL-2.0
/*
 * tessera_stray.ko: a test module (tests/test_monitor.py) that does nothing
 * but be loaded: a module no allow list names, for the monitor cell's
 * modules rule to find.  In the initramfs at /lib/modules/test/.
 */
#include <linux/module.h>

static int __init tessera_stray_init(void)
{
	pr_info("tessera_stray: loaded\n");
	return 0;
}
module_init(tessera_stray_init);

static void __exit tessera_stray_exit(void)
{
}
module_exit(tessera_stray_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Tessera test: a module that no allow list names");
