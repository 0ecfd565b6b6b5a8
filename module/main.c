// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_config: the misc device /dev/srcu_config.
 *
 * This file is what the kernel sees: file operations, ioctl decoding and
 * ABI checks, poll, sysfs attributes, module parameters, init and exit.
 * The configuration itself lives in the C++ store, reached through its
 * C side: config_store_c.h, defined in config_store_c.cpp.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/splice.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uio.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "uapi/srcu_config.h"
#include "config_store_c.h"
#include "read_hook.h"

static unsigned long max_size = 1UL << 20;
module_param(max_size, ulong, 0444);
MODULE_PARM_DESC(max_size, "Largest configuration accepted, in bytes (default 1 MiB)");

static unsigned long max_deferred_bytes = 16UL << 20;
module_param(max_deferred_bytes, ulong, 0444);
MODULE_PARM_DESC(max_deferred_bytes,
		 "Bytes of replaced configurations that may await deferred freeing; past it a deferred change waits for a grace period (default 16 MiB)");

static char *initial = "srcu_config: default configuration\n";
module_param(initial, charp, 0444);
MODULE_PARM_DESC(initial, "Configuration installed at load time");

static unsigned long max_pinned_bytes = 16UL << 20;

static struct srcu_config_store *store;

static int srcu_config_set_max_pinned(const char *val,
				      const struct kernel_param *kp)
{
	int err = param_set_ulong(val, kp);

	/* At load, before the store exists, srcu_config_init() passes it. */
	if (!err && store)
		srcu_config_store_set_max_pinned(store, max_pinned_bytes);
	return err;
}

static const struct kernel_param_ops srcu_config_max_pinned_ops = {
	.set = srcu_config_set_max_pinned,
	.get = param_get_ulong,
};
module_param_cb(max_pinned_bytes, &srcu_config_max_pinned_ops,
		&max_pinned_bytes, 0644);
MODULE_PARM_DESC(max_pinned_bytes,
		 "Bytes of replaced configurations that read-throughs may keep; past it a read-through pins nothing (default 16 MiB)");

module_param_named(test_read_delay_ms, srcu_config_test_read_delay_ms, uint,
		   0644);
MODULE_PARM_DESC(test_read_delay_ms,
		 "Test hook: each read(2) sleeps this long inside its read-side critical section (default 0, off)");

/* Writers wake pollers here; each open file remembers what it last saw. */
static DECLARE_WAIT_QUEUE_HEAD(srcu_config_changed);

/*
 * O_TRUNC, as cp, tee, dd and the shell's > open a file they replace,
 * makes the file a write-through: its writes are staged and installed as
 * one generation when it is closed or synced (userspace-api.rst).
 */
static int srcu_config_open(struct inode *inode, struct file *file)
{
	bool write_through = (file->f_mode & FMODE_WRITE) &&
			     (file->f_flags & O_TRUNC);
	struct srcu_config_file *state =
		srcu_config_file_open(store, write_through);

	if (!state)
		return -ENOMEM;
	/* A new file has seen the configuration of the moment it opened. */
	srcu_config_file_saw(state, srcu_config_store_generation(store));
	file->private_data = state;
	return 0;
}

static int srcu_config_release(struct inode *inode, struct file *file)
{
	srcu_config_file_release(file->private_data);
	return 0;
}

/*
 * read(2) and pread(2): one user buffer, copied straight from the store
 * (the common case, without building an iov_iter for it).
 */
static ssize_t srcu_config_read(struct file *file, char __user *buf,
				size_t len, loff_t *ppos)
{
	return srcu_config_file_read(store, file->private_data, buf, len, ppos);
}

static unsigned long srcu_config_copy_to_iter(void *iter, const void *src,
					      unsigned long len)
{
	return copy_to_iter(src, len, iter);
}

/*
 * readv(2), preadv(2), splice and sendfile, io_uring: every segment of
 * the call from one generation, inside one read-side critical section.
 */
static ssize_t srcu_config_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return srcu_config_file_read_to(store, iocb->ki_filp->private_data,
					srcu_config_copy_to_iter, to,
					iov_iter_count(to), &iocb->ki_pos);
}

static void srcu_config_changed_to(unsigned long long generation)
{
	srcu_config_hook_changed(generation);
	wake_up_interruptible_poll(&srcu_config_changed, EPOLLPRI);
}

static long srcu_config_change(struct srcu_config_change *change,
			       unsigned long long *generation)
{
	long err = srcu_config_store_replace(store, change, generation);

	if (!err)
		srcu_config_changed_to(*generation);
	return err;
}

