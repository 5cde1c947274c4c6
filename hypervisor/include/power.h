/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 The Tessera authors */
/*
 * Power states (sys_config.power_states): which cores are on and where each
 * vCPU runs.  A switch follows the generator's move table for the pair of
 * states and nothing else.
 */
#ifndef POWER_H
#define POWER_H

#include "types.h"

struct pcpu;

enum power_result {
	POWER_STARTED = 0, /* the switch is under way; a console line reports its end */
	POWER_BUSY = -1, /* another switch is under way */
	POWER_ALREADY = -2, /* that state is in force */
	POWER_NO_STATE = -3,
};

/* The state whose assignment the cores follow: the one being switched to
 * while a switch is under way. */
void power_init(void);
unsigned int power_target(void);
unsigned int power_now(void);
/* Switch to state 'to' (an index into sys_config.power_states). */
int power_switch(unsigned int to);
/* The state named 'name', or -1. */
int power_state_by_name(const char *name);
/* A core's part of a switch, at its scheduling pass (pcpu.power_work):
 * move out the vCPUs the table moves from it, and switch itself off if the
 * new state leaves it out and nothing is left to run.  May not return. */
void power_core_work(struct pcpu *p);
/* A core (re)started: count its time online. */
void power_core_online(struct pcpu *p);
/* hv> power: the state, each core (with what the firmware says), each vCPU's core. */
void power_print(void);

/* core/power_policy.c: the boot core's policy timer; ondemand looks at each
 * window's load and switches up or down the generator's ladder. */
void power_policy_start(void);
void power_policy_window(void);
const char *power_policy_name(void);

#endif /* POWER_H */
