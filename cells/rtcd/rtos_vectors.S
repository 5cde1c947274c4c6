/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/* The rtos cell's vector table, compiled into rtcd unchanged. */
#include "../rtos/vectors.S"
