/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
#ifndef TESSERA_REPORT_H
#define TESSERA_REPORT_H

/* Sends the kernel report to the hypervisor (report.c); always 0: the rest of
 * the module works without it. */
int tessera_report_init(void);
void tessera_report_exit(void);

#endif
