// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/* Routes trapped guest MMIO to the cell's emulated devices. */
#include "cell.h"
#include "mmio.h"
#include "vcpu.h"
#include "vgic.h"
#include "vuart.h"

bool mmio_emulate(struct vcpu *v, struct mmio_access *a)
{
	return vuart_access(v->cell, a) || vgic_mmio(v, a);
}
