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

int main(void)
{
	DEFINE(SRCU_CXX_SRCU_STRUCT_SIZE, sizeof(struct srcu_struct));
	DEFINE(SRCU_CXX_SRCU_STRUCT_ALIGN, __alignof__(struct srcu_struct));
	DEFINE(SRCU_CXX_LOCK_CLASS_KEY_SIZE, sizeof(struct lock_class_key));
	DEFINE(SRCU_CXX_LOCK_CLASS_KEY_ALIGN,
	       __alignof__(struct lock_class_key));
	DEFINE(SRCU_CXX_MUTEX_SIZE, sizeof(struct mutex));
	DEFINE(SRCU_CXX_MUTEX_ALIGN, __alignof__(struct mutex));
	BLANK();
	/* Cheap sanity checks in the templates, on debug kernels only. */
	DEFINE(SRCU_CXX_DEBUG_CHECKS, IS_ENABLED(CONFIG_PROVE_RCU) ||
				      IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC));
	BLANK();
	DEFINE(SRCU_CXX_GFP_KERNEL, (__force unsigned int)GFP_KERNEL);
	DEFINE(SRCU_CXX_GFP_KERNEL_ACCOUNT,
	       (__force unsigned int)GFP_KERNEL_ACCOUNT);
	DEFINE(SRCU_CXX_GFP_NOWAIT, (__force unsigned int)GFP_NOWAIT);
	BLANK();
	DEFINE(SRCU_CXX_ENOMEM, ENOMEM);
	DEFINE(SRCU_CXX_EINVAL, EINVAL);
	DEFINE(SRCU_CXX_EFAULT, EFAULT);
	DEFINE(SRCU_CXX_E2BIG, E2BIG);
	DEFINE(SRCU_CXX_ESTALE, ESTALE);
	DEFINE(SRCU_CXX_EINTR, EINTR);
	DEFINE(SRCU_CXX_ERESTARTSYS, ERESTARTSYS);
	return 0;
}
