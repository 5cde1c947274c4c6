// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The monitor's integrity rules: data in its device tree (one
 * "tessera,watch-rule" node per monitor.watch[].rules entry of the spec), not
 * code.  A rule names a region (one the watched kernel reported, or IPAs of
 * the watched cell), a check and a period:
 *   hash: the region, read through the read-only window, must keep the hash
 *     it had at the first check of the watched cell's boot.  That reference
 *     is kept by the hypervisor (TESSERA_HVC_WATCH_CHECK), so a restarted
 *     monitor judges against it too.  A hash per chunk (8 bytes of a small
 *     region, else 4 KiB) names where a change is.  A pass is spread over
 *     samples (HASH_BUDGET bytes each, the rule with the shortest pass left
 *     first), and the period runs from its end;
 *   allow: every loaded module (the kernel's list, walked through its page
 *     tables) must be on the rule's allow list.
 * Every rule of a boot waits for that boot's kernel report: the cell's word
 * that its memory is ready to be judged (a bare-metal cell may send one of
 * its own).  A rule that stops holding prints one line, naming the rule and the
 * address, then applies the watch's on_failure; once per episode.
 * Lines:
 *   monitor: '<cell>' rule '<name>' (<check> <region>, every <p> ms)
 *   monitor: '<cell>' rule '<name>' violated at 0x<ipa>: <what was done>
 *   monitor: '<cell>' rule '<name>' violated: module '<m>' at 0x<va> not allowed: <what>
 *   monitor: '<cell>' rule '<name>': <why it cannot be checked>
 */
#include <stdint.h>

#include "console.h"
#include "hvc.h"
#include "string.h"
#include "timer.h"
#include "watch.h"

#define RULES_MAX_ALL 32 /* all watches together */
#define CHUNK_POOL 16384 /* chunk hashes of all rules: 128 KiB */
#define MODULES_MAX 512 /* a longer list is unreadable */
/* Bytes hashed per sample and watch, all rules together (about 100,000 instructions): the
 * monitor's other work keeps its 10 ms beat, and under -icount no other core waits long
 * behind it.  A pass over kernel.text (13 MB) takes about a second. */
#define HASH_BUDGET (128u << 10)

enum region { REGION_TEXT, REGION_RODATA, REGION_SYSCALLS, REGION_MODULES, REGION_IPA, REGIONS };
static const char *const region_names[REGIONS] = { "kernel.text", "kernel.rodata",
						   "kernel.syscall_table", "kernel.modules",
						   "ipa" };

struct rule {
	uint32_t index; /* in its watch: what TESSERA_HVC_WATCH_CHECK names */
	char name[NAME_LEN];
	enum region region;
	uint64_t base, size; /* REGION_IPA */
	int allow_check; /* else hash */
	uintptr_t allow; /* the DT's string list, allow_len bytes */
	uint32_t allow_len;
	uint32_t period_ms;
	uint64_t due; /* counter ticks */
	uint64_t *chunks; /* num_chunks hashes learned at this monitor's last check */
	uint32_t num_chunks, chunk_shift;
	uint64_t chunks_boot; /* the boot they belong to; 0: none */
	int violated; /* in an episode: reported already */
	int disabled; /* cannot be checked: said so once */
	uint32_t unreadable; /* module-list walks failed in a row */
	uint64_t boot; /* the watched cell's boot these episodes belong to */
	/* A hash pass, spread over samples: how far, the hash so far, the first chunk that
	 * changed, whether the chunk hashes were learned before it began. */
	int in_pass, pass_learned;
	uint64_t pass_off, pass_total, pass_diff;
};

static struct rule rules[RULES_MAX_ALL];
static unsigned int num_rules;
static uint64_t chunk_pool[CHUNK_POOL];
static unsigned int chunks_used;

static enum region region_of(const struct fdt_node *node)
{
	for (unsigned int r = 0; r < REGIONS; r++)
		if (fdt_node_str_is(node, "tessera,region", region_names[r]))
			return (enum region)r;
	return REGIONS;
}

