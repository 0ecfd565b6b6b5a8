// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_session_table: an example user of srcu_cxx's protected_array. The
 * table and its SRCU logic are C++ (session_table.cpp); the module, its
 * parameters, its kthreads, sleeping and printk stay in C.
 *
 * Loading runs reader kthreads that look sessions up (every eighth
 * lookup sleeping inside its critical section) against a writer that
 * opens and closes sessions for run_ms milliseconds, each change
 * replacing one bucket. insmod fails with -EIO if a reader ever saw a
 * torn or freed chain, or if readers never slept or no chain was freed
 * after synchronize(). The sessions stay until rmmod, whose teardown is
 * the library's default one.
 */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sched.h>

#include "session_table.h"

#define SESSION_MAX_READERS 8

static unsigned int run_ms = 1000;
module_param(run_ms, uint, 0444);
MODULE_PARM_DESC(run_ms, "Milliseconds of lookups and changes at load time");

static unsigned int readers = 2;
module_param(readers, uint, 0444);
MODULE_PARM_DESC(readers, "Lookup kthreads beside the one writer (1-8)");

static unsigned int sleep_ms = 2;
module_param(sleep_ms, uint, 0444);
MODULE_PARM_DESC(sleep_ms, "How long every eighth lookup sleeps in its critical section (ms)");

static unsigned int ids = 512;
module_param(ids, uint, 0444);
MODULE_PARM_DESC(ids, "How many session ids the workload draws from (64 or more)");

static struct session_table *sessions;

/*
 * Sessions are not used evenly: three lookups and changes in four go to
 * a few hot ones, the rest to any of the ids. Hot buckets are where a
 * change meets a reader still asleep on the chain it replaces, which is
 * what a broken grace period would get wrong.
 */
#define SESSION_HOT_IDS 4

static unsigned int session_pick(void)
{
	u32 r = get_random_u32();

	return (r & 3) ? (r >> 2) % SESSION_HOT_IDS : (r >> 2) % ids;
}

void session_table_sleep_ms(unsigned int ms)
{
	msleep(ms);
}

static int session_reader(void *unused)
{
	unsigned int n;

	for (n = 1; !kthread_should_stop(); n++) {
		session_table_lookup(sessions, session_pick(),
				     n % 8 ? 0 : sleep_ms);
		cond_resched();
	}
	return 0;
}

static int session_writer(void *unused)
{
	unsigned int round;

	for (round = 1; !kthread_should_stop(); round++) {
		if (session_table_toggle(sessions, session_pick(), round))
			pr_warn_ratelimited("srcu_session_table: no memory for a chain\n");
		usleep_range(200, 400);
	}
	return 0;
}

/* The writer, then the readers; stopped in the same order. */
static int session_workload(void)
{
	struct task_struct *task[SESSION_MAX_READERS + 1];
	unsigned int n;
	int err = 0;

	for (n = 0; n <= readers; n++) {
		struct task_struct *t;

		t = n ? kthread_run(session_reader, NULL, "session_reader/%u", n) :
			kthread_run(session_writer, NULL, "session_writer");
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
		task[n] = t;
	}
	if (!err)
		msleep(run_ms);
	while (n--)
		kthread_stop(task[n]);
	return err;
}

/*
 * No reader saw a bad chain, readers slept in their critical sections,
 * and a chain was freed after synchronize(). (Whether a retire()
 * callback has run yet, a lookup found an open session or a toggle
 * closed one is chance in a short run on a slow kernel: the test reads
 * those counts from the report of a long one.)
 */
static int session_verdict(void)
{
	struct session_table_stats s;

	session_table_read_stats(sessions, &s);
	pr_info("srcu_session_table: lookups=%llu found=%llu sleeps=%llu bad_chains=%llu opened=%llu closed=%llu synchronized=%llu retired=%llu\n",
		s.lookups, s.found, s.sleeps, s.bad_chains, s.opened, s.closed,
		s.synchronized, s.retired);
	if (!s.bad_chains && s.lookups && s.sleeps && s.synchronized)
		return 0;
	pr_err("srcu_session_table: workload failed\n");
	return -EIO;
}

static int __init session_init(void)
{
	int err;

	if (!readers || readers > SESSION_MAX_READERS || ids < 64)
		return -EINVAL;
	sessions = session_table_create(&err);
	if (!sessions)
		return err;
	err = session_workload();
	if (!err)
		err = session_verdict();
	if (err)
		session_table_destroy(sessions);
	return err;
}

static void __exit session_exit(void)
{
	session_table_destroy(sessions);
}

module_init(session_init);
module_exit(session_exit);

MODULE_DESCRIPTION("srcu_cxx example: a hash table of sessions in SRCU-protected buckets, in C++");
MODULE_LICENSE("GPL");
