// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_cross_reader: cross_read_guard (srcu_down_read()/srcu_up_read()),
 * a read-side critical section that one task enters and another leaves.
 *
 * The type exists only where the kernel has srcu_down_read(): the bodies
 * are templates over the backend whose cross-context parts sit under
 * `if constexpr`, so the suite still compiles, and skips, where it is not.
 */
#include "base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;

constexpr const char *no_down_read = "the kernel has no srcu_down_read()";

/* A guard the test took and handed to a kthread, which leaves with it. */
template <typename B>
struct handover {
	srcu_cxx::cross_read_guard<B> guard;
	flag left;
};

/* Sleep inside someone else's critical section, then end it. */
template <typename B>
void sleep_then_unlock(handover<B> &h) noexcept
{
	sleep_ms(reader_sleep_ms);
	h.left.set();
	h.guard.unlock();
}

template <typename B>
void released_in_another_task(test &t) noexcept
{
	if constexpr (!B::has_cross_context_readers) {
		t.skip(no_down_read);
	} else {
		srcu_cxx::domain<B> d;

		if (!t.expect(d.init("srcu_kunit_cross", [] {}) == 0, "domain init"))
			return;

		auto guard = d.down_read();
		handover<B> h{srcu_cxx::move(guard), {}};
		thread unlocker;

		t.expect(!guard.holds(d.srcu()), "the moved-from guard holds nothing");
		t.expect(h.guard.holds(d.srcu()), "the handed-over guard holds the section");
		if (!t.expect(unlocker.start<handover<B>, sleep_then_unlock<B>>(
				      t, h, "srcu_kunit_up_read"), "unlocker started"))
			return;
		/* The section is the kthread's now: this waits for its unlock. */
		d.synchronize();
		t.expect(h.left.is_set(),
			 "synchronize returned before the other task ended the section");
		unlocker.join();
		t.expect(!h.guard.holds(d.srcu()), "the kthread's unlock emptied the guard");
	}
}

/* A kthread that enters a section and exits, leaving the guard behind. */
template <typename B>
struct taken_elsewhere {
	srcu_cxx::domain<B> *d;
	srcu_cxx::cross_read_guard<B> *guard;
};

template <typename B>
void take_and_exit(taken_elsewhere<B> &s) noexcept
{
	s.guard = new (srcu_cxx::gfp::kernel)
		srcu_cxx::cross_read_guard<B>(s.d->down_read());
}

template <typename B>
void outlives_the_task_that_took_it(test &t) noexcept
{
	if constexpr (!B::has_cross_context_readers) {
		t.skip(no_down_read);
	} else {
		srcu_cxx::domain<B> d;

		if (!t.expect(d.init("srcu_kunit_cross_exit", [] {}) == 0, "domain init"))
			return;

		taken_elsewhere<B> s{&d, nullptr};
		thread taker;

		if (!t.expect(taker.start<taken_elsewhere<B>, take_and_exit<B>>(
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
}

} // namespace

SRCU_KUNIT_CASE(cross_reader, released_in_another_task)
{
	released_in_another_task<backend>(t);
}

SRCU_KUNIT_CASE(cross_reader, outlives_the_task_that_took_it)
{
	outlives_the_task_that_took_it<backend>(t);
}
