// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 The Tessera authors */
/*
 * IOC channels for Linux: a platform driver for the cell DT's
 * "tessera,ioc-channel" nodes (one per channel end: reg = the shared region,
 * interrupts = the doorbell SPI, label, tessera,peer, tessera,index,
 * tessera,end).  Each channel becomes /dev/ioc/<label>, a misc device: one
 * message per read() and write(), blocking or O_NONBLOCK, and poll(), woken
 * by the doorbell interrupt.  The protocol is uapi/tessera_ioc.h with the
 * kernel's own primitives; one mutex per end serialises every tioc_* call.
 * docs/guest-contract.md, "Linux: IOC channel devices", has the semantics.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <asm/barrier.h>

/*
 * The region is mapped write-back (memremap MEMREMAP_WB), so it is ordinary
 * memory: the SMP barriers and plain memcpy are the right primitives.  (A
 * bare-metal peer runs with its MMU off and sees the region as Device memory;
 * on hardware the two views are not coherent: see the guest contract.)
 */
#define TIOC_LOAD_ACQUIRE(p) smp_load_acquire(p)
#define TIOC_STORE_RELEASE(p, v) smp_store_release(p, v)
#define TIOC_FULL_BARRIER() smp_mb()
#define TIOC_READ_ONCE(x) READ_ONCE(x)
#define TIOC_WRITE_ONCE(x, v) WRITE_ONCE(x, v)
#define TIOC_MEMCPY(dst, src, n) memcpy((dst), (src), (n))
#include <tessera.h>
#include <tessera_ioc.h>

#include "core.h"
#include "ioc.h"

#define IOC_COMPATIBLE "tessera,ioc-channel"
#define IOC_NAME_LEN 32 /* as struct tessera_channel_info's name[] and peer[] */

struct ioc_chan {
	struct device *dev;
	struct miscdevice misc;
	struct mutex lock; /* serialises every tioc_* call on end, and the fields below it */
	struct tioc_end end;
	u32 restarts; /* peer restarts seen (each open file reports a new count once) */
	size_t tx_want; /* the length of the last write that found no room; 0 after one that did */
	wait_queue_head_t wq; /* readers, writers and pollers, woken by the doorbell */
	atomic_t events; /* doorbells and handshake steps: a sleeper waits for it to change */
	atomic64_t doorbells;
	struct work_struct work; /* applies the handshake rule after a doorbell */
	int irq;
	u32 size, index, end_index;
	char name[IOC_NAME_LEN], peer[IOC_NAME_LEN];
	char devname[IOC_NAME_LEN + 4]; /* "ioc/<name>": /dev/ioc/<name> */
};

/* An open file of the device. */
struct ioc_file {
	struct ioc_chan *ch;
	u32 restarts_seen; /* ch->restarts when this file last reported (or opened) */
};

static void ioc_ring(struct ioc_chan *ch)
{
	long ret = tessera_core_doorbell(ch->index);

	/* -3: the other end is not running; its open looks at the channel and rings us */
	if (ret && ret != TESSERA_DENIED)
		dev_warn_ratelimited(ch->dev, "doorbell %u: hypervisor error %ld\n", ch->index,
				     ret);
}

static void ioc_wake(struct ioc_chan *ch)
{
	atomic_inc(&ch->events);
	wake_up_interruptible(&ch->wq);
}

/* After every tioc_* call, under the lock: ring if asked, note a peer restart. */
static void ioc_settle(struct ioc_chan *ch, bool ring)
{
	if (ring)
		ioc_ring(ch);
	if (tioc_peer_restarted(&ch->end)) {
		ch->restarts++;
		/* rate-limited: a peer that re-opens in a loop must not flood the log */
		dev_info_ratelimited(ch->dev, "/dev/%s: peer '%s' restarted\n", ch->devname,
				     ch->peer);
	}
}

/* A peer restart this file has not reported yet: report it now (under the lock). */
static bool ioc_restart_news(struct ioc_file *f)
{
	if (f->restarts_seen == f->ch->restarts)
		return false;
	f->restarts_seen = f->ch->restarts;
	return true;
}

/* A failed tioc_send/tioc_recv as -errno; a peer restart first, once per file. */
static int ioc_error(struct ioc_file *f, int ret)
{
	if (ioc_restart_news(f))
		return -ECONNRESET;
	switch (ret) {
	case TIOC_EMSGSIZE:
		return -EMSGSIZE;
	case TIOC_EBROKEN:
		return -EIO;
	default: /* TIOC_EAGAIN, TIOC_ENOTCONN: nothing to do yet */
		return -EAGAIN;
	}
}

