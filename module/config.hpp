/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config: one generation of the configuration, immutable once published.
 *
 * Allocated with its bytes in one piece (kvmalloc: configurations can be
 * large). It derives from retirable so that a writer that does not want
 * to wait can hand it to call_srcu() without allocating.
 */
#ifndef SRCU_CONFIG_CONFIG_HPP
#define SRCU_CONFIG_CONFIG_HPP

#include "srcu_cxx/base/types.hpp"
#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/retirable.hpp"
#include "module/store.h"

namespace srcu_config {

using srcu_cxx::u32;
using srcu_cxx::u64;
using srcu_cxx::u8;
using backend = srcu_cxx::kernel_backend;

struct deferred_stats;

struct config : srcu_cxx::retirable {
	u64 generation;
	u64 size;
	u64 time_set_ns;	/* CLOCK_REALTIME at creation */
	u32 checksum;		/* FNV-1a of data, set at creation */
	/* Where a deferred free reports itself; set when retired. */
	deferred_stats *stats;
	/*
	 * Grace periods completed since this object was replaced, counted by
	 * the torture test (rcutorture's pipe count): a reader holding it
	 * must never see more than one.
	 */
	u32 age;
	u8 data[];

	/* Copy @size bytes from user memory; *@err is -ENOMEM or -EFAULT. */
	[[nodiscard]] static config *create(const void __user *bytes, u64 size,
					    int *err) noexcept;
	/* The same, with the bytes from @fill (store.h); *@err as @fill's. */
	[[nodiscard]] static config *create(srcu_config_copy_in_t fill,
					    void *ctx, u64 size,
					    int *err) noexcept;
	[[nodiscard]] static config *create_from_kernel(const void *bytes,
							u64 size) noexcept;
	static void destroy(config *cfg) noexcept;

	/* The bytes still match the checksum taken when they were set. */
	[[nodiscard]] bool intact() const noexcept;
};

[[nodiscard]] u32 checksum(const u8 *bytes, u64 size) noexcept;

} // namespace srcu_config

#endif
