/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration store as the C glue sees it: an opaque object with
 * extern "C" entry points implemented in C++ (config_store.cpp).
 * Included from C and from C++; names no kernel header.
 */
#ifndef SRCU_CONFIG_STORE_H
#define SRCU_CONFIG_STORE_H

#include "srcu_cxx/shim.h"

#ifdef __cplusplus
extern "C" {
#endif

struct srcu_config_store;

/*
 * copy_to_user() for the store's copies to one user buffer (uaccess.c):
 * returns the bytes not copied, 0 or @len.
 */
unsigned long srcu_config_copy_to_user(void __user *to, const void *from,
				       unsigned long len);

/* How a replaced configuration is freed. */
enum srcu_config_reclaim {
	SRCU_CONFIG_RECLAIM_NORMAL,	/* after synchronize_srcu() */
	SRCU_CONFIG_RECLAIM_EXPEDITED,	/* after synchronize_srcu_expedited() */
	SRCU_CONFIG_RECLAIM_DEFERRED,	/* from a call_srcu() callback */
};

struct srcu_config_limits {
	unsigned long long max_size;
	/* Past this, a deferred change waits for a grace period instead. */
	unsigned long long max_deferred_bytes;
};

/*
 * Where the bytes of one read go, called inside its read-side critical
 * section (it may fault and sleep): copy @len bytes from @src, return how
 * many were copied.
 */
typedef unsigned long (*srcu_config_copy_out_t)(void *ctx, const void *src,
						unsigned long len);
/* Where the bytes of one change come from: fill @dst, 0 or -EFAULT. */
typedef int (*srcu_config_copy_in_t)(void *ctx, void *dst, unsigned long len);

struct srcu_config_change {
	const void __user *data;	/* unless @copy_in is set */
	unsigned long long len;
	enum srcu_config_reclaim reclaim;
	int if_generation;		/* compare-and-swap on expected_generation */
	unsigned long long expected_generation;
	/* If set, the new bytes come from @copy_in(@copy_ctx, ...). */
	srcu_config_copy_in_t copy_in;
	void *copy_ctx;
};

/* Metadata of one generation. */
struct srcu_config_meta {
	unsigned long long generation;
	unsigned long long size;
	unsigned long long time_set_ns;
	unsigned int checksum;
};

struct srcu_config_stats {
	struct srcu_config_meta config;	/* the current one */
	unsigned long long swaps;
	unsigned long long grace_periods;
	unsigned long long deferred_pending;
	unsigned long long deferred_pending_bytes;
	unsigned long long deferred_freed;
};

/* Returns the store, or NULL with *@err set (-ENOMEM, -EINVAL). */
struct srcu_config_store *
srcu_config_store_create(const void *initial, unsigned long len,
			 const struct srcu_config_limits *limits, int *err);

/* Ordered teardown; the caller guarantees no reader or writer is left. */
void srcu_config_store_destroy(struct srcu_config_store *store);

/*
 * Copy up to @len bytes from *@pos of one generation straight to user
 * memory, inside one read-side critical section, after sleeping there for
 * @delay_ms first (a test hook; 0 in production; a signal cuts it short
 * with -ERESTARTSYS). Returns the bytes copied (0 at the end) or -errno;
 * on success only, stores the generation served in *@generation (with a
 * single-copy-atomic store: poll() reads it concurrently).
 */
long srcu_config_store_read(struct srcu_config_store *store,
			    void __user *buf, unsigned long len,
			    long long *pos, unsigned int delay_ms,
			    unsigned long long *generation);

/*
 * The same, with the bytes going through @copy (e.g. copy_to_iter() for
 * readv(2), splice and io_uring): one generation and one critical section
 * for the whole call, however many segments @copy fills. A short copy
 * returns what was copied, or -EFAULT if nothing was.
 */
long srcu_config_store_read_to(struct srcu_config_store *store,
			       srcu_config_copy_out_t copy, void *ctx,
			       unsigned long len, long long *pos,
			       unsigned int delay_ms,
			       unsigned long long *generation);

/*
 * The whole configuration into @buf and its metadata into *@meta, from
 * one generation. -ENOSPC (with *@meta filled in) if @len is too small,
 * -EFAULT.
 */
long srcu_config_store_get(struct srcu_config_store *store, void __user *buf,
			   unsigned long long len,
			   struct srcu_config_meta *meta);

/*
 * Replace the configuration. On success returns 0 and the new generation
 * in *@generation. On failure (-E2BIG, -ENOMEM, -EFAULT, -ESTALE,
 * -ERESTARTSYS) the previous configuration is untouched; on -ESTALE,
 * *@generation is the current generation (the one that did not match).
 */
long srcu_config_store_replace(struct srcu_config_store *store,
			       const struct srcu_config_change *change,
			       unsigned long long *generation);

unsigned long long srcu_config_store_generation(struct srcu_config_store *store);
void srcu_config_store_stats(struct srcu_config_store *store,
			     struct srcu_config_stats *stats);

/* The read side the store was built with: "fast" (SRCU-fast) or "normal". */
const char *srcu_config_store_readers(void);

#ifdef __cplusplus
}
#endif

#endif
