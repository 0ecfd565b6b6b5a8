/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config_store member definitions. Included by config_store_c.cpp, which
 * instantiates the product's store, and by anything that instantiates a
 * store over a protection policy of its own (the benchmark's lock-based
 * ones, the torture test's ageing and deliberately broken ones).
 */
#ifndef SRCU_CONFIG_CONFIG_STORE_IMPL_HPP
#define SRCU_CONFIG_CONFIG_STORE_IMPL_HPP

#include "srcu_cxx/base/new.hpp"
#include "module/config_impl.hpp"
#include "module/config_store.hpp"
#include "module/errno_values.hpp"
#include "module/read_hook.h"

namespace srcu_config {

using namespace errno_values;

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
	reclaim_stats *stats = old->stats;
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

template <typename Domain>
bool basic_srcu_protection<Domain>::reclaim(config *old, reclaim_mode mode,
					    reclaim_stats &stats) noexcept
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
			this->domain().template retire<config, free_deferred>(old);
			return false;
		}
		mode = reclaim::normal;
	}
	/* Readers may still hold @old, and may be asleep: wait them out. */
	if (mode == reclaim::expedited)
		this->domain().synchronize_expedited();
	else
		this->domain().synchronize();
	config::destroy(old);
	return true;
}

template <protection_policy Protection>
config_store<Protection>::config_store(u64 max_size, u64 max_deferred_bytes,
				       u64 max_pinned_bytes) noexcept
	: max_size_(max_size)
{
	reclaim_.max_pending_bytes = max_deferred_bytes;
	reclaim_.max_pinned_bytes = max_pinned_bytes;
}

template <protection_policy Protection>
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
	first->stats = &reclaim_;
	(void)protection_.replace(first, writer);
	ready_ = true;
	return 0;
}

template <protection_policy Protection>
config_store<Protection>::~config_store()
{
	if (!ready_)
		return;

	config_type *last;
	{
		auto writer = protection_.write_lock();

		last = protection_.replace(nullptr, writer);
	}
	(void)protection_.reclaim(last, reclaim::normal, reclaim_);
	/* Deferred frees touch reclaim_: let them finish first. */
	protection_.drain();
}

template <typename Config>
store_file<Config>::store_file(bool write_through) noexcept
	: write_through_(write_through)
{
	lock_.init("srcu_config_file", [] {});
}

template <typename Config>
store_file<Config>::~store_file()
{
	if (held_)
		Config::unpin(held_);
	srcu_config_kvfree(image_);
}

template <typename Config>
void store_file<Config>::let_go() noexcept
{
	if (__atomic_load_n(&held_, __ATOMIC_RELAXED))
		hold(nullptr);
}

template <typename Config>
void store_file<Config>::hold(Config *pinned) noexcept
{
	auto held = lock_.lock();
	Config *old = __atomic_exchange_n(&held_, pinned, __ATOMIC_RELAXED);

	if (old)
		Config::unpin(old);
}

/* Bytes [offset, offset + len) of @cfg, as far as it goes, to @copy. */
template <typename Config, typename Copy>
long copy_from(const Config &cfg, Copy &copy, u64 len, long long *pos) noexcept
{
	u64 offset = static_cast<u64>(*pos);

	if (offset >= cfg.size)
		return 0;

	u64 count = srcu_cxx::min(len, cfg.size - offset);
	u64 done = copy(cfg.data + offset, count);

	if (!done && count)
		return -fault;
	*pos += static_cast<long long>(done);
	return static_cast<long>(done);
}

/*
 * One generation per call, inside one read-side critical section. A read
 * at offset 0 begins a read-through; the reads at later offsets continue
 * it, from the generation it pinned if it pinned one (with no critical
 * section, so no writer waits for it), else from the current generation
 * while that is the one it began with. Only a pinned generation takes
 * the file's lock: the common whole read (pread(2) at 0) takes none.
 */
template <protection_policy Protection>
template <copy_out Copy>
long config_store<Protection>::read(file &f, Copy &&copy, u64 len,
				    long long *pos) noexcept
{
	if (*pos < 0)
		return -inval;

	u64 offset = static_cast<u64>(*pos);

	if (!offset) {
		f.let_go();
	} else if (__atomic_load_n(&f.held_, __ATOMIC_RELAXED)) {
		int err;
		auto held = f.lock_.lock_interruptible(&err);

		if (!held)
			return -restart_sys;
		if (const config_type *pinned = f.held_) {
			long ret = copy_from(*pinned, copy, len, pos);

			if (ret >= 0)
				f.saw(pinned->generation);
			if (ret == 0)
				config_type::unpin(__atomic_exchange_n(&f.held_,
					nullptr, __ATOMIC_RELAXED));
			return ret;
		}
	}

	config_type *pin = nullptr;
	long ret;
	{
		auto reader = protection_.read_lock();
		const config_type &cfg = *protection_.get(reader);

		/*
		 * Replaced since this file's read-through began: its end is
		 * still the end, and the rest of one that pinned nothing is
		 * gone. Inside a whole one, a read is a read of its own.
		 */
		u64 through = offset ? load(f.through_generation_) :
				       file::no_read_through;

		if (through != file::no_read_through && through != cfg.generation) {
			if (offset >= load(f.through_end_))
				return 0;
			if (__atomic_load_n(&f.through_unpinned_, __ATOMIC_RELAXED))
				return -stale;
		}
		/* The test hook: asleep here, a reader holds @cfg. */
		if (len && offset < cfg.size && srcu_config_read_hook_on()) {
			int err = srcu_config_read_hook(cfg.generation);

			if (err)
				return err;
		}
		ret = copy_from(cfg, copy, len, pos);
		if (ret < 0)
			return ret;
		f.saw(cfg.generation);
		if (!offset)
			pin = begin_read_through(f, cfg, static_cast<u64>(ret));
	}
	if (pin)
		f.hold(pin);
	return ret;
}

