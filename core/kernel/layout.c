// SPDX-License-Identifier: GPL-2.0
/*
 * What the C++ side must know about the kernel it is built against: sizes
 * and alignments of the structures it embeds, and the constants it passes
 * back. Compiled to assembly only and turned into srcu_cxx_layout.h by
 * Kbuild, the way asm-offsets.h is made, so no number is ever copied by
 * hand and a kernel with a different layout simply regenerates it.
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kbuild.h>
#include <linux/lockdep_types.h>
#include <linux/mutex.h>
#include <linux/srcu.h>
#include <linux/types.h>

int main(void)
{
	DEFINE(SRCU_CXX_RCU_HEAD_SIZE, sizeof(struct rcu_head));
	DEFINE(SRCU_CXX_RCU_HEAD_ALIGN, __alignof__(struct rcu_head));
	DEFINE(SRCU_CXX_LOCK_CLASS_KEY_SIZE, sizeof(struct lock_class_key));
	DEFINE(SRCU_CXX_LOCK_CLASS_KEY_ALIGN,
	       __alignof__(struct lock_class_key));
	DEFINE(SRCU_CXX_MUTEX_SIZE, sizeof(struct mutex));
	DEFINE(SRCU_CXX_MUTEX_ALIGN, __alignof__(struct mutex));
	/* The fast domains hold theirs in place (domain.hpp says why). */
	DEFINE(SRCU_CXX_SRCU_STRUCT_SIZE, sizeof(struct srcu_struct));
	DEFINE(SRCU_CXX_SRCU_STRUCT_ALIGN, __alignof__(struct srcu_struct));
	BLANK();
	/* Cheap sanity checks in the templates, on debug kernels only. */
	DEFINE(SRCU_CXX_DEBUG_CHECKS, IS_ENABLED(CONFIG_PROVE_RCU) ||
				      IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC));
	/*
	 * Without lockdep and PROVE_RCU, srcu_read_lock() and
	 * srcu_read_unlock() inline to nothing but __srcu_read_lock() and
	 * __srcu_read_unlock() (plus an index sanity check a guard makes
	 * redundant), and srcu_dereference() to a READ_ONCE(): C++ then
	 * makes exactly those calls, with no shim in between.
	 */
	DEFINE(SRCU_CXX_DIRECT_READ, IS_ENABLED(CONFIG_TREE_SRCU) &&
				     !IS_ENABLED(CONFIG_PROVE_RCU) &&
				     !IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC));
	/* srcu_down_read()/srcu_up_read(): Linux 6.3 on; probed by Kbuild. */
	DEFINE(SRCU_CXX_HAVE_CROSS_CONTEXT_READERS, SRCU_CXX_HAVE_SRCU_DOWN_READ);
	/*
	 * SRCU-fast (init_srcu_struct_fast(), srcu_read_lock_fast()): probed
	 * by Kbuild; Tiny SRCU declares the initialiser only for Tree SRCU.
	 */
	DEFINE(SRCU_CXX_HAVE_FAST_READERS, SRCU_CXX_HAVE_SRCU_FAST &&
					   IS_ENABLED(CONFIG_TREE_SRCU));
	/* SRCU-fast-updown (srcu_down_read_fast()): the same, probed too. */
	DEFINE(SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS,
	       SRCU_CXX_HAVE_SRCU_FAST_UPDOWN && IS_ENABLED(CONFIG_TREE_SRCU));
#if SRCU_CXX_HAVE_SRCU_FAST && defined(CONFIG_TREE_SRCU)
	/*
	 * Without PROVE_RCU and lockdep, srcu_read_lock_fast() is
	 * __srcu_read_lock_fast(): load ssp->srcu_ctrp, this_cpu_inc() its
	 * srcu_locks, and srcu_read_unlock_fast() this_cpu_inc()s
	 * srcu_unlocks. On x86-64, where this_cpu_inc() is one NMI-safe
	 * %gs-relative instruction, C++ does the same (kernel backend).
	 */
	DEFINE(SRCU_CXX_DIRECT_FAST_READ, IS_ENABLED(CONFIG_X86_64) &&
					  !IS_ENABLED(CONFIG_NEED_SRCU_NMI_SAFE) &&
					  !IS_ENABLED(CONFIG_PROVE_RCU) &&
					  !IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC));
	OFFSET(SRCU_CXX_SRCU_CTRP_OFFSET, srcu_struct, srcu_ctrp);
	OFFSET(SRCU_CXX_SRCU_CTR_LOCKS_OFFSET, srcu_ctr, srcu_locks.counter);
	OFFSET(SRCU_CXX_SRCU_CTR_UNLOCKS_OFFSET, srcu_ctr, srcu_unlocks.counter);
	DEFINE(SRCU_CXX_SRCU_CTR_COUNTER_SIZE,
	       sizeof(((struct srcu_ctr *)0)->srcu_locks.counter));
#else
	/* Named by the backend's discarded branches, never used. */
	DEFINE(SRCU_CXX_DIRECT_FAST_READ, 0);
	DEFINE(SRCU_CXX_SRCU_CTRP_OFFSET, 0);
	DEFINE(SRCU_CXX_SRCU_CTR_LOCKS_OFFSET, 0);
	DEFINE(SRCU_CXX_SRCU_CTR_UNLOCKS_OFFSET, 0);
#endif
	BLANK();
	DEFINE(SRCU_CXX_GFP_KERNEL, (__force unsigned int)GFP_KERNEL);
	DEFINE(SRCU_CXX_GFP_KERNEL_ACCOUNT,
	       (__force unsigned int)GFP_KERNEL_ACCOUNT);
	BLANK();
	DEFINE(SRCU_CXX_ENOMEM, ENOMEM);
	DEFINE(SRCU_CXX_EINVAL, EINVAL);
	DEFINE(SRCU_CXX_EFAULT, EFAULT);
	DEFINE(SRCU_CXX_ERESTARTSYS, ERESTARTSYS);
	DEFINE(SRCU_CXX_EBUSY, EBUSY);
	return 0;
}
