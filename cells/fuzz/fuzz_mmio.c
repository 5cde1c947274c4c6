// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * MMIO fuzzer (the fuzz-mmio cells).  Makes FUZZ_MMIO_ACCESSES random single
 * loads and stores, from the fixed seed FUZZ_MMIO_SEED, to the cell's emulated
 * devices as its DTB names them: the GIC distributor (and on a GICv3 its one
 * redistributor frame) and the console UART, a PL011 or a Cadence UART.  A
 * GICv2's CPU interface is the board's hardware, not emulated: left alone.
 * Sizes 1, 2, 4 and 8, aligned and not, zero- and sign-extending loads, loads
 * into and stores from the zero register, random values.  Every load is checked
 * for what holds whatever the register: the extension the instruction asks for,
 * and zero for an unaligned access.  Stores to the UART registers that would
 * silence the console are left out.  Then it ticks.
 *
 * With the MMU off all accesses are Device memory, where an unaligned access
 * faults at EL1 before the hypervisor sees it.  So the cell maps itself first:
 * VA = IPA for its RAM (Normal) and the GiB the devices are in (Device-nGnRE),
 * plus a Normal alias of that GiB through which the unaligned accesses go.
 *
 * With FUZZ_MMIO_PAST_END it then reads the first byte past the GIC's last
 * emulated range (a GICv3's last redistributor frame, a GICv2's distributor),
 * which nothing backs: the hypervisor must stop the cell.
 */
#include <stdint.h>

#include "cell.h"
#include "console.h"
#include "fdt.h"
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
#define FUZZ_GICR_FRAME 0x20000ul /* one vCPU's redistributor: RD and SGI pages */
#define GIB 30

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

/* Offsets into a device: where its registers are, so most accesses hit one. */
struct fuzz_window {
	uint32_t off, len;
};

/* A register whose bits under mask read want, however it was fuzzed. */
struct fuzz_id {
	const char *what;
	uint32_t off, mask, want;
};

#define FUZZ_HOT 4
#define FUZZ_NO_STORE 2
#define FUZZ_IDS 4

/* What the fuzzer knows of a device model, wherever the DTB puts it; the
 * arrays end at their first empty entry. */
struct fuzz_model {
	const char *name;
	uint32_t size;
	struct fuzz_window hot[FUZZ_HOT];
	struct fuzz_window no_store[FUZZ_NO_STORE]; /* what would silence the console */
	struct fuzz_id ids[FUZZ_IDS];
	uint32_t narrow; /* a 16-bit register read back as written, or 0 */
};

static const struct fuzz_model gicv3_dist = {
	"gicd",
	0x10000,
	{ { 0, 0x1000 }, { 0x6000, 0x2000 }, { 0xffc0, 0x40 } },
	{},
	{ { "GICD_CTLR ARE|DS", 0x0000, 0x50, 0x50 }, { "GICD_PIDR2 arch", 0xffe8, 0xf0, 0x30 } },
	0,
};

static const struct fuzz_model gicv3_redist = {
	"gicr",
	FUZZ_GICR_FRAME,
	{ { 0, 0x100 }, { 0xffc0, 0x40 }, { 0x10000, 0x1000 }, { 0x1ffc0, 0x40 } },
	{},
	{ { "GICR_TYPER last", 0x0008, 0xffff10, 0x10 },
	  { "GICR_PIDR2 arch", 0xffe8, 0xf0, 0x30 } },
	0,
};

/* A GIC-400's distributor: one page, the interrupt banks from 0x80, SGIR at
 * 0xf00, identification at the end.  The cell has one vCPU and no security
 * extensions, so TYPER's CPUNumber and SecurityExtn read 0. */
static const struct fuzz_model gicv2_dist = {
	"gicd",
	0x1000,
	{ { 0, 0x40 }, { 0x80, 0x380 }, { 0xf00, 0x40 }, { 0xfc0, 0x40 } },
	{},
	{ { "GICD_TYPER CPUs|SecurityExtn", 0x004, 0x4e0, 0 },
	  { "GICD_IIDR implementer", 0x008, 0xfff, 0x43b },
	  { "GICD_PIDR2 arch", 0xfe8, 0xf0, 0x20 } },
	0,
};

