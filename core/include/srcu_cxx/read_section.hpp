/* SPDX-License-Identifier: GPL-2.0 */
/*
 * read_section: what every reader guard is, whatever its flavour: the
 * domain it holds and the token its unlock needs, move-only, released at
 * most once (by unlock() or at end of scope), entered only by its Owner.
 *
 * A guard (read_guard, cross_read_guard, fast_read_guard,
 * fast_cross_read_guard) is a read_section with its lock, its unlock, its
 * owner and what kind of reader it is as template arguments, so each lock
 * and unlock is a direct call, inlined like the hand-written one, and a
 * flavour is defined in one declaration: its guard's. It is a class of
 * its own only for its name, which is what a compile error shows. A
 * flavour of domain is basic_domain_ref<its guard> (domain_ref.hpp).
 */
#ifndef SRCU_CXX_SRCU_READ_SECTION_HPP
#define SRCU_CXX_SRCU_READ_SECTION_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/base/utility.hpp"

namespace srcu_cxx {

/* The domain reference of a flavour: the one that may enter its guard. */
template <typename Guard>
class basic_domain_ref;

/* What kind of reader a flavour has, beyond how it locks and unlocks. */
struct reader_kind {
	/* SRCU-fast: a per-CPU counter and no memory barrier per section. */
	bool fast = false;
	/*
	 * May end in another task or context (srcu_down_read()). Lockdep
	 * tracks a section as held by the task that entered it, so it sees
	 * only the others, and srcu_read_lock_held() with them.
	 */
	bool cross_context = false;
};

/* The token is what Lock returns and Unlock takes back. */
template <auto Lock, void (*Unlock)(backend::srcu_pointer,
				    decltype(Lock(nullptr))) noexcept,
	  typename Owner, reader_kind Kind>
class read_section {
	using Token = decltype(Lock(nullptr));

public:
	using srcu_pointer = backend::srcu_pointer;
	using token_type = Token;
	static constexpr bool fast = Kind.fast;
	static constexpr bool cross_context = Kind.cross_context;
	static constexpr bool tracked_by_lockdep = !Kind.cross_context;

	read_section(const read_section &) = delete;
	read_section &operator=(const read_section &) = delete;
	read_section &operator=(read_section &&) = delete;

	read_section(read_section &&other) noexcept
		: srcu_(exchange(other.srcu_, nullptr)), token_(other.token_)
	{
	}

	~read_section() { unlock(); }

	/*
	 * Leave the critical section now rather than at end of scope; a
	 * cross-context guard may do so in another task or context.
	 */
	void unlock() noexcept
	{
		if (srcu_)
			Unlock(exchange(srcu_, nullptr), token_);
	}

	[[nodiscard]] bool holds(srcu_pointer srcu) const noexcept
	{
		return srcu_ && srcu_ == srcu;
	}

protected:
	[[nodiscard]] Token token() const noexcept { return token_; }

private:
	friend Owner;

	/* Enter: only the Owner may, on a guard's behalf. */
	explicit read_section(srcu_pointer srcu) noexcept
		: srcu_(srcu), token_(Lock(srcu))
	{
		/*
		 * A domain hands out guards only of its srcu_struct, which the
		 * lock has just used. Saying so lets the compiler drop
		 * unlock()'s moved-from test for a guard that never moved:
		 * with -fno-delete-null-pointer-checks it cannot infer it.
		 */
		if (!srcu)
			__builtin_unreachable();
	}

	srcu_pointer srcu_;
	Token token_;
};

} // namespace srcu_cxx

#endif
