/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration store as the C glue sees it: an opaque object with
 * extern "C" entry points implemented in C++ (config_store.cpp).
 * Included from C and from C++; names no kernel header.
 */
#ifndef SRCU_CONFIG_STORE_H
#define SRCU_CONFIG_STORE_H

#include "kernel/shim.h"

#ifdef __cplusplus
extern "C" {
#endif

struct srcu_config_store;

/* Returns the store, or NULL when out of memory. */
struct srcu_config_store *srcu_config_store_create(const void *initial,
						   unsigned long len,
						   unsigned long max_size);
/* Ordered teardown; the caller guarantees no reader or writer is left. */
void srcu_config_store_destroy(struct srcu_config_store *store);

/*
 * Copy up to @len bytes from *@pos of one generation of the configuration
 * straight to user memory, inside one read-side critical section, after
 * sleeping @delay_ms there first (a test hook; 0 in production). Returns
 * the number of bytes copied (0 at the end) or -EFAULT.
 */
long srcu_config_store_read(struct srcu_config_store *store,
			    void __user *buf, unsigned long len,
			    long long *pos, unsigned int delay_ms);

/*
 * Replace the configuration with @len bytes from user memory and free the
 * previous one after a grace period. On success returns 0 and the new
 * generation in *@generation; on failure (-E2BIG, -ENOMEM, -EFAULT) the
 * previous configuration is untouched.
 */
long srcu_config_store_replace(struct srcu_config_store *store,
			       const void __user *data, unsigned long len,
			       unsigned long long *generation);

unsigned long long srcu_config_store_generation(struct srcu_config_store *store);

#ifdef __cplusplus
}
#endif

#endif
