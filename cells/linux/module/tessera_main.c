// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * tessera.ko: the Linux side of the Tessera hypervisor for the stock Debian kernel.
 *
 * /dev/tessera (a misc device, root only) turns ioctls (tessera_ioctl.h) into
 * hypercalls (core.c).  Each part of the module has an init/exit pair in parts[]:
 * /dev/tessera, the IOC channel driver (ioc.c: /dev/ioc/<channel>), and the
 * kernel report for the monitor cell (report.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include <tessera.h>

#include "core.h"
#include "ioc.h"
#include "report.h"

/* TESSERA_IOC_CHECKPOINT: 0 both when taken and when restored; a restored run
 * resets its channels before anything in user space can ask them. */
static int tessera_checkpoint(void)
{
	int ret = tessera_core_checkpoint();

	if (ret != TESSERA_CHECKPOINT_RESTORED)
		return ret;
	pr_info("restored from the checkpoint: resetting the IOC channels\n");
	tessera_ioc_restored();
	return 0;
}

static long tessera_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tessera_info info;

	switch (cmd) {
	case TESSERA_IOC_INFO:
		tessera_core_info(&info);
		if (copy_to_user((void __user *)arg, &info, sizeof(info)))
			return -EFAULT;
		return 0;
	case TESSERA_IOC_CHECKPOINT:
		return tessera_checkpoint();
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tessera_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = tessera_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice tessera_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tessera",
	.fops = &tessera_fops,
	.mode = 0600,
};

static int tessera_dev_init(void)
{
	return misc_register(&tessera_dev);
}

static void tessera_dev_exit(void)
{
	misc_deregister(&tessera_dev);
}

static const struct {
	const char *name;
	int (*init)(void);
	void (*exit)(void);
} parts[] = {
	{ "/dev/tessera", tessera_dev_init, tessera_dev_exit },
	{ "IOC channels", tessera_ioc_init, tessera_ioc_exit },
	{ "kernel report", tessera_report_init, tessera_report_exit },
};

static int __init tessera_init(void)
{
	struct tessera_info info;
	int i, err;

	err = tessera_core_probe();
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		err = parts[i].init();
		if (err) {
			pr_err("%s: error %d\n", parts[i].name, err);
			while (--i >= 0)
				parts[i].exit();
			return err;
		}
	}
	tessera_core_info(&info);
	pr_info("cell %u '%s', ABI %u.%u\n", info.cell_id, info.name, info.abi_major,
		info.abi_minor);
	return 0;
}

static void __exit tessera_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(parts) - 1; i >= 0; i--)
		parts[i].exit();
}

module_init(tessera_init);
module_exit(tessera_exit);
MODULE_DESCRIPTION("Tessera hypervisor services for a Linux cell (/dev/tessera, /dev/ioc/*)");
MODULE_AUTHOR("The Tessera authors");
MODULE_LICENSE("GPL");