/*
 * Record the read-through @f began with @done bytes of @cfg. If that was
 * not all of it, pin @cfg for the reads that follow, unless what
 * read-throughs keep of replaced generations would pass its limit: then
 * the file remembers only which generation it was.
 */
template <protection_policy Protection>
auto config_store<Protection>::begin_read_through(file &f,
						  const config_type &cfg,
						  u64 done) noexcept -> config_type *
{
	bool partial = done && done < cfg.size;
	config_type *pinned = nullptr;

	store(f.through_end_, cfg.size);
	store(f.through_generation_, cfg.generation);
	if (partial && load(reclaim_.pinned_bytes) + cfg.size <=
		       load(reclaim_.max_pinned_bytes)) {
		pinned = const_cast<config_type *>(&cfg);
		pinned->pin();
	}
	__atomic_store_n(&f.through_unpinned_, partial && !pinned,
			 __ATOMIC_RELAXED);
	return pinned;
}

template <protection_policy Protection>
long config_store<Protection>::write(file &f, srcu_config_copy_in_t copy,
				     void *ctx, u64 len, long long *pos) noexcept
{
	int err;
	auto staging = f.lock_.lock_interruptible(&err);

	if (!staging)
		return -restart_sys;
	if (f.error_)
		return f.error_;
	if (*pos < 0)
		return -inval;
	if (!len)
		return 0;	/* like a file's: nothing staged, nothing grows */

	u64 offset = static_cast<u64>(*pos);

	if (offset > max_size_ || len > max_size_ - offset)
		return f.error_ = -too_big;

	u64 end = offset + len;

	if (end > f.image_cap_) {
		/* Double, so a write-through of n small writes copies O(n). */
		u64 cap = srcu_cxx::min(max_size_,
					srcu_cxx::max(end, 2 * f.image_cap_));
		auto *image = static_cast<u8 *>(srcu_config_kvmalloc(cap,
			static_cast<unsigned int>(srcu_cxx::gfp::kernel_account)));

		if (!image)
			return f.error_ = -nomem;
		if (f.image_len_)
			__builtin_memcpy(image, f.image_, f.image_len_);
		srcu_config_kvfree(f.image_);
		f.image_ = image;
		f.image_cap_ = cap;
	}
	if (offset > f.image_len_)
		__builtin_memset(f.image_ + f.image_len_, 0, offset - f.image_len_);
	if (copy(ctx, f.image_ + offset, len))
		return f.error_ = -fault;
	f.image_len_ = srcu_cxx::max(f.image_len_, end);
	f.dirty_ = true;
	*pos = static_cast<long long>(end);
	return static_cast<long>(len);
}

template <protection_policy Protection>
long config_store<Protection>::commit(file &f, u64 *generation) noexcept
{
	/* From close(2) too, which cannot be restarted: not interruptible. */
	auto staging = f.lock_.lock();

	if (f.error_)
		return f.error_;
	if (!f.dirty_)
		return 0;

	config_type *next = config_type::create_from_kernel(f.image_,
							    f.image_len_);

	if (!next)
		return -nomem;

	long err = publish(next, change{.reclaim = reclaim::normal}, false,
			   generation);

	if (!err)
		f.dirty_ = false;
	return err;
}

template <protection_policy Protection>
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

template <protection_policy Protection>
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
	return publish(next, c, true, generation);
}

template <protection_policy Protection>
long config_store<Protection>::publish(config_type *next, const change &c,
				       bool interruptible,
				       u64 *generation) noexcept
{
	config_type *old;
	{
		int err = 0;
		auto writer = interruptible ?
			protection_.write_lock_interruptible(&err) :
			protection_.write_lock();

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
		next->stats = &reclaim_;
		*generation = next->generation;
		old = protection_.replace(next, writer);
		add(swaps_, 1);
	}
	if (protection_.reclaim(old, c.reclaim, reclaim_))
		add(grace_periods_, 1);
	return 0;
}

template <protection_policy Protection>
u64 config_store<Protection>::generation() noexcept
{
	return with_current([](const config_type &cfg) { return cfg.generation; });
}

template <protection_policy Protection>
void config_store<Protection>::stats(srcu_config_stats *out) noexcept
{
	with_current([out](const config_type &cfg) {
		fill_meta(cfg, &out->config);
	});
	out->swaps = load(swaps_);
	out->grace_periods = load(grace_periods_);
	out->deferred_pending = load(reclaim_.pending);
	out->deferred_pending_bytes = load(reclaim_.pending_bytes);
	out->deferred_freed = load(reclaim_.freed);
	out->pinned = load(reclaim_.pinned);
	out->pinned_bytes = load(reclaim_.pinned_bytes);
}

} // namespace srcu_config

#endif
