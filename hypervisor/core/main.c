// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * Boot: the boot core checks the tables, builds every cell's stage 2 and the
 * run queues of the boot power state, starts the cores that have vCPUs, and
 * every core then runs its queue.  Cores without vCPUs are started by a
 * power switch that needs them (core/power.c), and may be switched off again.
 */
#include "arch.h"
#include "cell.h"
#include "pcpu.h"
#include "power.h"
#include "printk.h"
#include "vcpu.h"

struct pcpu pcpus[SYSCONFIG_NUM_PCPUS];

static void boot_primary(void)
{
	console_init(sys_config.console_pa);
	if (sys_config.magic != SYSCONFIG_MAGIC || sys_config.revision != SYSCONFIG_REVISION)
		panic("configuration tables are revision %u, this hypervisor reads %u",
		      sys_config.revision, SYSCONFIG_REVISION);
	arch_irq_init();
	power_init();
	cell_init_all();
	vcpu_init_all();
	arch_irq_route_init();
	console_input_init();
	printk("Tessera: system '%s', %u cells, %u vCPUs on %u cores", sys_config.system,
	       sys_config.num_cells, sys_config.num_vcpus, sys_config.num_pcpus);
	for (unsigned int i = 0; i < SYSCONFIG_NUM_CELLS; i++)
		cell_boot(&cells[i]);
	for (unsigned int cpu = 1; cpu < SYSCONFIG_NUM_PCPUS; cpu++) {
		if (!(sys_config.boot_cpus & BIT(cpu)))
			continue;
		int ret = arch_cpu_start(cpu, sys_config.pcpus[cpu].mpidr);
		if (ret)
			printk("core %u: PSCI CPU_ON failed (%d); its vCPUs will not run", cpu,
			       ret);
	}
}

void __noreturn hv_cpu_main(unsigned int cpu)
{
	struct pcpu *p = &pcpus[cpu];
	p->index = cpu;
	arch_cpu_init(cpu);
	arch_irq_cpu_init(cpu);
	if (cpu == 0)
		boot_primary();
	sched_init_cpu(p);
	power_core_online(p);
	p->online = true;
	sched_run();
}