static int srcu_config_copy_from_iter(void *iter, void *dst, unsigned long len)
{
	return copy_from_iter_full(dst, len, iter) ? 0 : -EFAULT;
}

/*
 * write(2), writev(2), pwritev(2), io_uring: all segments, concatenated,
 * become one new generation; the offset is ignored. (write(2) comes here
 * too: the kernel hands a single buffer to write_iter as one segment.)
 * A write-through's writes are staged at the offset instead, for
 * ->flush or ->fsync to install.
 */
static ssize_t srcu_config_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct srcu_config_file *state = iocb->ki_filp->private_data;
	size_t len = iov_iter_count(from);
	struct srcu_config_change change = {
		.len = len,
		.reclaim = SRCU_CONFIG_RECLAIM_NORMAL,
		.copy_in = srcu_config_copy_from_iter,
		.copy_ctx = from,
	};
	unsigned long long generation;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (srcu_config_file_write_through(state))
		return srcu_config_file_write(store, state,
					      srcu_config_copy_from_iter, from,
					      len, &iocb->ki_pos);
	err = srcu_config_change(&change, &generation);
	return err ? err : len;
}

/* Install what a write-through staged: one generation, or the error. */
static int srcu_config_commit(struct file *file)
{
	unsigned long long generation = 0;
	long err;

	if (!srcu_config_file_write_through(file->private_data))
		return 0;
	err = srcu_config_file_commit(store, file->private_data, &generation);
	if (!err && generation)
		srcu_config_changed_to(generation);
	return err;
}

/* Every close(2) of a descriptor: its result is close(2)'s. */
static int srcu_config_flush(struct file *file, fl_owner_t id)
{
	return srcu_config_commit(file);
}

static int srcu_config_fsync(struct file *file, loff_t start, loff_t end,
			     int datasync)
{
	return srcu_config_commit(file);
}

static __poll_t srcu_config_poll(struct file *file, poll_table *wait)
{
	struct srcu_config_file *state = file->private_data;
	__poll_t events = EPOLLIN | EPOLLRDNORM;

	/*
	 * A change never waits for room, only (maybe) for a grace period:
	 * writable whenever open for writing. io_uring waits for this
	 * before it issues a write to a file it can poll.
	 */
	if (file->f_mode & FMODE_WRITE)
		events |= EPOLLOUT | EPOLLWRNORM;
	poll_wait(file, &srcu_config_changed, wait);
	if (srcu_config_store_generation(store) != srcu_config_file_seen(state))
		events |= EPOLLPRI;
	return events;
}

/*
 * Output structs grow by size like input ones: write what the caller's
 * struct has room for, zeroes past what this kernel knows.
 */
static int srcu_config_copy_out(void __user *uarg, size_t usize,
				const void *kdata, size_t ksize)
{
	if (copy_to_user(uarg, kdata, min(usize, ksize)))
		return -EFAULT;
	if (usize > ksize && clear_user(uarg + ksize, usize - ksize))
		return -EFAULT;
	return 0;
}

static long srcu_config_ioctl_set(struct file *file,
				  struct srcu_config_set __user *uarg,
				  size_t usize)
{
	struct srcu_config_change change = {};
	struct srcu_config_set req;
	unsigned long long generation;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (usize < SRCU_CONFIG_SET_SIZE_VER0)
		return -EINVAL;
	err = copy_struct_from_user(&req, sizeof(req), uarg, usize);
	if (err)
		return err;
	if (req.reserved || (req.flags & ~SRCU_CONFIG_SET_ALL_FLAGS))
		return -EINVAL;
	if ((req.flags & SRCU_CONFIG_SET_EXPEDITED) &&
	    (req.flags & SRCU_CONFIG_SET_DEFERRED))
		return -EINVAL;
	if (!(req.flags & SRCU_CONFIG_SET_IF_GENERATION) &&
	    req.expected_generation)
		return -EINVAL;
	/*
	 * Prove the output field is writable before changing anything, so
	 * that a bad pointer fails the call with the old configuration kept;
	 * the caller's own value goes back, so a failed SET leaves the
	 * struct as it was (but for ESTALE, below).
	 */
	if (put_user(req.generation, &uarg->generation))
		return -EFAULT;

	change.data = u64_to_user_ptr(req.data);
	change.len = req.len;
	if (req.flags & SRCU_CONFIG_SET_EXPEDITED)
		change.reclaim = SRCU_CONFIG_RECLAIM_EXPEDITED;
	else if (req.flags & SRCU_CONFIG_SET_DEFERRED)
		change.reclaim = SRCU_CONFIG_RECLAIM_DEFERRED;
	change.if_generation = !!(req.flags & SRCU_CONFIG_SET_IF_GENERATION);
	change.expected_generation = req.expected_generation;

	err = srcu_config_change(&change, &generation);
	/* On ESTALE: the generation that did not match, for the next try. */
	if (err && err != -ESTALE)
		return err;
	if (put_user(generation, &uarg->generation))
		return -EFAULT;
	return err;
}

