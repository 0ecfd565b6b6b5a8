/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration store's C side: what main.c sees of it, an opaque
 * object with extern "C" entry points, defined in config_store_c.cpp over
 * the C++ side (config_store.hpp, the class). Included from C and from
 * C++; names no kernel header.
 */
#ifndef SRCU_CONFIG_CONFIG_STORE_C_H
#define SRCU_CONFIG_CONFIG_STORE_C_H

#include "srcu_cxx/shim.h"

#ifdef __cplusplus
extern "C" {
#endif

struct srcu_config_store;

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
	/* Past this, a read-through pins nothing (store_file). */
	unsigned long long max_pinned_bytes;
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
	unsigned long long pinned;
	unsigned long long pinned_bytes;
};

/* Returns the store, or NULL with *@err set (-ENOMEM, -EINVAL). */
struct srcu_config_store *
srcu_config_store_create(const void *initial, unsigned long len,
			 const struct srcu_config_limits *limits, int *err);

/* Ordered teardown; the caller guarantees no reader or writer is left. */
void srcu_config_store_destroy(struct srcu_config_store *store);

/*
 * What one open file of the device holds between calls (config_store.hpp,
 * store_file): the generation its read-through pinned, the generation it
 * last read (for poll), and the image its write-through stages.
 */
struct srcu_config_file;

/*
 * Returns the file's state, or NULL (-ENOMEM). With @write_through (the
 * file was opened with O_TRUNC), writes stage an image that
 * srcu_config_file_commit() installs; otherwise each write replaces.
 */
struct srcu_config_file *
srcu_config_file_open(struct srcu_config_store *store, int write_through);
/* Drops what the file pinned and staged; installs nothing. */
void srcu_config_file_release(struct srcu_config_file *file);
int srcu_config_file_write_through(struct srcu_config_file *file);

/*
 * Copy up to @len bytes from *@pos of one generation straight to user
 * memory (after the test hook's sleep when it is on, read_hook.h). A read
 * at offset 0 starts a read-through: if it does not return everything,
 * the file pins that generation, and reads at later offsets are served
 * from it until one returns 0 at its end (Documentation/userspace-api.rst,
 * "Reading"). Returns the bytes copied (0 at the end) or -errno: -ESTALE
 * inside a read-through that could not pin its generation once a writer
 * replaced it, -EFAULT, -ERESTARTSYS.
 */
long srcu_config_file_read(struct srcu_config_store *store,
			   struct srcu_config_file *file, void __user *buf,
			   unsigned long len, long long *pos);

/*
 * The same, with the bytes going through @copy (e.g. copy_to_iter() for
 * readv(2), splice and io_uring): one generation for the whole call,
 * however many segments @copy fills. A short copy returns what was
 * copied, or -EFAULT if nothing was.
 */
long srcu_config_file_read_to(struct srcu_config_store *store,
			      struct srcu_config_file *file,
			      srcu_config_copy_out_t copy, void *ctx,
			      unsigned long len, long long *pos);

/*
 * A write-through's write: the @len bytes from @copy go into the file's
 * image at *@pos, which then moves past them. Returns @len, or -E2BIG
 * (past max_size), -EFAULT, -ENOMEM, -ERESTARTSYS; any of them but the
 * last fails the write-through: its later writes and commits return it.
 */
long srcu_config_file_write(struct srcu_config_store *store,
			    struct srcu_config_file *file,
			    srcu_config_copy_in_t copy, void *ctx,
			    unsigned long len, long long *pos);

/*
 * Install the file's image as one generation, if anything was written
 * since the last commit (0 and *@generation untouched otherwise). Returns
 * 0 with the new generation in *@generation, the error that failed the
 * write-through, or -ENOMEM; on error nothing changed.
 */
long srcu_config_file_commit(struct srcu_config_store *store,
			     struct srcu_config_file *file,
			     unsigned long long *generation);

/* The generation the file last read (poll's EPOLLPRI), and setting it. */
unsigned long long srcu_config_file_seen(struct srcu_config_file *file);
void srcu_config_file_saw(struct srcu_config_file *file,
			  unsigned long long generation);

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
/* A new max_pinned_bytes (the module parameter is writable). */
void srcu_config_store_set_max_pinned(struct srcu_config_store *store,
				      unsigned long long bytes);
void srcu_config_store_stats(struct srcu_config_store *store,
			     struct srcu_config_stats *stats);

/* The read side the store was built with: "fast" (SRCU-fast) or "normal". */
const char *srcu_config_store_readers(void);

#ifdef __cplusplus
}
#endif

#endif
