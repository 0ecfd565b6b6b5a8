/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config_store member definitions. Included by config_store.cpp, which
 * instantiates the product's store, and by anything that instantiates a
 * store over a protection policy of its own (the benchmark's lock-based
 * ones, the torture test's ageing and deliberately broken ones).
 */
#ifndef SRCU_CONFIG_CONFIG_STORE_IMPL_HPP
#define SRCU_CONFIG_CONFIG_STORE_IMPL_HPP

#include "srcu_cxx/base/new.hpp"
#include "module/config_impl.hpp"
#include "module/config_store.hpp"

namespace srcu_config {

using namespace srcu_cxx::errno_values;

namespace store_detail {

inline u64 load(const u64 &counter) noexcept
{
	return __atomic_load_n(&counter, __ATOMIC_RELAXED);
}

inline void add(u64 &counter, u64 value) noexcept
{
	__atomic_add_fetch(&counter, value, __ATOMIC_RELAXED);
}

inline void store(u64 &to, u64 value) noexcept
{
	__atomic_store_n(&to, value, __ATOMIC_RELAXED);
}

inline void sub(u64 &counter, u64 value) noexcept
{
	__atomic_sub_fetch(&counter, value, __ATOMIC_RELAXED);
}

/* Runs from the SRCU callback: must not sleep. */
inline void free_deferred(config *old) noexcept
{
	deferred_stats *stats = old->stats;
	u64 bytes = old->size;

	config::destroy(old);
	sub(stats->pending_bytes, bytes);
	sub(stats->pending, 1);
	add(stats->freed, 1);
}

template <typename Config>
void fill_meta(const Config &cfg, srcu_config_meta *meta) noexcept
{
	meta->generation = cfg.generation;
	meta->size = cfg.size;
	meta->time_set_ns = cfg.time_set_ns;
	meta->checksum = cfg.checksum;
}

} // namespace store_detail

using namespace store_detail;

inline bool srcu_protection::reclaim(config *old, reclaim_mode mode,
			      deferred_stats &stats) noexcept
{
	if (mode == reclaim::deferred) {
		/*
		 * Bound what may wait in callbacks: past the limit, this
		 * writer pays with a grace period instead of memory growing.
		 */
		u64 bytes = old->size;

		if (load(stats.pending_bytes) + bytes <= stats.max_pending_bytes) {
			old->stats = &stats;
			add(stats.pending, 1);
			add(stats.pending_bytes, bytes);
			domain_.retire<config, free_deferred>(old);
			return false;
		}
		mode = reclaim::normal;
	}
	/* Readers may still hold @old, and may be asleep: wait them out. */
	if (mode == reclaim::expedited)
		domain_.synchronize_expedited();
	else
		domain_.synchronize();
	config::destroy(old);
	return true;
}

template <typename Protection>
config_store<Protection>::config_store(u64 max_size,
				       u64 max_deferred_bytes) noexcept
	: max_size_(max_size)
{
	deferred_.max_pending_bytes = max_deferred_bytes;
}

template <typename Protection>
int config_store<Protection>::init(const void *initial, u64 len) noexcept
{
	if (len > max_size_)
		return -too_big;

	config_type *first = config_type::create_from_kernel(initial, len);

	if (!first)
		return -nomem;

	int err = protection_.init();

	if (err) {
		config_type::destroy(first);
		return err;
	}

	auto writer = protection_.write_lock();

	first->generation = 1;
	(void)protection_.replace(first, writer);
	ready_ = true;
	return 0;
}

template <typename Protection>
config_store<Protection>::~config_store()
{
	if (!ready_)
		return;

	config_type *last;
	{
		auto writer = protection_.write_lock();

		last = protection_.replace(nullptr, writer);
	}
	(void)protection_.reclaim(last, reclaim::normal, deferred_);
	/* Deferred frees touch deferred_: let them finish first. */
	protection_.drain();
}

template <typename Protection>
template <typename Copy>
long config_store<Protection>::read_with(Copy &&copy, u64 len, long long *pos,
					 unsigned int delay_ms,
					 u64 *generation) noexcept
{
	if (*pos < 0)
		return -inval;

	return with_current([&](const config_type &cfg) -> long {
		u64 offset = static_cast<u64>(*pos);

		if (offset >= cfg.size) {
			store(*generation, cfg.generation);
			return 0;
		}
		if (delay_ms) {
			int err = srcu_cxx_msleep_interruptible(delay_ms);

			if (err)
				return err;
		}

		u64 count = srcu_cxx::min(len, cfg.size - offset);
		u64 done = copy(cfg.data + offset, count);

		if (!done && count)
			return -fault;
		*pos += static_cast<long long>(done);
		store(*generation, cfg.generation);
		return static_cast<long>(done);
	});
}

template <typename Protection>
long config_store<Protection>::read(void __user *buf, u64 len, long long *pos,
				    unsigned int delay_ms,
				    u64 *generation) noexcept
{
	/* All or nothing, as it always was for one user buffer. */
	return read_with([buf](const u8 *src, u64 count) -> u64 {
		return srcu_config_copy_to_user(buf, src, count) ? 0 : count;
	}, len, pos, delay_ms, generation);
}

template <typename Protection>
long config_store<Protection>::read_to(srcu_config_copy_out_t copy, void *ctx,
				       u64 len, long long *pos,
				       unsigned int delay_ms,
				       u64 *generation) noexcept
{
	return read_with([copy, ctx](const u8 *src, u64 count) -> u64 {
		return copy(ctx, src, count);
	}, len, pos, delay_ms, generation);
}

template <typename Protection>
long config_store<Protection>::get(void __user *buf, u64 len,
				   srcu_config_meta *meta) noexcept
{
	return with_current([&](const config_type &cfg) -> long {
		fill_meta(cfg, meta);
		if (len < cfg.size)
			return -no_space;
		if (srcu_config_copy_to_user(buf, cfg.data, cfg.size))
			return -fault;
		return 0;
	});
}

template <typename Protection>
long config_store<Protection>::replace(const change &c, u64 *generation) noexcept
{
	if (c.len > max_size_)
		return -too_big;

	int err = 0;
	/* May fault and sleep: done before any lock is taken. */
	config_type *next = c.copy_in ?
		config_type::create(c.copy_in, c.copy_ctx, c.len, &err) :
		config_type::create(c.data, c.len, &err);

	if (!next)
		return err;

	config_type *old;
	{
		auto writer = protection_.write_lock_interruptible(&err);

		if (!writer) {
			config_type::destroy(next);
			return -restart_sys;
		}

		const config_type *current = protection_.get(writer);

		if (c.if_generation && current->generation != c.expected_generation) {
			/* What the caller needs for its next compare-and-swap. */
			*generation = current->generation;
			config_type::destroy(next);
			return -stale;
		}
		next->generation = current->generation + 1;
		*generation = next->generation;
		old = protection_.replace(next, writer);
		add(swaps_, 1);
	}
	if (protection_.reclaim(old, c.reclaim, deferred_))
		add(grace_periods_, 1);
	return 0;
}

template <typename Protection>
u64 config_store<Protection>::generation() noexcept
{
	return with_current([](const config_type &cfg) { return cfg.generation; });
}

template <typename Protection>
void config_store<Protection>::stats(srcu_config_stats *out) noexcept
{
	with_current([out](const config_type &cfg) {
		fill_meta(cfg, &out->config);
	});
	out->swaps = load(swaps_);
	out->grace_periods = load(grace_periods_);
	out->deferred_pending = load(deferred_.pending);
	out->deferred_pending_bytes = load(deferred_.pending_bytes);
	out->deferred_freed = load(deferred_.freed);
}

} // namespace srcu_config

#endif
