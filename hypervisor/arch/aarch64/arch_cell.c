// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* The AArch64 side of a cell's lifecycle: its virtual GIC, its physical SPIs, caches and TLBs. */
#include "arch.h"
#include "cell.h"
#include "gic.h"
#include "printk.h"
#include "string.h"
#include "sysreg.h"
#include "vcpu.h"
#include "vgic.h"

void arch_cell_init(struct cell *c)
{
	vgic_cell_init(c);
}

/* Every interrupt of the cell back to its reset state, private ones included:
 * the old instance may have raised SGIs on its way out. */
void arch_cell_reset(struct cell *c)
{
	vgic_cell_init(c);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		vgic_vcpu_reset(&c->vcpus[i]);
}

/* The model, not its lock: the image's lock field means nothing. */
void arch_cell_save(const struct cell *c, struct arch_cell *image)
{
	struct cell *live = (struct cell *)c;
	spin_lock(&live->arch.vgic.lock);
	image->vgic.ctlr = c->arch.vgic.ctlr;
	memcpy(image->vgic.spi, c->arch.vgic.spi, sizeof(image->vgic.spi));
	image->spi_handovers = c->arch.spi_handovers;
	spin_unlock(&live->arch.vgic.lock);
}

void arch_cell_load(struct cell *c, const struct arch_cell *image)
{
	spin_lock(&c->arch.vgic.lock);
	c->arch.vgic.ctlr = image->vgic.ctlr;
	memcpy(c->arch.vgic.spi, image->vgic.spi, sizeof(c->arch.vgic.spi));
	c->arch.spi_handovers = image->spi_handovers;
	/* its physical SPIs configured as the restored model says (the devices
	 * themselves are the cell's business: see the guest contract) */
	for (uint32_t i = 0; i < c->cfg->num_irqs; i++) {
		uint32_t intid = c->cfg->irqs[i];
		const struct vgic_irq *irq = &c->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
		uint16_t t = irq->target < c->cfg->num_vcpus ? irq->target : 0;
		gic_spi_set_priority(intid, irq->priority);
		gic_spi_set_edge(intid, irq->edge);
		gic_spi_route(intid, sys_config.pcpus[c->vcpus[t].pcpu].mpidr);
		gic_spi_set_enabled(intid, irq->enabled);
	}
	spin_unlock(&c->arch.vgic.lock);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++)
		vgic_posted_reset(&c->vcpus[i]);
}

void arch_cell_quiesce(struct cell *c)
{
	for (uint32_t i = 0; i < c->cfg->num_irqs; i++)
		gic_spi_quiesce(c->cfg->irqs[i]);
}

void arch_cell_set_irq_level(struct cell *c, uint32_t intid, bool level)
{
	vgic_set_level(c, intid, level);
}

bool arch_irqchip_mmio(struct vcpu *v, struct mmio_access *a)
{
	return vgic_mmio(v, a);
}

bool arch_irqchip_at(const struct vcpu *v, uint64_t ipa)
{
	return vgic_window_at(v->cell, ipa);
}

void arch_guest_tlb_flush_all(void)
{
	__asm__ volatile("tlbi alle1is\n\tdsb ish" ::: "memory");
}

/* To the point of coherency: the guest starts with its MMU and caches off. */
void arch_dcache_clean(uint64_t start, uint64_t size)
{
	uint64_t line = 4u << ((sysreg_read(ctr_el0) >> 16) & 0xf); /* CTR_EL0.DminLine */
	for (uint64_t a = start & ~(line - 1); a < start + size; a += line)
		__asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");
}

#define ZVA_BLOCK 64 /* the fast path's DC ZVA block and cache line (Cortex-A5x/A7x) */

/* The slow way, for cores whose DC ZVA block or cache line is not 64 bytes
 * or that forbid DC ZVA: zero, then clean line by line. */
static void memory_zero_generic(uint64_t start, uint64_t size)
{
	memset((void *)start, 0, size);
	arch_dcache_clean(start, size);
}

static bool zva_block_is_64(void)
{
	uint64_t dczid = sysreg_read(dczid_el0);
	uint64_t ctr = sysreg_read(ctr_el0);
	return !(dczid & BIT(4)) && 4u << (dczid & 0xf) == ZVA_BLOCK &&
	       4u << ((ctr >> 16) & 0xf) == ZVA_BLOCK;
}

void arch_memory_zero(uint64_t start, uint64_t size)
{
	if (!zva_block_is_64()) {
		memory_zero_generic(start, size);
		return;
	}
	uint64_t end = start + size;
	uint64_t head = ALIGN_UP(start, ZVA_BLOCK), tail = end & ~(uint64_t)(ZVA_BLOCK - 1);
	if (head >= tail) {
		memset((void *)start, 0, size);
		arch_dcache_clean(start, size);
		return;
	}
	memset((void *)start, 0, head - start);
	memset((void *)tail, 0, end - tail);
	/* Eight blocks per round: the loop is most of a small cell's boot time. */
	uint64_t a = head;
	for (; a + 8 * ZVA_BLOCK <= tail; a += 8 * ZVA_BLOCK)
		__asm__ volatile("dc zva, %0\n\tdc cvac, %0\n\t"
				 "add x16, %0, #64\n\tdc zva, x16\n\tdc cvac, x16\n\t"
				 "add x16, %0, #128\n\tdc zva, x16\n\tdc cvac, x16\n\t"
				 "add x16, %0, #192\n\tdc zva, x16\n\tdc cvac, x16\n\t"
				 "add x16, %0, #256\n\tdc zva, x16\n\tdc cvac, x16\n\t"
				 "add x16, %0, #320\n\tdc zva, x16\n\tdc cvac, x16\n\t"
				 "add x16, %0, #384\n\tdc zva, x16\n\tdc cvac, x16\n\t"
				 "add x16, %0, #448\n\tdc zva, x16\n\tdc cvac, x16" ::"r"(a)
				 : "x16", "memory");
	for (; a < tail; a += ZVA_BLOCK)
		__asm__ volatile("dc zva, %0\n\tdc cvac, %0" ::"r"(a) : "memory");
	arch_dcache_clean(start, head - start);
	arch_dcache_clean(tail, end - tail);
	__asm__ volatile("dsb sy" ::: "memory");
}

void arch_dump_cell(const struct cell *c)
{
	uint32_t intid = c->cfg->console_intid;
	const struct vgic_irq *irq = &c->arch.vgic.spi[intid - VGIC_NR_PRIVATE];
	printk("  vgic: console intid %u en %u pend %u level %u target %u; SPIs handed over %u",
	       intid, irq->enabled, irq->pending, irq->level, irq->target, c->arch.spi_handovers);
	for (unsigned int i = 0; i < c->cfg->num_vcpus; i++) {
		const struct vcpu *v = &c->vcpus[i];
		printk("  vcpu %u: core %u state %u npie %u%s%s%s, timer at %lu ns (now %lu), "
		       "waiting "
		       "0x%x 0x%x, cntv ctl 0x%lx",
		       i, v->pcpu, v->state, v->arch.vgic.npie, v->queued ? ", queued" : "",
		       v->sched.blocked ? ", in WFI" : "", v->sched.throttled ? ", throttled" : "",
		       arch_vcpu_timer_deadline(v), arch_now_ns(), v->arch.vgic.waiting[0],
		       v->arch.vgic.waiting[1], v->arch.ctx.cntv_ctl);
	}
}
