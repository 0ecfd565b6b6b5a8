/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the store protects its current configuration from concurrent
 * change: a policy, so the store is written once and other policies
 * (a benchmark's lock-based ones, the torture's ageing ones) reuse it.
 * What a policy must offer is the concept protection_policy below; the
 * store takes nothing else, and each policy is checked against it where
 * it is defined.
 *
 *   srcu_protection   the product: readers never wait for anything and
 *                     may sleep; a writer publishes, then waits for (or
 *                     defers to) a grace period before freeing the old one
 */
#ifndef SRCU_CONFIG_PROTECTION_HPP
#define SRCU_CONFIG_PROTECTION_HPP

#include "module/config.hpp"
#include "srcu_cxx/domain.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/mutex.hpp"

namespace srcu_config {

/*
 * How a replaced configuration is freed: the C side's enum (config_store_c.h), the
 * one definition C and C++ share, with short names for C++.
 */
using reclaim_mode = srcu_config_reclaim;

namespace reclaim {
inline constexpr reclaim_mode normal = SRCU_CONFIG_RECLAIM_NORMAL;
inline constexpr reclaim_mode expedited = SRCU_CONFIG_RECLAIM_EXPEDITED;
inline constexpr reclaim_mode deferred = SRCU_CONFIG_RECLAIM_DEFERRED;
} // namespace reclaim

/*
 * A store's protection policy. config_type: the objects it guards
 * (config, or a basic_config<Extra> of the policy's own); reader and
 * writer: the proofs that read_lock() and write_lock() return (a writer
 * from write_lock_interruptible() is empty after a signal, with *err
 * set); get() with either proof; replace() publishes and returns the old
 * one, which reclaim() frees once the writer is released (true if it
 * waited for a grace period); drain() waits for every deferred free.
 */
template <typename P>
concept protection_policy = requires(P &p, const P &cp,
				     const typename P::reader &r,
				     const typename P::writer &w,
				     typename P::config_type *c,
				     reclaim_mode mode, reclaim_stats &stats,
				     int *err) {
	{ p.init() } noexcept -> srcu_cxx::same_as<int>;
	{ p.read_lock() } noexcept -> srcu_cxx::same_as<typename P::reader>;
	{ p.write_lock() } noexcept -> srcu_cxx::same_as<typename P::writer>;
	{ p.write_lock_interruptible(err) } noexcept
		-> srcu_cxx::same_as<typename P::writer>;
	{ cp.get(r) } noexcept;
	requires srcu_cxx::is_same_v<decltype(cp.get(r)),
				     const typename P::config_type *> ||
		 srcu_cxx::is_same_v<decltype(cp.get(r)),
				     typename P::config_type *>;
	{ cp.get(w) } noexcept -> srcu_cxx::same_as<typename P::config_type *>;
	{ p.replace(c, w) } noexcept -> srcu_cxx::same_as<typename P::config_type *>;
	{ p.reclaim(c, mode, stats) } noexcept -> srcu_cxx::same_as<bool>;
	{ p.drain() } noexcept;
};

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

/*
 * What an SRCU policy is made of: its domain, the writer lock, the
 * current pointer. The domain is a base, so that the store's read_lock()
 * is the domain's own and a read reaches core/ with no call of this
 * file in between. A policy adds init(), reclaim() and drain():
 * basic_srcu_protection below, the torture's ageing ones.
 */
template <typename Domain, typename Config>
class srcu_current : Domain {
public:
	using config_type = Config;
	using reader = typename Domain::guard;
	using writer = srcu_cxx::mutex_guard;

	using Domain::read_lock;
	[[nodiscard]] writer write_lock() noexcept { return writer_lock_.lock(); }
	[[nodiscard]] writer write_lock_interruptible(int *err) noexcept
	{
		return writer_lock_.lock_interruptible(err);
	}

	[[nodiscard]] const Config *get(const reader &r) const noexcept
	{
		return current_.get(r);
	}
	[[nodiscard]] Config *get(const writer &w) const noexcept
	{
		return current_.get(w);
	}
	[[nodiscard]] Config *replace(Config *next, const writer &w) noexcept
	{
		return current_.replace(next, w);
	}

protected:
	srcu_current() noexcept : current_(domain(), writer_lock_) {}
	~srcu_current() = default;

	[[nodiscard]] Domain &domain() noexcept { return *this; }
	[[nodiscard]] const Domain &domain() const noexcept { return *this; }

	srcu_cxx::mutex writer_lock_;
	srcu_cxx::protected_ptr<Config, typename Domain::ref_type> current_;
};

/*
 * The product's policy, over a domain of either flavour: store_domain
 * (srcu_protection); the benchmark measures the other one.
 */
template <typename Domain>
class basic_srcu_protection : public srcu_current<Domain, config> {
public:
	[[nodiscard]] int init() noexcept
	{
		this->writer_lock_.init("srcu_config_writer", [] {});
		return this->domain().init("srcu_config", [] {});
	}

	/* Returns whether a grace period was waited for. */
	bool reclaim(config *old, reclaim_mode mode, reclaim_stats &stats) noexcept;

	/* Every deferred free has run (teardown). */
	void drain() noexcept { this->domain().barrier(); }
};

using srcu_protection = basic_srcu_protection<store_domain>;
static_assert(protection_policy<srcu_protection>);

} // namespace srcu_config

#endif
