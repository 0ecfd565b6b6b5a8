/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel services the store's C++ calls beyond srcu_cxx's, written in
 * C (uaccess.c, kernel.c) because C++ includes no kernel header.
 * Included from C and from C++.
 */
#ifndef SRCU_CONFIG_KERNEL_H
#define SRCU_CONFIG_KERNEL_H

#include "srcu_cxx/shim.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * copy_to_user() and copy_from_user() for the store's copies (uaccess.c):
 * each returns the bytes not copied.
 */
unsigned long srcu_config_copy_to_user(void __user *to, const void *from,
				       unsigned long len);
unsigned long srcu_config_copy_from_user(void *to, const void __user *from,
					 unsigned long len);

/* A configuration's memory: kvmalloc() with @gfp, kvfree(). */
void *srcu_config_kvmalloc(unsigned long size, unsigned int gfp);
void srcu_config_kvfree(const void *object);

/* When a configuration was set: ktime_get_real_ns(). */
unsigned long long srcu_config_ktime_get_real_ns(void);

#ifdef __cplusplus
}
#endif

#endif
