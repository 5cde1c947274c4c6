/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Copyright (c) 2026 The Tessera authors */
/*
 * What a watched cell's kernel says of itself, once per boot of the cell
 * (TESSERA_HVC_KERNEL_REPORT), and what the monitor cell reads back
 * (TESSERA_HVC_WATCH_REPORT): where the monitor's integrity rules look.
 * IPAs are the watched cell's guest-physical addresses, VAs its kernel's
 * virtual ones.
 *
 * Trust: a kernel reports before it runs any code it does not trust (Linux:
 * from its initramfs's /init), and the hypervisor keeps only the first
 * report of each boot of the cell.  Code that runs later can neither take it
 * back nor send another.
 */
#ifndef TESSERA_WATCH_H
#define TESSERA_WATCH_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/* Integrity rules a watch may have (the generator checks it; the hypervisor keeps a
 * reference value for each). */
#define TESSERA_WATCH_RULES_MAX 16

#define TESSERA_KERNEL_REPORT_MAGIC 0x5452504bu /* "KPRT" in memory (little-endian) */
#define TESSERA_KERNEL_REPORT_VERSION 1u

struct tessera_kernel_report {
	uint32_t magic; /* TESSERA_KERNEL_REPORT_MAGIC */
	uint32_t version; /* TESSERA_KERNEL_REPORT_VERSION */
	uint64_t text[2]; /* IPA range [start, end) of the kernel's code: _stext, _etext */
	uint64_t rodata[2]; /* its read-only data: __start_rodata, __end_rodata */
	uint64_t syscall_table[2]; /* sys_call_table: __NR_syscalls pointers of 8 bytes */
	uint64_t pgd; /* IPA of the kernel's top page table, swapper_pg_dir */
	uint64_t va_bits; /* its kernel VA size, 64 - TCR_EL1.T1SZ; 4 KiB pages */
	uint64_t modules; /* VA of the list head of loaded modules ('modules') */
	uint32_t module_list; /* offsetof(struct module, list) */
	uint32_t module_name; /* offsetof(struct module, name) */
	uint32_t module_name_len; /* sizeof(struct module.name) */
	uint32_t reserved; /* 0 */
};

_Static_assert(sizeof(struct tessera_kernel_report) == 96, "the report is 96 bytes");

#endif /* TESSERA_WATCH_H */