/* Rule nodes are in watch order (the generator writes them so): each joins its watch's run. */
void rules_find(uintptr_t dtb, struct watch *watches, unsigned int num_watches)
{
	struct fdt_node node;

	for (unsigned int nth = 0;
	     num_rules < RULES_MAX_ALL && !fdt_find_node(dtb, "tessera,watch-rule", nth, &node);
	     nth++) {
		uint32_t watch = fdt_node_u32(&node, "tessera,watch", UINT32_MAX);
		struct rule *r = &rules[num_rules];
		struct watch *w = 0;

		for (unsigned int i = 0; i < num_watches; i++)
			if (watches[i].index == watch)
				w = &watches[i];
		r->region = region_of(&node);
		if (!w || r->region == REGIONS || (w->num_rules && w->rules + w->num_rules != r))
			continue;
		num_rules++;
		if (!w->num_rules++)
			w->rules = r;
		r->index = fdt_node_u32(&node, "tessera,index", 0);
		watch_copy_name(r->name, &node, "tessera,name");
		r->allow_check = fdt_node_str_is(&node, "tessera,check", "allow");
		r->allow = fdt_node_prop(&node, "tessera,allow", &r->allow_len);
		r->period_ms = fdt_node_u32(&node, "tessera,period-ms", 1000);
		if (r->region == REGION_IPA) {
			uint32_t len;
			uintptr_t range = fdt_node_prop(&node, "tessera,range", &len);

			if (range && len == 16) {
				r->base = (uint64_t)__builtin_bswap32(
						  *(const volatile uint32_t *)range)
						  << 32 |
					  __builtin_bswap32(
						  *(const volatile uint32_t *)(range + 4));
				r->size = (uint64_t)__builtin_bswap32(
						  *(const volatile uint32_t *)(range + 8))
						  << 32 |
					  __builtin_bswap32(
						  *(const volatile uint32_t *)(range + 12));
			}
		}
		console_printf("monitor: '%s' rule '%s' (%s %s, every %u ms)\n", w->cell, r->name,
			       r->allow_check ? "allow" : "hash", region_names[r->region],
			       r->period_ms);
	}
}

/* The rule's region [*base, *base + *size) in the watched cell, or 0 if not known yet. */
static int region_range(const struct watch *w, const struct rule *r, uint64_t *base, uint64_t *size)
{
	const struct tessera_kernel_report *k = &w->kernel;
	const uint64_t *range;

	/* The report is the cell's word that its memory is ready to be judged. */
	if (w->kernel_boots != w->boot)
		return 0;
	if (r->region == REGION_IPA) {
		*base = r->base;
		*size = r->size;
		return 1;
	}
	range = r->region == REGION_TEXT     ? k->text
		: r->region == REGION_RODATA ? k->rodata
					     : k->syscall_table;
	*base = range[0];
	*size = range[1] - range[0];
	return 1;
}

static uint64_t rotl(uint64_t x, unsigned int n)
{
	return x << n | x >> (64 - n);
}

/* A 64-bit hash of n words, each read once (xxHash64's round: not a MAC; see the docs). */
static uint64_t hash_words(const volatile uint64_t *p, uint64_t n, uint64_t h)
{
	for (uint64_t i = 0; i < n; i++)
		h = rotl(h + p[i] * 0xc2b2ae3d27d4eb4full, 31) * 0x9e3779b185ebca87ull;
	return h;
}

/* Chunks for a region of 'size': 8 bytes for a small one, else 4 KiB or more to fit the pool. */
static int chunks_for(struct rule *r, uint64_t size)
{
	unsigned int shift = size <= 4096 ? 3 : 12;

	if (r->chunks) {
		while ((size + (1ull << r->chunk_shift) - 1) >> r->chunk_shift > r->num_chunks)
			r->chunk_shift++;
		return 1;
	}
	while ((size + (1ull << shift) - 1) >> shift > CHUNK_POOL - chunks_used && shift < 30)
		shift++;
	r->num_chunks = (uint32_t)((size + (1ull << shift) - 1) >> shift);
	if (r->num_chunks > CHUNK_POOL - chunks_used)
		return 0;
	r->chunk_shift = shift;
	r->chunks = &chunk_pool[chunks_used];
	chunks_used += r->num_chunks;
	return 1;
}

static void say_once(const struct watch *w, struct rule *r, const char *why)
{
	if (!r->disabled)
		console_printf("monitor: '%s' rule '%s': %s\n", w->cell, r->name, why);
	r->disabled = 1;
}

static void violated(struct watch *w, struct rule *r, uint64_t at, const char *where)
{
	if (r->violated)
		return;
	r->violated = 1;
	console_printf("monitor: '%s' rule '%s' violated %s0x%lx: %s\n", w->cell, r->name, where,
		       (unsigned long)at, watch_recover(w, TESSERA_WATCH_WHY_RULE));
}