static long srcu_config_ioctl_get(struct file *file,
				  struct srcu_config_get __user *uarg,
				  size_t usize)
{
	struct srcu_config_meta meta = {};
	struct srcu_config_get req;
	long err, ret;

	if (usize < SRCU_CONFIG_GET_SIZE_VER0)
		return -EINVAL;
	err = copy_struct_from_user(&req, sizeof(req), uarg, usize);
	if (err)
		return err;
	if (req.reserved)
		return -EINVAL;

	ret = srcu_config_store_get(store, u64_to_user_ptr(req.data), req.len,
				    &meta);
	if (ret && ret != -ENOSPC)
		return ret;
	/* On ENOSPC too: the size tells the caller what buffer to bring. */
	req.size = meta.size;
	req.generation = meta.generation;
	req.time_set_ns = meta.time_set_ns;
	req.checksum = meta.checksum;
	err = srcu_config_copy_out(uarg, usize, &req, sizeof(req));
	if (err)
		return err;
	if (!ret)
		srcu_config_file_saw(file->private_data, meta.generation);
	return ret;
}

static void srcu_config_fill_info(struct srcu_config_info *info)
{
	struct srcu_config_stats stats;

	srcu_config_store_stats(store, &stats);
	*info = (struct srcu_config_info) {
		.generation = stats.config.generation,
		.size = stats.config.size,
		.time_set_ns = stats.config.time_set_ns,
		.checksum = stats.config.checksum,
		.max_size = max_size,
		.max_deferred_bytes = max_deferred_bytes,
		.max_pinned_bytes = READ_ONCE(max_pinned_bytes),
		.flags = SRCU_CONFIG_INFO_FILE_SEMANTICS,
		.swaps = stats.swaps,
		.grace_periods = stats.grace_periods,
		.deferred_pending = stats.deferred_pending,
		.deferred_pending_bytes = stats.deferred_pending_bytes,
		.deferred_freed = stats.deferred_freed,
		.pinned = stats.pinned,
		.pinned_bytes = stats.pinned_bytes,
	};
}

static long srcu_config_ioctl_info(struct srcu_config_info __user *uarg,
				   size_t usize)
{
	struct srcu_config_info info;

	if (usize < SRCU_CONFIG_INFO_SIZE_VER0)
		return -EINVAL;
	srcu_config_fill_info(&info);
	return srcu_config_copy_out(uarg, usize, &info, sizeof(info));
}

