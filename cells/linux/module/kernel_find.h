/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Finding what the stock kernel does not export, for the kernel report
 * (report.c) and the test module that plays a rootkit (tessera_hook.c).
 * Debian's kallsyms holds functions only (no CONFIG_KALLSYMS_ALL), and
 * kallsyms_lookup_name itself is not exported: it is found through a kprobe,
 * removed again (the instruction it patched put back) at once.  Static
 * functions in a header: each module that includes it gets its own copy.
 */
#ifndef TESSERA_KERNEL_FIND_H
#define TESSERA_KERNEL_FIND_H

#include <linux/kprobes.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/unistd.h>

#define KERNEL_RODATA_MAX (64ul << 20) /* more after _etext: not arm64's layout */
#define TTBR_BADDR_4K GENMASK_ULL(47, 12)

typedef unsigned long (*kernel_lookup_fn)(const char *name);

static kernel_lookup_fn kernel_find_lookup(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	kernel_lookup_fn fn;

	if (register_kprobe(&kp))
		return NULL;
	fn = (kernel_lookup_fn)kp.addr;
	unregister_kprobe(&kp);
	return fn;
}

/* The top page table (swapper_pg_dir): TTBR1_EL1 holds its physical address. */
static inline phys_addr_t kernel_pgd(void)
{
	return read_sysreg(ttbr1_el1) & TTBR_BADDR_4K;
}

/*
 * The read-only data: from _etext up to the top page table, which the arm64
 * linker script puts after it (the boot-time page tables in between).  Its
 * VA in *start, its length returned; 0 if the layout is not that.
 */
static unsigned long kernel_rodata(kernel_lookup_fn lookup, unsigned long *start)
{
	unsigned long etext = lookup("_etext");
	phys_addr_t from, to = kernel_pgd();

	if (!etext)
		return 0;
	from = __pa_symbol(etext);
	if (to <= from || to - from > KERNEL_RODATA_MAX)
		return 0;
	*start = etext;
	return to - from;
}

/* The system-call table: the one place in the read-only data whose read,
 * write and close entries are those functions. */
static unsigned long *kernel_syscall_table(kernel_lookup_fn lookup)
{
	unsigned long read = lookup("__arm64_sys_read"), write = lookup("__arm64_sys_write");
	unsigned long close = lookup("__arm64_sys_close"), start, len, i;
	unsigned long *words;

	len = kernel_rodata(lookup, &start);
	if (!len || !read || !write || !close)
		return NULL;
	words = (unsigned long *)start;
	for (i = 0; i + __NR_syscalls <= len / sizeof(*words); i++)
		if (words[i + __NR_read] == read && words[i + __NR_write] == write &&
		    words[i + __NR_close] == close)
			return words + i;
	return NULL;
}

#endif /* TESSERA_KERNEL_FIND_H */
