/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config: one generation of the configuration, immutable once published.
 *
 * Allocated with its bytes in one piece (kvmalloc: configurations can be
 * large). It derives from retirable so that a writer that does not want
 * to wait can hand it to call_srcu() without allocating.
 *
 * The store owns one reference from creation; an open file whose
 * read-through spans several calls holds another (pin()), taken inside a
 * read-side critical section that saw the object current. The object is
 * freed with the last reference, so a grace period still protects every
 * reader that found it through the store's pointer, and the pin keeps it
 * for the rest of that file's read-through without holding a critical
 * section across system calls.
 */
#ifndef SRCU_CONFIG_CONFIG_HPP
#define SRCU_CONFIG_CONFIG_HPP

#include "srcu_cxx/base/types.hpp"
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/retirable.hpp"
#include "module/kernel.h"
#include "module/config_store_c.h"

namespace srcu_config {

using srcu_cxx::u32;
using srcu_cxx::u64;
using srcu_cxx::u8;
using backend = srcu_cxx::kernel_backend;

/*
 * Replaced configurations not yet freed: deferred frees in flight, and
 * generations that read-throughs still hold. Updated from SRCU callbacks
 * and from files being read, hence atomics.
 */
struct reclaim_stats {
	u64 pending;
	u64 pending_bytes;
	u64 freed;
	u64 max_pending_bytes;
	u64 pinned;		/* references held by read-throughs */
	u64 pinned_bytes;	/* bytes of replaced ones kept only by them */
	u64 max_pinned_bytes;	/* past it, a read-through pins nothing */
};

/* What the product keeps in a configuration beside its own fields. */
struct no_extra {};

/*
 * @Extra is what a user of the store template keeps in each object beside
 * the product's fields, set to Extra{} at creation; the product keeps
 * nothing (config). A test store can so carry per-object state of its
 * own without the product's object having a field for it.
 */
template <typename Extra>
struct basic_config : srcu_cxx::retirable {
	u64 generation;
	u64 size;
	u64 time_set_ns;	/* CLOCK_REALTIME at creation */
	u32 checksum;		/* FNV-1a of data, set at creation */
	u32 refs;		/* the store's, plus one per pin() */
	bool pinned;		/* a read-through pinned it once */
	/* The store's counters, which deferred frees and pins update. */
	reclaim_stats *stats;
	[[no_unique_address]] Extra extra;
	u8 data[];

	/* Copy @size bytes from user memory; *@err is -ENOMEM or -EFAULT. */
	[[nodiscard]] static basic_config *create(const void __user *bytes,
						  u64 size, int *err) noexcept;
	/* The same, with the bytes from @fill (config_store_c.h); *@err as @fill's. */
	[[nodiscard]] static basic_config *create(srcu_config_copy_in_t fill,
						  void *ctx, u64 size,
						  int *err) noexcept;
	[[nodiscard]] static basic_config *create_from_kernel(const void *bytes,
							      u64 size) noexcept;
	/*
	 * Drop the store's reference: once unpublished and past its
	 * readers, or never published. A read-through may keep it longer.
	 */
	static void destroy(basic_config *cfg) noexcept;

	/*
	 * A read-through's reference: take it inside a read-side critical
	 * section in which the object was current (so the store's reference
	 * is still held), drop it with unpin() from any context that may
	 * sleep.
	 */
	void pin() noexcept;
	static void unpin(basic_config *cfg) noexcept;

	/* The bytes still match the checksum taken when they were set. */
	[[nodiscard]] bool intact() const noexcept;
};

/* One generation of the product's configuration. */
using config = basic_config<no_extra>;

/* Instantiated in config.cpp; config_impl.hpp has the definitions. */
extern template struct basic_config<no_extra>;

[[nodiscard]] u32 checksum(const u8 *bytes, u64 size) noexcept;

} // namespace srcu_config

#endif
