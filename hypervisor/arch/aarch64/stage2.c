// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Stage-2 tables: 4 KiB granule, 39-bit IPA, walk starting at level 1.
 * 1 GiB and 2 MiB blocks where IPA, PA and size allow, pages elsewhere.
 * Table pages come from a pool sized exactly by the generator
 * (SYSCONFIG_STAGE2_PAGES).
 */
#include "stage2.h"
#include "string.h"
#include "sysconfig_gen.h"
#include "sysreg.h"

#define VTCR_T0SZ_39 25ull
#define VTCR_SL0_L1 (1ull << 6)
#define VTCR_IRGN0_WBWA (1ull << 8)
#define VTCR_ORGN0_WBWA (1ull << 10)
#define VTCR_SH0_INNER (3ull << 12)
#define VTCR_PS_40 (2ull << 16)
#define VTCR_RES1 BIT(31)

#define S2_VALID 1ull
#define S2_TABLE 3ull /* table (levels 1-2) or page (level 3) */
#define S2_MEMATTR_NORMAL (0xfull << 2)
#define S2_MEMATTR_DEVICE (0x1ull << 2)
#define S2_AP_RO (1ull << 6)
#define S2_AP_RW (3ull << 6)
#define S2_SH_INNER (3ull << 8)
#define S2_AF BIT(10)
#define S2_XN BIT(54)
#define S2_ADDR_MASK 0x0000fffffffff000ull

static uint64_t pool[SYSCONFIG_STAGE2_PAGES][512] __aligned(4096)
	__attribute__((section(".noinit")));
static unsigned int pool_used;

static uint64_t *table_alloc(void)
{
	if (pool_used >= SYSCONFIG_STAGE2_PAGES)
		return NULL;
	uint64_t *t = pool[pool_used++];
	memset(t, 0, 4096);
	return t;
}

static uint64_t leaf_attrs(uint32_t flags)
{
	uint64_t a = S2_AF;
	a |= (flags & MEM_DEVICE) ? S2_MEMATTR_DEVICE : (S2_MEMATTR_NORMAL | S2_SH_INNER);
	a |= (flags & MEM_WRITE) ? S2_AP_RW : ((flags & MEM_READ) ? S2_AP_RO : 0);
	if (!(flags & MEM_EXEC))
		a |= S2_XN;
	return a;
}

/* Next-level table under entry 'e', created on demand. */
static uint64_t *table_next(uint64_t *e)
{
	if (*e & S2_VALID)
		return (uint64_t *)(*e & S2_ADDR_MASK);
	uint64_t *t = table_alloc();
	if (t)
		*e = (uint64_t)t | S2_TABLE;
	return t;
}

static bool map_piece(uint64_t *root, uint64_t ipa, uint64_t pa, uint64_t size, uint64_t attrs)
{
	uint64_t *l1e = &root[(ipa >> 30) & 511];
	if (size == SZ_1G) {
		*l1e = pa | attrs | S2_VALID;
		return true;
	}
	uint64_t *l2 = table_next(l1e);
	if (!l2)
		return false;
	uint64_t *l2e = &l2[(ipa >> 21) & 511];
	if (size == SZ_2M) {
		*l2e = pa | attrs | S2_VALID;
		return true;
	}
	uint64_t *l3 = table_next(l2e);
	if (!l3)
		return false;
	l3[(ipa >> 12) & 511] = pa | attrs | S2_TABLE;
	return true;
}

static uint64_t piece_size(uint64_t ipa, uint64_t pa, uint64_t left)
{
	if (IS_ALIGNED(ipa | pa, SZ_1G) && left >= SZ_1G)
		return SZ_1G;
	if (IS_ALIGNED(ipa | pa, SZ_2M) && left >= SZ_2M)
		return SZ_2M;
	return SZ_4K;
}

uint64_t stage2_build(uint16_t vmid, const struct mem_region *regions, uint32_t count)
{
	uint64_t *root = table_alloc();
	if (!root)
		return 0;
	for (uint32_t i = 0; i < count; i++) {
		const struct mem_region *r = &regions[i];
		uint64_t attrs = leaf_attrs(r->flags);
		for (uint64_t off = 0; off < r->size;) {
			uint64_t sz = piece_size(r->ipa + off, r->pa + off, r->size - off);
			if (!map_piece(root, r->ipa + off, r->pa + off, sz, attrs))
				return 0;
			off += sz;
		}
	}
	dsb(ishst);
	return ((uint64_t)vmid << 48) | (uint64_t)root;
}

