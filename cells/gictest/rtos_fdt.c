// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The rtos cell's device tree reader, which its gic.c needs.
#include "../rtos/fdt.c"
