/* SPDX-License-Identifier: GPL-2.0 */
/*
 * domain: an SRCU domain with an srcu_struct of its own; fast_domain and
 * fast_updown_domain: the same, of the SRCU-fast and SRCU-fast-updown
 * flavours, where the kernel has them.
 *
 * Pinned, like every domain_ref. Initialisation allocates and can fail, so
 * it is a separate [[nodiscard]] step, taking a name and a lockdep class
 * of the caller's own (the counterpart of the C DEFINE_SRCU/init_srcu_struct
 * sites). A domain never initialised is destroyed without touching the
 * kernel.
 *
 * Destruction is the ordered teardown: synchronize_srcu() (readers),
 * srcu_barrier() (callbacks), cleanup_srcu_struct() (per-CPU state).
 * Before that it waits, for at most teardown_bound_ms, for a grace period
 * that it polls: if one does not complete, a reader is leaked or stuck.
 * That is reported with the domain's name (and, with callbacks pending,
 * what queued the last of them), and then
 * - a domain (normal flavour) with no retire() callback pending is
 *   abandoned: its srcu_struct, allocated by the C shim, stays allocated
 *   for ever and nothing waits. That is safe: the grace-period machinery
 *   is kernel code and the memory it touches is never freed, and the
 *   reader, if it ever leaves, unlocks memory that is still there;
 * - with callbacks pending it keeps waiting, reporting every bound: those
 *   callbacks point into module code, and freeing the module under them
 *   would be worse than waiting;
 * - a fast_domain or fast_updown_domain keeps waiting, reporting every
 *   bound, as the kernel's Rust Srcu does: its srcu_struct is part of
 *   the domain object, whose memory the stuck reader's unlock will touch.
 *   The fast flavours hold it in place because their reader is two
 *   per-CPU increments: reaching the srcu_struct through a pointer was one
 *   dependent load more than C's, a third of the cost over C's
 *   (Documentation/core-api.rst, "The fast flavours' srcu_struct").
 */
#ifndef SRCU_CXX_SRCU_DOMAIN_HPP
#define SRCU_CXX_SRCU_DOMAIN_HPP

#include "srcu_cxx/base/type_traits.hpp"
#include "srcu_cxx/base/utility.hpp"
#include "srcu_cxx/domain_ref.hpp"
#include "srcu_cxx/lock_class.hpp"

namespace srcu_cxx {

enum class teardown_result {
	clean,		/* synchronize, barrier, cleanup: all done */
	abandoned,	/* a reader never left; the srcu_struct was leaked */
	not_initialised,
};

/*
 * The owning domain of a flavour (Ref: domain_ref, fast_domain_ref or
 * fast_updown_domain_ref, which gives it its read side). Without
 * InitInPlace its srcu_struct is allocated by the C shim; with one (the
 * fast flavours' init_srcu_struct_fast*()), it is a member that
 * InitInPlace sets up. Users name domain, fast_domain or
 * fast_updown_domain.
 */
template <typename Ref, auto InitInPlace = nullptr>
class basic_domain : public Ref {
	static constexpr bool InPlace =
		!is_same_v<decltype(InitInPlace), decltype(nullptr)>;

public:
	/* What a protected_ptr of this domain names as its Domain. */
	using ref_type = Ref;
	/* The srcu_struct is a member, not allocated (see above). */
	static constexpr bool srcu_in_place = InPlace;

	static constexpr unsigned int default_teardown_bound_ms = 10000;

	constexpr basic_domain() noexcept
	{
		this->pending_ = &pending_callbacks_;
	}

	~basic_domain() { (void)teardown(); }

	/*
	 * Initialise with a name and a lockdep class of the caller's own:
	 * pass `[] {}` as site (see lock_class.hpp). Returns 0 or -errno.
	 */
	template <typename Site>
	[[nodiscard]] int init(const char *name, Site) noexcept
	{
		return init_with_key(name, class_key<Site>::key);
	}

	[[nodiscard]] int init_with_key(const char *name,
					backend::lock_class_key &key) noexcept
	{
		/* A second init() would leak the first srcu_struct. */
		if (this->srcu_) {
			backend::warn("domain initialised twice", __FILE__, __LINE__);
			return backend::error_busy;
		}
		int err;

		if constexpr (InPlace) {
			err = InitInPlace(storage_, name, key);
			if (!err)
				this->srcu_ = backend::in_place(storage_);
		} else {
			err = backend::create(this->srcu_, name, key);
		}
		if (!err)
			this->name_ = name;
		return err;
	}

	/*
	 * A grace period itself takes milliseconds: a shorter bound would
	 * call the readers of every domain leaked (and, with a callback
	 * pending, turn the wait into a busy loop).
	 */
	static constexpr unsigned int min_teardown_bound_ms = 100;

