/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* Which emulated device answers an access: every cell has a vGIC and a PL011. */
#ifndef MMIO_EMULATE_H
#define MMIO_EMULATE_H

#include "arch.h"
#include "mmio.h"
#include "vcpu.h"
#include "vuart.h"

/* False if no emulated device sits at the IPA.  Inline: it is on the path
 * of every emulated access. */
static inline bool mmio_emulate(struct vcpu *v, struct mmio_access *a)
{
	return arch_irqchip_mmio(v, a) || vuart_access(v->cell, a);
}

/* True if an emulated device lies at the IPA, whether or not it would accept
 * the access (the trap path asks for accesses it will not emulate). */
static inline bool mmio_emulated_at(struct vcpu *v, uint64_t ipa)
{
	return arch_irqchip_at(v, ipa) || vuart_at(v->cell, ipa);
}

#endif /* MMIO_EMULATE_H */