static long srcu_config_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	size_t usize = _IOC_SIZE(cmd);

	if (_IOC_TYPE(cmd) != SRCU_CONFIG_IOC_MAGIC)
		return -ENOTTY;

	switch (_IOC_NR(cmd)) {
	case _IOC_NR(SRCU_CONFIG_IOC_SET):
		if (_IOC_DIR(cmd) != _IOC_DIR(SRCU_CONFIG_IOC_SET))
			return -ENOTTY;
		return srcu_config_ioctl_set(file, argp, usize);
	case _IOC_NR(SRCU_CONFIG_IOC_GET):
		if (_IOC_DIR(cmd) != _IOC_DIR(SRCU_CONFIG_IOC_GET))
			return -ENOTTY;
		return srcu_config_ioctl_get(file, argp, usize);
	case _IOC_NR(SRCU_CONFIG_IOC_INFO):
		if (_IOC_DIR(cmd) != _IOC_DIR(SRCU_CONFIG_IOC_INFO))
			return -ENOTTY;
		return srcu_config_ioctl_info(argp, usize);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations srcu_config_fops = {
	.owner = THIS_MODULE,
	.open = srcu_config_open,
	.release = srcu_config_release,
	.read = srcu_config_read,
	.read_iter = srcu_config_read_iter,
	.write_iter = srcu_config_write_iter,
	.flush = srcu_config_flush,
	.fsync = srcu_config_fsync,
#if SRCU_CONFIG_HAVE_COPY_SPLICE_READ
	.splice_read = copy_splice_read,
#else
	.splice_read = generic_file_splice_read,
#endif
	.poll = srcu_config_poll,
	.llseek = default_llseek,
	.unlocked_ioctl = srcu_config_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/* ---- sysfs: /sys/class/misc/srcu_config/ -------------------------------- */

#define SRCU_CONFIG_INFO_ATTR(field, format)				\
static ssize_t field##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	struct srcu_config_info info;					\
									\
	srcu_config_fill_info(&info);					\
	return sysfs_emit(buf, format "\n", info.field);		\
}									\
static DEVICE_ATTR_RO(field)

SRCU_CONFIG_INFO_ATTR(generation, "%llu");
SRCU_CONFIG_INFO_ATTR(size, "%llu");
SRCU_CONFIG_INFO_ATTR(time_set_ns, "%llu");
SRCU_CONFIG_INFO_ATTR(checksum, "0x%08x");
SRCU_CONFIG_INFO_ATTR(max_size, "%llu");
SRCU_CONFIG_INFO_ATTR(max_deferred_bytes, "%llu");
SRCU_CONFIG_INFO_ATTR(swaps, "%llu");
SRCU_CONFIG_INFO_ATTR(grace_periods, "%llu");
SRCU_CONFIG_INFO_ATTR(deferred_pending, "%llu");
SRCU_CONFIG_INFO_ATTR(deferred_pending_bytes, "%llu");
SRCU_CONFIG_INFO_ATTR(deferred_freed, "%llu");
SRCU_CONFIG_INFO_ATTR(pinned, "%llu");
SRCU_CONFIG_INFO_ATTR(pinned_bytes, "%llu");
SRCU_CONFIG_INFO_ATTR(max_pinned_bytes, "%llu");

/* Which SRCU read side this build uses: "fast" where the kernel has it. */
static ssize_t readers_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", srcu_config_store_readers());
}
static DEVICE_ATTR_RO(readers);

static struct attribute *srcu_config_attrs[] = {
	&dev_attr_generation.attr,
	&dev_attr_size.attr,
	&dev_attr_time_set_ns.attr,
	&dev_attr_checksum.attr,
	&dev_attr_max_size.attr,
	&dev_attr_max_deferred_bytes.attr,
	&dev_attr_swaps.attr,
	&dev_attr_grace_periods.attr,
	&dev_attr_deferred_pending.attr,
	&dev_attr_deferred_pending_bytes.attr,
	&dev_attr_deferred_freed.attr,
	&dev_attr_pinned.attr,
	&dev_attr_pinned_bytes.attr,
	&dev_attr_max_pinned_bytes.attr,
	&dev_attr_readers.attr,
	NULL,
};
ATTRIBUTE_GROUPS(srcu_config);

static struct miscdevice srcu_config_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "srcu_config",
	.fops = &srcu_config_fops,
	.groups = srcu_config_groups,
	.mode = 0644,
};

/*
 * The store is published and withdrawn under the parameters' lock, so that
 * a write to max_pinned_bytes (srcu_config_set_max_pinned(), which runs
 * under it) never reaches a store that is not, or no longer, there.
 */
static void srcu_config_publish_store(struct srcu_config_store *next)
{
	kernel_param_lock(THIS_MODULE);
	store = next;
	if (next)
		srcu_config_store_set_max_pinned(next, max_pinned_bytes);
	kernel_param_unlock(THIS_MODULE);
}

static int __init srcu_config_init(void)
{
	struct srcu_config_limits limits = {
		.max_size = max_size,
		.max_deferred_bytes = max_deferred_bytes,
		.max_pinned_bytes = max_pinned_bytes,
	};
	struct srcu_config_store *created;
	int err;

	created = srcu_config_store_create(initial, strlen(initial), &limits,
					   &err);
	if (!created)
		return err;
	srcu_config_publish_store(created);
	err = misc_register(&srcu_config_device);
	if (err) {
		srcu_config_publish_store(NULL);
		srcu_config_store_destroy(created);
		return err;
	}
	srcu_config_hook_init();
	return 0;
}

static void __exit srcu_config_exit(void)
{
	struct srcu_config_store *last = store;

	srcu_config_hook_exit();
	misc_deregister(&srcu_config_device);
	srcu_config_publish_store(NULL);
	srcu_config_store_destroy(last);
}

module_init(srcu_config_init);
module_exit(srcu_config_exit);

MODULE_DESCRIPTION("Configuration device guarded by sleepable RCU, in C++");
MODULE_LICENSE("GPL");
