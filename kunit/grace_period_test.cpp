// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_grace_period: synchronize(), synchronize_expedited() and the
 * polled cookies (get_state(), start_poll(), poll()) of a domain, against
 * reader kthreads asleep inside their critical sections.
 */
#include "kunit/adapter.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;

} // namespace

SRCU_KUNIT_SUITE(grace_period, "srcu_cxx_grace_period");

SRCU_KUNIT_CASE(grace_period, synchronize_waits_for_sleeping_reader)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_sync", [] {}) == 0, "domain init"))
		return;

	sleeping_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	/* The reader is asleep in its critical section: this must wait. */
	d.synchronize();
	t.expect(reader.left(),
		 "synchronize returned before the sleeping reader left");
}

SRCU_KUNIT_CASE(grace_period, synchronize_expedited_waits_for_sleeping_reader)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_sync_exp", [] {}) == 0, "domain init"))
		return;

	sleeping_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	d.synchronize_expedited();
	t.expect(reader.left(),
		 "synchronize_expedited returned before the sleeping reader left");
}

SRCU_KUNIT_CASE(grace_period, other_domain_reader_does_not_block)
{
	domain held, other;

	if (!t.expect(held.init("srcu_kunit_held", [] {}) == 0, "domain init") ||
	    !t.expect(other.init("srcu_kunit_other", [] {}) == 0, "domain init"))
		return;

	/* Inside until released: provably still inside below. */
	sleeping_reader reader(t, held);

	if (!reader.start_until_released())
		return;
	other.synchronize();
	other.synchronize_expedited();
	t.expect(!reader.left() && !reader.gave_up(),
		 "the reader of the other domain left on its own: test is void");
	reader.release();
	reader.join();
	t.expect(reader.left(), "the released reader left");
}

SRCU_KUNIT_CASE(grace_period, start_poll_waits_for_reader)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_poll", [] {}) == 0, "domain init"))
		return;

	sleeping_reader reader(t, d);

	if (!reader.start_until_released())
		return;

	auto cookie = d.start_poll();

	t.expect(stays_incomplete(d, cookie),
		 "a polled grace period ended with a reader inside");
	t.expect(!reader.left(), "the reader left before being released: test is void");
	reader.release();
	t.expect(completes_within(d, cookie),
		 "the polled grace period did not end after the reader left");
	t.expect(reader.left(), "poll() said done before the reader left");
}

SRCU_KUNIT_CASE(grace_period, get_state_then_synchronize_polls_done)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_state", [] {}) == 0, "domain init"))
		return;

	/* Nothing starts a grace period of a fresh, private domain. */
	auto cookie = d.get_state();

	t.expect(!d.poll(cookie),
		 "a get_state() cookie was done before any grace period");
	d.synchronize();
	t.expect(d.poll(cookie), "not done after synchronize()");

	auto expedited = d.get_state();

	t.expect(!d.poll(expedited),
		 "a get_state() cookie was done before any further grace period");
	d.synchronize_expedited();
	t.expect(d.poll(expedited), "not done after synchronize_expedited()");
}
