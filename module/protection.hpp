/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the store protects its current configuration from concurrent
 * change: a policy, so the store is written once and other policies
 * (a benchmark's lock-based ones, the torture's ageing ones) reuse it.
 *
 *   srcu_protection   the product: readers never wait for anything and
 *                     may sleep; a writer publishes, then waits for (or
 *                     defers to) a grace period before freeing the old one
 *
 * Interface: config_type, the objects it guards (config, or a
 * basic_config<Extra> of the policy's own); read_lock() -> reader;
 * write_lock() -> writer;
 * write_lock_interruptible(&err) -> writer (empty on a signal);
 * get(reader) / get(writer); replace(next, writer) -> old;
 * reclaim(old, mode, stats) after the writer is released; drain().
 */
#ifndef SRCU_CONFIG_PROTECTION_HPP
#define SRCU_CONFIG_PROTECTION_HPP

#include "module/config.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/mutex.hpp"

namespace srcu_config {

/*
 * How a replaced configuration is freed: the C ABI's enum (store.h), the
 * one definition C and C++ share, with short names for C++.
 */
using reclaim_mode = srcu_config_reclaim;

namespace reclaim {
inline constexpr reclaim_mode normal = SRCU_CONFIG_RECLAIM_NORMAL;
inline constexpr reclaim_mode expedited = SRCU_CONFIG_RECLAIM_EXPEDITED;
inline constexpr reclaim_mode deferred = SRCU_CONFIG_RECLAIM_DEFERRED;
} // namespace reclaim

/*
 * The best read side the kernel has. Where it has SRCU-fast (7.3), readers
 * are a per-CPU increment with no memory barrier; each grace period pays
 * with a synchronize_rcu() instead, which only writers wait for
 * (Documentation/design.rst, "Which SRCU flavour the store uses").
 */
#if SRCU_CXX_HAVE_FAST_READERS
using store_domain = srcu_cxx::fast_domain;
#else
using store_domain = srcu_cxx::domain;
#endif

class srcu_protection : srcu_cxx::pinned {
public:
	using config_type = config;
	using reader = store_domain::guard;
	using writer = srcu_cxx::mutex_guard;

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
	bool reclaim(config *old, reclaim_mode mode, reclaim_stats &stats) noexcept;

	/* Every deferred free has run (teardown). */
	void drain() noexcept { domain_.barrier(); }

private:
	store_domain domain_;
	srcu_cxx::mutex writer_lock_;
	srcu_cxx::protected_ptr<config, store_domain::ref_type> current_;
};

} // namespace srcu_config

#endif
