/* SPDX-License-Identifier: GPL-2.0 */
/*
 * protected_slot: the three things done to one `T __rcu *` slot, whoever
 * holds it: a reader's load under a guard (srcu_dereference()), the
 * updater's load under the writer lock (rcu_dereference_protected()) and
 * publication (rcu_assign_pointer()). protected_ptr is one slot with its
 * domain and writer lock; protected_array is N slots sharing them. What
 * proves the right to each access is the caller's guard argument, so the
 * compile-time rules live in those two classes' signatures.
 */
#ifndef SRCU_CXX_SRCU_PROTECTED_SLOT_HPP
#define SRCU_CXX_SRCU_PROTECTED_SLOT_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/domain_ref.hpp"
#include "srcu_cxx/mutex.hpp"

namespace srcu_cxx::protected_slot {

/* A reader's load of @slot: valid until @guard is unlocked. */
template <typename T, typename Domain>
[[nodiscard]] const T *read(T *const &slot, const Domain &domain,
			    const typename Domain::guard &guard) noexcept
{
	auto *raw = reinterpret_cast<void *const *>(&slot);

	if constexpr (backend::debug_checks) {
		if (!domain.owns(guard))
			backend::warn("SRCU-protected pointer read with a guard of another domain",
				      __FILE__, __LINE__);
	}
	if constexpr (Domain::tracked_readers)
		return static_cast<const T *>(backend::dereference(raw, domain.srcu()));
	else
		return static_cast<const T *>(
			backend::dereference_untracked(raw, domain.srcu()));
}

/* The updater's load of @slot: stable while @held (of @writer) is. */
template <typename T>
[[nodiscard]] T *read_protected(T *const &slot, mutex &writer,
				const mutex_guard &held) noexcept
{
	if constexpr (backend::debug_checks) {
		if (!held.holds(writer))
			backend::warn("SRCU-protected pointer update without its writer lock",
				      __FILE__, __LINE__);
	}
	return static_cast<T *>(backend::dereference_protected(
		reinterpret_cast<void *const *>(&slot), writer.state()));
}

/*
 * Publish @next in @slot with release ordering, returning what it held;
 * the caller has shown the writer lock to read_protected() first.
 */
template <typename T>
[[nodiscard]] T *publish(T *&slot, T *next, mutex &writer,
			 const mutex_guard &held) noexcept
{
	T *old = read_protected(slot, writer, held);

	backend::assign_pointer(reinterpret_cast<void **>(&slot), next);
	return old;
}

} // namespace srcu_cxx::protected_slot

#endif
