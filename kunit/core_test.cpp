// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for the C++ SRCU core on the real kernel SRCU.
 */
#include "kernel/backend.hpp"
#include "kunit/adapter.hpp"
#include "srcu/domain.hpp"
#include "srcu/protected_ptr.hpp"
#include "sync/mutex.hpp"

namespace {

using backend = srcu_cxx::kernel_backend;
using domain = srcu_cxx::domain<backend>;

/* Long enough that a synchronize that did not wait would return first. */
constexpr unsigned int reader_sleep_ms = 300;
constexpr unsigned int event_timeout_ms = 10000;

bool loaded(const int &flag)
{
	return __atomic_load_n(&flag, __ATOMIC_ACQUIRE);
}

void set(int &flag)
{
	__atomic_store_n(&flag, 1, __ATOMIC_RELEASE);
}

} // namespace

SRCU_KUNIT_CASE(core, guard_holds_until_unlock)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_guard", [] {}) == 0, "domain init"))
		return;

	auto guard = d.read_lock();

	t.expect(d.owns(guard), "a fresh guard belongs to its domain");
	t.expect(guard.index() == 0 || guard.index() == 1,
		 "the index is one of the two SRCU counters");
	guard.unlock();
	t.expect(!d.owns(guard), "an unlocked guard holds nothing");
	guard.unlock();	/* a second unlock is a no-op, not a second release */
	d.synchronize();
}

SRCU_KUNIT_CASE(core, guard_moves_ownership)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_move", [] {}) == 0, "domain init"))
		return;

	auto first = d.read_lock();
	auto second = srcu_cxx::move(first);

	t.expect(!d.owns(first), "the moved-from guard gave up the lock");
	t.expect(d.owns(second), "the moved-to guard holds it");
}

namespace {

struct sleeping_reader_state {
	domain *d;
	srcu_kunit::event entered;
	srcu_kunit::event release;
	unsigned int sleep_ms;
	int leaving;
};

/* Sleeps inside the critical section, then marks that it is leaving. */
void sleeping_reader(sleeping_reader_state &s)
{
	auto guard = s.d->read_lock();

	s.entered.signal();
	if (s.sleep_ms)
		srcu_cxx_msleep(s.sleep_ms);
	else
		(void)s.release.wait(event_timeout_ms);
	set(s.leaving);
}

} // namespace

SRCU_KUNIT_CASE(core, synchronize_waits_for_sleeping_reader)
{
	domain d;

	if (!t.expect(d.init("srcu_kunit_sync", [] {}) == 0, "domain init"))
		return;

	sleeping_reader_state s{&d, srcu_kunit::event(t), srcu_kunit::event(t),
				reader_sleep_ms, 0};
	srcu_kunit::thread reader;

	if (!t.expect(s.entered.valid() && s.release.valid(), "events") ||
	    !t.expect(reader.start<sleeping_reader_state, sleeping_reader>(
			      t, s, "srcu_kunit_reader"), "reader started") ||
	    !t.expect(s.entered.wait(event_timeout_ms), "reader entered"))
		return;

	/* The reader is asleep in its critical section: this must wait. */
	d.synchronize();
	t.expect(loaded(s.leaving),
		 "synchronize returned before the sleeping reader left");
}

SRCU_KUNIT_CASE(core, other_domain_reader_does_not_block)
{
	domain held, other;

	if (!t.expect(held.init("srcu_kunit_held", [] {}) == 0, "domain init") ||
	    !t.expect(other.init("srcu_kunit_other", [] {}) == 0, "domain init"))
		return;

	sleeping_reader_state s{&held, srcu_kunit::event(t),
				srcu_kunit::event(t), 0, 0};
	srcu_kunit::thread reader;

	if (!t.expect(s.entered.valid() && s.release.valid(), "events") ||
	    !t.expect(reader.start<sleeping_reader_state, sleeping_reader>(
			      t, s, "srcu_kunit_reader"), "reader started") ||
	    !t.expect(s.entered.wait(event_timeout_ms), "reader entered")) {
		s.release.signal();
		return;
	}

	/* Domains are independent: a reader of one never delays another. */
	other.synchronize();
	t.expect(!loaded(s.leaving),
		 "the reader left before being released: test is void");
	s.release.signal();
	reader.join();
	held.synchronize();
}

namespace {

struct payload {
	int value;
};

} // namespace

SRCU_KUNIT_CASE(core, replace_returns_previous_object)
{
	domain d;
	srcu_cxx::mutex<backend> writer;
	srcu_cxx::protected_ptr<payload, backend> slot(d, writer);
	payload first{1}, second{2};

	if (!t.expect(d.init("srcu_kunit_ptr", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_ptr_writer", [] {});

	{
		auto w = writer.lock();

		t.expect(slot.replace(&first, w) == nullptr,
			 "an empty slot gives back nothing");
	}
	{
		auto guard = d.read_lock();

		t.expect_eq(1, slot.get(guard)->value, "reader sees the first object");
	}
	{
		auto w = writer.lock();

		t.expect(slot.replace(&second, w) == &first,
			 "replace gives back the previous object");
		t.expect_eq(2, slot.get(w)->value, "updater sees the new object");
	}
	d.synchronize();
}
