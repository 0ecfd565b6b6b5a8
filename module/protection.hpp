/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the store protects its current configuration from concurrent
 * change: policies with one interface, so the store is written once.
 *
 *   srcu_protection   the product: readers never wait for anything and
 *                     may sleep; a writer publishes, then waits for (or
 *                     defers to) a grace period before freeing the old one
 *   rwsem_protection  benchmark comparison: readers share an rwsem,
 *                     a writer excludes them
 *   mutex_protection  benchmark comparison: everyone takes one mutex
 *
 * Interface: read_lock() -> reader; write_lock() -> writer;
 * write_lock_interruptible(&err) -> writer (empty on a signal);
 * get(reader) / get(writer); replace(next, writer) -> old;
 * reclaim(old, mode, stats) after the writer is released; drain().
 */
#ifndef SRCU_CONFIG_PROTECTION_HPP
#define SRCU_CONFIG_PROTECTION_HPP

#include "module/config.hpp"
#include "srcu/domain.hpp"
#include "srcu/protected_ptr.hpp"
#include "sync/mutex.hpp"
#include "sync/rwsem.hpp"

namespace srcu_config {

enum class reclaim_mode { normal, expedited, deferred };

/* Deferred frees in flight; updated from SRCU callbacks, hence atomics. */
struct deferred_stats {
	u64 pending;
	u64 pending_bytes;
	u64 freed;
	u64 max_pending_bytes;
};

class srcu_protection : srcu_cxx::pinned {
public:
	using reader = srcu_cxx::read_guard<backend>;
	using writer = srcu_cxx::mutex_guard<backend>;

	srcu_protection() noexcept : current_(domain_, writer_lock_) {}

	[[nodiscard]] int init() noexcept
	{
		writer_lock_.init("srcu_config_writer", [] {});
		return domain_.init("srcu_config", [] {});
	}

	[[nodiscard]] reader read_lock() noexcept { return domain_.read_lock(); }
	[[nodiscard]] writer write_lock() noexcept { return writer_lock_.lock(); }
	[[nodiscard]] writer write_lock_interruptible(int *err) noexcept
	{
		return writer_lock_.lock_interruptible(err);
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

	/* Returns whether a grace period was waited for. */
	bool reclaim(config *old, reclaim_mode mode, deferred_stats &stats) noexcept;

	/* Every deferred free has run (teardown). */
	void drain() noexcept { domain_.barrier(); }

private:
	srcu_cxx::domain<backend> domain_;
	srcu_cxx::mutex<backend> writer_lock_;
	srcu_cxx::protected_ptr<config, backend> current_;
};

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
	using reader = srcu_cxx::rwsem_guard<backend, false>;
	using writer = srcu_cxx::rwsem_guard<backend, true>;

	[[nodiscard]] int init() noexcept
	{
		lock_.init("srcu_config_rwsem", [] {});
		return 0;
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
	srcu_cxx::rwsem<backend> lock_;
	locked_pointer current_;
};

class mutex_protection : srcu_cxx::pinned {
public:
	using reader = srcu_cxx::mutex_guard<backend>;
	using writer = srcu_cxx::mutex_guard<backend>;

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
	srcu_cxx::mutex<backend> lock_;
	locked_pointer current_;
};

} // namespace srcu_config

#endif
