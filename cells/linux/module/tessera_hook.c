// SPDX-License-Identifier: GPL-2.0
/*
 * tessera_hook.ko: a test module (tests/test_monitor.py) that does to the
 * system-call table what a rootkit does: it finds the table (kernel_find.h),
 * maps the read-only page that holds getppid's entry a second time, writable
 * (vmap), and points that entry at getpid.  Linux's own protections do not
 * see it; only something outside Linux (the monitor cell's syscall_table
 * rule) can.  In the initramfs at /lib/modules/test/tessera_hook.ko; never
 * load it but in a test.
 */
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/vmalloc.h>

#include "kernel_find.h"

static int __init tessera_hook_init(void)
{
	kernel_lookup_fn lookup = kernel_find_lookup();
	unsigned long *table = lookup ? kernel_syscall_table(lookup) : NULL;
	unsigned long *target, *alias, old;
	struct page *page;
	void *map;

	if (!table) {
		pr_err("tessera_hook: no system-call table found\n");
		return -ENOENT;
	}
	target = &table[__NR_getppid];
	page = phys_to_page(__pa_symbol(target));
	map = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	if (!map)
		return -ENOMEM;
	alias = map + offset_in_page(target);
	old = READ_ONCE(*alias);
	WRITE_ONCE(*alias, table[__NR_getpid]);
	vunmap(map);
	pr_info("tessera_hook: sys_call_table[%d] at %#llx: %px -> %px\n", __NR_getppid,
		(unsigned long long)__pa_symbol(target), (void *)old, (void *)READ_ONCE(*target));
	return 0;
}
module_init(tessera_hook_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Tessera test: overwrite a system-call table entry, as a rootkit would");
