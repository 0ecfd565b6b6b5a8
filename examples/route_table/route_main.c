// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_route_table: an example user of the srcu_cxx library. The table
 * and its SRCU logic are C++ (route_table.cpp); what the kernel offers
 * only to C stays here: the module, its parameters, kthreads, sleeping
 * and printk.
 *
 * Loading runs readers (some sleeping inside their critical sections)
 * against a writer that republishes the table for run_ms milliseconds,
 * then checks that no reader ever saw a torn or freed table and that
 * every way of freeing was used; insmod fails with -EIO if not. The last
 * table stays installed until rmmod, whose teardown is the library's
 * default one.
 */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sched.h>

#include "route_table.h"

static unsigned int run_ms = 1000;
module_param(run_ms, uint, 0444);
MODULE_PARM_DESC(run_ms, "How long the load-time workload runs (ms)");

static unsigned int readers = 2;
module_param(readers, uint, 0444);
MODULE_PARM_DESC(readers, "Reader kthreads of the workload (1-8)");

static unsigned int sleep_ms = 2;
module_param(sleep_ms, uint, 0444);
MODULE_PARM_DESC(sleep_ms, "How long every eighth lookup sleeps inside its critical section");

#define ROUTE_MAX_READERS 8

static struct route_table_owner *owner;

void route_table_sleep_ms(unsigned int ms)
{
	msleep(ms);
}

static int route_reader(void *unused)
{
	unsigned int n = 0;

	while (!kthread_should_stop()) {
		route_table_lookup(owner, get_random_u32(),
				   ++n % 8 == 0 ? sleep_ms : 0);
		cond_resched();
	}
	return 0;
}

static int route_writer(void *unused)
{
	unsigned int round = 1;

	while (!kthread_should_stop()) {
		if (route_table_update(owner, round++))
			pr_warn_ratelimited("srcu_route_table: update failed\n");
		usleep_range(500, 1000);
	}
	return 0;
}

static int route_run_workload(void)
{
	struct task_struct *tasks[ROUTE_MAX_READERS + 1];
	struct route_table_stats s;
	unsigned int started = 0, i;
	int err = 0;

	for (i = 0; i <= readers; i++) {
		struct task_struct *t;

		t = i < readers ? kthread_run(route_reader, NULL, "route_reader/%u", i) :
				  kthread_run(route_writer, NULL, "route_writer");
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
		tasks[started++] = t;
	}
	if (!err)
		msleep(run_ms);
	for (i = 0; i < started; i++)
		kthread_stop(tasks[i]);
	if (err)
		return err;

	route_table_read_stats(owner, &s);
	pr_info("srcu_route_table: lookups=%llu sleeps=%llu bad_tables=%llu updates=%llu synchronized=%llu polled=%llu retired=%llu\n",
		s.lookups, s.sleeps, s.bad_tables, s.updates, s.synchronized,
		s.polled, s.retired);
	if (s.bad_tables || !s.lookups || !s.sleeps || !s.synchronized ||
	    !s.polled) {
		pr_err("srcu_route_table: workload failed\n");
		return -EIO;
	}
	return 0;
}

static int __init route_init(void)
{
	int err;

	if (!readers || readers > ROUTE_MAX_READERS)
		return -EINVAL;
	owner = route_table_create(&err);
	if (!owner)
		return err;
	err = route_table_update(owner, 0);
	if (!err)
		err = route_run_workload();
	if (err)
		route_table_destroy(owner);
	return err;
}

static void __exit route_exit(void)
{
	route_table_destroy(owner);
}

module_init(route_init);
module_exit(route_exit);

MODULE_DESCRIPTION("srcu_cxx example: a routing table behind SRCU, in C++");
MODULE_LICENSE("GPL");
