// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_cross_reader: cross_read_guard (srcu_down_read()/srcu_up_read())
 * and fast_cross_read_guard (srcu_down_read_fast()/srcu_up_read_fast(), on
 * a fast_updown_domain), read-side critical sections that one task enters
 * and another leaves. The same cases run on both flavours.
 *
 * Each type exists only where the kernel has it: elsewhere the suite
 * compiles without those bodies and skips.
 */
#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;

[[maybe_unused]] constexpr const char *no_down_read =
	"the kernel has no srcu_down_read()";
[[maybe_unused]] constexpr const char *no_fast_down_read =
	"the kernel has no SRCU-fast-updown (srcu_down_read_fast())";

/* What a domain's down_read() hands out (unevaluated: a declval). */
template <typename Domain>
using cross_guard_of = decltype(static_cast<Domain &(*)()>(nullptr)().down_read());

/* A guard the test took and handed to a kthread, which leaves with it. */
template <typename Domain>
struct handover {
	cross_guard_of<Domain> guard;
	flag left;
};

/* Sleep inside someone else's critical section, then end it. */
template <typename Domain>
void sleep_then_unlock(handover<Domain> &h) noexcept
{
	sleep_ms(reader_sleep_ms);
	h.left.set();
	h.guard.unlock();
}

template <typename Domain>
void released_in_another_task(test &t) noexcept
{
	Domain d;

	if (!t.expect(d.init("srcu_kunit_cross", [] {}) == 0, "domain init"))
		return;

	auto guard = d.down_read();
	handover<Domain> h{srcu_cxx::move(guard), {}};
	thread unlocker;

	t.expect(!guard.holds(d.srcu()), "the moved-from guard holds nothing");
	t.expect(h.guard.holds(d.srcu()), "the handed-over guard holds the section");
	if (!t.expect(unlocker.start<handover<Domain>, sleep_then_unlock<Domain>>(
			      t, h, "srcu_kunit_up_read"), "unlocker started"))
		return;
	/* The section is the kthread's now: this waits for its unlock. */
	d.synchronize();
	t.expect(h.left.is_set(),
		 "synchronize returned before the other task ended the section");
	unlocker.join();
	t.expect(!h.guard.holds(d.srcu()), "the kthread's unlock emptied the guard");
}

/* A kthread that enters a section and exits, leaving the guard behind. */
template <typename Domain>
struct taken_elsewhere {
	Domain *d;
	cross_guard_of<Domain> *guard;
};

template <typename Domain>
void take_and_exit(taken_elsewhere<Domain> &s) noexcept
{
	s.guard = new (srcu_cxx::gfp::kernel)
		cross_guard_of<Domain>(s.d->down_read());
}

template <typename Domain>
void outlives_the_task_that_took_it(test &t) noexcept
{
	Domain d;

	if (!t.expect(d.init("srcu_kunit_cross_exit", [] {}) == 0, "domain init"))
		return;

	taken_elsewhere<Domain> s{&d, nullptr};
	thread taker;

	if (!t.expect(taker.start<taken_elsewhere<Domain>, take_and_exit<Domain>>(
			      t, s, "srcu_kunit_down_read"), "taker started"))
		return;
	taker.join();	/* the task that entered has exited */
	if (!t.expect(s.guard != nullptr, "no memory for the guard"))
		return;

	auto cookie = d.start_poll();

	t.expect(s.guard->holds(d.srcu()), "the guard holds the section");
	t.expect(stays_incomplete(d, cookie),
		 "the section ended with the task that entered it");
	delete s.guard;	/* ended here, in another task */
	t.expect(completes_within(d, cookie),
		 "no grace period ended after the test released the guard");
}

} // namespace

SRCU_KUNIT_SUITE(cross_reader, "srcu_cxx_cross_reader");

SRCU_KUNIT_CASE(cross_reader, released_in_another_task)
{
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
	released_in_another_task<srcu_cxx::domain>(t);
#else
	t.skip(no_down_read);
#endif
}

SRCU_KUNIT_CASE(cross_reader, outlives_the_task_that_took_it)
{
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
	outlives_the_task_that_took_it<srcu_cxx::domain>(t);
#else
	t.skip(no_down_read);
#endif
}

SRCU_KUNIT_CASE(cross_reader, fast_released_in_another_task)
{
#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS
	released_in_another_task<srcu_cxx::fast_updown_domain>(t);
#else
	t.skip(no_fast_down_read);
#endif
}

SRCU_KUNIT_CASE(cross_reader, fast_outlives_the_task_that_took_it)
{
#if SRCU_CXX_HAVE_FAST_CROSS_CONTEXT_READERS
	outlives_the_task_that_took_it<srcu_cxx::fast_updown_domain>(t);
#else
	t.skip(no_fast_down_read);
#endif
}
