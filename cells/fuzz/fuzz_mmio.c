// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * MMIO fuzzer (the fuzz-mmio cells).  Makes FUZZ_MMIO_ACCESSES random single
 * loads and stores, from the fixed seed FUZZ_MMIO_SEED, to the cell's emulated
 * devices: the GIC distributor, its one redistributor frame and the PL011.
 * Sizes 1, 2, 4 and 8, aligned and not, zero- and sign-extending loads, loads
 * into and stores from the zero register, random values.  Every load is checked
 * for what holds whatever the register: the extension the instruction asks for,
 * and zero for an unaligned access.  Writes that overlap the PL011 DR or CR are
 * left out so the console stays usable.  Then it ticks.
 *
 * With the MMU off all accesses are Device memory, where an unaligned access
 * faults at EL1 before the hypervisor sees it.  So the cell maps itself first:
 * VA = IPA for RAM (Normal) and the devices (Device-nGnRE), plus a Normal alias
 * of the devices at FUZZ_ALIAS through which the unaligned accesses go.
 *
 * With FUZZ_MMIO_PAST_END it then reads the frame just past its last
 * redistributor, which nothing emulates: the hypervisor must stop the cell.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#define PL011_VIRT_BASE 0x09000000ul /* qemu-virt's console, as every cell there sees it */
#include "prng.h"

#ifndef FUZZ_MMIO_ACCESSES
#define FUZZ_MMIO_ACCESSES 50000
#endif
#ifndef FUZZ_MMIO_SEED
#define FUZZ_MMIO_SEED 0x6d6d696f2026f0a1ull
#endif
#define FUZZ_PROGRESS 10000
#define FUZZ_MAX_REPORTS 20
#define FUZZ_POISON 0xa5a5a5a5a5a5a5a5ull /* a load's register before it */

/* QEMU virt, GICv3, one vCPU: what the cell's DTB says. */
#define FUZZ_GICD 0x08000000ul
#define FUZZ_GICR 0x080a0000ul
#define FUZZ_GICR_FRAME 0x20000ul
#define FUZZ_ALIAS 0x80000000ul /* VA of the Normal alias of IPA 0..1 GiB */

enum fuzz_op {
	LDRB,
	LDRH,
	LDRW,
	LDRX,
	LDRSBW,
	LDRSBX,
	LDRSHW,
	LDRSHX,
	LDRSW,
	LDRWZR,
	STRB,
	STRH,
	STRW,
	STRX,
	STRXZR,
	FUZZ_OPS,
	FUZZ_FIRST_STORE = STRB,
};

static const uint8_t fuzz_size[FUZZ_OPS] = { 1, 2, 4, 8, 1, 1, 2, 2, 4, 4, 1, 2, 4, 8, 8 };
static const char *const fuzz_name[FUZZ_OPS] = {
	"ldrb",	 "ldrh",    "ldr w", "ldr x", "ldrsb w", "ldrsb x", "ldrsh w", "ldrsh x",
	"ldrsw", "ldr wzr", "strb",  "strh",  "str w",	 "str x",   "str xzr",
};

/* Where the registers are, so most accesses hit one. */
struct fuzz_window {
	uint32_t off, len;
};

struct fuzz_region {
	const char *name;
	uintptr_t base;
	uint32_t size;
	struct fuzz_window hot[4];
};

static const struct fuzz_region fuzz_regions[] = {
	{ "gicd", FUZZ_GICD, 0x10000, { { 0, 0x1000 }, { 0x6000, 0x2000 }, { 0xffc0, 0x40 } } },
	{ "gicr",
	  FUZZ_GICR,
	  FUZZ_GICR_FRAME,
	  { { 0, 0x100 }, { 0xffc0, 0x40 }, { 0x10000, 0x1000 }, { 0x1ffc0, 0x40 } } },
	{ "uart", PL011_VIRT_BASE, 0x1000, { { 0, 0x100 }, { 0xfc0, 0x40 } } },
};
#define FUZZ_REGIONS (sizeof(fuzz_regions) / sizeof(fuzz_regions[0]))

static struct {
	struct prng prng;
	unsigned accesses, loads, stores, unaligned, bad;
	unsigned per_region[FUZZ_REGIONS];
} fuzz;

/* Level 1, 4 KiB granule, 4 GiB of VA: 1 GiB blocks. */
#define PTE_BLOCK 1ull
#define PTE_ATTR(i) ((uint64_t)(i) << 2) /* MAIR index: 0 Device, 1 Normal */
#define PTE_ISH (3ull << 8)
#define PTE_AF (1ull << 10)
#define PTE_XN (3ull << 53)
#define FUZZ_MAIR 0x4404ull /* Device-nGnRE, Normal non-cacheable */
#define FUZZ_TCR ((2ull << 30) | (1ull << 23) | 32) /* TG1 4K, EPD1, T0SZ 32 */

