// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_config_torture: rcutorture for the configuration store.
 *
 * The product's store template, config_store<P>, over protection
 * policies of the torture's own (torture_cxx.cpp), hammered for a bounded
 * time by kthreads:
 *
 *   readers      read-side critical sections back to back; a third of
 *                them sometimes msleep() inside, a third sometimes
 *                schedule_timeout() inside, a third never sleep. Each
 *                checks the configuration's bytes against its checksum
 *                before and after, that its age is 0 or 1 at the end
 *                (the "Reader Pipe" histogram), and that generations never
 *                go backwards.
 *   writers      replace the configuration with random bytes of random
 *                size, reclaiming the old one normally, expedited or
 *                deferred, a quarter of the time by compare-and-swap. The
 *                store copies from user memory, so writers borrow the
 *                address space of the insmod that started them.
 *   fakewriters  grace periods without changes, each followed by an age
 *                step (rcutorture's fake writers).
 *
 * Everything runs from module_init, which returns when the run is over,
 * after the store's teardown; the module then does nothing until rmmod.
 * The results are printed at the end (and every stat_interval seconds):
 *   @@ torture <key=value ...>
 *   Reader Pipe: <readers that saw age 0> <age 1> <2> ... <7 or more>
 *   @@ torture result=SUCCESS|FAILURE
 * and, for scripts, the end's are data until rmmod: one key=value a line
 * in <debugfs>/srcu_config_torture/results.
 *
 * mutant= selects a deliberately broken store instead of the correct one
 * (test only): no_grace_period frees without waiting for readers,
 * no_barrier tears its domain down without srcu_barrier().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "torture.h"

static unsigned int duration = 10;
module_param(duration, uint, 0444);
MODULE_PARM_DESC(duration, "Seconds to run, 1 to 86400 (default 10)");

static unsigned int readers = 4;
module_param(readers, uint, 0444);
MODULE_PARM_DESC(readers, "Reader kthreads, 1 to 64 (default 4)");

static unsigned int writers = 3;
module_param(writers, uint, 0444);
MODULE_PARM_DESC(writers, "Writer kthreads, 1 to 16 (default 3)");

static unsigned int fakewriters = 1;
module_param(fakewriters, uint, 0444);
MODULE_PARM_DESC(fakewriters, "Kthreads that only wait for grace periods and age, 0 to 8 (default 1)");

static unsigned int reader_sleep_ms = 10;
module_param(reader_sleep_ms, uint, 0444);
MODULE_PARM_DESC(reader_sleep_ms, "Longest msleep() of a reader inside its critical section, 0 (none) to 1000 (default 10)");

static unsigned long max_size = 1024;
module_param(max_size, ulong, 0444);
MODULE_PARM_DESC(max_size, "Largest configuration written, up to 2048 bytes (default 1024)");

static unsigned long max_deferred_bytes = 64UL << 10;
module_param(max_deferred_bytes, ulong, 0444);
MODULE_PARM_DESC(max_deferred_bytes, "Bytes that may await deferred freeing before a deferred change waits instead (default 64 KiB)");

static unsigned int stat_interval;
module_param(stat_interval, uint, 0444);
MODULE_PARM_DESC(stat_interval, "Print progress every this many seconds, 0 for the end only (default 0)");

static unsigned long long seed;
module_param(seed, ullong, 0444);
MODULE_PARM_DESC(seed, "Seed of the threads' random choices, 0 for a random one (default 0)");

static char *mutant = "none";
module_param(mutant, charp, 0444);
MODULE_PARM_DESC(mutant, "Test only: torture a broken store: none (default), no_grace_period or no_barrier");

static const char * const torture_flavours[] = {
	[SRCU_TORTURE_CORRECT] = "none",
	[SRCU_TORTURE_NO_GRACE_PERIOD] = "no_grace_period",
	[SRCU_TORTURE_NO_BARRIER] = "no_barrier",
};

/* Deferred changes made right before teardown, so frees are in flight. */
#define TORTURE_FINAL_DEFERRED	3

static struct srcu_torture *torture;
static struct srcu_torture_stats torture_stats;
static int torture_flavour;
static unsigned int torture_seconds;
static struct dentry *torture_debugfs;
static struct mm_struct *torture_mm;
/* Found by the C side: a writer's copy failed or generations went back. */
static atomic_long_t torture_writer_errors;

enum torture_reader_kind { READER_MSLEEP, READER_SCHEDULE, READER_BUSY };

struct torture_reader {
	struct task_struct *task;
	enum torture_reader_kind kind;
	struct rnd_state rnd;
	unsigned long long last_generation;
	unsigned int sleep_ms;
};

struct torture_writer {
	struct task_struct *task;
	struct rnd_state rnd;
	void __user *ubuf;
	u8 *kbuf;
	unsigned long long last_generation;
};

static struct torture_reader *torture_readers;
static struct torture_writer *torture_writers;
static struct task_struct **torture_fakewriters;

/* ---- readers ------------------------------------------------------------- */

static void torture_delay_msleep(void *arg)
{
	struct torture_reader *r = arg;

	msleep(r->sleep_ms);
}

static void torture_delay_schedule(void *arg)
{
	struct torture_reader *r = arg;

	schedule_timeout_uninterruptible(r->sleep_ms);
}

static int torture_reader_fn(void *arg)
{
	struct torture_reader *r = arg;

	while (!kthread_should_stop()) {
		void (*delay)(void *arg) = NULL;
		u32 x = prandom_u32_state(&r->rnd);

		if (r->kind == READER_MSLEEP && reader_sleep_ms && !(x % 4)) {
			r->sleep_ms = 1 + (x >> 8) % reader_sleep_ms;
			delay = torture_delay_msleep;
		} else if (r->kind == READER_SCHEDULE && !(x % 8)) {
			r->sleep_ms = 1 + (x >> 8) % 3;	/* jiffies */
			delay = torture_delay_schedule;
		}
		srcu_torture_read(torture, &r->last_generation, delay, r);
		cond_resched();
	}
	return 0;
}

/* ---- writers ------------------------------------------------------------- */

static int torture_writer_fn(void *arg)
{
	struct torture_writer *w = arg;

	/* The store copies from user memory: the insmod's, lent to us. */
	kthread_use_mm(torture_mm);
	while (!kthread_should_stop()) {
		u32 x = prandom_u32_state(&w->rnd);
		enum srcu_torture_mode mode = x % SRCU_TORTURE_MODES;
		int cas = !((x >> 4) % 4);
		unsigned long len = (x >> 8) % (max_size + 1);
		unsigned long long generation;

		prandom_bytes_state(&w->rnd, w->kbuf, len);
		if (copy_to_user(w->ubuf, w->kbuf, len)) {
			atomic_long_inc(&torture_writer_errors);
			break;
		}
		if (!srcu_torture_change(torture, w->ubuf, len, mode, cas,
					 &generation)) {
			if (generation <= w->last_generation)
				atomic_long_inc(&torture_writer_errors);
			w->last_generation = generation;
		}
		/* Deferred changes return at once: let the callbacks keep up. */
		if (mode == SRCU_TORTURE_DEFERRED)
			schedule_timeout_interruptible(1);
		else
			cond_resched();
	}
	kthread_unuse_mm(torture_mm);
	/* Stay until kthread_stop() if the loop ended early. */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ / 10);
	return 0;
}

