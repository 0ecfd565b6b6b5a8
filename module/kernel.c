// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation and the clock for the store's C++ (module/kernel.h). They
 * are the product's, not the library's: srcu_cxx needs neither.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "module/kernel.h"

void *srcu_config_kvmalloc(unsigned long size, unsigned int gfp)
{
	return kvmalloc(size, (__force gfp_t)gfp);
}

void srcu_config_kvfree(const void *object)
{
	kvfree(object);
}

unsigned long long srcu_config_ktime_get_real_ns(void)
{
	return ktime_get_real_ns();
}
