/* SPDX-License-Identifier: GPL-2.0 */
/*
 * domain_ref: everything one does with an SRCU domain, except owning it.
 *
 * domain (an srcu_struct of its own) and module_domain (the module's
 * DEFINE_STATIC_SRCU one) are both domain_refs; protected_ptr and the
 * guards work with either. fast_domain, where the kernel has SRCU-fast,
 * is a fast_domain_ref: the same update side, fast readers only.
 *
 * The rule that cannot be checked at compile time: nothing that waits for
 * a grace period (synchronize*, barrier, or taking a lock held by someone
 * who is waiting) may be called inside a read-side critical section of
 * the same domain. It deadlocks, as it does in C.
 */
#ifndef SRCU_CXX_SRCU_DOMAIN_REF_HPP
#define SRCU_CXX_SRCU_DOMAIN_REF_HPP

#include "srcu_cxx/backend.hpp"
#include "srcu_cxx/base/type_traits.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/cross_read_guard.hpp"
#include "srcu_cxx/fast_cross_read_guard.hpp"
#include "srcu_cxx/fast_read_guard.hpp"
#include "srcu_cxx/grace_period.hpp"
#include "srcu_cxx/read_guard.hpp"
#include "srcu_cxx/retirable.hpp"

namespace srcu_cxx {

/*
 * What every flavour of domain has: the update side. The read side, which
 * differs by flavour, is added by basic_domain_ref<its guard>: domain_ref
 * (srcu_read_lock()), fast_domain_ref (srcu_read_lock_fast()),
 * fast_updown_domain_ref (srcu_down_read_fast()), so a domain's flavour is
 * part of its type and a reader of the wrong flavour does not compile.
 */
class domain_base : pinned {
public:
	using srcu_pointer = backend::srcu_pointer;

	/* Wait until every reader that started before this call has left. */
	void synchronize() noexcept { backend::synchronize(srcu_); }

	/* The same, sooner, at the cost of IPIs and CPU time elsewhere. */
	void synchronize_expedited() noexcept
	{
		backend::synchronize_expedited(srcu_);
	}

	/* Wait until every callback queued so far (retire()) has run. */
	void barrier() noexcept { backend::barrier(srcu_); }

	/* Now, without starting a grace period. */
	grace_period_cookie get_state() noexcept
	{
		return {backend::get_state(srcu_)};
	}

	/* Now, starting a grace period if none is in progress. */
	grace_period_cookie start_poll() noexcept
	{
		return {backend::start_poll(srcu_)};
	}

	/* Has a full grace period elapsed since @cookie was taken? */
	[[nodiscard]] bool poll(grace_period_cookie cookie) noexcept
	{
		return backend::poll(srcu_, cookie.value);
	}

	/*
	 * Free @object with Deleter once every reader that might still see it
	 * has left; returns at once. T derives from retirable, whose
	 * rcu_head carries the request: no allocation, no failure.
	 *
	 * Deleter runs in the SRCU callback's context, with bottom halves
	 * disabled: it must not sleep (no mutex, no GFP_KERNEL allocation, no
	 * synchronize), and should only free. kfree() and kvfree() are fine.
	 * The domain's teardown waits for every pending Deleter.
	 */
	template <typename T, auto Deleter>
	void retire(T *object) noexcept
	{
		/* Checked here rather than in the signature: the error says why. */
		static_assert(is_base_of_v<retirable, T>,
			      "retire() needs an object derived from srcu_cxx::retirable");
		static_assert(is_same_v<decltype(Deleter), void (*)(T *) noexcept>,
			      "retire<T, Deleter>(): Deleter is a noexcept function taking T *");
		static_assert(is_standard_layout_v<retirable>);

		retirable &node = *object;

		node.pending_ = pending_;
		/* Names T and Deleter, for a teardown that must wait for them. */
		const char *signature = __PRETTY_FUNCTION__;

		__atomic_store_n(&last_retired_, signature, __ATOMIC_RELAXED);
		__atomic_add_fetch(pending_, 1, __ATOMIC_RELAXED);
		backend::call(srcu_, node.head_, &reclaim<T, Deleter>);
	}

	/* Callbacks queued by retire() whose Deleter has not returned. */
	[[nodiscard]] long pending_callbacks() const noexcept
	{
		return __atomic_load_n(pending_, __ATOMIC_ACQUIRE);
	}

