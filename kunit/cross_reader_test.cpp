// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_cross_reader: cross_read_guard (srcu_down_read()/srcu_up_read()),
 * a read-side critical section that one task enters and another leaves.
 *
 * The type exists only where the kernel has srcu_down_read(): elsewhere
 * the suite compiles without the bodies and skips.
 */
#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;

#if !SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
constexpr const char *no_down_read = "the kernel has no srcu_down_read()";
#else

/* A guard the test took and handed to a kthread, which leaves with it. */
struct handover {
	srcu_cxx::cross_read_guard guard;
	flag left;
};

/* Sleep inside someone else's critical section, then end it. */
void sleep_then_unlock(handover &h) noexcept
{
	sleep_ms(reader_sleep_ms);
	h.left.set();
	h.guard.unlock();
}

void released_in_another_task(test &t) noexcept
{
	srcu_cxx::domain d;

	if (!t.expect(d.init("srcu_kunit_cross", [] {}) == 0, "domain init"))
		return;

	auto guard = d.down_read();
	handover h{srcu_cxx::move(guard), {}};
	thread unlocker;

	t.expect(!guard.holds(d.srcu()), "the moved-from guard holds nothing");
	t.expect(h.guard.holds(d.srcu()), "the handed-over guard holds the section");
	if (!t.expect(unlocker.start<handover, sleep_then_unlock>(
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
struct taken_elsewhere {
	srcu_cxx::domain *d;
	srcu_cxx::cross_read_guard *guard;
};

void take_and_exit(taken_elsewhere &s) noexcept
{
	s.guard = new (srcu_cxx::gfp::kernel)
		srcu_cxx::cross_read_guard(s.d->down_read());
}

void outlives_the_task_that_took_it(test &t) noexcept
{
	srcu_cxx::domain d;

	if (!t.expect(d.init("srcu_kunit_cross_exit", [] {}) == 0, "domain init"))
		return;

	taken_elsewhere s{&d, nullptr};
	thread taker;

	if (!t.expect(taker.start<taken_elsewhere, take_and_exit>(
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

#endif

} // namespace

SRCU_KUNIT_SUITE(cross_reader, "srcu_cxx_cross_reader");

SRCU_KUNIT_CASE(cross_reader, released_in_another_task)
{
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
	released_in_another_task(t);
#else
	t.skip(no_down_read);
#endif
}

SRCU_KUNIT_CASE(cross_reader, outlives_the_task_that_took_it)
{
#if SRCU_CXX_HAVE_CROSS_CONTEXT_READERS
	outlives_the_task_that_took_it(t);
#else
	t.skip(no_down_read);
#endif
}