static irqreturn_t ioc_irq(int irq, void *data)
{
	struct ioc_chan *ch = data;

	atomic64_inc(&ch->doorbells);
	ioc_wake(ch);
	schedule_work(&ch->work);
	return IRQ_HANDLED;
}

/* The handshake, also with nobody reading: acknowledge a peer that (re)opened,
 * and wake sleepers when that changed anything. */
static void ioc_work(struct work_struct *work)
{
	struct ioc_chan *ch = container_of(work, struct ioc_chan, work);
	bool ring, restarted;
	u32 restarts;

	mutex_lock(&ch->lock);
	restarts = ch->restarts;
	tioc_state(&ch->end, &ring);
	ioc_settle(ch, ring);
	restarted = ch->restarts != restarts;
	mutex_unlock(&ch->lock);
	if (ring || restarted)
		ioc_wake(ch);
}

/* One try to move a message: tioc_recv into msg (cap bytes) or tioc_send of
 * msg (len bytes), under the lock; its length or -errno. */
static ssize_t ioc_try(struct ioc_file *f, bool send, void *msg, size_t len)
{
	struct ioc_chan *ch = f->ch;
	bool ring;
	int r;

	if (!send) {
		r = tioc_recv(&ch->end, msg, len, &ring);
		ioc_settle(ch, ring);
		return r >= 0 ? r : ioc_error(f, r);
	}
	r = tioc_send(&ch->end, msg, len, &ring);
	ioc_settle(ch, ring);
	ch->tx_want = r == TIOC_EAGAIN ? len : 0;
	return r == 0 ? (ssize_t)len : ioc_error(f, r);
}

/*
 * read and write: try under the lock; with nothing to move (no message, no
 * room, not connected) publish the wait flag and sleep until the doorbell,
 * unless O_NONBLOCK.  A peer restart this file has not reported comes first.
 */
static ssize_t ioc_transfer(struct file *file, bool send, void *msg, size_t len)
{
	struct ioc_file *f = file->private_data;
	struct ioc_chan *ch = f->ch;
	ssize_t ret;

	for (;;) {
		bool idle;
		int seen;

		if (mutex_lock_interruptible(&ch->lock))
			return -ERESTARTSYS;
		ret = ioc_restart_news(f) ? -ECONNRESET : ioc_try(f, send, msg, len);
		if (ret != -EAGAIN || (file->f_flags & O_NONBLOCK)) {
			mutex_unlock(&ch->lock);
			return ret;
		}
		seen = atomic_read(&ch->events);
		idle = send ? tioc_prepare_wait_tx(&ch->end, len) : tioc_prepare_wait_rx(&ch->end);
		mutex_unlock(&ch->lock);
		if (idle && wait_event_interruptible(ch->wq, atomic_read(&ch->events) != seen))
			return -ERESTARTSYS;
	}
}

static ssize_t ioc_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct ioc_file *f = file->private_data;
	size_t cap = min_t(size_t, count, tioc_max_payload(&f->ch->end));
	void *msg = kvmalloc(cap ? cap : 1, GFP_KERNEL);
	ssize_t ret;

	if (!msg)
		return -ENOMEM;
	ret = ioc_transfer(file, false, msg, cap);
	/* (the message is consumed: a bad buffer loses it) */
	if (ret > 0 && copy_to_user(buf, msg, ret))
		ret = -EFAULT;
	kvfree(msg);
	return ret;
}

static ssize_t ioc_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct ioc_file *f = file->private_data;
	void *msg;
	ssize_t ret;

	if (count > tioc_max_payload(&f->ch->end))
		return -EMSGSIZE;
	msg = kvmalloc(count ? count : 1, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = copy_from_user(msg, buf, count) ? -EFAULT : ioc_transfer(file, true, msg, count);
	kvfree(msg);
	return ret;
}

/*
 * Readable: a message is there (or a handshake step is due).  Writable: there
 * is room for a message as long as the last write that found none (any
 * message, after a write that went).  A peer restart this file has not
 * reported makes it both, so that the next read or write says -ECONNRESET;
 * BROKEN is EPOLLERR.
 * The wait flags published here make the peer ring when that changes.
 */