/*
 * Dirty-page tracking.  A cell's RAM is split into 4 KiB pages once (its
 * first checkpoint, all its vCPUs off their cores, so no break-before-make
 * race), then write-protected at every checkpoint and restore; a write to a
 * protected page faults to stage2_write_fault(), which makes the page
 * writable again and reports it dirty.
 */
static uint64_t *entry_of(uint64_t vttbr, uint64_t ipa, unsigned int *level)
{
	uint64_t *t = (uint64_t *)(vttbr & S2_ADDR_MASK);
	for (unsigned int l = 1; l <= 3; l++) {
		uint64_t *e = &t[(ipa >> (39 - 9 * l)) & 511];
		if (l == 3 || (*e & S2_TABLE) != S2_TABLE) {
			*level = l;
			return e;
		}
		t = (uint64_t *)(*e & S2_ADDR_MASK);
	}
	return NULL;
}

/* Replace a block entry by a table of the next level mapping the same. */
static bool split_block(uint64_t *e, unsigned int level)
{
	uint64_t *t = table_alloc();
	if (!t)
		return false;
	uint64_t step = level == 1 ? SZ_2M : SZ_4K;
	uint64_t pa = *e & S2_ADDR_MASK & ~(step * 512 - 1), attrs = *e & ~S2_ADDR_MASK & ~3ull;
	for (unsigned int i = 0; i < 512; i++)
		t[i] = (pa + i * step) | attrs | (level == 2 ? S2_TABLE : S2_VALID);
	dsb(ishst);
	*e = (uint64_t)t | S2_TABLE;
	return true;
}

bool stage2_split_pages(uint64_t vttbr, uint64_t ipa, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += SZ_4K) {
		unsigned int level;
		uint64_t *e;
		while ((e = entry_of(vttbr, ipa + off, &level)) && level < 3 && (*e & S2_VALID))
			if (!split_block(e, level))
				return false;
	}
	dsb(ishst);
	return true;
}

void stage2_set_writable(uint64_t vttbr, uint64_t ipa, uint64_t size, bool writable)
{
	for (uint64_t off = 0; off < size; off += SZ_4K) {
		unsigned int level;
		uint64_t *e = entry_of(vttbr, ipa + off, &level);
		if (e && level == 3)
			*e = (*e & ~S2_AP_RW) | (writable ? S2_AP_RW : S2_AP_RO);
	}
	dsb(ishst);
}

bool stage2_write_fault(uint64_t vttbr, uint64_t ipa)
{
	unsigned int level;
	uint64_t *e = entry_of(vttbr, ipa, &level);
	if (!e || level != 3 || !(*e & S2_VALID) || !(*e & S2_AP_RO))
		return false;
	/* Writable already when another vCPU faulted on the page first: this
	 * core's TLB still held the read-only entry.  Either way, retry. */
	*e |= S2_AP_RW;
	dsb(ishst);
	/* the read-only translation may sit in any core's TLB, combined with stage 1 */
	__asm__ volatile("tlbi ipas2e1is, %0\n\tdsb ish\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::"r"(
				 (ipa & S2_ADDR_MASK) >> 12)
			 : "memory");
	return true;
}

void stage2_flush(uint64_t vttbr)
{
	uint64_t current = sysreg_read(vttbr_el2);
	sysreg_write(vttbr_el2, vttbr); /* TLBI VMALLS12E1IS acts on the current VMID */
	isb();
	__asm__ volatile("dsb ishst\n\ttlbi vmalls12e1is\n\tdsb ish" ::: "memory");
	sysreg_write(vttbr_el2, current);
	isb();
}

void stage2_cpu_init(void)
{
	sysreg_write(vtcr_el2, VTCR_RES1 | VTCR_T0SZ_39 | VTCR_SL0_L1 | VTCR_IRGN0_WBWA |
				       VTCR_ORGN0_WBWA | VTCR_SH0_INNER | VTCR_PS_40);
	isb();
}

void *stage2_guest_ptr(const struct mem_region *regions, uint32_t count, uint64_t ipa, uint64_t len,
		       uint32_t need)
{
	for (uint32_t i = 0; i < count; i++) {
		const struct mem_region *r = &regions[i];
		/* overflow-safe: ipa - r->ipa < r->size and len <= what is left */
		if (ipa < r->ipa || ipa - r->ipa >= r->size)
			continue;
		if (len > r->size - (ipa - r->ipa) || (r->flags & need) != need ||
		    (r->flags & MEM_DEVICE))
			return NULL;
		return (void *)(r->pa + (ipa - r->ipa));
	}
	return NULL;
}
