/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu_config_torture: what the C glue (torture_main.c: parameters,
 * kthreads, the borrowed user address space, reports) and the C++ side
 * (torture_cxx.cpp: the stores under test and their protection policies)
 * share. Included from C, with the kernel headers, and from C++, without
 * them: it names no kernel type.
 */
#ifndef SRCU_CONFIG_TORTURE_H
#define SRCU_CONFIG_TORTURE_H

#include "srcu_cxx/shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Which store is tortured. Only the first is correct; the others are
 * deliberately broken, to show that the torture catches them.
 */
enum srcu_torture_flavour {
	SRCU_TORTURE_CORRECT,
	/* Frees a replaced configuration at once, without a grace period. */
	SRCU_TORTURE_NO_GRACE_PERIOD,
	/* Tears its domain down without srcu_barrier(): frees still queued. */
	SRCU_TORTURE_NO_BARRIER,
};

/* How a change reclaims the configuration it replaces. */
enum srcu_torture_mode {
	SRCU_TORTURE_NORMAL,
	SRCU_TORTURE_EXPEDITED,
	SRCU_TORTURE_DEFERRED,
	SRCU_TORTURE_MODES,
};

/*
 * Age of a configuration (kept in it by torture_cxx.cpp, beside the
 * product's fields): 0 while current, 1 once replaced, then one more per
 * grace period that started after it was replaced and has ended. Freed on reaching SRCU_TORTURE_FREE_AGE.
 * A reader that still holds an object can only ever see 0 or 1.
 */
#define SRCU_TORTURE_FREE_AGE	4
/*
 * Written into an object as it is freed, with its bytes poisoned (as
 * rcutorture clears rtort_mbtest): a reader still holding it sees an
 * impossible age and a bad checksum even where KASAN is not watching.
 */
#define SRCU_TORTURE_AGE_FREED	0xdead
/* The Reader Pipe histogram: ages 0 .. BUCKETS-2, and "or more". */
#define SRCU_TORTURE_AGE_BUCKETS	8

/*
 * Counters of one run. Updated concurrently (relaxed atomics) by readers,
 * writers and SRCU callbacks; read by the C side for reports.
 */
struct srcu_torture_stats {
	unsigned long long reads;
	unsigned long long sleeping_reads;	/* slept inside the section */
	unsigned long long age[SRCU_TORTURE_AGE_BUCKETS];	/* Reader Pipe */
	unsigned long long changes[SRCU_TORTURE_MODES];
	unsigned long long cas_ok;
	unsigned long long cas_stale;
	unsigned long long grace_periods;	/* waited for, by writers and agers */
	unsigned long long deferred_callbacks;	/* invocations, one per age step */
	unsigned long long retired;		/* configurations replaced */
	unsigned long long freed;
	unsigned long long max_waiting;		/* retired, not yet freed: high water */
	/* Errors: each must stay zero. */
	unsigned long long impossible_age;	/* a reader saw age > 1 */
	unsigned long long bad_checksum;	/* torn or foreign bytes */
	unsigned long long generation_backwards;	/* a reader went back in time */
	unsigned long long change_errors;	/* a change failed unexpectedly */
};

struct srcu_torture;

/*
 * A store over the chosen policy, holding @initial_len bytes of
 * @initial; configurations up to @max_size bytes. NULL with *@err set.
 * The store counts into *@stats, which must outlive it.
 */
struct srcu_torture *srcu_torture_create(enum srcu_torture_flavour flavour,
					 const void *initial,
					 unsigned long initial_len,
					 unsigned long max_size,
					 unsigned long max_deferred_bytes,
					 struct srcu_torture_stats *stats,
					 int *err);

/*
 * The store's ordered teardown: every configuration still waiting is
 * freed once it is safe (the broken flavours get that wrong).
 */
void srcu_torture_destroy(struct srcu_torture *torture);

/*
 * One read-side critical section: check the configuration's bytes
 * against its checksum, call @delay(@arg) if @delay is not NULL (it may
 * sleep; the section is then counted as a sleeping one), check again and
 * record the age seen at the end. *@last_generation is the reader's
 * previous generation: generations must never go backwards.
 */
void srcu_torture_read(struct srcu_torture *torture,
		       unsigned long long *last_generation,
		       void (*delay)(void *arg), void *arg);

/*
 * Replace the configuration with @len bytes of user memory at @data
 * (the caller's address space), reclaiming the old one as @mode says;
 * with @cas, only if the generation is still the one read just before.
 * Returns 0 (the new generation in *@generation), -ESTALE for a lost
 * compare-and-swap, or another -errno (counted as an error).
 */
long srcu_torture_change(struct srcu_torture *torture, const void __user *data,
			 unsigned long len, enum srcu_torture_mode mode,
			 int cas, unsigned long long *generation);

/*
 * A grace period (expedited if @expedited) without a change, then one
 * age step for everything retired before it: rcutorture's fake writers.
 */
void srcu_torture_age_step(struct srcu_torture *torture, int expedited);

/* Deferred frees queued and not yet run. */
long srcu_torture_pending_callbacks(struct srcu_torture *torture);

#ifdef __cplusplus
}
#endif

#endif
