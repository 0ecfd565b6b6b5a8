/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark's comparison guards for the device's store: protection
 * policies with srcu_protection's interface (module/protection.hpp), so
 * the product's store and C entry points run unchanged over them in the
 * benchmark's builds of the device (store_protection-<guard>.hpp).
 *
 *   rwsem_protection  readers share an rwsem, a writer excludes them
 *   mutex_protection  everyone takes one mutex
 *
 * Readers exclude writers, so a replaced configuration has no reader
 * left by the time the writer releases the lock: it is freed at once,
 * whatever the reclaim mode asks.
 */
#ifndef SRCU_CONFIG_BENCH_LOCK_PROTECTION_HPP
#define SRCU_CONFIG_BENCH_LOCK_PROTECTION_HPP

#include "srcu_cxx/srcu.hpp"
#include "module/protection.hpp"

#include "rwsem.hpp"

namespace srcu_config_bench {

using srcu_config::config;
using srcu_config::deferred_stats;
using srcu_config::reclaim_mode;

/*
 * The current pointer under a lock that readers also take; the guard
 * argument only proves the caller holds it.
 */
class locked_pointer {
public:
	template <typename Guard>
	[[nodiscard]] config *get(const Guard &) const noexcept
	{
		return current_;
	}
	template <typename Guard>
	[[nodiscard]] config *replace(config *next, const Guard &) noexcept
	{
		return srcu_cxx::exchange(current_, next);
	}

private:
	config *current_ = nullptr;
};

class rwsem_protection : srcu_cxx::pinned {
public:
	using config_type = config;
	using reader = rwsem_guard<false>;
	using writer = rwsem_guard<true>;

	[[nodiscard]] int init() noexcept
	{
		return lock_.init("srcu_config_rwsem", [] {});
	}

	[[nodiscard]] reader read_lock() noexcept { return lock_.read(); }
	[[nodiscard]] writer write_lock() noexcept { return lock_.write(); }
	[[nodiscard]] writer write_lock_interruptible(int *err) noexcept
	{
		return lock_.write_killable(err);
	}

	[[nodiscard]] const config *get(const reader &r) const noexcept
	{
		return current_.get(r);
	}
	[[nodiscard]] config *get(const writer &w) const noexcept
	{
		return current_.get(w);
	}
	[[nodiscard]] config *replace(config *next, const writer &w) noexcept
	{
		return current_.replace(next, w);
	}

	/* Readers of @old all left before the writer got in. */
	bool reclaim(config *old, reclaim_mode, deferred_stats &) noexcept
	{
		config::destroy(old);
		return false;
	}

	void drain() noexcept {}

private:
	rwsem lock_;
	locked_pointer current_;
};

class mutex_protection : srcu_cxx::pinned {
public:
	using config_type = config;
	using reader = srcu_cxx::mutex_guard;
	using writer = srcu_cxx::mutex_guard;

	[[nodiscard]] int init() noexcept
	{
		lock_.init("srcu_config_mutex", [] {});
		return 0;
	}

	[[nodiscard]] reader read_lock() noexcept { return lock_.lock(); }
	[[nodiscard]] writer write_lock() noexcept { return lock_.lock(); }
	[[nodiscard]] writer write_lock_interruptible(int *err) noexcept
	{
		return lock_.lock_interruptible(err);
	}

	[[nodiscard]] config *get(const writer &w) const noexcept
	{
		return current_.get(w);
	}
	[[nodiscard]] config *replace(config *next, const writer &w) noexcept
	{
		return current_.replace(next, w);
	}

	bool reclaim(config *old, reclaim_mode, deferred_stats &) noexcept
	{
		config::destroy(old);
		return false;
	}

	void drain() noexcept {}

private:
	srcu_cxx::mutex lock_;
	locked_pointer current_;
};

} // namespace srcu_config_bench

#endif
