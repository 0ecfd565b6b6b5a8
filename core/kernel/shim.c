// SPDX-License-Identifier: GPL-2.0
/*
 * C shims for the C++ SRCU core: see shim.h for why they exist.
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/kmemleak.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/timekeeping.h>

#include "srcu_cxx/shim.h"

/*
 * On kernels without lockdep and PROVE_RCU, C++ calls these directly
 * (SRCU_CXX_DIRECT_READ): make sure its declarations match the kernel's.
 */
static_assert(__same_type(&__srcu_read_lock, int (*)(struct srcu_struct *)));
static_assert(__same_type(&__srcu_read_unlock,
			  void (*)(struct srcu_struct *, int)));

static int srcu_cxx_init_normal(struct srcu_struct *ssp, const char *name,
				struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return __init_srcu_struct(ssp, name, key);
#else
	return init_srcu_struct(ssp);
#endif
}

static int srcu_cxx_alloc_init(struct srcu_struct **out, const char *name,
			       struct lock_class_key *key,
			       int (*init)(struct srcu_struct *ssp,
					   const char *name,
					   struct lock_class_key *key))
{
	struct srcu_struct *ssp = kzalloc(sizeof(*ssp), GFP_KERNEL);
	int err;

	if (!ssp)
		return -ENOMEM;
	err = init(ssp, name, key);
	if (err) {
		kfree(ssp);
		return err;
	}
	*out = ssp;
	return 0;
}

int srcu_cxx_create(struct srcu_struct **out, const char *name,
		    struct lock_class_key *key)
{
	return srcu_cxx_alloc_init(out, name, key, srcu_cxx_init_normal);
}

void srcu_cxx_destroy(struct srcu_struct *ssp)
{
	cleanup_srcu_struct(ssp);
	kfree(ssp);
}

void srcu_cxx_abandon(struct srcu_struct *ssp, const char *name)
{
	/* Deliberately never freed: not a leak for kmemleak to report. */
	kmemleak_not_leak(ssp);
	pr_warn("srcu_cxx: domain '%s': abandoned with a reader still inside; its srcu_struct stays allocated\n",
		name);
}

void srcu_cxx_report_reader_in_place(const char *name, unsigned int waited_ms)
{
	pr_warn("srcu_cxx: domain '%s': a reader is still inside %u ms into teardown (a leaked or stuck read guard); the srcu_struct is part of the domain, so teardown keeps waiting rather than free what that reader will touch\n",
		name, waited_ms);
}

void srcu_cxx_cleanup(struct srcu_struct *ssp)
{
	cleanup_srcu_struct(ssp);
}

void srcu_cxx_report_stuck_reader(const char *name, unsigned int waited_ms,
				  long pending_callbacks, const char *last_retired,
				  int abandoning)
{
	if (abandoning) {
		pr_warn("srcu_cxx: domain '%s': a reader is still inside %u ms into teardown (a leaked or stuck read guard); no retire() callback is pending, so the domain is abandoned instead of waiting for ever\n",
			name, waited_ms);
		return;
	}
	pr_warn("srcu_cxx: domain '%s': a reader is still inside %u ms into teardown (a leaked or stuck read guard), and %ld retire() callbacks are pending, the last from %s\n",
		name, waited_ms, pending_callbacks,
		last_retired ? last_retired : "(unknown)");
	pr_warn("srcu_cxx: domain '%s': those callbacks run module code and cannot run before that reader leaves, so teardown keeps waiting; objects retired while a reader is stuck (an owner that retires its last object on its way out, say) cause this: see \"Teardown that cannot hang\" in the srcu_cxx documentation\n",
		name);
}

int srcu_cxx_read_lock(struct srcu_struct *ssp)
{
	return srcu_read_lock(ssp);
}

void srcu_cxx_read_unlock(struct srcu_struct *ssp, int idx)
{
	srcu_read_unlock(ssp, idx);
}

#if SRCU_CXX_HAVE_SRCU_DOWN_READ
int srcu_cxx_down_read(struct srcu_struct *ssp)
{
	return srcu_down_read(ssp);
}

void srcu_cxx_up_read(struct srcu_struct *ssp, int idx)
{
	srcu_up_read(ssp, idx);
}
#endif

#if SRCU_CXX_HAVE_SRCU_FAST && defined(CONFIG_TREE_SRCU)
int srcu_cxx_init_fast(struct srcu_struct *ssp, const char *name,
		       struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return __init_srcu_struct_fast(ssp, name, key);
#else
	return init_srcu_struct_fast(ssp);
#endif
}

