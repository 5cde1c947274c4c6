// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
/*
 * The bare-metal endpoint of an IOC channel.  The region's size, our end
 * and our place in the cell's channel list come from the channel's device
 * tree node (the generator writes them); nothing is read from the peer but
 * through tessera_ioc.h, which validates it.
 */
#include "ioc.h"

#include "fdt.h"
#include "hvc.h"
#include "timer.h"

#define IOC_COMPATIBLE "tessera,ioc-channel"
#define GIC_SPI_BASE 32

static void copy_name(char *dst, uintptr_t src, uint32_t len)
{
	uint32_t n = 0;

	for (; src && n < len && n < IOC_NAME_LEN - 1 && *(const volatile char *)(src + n); n++)
		dst[n] = *(const volatile char *)(src + n);
	dst[n] = '\0';
}

/* The node's "interrupts" = <0 spi flags>: the doorbell's INTID. */
static uint32_t doorbell_intid(const struct fdt_node *node)
{
	uint32_t len;
	uintptr_t val = fdt_node_prop(node, "interrupts", &len);

	if (!val || len != 12)
		return 0;
	return __builtin_bswap32(*(const volatile uint32_t *)(val + 4)) + GIC_SPI_BASE;
}

int ioc_open(struct ioc *ch, uintptr_t dtb, const char *name)
{
	struct fdt_node node;
	struct fdt_reg reg;
	uint32_t len;

	for (unsigned int nth = 0; !fdt_find_node(dtb, IOC_COMPATIBLE, nth, &node); nth++) {
		if (!fdt_node_str_is(&node, "label", name))
			continue;
		if (fdt_node_reg(&node, &reg, 1) != 1)
			return -1;
		ch->index = fdt_node_u32(&node, "tessera,index", UINT32_MAX);
		ch->intid = doorbell_intid(&node);
		ch->doorbells = 0;
		copy_name(ch->name, fdt_node_prop(&node, "label", &len), len);
		copy_name(ch->peer, fdt_node_prop(&node, "tessera,peer", &len), len);
		uint32_t end = fdt_node_u32(&node, "tessera,end", UINT32_MAX);
		if (ch->index == UINT32_MAX || !ch->intid || end > 1 || !tioc_size_ok(reg.size))
			return -1;
		ch->reopened = ((const volatile struct tioc_block *)(reg.base + end * reg.size / 2))
				       ->magic == TIOC_MAGIC;
		if (tioc_open(&ch->end, (void *)reg.base, reg.size, end, (uint32_t)timer_now()))
			return -1;
		ioc_ring(ch);
		return 0;
	}
	return -1;
}

int ioc_state(struct ioc *ch)
{
	bool ring;
	int state = tioc_state(&ch->end, &ring);

	ioc_ring_if(ch, ring);
	return state;
}

int ioc_recv_peek(struct ioc *ch, struct tioc_view *view)
{
	bool ring;
	int ret = tioc_recv_peek(&ch->end, view, &ring);

	ioc_ring_if(ch, ring);
	return ret;
}

void ioc_recv_done(struct ioc *ch)
{
	bool ring;

	tioc_recv_done(&ch->end, &ring);
	ioc_wake_pollers();
	ioc_ring_if(ch, ring);
}

void ioc_reset(struct ioc *ch)
{
	tioc_reset(&ch->end);
	ioc_ring(ch);
}

void ioc_doorbell(struct ioc *ch)
{
	ch->doorbells = ch->doorbells + 1;
}

/* IRQs masked from the last look to the WFI: a doorbell in between stays
 * pending, wakes the WFI, and is taken once they are unmasked again. */
void ioc_wait(struct ioc *ch, uint32_t send_len)
{
	asm volatile("msr daifset, #2" ::: "memory");
	bool idle = tioc_prepare_wait_rx(&ch->end);
	if (idle && send_len)
		idle = tioc_prepare_wait_tx(&ch->end, send_len);
	if (idle)
		asm volatile("wfi" ::: "memory");
	asm volatile("msr daifclr, #2" ::: "memory");
}