static __poll_t ioc_poll(struct file *file, poll_table *wait)
{
	struct ioc_file *f = file->private_data;
	struct ioc_chan *ch = f->ch;
	__poll_t mask = 0;
	bool ring;
	int state;

	poll_wait(file, &ch->wq, wait);
	mutex_lock(&ch->lock);
	state = tioc_state(&ch->end, &ring);
	ioc_settle(ch, ring);
	if (f->restarts_seen != ch->restarts)
		mask = EPOLLIN | EPOLLRDNORM | EPOLLOUT | EPOLLWRNORM;
	else if (state == TIOC_BROKEN)
		mask = EPOLLERR;
	else if (state == TIOC_UP) {
		if (!tioc_prepare_wait_rx(&ch->end))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!tioc_prepare_wait_tx(&ch->end, ch->tx_want))
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	mutex_unlock(&ch->lock);
	return mask;
}

/* A new incarnation of our end (the peer sees a restart); @f, if any, the file
 * that asked, which has no peer restart left to hear of: it dropped the
 * connection itself. */
static void ioc_reset(struct ioc_chan *ch, struct ioc_file *f)
{
	mutex_lock(&ch->lock);
	tioc_reset(&ch->end);
	if (f)
		f->restarts_seen = ch->restarts;
	ch->tx_want = 0;
	ioc_ring(ch);
	mutex_unlock(&ch->lock);
	ioc_wake(ch);
}

/* TESSERA_IOC_CHANNEL_CONTROL: a lifecycle operation on the peer, as -errno. */
static int ioc_control(struct ioc_chan *ch, unsigned long op)
{
	long ret;

	BUILD_BUG_ON(TESSERA_CHANNEL_RESTART != TESSERA_CONTROL_RESTART ||
		     TESSERA_CHANNEL_STOP != TESSERA_CONTROL_STOP ||
		     TESSERA_CHANNEL_START != TESSERA_CONTROL_START);
	if (op != TESSERA_CHANNEL_RESTART && op != TESSERA_CHANNEL_STOP &&
	    op != TESSERA_CHANNEL_START)
		return -EINVAL;
	ret = tessera_core_control(ch->index, op);
	switch (ret) {
	case TESSERA_OK:
		dev_info(ch->dev, "/dev/%s: control %lu of '%s' done\n", ch->devname, op, ch->peer);
		return 0;
	case TESSERA_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case TESSERA_DENIED:
		return -EPERM;
	case TESSERA_BUSY:
		return -EBUSY;
	default:
		return -EINVAL;
	}
}

static long ioc_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct ioc_file *f = file->private_data;
	struct ioc_chan *ch = f->ch;
	struct tessera_channel_info info;
	bool ring;

	switch (cmd) {
	case TESSERA_IOC_CHANNEL_INFO:
		memset(&info, 0, sizeof(info));
		mutex_lock(&ch->lock);
		info.state = tioc_state(&ch->end, &ring);
		ioc_settle(ch, ring);
		info.restarts = ch->restarts;
		mutex_unlock(&ch->lock);
		info.size = ch->size;
		info.max_payload = tioc_max_payload(&ch->end);
		info.index = ch->index;
		info.end = ch->end_index;
		info.doorbells = atomic64_read(&ch->doorbells);
		strscpy(info.name, ch->name, sizeof(info.name));
		strscpy(info.peer, ch->peer, sizeof(info.peer));
		if (copy_to_user((void __user *)arg, &info, sizeof(info)))
			return -EFAULT;
		return 0;
	case TESSERA_IOC_CHANNEL_RESET:
		ioc_reset(ch, f);
		return 0;
	case TESSERA_IOC_CHANNEL_CONTROL:
		return ioc_control(ch, arg);
	case TESSERA_IOC_CHANNEL_RING:
		return tessera_core_doorbell(ch->index) ? -ESRCH : 0;
	default:
		return -ENOTTY;
	}
}

