// SPDX-License-Identifier: GPL-2.0
/*
 * srcu_cxx_retire: deferred reclamation with retire<T, Deleter>() (over
 * call_srcu()), pending_callbacks() and barrier(). The objects are freed
 * for real by their deleters, so one freed too early is a use-after-free
 * that KASAN reports in the reader still holding it.
 */
#include "kunit/adapter.hpp"
#include "kunit/counted.hpp"
#include "kunit/reader.hpp"
#include "srcu_cxx/protected_ptr.hpp"
#include "srcu_cxx/mutex.hpp"

namespace {

using namespace srcu_kunit;

constexpr int retire_batch = 16;
constexpr int retire_many = 64;

} // namespace

SRCU_KUNIT_SUITE(retire, "srcu_cxx_retire");

SRCU_KUNIT_CASE(retire, deleter_waits_for_reader)
{
	counter runs;	/* before the domain: deleters may run in its teardown */
	domain d;
	srcu_cxx::mutex writer;
	srcu_cxx::protected_ptr<counted> slot(d, writer);

	if (!t.expect(d.init("srcu_kunit_retire", [] {}) == 0, "domain init"))
		return;
	writer.init("srcu_kunit_retire_writer", [] {});

	counted *object = make_counted(t, runs);

	if (!object)
		return;
	{
		auto w = writer.lock();

		(void)slot.replace(object, w);
	}

	/* A reader that loaded the object and stays until released. */
	object_reader<counted, counted::is_live> reader(t, slot);
	bool started = reader.start_until_released();
	counted *old;

	{
		auto w = writer.lock();

		old = slot.replace(nullptr, w);
	}
	retire(d, old);
	t.expect_eq(1, d.pending_callbacks(), "the retire is pending");
	sleep_ms(quiet_ms);
	t.expect_eq(0, runs.load(),
		    "the deleter ran while a reader that could see the object was inside");
	t.expect(!started || !reader.left(),
		 "the reader left before being released: test is void");
	reader.release();
	d.barrier();
	t.expect_eq(1, runs.load(), "the deleter ran once by barrier()");
	t.expect_eq(0, d.pending_callbacks(), "nothing pending after barrier()");
	reader.join();
	t.expect(!started || reader.intact(),
		 "the reader's object was freed while it held it");
}

SRCU_KUNIT_CASE(retire, pending_callbacks_counts_retires)
{
	counter runs;
	domain d;
	int queued = 0;

	if (!t.expect(d.init("srcu_kunit_pending", [] {}) == 0, "domain init"))
		return;
	t.expect_eq(0, d.pending_callbacks(), "a new domain has nothing pending");
	{
		/* With a reader inside no grace period ends: all stay pending. */
		auto guard = d.read_lock();

		for (; queued < retire_batch; queued++) {
			counted *object = make_counted(t, runs);

			if (!object)
				break;
			retire(d, object);
			t.expect_eq(queued + 1, d.pending_callbacks(),
				    "pending_callbacks() after a retire");
		}
		sleep_ms(quiet_ms);
		t.expect_eq(queued, d.pending_callbacks(),
			    "pending_callbacks() with a reader inside");
		t.expect_eq(0, runs.load(), "a deleter ran with a reader inside");
	}
	d.barrier();
	t.expect_eq(0, d.pending_callbacks(), "pending_callbacks() after barrier()");
	t.expect_eq(retire_batch, runs.load(), "deleters run by barrier()");
}

SRCU_KUNIT_CASE(retire, every_deleter_runs_exactly_once)
{
	array<counter> runs(t, retire_many);
	domain d;

	if (!t.expect(d.init("srcu_kunit_once", [] {}) == 0, "domain init"))
		return;
	for (int i = 0; i < retire_many; i++) {
		if (!runs.emplace_back())
			return;
		counted *object = make_counted(t, runs[i]);

		if (!object)
			break;
		retire(d, object);
	}
	d.barrier();

	int once = 0;

	for (counter &c : runs)
		once += c.load() == 1;
	t.expect_eq(retire_many, once, "objects whose deleter ran exactly once");
	t.expect_eq(0, d.pending_callbacks(), "nothing pending after barrier()");

	/* Later grace periods and barriers run nothing a second time. */
	d.synchronize();
	d.barrier();
	once = 0;
	for (counter &c : runs)
		once += c.load() == 1;
	t.expect_eq(retire_many, once,
		    "objects whose deleter ran exactly once, after more grace periods");
}
