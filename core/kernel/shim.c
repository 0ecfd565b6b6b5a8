// SPDX-License-Identifier: GPL-2.0
/*
 * C shims for the C++ SRCU core: see shim.h for why they exist.
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "shim.h"

int srcu_cxx_init(struct srcu_struct *ssp, const char *name,
		  struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return __init_srcu_struct(ssp, name, key);
#else
	return init_srcu_struct(ssp);
#endif
}

void srcu_cxx_cleanup(struct srcu_struct *ssp)
{
	cleanup_srcu_struct(ssp);
}

int srcu_cxx_read_lock(struct srcu_struct *ssp)
{
	return srcu_read_lock(ssp);
}

void srcu_cxx_read_unlock(struct srcu_struct *ssp, int idx)
{
	srcu_read_unlock(ssp, idx);
}

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

void *srcu_cxx_dereference(void __rcu *const *slot, struct srcu_struct *ssp)
{
	return srcu_dereference(*slot, ssp);
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

void *srcu_cxx_kvmalloc(unsigned long size, unsigned int gfp)
{
	return kvmalloc(size, (__force gfp_t)gfp);
}

void srcu_cxx_kfree(const void *object)
{
	kfree(object);
}

void srcu_cxx_kvfree(const void *object)
{
	kvfree(object);
}

unsigned long srcu_cxx_copy_to_user(void __user *to, const void *from,
				    unsigned long len)
{
	return copy_to_user(to, from, len);
}

unsigned long srcu_cxx_copy_from_user(void *to, const void __user *from,
				      unsigned long len)
{
	return copy_from_user(to, from, len);
}

unsigned long long srcu_cxx_ktime_get_ns(void)
{
	return ktime_get_ns();
}

unsigned long long srcu_cxx_ktime_get_real_ns(void)
{
	return ktime_get_real_ns();
}

void srcu_cxx_msleep(unsigned int msecs)
{
	msleep(msecs);
}

int srcu_cxx_signal_pending(void)
{
	return signal_pending(current);
}

void srcu_cxx_warn(const char *what, const char *file, int line)
{
	pr_warn("srcu_cxx: %s (%s:%d)\n", what, file, line);
}
