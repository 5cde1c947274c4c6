// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * The kernel report (hypervisor/include/uapi/tessera_watch.h): once, when the
 * module loads from the initramfs's /init, tell the hypervisor where this
 * kernel's code, read-only data, system-call table, page tables and module
 * list are, for the monitor cell's integrity rules.  A cell that no watch
 * names gets -1 and reports nothing.
 *
 * The kernel exports none of this, and Debian's kallsyms holds functions
 * only (no sys_call_table, swapper_pg_dir or __start_rodata); kernel_find.h
 * finds them:
 *   - the code: _stext to _etext, which kallsyms has;
 *   - the top page table: TTBR1_EL1, which is swapper_pg_dir's address;
 *   - the read-only data: _etext up to that page table, which the arm64
 *     linker script puts after the data, the boot-time page tables between;
 *   - the system-call table: the one place in the read-only data that holds
 *     the entry points of read, write and close at their numbers;
 *   - the module list's head: the one node of our own module's list that is
 *     in the kernel image.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include <tessera.h>
#include <tessera_watch.h>

#include "kernel_find.h"
#include "report.h"

/*
 * Our own node's neighbours lead to the head: the one node in the kernel
 * image (kimage_vaddr on; .data lies well within KIMAGE_SPAN of it), not in
 * the module region where module_alloc puts every module of a system that
 * has not filled it.
 */
#define KIMAGE_SPAN (128ul << 20)

static unsigned long find_module_list(void)
{
	struct list_head *p;
	unsigned long head = 0;
	int steps = 0;

	rcu_read_lock();
	for (p = THIS_MODULE->list.next; p != &THIS_MODULE->list && steps < 4096;
	     p = p->next, steps++) {
		unsigned long va = (unsigned long)p;

		if (va - kimage_vaddr < KIMAGE_SPAN && (va < MODULES_VADDR || va >= MODULES_END)) {
			head = va;
			break;
		}
	}
	rcu_read_unlock();
	return head;
}

static int fill(struct tessera_kernel_report *r)
{
	kernel_lookup_fn lookup = kernel_find_lookup();
	unsigned long text, etext, rodata, rodata_len;
	unsigned long *table;

	if (!lookup) {
		pr_err("kernel report: kallsyms_lookup_name not found\n");
		return -ENOENT;
	}
	text = lookup("_stext");
	etext = lookup("_etext");
	rodata_len = kernel_rodata(lookup, &rodata);
	table = kernel_syscall_table(lookup);
	r->modules = find_module_list();
	if (!text || !etext || !rodata_len || !table || !r->modules) {
		pr_err("kernel report: layout not found (text %d, rodata %d, sys_call_table %d, "
		       "module list %d)\n",
		       !!text, !!rodata_len, !!table, !!r->modules);
		return -ENOENT;
	}
	r->magic = TESSERA_KERNEL_REPORT_MAGIC;
	r->version = TESSERA_KERNEL_REPORT_VERSION;
	r->text[0] = __pa_symbol(text);
	r->text[1] = __pa_symbol(etext);
	r->rodata[0] = __pa_symbol(rodata);
	r->rodata[1] = r->rodata[0] + rodata_len;
	r->syscall_table[0] = __pa_symbol(table);
	r->syscall_table[1] = r->syscall_table[0] + __NR_syscalls * sizeof(*table);
	r->pgd = kernel_pgd();
	r->va_bits = 64 - ((read_sysreg(tcr_el1) >> TCR_T1SZ_OFFSET) & 0x3f);
	r->module_list = offsetof(struct module, list);
	r->module_name = offsetof(struct module, name);
	r->module_name_len = sizeof(((struct module *)0)->name);
	return 0;
}

int tessera_report_init(void)
{
	struct tessera_kernel_report *r = kzalloc(sizeof(*r), GFP_KERNEL);
	struct arm_smccc_res res;
	long ret;

	if (!r)
		return -ENOMEM;
	if (fill(r))
		goto out; /* the rest of the module works without it */
	arm_smccc_1_1_hvc(TESSERA_HVC_KERNEL_REPORT, virt_to_phys(r), sizeof(*r), &res);
	ret = (long)res.a0;
	if (ret == TESSERA_OK)
		pr_info("kernel report: text %#llx-%#llx, rodata %#llx-%#llx, sys_call_table %#llx "
			"(%d entries), page tables %#llx, %llu-bit VAs\n",
			r->text[0], r->text[1], r->rodata[0], r->rodata[1], r->syscall_table[0],
			__NR_syscalls, r->pgd, r->va_bits);
	else if (ret == TESSERA_DENIED)
		pr_info("kernel report: this boot has reported already\n");
	else if (ret != TESSERA_NOT_SUPPORTED) /* -1: no monitor watches this cell */
		pr_err("kernel report: refused (%ld)\n", ret);
out:
	kfree(r);
	return 0;
}

void tessera_report_exit(void)
{
}