static int torture_fakewriter_fn(void *arg)
{
	unsigned int i = 0;

	while (!kthread_should_stop()) {
		srcu_torture_age_step(torture, i++ % 4 == 0);
		schedule_timeout_interruptible(1);
	}
	return 0;
}

/* ---- reports ------------------------------------------------------------- */

#define STAT(field) READ_ONCE(torture_stats.field)

static long long torture_leaked(void)
{
	return (long long)(STAT(retired) - STAT(freed));
}

static bool torture_failed(void)
{
	unsigned long long changes = STAT(changes[SRCU_TORTURE_NORMAL]) +
				     STAT(changes[SRCU_TORTURE_EXPEDITED]) +
				     STAT(changes[SRCU_TORTURE_DEFERRED]);

	return STAT(impossible_age) || STAT(bad_checksum) ||
	       STAT(generation_backwards) || STAT(change_errors) ||
	       atomic_long_read(&torture_writer_errors) ||
	       torture_leaked() || !STAT(reads) || !changes;
}

static void torture_report(const char *what, unsigned int seconds)
{
	char pipe[SRCU_TORTURE_AGE_BUCKETS * 21 + 1];
	size_t len = 0;
	int i;

	pr_info("@@ torture %s t=%u reads=%llu sleeping_reads=%llu changes_normal=%llu changes_expedited=%llu changes_deferred=%llu cas_ok=%llu cas_stale=%llu grace_periods=%llu deferred_callbacks=%llu retired=%llu freed=%llu max_waiting=%llu\n",
		what, seconds, STAT(reads), STAT(sleeping_reads),
		STAT(changes[SRCU_TORTURE_NORMAL]),
		STAT(changes[SRCU_TORTURE_EXPEDITED]),
		STAT(changes[SRCU_TORTURE_DEFERRED]),
		STAT(cas_ok), STAT(cas_stale), STAT(grace_periods),
		STAT(deferred_callbacks), STAT(retired), STAT(freed),
		STAT(max_waiting));
	pr_info("@@ torture %s-errors impossible_age=%llu bad_checksum=%llu generation_backwards=%llu change_errors=%llu writer_errors=%ld\n",
		what, STAT(impossible_age), STAT(bad_checksum),
		STAT(generation_backwards), STAT(change_errors),
		atomic_long_read(&torture_writer_errors));
	/* rcutorture's name for it: how old the objects readers saw were. */
	pipe[0] = '\0';
	for (i = 0; i < SRCU_TORTURE_AGE_BUCKETS; i++)
		len += scnprintf(pipe + len, sizeof(pipe) - len, " %llu",
				 STAT(age[i]));
	pr_info("Reader Pipe:%s\n", pipe);
}