/*
 * The per-CPU pointer goes through an integer both ways: where __percpu is
 * a named address space (__seg_gs), a direct cast to or from a generic
 * pointer is one between disjoint address spaces.
 */
struct srcu_ctr *srcu_cxx_read_lock_fast(struct srcu_struct *ssp)
{
	return (struct srcu_ctr *)(__force unsigned long)srcu_read_lock_fast(ssp);
}

void srcu_cxx_read_unlock_fast(struct srcu_struct *ssp, struct srcu_ctr *scp)
{
	srcu_read_unlock_fast(ssp,
			      (struct srcu_ctr __percpu *)(__force unsigned long)scp);
}
#endif

#if SRCU_CXX_HAVE_SRCU_FAST_UPDOWN && defined(CONFIG_TREE_SRCU)
int srcu_cxx_init_fast_updown(struct srcu_struct *ssp, const char *name,
			      struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return __init_srcu_struct_fast_updown(ssp, name, key);
#else
	return init_srcu_struct_fast_updown(ssp);
#endif
}

struct srcu_ctr *srcu_cxx_down_read_fast(struct srcu_struct *ssp)
{
	return (struct srcu_ctr *)(__force unsigned long)srcu_down_read_fast(ssp);
}

void srcu_cxx_up_read_fast(struct srcu_struct *ssp, struct srcu_ctr *scp)
{
	srcu_up_read_fast(ssp, (struct srcu_ctr __percpu *)(__force unsigned long)scp);
}
#endif

void srcu_cxx_synchronize(struct srcu_struct *ssp)
{
	synchronize_srcu(ssp);
}

void srcu_cxx_synchronize_expedited(struct srcu_struct *ssp)
{
	synchronize_srcu_expedited(ssp);
}

void srcu_cxx_barrier(struct srcu_struct *ssp)
{
	srcu_barrier(ssp);
}

unsigned long srcu_cxx_get_state(struct srcu_struct *ssp)
{
	return get_state_synchronize_srcu(ssp);
}

unsigned long srcu_cxx_start_poll(struct srcu_struct *ssp)
{
	return start_poll_synchronize_srcu(ssp);
}

int srcu_cxx_poll(struct srcu_struct *ssp, unsigned long cookie)
{
	return poll_state_synchronize_srcu(ssp, cookie);
}

void srcu_cxx_call(struct srcu_struct *ssp, struct rcu_head *head,
		   void (*func)(struct rcu_head *head))
{
	call_srcu(ssp, head, func);
}

void *srcu_cxx_dereference(void __rcu *const *slot, struct srcu_struct *ssp)
{
	return srcu_dereference(*slot, ssp);
}

/*
 * Inside a cross-context section (srcu_down_read*()), which lockdep does
 * not track: the reader's guard, checked by the C++ type system, is the
 * proof that srcu_read_lock_held() cannot give.
 */
void *srcu_cxx_dereference_untracked(void __rcu *const *slot,
				     struct srcu_struct *ssp)
{
	return srcu_dereference_check(*slot, ssp, 1);
}

void *srcu_cxx_dereference_protected(void __rcu *const *slot,
				     struct mutex *lock)
{
	return rcu_dereference_protected(*slot, lockdep_is_held(lock));
}

void srcu_cxx_assign_pointer(void __rcu **slot, void *value)
{
	rcu_assign_pointer(*slot, value);
}

void srcu_cxx_mutex_init(struct mutex *lock, const char *name,
			 struct lock_class_key *key)
{
	__mutex_init(lock, name, key);
}

void srcu_cxx_mutex_destroy(struct mutex *lock)
{
	mutex_destroy(lock);
}

void srcu_cxx_mutex_lock(struct mutex *lock)
{
	mutex_lock(lock);
}

int srcu_cxx_mutex_lock_interruptible(struct mutex *lock)
{
	return mutex_lock_interruptible(lock);
}

void srcu_cxx_mutex_unlock(struct mutex *lock)
{
	mutex_unlock(lock);
}

void *srcu_cxx_kmalloc(unsigned long size, unsigned int gfp)
{
	return kmalloc(size, (__force gfp_t)gfp);
}

void srcu_cxx_kfree(const void *object)
{
	kfree(object);
}

unsigned long long srcu_cxx_ktime_get_ns(void)
{
	return ktime_get_ns();
}

void srcu_cxx_msleep(unsigned int msecs)
{
	msleep(msecs);
}

void srcu_cxx_warn(const char *what, const char *file, int line)
{
	pr_warn("srcu_cxx: %s (%s:%d)\n", what, file, line);
}