static const struct fuzz_model pl011 = {
	"uart",
	0x1000,
	{ { 0, 0x100 }, { 0xfc0, 0x40 } },
	{ { 0x00, 4 }, { 0x30, 4 } }, /* DR, CR */
	{ { "UARTPeriphID0", 0xfe0, 0xff, 0x11 },
	  { "UARTPCellID3", 0xffc, 0xff, 0xb1 },
	  { "UARTFR TXFE", 0x018, 0x80, 0x80 } },
	0x24, /* UARTIBRD */
};

static const struct fuzz_model cdns_uart = {
	"uart",
	0x1000,
	{ { 0, 0x50 } },
	{ { 0x00, 4 }, { 0x30, 4 } }, /* CR, FIFO */
	{ { "SR TXEMPTY|TXFULL", 0x2c, 0x18, 0x08 },
	  { "MODEMSR CTS|DSR|DCD", 0x28, 0xb0, 0xb0 },
	  { "IER write-only", 0x08, 0xffffffff, 0 } },
	0x18, /* BAUDGEN */
};

struct fuzz_region {
	const struct fuzz_model *model;
	const char *compatible;
	uintptr_t base;
};

#define FUZZ_MAX_REGIONS 3

static struct {
	struct prng prng;
	struct fuzz_region region[FUZZ_MAX_REGIONS];
	unsigned regions;
	uintptr_t past_end; /* the first byte past the GIC's last emulated range */
	const char *past_what;
	uintptr_t alias; /* added to a device address: its Normal alias */
	unsigned accesses, loads, stores, unaligned, bad;
	unsigned per_region[FUZZ_MAX_REGIONS];
} fuzz;

static void fuzz_add(const struct fuzz_model *m, const char *compatible, uint64_t base)
{
	fuzz.region[fuzz.regions++] = (struct fuzz_region){ m, compatible, (uintptr_t)base };
}

/* The GIC and console UART of the cell's DTB; 0 if one is missing. */
static int fuzz_find_regions(uintptr_t dtb)
{
	struct fdt_reg reg[2];

	if (fdt_find_reg(dtb, "arm,gic-v3", reg, 2) == 2) {
		fuzz_add(&gicv3_dist, "arm,gic-v3", reg[0].base);
		fuzz_add(&gicv3_redist, "arm,gic-v3", reg[1].base);
		fuzz.past_end = (uintptr_t)(reg[1].base + reg[1].size);
		fuzz.past_what = "the last redistributor frame";
	} else if (fdt_find_reg(dtb, "arm,gic-400", reg, 1) == 1) {
		fuzz_add(&gicv2_dist, "arm,gic-400", reg[0].base);
		fuzz.past_end = (uintptr_t)(reg[0].base + reg[0].size);
		fuzz.past_what = "the distributor";
	} else {
		return 0;
	}
	if (fdt_find_reg(dtb, "arm,pl011", reg, 1))
		fuzz_add(&pl011, "arm,pl011", reg[0].base);
	else if (fdt_find_reg(dtb, "cdns,uart-r1p12", reg, 1))
		fuzz_add(&cdns_uart, "cdns,uart-r1p12", reg[0].base);
	else
		return 0;
	return 1;
}

/* Level 1, 4 KiB granule, 4 GiB of VA: 1 GiB blocks. */
#define PTE_BLOCK 1ull
#define PTE_ATTR(i) ((uint64_t)(i) << 2) /* MAIR index: 0 Device, 1 Normal */
#define PTE_ISH (3ull << 8)
#define PTE_AF (1ull << 10)
#define PTE_XN (3ull << 53)
#define FUZZ_MAIR 0x4404ull /* Device-nGnRE, Normal non-cacheable */
#define FUZZ_TCR ((2ull << 30) | (1ull << 23) | 32) /* TG1 4K, EPD1, T0SZ 32 */
#define FUZZ_GIBS 4