/*
 * The end's figures as data, so that a script reads them without knowing
 * the console's layout: the keys of the report, one a line.
 */
static int torture_results_show(struct seq_file *m, void *v)
{
	int i;

	seq_printf(m, "mutant=%s\nseed=%llu\nseconds=%u\n",
		   torture_flavours[torture_flavour], seed, torture_seconds);
	seq_printf(m, "reads=%llu\nsleeping_reads=%llu\n",
		   STAT(reads), STAT(sleeping_reads));
	seq_printf(m, "changes_normal=%llu\nchanges_expedited=%llu\nchanges_deferred=%llu\n",
		   STAT(changes[SRCU_TORTURE_NORMAL]),
		   STAT(changes[SRCU_TORTURE_EXPEDITED]),
		   STAT(changes[SRCU_TORTURE_DEFERRED]));
	seq_printf(m, "cas_ok=%llu\ncas_stale=%llu\ngrace_periods=%llu\ndeferred_callbacks=%llu\n",
		   STAT(cas_ok), STAT(cas_stale), STAT(grace_periods),
		   STAT(deferred_callbacks));
	seq_printf(m, "retired=%llu\nfreed=%llu\nmax_waiting=%llu\nleaked=%lld\n",
		   STAT(retired), STAT(freed), STAT(max_waiting),
		   torture_leaked());
	seq_printf(m, "impossible_age=%llu\nbad_checksum=%llu\ngeneration_backwards=%llu\n",
		   STAT(impossible_age), STAT(bad_checksum),
		   STAT(generation_backwards));
	seq_printf(m, "change_errors=%llu\nwriter_errors=%ld\n",
		   STAT(change_errors), atomic_long_read(&torture_writer_errors));
	seq_puts(m, "reader_pipe=");
	for (i = 0; i < SRCU_TORTURE_AGE_BUCKETS; i++)
		seq_printf(m, "%s%llu", i ? " " : "", STAT(age[i]));
	seq_printf(m, "\nresult=%s\n", torture_failed() ? "FAILURE" : "SUCCESS");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(torture_results);

/* ---- the run ------------------------------------------------------------- */

static void torture_stop_threads(void)
{
	unsigned int i;

	/* Writers first: readers then see the last changes settle. */
	for (i = 0; torture_writers && i < writers; i++)
		if (torture_writers[i].task)
			kthread_stop(torture_writers[i].task);
	for (i = 0; torture_fakewriters && i < fakewriters; i++)
		if (torture_fakewriters[i])
			kthread_stop(torture_fakewriters[i]);
	for (i = 0; torture_readers && i < readers; i++)
		if (torture_readers[i].task)
			kthread_stop(torture_readers[i].task);
}

static void torture_free_threads(void)
{
	unsigned int i;

	for (i = 0; torture_writers && i < writers; i++)
		kfree(torture_writers[i].kbuf);
	kfree(torture_writers);
	kfree(torture_readers);
	kfree(torture_fakewriters);
	torture_writers = NULL;
	torture_readers = NULL;
	torture_fakewriters = NULL;
}

static int torture_start_threads(unsigned long ubase, unsigned long stride)
{
	struct task_struct *task;
	unsigned int i;

	torture_readers = kcalloc(readers, sizeof(*torture_readers), GFP_KERNEL);
	torture_writers = kcalloc(writers, sizeof(*torture_writers), GFP_KERNEL);
	torture_fakewriters = kcalloc(fakewriters + 1,
				      sizeof(*torture_fakewriters), GFP_KERNEL);
	if (!torture_readers || !torture_writers || !torture_fakewriters)
		return -ENOMEM;
	for (i = 0; i < writers; i++) {
		struct torture_writer *w = &torture_writers[i];

		w->kbuf = kmalloc(max_size + 1, GFP_KERNEL);
		if (!w->kbuf)
			return -ENOMEM;
		w->ubuf = (void __user *)(ubase + i * stride);
		prandom_seed_state(&w->rnd, seed + 1000 + i);
	}

	for (i = 0; i < readers; i++) {
		struct torture_reader *r = &torture_readers[i];

		r->kind = i % 3;
		prandom_seed_state(&r->rnd, seed + i);
		task = kthread_run(torture_reader_fn, r, "srcu_torture_r%u", i);
		if (IS_ERR(task))
			return PTR_ERR(task);
		r->task = task;
	}
	for (i = 0; i < writers; i++) {
		task = kthread_run(torture_writer_fn, &torture_writers[i],
				   "srcu_torture_w%u", i);
		if (IS_ERR(task))
			return PTR_ERR(task);
		torture_writers[i].task = task;
	}
	for (i = 0; i < fakewriters; i++) {
		task = kthread_run(torture_fakewriter_fn, NULL,
				   "srcu_torture_f%u", i);
		if (IS_ERR(task))
			return PTR_ERR(task);
		torture_fakewriters[i] = task;
	}
	return 0;
}

/* Sleep out the run, interruptibly (no hung-task report), reporting. */
static void torture_wait(void)
{
	unsigned long start = jiffies;
	unsigned int seconds = 0;

	while (seconds < duration) {
		schedule_timeout_interruptible(HZ);
		if (signal_pending(current)) {
			pr_info("@@ torture interrupted after %u s\n", seconds);
			return;
		}
		seconds = jiffies_to_msecs(jiffies - start) / 1000;
		if (stat_interval && seconds && !(seconds % stat_interval) &&
		    seconds < duration)
			torture_report("progress", seconds);
	}
}

/* From insmod's own context, which owns the memory at @ubuf. */
static void torture_final_changes(void __user *ubuf)
{
	static const char text[] = "srcu_config_torture: deferred, right before teardown\n";
	unsigned long long generation;
	int i;

	if (copy_to_user(ubuf, text, sizeof(text))) {
		atomic_long_inc(&torture_writer_errors);
		return;
	}
	for (i = 0; i < TORTURE_FINAL_DEFERRED; i++)
		srcu_torture_change(torture, ubuf, sizeof(text) - i,
				    SRCU_TORTURE_DEFERRED, 0, &generation);
}

static int __init torture_init(void)
{
	static const char initial[] = "srcu_config_torture: initial configuration\n";
	unsigned long stride, ulen, ubase;
	unsigned int seconds;
	int flavour, err;
	unsigned long start;

	flavour = sysfs_match_string(torture_flavours, mutant);
	if (flavour < 0) {
		pr_err("mutant=%s: expected none, no_grace_period or no_barrier\n",
		       mutant);
		return -EINVAL;
	}
	if (!duration || duration > 86400 || !readers || readers > 64 ||
	    !writers || writers > 16 || fakewriters > 8 ||
	    reader_sleep_ms > 1000 || max_size > 2048) {
		pr_err("parameter out of range (see modinfo)\n");
		return -EINVAL;
	}
	/* The writers' source buffers live in insmod's address space. */
	if (!current->mm)
		return -EINVAL;
	if (!seed)
		seed = get_random_u64() | 1;

	torture_mm = current->mm;
	mmget(torture_mm);
	stride = PAGE_ALIGN(max_size + 1);
	ulen = stride * writers;
	ubase = vm_mmap(NULL, 0, ulen, PROT_READ | PROT_WRITE,
			MAP_ANONYMOUS | MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(ubase)) {
		mmput(torture_mm);
		return (int)ubase;
	}

	torture = srcu_torture_create(flavour, initial, sizeof(initial) - 1,
				      max_size, max_deferred_bytes,
				      &torture_stats, &err);
	if (!torture)
		goto out_unmap;

	pr_info("@@ torture start mutant=%s seed=%llu duration=%u readers=%u writers=%u fakewriters=%u reader_sleep_ms=%u max_size=%lu max_deferred_bytes=%lu\n",
		torture_flavours[flavour], seed, duration, readers, writers,
		fakewriters, reader_sleep_ms, max_size, max_deferred_bytes);
	start = jiffies;
	err = torture_start_threads(ubase, stride);
	if (!err)
		torture_wait();
	torture_stop_threads();
	torture_free_threads();
	seconds = jiffies_to_msecs(jiffies - start) / 1000;

	if (!err)
		torture_final_changes((void __user *)ubase);
	pr_info("@@ torture teardown deferred_in_flight=%ld\n",
		srcu_torture_pending_callbacks(torture));
	srcu_torture_destroy(torture);
	torture = NULL;

	if (err) {
		pr_err("could not start the threads: %d\n", err);
		goto out_unmap;
	}
	torture_report("end", seconds);
	pr_info("@@ torture leaked=%lld\n", torture_leaked());
	pr_info("@@ torture result=%s\n",
		torture_failed() ? "FAILURE" : "SUCCESS");
	/* Without debugfs the script finds no results and fails: no check. */
	torture_flavour = flavour;
	torture_seconds = seconds;
	torture_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("results", 0444, torture_debugfs, NULL,
			    &torture_results_fops);
out_unmap:
	vm_munmap(ubase, ulen);
	mmput(torture_mm);
	torture_mm = NULL;
	return err;
}

static void __exit torture_exit(void)
{
	debugfs_remove(torture_debugfs);
}

module_init(torture_init);
module_exit(torture_exit);

MODULE_DESCRIPTION("Torture test of srcu_config's store, rcutorture style");
MODULE_LICENSE("GPL");
