// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The rtos runtime (timer tasks, interrupt handlers), compiled into the monitor cells unchanged.
#include "../rtos/rtos.c"