static uint64_t fuzz_l1[FUZZ_GIBS] __attribute__((aligned(4096)));

/* The one GiB every device is in (the past-end address too), or -1 if they
 * are not in one GiB below 4 GiB, apart from the RAM. */
static int fuzz_device_gib(void)
{
	int gib = (int)(fuzz.past_end >> GIB);
	unsigned i;

	for (i = 0; i < fuzz.regions; i++)
		if ((fuzz.region[i].base >> GIB) != (uintptr_t)gib)
			return -1;
	return gib < FUZZ_GIBS && gib != (int)(CELL_RAM_BASE >> GIB) ? gib : -1;
}

/* RAM and the device GiB at VA = IPA, the alias in the first GiB neither
 * takes (on qemu-virt, with devices in GiB 0 and RAM in GiB 1: GiB 2). */
static void fuzz_map(int dev)
{
	int ram = (int)(CELL_RAM_BASE >> GIB), alias = 0;
	uint64_t dev_pa = (uint64_t)dev << GIB;

	while (alias == dev || alias == ram)
		alias++;
	fuzz_l1[dev] = dev_pa | PTE_BLOCK | PTE_ATTR(0) | PTE_AF | PTE_XN;
	fuzz_l1[ram] = CELL_RAM_BASE | PTE_BLOCK | PTE_ATTR(1) | PTE_ISH | PTE_AF;
	fuzz_l1[alias] = dev_pa | PTE_BLOCK | PTE_ATTR(1) | PTE_ISH | PTE_AF | PTE_XN;
	fuzz.alias = ((uintptr_t)alias << GIB) - (uintptr_t)dev_pa;
}

static void fuzz_mmu_on(void)
{
	uint64_t sctlr;

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

/* A store that would silence the console: any byte of its model's no_store. */
static int fuzz_excluded(const struct fuzz_model *m, uint32_t off, unsigned size)
{
	unsigned i;

	for (i = 0; i < FUZZ_NO_STORE && m->no_store[i].len; i++)
		if (off < m->no_store[i].off + m->no_store[i].len &&
		    off + size > m->no_store[i].off)
			return 1;
	return 0;
}

static void fuzz_one(struct prng *p)
{
	unsigned ri = (unsigned)prng_below(p, fuzz.regions), nhot = 0;
	const struct fuzz_region *r = &fuzz.region[ri];
	const struct fuzz_model *m = r->model;
	enum fuzz_op op;
	unsigned size;
	uint32_t off;
	uintptr_t va;
	uint64_t v;

	while (nhot < FUZZ_HOT && m->hot[nhot].len)
		nhot++;
	do {
		op = (enum fuzz_op)prng_below(p, FUZZ_OPS);
		size = fuzz_size[op];
		if (prng_below(p, 4)) {
			const struct fuzz_window *w = &m->hot[prng_below(p, nhot)];
			off = w->off + (uint32_t)prng_below(p, w->len);
		} else {
			off = (uint32_t)prng_below(p, m->size);
		}
		if (prng_below(p, 4)) /* mostly aligned, as drivers do */
			off &= ~(size - 1);
		if (off > m->size - size) /* never past the end of the device */
			off = m->size - size;
	} while (op >= FUZZ_FIRST_STORE && fuzz_excluded(m, off, size));

	/* Unaligned ones through the Normal alias, else mostly the Device map. */
	va = r->base + off;
	if ((off & (size - 1)) || !prng_below(p, 8))
		va += fuzz.alias;
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
			       fuzz.accesses, fuzz_name[op], m->name, off, v);
}

/* Identification registers the fuzzing cannot change, read back after it;
 * returns how many. */
static unsigned fuzz_check_ids(const struct fuzz_region *r)
{
	const struct fuzz_id *id;

	for (id = r->model->ids; id < r->model->ids + FUZZ_IDS && id->what; id++) {
		uint32_t v = *(volatile uint32_t *)(r->base + id->off);

		if ((v & id->mask) != id->want) {
			fuzz.bad++;
			console_printf("fuzz-mmio: bad register: %s reads 0x%x\n", id->what, v);
		}
	}
	return (unsigned)(id - r->model->ids);
}