static int ioc_open(struct inode *inode, struct file *file)
{
	/* misc_open leaves the miscdevice in private_data */
	struct ioc_chan *ch = container_of(file->private_data, struct ioc_chan, misc);
	struct ioc_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->ch = ch;
	mutex_lock(&ch->lock);
	f->restarts_seen = ch->restarts; /* only restarts after the open are news */
	mutex_unlock(&ch->lock);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

static int ioc_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations ioc_fops = {
	.owner = THIS_MODULE,
	.open = ioc_open,
	.release = ioc_release,
	.read = ioc_read,
	.write = ioc_write,
	.poll = ioc_poll,
	.unlocked_ioctl = ioc_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

static int ioc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	const char *label, *peer = "";
	struct ioc_chan *ch;
	struct resource *res;
	int err;

	ch = devm_kzalloc(dev, sizeof(*ch), GFP_KERNEL);
	if (!ch)
		return -ENOMEM;
	ch->dev = dev;
	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res || of_property_read_string(np, "label", &label) ||
	    of_property_read_u32(np, "tessera,index", &ch->index) ||
	    of_property_read_u32(np, "tessera,end", &ch->end_index)) {
		dev_err(dev, "needs reg, label, tessera,index and tessera,end\n");
		return -EINVAL;
	}
	of_property_read_string(np, "tessera,peer", &peer);
	if (!tioc_size_ok(resource_size(res)) || ch->end_index > 1 || !*label ||
	    strlen(label) >= sizeof(ch->name) || strchr(label, '/')) {
		dev_err(dev, "bad channel '%s' (%pR, end %u)\n", label, res, ch->end_index);
		return -EINVAL;
	}
	ch->size = resource_size(res);
	strscpy(ch->name, label, sizeof(ch->name));
	strscpy(ch->peer, peer, sizeof(ch->peer));
	snprintf(ch->devname, sizeof(ch->devname), "ioc/%s", ch->name);
	ch->irq = platform_get_irq(pdev, 0);
	if (ch->irq < 0)
		return ch->irq;
	mutex_init(&ch->lock);
	init_waitqueue_head(&ch->wq);
	INIT_WORK(&ch->work, ioc_work);

	/* Write-back: see the caveat at TIOC_MEMCPY. */
	{
		void *region = devm_memremap(dev, res->start, ch->size, MEMREMAP_WB);

		if (IS_ERR(region))
			return PTR_ERR(region);
		if (tioc_open(&ch->end, region, ch->size, ch->end_index, get_random_u32()))
			return -EINVAL;
	}
	err = devm_request_irq(dev, ch->irq, ioc_irq, 0, dev_name(dev), ch);
	if (err)
		return err;
	ioc_ring(ch);

	ch->misc.minor = MISC_DYNAMIC_MINOR;
	ch->misc.name = ch->devname;
	ch->misc.nodename = ch->devname;
	ch->misc.fops = &ioc_fops;
	ch->misc.mode = 0600;
	ch->misc.parent = dev;
	err = misc_register(&ch->misc);
	if (err) {
		devm_free_irq(dev, ch->irq, ch);
		cancel_work_sync(&ch->work);
		return err;
	}
	platform_set_drvdata(pdev, ch);
	schedule_work(&ch->work); /* a peer already open: acknowledge it now */
	dev_info(dev, "/dev/%s: %u bytes, end %u, doorbell %u (irq %d), peer '%s'\n", ch->devname,
		 ch->size, ch->end_index, ch->index, ch->irq, ch->peer);
	return 0;
}

/* Our end stays open in the region: the next probe opens it with the next
 * epoch, which the peer sees as a restart. */
static int ioc_remove(struct platform_device *pdev)
{
	struct ioc_chan *ch = platform_get_drvdata(pdev);

	misc_deregister(&ch->misc);
	devm_free_irq(&pdev->dev, ch->irq, ch);
	cancel_work_sync(&ch->work);
	return 0;
}

static const struct of_device_id ioc_of_match[] = {
	{ .compatible = IOC_COMPATIBLE },
	{},
};
MODULE_DEVICE_TABLE(of, ioc_of_match);

static struct platform_driver ioc_driver = {
	.probe = ioc_probe,
	.remove = ioc_remove,
	.driver = {
		.name = "tessera-ioc",
		.of_match_table = ioc_of_match,
		/* an open file holds the channel: no unbinding under it */
		.suppress_bind_attrs = true,
	},
};

static int ioc_reset_restored(struct device *dev, void *unused)
{
	struct ioc_chan *ch = dev_get_drvdata(dev);

	if (ch)
		ioc_reset(ch, NULL);
	return 0;
}

/*
 * Our struct tioc_end went back to the checkpoint's while the region and the
 * peer went on: the indices may disagree with the peer's (BROKEN), or the
 * peer may acknowledge an epoch we published after the checkpoint, which we
 * no longer know (CONNECTING for ever).  A reset starts over from an epoch
 * the peer has not seen (tioc_reset also looks at the region's).
 */
void tessera_ioc_restored(void)
{
	/* it fails only for a driver not registered, and ours is while the module is in */
	WARN_ON(driver_for_each_device(&ioc_driver.driver, NULL, NULL, ioc_reset_restored));
}

int tessera_ioc_init(void)
{
	return platform_driver_register(&ioc_driver);
}

void tessera_ioc_exit(void)
{
	platform_driver_unregister(&ioc_driver);
}