	/*
	 * How long teardown waits for readers before calling one leaked;
	 * at least min_teardown_bound_ms.
	 */
	void set_teardown_bound_ms(unsigned int ms) noexcept
	{
		teardown_bound_ms_ = ms < min_teardown_bound_ms ?
				     min_teardown_bound_ms : ms;
	}

	/* The bound teardown uses, after the clamp. */
	[[nodiscard]] unsigned int teardown_bound_ms() const noexcept
	{
		return teardown_bound_ms_;
	}

	/*
	 * The ordered teardown, now rather than in the destructor; afterwards
	 * the domain is uninitialised.
	 */
	teardown_result teardown() noexcept
	{
		if (!this->srcu_)
			return teardown_result::not_initialised;

		unsigned int waited_ms = 0;

		while (!readers_left_within(teardown_bound_ms_)) {
			waited_ms += teardown_bound_ms_;
			if constexpr (InPlace) {
				backend::report_reader_in_place(this->name_,
								waited_ms);
				continue;
			}
			long pending = this->pending_callbacks();
			bool abandoning = pending == 0;

			backend::report_stuck_reader(this->name_, waited_ms, pending,
						     this->last_retired_, abandoning);
			if (abandoning) {
				backend::abandon(exchange(this->srcu_, nullptr),
						 this->name_);
				return teardown_result::abandoned;
			}
		}
		backend::synchronize(this->srcu_);
		backend::barrier(this->srcu_);
		if constexpr (InPlace)
			backend::cleanup(exchange(this->srcu_, nullptr));
		else
			backend::destroy(exchange(this->srcu_, nullptr));
		return teardown_result::clean;
	}

protected:
	/*
	 * The srcu_struct at a fixed offset in this object: a reader finds it
	 * with no load, as C finds a static one or one in its own struct.
	 */
	[[nodiscard]] backend::srcu_pointer in_place_srcu() noexcept
		requires InPlace
	{
		if constexpr (backend::debug_checks) {
			if (!this->srcu_)
				backend::warn("read lock on a domain never initialised",
					      __FILE__, __LINE__);
		}
		return backend::in_place(storage_);
	}

private:
	/* Poll a grace period, backing off, for up to @bound_ms. */
	bool readers_left_within(unsigned int bound_ms) noexcept
	{
		grace_period_cookie cookie = this->start_poll();
		unsigned long long start = backend::now_ns();
		unsigned long long bound_ns = bound_ms * 1000000ULL;
		unsigned int step_ms = 1;

		while (!this->poll(cookie)) {
			if (backend::now_ns() - start >= bound_ns)
				return false;
			backend::sleep_ms(step_ms);
			step_ms = min_step(step_ms * 2);
		}
		return true;
	}

	static constexpr unsigned int min_step(unsigned int ms) noexcept
	{
		return ms < 100 ? ms : 100;
	}

	struct no_storage {};

	unsigned int teardown_bound_ms_ = default_teardown_bound_ms;
	long pending_callbacks_ = 0;
	[[no_unique_address]] conditional_t<InPlace, backend::srcu_storage,
					    no_storage> storage_{};
};

/* A domain of the normal flavour: srcu_read_lock() readers. */
class domain : public basic_domain<domain_ref> {
public:
	constexpr domain() noexcept = default;
	/* Pinned: the srcu_struct's users hold pointers to it. */
	domain(const domain &) = delete;
	domain &operator=(const domain &) = delete;
};

#if SRCU_CXX_HAVE_FAST_READERS
/*
 * A domain of the SRCU-fast flavour: init_srcu_struct_fast(), and
 * srcu_read_lock_fast() readers. Absent where the kernel lacks SRCU-fast.
 */
class fast_domain
	: public basic_domain<fast_domain_ref, &backend::init_fast> {
public:
	constexpr fast_domain() noexcept = default;

	/* Enter a fast read-side critical section; it may sleep. */
	[[nodiscard]] guard read_lock() noexcept { return lock(in_place_srcu()); }
};
#endif

#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS
/*
 * A domain of the SRCU-fast-updown flavour: init_srcu_struct_fast_updown(),
 * and srcu_down_read_fast() readers that any context may end. Absent
 * where the kernel lacks it.
 */
class fast_updown_domain
	: public basic_domain<fast_updown_domain_ref, &backend::init_fast_updown> {
public:
	constexpr fast_updown_domain() noexcept = default;

	/* Enter one that any context may leave; it may sleep. */
	[[nodiscard]] guard down_read() noexcept
	{
		return lock(in_place_srcu());
	}
};
#endif

} // namespace srcu_cxx

#endif