/* A byte store changes one byte: store 0x1234 with strb to a 16-bit register. */
static void fuzz_check_narrow_store(const struct fuzz_region *r)
{
	uintptr_t reg = r->base + r->model->narrow;
	uint32_t v;

	fuzz_access(STRW, reg, 0);
	fuzz_access(STRB, reg, 0x1234);
	v = *(volatile uint32_t *)reg;
	if (v != 0x34) {
		fuzz.bad++;
		console_printf("fuzz-mmio: bad store: strb 0x1234 to %s+0x%x reads back 0x%x\n",
			       r->model->name, r->model->narrow, v);
	}
}

static void fuzz_report(void)
{
	unsigned i;

	console_puts("fuzz-mmio: ");
	for (i = 0; i < fuzz.regions; i++)
		console_printf("%s%s %u", i ? ", " : "", fuzz.region[i].model->name,
			       fuzz.per_region[i]);
	console_printf("; %u loads, %u stores, %u unaligned\n", fuzz.loads, fuzz.stores,
		       fuzz.unaligned);
}

static void fuzz_run(void)
{
	unsigned i, ids = 0, narrow = 0;

	while (fuzz.accesses < FUZZ_MMIO_ACCESSES) {
		fuzz_one(&fuzz.prng);
		if (fuzz.accesses % FUZZ_PROGRESS == 0)
			console_printf("fuzz-mmio: %u accesses\n", fuzz.accesses);
	}
	for (i = 0; i < fuzz.regions; i++)
		ids += fuzz_check_ids(&fuzz.region[i]);
	for (i = 0; i < fuzz.regions; i++) {
		if (fuzz.region[i].model->narrow) {
			fuzz_check_narrow_store(&fuzz.region[i]);
			narrow++;
		}
	}
	/* what a test can count on: checks that never ran find nothing */
	console_printf("fuzz-mmio: checked %u identification registers, %u narrow store%s\n", ids,
		       narrow, narrow == 1 ? "" : "s");
	fuzz_report();
	if (fuzz.bad)
		console_printf("fuzz-mmio: %u bad results\n", fuzz.bad);
	console_printf("fuzz-mmio: done, %u accesses, hypervisor alive\n", fuzz.accesses);
}

static void __attribute__((noreturn)) fuzz_give_up(const char *why)
{
	console_printf("fuzz-mmio: %s: not fuzzing\n", why);
	for (;;)
		asm volatile("wfi");
}

void cell_main(uintptr_t dtb)
{
	unsigned i;
	int dev;

	if (!fuzz_find_regions(dtb))
		fuzz_give_up("no GIC or console UART in the device tree");
	dev = fuzz_device_gib();
	if (dev < 0)
		fuzz_give_up("the devices are not in one GiB below 4 GiB, apart from RAM");
	fuzz_map(dev);
	fuzz_mmu_on();
	prng_seed(&fuzz.prng, FUZZ_MMIO_SEED);
	for (i = 0; i < fuzz.regions; i++)
		console_printf("fuzz-mmio: %s: %s at 0x%lx\n", fuzz.region[i].model->name,
			       fuzz.region[i].compatible, fuzz.region[i].base);
	console_printf("fuzz-mmio: %u accesses, seed 0x%lx\n", FUZZ_MMIO_ACCESSES,
		       (uint64_t)FUZZ_MMIO_SEED);
	fuzz_run();
#ifdef FUZZ_MMIO_PAST_END
	console_printf("fuzz-mmio: reading 0x%lx, past %s\n", fuzz.past_end, fuzz.past_what);
	(void)*(volatile uint32_t *)fuzz.past_end;
	console_printf("fuzz-mmio: still running after reading past %s\n", fuzz.past_what);
#endif
	cell_tick(0);
}