	[[nodiscard]] const char *name() const noexcept { return name_; }

	/* For the backend and the shims: the kernel object. */
	[[nodiscard]] srcu_pointer srcu() const noexcept { return srcu_; }

protected:
	constexpr domain_base() noexcept = default;
	~domain_base() = default;

	srcu_pointer srcu_ = nullptr;
	const char *name_ = "";
	/* Per domain, not per handle: callbacks may outlive a handle. */
	long *pending_ = nullptr;
	/* The signature of the last retire() through this handle. */
	const char *last_retired_ = nullptr;

private:
	template <typename T, auto Deleter>
	static void reclaim(backend::callback_head::c_type *head) noexcept
	{
		auto *node = reinterpret_cast<retirable *>(head);
		long *pending = node->pending_;

		Deleter(static_cast<T *>(node));
		/*
		 * Last: teardown may free the domain once it reads zero. The
		 * few instructions left run with bottom halves disabled (SRCU
		 * invokes callbacks so), an RCU reader that module unload's
		 * synchronize_rcu() waits for before freeing this code.
		 */
		__atomic_sub_fetch(pending, 1, __ATOMIC_RELEASE);
	}
};

/*
 * The read side of one flavour, given by its guard: read_lock() for a
 * flavour whose readers end where they began, down_read() for one whose
 * readers may end in another task or context. The flavours are
 * domain_ref (srcu_read_lock(), which adds srcu_down_read()),
 * fast_domain_ref (srcu_read_lock_fast()) and fast_updown_domain_ref
 * (srcu_down_read_fast()); an owning domain adds how it sets its
 * srcu_struct up (domain.hpp).
 */
template <typename Guard>
class basic_domain_ref : public domain_base {
public:
	using guard = Guard;
	static constexpr bool fast = Guard::fast;
	/* Lockdep sees its readers (srcu_read_lock_held() works). */
	static constexpr bool tracked_readers = Guard::tracked_by_lockdep;

	[[nodiscard]] bool owns(const guard &g) const noexcept
	{
		return g.holds(srcu_);
	}

	/* Enter a read-side critical section; it may sleep. */
	[[nodiscard]] guard read_lock() noexcept
		requires(!Guard::cross_context)
	{
		return lock(srcu_);
	}

	/* Enter one that another task or context may leave; it may sleep. */
	[[nodiscard]] guard down_read() noexcept
		requires Guard::cross_context
	{
		return lock(srcu_);
	}

protected:
	constexpr basic_domain_ref() noexcept = default;
	~basic_domain_ref() = default;

	/* Enter; for domains that know their srcu_struct better than srcu_. */
	[[nodiscard]] static guard lock(srcu_pointer srcu) noexcept
	{
		return guard(srcu);
	}
};

/*
 * A domain of the normal flavour: srcu_read_lock() readers and, where the
 * kernel has srcu_down_read(), cross-context ones of the same domain.
 */
class domain_ref : public basic_domain_ref<read_guard> {
public:
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
	/*
	 * Enter one that another task or context may leave. Absent where
	 * the kernel lacks srcu_down_read().
	 */
	[[nodiscard]] cross_read_guard down_read() noexcept
	{
		return cross_read_guard(srcu_);
	}
#endif

protected:
	constexpr domain_ref() noexcept = default;
	~domain_ref() = default;
};

#if SRCU_CXX_HAVE_FAST_READERS
/*
 * A domain of the SRCU-fast flavour (init_srcu_struct_fast()): readers are
 * srcu_read_lock_fast(), a per-CPU increment with no memory barrier; the
 * grace periods pay for it instead (synchronize_rcu() inside each one).
 * Absent where the kernel lacks SRCU-fast.
 */
using fast_domain_ref = basic_domain_ref<fast_read_guard>;
#endif

#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS
/*
 * A domain of the SRCU-fast-updown flavour
 * (init_srcu_struct_fast_updown()): fast readers that may end in another
 * task or context, srcu_down_read_fast()/srcu_up_read_fast(), invisible
 * to lockdep as srcu_down_read() is. The kernel does not auto-expedite
 * its grace periods. It has no task-bound read side here: a guard that
 * must end where it began is a fast_domain's. Absent where the kernel
 * lacks SRCU-fast-updown.
 */
using fast_updown_domain_ref = basic_domain_ref<fast_cross_read_guard>;
#endif

} // namespace srcu_cxx

#endif