/* TESSERA_HVC_WATCH_CHECK: 1 if the rule holds, 0 if not, -1 if the boot changed meanwhile. */
static int judge(const struct watch *w, const struct rule *r, uint64_t kind, uint64_t value)
{
	struct hvc_res res = hvc_call_res(TESSERA_HVC_WATCH_CHECK, w->index, r->index, w->boot,
					  kind, value);

	return (long)res.x0 != TESSERA_OK ? -1 : (int)res.x1;
}

/* One step of the rule's hash pass, within *budget bytes: 1 when the pass is over (or cannot
 * run), 0 if it goes on at the next sample. */
static int check_hash(struct watch *w, struct rule *r, uint64_t *budget)
{
	uint64_t base, size;

	if (!region_range(w, r, &base, &size))
		return 1;
	uintptr_t at = watch_window(w, base, size);

	if (!at || size % 8) {
		say_once(w, r, "its region is not in the monitor's window (or not 8-byte sized)");
		return 1;
	}
	if (!chunks_for(r, size)) {
		say_once(w, r, "its region is too large for the monitor's chunk hashes");
		return 1;
	}
	if (!r->in_pass) {
		r->in_pass = 1;
		r->pass_learned = r->chunks_boot == w->boot;
		r->pass_off = r->pass_total = 0;
		r->pass_diff = UINT64_MAX;
	}
	uint64_t chunk = 1ull << r->chunk_shift;

	while (r->pass_off < size && *budget) {
		uint64_t off = r->pass_off, i = off >> r->chunk_shift;
		uint64_t bytes = size - off < chunk ? size - off : chunk;
		uint64_t h = hash_words((const volatile uint64_t *)(at + off), bytes / 8, i);

		if (r->pass_learned && h != r->chunks[i] && r->pass_diff == UINT64_MAX)
			r->pass_diff = off;
		r->chunks[i] = h;
		r->pass_total = hash_words(&h, 1, r->pass_total);
		r->pass_off = off + bytes;
		*budget -= bytes < *budget ? bytes : *budget;
	}
	if (r->pass_off < size)
		return 0;
	r->in_pass = 0;
	r->chunks_boot = w->boot;
	int holds = judge(w, r, TESSERA_CHECK_HASH, r->pass_total);

	if (holds == 1)
		r->violated = 0;
	else if (!holds && r->pass_diff != UINT64_MAX)
		violated(w, r, base + r->pass_diff, "at ");
	else if (!holds)
		violated(w, r, base, "somewhere in the region from ");
	return 1;
}

/* The watched kernel's VA -> its IPA, through its own page tables (4 KiB granule). */
static int translate(const struct watch *w, uint64_t va, uint64_t *ipa)
{
	const struct tessera_kernel_report *k = &w->kernel;
	unsigned int levels = (unsigned int)(k->va_bits - 12 + 8) / 9;
	uint64_t table = k->pgd;

	for (unsigned int level = 4 - levels; level < 4; level++) {
		unsigned int shift = 12 + 9 * (3 - level);
		uint64_t index = (va >> shift) & 0x1ff;
		uintptr_t entry = watch_window(w, table + index * 8, 8);

		if (!entry)
			return 0;
		uint64_t desc = *(const volatile uint64_t *)entry;
		uint64_t out = desc & 0x0000fffffffff000ull;

		if (!(desc & 1))
			return 0;
		if (level == 3 || !(desc & 2)) { /* a page, or a block (levels 1, 2) */
			if (level == 3 && !(desc & 2))
				return 0;
			uint64_t span = 1ull << shift;
			*ipa = (out & ~(span - 1)) | (va & (span - 1));
			return 1;
		}
		table = out;
	}
	return 0;
}

/* len bytes at the kernel's va, page by page; 0 if any of it is not mapped. */
static int read_va(const struct watch *w, uint64_t va, void *buf, uint32_t len)
{
	uint8_t *to = buf;

	while (len) {
		uint64_t ipa;
		uint32_t n = 4096 - (uint32_t)(va & 4095);

		n = n < len ? n : len;
		if (!translate(w, va, &ipa))
			return 0;
		uintptr_t from = watch_window(w, ipa, n);

		if (!from)
			return 0;
		for (uint32_t i = 0; i < n; i++)
			to[i] = *(const volatile uint8_t *)(from + i);
		to += n;
		va += n;
		len -= n;
	}
	return 1;
}

static int allowed(const struct rule *r, const char *name)
{
	for (uint32_t at = 0; at < r->allow_len;) {
		const char *entry = (const char *)(r->allow + at);
		uint32_t n = 0;

		while (at + n < r->allow_len && entry[n])
			n++;
		if (at + n < r->allow_len && n == strlen(name) && !memcmp(entry, name, n))
			return 1;
		at += n + 1;
	}
	return 0;
}

