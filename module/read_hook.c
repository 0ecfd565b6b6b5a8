// SPDX-License-Identifier: GPL-2.0
/*
 * The read side's test hook: with test_read_delay_ms set, a read sleeps
 * inside its read-side critical section. It records, on the kernel's
 * monotonic clock, when sleeping readers entered and left, and when each
 * change returned (past its grace period, if it waited for one), so that
 * a test proves a writer waited for a reader from what the kernel saw,
 * not from two clocks in two userspace threads that a starved vCPU can
 * put far apart. The record is debugfs's srcu_config/read_hook.
 */
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>

#include "read_hook.h"

static struct {
	atomic_t inside;	/* readers asleep in the hook now */
	atomic64_t entered;
	atomic64_t left;
	atomic64_t entered_ns;	/* of the last to enter */
	atomic64_t left_ns;	/* of the last to leave */
	atomic64_t generation;	/* the last one held */
	atomic64_t changes;
	atomic64_t changed_ns;	/* when the last change returned */
	atomic64_t changed_to;
} hook;

static struct dentry *hook_dir;

unsigned int srcu_config_test_read_delay_ms;

int srcu_config_read_hook(unsigned long long generation)
{
	unsigned int delay_ms = READ_ONCE(srcu_config_test_read_delay_ms);
	int err = 0;

	atomic64_set(&hook.generation, generation);
	atomic64_set(&hook.entered_ns, ktime_get_ns());
	atomic64_inc(&hook.entered);
	atomic_inc(&hook.inside);
	if (msleep_interruptible(delay_ms) && signal_pending(current))
		err = -ERESTARTSYS;
	/* Before the critical section ends: a writer that waited sees it. */
	atomic64_set(&hook.left_ns, ktime_get_ns());
	atomic64_inc(&hook.left);
	atomic_dec(&hook.inside);
	return err;
}

void srcu_config_hook_changed(unsigned long long generation)
{
	atomic64_set(&hook.changed_ns, ktime_get_ns());
	atomic64_set(&hook.changed_to, generation);
	atomic64_inc(&hook.changes);
}

static int read_hook_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "inside %d\n", atomic_read(&hook.inside));
	seq_printf(m, "entered %lld\n", atomic64_read(&hook.entered));
	seq_printf(m, "left %lld\n", atomic64_read(&hook.left));
	seq_printf(m, "entered_ns %lld\n", atomic64_read(&hook.entered_ns));
	seq_printf(m, "left_ns %lld\n", atomic64_read(&hook.left_ns));
	seq_printf(m, "generation %lld\n", atomic64_read(&hook.generation));
	seq_printf(m, "changes %lld\n", atomic64_read(&hook.changes));
	seq_printf(m, "changed_ns %lld\n", atomic64_read(&hook.changed_ns));
	seq_printf(m, "changed_to %lld\n", atomic64_read(&hook.changed_to));
	seq_printf(m, "now_ns %llu\n", ktime_get_ns());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(read_hook);

void srcu_config_hook_init(void)
{
	/*
	 * debugfs is for tests: without it the hook still sleeps. Named
	 * here, not by KBUILD_MODNAME: this object is also linked into the
	 * KUnit module, which makes that "srcu_config:srcu_config_kunit".
	 */
	hook_dir = debugfs_create_dir("srcu_config", NULL);
	debugfs_create_file("read_hook", 0444, hook_dir, NULL, &read_hook_fops);
}

void srcu_config_hook_exit(void)
{
	debugfs_remove_recursive(hook_dir);
}
