/* SPDX-License-Identifier: GPL-2.0 */
/*
 * protected_array: N SRCU-protected pointers of one domain, updated under
 * one writer lock (the C `T __rcu *table[N]`): the buckets of a hash
 * table, one slot per CPU or per node, the levels of a radix-like index.
 *
 * The rules are protected_ptr's, per slot: a reader loads a slot only
 * while showing a guard of the domain's flavour, the updater reads and
 * replaces one only while showing the writer lock's mutex_guard, and
 * replace() returns the previous object, to be freed after a grace
 * period. The domain and the lock are held once, not once per slot.
 *
 * An index is checked against N on every access: one comparison, which
 * the compiler drops where it can prove the index in range (a hash masked
 * with N - 1). An index out of range is a bug in the caller: it warns
 * (a "srcu_cxx: ..." line in the kernel log), a read gets nullptr, and
 * replace() publishes nothing and returns @next, so that the caller's
 * "free the old object after a grace period" frees the one that was
 * never published. The check is not a speculation barrier: an index that
 * comes from userspace goes through array_index_nospec() first, as for
 * any array in the kernel.
 */
#ifndef SRCU_CXX_SRCU_PROTECTED_ARRAY_HPP
#define SRCU_CXX_SRCU_PROTECTED_ARRAY_HPP

#include "srcu_cxx/base/type_traits.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/domain_ref.hpp"
#include "srcu_cxx/mutex.hpp"
#include "srcu_cxx/protected_slot.hpp"

namespace srcu_cxx {

/* Domain is the domain's ref_type, as for protected_ptr. */
template <typename T, size_t N, typename Domain = domain_ref>
class protected_array : pinned {
public:
	static_assert(is_base_of_v<domain_base, Domain>,
		      "protected_array<T, N, Domain>: Domain is a domain's ref_type");
	static_assert(N > 0, "protected_array<T, N, Domain>: N is at least 1");

	using domain_type = Domain;
	using read_guard_type = typename Domain::guard;
	using writer_guard_type = mutex_guard;

	/* Every slot starts empty (nullptr). */
	protected_array(domain_type &domain, mutex &writer) noexcept
		: domain_(domain), writer_(writer)
	{
	}

	[[nodiscard]] static constexpr size_t size() noexcept { return N; }

	/* Reader side: slot @index, valid until @guard is unlocked. */
	[[nodiscard]] const T *get(size_t index,
				   const read_guard_type &guard) const noexcept
	{
		if (!in_range(index))
			return nullptr;
		return protected_slot::read(slots_[index], domain_, guard);
	}

	/* A guard that is a temporary would end before the pointer is used. */
	const T *get(size_t index, const read_guard_type &&guard) const = delete;

	/* Updater side: slot @index, stable while @writer is held. */
	[[nodiscard]] T *get(size_t index,
			     const writer_guard_type &writer) const noexcept
	{
		if (!in_range(index))
			return nullptr;
		return protected_slot::read_protected(slots_[index],
						      writer_, writer);
	}

	const T *get(size_t index, const writer_guard_type &&writer) const = delete;

	/*
	 * Publish @next in slot @index and return the previous object, which
	 * readers may still hold: free it only after a grace period of the
	 * domain (synchronize() then free, or retire()).
	 */
	[[nodiscard]] T *replace(size_t index, T *next,
				 const writer_guard_type &writer) noexcept
	{
		if (!in_range(index))
			return next;
		return protected_slot::publish(slots_[index], next,
					       writer_, writer);
	}

	[[nodiscard]] domain_type &domain() const noexcept
	{
		return domain_;
	}

private:
	static bool in_range(size_t index) noexcept
	{
		if (index < N) [[likely]]
			return true;
		backend::warn("protected_array index out of range", __FILE__,
			      __LINE__);
		return false;
	}

	domain_type &domain_;
	mutex &writer_;
	T *slots_[N] = {};
};

} // namespace srcu_cxx

#endif
