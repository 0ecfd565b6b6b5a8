// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_config_bench: the read-side cost of SRCU through the C++ library
 * against the same in plain C, and against RCU, an rwsem and a mutex.
 *
 * Modelled on kernel/rcu/refscale.c: reader kthreads pinned one per CPU
 * each run a fixed number of read-side critical sections back to back,
 * after a warm-up and a rendezvous so that they run at the same time; the
 * cost is the time of the timed loop divided by its count, averaged over
 * the readers. Every variant is measured @reps times per reader count, in
 * rotating order, so that drift hits all of them alike; the host takes
 * medians. Unlike refscale, interrupts stay enabled: the rwsem and mutex
 * variants may sleep when two readers contend.
 *
 * Everything runs from module_init; the results are printed at the end,
 * one line per variant and reader count:
 *   @@ bench read variant=NAME readers=N ps=T1,T2,...
 * (picoseconds per critical section, one value per repetition).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/srcu.h>

#include "bench.h"
#include "srcu_cxx/module_domain.h"

static unsigned long loops = 200000;
module_param(loops, ulong, 0444);
MODULE_PARM_DESC(loops, "Critical sections per reader in one timed run (default 200000)");

static unsigned int reps = 9;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "Timed runs per variant and reader count, 1 to 31 (default 9)");

static unsigned int max_readers = 2;
module_param(max_readers, uint, 0444);
MODULE_PARM_DESC(max_readers, "Measure with 1, 2, 4 ... and this many readers, at most one per CPU (default 2)");

#define BENCH_MAX_REPS 31

/*
 * Reader counts measured: the powers of two below max_readers, then
 * max_readers itself (1, 2, 4, 8, 12 for 12), as refscale is usually
 * run: enough points for a curve, few enough for a short run.
 */
static unsigned int bench_next_readers(unsigned int nr)
{
	return min(nr * 2, max_readers);
}

static unsigned int bench_reader_counts(void)
{
	unsigned int nr, n = 0;

	for (nr = 1; nr < max_readers; nr = bench_next_readers(nr))
		n++;
	return n + 1;
}

/* ---- the C variants ------------------------------------------------------ */

static struct srcu_struct bench_srcu;
static struct bench_config __rcu *bench_current;
static struct bench_config bench_object = {
	.generation = 1,
	.value = 42,
	.size = sizeof(struct bench_config),
};
static DECLARE_RWSEM(bench_rwsem);
static DEFINE_MUTEX(bench_mutex);

/*
 * Every loop ends an iteration with barrier(), outside the critical
 * section, where the C++ loops have theirs (see bench_cxx.cpp).
 */

/* c_srcu: what cxx_guard is, written in C. */
static noinline unsigned long bench_c_srcu_loop(unsigned long count)
{
	struct srcu_struct *ssp = &bench_srcu;
	unsigned long i;
	int idx;

	for (i = count; i; i--) {
		idx = srcu_read_lock(ssp);
		srcu_read_unlock(ssp, idx);
		barrier();
	}
	return 0;
}

/* c_config_read: what cxx_config_read is, written in C. */
static noinline unsigned long bench_c_config_read_loop(unsigned long count)
{
	struct srcu_struct *ssp = &bench_srcu;
	const struct bench_config *cfg;
	unsigned long sum = 0;
	unsigned long i;
	int idx;

	for (i = count; i; i--) {
		idx = srcu_read_lock(ssp);
		cfg = srcu_dereference(bench_current, ssp);
		sum += cfg->value;
		srcu_read_unlock(ssp, idx);
		barrier();
	}
	return sum;
}

#if BENCH_HAVE_FAST
/* cxx_module_fast_guard's domain: srcu_cxx::module_fast_domain. */
SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN();

static struct srcu_struct bench_srcu_fast;

/* c_fast_srcu: what cxx_fast_guard is, written in C. */
static noinline unsigned long bench_c_fast_srcu_loop(unsigned long count)
{
	struct srcu_struct *ssp = &bench_srcu_fast;
	struct srcu_ctr __percpu *scp;
	unsigned long i;

	for (i = count; i; i--) {
		scp = srcu_read_lock_fast(ssp);
		srcu_read_unlock_fast(ssp, scp);
		barrier();
	}
	return 0;
}

