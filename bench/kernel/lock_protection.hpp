/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark's comparison guards for the device's store: protection
 * policies (protection_policy, module/protection.hpp), so
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

#include "srcu_cxx/base/type_traits.hpp"
#include "srcu_cxx/srcu.hpp"
#include "module/protection.hpp"

#include "rwsem.hpp"

namespace srcu_config_bench {

using srcu_config::config;
using srcu_config::reclaim_stats;
using srcu_config::reclaim_mode;

/*
 * What both guards share: the current pointer, read and replaced by whoever
 * holds the lock (Reader or Writer: the guard only proves that it is
 * held), and a reclaim that frees at once.
 */
template <typename Reader, typename Writer>
class locked_current : srcu_cxx::pinned {
public:
	using config_type = config;
	using reader = Reader;
	using writer = Writer;

	template <typename Guard>
		requires srcu_cxx::is_same_v<Guard, Reader> ||
			 srcu_cxx::is_same_v<Guard, Writer>
	[[nodiscard]] config *get(const Guard &) const noexcept
	{
		return current_;
	}

	[[nodiscard]] config *replace(config *next, const Writer &) noexcept
	{
		return srcu_cxx::exchange(current_, next);
	}

	/* Readers of @old all left before the writer got in. */
	bool reclaim(config *old, reclaim_mode, reclaim_stats &) noexcept
	{
		config::destroy(old);
		return false;
	}

	void drain() noexcept {}

private:
	config *current_ = nullptr;
};

class rwsem_protection
	: public locked_current<rwsem_guard<false>, rwsem_guard<true>> {
public:
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

private:
	rwsem lock_;
};

class mutex_protection
	: public locked_current<srcu_cxx::mutex_guard, srcu_cxx::mutex_guard> {
public:
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

private:
	srcu_cxx::mutex lock_;
};

static_assert(srcu_config::protection_policy<rwsem_protection>);
static_assert(srcu_config::protection_policy<mutex_protection>);

} // namespace srcu_config_bench

#endif
