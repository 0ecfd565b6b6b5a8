/* SPDX-License-Identifier: GPL-2.0 */
/*
 * protected_ptr: an SRCU-protected pointer (the C `T __rcu *` field).
 *
 * The type system enforces the two halves of the RCU contract:
 * - readers dereference only while showing a read_guard (a compile error
 *   without one; on a debug kernel, a check that it is a guard of this
 *   pointer's domain);
 * - updaters read and replace only while showing a mutex_guard of the
 *   writer lock (and lockdep checks the lock is really held).
 * Publication has release ordering (rcu_assign_pointer), so a reader that
 * sees the new pointer sees the object fully initialised.
 */
#ifndef SRCU_CXX_SRCU_PROTECTED_PTR_HPP
#define SRCU_CXX_SRCU_PROTECTED_PTR_HPP

#include "srcu_cxx/base/type_traits.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/domain_ref.hpp"
#include "srcu_cxx/mutex.hpp"
#include "srcu_cxx/protected_slot.hpp"

namespace srcu_cxx {

/*
 * Domain is the flavour of the domain it belongs to: domain_ref (normal
 * readers, read_guard) by default, fast_domain_ref (fast_read_guard) for
 * a fast_domain, fast_updown_domain_ref (fast_cross_read_guard) for a
 * fast_updown_domain: each domain's ref_type. A guard of another flavour
 * does not compile.
 */
template <typename T, typename Domain = domain_ref>
class protected_ptr : pinned {
public:
	static_assert(is_base_of_v<domain_base, Domain>,
		      "protected_ptr<T, Domain>: Domain is a domain's ref_type");

	using domain_type = Domain;
	using read_guard_type = typename Domain::guard;
	using writer_guard_type = mutex_guard;

	protected_ptr(domain_type &domain, mutex &writer) noexcept
		: domain_(domain), writer_(writer)
	{
	}

	/* Reader side: valid until @guard is unlocked. */
	[[nodiscard]] const T *get(const read_guard_type &guard) const noexcept
	{
		return protected_slot::read(pointer_, domain_, guard);
	}

	/* A guard that is a temporary would end before the pointer is used. */
	const T *get(const read_guard_type &&guard) const = delete;

	/* Updater side: the current object, stable while @writer is held. */
	[[nodiscard]] T *get(const writer_guard_type &writer) const noexcept
	{
		return protected_slot::read_protected(pointer_, writer_, writer);
	}

	const T *get(const writer_guard_type &&writer) const = delete;

	/*
	 * Publish @next and return the previous object (rcu_replace_pointer),
	 * which readers may still hold: free it only after a grace period of
	 * the domain (synchronize() then free, or retire()).
	 */
	[[nodiscard]] T *replace(T *next, const writer_guard_type &writer) noexcept
	{
		return protected_slot::publish(pointer_, next, writer_, writer);
	}

	[[nodiscard]] domain_type &domain() const noexcept
	{
		return domain_;
	}

private:
	domain_type &domain_;
	mutex &writer_;
	T *pointer_ = nullptr;
};

} // namespace srcu_cxx

#endif
