// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_config: the misc device /dev/srcu_config.
 *
 * This file is what the kernel sees: file operations, ioctl decoding and
 * ABI checks, module parameters, init and exit. The configuration itself
 * lives in the C++ store (config_store.cpp), reached through store.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "uapi/srcu_config.h"
#include "store.h"

static unsigned long max_size = 1UL << 20;
module_param(max_size, ulong, 0444);
MODULE_PARM_DESC(max_size, "Largest configuration accepted, in bytes (default 1 MiB)");

static char *initial = "srcu_config: default configuration\n";
module_param(initial, charp, 0444);
MODULE_PARM_DESC(initial, "Configuration installed at load time");

static unsigned int test_read_delay_ms;
module_param(test_read_delay_ms, uint, 0644);
MODULE_PARM_DESC(test_read_delay_ms,
		 "Test hook: each read(2) sleeps this long inside its read-side critical section (default 0, off)");

static struct srcu_config_store *store;

static ssize_t srcu_config_read(struct file *file, char __user *buf,
				size_t len, loff_t *ppos)
{
	return srcu_config_store_read(store, buf, len, ppos,
				      READ_ONCE(test_read_delay_ms));
}

static long srcu_config_ioctl_set(struct file *file,
				  struct srcu_config_set __user *uarg,
				  size_t usize)
{
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
	if (req.flags || req.reserved)
		return -EINVAL;
	/*
	 * Prove the output field is writable before changing anything, so
	 * that a bad pointer fails the call with the old configuration kept.
	 */
	if (put_user(0ULL, &uarg->generation))
		return -EFAULT;

	err = srcu_config_store_replace(store, u64_to_user_ptr(req.data),
					req.len, &generation);
	if (err)
		return err;
	if (put_user(generation, &uarg->generation))
		return -EFAULT;
	return 0;
}

static long srcu_config_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	if (_IOC_TYPE(cmd) != SRCU_CONFIG_IOC_MAGIC)
		return -ENOTTY;

	switch (_IOC_NR(cmd)) {
	case _IOC_NR(SRCU_CONFIG_IOC_SET):
		if (_IOC_DIR(cmd) != _IOC_DIR(SRCU_CONFIG_IOC_SET))
			return -ENOTTY;
		return srcu_config_ioctl_set(file, argp, _IOC_SIZE(cmd));
	default:
		return -ENOTTY;
	}
}

static const struct file_operations srcu_config_fops = {
	.owner = THIS_MODULE,
	.read = srcu_config_read,
	.llseek = default_llseek,
	.unlocked_ioctl = srcu_config_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice srcu_config_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "srcu_config",
	.fops = &srcu_config_fops,
	.mode = 0644,
};

static int __init srcu_config_init(void)
{
	size_t len = strlen(initial);
	int err;

	if (len > max_size)
		return -E2BIG;
	store = srcu_config_store_create(initial, len, max_size);
	if (!store)
		return -ENOMEM;
	err = misc_register(&srcu_config_device);
	if (err) {
		srcu_config_store_destroy(store);
		return err;
	}
	return 0;
}

static void __exit srcu_config_exit(void)
{
	misc_deregister(&srcu_config_device);
	srcu_config_store_destroy(store);
}

module_init(srcu_config_init);
module_exit(srcu_config_exit);

MODULE_DESCRIPTION("Configuration device guarded by sleepable RCU, in C++");
MODULE_LICENSE("GPL");