/* Walks the module list: 1 all allowed, 0 one is not (reported), -1 unreadable. */
static int walk_modules(struct watch *w, struct rule *r)
{
	const struct tessera_kernel_report *k = &w->kernel;
	uint64_t head = k->modules, node;
	char name[65];

	if (!read_va(w, head, &node, 8))
		return -1;
	for (unsigned int n = 0; node != head; n++) {
		uint64_t module = node - k->module_list;

		if (n == MODULES_MAX ||
		    !read_va(w, module + k->module_name, name, k->module_name_len))
			return -1;
		name[k->module_name_len < 64 ? k->module_name_len : 64] = '\0';
		if (!allowed(r, name)) {
			if (!r->violated) {
				r->violated = 1;
				console_printf("monitor: '%s' rule '%s' violated: module '%s' at "
					       "0x%lx not allowed: %s\n",
					       w->cell, r->name, name, (unsigned long)module,
					       watch_recover(w, TESSERA_WATCH_WHY_RULE));
			}
			return 0;
		}
		if (!read_va(w, node, &node, 8))
			return -1;
	}
	return 1;
}

static void check_modules(struct watch *w, struct rule *r)
{
	if (w->kernel_boots != w->boot || !w->window.size)
		return;
	int verdict = walk_modules(w, r);

	/* a list caught half-changed reads as unreadable once; twice running is a violation */
	if (verdict < 0 && ++r->unreadable < 2)
		return;
	if (verdict >= 0)
		r->unreadable = 0;
	if (judge(w, r, TESSERA_CHECK_VERDICT, verdict != 1) == 1)
		r->violated = 0;
	else if (verdict < 0)
		violated(w, r, w->kernel.modules, "reading the module list at ");
}

/* What a hash rule has left to read of its pass (all of it, if none is under way);
 * UINT64_MAX while its region is not known: it stays due for when the report comes. */
static uint64_t pass_left(const struct watch *w, const struct rule *r)
{
	uint64_t base, size;

	if (!region_range(w, r, &base, &size))
		return UINT64_MAX;
	return r->in_pass && r->pass_off < size ? size - r->pass_off : size;
}

/* The due hash rule, not yet visited this sample, with the least left to read. */
static struct rule *shortest_due(struct watch *w, uint64_t now, uint32_t visited)
{
	struct rule *best = 0;
	uint64_t best_left = UINT64_MAX;

	for (unsigned int i = 0; i < w->num_rules; i++) {
		struct rule *r = &w->rules[i];
		uint64_t left;

		if ((visited >> i & 1) || r->allow_check || r->disabled ||
		    (!r->in_pass && (int64_t)(now - r->due) < 0))
			continue;
		left = pass_left(w, r);
		if (left < best_left) {
			best = r;
			best_left = left;
		}
	}
	return best;
}

/* A new boot: a new reference, new episodes, and every rule due at once. */
static void new_boot(struct watch *w, struct rule *r, uint64_t now)
{
	r->boot = w->boot;
	r->violated = 0;
	r->unreadable = 0;
	r->in_pass = 0;
	r->due = now;
}

/*
 * Hash rules share the sample's budget shortest pass first: a small region (the system-call
 * table, every 100 ms) keeps its period and takes its boot's reference at the first sample
 * after the kernel report, even while a pass over kernel.text runs for a second.  In rule
 * order it could wait behind that pass, and a change made meanwhile would become part of
 * its reference.
 */
void rules_check(struct watch *w, uint64_t now)
{
	uint64_t budget = HASH_BUDGET;
	uint32_t visited = 0;
	struct rule *r;

	if (w->recovering)
		return;
	/* once a rule has asked for the watch's on_failure, the others wait for the next boot */
	for (unsigned int i = 0; i < w->num_rules && !w->recovering; i++) {
		r = &w->rules[i];
		if (r->boot != w->boot)
			new_boot(w, r, now);
		if (r->allow_check && !r->disabled && (int64_t)(now - r->due) >= 0) {
			r->due = now + timer_us_to_ticks(r->period_ms * 1000ull);
			check_modules(w, r);
		}
	}
	while (budget && !w->recovering && (r = shortest_due(w, now, visited))) {
		visited |= 1u << (r - w->rules);
		if (check_hash(w, r, &budget)) /* the period runs from the end of a pass */
			r->due = now + timer_us_to_ticks(r->period_ms * 1000ull);
	}
}
