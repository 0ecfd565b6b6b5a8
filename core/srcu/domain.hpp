/* SPDX-License-Identifier: GPL-2.0 */
/*
 * domain: one SRCU domain, owning its srcu_struct.
 *
 * Pinned: the kernel links the srcu_struct into its own bookkeeping, so it
 * may never be copied or moved. Initialisation allocates and can fail, so
 * it is a separate, [[nodiscard]] step; a domain that was never
 * initialised is destroyed without touching the kernel.
 *
 * Destruction is the ordered teardown: wait for readers
 * (synchronize_srcu), then for queued callbacks (srcu_barrier), then free
 * the domain's per-CPU state (cleanup_srcu_struct). Calling anything that
 * waits for a grace period from inside a read-side critical section of the
 * same domain deadlocks, as it does in C.
 */
#ifndef SRCU_CXX_SRCU_DOMAIN_HPP
#define SRCU_CXX_SRCU_DOMAIN_HPP

#include "base/utility.hpp"
#include "srcu/lock_class.hpp"
#include "srcu/read_guard.hpp"

namespace srcu_cxx {

template <typename Backend>
class domain : pinned {
public:
	using backend = Backend;
	using guard = read_guard<Backend>;

	constexpr domain() noexcept = default;

	~domain()
	{
		if (initialised_)
			teardown();
	}

	/*
	 * Initialise with a name and a lockdep class of the caller's own:
	 * pass `[] {}` as site (see lock_class.hpp). Returns 0 or -errno.
	 */
	template <typename Site>
	[[nodiscard]] int init(const char *name, Site) noexcept
	{
		return init_with_key(name, class_key<Backend, Site>::key);
	}

	[[nodiscard]] int init_with_key(const char *name,
					typename Backend::lock_class_key &key) noexcept
	{
		int err = Backend::init(state_, name, key);

		initialised_ = err == 0;
		return err;
	}

	[[nodiscard]] guard read_lock() noexcept { return guard(state_); }

	/* Wait until every reader that started before this call has left. */
	void synchronize() noexcept { Backend::synchronize(state_); }

	/* The same, sooner, at the cost of IPIs and CPU time elsewhere. */
	void synchronize_expedited() noexcept
	{
		Backend::synchronize_expedited(state_);
	}

	/* Wait until every callback queued so far has run. */
	void barrier() noexcept { Backend::barrier(state_); }

	[[nodiscard]] bool owns(const guard &g) const noexcept
	{
		return g.holds(state_);
	}

	/* For the protected pointer and the shims: the kernel object. */
	[[nodiscard]] typename Backend::srcu_state &state() noexcept
	{
		return state_;
	}

private:
	void teardown() noexcept
	{
		Backend::synchronize(state_);
		Backend::barrier(state_);
		Backend::cleanup(state_);
		initialised_ = false;
	}

	typename Backend::srcu_state state_{};
	bool initialised_ = false;
};

} // namespace srcu_cxx

#endif
