/* SPDX-License-Identifier: GPL-2.0 */
/*
 * module_domain and module_fast_domain: the module-wide static domains,
 * defined on the C side with DEFINE_SRCU and DEFINE_SRCU_FAST
 * (srcu_cxx/module_domain.h) and used from C++.
 *
 * They need no initialisation and cannot fail: the module loader sets the
 * srcu_struct up before module_init and cleans it up after module_exit.
 * What the loader cannot know is whether callbacks queued with retire()
 * still point into the module, so module_exit must call quiesce() once
 * nothing uses the domain any more.
 *
 * A module domain is a handle: make one where it is needed, it costs
 * nothing. Every handle refers to the same domain and the same count of
 * pending callbacks. Its read_lock() names the srcu_struct by its
 * link-time address, so a reader costs what srcu_read_lock(&s) or
 * srcu_read_lock_fast(&s) costs in C on a static s: no load to find the
 * srcu_struct, which an owning domain (domain.hpp) must make.
 */
#ifndef SRCU_CXX_SRCU_MODULE_DOMAIN_HPP
#define SRCU_CXX_SRCU_MODULE_DOMAIN_HPP

#include "srcu_cxx/domain_ref.hpp"

namespace srcu_cxx {

namespace module_domains {

/* Which static srcu_struct, and the name teardown reports would use. */
struct normal {
	static constexpr const char *name = "module";
	static backend::srcu_pointer srcu() noexcept
	{
		return backend::module_domain();
	}
	static long *pending() noexcept
	{
		return backend::module_domain_pending();
	}
};

#if SRCU_CXX_HAVE_FAST_READERS
struct fast {
	static constexpr const char *name = "module_fast";
	static backend::srcu_pointer srcu() noexcept
	{
		return backend::module_fast_domain();
	}
	static long *pending() noexcept
	{
		return backend::module_fast_domain_pending();
	}
};
#endif

} // namespace module_domains

/* A handle on the static domain Static, of the flavour Ref gives it. */
template <typename Ref, typename Static>
class basic_module_domain : public Ref {
public:
	basic_module_domain() noexcept
	{
		this->srcu_ = Static::srcu();
		this->pending_ = Static::pending();
		this->name_ = Static::name;
	}

	[[nodiscard]] typename Ref::guard read_lock() noexcept
	{
		return Ref::lock(Static::srcu());
	}

	/* The first two steps of the ordered teardown; the loader does the third. */
	void quiesce() noexcept
	{
		this->synchronize();
		this->barrier();
	}
};

/* The module's normal domain: SRCU_CXX_DEFINE_MODULE_DOMAIN(). */
class module_domain : public basic_module_domain<domain_ref, module_domains::normal> {
};

#if SRCU_CXX_HAVE_FAST_READERS
/*
 * The module's SRCU-fast domain: SRCU_CXX_DEFINE_MODULE_FAST_DOMAIN().
 * Absent where the kernel lacks SRCU-fast.
 */
class module_fast_domain
	: public basic_module_domain<fast_domain_ref, module_domains::fast> {
};
#endif

} // namespace srcu_cxx

#endif
