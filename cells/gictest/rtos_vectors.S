/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* The rtos cell's vector table, compiled into gictest unchanged: an IRQ from
 * EL1h calls rtos_irq(entry timestamp); every other exception is fatal. */
#include "../rtos/vectors.S"