static uint64_t fuzz_l1[4] __attribute__((aligned(4096)));

static void fuzz_mmu_on(void)
{
	uint64_t sctlr;

	fuzz_l1[0] = 0x00000000 | PTE_BLOCK | PTE_ATTR(0) | PTE_AF | PTE_XN;
	fuzz_l1[1] = CELL_RAM_BASE | PTE_BLOCK | PTE_ATTR(1) | PTE_ISH | PTE_AF;
	fuzz_l1[FUZZ_ALIAS >> 30] = 0x00000000 | PTE_BLOCK | PTE_ATTR(1) | PTE_ISH | PTE_AF |
				    PTE_XN;
	asm volatile("dsb ish\n\t"
		     "msr mair_el1, %0\n\t"
		     "msr tcr_el1, %1\n\t"
		     "msr ttbr0_el1, %2\n\t"
		     "isb\n\t"
		     "tlbi vmalle1\n\t"
		     "dsb nsh\n\t"
		     "isb"
		     :
		     : "r"(FUZZ_MAIR), "r"(FUZZ_TCR), "r"(fuzz_l1)
		     : "memory");
	asm volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr = (sctlr | 1) & ~2ull; /* M on, alignment checks off */
	asm volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
}

/* One instruction each, base register only: always a valid syndrome. */
#define FUZZ_LD(insn, reg) asm volatile(insn " %" reg "0, [%1]" : "+r"(v) : "r"(va) : "memory")
#define FUZZ_ST(insn, reg) asm volatile(insn " %" reg "0, [%1]" : : "r"(v), "r"(va) : "memory")

static uint64_t fuzz_access(enum fuzz_op op, uintptr_t va, uint64_t v)
{
	switch (op) {
	case LDRB:
		FUZZ_LD("ldrb", "w");
		break;
	case LDRH:
		FUZZ_LD("ldrh", "w");
		break;
	case LDRW:
		FUZZ_LD("ldr", "w");
		break;
	case LDRX:
		FUZZ_LD("ldr", "x");
		break;
	case LDRSBW:
		FUZZ_LD("ldrsb", "w");
		break;
	case LDRSBX:
		FUZZ_LD("ldrsb", "x");
		break;
	case LDRSHW:
		FUZZ_LD("ldrsh", "w");
		break;
	case LDRSHX:
		FUZZ_LD("ldrsh", "x");
		break;
	case LDRSW:
		FUZZ_LD("ldrsw", "x");
		break;
	case LDRWZR:
		asm volatile("ldr wzr, [%0]" : : "r"(va) : "memory");
		break;
	case STRB:
		FUZZ_ST("strb", "w");
		break;
	case STRH:
		FUZZ_ST("strh", "w");
		break;
	case STRW:
		FUZZ_ST("str", "w");
		break;
	case STRX:
		FUZZ_ST("str", "x");
		break;
	default:
		asm volatile("str xzr, [%0]" : : "r"(va) : "memory");
		break;
	}
	return v;
}

/* A loaded register as the instruction defines it, from its low bytes. */
static uint64_t fuzz_extend(enum fuzz_op op, uint64_t v)
{
	switch (op) {
	case LDRB:
		return (uint8_t)v;
	case LDRH:
		return (uint16_t)v;
	case LDRW:
		return (uint32_t)v;
	case LDRSBW:
		return (uint32_t)(int32_t)(int8_t)v;
	case LDRSBX:
		return (uint64_t)(int64_t)(int8_t)v;
	case LDRSHW:
		return (uint32_t)(int32_t)(int16_t)v;
	case LDRSHX:
		return (uint64_t)(int64_t)(int16_t)v;
	case LDRSW:
		return (uint64_t)(int64_t)(int32_t)v;
	default:
		return v;
	}
}

/* A store that would silence the console: any byte of the PL011 DR or CR. */
static int fuzz_excluded(const struct fuzz_region *r, uint32_t off, unsigned size)
{
	return r->base == PL011_VIRT_BASE && (off < 0x04 || (off < 0x34 && off + size > 0x30));
}

