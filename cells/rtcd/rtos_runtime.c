// SPDX-License-Identifier: GPL-2.0
// Copyright (c) 2026 The Tessera authors
// The rtos runtime (timer tasks, interrupt handlers), compiled into rtcd unchanged.
#include "../rtos/rtos.c"
