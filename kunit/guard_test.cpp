// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_guard: read_guard, the read-side critical section as an object,
 * on the kernel's SRCU. "Held" is shown the way SRCU defines it: a grace
 * period started while the guard is held cannot end until it is released.
 * These cases take guards in the test's own task and only poll (never wait
 * for) grace periods of a domain whose guard they hold.
 */
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;

/* A guard made in one function and returned: the section goes with it. */
domain::guard enter(domain &d) noexcept
{
	auto guard = d.read_lock();

	return guard;
}

} // namespace

SRCU_KUNIT_SUITE(guard, "srcu_cxx_guard");

SRCU_KUNIT_CASE(guard, holds_until_unlock)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_guard", [] {}) == 0, "domain init"))
		return;

	auto guard = d.read_lock();

	t.expect(d.owns(guard), "a fresh guard belongs to its domain");
	t.expect(guard.index() == 0 || guard.index() == 1,
		 "the index is one of the two SRCU counters");

	auto cookie = d.start_poll();

	t.expect(stays_incomplete(d, cookie),
		 "a grace period ended while a guard was held");
	guard.unlock();
	t.expect(!d.owns(guard), "an unlocked guard holds nothing");
	t.expect(completes_within(d, cookie),
		 "no grace period ended after the guard was released");
}

SRCU_KUNIT_CASE(guard, early_unlock_is_idempotent)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_unlock", [] {}) == 0, "domain init"))
		return;

	{
		auto guard = d.read_lock();

		guard.unlock();
		guard.unlock();	/* must not release a second time */
	}			/* nor must the destructor */

	/*
	 * One release too many would leave SRCU's counters unbalanced (and
	 * lockdep would report it): a new reader could then go unseen.
	 * Show that the next reader still holds a grace period back.
	 */
	sleeping_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	d.synchronize();
	t.expect(reader.left(),
		 "after a double unlock, synchronize no longer waits for a reader");
}

SRCU_KUNIT_CASE(guard, move_transfers_ownership)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_move", [] {}) == 0, "domain init"))
		return;

	auto first = d.read_lock();
	int index = first.index();
	auto cookie = d.start_poll();
	auto second = srcu_cxx::move(first);

	t.expect(!d.owns(first), "the moved-from guard gave up the section");
	t.expect(d.owns(second), "the moved-to guard holds it");
	t.expect_eq(index, second.index(), "the index moved with it");
	first.unlock();	/* holds nothing: releases nothing */
	t.expect(stays_incomplete(d, cookie),
		 "unlocking a moved-from guard ended the section");

	auto third = srcu_cxx::move(second);

	second.unlock();
	t.expect(stays_incomplete(d, cookie),
		 "a second move lost the section");
	third.unlock();
	t.expect(completes_within(d, cookie),
		 "no grace period ended after the last owner unlocked");

	/* Returned from a function, a guard still holds the section. */
	auto returned = enter(d);
	auto later = d.start_poll();

	t.expect(d.owns(returned), "a returned guard holds its section");
	t.expect(stays_incomplete(d, later),
		 "a grace period ended under a returned guard");
	returned.unlock();
	t.expect(completes_within(d, later),
		 "no grace period ended after the returned guard unlocked");
}

SRCU_KUNIT_CASE(guard, nested_guards_of_one_domain)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_nested", [] {}) == 0, "domain init"))
		return;

	/* Inner released first: the outer one still holds the section. */
	{
		auto outer = d.read_lock();
		auto inner = d.read_lock();
		auto cookie = d.start_poll();

		t.expect(d.owns(outer) && d.owns(inner), "both guards held");
		inner.unlock();
		t.expect(stays_incomplete(d, cookie),
			 "releasing the inner guard ended the outer section");
		outer.unlock();
		t.expect(completes_within(d, cookie),
			 "no grace period ended after both were released");
	}

	/* Released in the order taken: the same, the other way round. */
	{
		auto outer = d.read_lock();
		auto inner = d.read_lock();
		auto cookie = d.start_poll();

		outer.unlock();
		t.expect(stays_incomplete(d, cookie),
			 "releasing the outer guard ended the inner section");
		inner.unlock();
		t.expect(completes_within(d, cookie),
			 "no grace period ended after both were released");
	}
}

SRCU_KUNIT_CASE(guard, guards_of_two_domains)
{
	domain a, b;

	if (!t.expect(a.init("srcu_kunit_guard_a", [] {}) == 0, "domain init") ||
	    !t.expect(b.init("srcu_kunit_guard_b", [] {}) == 0, "domain init"))
		return;

	auto in_a = a.read_lock();
	auto in_b = b.read_lock();

	t.expect(a.owns(in_a) && !a.owns(in_b), "a's guard is a's alone");
	t.expect(b.owns(in_b) && !b.owns(in_a), "b's guard is b's alone");

	auto cookie_a = a.start_poll();
	auto cookie_b = b.start_poll();

	in_a.unlock();
	t.expect(completes_within(a, cookie_a),
		 "a's grace period waited for a guard of b");
	t.expect(!b.poll(cookie_b), "b's grace period ended with b's guard held");
	in_b.unlock();
	t.expect(completes_within(b, cookie_b),
		 "no grace period of b ended after its guard was released");
}