/* c_fast_config_read: what cxx_fast_config_read is, written in C. */
static noinline unsigned long bench_c_fast_config_read_loop(unsigned long count)
{
	struct srcu_struct *ssp = &bench_srcu_fast;
	const struct bench_config *cfg;
	struct srcu_ctr __percpu *scp;
	unsigned long sum = 0;
	unsigned long i;

	for (i = count; i; i--) {
		scp = srcu_read_lock_fast(ssp);
		cfg = srcu_dereference(bench_current, ssp);
		sum += cfg->value;
		srcu_read_unlock_fast(ssp, scp);
		barrier();
	}
	return sum;
}
#endif

static noinline unsigned long bench_rcu_loop(unsigned long count)
{
	unsigned long i;

	for (i = count; i; i--) {
		rcu_read_lock();
		rcu_read_unlock();
		barrier();
	}
	return 0;
}

static noinline unsigned long bench_rwsem_loop(unsigned long count)
{
	unsigned long i;

	for (i = count; i; i--) {
		down_read(&bench_rwsem);
		up_read(&bench_rwsem);
		barrier();
	}
	return 0;
}

static noinline unsigned long bench_mutex_loop(unsigned long count)
{
	unsigned long i;

	for (i = count; i; i--) {
		mutex_lock(&bench_mutex);
		mutex_unlock(&bench_mutex);
		barrier();
	}
	return 0;
}

struct bench_variant {
	const char *name;
	unsigned long (*loop)(unsigned long count);
};

static const struct bench_variant bench_variants[] = {
	{ "cxx_guard", bench_cxx_guard_loop },
	{ "cxx_guard_barrier_inside", bench_cxx_guard_barrier_inside_loop },
	{ "c_srcu", bench_c_srcu_loop },
	{ "cxx_config_read", bench_cxx_config_read_loop },
	{ "c_config_read", bench_c_config_read_loop },
#if BENCH_HAVE_FAST
	{ "cxx_fast_guard", bench_cxx_fast_guard_loop },
	{ "cxx_module_fast_guard", bench_cxx_module_fast_guard_loop },
	{ "c_fast_srcu", bench_c_fast_srcu_loop },
	{ "cxx_fast_config_read", bench_cxx_fast_config_read_loop },
	{ "c_fast_config_read", bench_c_fast_config_read_loop },
#endif
	{ "rcu", bench_rcu_loop },
	{ "rwsem", bench_rwsem_loop },
	{ "mutex", bench_mutex_loop },
};

/* ---- readers ------------------------------------------------------------- */

struct bench_run {
	const struct bench_variant *variant;
	unsigned int readers;
	unsigned long warmup;
	atomic_t warmed;	/* readers past their warm-up */
	atomic_t running;	/* readers whose timed loop is not over */
	struct completion done;
};

struct bench_reader {
	struct bench_run *run;
	struct task_struct *task;
	u64 duration_ns;
};

/* Where the loops' results go, so that they are never dead code. */
static unsigned long bench_sink;

