// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The rtos cell's GICv3 bring-up, compiled into the monitor cells unchanged.
#include "../rtos/gic.c"