static void fuzz_one(struct prng *p)
{
	unsigned ri = (unsigned)prng_below(p, FUZZ_REGIONS), nhot = 0;
	const struct fuzz_region *r = &fuzz_regions[ri];
	enum fuzz_op op;
	unsigned size;
	uint32_t off;
	uintptr_t va;
	uint64_t v;

	while (nhot < 4 && r->hot[nhot].len)
		nhot++;
	do {
		op = (enum fuzz_op)prng_below(p, FUZZ_OPS);
		size = fuzz_size[op];
		if (prng_below(p, 4)) {
			const struct fuzz_window *w = &r->hot[prng_below(p, nhot)];
			off = w->off + (uint32_t)prng_below(p, w->len);
		} else {
			off = (uint32_t)prng_below(p, r->size);
		}
		if (prng_below(p, 4)) /* mostly aligned, as drivers do */
			off &= ~(size - 1);
		if (off > r->size - size) /* never past the end of the device */
			off = r->size - size;
	} while (op >= FUZZ_FIRST_STORE && fuzz_excluded(r, off, size));

	/* Unaligned ones through the Normal alias, else mostly the Device map. */
	va = r->base + off;
	if ((off & (size - 1)) || !prng_below(p, 8))
		va += FUZZ_ALIAS;
	v = op >= FUZZ_FIRST_STORE ? prng_next(p) : FUZZ_POISON;
	v = fuzz_access(op, va, v);

	fuzz.accesses++;
	fuzz.per_region[ri]++;
	fuzz.unaligned += (off & (size - 1)) != 0;
	if (op >= FUZZ_FIRST_STORE) {
		fuzz.stores++;
		return;
	}
	fuzz.loads++;
	if (op == LDRWZR || (fuzz_extend(op, v) == v && (!(off & (size - 1)) || v == 0)))
		return;
	if (++fuzz.bad <= FUZZ_MAX_REPORTS)
		console_printf("fuzz-mmio: bad load: access %u %s [%s+0x%x] gave 0x%lx\n",
			       fuzz.accesses, fuzz_name[op], r->name, off, v);
}

/* Identification registers the fuzzing cannot change, read back after it. */
static void fuzz_check_ids(void)
{
	static const struct {
		const char *what;
		uintptr_t addr;
		uint32_t mask, want;
	} ids[] = {
		{ "GICD_CTLR ARE|DS", FUZZ_GICD + 0x0000, 0x50, 0x50 },
		{ "GICD_PIDR2 arch", FUZZ_GICD + 0xffe8, 0xf0, 0x30 },
		{ "GICR_TYPER last", FUZZ_GICR + 0x0008, 0xffff10, 0x10 },
		{ "GICR_PIDR2 arch", FUZZ_GICR + 0xffe8, 0xf0, 0x30 },
		{ "UARTPeriphID0", PL011_VIRT_BASE + 0xfe0, 0xff, 0x11 },
		{ "UARTPCellID3", PL011_VIRT_BASE + 0xffc, 0xff, 0xb1 },
		{ "UARTFR TXFE", PL011_VIRT_BASE + 0x018, 0x80, 0x80 },
	};
	unsigned i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		uint32_t v = *(volatile uint32_t *)ids[i].addr;

		if ((v & ids[i].mask) != ids[i].want) {
			fuzz.bad++;
			console_printf("fuzz-mmio: bad register: %s reads 0x%x\n", ids[i].what, v);
		}
	}
}

/* A byte store changes one byte: store 0x1234 with strb to IBRD (16 bits). */
static void fuzz_check_narrow_store(void)
{
	uintptr_t ibrd = PL011_VIRT_BASE + 0x24;
	uint32_t v;

	fuzz_access(STRW, ibrd, 0);
	fuzz_access(STRB, ibrd, 0x1234);
	v = *(volatile uint32_t *)ibrd;
	if (v != 0x34) {
		fuzz.bad++;
		console_printf("fuzz-mmio: bad store: strb 0x1234 to UARTIBRD reads back 0x%x\n",
			       v);
	}
}

void cell_main(uintptr_t dtb)
{
	(void)dtb;
	fuzz_mmu_on();
	prng_seed(&fuzz.prng, FUZZ_MMIO_SEED);
	console_printf("fuzz-mmio: %u accesses, seed 0x%lx\n", FUZZ_MMIO_ACCESSES,
		       (uint64_t)FUZZ_MMIO_SEED);
	while (fuzz.accesses < FUZZ_MMIO_ACCESSES) {
		fuzz_one(&fuzz.prng);
		if (fuzz.accesses % FUZZ_PROGRESS == 0)
			console_printf("fuzz-mmio: %u accesses\n", fuzz.accesses);
	}
	fuzz_check_ids();
	fuzz_check_narrow_store();
	console_printf("fuzz-mmio: gicd %u, gicr %u, uart %u; %u loads, %u stores, "
		       "%u unaligned\n",
		       fuzz.per_region[0], fuzz.per_region[1], fuzz.per_region[2], fuzz.loads,
		       fuzz.stores, fuzz.unaligned);
	if (fuzz.bad)
		console_printf("fuzz-mmio: %u bad results\n", fuzz.bad);
	console_printf("fuzz-mmio: done, %u accesses, hypervisor alive\n", fuzz.accesses);
#ifdef FUZZ_MMIO_PAST_END
	console_printf("fuzz-mmio: reading 0x%lx, past the last redistributor frame\n",
		       FUZZ_GICR + FUZZ_GICR_FRAME);
	(void)*(volatile uint32_t *)(FUZZ_GICR + FUZZ_GICR_FRAME);
	console_printf("fuzz-mmio: still running after reading past the last frame\n");
#endif
	cell_tick(0);
}