static int bench_reader_fn(void *arg)
{
	struct bench_reader *reader = arg;
	struct bench_run *run = reader->run;
	unsigned long (*loop)(unsigned long count) = run->variant->loop;
	unsigned long sum;
	u64 start;

	/* Warm the caches (and QEMU's translations), then start together. */
	sum = loop(run->warmup);
	atomic_inc(&run->warmed);
	while (atomic_read(&run->warmed) < run->readers)
		cpu_relax();

	start = ktime_get_mono_fast_ns();
	sum += loop(loops);
	reader->duration_ns = ktime_get_mono_fast_ns() - start;

	WRITE_ONCE(bench_sink, READ_ONCE(bench_sink) + sum);
	if (atomic_dec_and_test(&run->running))
		complete(&run->done);

	/* Stay until kthread_stop(), which reaps the task. */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/*
 * One timed run of @variant with @nr readers, pinned to the first @nr
 * online CPUs. Returns picoseconds per critical section, averaged over
 * the readers, or a negative errno.
 */
static s64 bench_one(const struct bench_variant *variant, unsigned int nr,
		     struct bench_reader *readers)
{
	struct bench_run run = {
		.variant = variant,
		.readers = nr,
		.warmup = max(loops / 10, 1000UL),
		.warmed = ATOMIC_INIT(0),
		.running = ATOMIC_INIT(nr),
	};
	unsigned int i = 0;
	u64 total_ns = 0;
	int cpu;

	init_completion(&run.done);
	for_each_online_cpu(cpu) {
		struct task_struct *task;

		if (i == nr)
			break;
		readers[i].run = &run;
		readers[i].duration_ns = 0;
		task = kthread_create_on_cpu(bench_reader_fn, &readers[i], cpu,
					     "srcu_bench/%u");
		if (IS_ERR(task)) {
			/* Never woken: kthread_stop() keeps them from running. */
			while (i--)
				kthread_stop(readers[i].task);
			pr_err("reader kthread on CPU %d: %ld\n", cpu,
			       PTR_ERR(task));
			return PTR_ERR(task);
		}
		readers[i++].task = task;
	}
	for (i = 0; i < nr; i++)
		wake_up_process(readers[i].task);

	wait_for_completion(&run.done);
	for (i = 0; i < nr; i++) {
		kthread_stop(readers[i].task);
		total_ns += readers[i].duration_ns;
	}
	return div64_u64(total_ns * 1000, (u64)loops * nr);
}

/* ---- the whole measurement ----------------------------------------------- */

static void bench_print(const char *name, unsigned int nr, const u64 *ps)
{
	char line[BENCH_MAX_REPS * 12 + 1];
	size_t len = 0;
	unsigned int r;

	line[0] = '\0';
	for (r = 0; r < reps; r++)
		len += scnprintf(line + len, sizeof(line) - len, "%s%llu",
				 r ? "," : "", ps[r]);
	pr_info("@@ bench read variant=%s readers=%u ps=%s\n", name, nr, line);
}

static int bench_run_all(void)
{
	const unsigned int nv = ARRAY_SIZE(bench_variants);
	const unsigned int nc = bench_reader_counts();
	struct bench_reader *readers;
	unsigned int nr, c, v, r;
	int err = 0;
	u64 *ps;

	readers = kcalloc(max_readers, sizeof(*readers), GFP_KERNEL);
	ps = kcalloc(nv * nc * reps, sizeof(*ps), GFP_KERNEL);
	if (!readers || !ps) {
		err = -ENOMEM;
		goto out;
	}

	for (r = 0; r < reps; r++) {
		for (nr = 1, c = 0; c < nc; nr = bench_next_readers(nr), c++) {
			for (v = 0; v < nv; v++) {
				/* Rotate the order: no variant always goes first. */
				unsigned int k = (v + r) % nv;
				s64 t = bench_one(&bench_variants[k], nr, readers);

				if (t < 0) {
					err = t;
					goto out;
				}
				ps[(k * nc + c) * reps + r] = t;
			}
		}
	}

	pr_info("@@ bench read-setup loops=%lu reps=%u max_readers=%u cpus=%u\n",
		loops, reps, max_readers, num_online_cpus());
	for (v = 0; v < nv; v++)
		for (nr = 1, c = 0; c < nc; nr = bench_next_readers(nr), c++)
			bench_print(bench_variants[v].name, nr,
				    &ps[(v * nc + c) * reps]);
	pr_info("@@ bench read-done\n");
out:
	kfree(ps);
	kfree(readers);
	return err;
}

static void bench_teardown(void)
{
	bench_cxx_exit();
	RCU_INIT_POINTER(bench_current, NULL);
	synchronize_srcu(&bench_srcu);
	cleanup_srcu_struct(&bench_srcu);
#if BENCH_HAVE_FAST
	cleanup_srcu_struct(&bench_srcu_fast);
#endif
}

static int __init bench_init(void)
{
	int err;

	if (!loops || !reps || reps > BENCH_MAX_REPS || !max_readers ||
	    max_readers > num_online_cpus()) {
		pr_err("need loops > 0, reps in 1..%d, max_readers in 1..%u\n",
		       BENCH_MAX_REPS, num_online_cpus());
		return -EINVAL;
	}

	err = init_srcu_struct(&bench_srcu);
	if (err)
		return err;
#if BENCH_HAVE_FAST
	err = init_srcu_struct_fast(&bench_srcu_fast);
	if (err) {
		cleanup_srcu_struct(&bench_srcu);
		return err;
	}
#endif
	rcu_assign_pointer(bench_current, &bench_object);
	err = bench_cxx_init();
	if (err) {
#if BENCH_HAVE_FAST
		cleanup_srcu_struct(&bench_srcu_fast);
#endif
		cleanup_srcu_struct(&bench_srcu);
		return err;
	}

	err = bench_run_all();
	if (err)
		bench_teardown();
	return err;
}

static void __exit bench_exit(void)
{
	bench_teardown();
}

module_init(bench_init);
module_exit(bench_exit);

MODULE_DESCRIPTION("Read-side cost of srcu_config's C++ SRCU against C SRCU, RCU, rwsem and mutex");
MODULE_LICENSE("GPL");
