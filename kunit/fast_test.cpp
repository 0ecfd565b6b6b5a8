// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_fast: fast_domain and fast_read_guard, the SRCU-fast flavour
 * (init_srcu_struct_fast(), srcu_read_lock_fast()/srcu_read_unlock_fast()).
 *
 * Fast readers may sleep, a grace period (normal or expedited) waits for
 * one that sleeps, a protected object outlives its fast readers, and the
 * fast domain's teardown is the ordered one: it waits for the reader,
 * then for the deleters retire() queued, then cleans up.
 *
 * The types exist only where the kernel has SRCU-fast: elsewhere the
 * suite compiles without the bodies and skips.
 */
#include "srcu_cxx/base/new.hpp"
#include "kunit/adapter.hpp"
#include "kunit/counted.hpp"
#include "kunit/reader.hpp"

namespace {

using namespace srcu_kunit;

#if !SRCU_CXX_HAVE_FAST_READERS
constexpr const char *no_fast = "the kernel has no SRCU-fast";
#else

using fast_domain = srcu_cxx::fast_domain;
using fast_domain_ref = srcu_cxx::fast_domain_ref;

/* A kthread inside a fast_read_guard of one fast domain. */
using fast_reader = sleeping_reader<fast_domain_ref>;

void holds_until_unlock(test &t) noexcept
{
	fast_domain d;

	if (!t.expect(d.init("srcu_kunit_fast_guard", [] {}) == 0, "domain init"))
		return;

	auto guard = d.read_lock();
	auto moved = srcu_cxx::move(guard);
	auto cookie = d.start_poll();

	t.expect(!d.owns(guard), "the moved-from fast guard holds nothing");
	t.expect(d.owns(moved), "the moved-to fast guard holds the section");
	t.expect(stays_incomplete(d, cookie),
		 "a grace period ended while a fast guard was held");
	moved.unlock();
	t.expect(!d.owns(moved), "an unlocked fast guard holds nothing");
	t.expect(completes_within(d, cookie),
		 "no grace period ended after the fast guard was released");
}

void sleeps_inside(test &t) noexcept
{
	fast_domain d;

	if (!t.expect(d.init("srcu_kunit_fast_sleep", [] {}) == 0, "domain init"))
		return;

	auto guard = d.read_lock();

	/* What srcu_read_lock_fast() allows and rcu_read_lock() does not. */
	sleep_ms(quiet_ms);
	t.expect(d.owns(guard), "the fast guard survived a sleep");
}

void synchronize_waits_for_sleeping_reader(test &t) noexcept
{
	fast_domain d;

	if (!t.expect(d.init("srcu_kunit_fast_sync", [] {}) == 0, "domain init"))
		return;

	fast_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	d.synchronize();
	t.expect(reader.left(),
		 "synchronize returned before the sleeping fast reader left");
}

void synchronize_expedited_waits_for_sleeping_reader(test &t) noexcept
{
	fast_domain d;

	if (!t.expect(d.init("srcu_kunit_fast_exp", [] {}) == 0, "domain init"))
		return;

	fast_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	d.synchronize_expedited();
	t.expect(reader.left(),
		 "synchronize_expedited returned before the sleeping fast reader left");
}

void teardown_is_ordered(test &t) noexcept
{
	constexpr int retires = 8;
	fast_domain d;
	counter runs;

	if (!t.expect(d.init("srcu_kunit_fast_teardown", [] {}) == 0, "domain init"))
		return;

	fast_reader reader(t, d);

	if (!reader.start_for(reader_sleep_ms))
		return;
	for (int i = 0; i < retires; i++) {
		counted *object = make_counted(t, runs);

		if (!object)
			break;
		retire(d, object);
	}
	t.expect_eq(as_int(srcu_cxx::teardown_result::clean), as_int(d.teardown()),
		    "teardown is clean");
	t.expect(reader.left(), "teardown returned before the fast reader left");
	t.expect_eq(d.pending_callbacks(), 0, "nothing pending after teardown");
	t.expect_eq(retires, runs.load(), "deleters run when teardown returned");
}

#endif

} // namespace

SRCU_KUNIT_SUITE(fast, "srcu_cxx_fast");

SRCU_KUNIT_CASE(fast, holds_until_unlock)
{
#if SRCU_CXX_HAVE_FAST_READERS
	holds_until_unlock(t);
#else
	t.skip(no_fast);
#endif
}

SRCU_KUNIT_CASE(fast, sleeps_inside)
{
#if SRCU_CXX_HAVE_FAST_READERS
	sleeps_inside(t);
#else
	t.skip(no_fast);
#endif
}

SRCU_KUNIT_CASE(fast, synchronize_waits_for_sleeping_reader)
{
#if SRCU_CXX_HAVE_FAST_READERS
	synchronize_waits_for_sleeping_reader(t);
#else
	t.skip(no_fast);
#endif
}

SRCU_KUNIT_CASE(fast, synchronize_expedited_waits_for_sleeping_reader)
{
#if SRCU_CXX_HAVE_FAST_READERS
	synchronize_expedited_waits_for_sleeping_reader(t);
#else
	t.skip(no_fast);
#endif
}

SRCU_KUNIT_CASE(fast, teardown_is_ordered)
{
#if SRCU_CXX_HAVE_FAST_READERS
	teardown_is_ordered(t);
#else
	t.skip(no_fast);
#endif
}
